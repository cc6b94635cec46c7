//! The wasm build's allocator, with a count of the bytes in use.
//!
//! [`Classes`] keeps one free list per power-of-two block size and carves new blocks from the
//! end of wasm memory: allocating and freeing are a few instructions each, with no search and
//! no coalescing, and the whole allocator is a few hundred bytes of wasm (the general-purpose
//! allocators it replaced were several times that; BENCHMARKS.md has the measurement). What it
//! gives up is reuse across sizes: memory freed in blocks of one size serves only that size
//! again, so a page's wasm memory is about its peak use per size, at most twice the bytes
//! asked for. The library's buffers (messages, records, base-file pieces) are short-lived and
//! of a few sizes, which is the case this suits.
//!
//! The count is what a leak test needs: `WebAssembly.Memory` only grows, so its size says
//! nothing about what was freed. `api::common` exposes it to JavaScript as `__heapInUse()`
//! (diagnostics for the soak tests, not part of the typed API).
//!
//! The allocator is generic over where its pages come from ([`Pages`]), so that native tests
//! run it over an ordinary buffer.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;
use core::sync::atomic::{AtomicUsize, Ordering};

/// The unit in which wasm memory grows.
pub const PAGE: usize = 65_536;

/// Block sizes are `1 << class` for `class` in `MIN_CLASS..CLASSES`: 8 bytes (enough for the
/// free list's link) to 2 GiB.
const MIN_CLASS: u32 = 3;
const CLASSES: usize = 32;

/// Where [`Classes`] gets memory: whole pages, added after what it already has.
pub trait Pages {
    /// Adds `n` pages and returns the address of the first, or `None` when no more memory can
    /// be had. The address is a multiple of [`PAGE`] and never 0.
    fn grow(&self, n: usize) -> Option<usize>;
}

/// A size-class allocator over [`Pages`] (module docs). Single-threaded: it is `Sync` only in
/// the wasm build, which has one thread.
pub struct Classes<P> {
    pages: P,
    /// Per class, the address of the first free block (0: none). A free block's first word
    /// holds the address of the next.
    free: [Cell<usize>; CLASSES],
    /// The memory not yet carved into blocks: `next..end`.
    next: Cell<usize>,
    end: Cell<usize>,
}

impl<P: Pages> Classes<P> {
    /// An allocator that has no memory yet.
    pub const fn new(pages: P) -> Self {
        Self { pages, free: [const { Cell::new(0) }; CLASSES], next: Cell::new(0), end: Cell::new(0) }
    }

    /// The class of blocks for `layout`, or `None` for what no block serves (more than 2 GiB,
    /// or aligned to more than a page). A block of class `c` is aligned to `min(1 << c, PAGE)`,
    /// and the class is at least the alignment, so every block suits its layout.
    fn class(layout: Layout) -> Option<usize> {
        let n = layout.size().max(layout.align());
        if n > 1 << (CLASSES - 1) || layout.align() > PAGE {
            return None;
        }
        Some(n.next_power_of_two().trailing_zeros().max(MIN_CLASS) as usize)
    }

    /// A new block of `1 << class` bytes from the uncarved memory, growing it when short.
    fn carve(&self, class: usize) -> Option<usize> {
        let size = 1usize << class;
        let align = size.min(PAGE);
        let start = self.next.get().checked_add(align - 1)? & !(align - 1);
        if let Some(end) = start.checked_add(size).filter(|&end| end <= self.end.get()) {
            self.next.set(end);
            return Some(start);
        }
        // Short: enough new pages for the block even if they do not follow on from ours.
        let pages = size.div_ceil(PAGE);
        let at = self.pages.grow(pages)?;
        let new_end = at.checked_add(pages * PAGE)?;
        // Following on (the usual case), the block starts where it would have: `start` is at
        // most the old end, which is page-aligned. Elsewhere (the first call, or memory grown
        // by someone else), the rest of the old memory is given up and the block starts anew.
        let start = if at == self.end.get() { start } else { at };
        self.next.set(start + size);
        self.end.set(new_end);
        Some(start)
    }

    fn alloc_class(&self, class: usize) -> *mut u8 {
        let head = self.free[class].get();
        if head != 0 {
            // SAFETY: `head` is a free block of this class (aligned, at least 8 bytes), whose
            // first word `dealloc` wrote.
            #[allow(unsafe_code)]
            self.free[class].set(unsafe { (head as *const usize).read() });
            return head as *mut u8;
        }
        self.carve(class).map_or(core::ptr::null_mut(), |a| a as *mut u8)
    }
}

