//! The wasm allocator of `ucontact-bridge`, with a count of the bytes in use.
//!
//! [`Classes`] keeps one free list per power-of-two block size and carves new blocks from the
//! end of wasm memory: allocating and freeing are a few instructions each, with no search and
//! no coalescing, and the whole allocator is under a kilobyte of wasm (talc, the
//! general-purpose allocator it replaced, was about twice that; `docs/decisions/own-allocator.md`
//! has the measurement and why it stays). What it gives up is
//! reuse across sizes: memory freed in blocks of one size serves only that size again, so a
//! page's wasm memory is about its peak use per size, each block at most twice the bytes asked
//! for. (The space skipped to align a new block is not lost: it goes on the free lists as the
//! blocks that fit it.) The library's buffers (messages, records, base-file pieces) are
//! short-lived and of a few sizes, which is the case this suits.
//!
//! [`Counted`] wraps an allocator with a count of the bytes handed out and not freed: what a
//! leak test needs, because `WebAssembly.Memory` only grows, so its size says nothing about
//! what was freed. The library exposes its allocator's count to JavaScript as `__heapInUse()`
//! (diagnostics for the soak tests, not part of the typed API).
//!
//! The allocator is generic over where its pages come from ([`Pages`]): the library's wasm
//! build uses [`WasmPages`] (the module's own memory), and the tests, Miri and the fuzz target
//! an ordinary buffer.
//!
//! Addresses are pointers throughout, never integers turned back into pointers: every block
//! carries the provenance of the pages it was carved from, so Miri can check each access
//! against them (`-Zmiri-strict-provenance`).
#![cfg_attr(not(test), no_std)]

mod counted;
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod wasm;

#[cfg(test)]
mod tests;

use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;
use core::ptr::{self, NonNull};

pub use counted::Counted;
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub use wasm::WasmPages;

/// The unit in which wasm memory grows.
pub const PAGE: usize = 65_536;

/// Block sizes are `1 << class` for `class` in `MIN_CLASS..CLASSES`: 8 bytes (enough for the
/// free list's link) to 2 GiB.
const MIN_CLASS: u32 = 3;
const CLASSES: usize = 32;

/// Where [`Classes`] gets memory: whole pages, added after what it already has.
///
/// # Safety
///
/// `grow(n)` returns `None`, or a pointer to `n * PAGE` bytes of writable memory that belong
/// to the allocator from then on (nothing else reads or writes them, and no other call returns
/// any of them again). Its address is a multiple of [`PAGE`] and not 0.
///
/// A grant that begins where the previous one ended is used as one range with it: a block may
/// straddle the two and be reached through the earlier pointer. So the provenance of each
/// pointer must cover the grants that follow on from it (as it does for pages of one buffer, and
/// for wasm memory, whose pointers all carry the exposed provenance of the whole memory).
pub unsafe trait Pages {
    /// Adds `n` pages and returns a pointer to the first, or `None` when no more memory can be
    /// had.
    fn grow(&self, n: usize) -> Option<NonNull<u8>>;
}

/// A size-class allocator over [`Pages`] (crate docs). Single-threaded: it is `Sync` only in the
/// wasm build, which has one thread.
pub struct Classes<P> {
    pages: P,
    /// Per class, the first free block (null: none). A free block's first word holds the next.
    free: [Cell<*mut u8>; CLASSES],
    /// The memory not yet carved into blocks: `next` up to the address `end`.
    next: Cell<*mut u8>,
    end: Cell<usize>,
}

impl<P: Pages> Classes<P> {
    /// An allocator that has no memory yet.
    pub const fn new(pages: P) -> Self {
        Self {
            pages,
            free: [const { Cell::new(ptr::null_mut()) }; CLASSES],
            next: Cell::new(ptr::null_mut()),
            end: Cell::new(0),
        }
    }

    /// The size of the block that serves `layout`, or `None` for what no block serves (more
    /// than 2 GiB, or aligned to more than a page). A block is aligned to `min(size, PAGE)`, and
    /// its size is at least the alignment, so every block suits its layout.
    pub fn block_size(layout: Layout) -> Option<usize> {
        Self::class(layout).map(|class| 1 << class)
    }

    /// The class of blocks for `layout` (`block_size` is `1 << class`).
    fn class(layout: Layout) -> Option<usize> {
        let n = layout.size().max(layout.align());
        if n > 1 << (CLASSES - 1) || layout.align() > PAGE {
            return None;
        }
        Some(n.next_power_of_two().trailing_zeros().max(MIN_CLASS) as usize)
    }

