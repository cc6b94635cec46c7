//! The wasm build's allocator, with a count of the bytes in use.
//!
//! [`Classes`] keeps one free list per power-of-two block size and carves new blocks from the
//! end of wasm memory: allocating and freeing are a few instructions each, with no search and
//! no coalescing, and the whole allocator is under a kilobyte of wasm (talc, the
//! general-purpose allocator it replaced, was about twice that; BENCHMARKS.md has the
//! measurement). What it
//! gives up is reuse across sizes: memory freed in blocks of one size serves only that size
//! again, so a page's wasm memory is about its peak use per size, each block at most twice the
//! bytes asked for. (The space skipped to align a new block is not lost: it goes on the free
//! lists as the blocks that fit it.) The library's buffers (messages, records, base-file
//! pieces) are short-lived and of a few sizes, which is the case this suits.
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
///
/// # Safety
///
/// `grow(n)` returns `None`, or the address of `n * PAGE` bytes of writable memory that belong
/// to the allocator from then on (nothing else reads or writes them, and no other call
/// returns any of them again). The address is a multiple of [`PAGE`] and not 0.
#[allow(unsafe_code)]
pub unsafe trait Pages {
    /// Adds `n` pages and returns the address of the first, or `None` when no more memory can
    /// be had.
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
            self.keep(self.next.get(), start);
            self.next.set(end);
            return Some(start);
        }
        // Short: enough new pages for the block even if they do not follow on from ours.
        let pages = size.div_ceil(PAGE);
        let at = self.pages.grow(pages)?;
        // The very top of a 32-bit address space ends at 2^32, one past `usize::MAX`: the last
        // byte is then left unused rather than the end overflowing.
        let new_end = at.saturating_add(pages * PAGE);
        // Following on (the usual case), the block starts where it would have: `start` is at
        // most the old end, which is page-aligned. Elsewhere (the first call, or memory grown
        // by someone else), what was left of the old memory goes on the free lists and carving
        // starts anew in the new pages.
        let start = if at == self.end.get() {
            start
        } else {
            self.keep(self.next.get(), self.end.get());
            self.next.set(at);
            at
        };
        self.end.set(new_end);
        // Fails only at the very top of the address space; the new pages then serve the next,
        // smaller blocks.
        let end = start.checked_add(size).filter(|&end| end <= new_end)?;
        self.keep(self.next.get(), start);
        self.next.set(end);
        Some(start)
    }

    /// Puts the uncarved memory `from..to` on the free lists as the largest aligned blocks it
    /// holds, so that aligning a block wastes nothing. Both ends are multiples of 8 (every
    /// block size is), so every piece is a block of some class.
    fn keep(&self, from: usize, to: usize) {
        let mut at = from;
        while at < to {
            let class = at.trailing_zeros().min((to - at).ilog2()).min(PAGE.trailing_zeros());
            if class < MIN_CLASS {
                return;
            }
            // SAFETY: `at..at + (1 << class)` is uncarved memory of ours (`from..to` is), aligned
            // to its size; carving moves past it, so it is handed out only from the list.
            #[allow(unsafe_code)]
            unsafe {
                self.push(class as usize, at)
            };
            at += 1 << class;
        }
    }

    /// Puts the block at `at` on the free list of `class`.
    ///
    /// # Safety
    ///
    /// `at` is a block of that class (memory of the allocator's, aligned for the class) that
    /// nothing uses from now on: its first word is overwritten.
    #[allow(unsafe_code)]
    unsafe fn push(&self, class: usize, at: usize) {
        // SAFETY: per the contract, a word (every block is at least 8 bytes and aligned to 8)
        // that nothing else reads or writes.
        unsafe { (at as *mut usize).write(self.free[class].get()) };
        self.free[class].set(at);
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

// SAFETY: all memory comes from `Pages`, whose contract makes it the allocator's alone. A block
// is handed out at most once until freed: a free list holds only freed blocks and memory never
// handed out (`keep`), and carving moves past what it returns. Each block is aligned and sized
// for its layout (`class`). `dealloc` and `realloc` find a block's class from the layout it
// was allocated with (or shrunk to, which a larger block serves), as `GlobalAlloc`'s contract
// guarantees.
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
            // SAFETY: the caller hands back a block allocated for `layout` (or shrunk to it),
            // which is one of this class or a larger one, aligned for it.
            unsafe { self.push(class, ptr as usize) };
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
        if moved.is_null() && new_class < old_class {
            // Shrinking with no memory to move to: the block stays, and a later `dealloc`
            // with the smaller layout files it under the smaller class, which it more than
            // fills (and is aligned for).
            return ptr;
        }
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

/// Bytes the library has asked the allocator for and not given back (as asked: not rounded up
/// to blocks, and not counting what the allocator keeps on its free lists).
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

// SAFETY: `memory.grow` adds `n` pages after the module's memory and returns where they begin
// (the old size), or fails; nothing in this module grows its memory otherwise, and pages once
// added are never taken back. A Rust module's memory is never empty (its stack is in it), so
// the address is not 0; the filter keeps the promise regardless.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[allow(unsafe_code)]
unsafe impl Pages for WasmPages {
    fn grow(&self, n: usize) -> Option<usize> {
        match core::arch::wasm32::memory_grow(0, n) {
            usize::MAX => None,
            old => old.checked_mul(PAGE).filter(|&at| at != 0),
        }
    }
}

// This allocator is for a module with one thread; a build with shared memory would need
// another (and the count above would read 0 under std's, hiding leaks from the soak tests).
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("ucontact-bridge's wasm allocator is single-threaded: build without the `atomics` target feature");

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
    use core::cell::RefCell;
    use proptest::prelude::*;

    /// Pages from one buffer, optionally skipping a page before each grant after the first
    /// (memory grown by someone else in between). Remembers what it granted.
    struct Arena {
        base: usize,
        pages: usize,
        used: Cell<usize>,
        skip: bool,
        granted: RefCell<Vec<(usize, usize)>>,
        _buf: Vec<u8>,
    }

    impl Arena {
        fn new(pages: usize, skip: bool) -> Self {
            let mut buf = vec![0u8; (pages + 1) * PAGE];
            let base = (buf.as_mut_ptr() as usize).next_multiple_of(PAGE);
            Arena { base, pages, used: Cell::new(0), skip, granted: RefCell::new(Vec::new()), _buf: buf }
        }

        /// Whether `from..to` lies in memory this arena granted.
        fn owns(&self, from: usize, to: usize) -> bool {
            self.granted.borrow().iter().any(|&(a, b)| a <= from && to <= b)
        }
    }

    // SAFETY: each grant is a fresh run of pages of the buffer, page-aligned and never 0.
    unsafe impl Pages for &Arena {
        fn grow(&self, n: usize) -> Option<usize> {
            let from = self.used.get() + usize::from(self.skip && self.used.get() > 0);
            if from + n > self.pages {
                return None;
            }
            self.used.set(from + n);
            let at = self.base + from * PAGE;
            self.granted.borrow_mut().push((at, at + n * PAGE));
            Some(at)
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    /// The whole extent of the block that serves `l`.
    fn block(l: Layout) -> usize {
        1 << Classes::<&Arena>::class(l).unwrap()
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
    fn large_blocks_are_page_aligned_and_growth_from_elsewhere_is_never_handed_out() {
        for skip in [false, true] {
            let arena = Arena::new(16, skip);
            let a = Classes::new(&arena);
            unsafe {
                let small = a.alloc(layout(8, 8));
                let big = a.alloc(layout(3 * PAGE, 8));
                let big2 = a.alloc(layout(PAGE, PAGE));
                assert!(!small.is_null(), "skip={skip}");
                for (p, l) in [(small, layout(8, 8)), (big, layout(3 * PAGE, 8)), (big2, layout(PAGE, PAGE))] {
                    assert!(!p.is_null() && (p as usize) % l.align() == 0, "skip={skip}");
                    assert!(arena.owns(p as usize, p as usize + block(l)), "skip={skip}: a block outside the grants");
                }
                for p in [big, big2] {
                    assert_eq!(p as usize % PAGE, 0, "skip={skip}");
                }
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
            core::ptr::write_bytes(y, 7, 64);
            assert!(a.realloc(y, layout(64, 8), 8 * PAGE).is_null());
            // The failed move left the block whole and still the caller's.
            assert!((0..64).all(|i| y.add(i).read() == 7));
            let z = a.alloc(layout(64, 8));
            assert!(!z.is_null() && z != y && z != x);
        }
    }

    #[test]
    fn a_shrinking_realloc_with_no_memory_left_keeps_the_block() {
        let arena = Arena::new(1, false);
        let a = Classes::new(&arena);
        unsafe {
            let p = a.alloc(layout(PAGE / 2, 8));
            assert!(!p.is_null());
            // Fill the rest of the only page, then shrink: nowhere to move to.
            while !a.alloc(layout(8, 8)).is_null() {}
            core::ptr::write_bytes(p, 9, 16);
            assert_eq!(a.realloc(p, layout(PAGE / 2, 8), 16), p);
            assert!((0..16).all(|i| p.add(i).read() == 9));
            // Freed with its new layout, it serves a request of that size.
            a.dealloc(p, layout(16, 8));
            assert_eq!(a.alloc(layout(16, 8)), p);
        }
    }

    #[test]
    fn the_space_skipped_to_align_a_block_serves_smaller_ones() {
        let arena = Arena::new(4, false);
        let a = Classes::new(&arena);
        unsafe {
            let first = a.alloc(layout(8, 8)) as usize;
            // Page-aligned, so it starts on the next page: the first page less 8 bytes is skipped.
            let big = a.alloc(layout(PAGE / 2 + 1, 8)) as usize;
            assert_eq!(big, first + PAGE);
            let used = arena.used.get();
            // One block of every size from 8 bytes to half a page fills the skipped space
            // exactly, with no new page.
            for class in 3..16 {
                let p = a.alloc(layout(1 << class, 8)) as usize;
                assert!(first < p && p + (1 << class) <= big, "class {class} at {p:#x}");
            }
            assert_eq!(arena.used.get(), used);
        }
    }

    /// Pages at the very top of the address space (no memory behind them: carving only
    /// computes addresses, and the test never writes to them).
    struct Top(Cell<bool>);

    // SAFETY: not a real grant: the test only calls `alloc` in ways that leave no gap to put on
    // a free list, so nothing is written there.
    unsafe impl Pages for &Top {
        fn grow(&self, n: usize) -> Option<usize> {
            (!self.0.replace(true)).then(|| usize::MAX - n * PAGE + 1)
        }
    }

    #[test]
    fn the_top_of_the_address_space_does_not_overflow() {
        let top = Top(Cell::new(false));
        let a = Classes::new(&top);
        unsafe {
            // One page at the top: its end is one past `usize::MAX`, so a block reaching it
            // does not fit; the page then serves smaller ones. (Blocks that follow on with no
            // gap: a gap would go on a free list, written into memory that is not there.)
            assert!(a.alloc(layout(PAGE, 8)).is_null());
            let p = a.alloc(layout(8, 8)) as usize;
            assert_eq!(p, usize::MAX - PAGE + 1);
            assert_eq!(a.alloc(layout(8, 8)) as usize, p + 8);
            assert_eq!(a.alloc(layout(16, 8)) as usize, p + 16);
            assert!(a.alloc(layout(PAGE / 2, 8)).is_null());
        }
    }

    #[derive(Debug, Clone)]
    enum Op {
        Alloc(usize, u32),
        Free(usize),
        Realloc(usize, usize),
    }

    fn size() -> impl Strategy<Value = usize> {
        let near = (3u32..18, 0usize..3).prop_map(|(k, d)| (1usize << k) + d - 1);
        prop_oneof![1usize..64, 1usize..2048, 1usize..(3 * PAGE), near]
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (size(), 0u32..18).prop_map(|(s, a)| Op::Alloc(s, a)),
            3 => any::<usize>().prop_map(Op::Free),
            2 => (any::<usize>(), size()).prop_map(|(i, s)| Op::Realloc(i, s)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        /// Every live block lies in granted memory, is aligned, does not overlap another block
        /// (whole blocks, not just the bytes asked for) and keeps its bytes through any sequence
        /// of allocations, frees and reallocations within `GlobalAlloc`'s contract (sizes above
        /// 0; alignments up to twice a page, above which `alloc` says no).
        #[test]
        fn live_blocks_are_owned_aligned_disjoint_and_keep_their_bytes(
            ops in prop::collection::vec(op(), 1..120),
            skip in any::<bool>(),
        ) {
            let arena = Arena::new(96, skip);
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
            let placed = |live: &[(usize, Layout, u8)], k: usize| -> Result<(), TestCaseError> {
                let (p, l, _) = live[k];
                prop_assert_eq!(p % l.align(), 0);
                prop_assert!(arena.owns(p, p + block(l)), "block at {:#x} outside the grants", p);
                for (j, &(q, m, _)) in live.iter().enumerate() {
                    prop_assert!(j == k || p + block(l) <= q || q + block(m) <= p, "blocks overlap");
                }
                Ok(())
            };
            for op in ops {
                match op {
                    Op::Alloc(size, align_log) => {
                        let l = layout(size, 1 << align_log);
                        let p = unsafe { a.alloc(l) } as usize;
                        if l.align() > PAGE {
                            prop_assert_eq!(p, 0);
                        }
                        if p == 0 { continue; }
                        tag = tag.wrapping_add(1);
                        live.push((p, l, tag));
                        placed(&live, live.len() - 1)?;
                        unsafe { core::ptr::write_bytes(p as *mut u8, tag, l.size()) };
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
                        for i in 0..l.size().min(size) {
                            prop_assert_eq!(unsafe { (q as *const u8).add(i).read() }, t);
                        }
                        // (A block kept in place when shrinking is larger than its new layout's;
                        // the rest of it is simply never handed out again.)
                        live[k] = (q, layout(size, l.align()), t);
                        placed(&live, k)?;
                        unsafe { core::ptr::write_bytes(q as *mut u8, t, size) };
                    }
                    _ => {}
                }
                check(&live, false);
            }
            check(&live, true);
        }
    }
}