// SAFETY: blocks are handed out at most once until freed (a free list holds only freed blocks,
// and carving never returns memory twice), each aligned and sized for its layout (`class`);
// `dealloc` and `realloc` find a block's class from the same layout it was allocated with, as
// `GlobalAlloc`'s contract guarantees.
#[allow(unsafe_code)]
unsafe impl<P: Pages> GlobalAlloc for Classes<P> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match Self::class(layout) {
            Some(class) => self.alloc_class(class),
            None => core::ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(class) = Self::class(layout) {
            // SAFETY: `ptr` is a live block of this class, at least a word long and aligned.
            unsafe { (ptr as *mut usize).write(self.free[class].get()) };
            self.free[class].set(ptr as usize);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size`, rounded up to the alignment, does not
        // overflow `isize`.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let (Some(old_class), Some(new_class)) = (Self::class(layout), Self::class(new)) else {
            return core::ptr::null_mut();
        };
        if old_class == new_class {
            return ptr;
        }
        let moved = self.alloc_class(new_class);
        if !moved.is_null() {
            // SAFETY: two distinct live blocks, each at least as long as what is copied.
            unsafe {
                core::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        moved
    }
}

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

/// The module's own memory, grown with `memory.grow`.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub struct WasmPages;

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
impl Pages for WasmPages {
    fn grow(&self, n: usize) -> Option<usize> {
        match core::arch::wasm32::memory_grow(0, n) {
            usize::MAX => None,
            old => old.checked_mul(PAGE),
        }
    }
}

// SAFETY: a wasm32 module built without the `atomics` target feature runs on one thread, so
// the allocator's cells are never reached from two.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[allow(unsafe_code)]
unsafe impl Sync for Classes<WasmPages> {}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: Counted<Classes<WasmPages>> = Counted(Classes::new(WasmPages));

#[cfg(test)]
#[allow(unsafe_code)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pages from one buffer, optionally skipping a page before each grant (memory grown by
    /// someone else in between).
    struct Arena {
        base: usize,
        pages: usize,
        used: Cell<usize>,
        skip: bool,
        _buf: Vec<u8>,
    }

    impl Arena {
        fn new(pages: usize, skip: bool) -> Self {
            let buf = vec![0u8; (pages + 1) * PAGE];
            let base = (buf.as_ptr() as usize).next_multiple_of(PAGE);
            Arena { base, pages, used: Cell::new(0), skip, _buf: buf }
        }
    }

    impl Pages for &Arena {
        fn grow(&self, n: usize) -> Option<usize> {
            let from = self.used.get() + usize::from(self.skip && self.used.get() > 0);
            if from + n > self.pages {
                return None;
            }
            self.used.set(from + n);
            Some(self.base + from * PAGE)
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn classes_cover_size_and_alignment() {
        let c = |s, a| Classes::<&Arena>::class(layout(s, a));
        assert_eq!(c(0, 1), Some(3));
        assert_eq!(c(1, 1), Some(3));
        assert_eq!(c(8, 8), Some(3));
        assert_eq!(c(9, 1), Some(4));
        assert_eq!(c(3, 16), Some(4));
        assert_eq!(c(PAGE, 1), Some(16));
        assert_eq!(c(PAGE + 1, 1), Some(17));
        assert_eq!(c(1 << 31, 1), Some(31));
        assert_eq!(c((1 << 31) + 1, 1), None);
        assert_eq!(c(8, 2 * PAGE), None);
    }

    #[test]
    fn a_freed_block_is_the_next_of_its_size_and_only_of_its_size() {
        let arena = Arena::new(4, false);
        let a = Classes::new(&arena);
        unsafe {
            let x = a.alloc(layout(24, 8));
            let y = a.alloc(layout(100, 4));
            assert!(!x.is_null() && !y.is_null() && x != y);
            a.dealloc(x, layout(24, 8));
            assert_ne!(a.alloc(layout(100, 4)), x, "a 32-byte block serves a 128-byte request");
            assert_eq!(a.alloc(layout(30, 2)), x);
            assert_ne!(a.alloc(layout(30, 2)), x);
        }
    }

    #[test]
    fn realloc_within_a_class_stays_and_across_moves_with_the_bytes() {
        let arena = Arena::new(4, false);
        let a = Classes::new(&arena);
        unsafe {
            let p = a.alloc(layout(20, 1));
            for i in 0..20 {
                p.add(i).write(i as u8);
            }
            assert_eq!(a.realloc(p, layout(20, 1), 32), p);
            let q = a.realloc(p, layout(32, 1), 1000);
            assert_ne!(q, p);
            assert!((0..20).all(|i| q.add(i).read() == i as u8));
            // The old block went back to its list.
            assert_eq!(a.alloc(layout(32, 1)), p);
        }
    }

    #[test]
    fn large_blocks_are_page_aligned_and_growth_may_come_from_elsewhere() {
        for skip in [false, true] {
            let arena = Arena::new(16, skip);
            let a = Classes::new(&arena);
            unsafe {
                let small = a.alloc(layout(8, 8));
                let big = a.alloc(layout(3 * PAGE, 8));
                let big2 = a.alloc(layout(PAGE, PAGE));
                for p in [big, big2] {
                    assert!(!p.is_null() && (p as usize) % PAGE == 0, "skip={skip}");
                }
                assert!(!small.is_null());
            }
        }
    }

    #[test]
    fn running_out_of_pages_gives_null_and_spoils_nothing() {
        let arena = Arena::new(2, false);
        let a = Classes::new(&arena);
        unsafe {
            let x = a.alloc(layout(64, 8));
            assert!(a.alloc(layout(4 * PAGE, 8)).is_null());
            assert!(a.alloc(layout(usize::MAX >> 1, 1)).is_null());
            let y = a.alloc(layout(64, 8));
            assert!(!x.is_null() && !y.is_null() && x != y);
            assert!(a.realloc(y, layout(64, 8), 8 * PAGE).is_null());
        }
    }

    #[derive(Debug, Clone)]
    enum Op {
        Alloc(usize, u32),
        Free(usize),
        Realloc(usize, usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        let size = prop_oneof![0usize..64, 0usize..2048, 0usize..(3 * PAGE)];
        prop_oneof![
            4 => (size.clone(), 0u32..7).prop_map(|(s, a)| Op::Alloc(s, a)),
            3 => any::<usize>().prop_map(Op::Free),
            2 => (any::<usize>(), size).prop_map(|(i, s)| Op::Realloc(i, s)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        /// Every live block is aligned, disjoint from every other and keeps its bytes through
        /// any sequence of allocations, frees and reallocations.
        #[test]
        fn live_blocks_are_aligned_disjoint_and_keep_their_bytes(
            ops in prop::collection::vec(op(), 1..120),
            skip in any::<bool>(),
        ) {
            let arena = Arena::new(64, skip);
            let a = Classes::new(&arena);
            // (address, layout, fill byte)
            let mut live: Vec<(usize, Layout, u8)> = Vec::new();
            let mut tag = 0u8;
            // Each step looks at a block's first, middle and last byte; the end at every byte.
            let check = |live: &[(usize, Layout, u8)], whole: bool| {
                for &(p, l, t) in live {
                    let n = l.size();
                    let at: Vec<usize> = if whole { (0..n).collect() } else { [0, n / 2, n.saturating_sub(1)].into() };
                    for i in at.into_iter().filter(|&i| i < n) {
                        assert_eq!(unsafe { (p as *const u8).add(i).read() }, t, "block at {p:#x} lost byte {i}");
                    }
                }
            };
            for op in ops {
                match op {
                    Op::Alloc(size, align_log) => {
                        let l = layout(size, 1 << align_log);
                        let p = unsafe { a.alloc(l) } as usize;
                        if p == 0 { continue; }
                        prop_assert_eq!(p % l.align(), 0);
                        for &(q, m, _) in &live {
                            prop_assert!(p + l.size().max(1) <= q || q + m.size().max(1) <= p, "overlap");
                        }
                        tag = tag.wrapping_add(1);
                        unsafe { core::ptr::write_bytes(p as *mut u8, tag, l.size()) };
                        live.push((p, l, tag));
                    }
                    Op::Free(i) if !live.is_empty() => {
                        let (p, l, _) = live.swap_remove(i % live.len());
                        unsafe { a.dealloc(p as *mut u8, l) };
                    }
                    Op::Realloc(i, size) if !live.is_empty() => {
                        let k = i % live.len();
                        let (p, l, t) = live[k];
                        let q = unsafe { a.realloc(p as *mut u8, l, size) } as usize;
                        if q == 0 { continue; }
                        let n = layout(size, l.align());
                        prop_assert_eq!(q % n.align(), 0);
                        for i in 0..l.size().min(size) {
                            prop_assert_eq!(unsafe { (q as *const u8).add(i).read() }, t);
                        }
                        unsafe { core::ptr::write_bytes(q as *mut u8, t, size) };
                        live[k] = (q, n, t);
                        for (j, &(r, m, _)) in live.iter().enumerate() {
                            prop_assert!(j == k || q + size.max(1) <= r || r + m.size().max(1) <= q, "overlap");
                        }
                    }
                    _ => {}
                }
                check(&live, false);
            }
            check(&live, true);
        }
    }
}
