//! [`Counted`]: an allocator with a count of the bytes in use.

use core::alloc::{GlobalAlloc, Layout};
use core::sync::atomic::{AtomicUsize, Ordering};

/// Counts what `A` hands out and takes back: [`in_use`](Counted::in_use) is the bytes asked for
/// and not given back yet (as asked: not rounded up to blocks, and not counting what `A` keeps
/// for reuse). Failed allocations and reallocations count nothing.
pub struct Counted<A> {
    inner: A,
    in_use: AtomicUsize,
}

impl<A> Counted<A> {
    /// `inner`, counted from 0.
    pub const fn new(inner: A) -> Self {
        Self { inner, in_use: AtomicUsize::new(0) }
    }

    /// Bytes handed out and not freed yet.
    pub fn in_use(&self) -> usize {
        self.in_use.load(Ordering::Relaxed)
    }

    /// The allocator counted.
    pub fn inner(&self) -> &A {
        &self.inner
    }
}

// SAFETY: every method forwards to the inner allocator unchanged; the count is only a number.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counted<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller keeps `alloc`'s contract, which is the inner allocator's.
        let p = unsafe { self.inner.alloc(layout) };
        if !p.is_null() {
            self.in_use.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller keeps `dealloc`'s contract: `ptr` came from this allocator, which
        // is the inner one's.
        unsafe { self.inner.dealloc(ptr, layout) };
        self.in_use.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`, and `new_size` is the caller's to keep valid.
        let p = unsafe { self.inner.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // The block is now `new_size` bytes long (moved or not); on failure it keeps its
            // old layout and the count is unchanged.
            self.in_use.fetch_sub(layout.size(), Ordering::Relaxed);
            self.in_use.fetch_add(new_size, Ordering::Relaxed);
        }
        p
    }
}
