//! The wasm build's global allocator, with a count of the bytes in use.
//!
//! The allocator is the workspace crate `ucb-heap` (`heap/`): one free list per power-of-two
//! block size, new blocks carved from the end of the module's memory, never split nor
//! coalesced, so memory freed in blocks of one size serves only that size again (its crate
//! docs say what that costs, `docs/decisions/own-allocator.md` why the library keeps it). It
//! holds the unsafe code this crate denies, and is checked as a crate of its own: unit and
//! property tests, Miri (`scripts/miri.sh`) and the `heap` fuzz target.
//!
//! The count is what a leak test needs: `WebAssembly.Memory` only grows, so its size says
//! nothing about what was freed. `api::common` exposes it to JavaScript as `__heapInUse()`
//! (diagnostics for the soak tests, not part of the typed API). Natively the library runs on
//! std's allocator, and there is nothing here.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
use ucb_heap::{Classes, Counted, WasmPages};

// The allocator is for a module with one thread; a build with shared memory would need another
// (and a count of another allocator's would hide leaks from the soak tests).
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("ucontact-bridge's wasm allocator is single-threaded: build without the `atomics` target feature");

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: Counted<Classes<WasmPages>> = Counted::new(Classes::new(WasmPages));

/// Bytes the library has asked the allocator for and not given back (as asked: not rounded up
/// to blocks, and not counting what the allocator keeps on its free lists).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub fn in_use() -> usize {
    ALLOCATOR.in_use()
}
