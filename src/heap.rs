//! The wasm build's allocator: talc (smaller and faster than the default dlmalloc; see
//! BENCHMARKS.md), with a count of the bytes in use.
//!
//! The count is what a leak test needs: `WebAssembly.Memory` only grows, so its size says
//! nothing about what was freed. `api::common` exposes it to JavaScript as `__heapInUse()`
//! (diagnostics for the soak tests, not part of the typed API).

use core::alloc::{GlobalAlloc, Layout};
use core::sync::atomic::{AtomicUsize, Ordering};

/// Bytes handed out by the allocator and not freed yet.
static IN_USE: AtomicUsize = AtomicUsize::new(0);

/// Bytes of wasm memory the library holds now.
pub fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed)
}

/// Counts what `A` hands out and takes back.
pub struct Counted<A>(pub A);

// SAFETY: every method forwards to the inner allocator unchanged; the count is only a number.
#[allow(unsafe_code)]
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counted<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { self.0.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
            IN_USE.fetch_add(new_size, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counted<talc::wasm::WasmDynamicTalc> = Counted(talc::wasm::new_wasm_dynamic_allocator());