    /// A new block of `1 << class` bytes from the uncarved memory, growing it when short.
    fn carve(&self, class: usize) -> Option<*mut u8> {
        let size = 1usize << class;
        let align = size.min(PAGE);
        let next = self.next.get();
        let start = next.addr().checked_add(align - 1)? & !(align - 1);
        if let Some(end) = start.checked_add(size).filter(|&end| end <= self.end.get()) {
            let block = next.with_addr(start);
            self.keep(next, block);
            self.next.set(next.with_addr(end));
            return Some(block);
        }
        // Short: enough new pages for the block even if they do not follow on from ours.
        let pages = size.div_ceil(PAGE);
        let at = self.pages.grow(pages)?.as_ptr();
        // The very top of a 32-bit address space ends at 2^32, one past `usize::MAX`: the last
        // byte is then left unused rather than the end overflowing.
        let new_end = at.addr().saturating_add(pages * PAGE);
        // Following on (the usual case), the block starts where it would have, reached through
        // the pointer to our memory (`Pages` allows it): `start` is at most the old end, which
        // is page-aligned. Elsewhere (the first call, or memory grown by someone else), what was
        // left of the old memory goes on the free lists and carving starts anew in the new
        // pages.
        let (base, start) = if at.addr() == self.end.get() {
            (next, start)
        } else {
            self.keep(next, next.with_addr(self.end.get()));
            (at, at.addr())
        };
        self.next.set(base);
        self.end.set(new_end);
        // Fails only at the very top of the address space; the new pages then serve the next,
        // smaller blocks.
        let end = start.checked_add(size).filter(|&end| end <= new_end)?;
        let block = base.with_addr(start);
        self.keep(base, block);
        self.next.set(base.with_addr(end));
        Some(block)
    }

    /// Puts the uncarved memory `from..to` on the free lists as the largest aligned blocks it
    /// holds, so that aligning a block wastes nothing. Both ends are multiples of 8 (every
    /// block size is), so every piece is a block of some class.
    fn keep(&self, from: *mut u8, to: *mut u8) {
        let mut at = from;
        while at.addr() < to.addr() {
            let class = at.addr().trailing_zeros().min((to.addr() - at.addr()).ilog2()).min(PAGE.trailing_zeros());
            if class < MIN_CLASS {
                return;
            }
            // SAFETY: `at..at + (1 << class)` is uncarved memory of ours (`from..to` is), aligned
            // to its size; carving moves past it, so it is handed out only from the list.
            unsafe { self.push(class as usize, at) };
            at = at.wrapping_add(1 << class);
        }
    }

    /// Puts the block at `at` on the free list of `class`.
    ///
    /// # Safety
    ///
    /// `at` is a block of that class (memory of the allocator's, aligned for the class, with
    /// the provenance to write it) that nothing uses from now on: its first word is overwritten.
    unsafe fn push(&self, class: usize, at: *mut u8) {
        // SAFETY: per the contract, a word (every block is at least 8 bytes and aligned to 8)
        // that nothing else reads or writes.
        unsafe { at.cast::<*mut u8>().write(self.free[class].get()) };
        self.free[class].set(at);
    }

    fn alloc_class(&self, class: usize) -> *mut u8 {
        let head = self.free[class].get();
        if !head.is_null() {
            // SAFETY: `head` is a free block of this class (aligned, at least 8 bytes), whose
            // first word `push` wrote.
            self.free[class].set(unsafe { head.cast::<*mut u8>().read() });
            return head;
        }
        self.carve(class).unwrap_or(ptr::null_mut())
    }
}

// SAFETY: all memory comes from `Pages`, whose contract makes it the allocator's alone. A block
// is handed out at most once until freed: a free list holds only freed blocks and memory never
// handed out (`keep`), and carving moves past what it returns. Each block is aligned and sized
// for its layout (`class`). `dealloc` and `realloc` find a block's class from the layout it
// was allocated with (or shrunk to, which a larger block serves), as `GlobalAlloc`'s contract
// guarantees.
unsafe impl<P: Pages> GlobalAlloc for Classes<P> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match Self::class(layout) {
            Some(class) => self.alloc_class(class),
            None => ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(class) = Self::class(layout) {
            // SAFETY: the caller hands back a block allocated for `layout` (or shrunk to it),
            // which is one of this class or a larger one, aligned for it.
            unsafe { self.push(class, ptr) };
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size`, rounded up to the alignment, does not
        // overflow `isize`.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let (Some(old_class), Some(new_class)) = (Self::class(layout), Self::class(new)) else {
            return ptr::null_mut();
        };
        if old_class == new_class {
            return ptr;
        }
        let moved = self.alloc_class(new_class);
        if moved.is_null() && new_class < old_class {
            // Shrinking with no memory to move to: the block stays, and a later `dealloc`
            // with the smaller layout files it under the smaller class, which it more than
            // fills (and is aligned for).
            return ptr;
        }
        if !moved.is_null() {
            // SAFETY: two distinct live blocks, each at least as long as what is copied; the
            // old one is the caller's to give back.
            unsafe {
                ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        moved
    }
}
