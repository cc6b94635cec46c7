//! The allocator over an ordinary buffer, natively and under Miri (scripts/miri.sh).
// Native only: proptest has no wasm32 backend (the wasm build's own code is `wasm.rs`).
#![cfg(not(target_arch = "wasm32"))]
// Test code: each unsafe call is the code under test, called within its contract.
#![allow(clippy::undocumented_unsafe_blocks)]

use super::*;
use core::cell::RefCell;
use proptest::prelude::*;

/// Pages from one buffer, optionally skipping a page before each grant after the first (memory
/// grown by someone else in between). Remembers what it granted, as address ranges.
struct Arena {
    base: *mut u8,
    pages: usize,
    used: Cell<usize>,
    skip: bool,
    granted: RefCell<Vec<(usize, usize)>>,
    _buf: Vec<u8>,
}

impl Arena {
    fn new(pages: usize, skip: bool) -> Self {
        let mut buf = vec![0u8; (pages + 1) * PAGE];
        // The first page boundary in the buffer, with the buffer's provenance.
        let base = buf.as_mut_ptr().map_addr(|a| a.next_multiple_of(PAGE));
        Arena { base, pages, used: Cell::new(0), skip, granted: RefCell::new(Vec::new()), _buf: buf }
    }

    /// Whether the `len` bytes at `p` lie in memory this arena granted.
    fn owns(&self, p: *const u8, len: usize) -> bool {
        let (from, to) = (p.addr(), p.addr() + len);
        self.granted.borrow().iter().any(|&(a, b)| a <= from && to <= b)
    }
}

// SAFETY: each grant is a fresh run of pages of the buffer, page-aligned and never 0, through a
// pointer to the whole buffer (so it covers the grants that follow on).
unsafe impl Pages for &Arena {
    fn grow(&self, n: usize) -> Option<NonNull<u8>> {
        let from = self.used.get() + usize::from(self.skip && self.used.get() > 0);
        if from + n > self.pages {
            return None;
        }
        self.used.set(from + n);
        let at = self.base.wrapping_add(from * PAGE);
        self.granted.borrow_mut().push((at.addr(), at.addr() + n * PAGE));
        NonNull::new(at)
    }
}

fn layout(size: usize, align: usize) -> Layout {
    Layout::from_size_align(size, align).unwrap()
}

/// The whole extent of the block that serves `l`.
fn block(l: Layout) -> usize {
    Classes::<&Arena>::block_size(l).unwrap()
}

/// The byte at `p + i`.
unsafe fn at(p: *const u8, i: usize) -> u8 {
    unsafe { p.add(i).read() }
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
    assert_eq!(Classes::<&Arena>::block_size(layout(100, 4)), Some(128));
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
        assert!((0..20).all(|i| at(q, i) == i as u8));
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
                assert!(!p.is_null() && p.addr() % l.align() == 0, "skip={skip}");
                assert!(arena.owns(p, block(l)), "skip={skip}: a block outside the grants");
            }
            for p in [big, big2] {
                assert_eq!(p.addr() % PAGE, 0, "skip={skip}");
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
        ptr::write_bytes(y, 7, 64);
        assert!(a.realloc(y, layout(64, 8), 8 * PAGE).is_null());
        // The failed move left the block whole and still the caller's.
        assert!((0..64).all(|i| at(y, i) == 7));
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
        ptr::write_bytes(p, 9, 16);
        assert_eq!(a.realloc(p, layout(PAGE / 2, 8), 16), p);
        assert!((0..16).all(|i| at(p, i) == 9));
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
        let first = a.alloc(layout(8, 8)).addr();
        // Page-aligned, so it starts on the next page: the first page less 8 bytes is skipped.
        let big = a.alloc(layout(PAGE / 2 + 1, 8)).addr();
        assert_eq!(big, first + PAGE);
        let used = arena.used.get();
        // One block of every size from 8 bytes to half a page fills the skipped space exactly,
        // with no new page.
        for class in 3..16 {
            let p = a.alloc(layout(1 << class, 8)).addr();
            assert!(first < p && p + (1 << class) <= big, "class {class} at {p:#x}");
        }
        assert_eq!(arena.used.get(), used);
    }
}

#[test]
fn a_block_may_straddle_two_grants_that_follow_on() {
    // One page carved down to its last 8 bytes, then a block of two pages: it starts on the
    // first page boundary that fits it, the only new page follows on, and the block is written
    // whole through one pointer (Miri checks that the provenance allows it).
    let arena = Arena::new(3, false);
    let a = Classes::new(&arena);
    unsafe {
        let small = a.alloc(layout(8, 8));
        let big = a.alloc(layout(2 * PAGE, 8));
        assert_eq!(big.addr(), small.addr() + PAGE);
        assert_eq!(arena.used.get(), 3);
        ptr::write_bytes(big, 5, 2 * PAGE);
        assert!(at(big, 0) == 5 && at(big, 2 * PAGE - 1) == 5);
    }
}

/// Pages at the very top of the address space (no memory behind them: carving only computes
/// addresses, and the test never writes to them).
struct Top(Cell<bool>);

// SAFETY: not a real grant: the test only calls `alloc` in ways that leave no gap to put on a
// free list, so nothing is written there (an address without provenance: Miri would refuse any
// access).
unsafe impl Pages for &Top {
    fn grow(&self, n: usize) -> Option<NonNull<u8>> {
        (!self.0.replace(true)).then(|| NonNull::new(ptr::without_provenance_mut(usize::MAX - n * PAGE + 1)))?
    }
}

#[test]
fn the_top_of_the_address_space_does_not_overflow() {
    let top = Top(Cell::new(false));
    let a = Classes::new(&top);
    unsafe {
        // One page at the top: its end is one past `usize::MAX`, so a block reaching it does
        // not fit; the page then serves smaller ones. (Blocks that follow on with no gap: a gap
        // would go on a free list, written into memory that is not there.)
        assert!(a.alloc(layout(PAGE, 8)).is_null());
        let p = a.alloc(layout(8, 8)).addr();
        assert_eq!(p, usize::MAX - PAGE + 1);
        assert_eq!(a.alloc(layout(8, 8)).addr(), p + 8);
        assert_eq!(a.alloc(layout(16, 8)).addr(), p + 16);
        assert!(a.alloc(layout(PAGE / 2, 8)).is_null());
    }
}

#[test]
fn the_count_follows_failed_allocations_and_reallocations() {
    // One page: a second one is never there, so moves fail.
    let arena = Arena::new(1, false);
    let c = Counted::new(Classes::new(&arena));
    unsafe {
        let x = c.alloc(layout(100, 8));
        assert_eq!(c.in_use(), 100);
        // Refused outright (aligned beyond a page), and out of memory: nothing counted.
        assert!(c.alloc(layout(8, 2 * PAGE)).is_null());
        assert!(c.alloc(layout(2 * PAGE, 8)).is_null());
        assert_eq!(c.in_use(), 100);
        // A growing move with no memory left fails and leaves the count (and the block) as is.
        assert!(c.realloc(x, layout(100, 8), 3 * PAGE).is_null());
        assert_eq!(c.in_use(), 100);
        // Within its class: the new size counts.
        assert_eq!(c.realloc(x, layout(100, 8), 120), x);
        assert_eq!(c.in_use(), 120);
        // Fill the page, then shrink with nowhere to move to: kept in place, counted at its new
        // size.
        let mut fill = Vec::new();
        loop {
            let p = c.alloc(layout(8, 8));
            if p.is_null() {
                break;
            }
            fill.push(p);
        }
        assert_eq!(c.in_use(), 120 + 8 * fill.len());
        assert_eq!(c.realloc(x, layout(120, 8), 10), x);
        assert_eq!(c.in_use(), 10 + 8 * fill.len());
        for p in fill {
            c.dealloc(p, layout(8, 8));
        }
        c.dealloc(x, layout(10, 8));
        assert_eq!(c.in_use(), 0);
    }
}

#[derive(Debug, Clone)]
enum Op {
    Alloc(usize, u32),
    Free(usize),
    Realloc(usize, usize),
}

/// Sizes to 3 pages natively; under Miri, which interprets every byte access, to 1.5 pages.
const MAX_SIZE: usize = if cfg!(miri) { 3 * PAGE / 2 } else { 3 * PAGE };
/// The longest sequence of calls, and the pages of the arena it runs over.
const MAX_OPS: usize = if cfg!(miri) { 40 } else { 120 };
const ARENA_PAGES: usize = if cfg!(miri) { 24 } else { 96 };

fn size() -> impl Strategy<Value = usize> {
    let near = (3u32..18, 0usize..3).prop_map(|(k, d)| ((1usize << k) + d - 1).min(MAX_SIZE));
    prop_oneof![1usize..64, 1usize..2048, 1usize..MAX_SIZE, near]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (size(), 0u32..18).prop_map(|(s, a)| Op::Alloc(s, a)),
        3 => any::<usize>().prop_map(Op::Free),
        2 => (any::<usize>(), size()).prop_map(|(i, s)| Op::Realloc(i, s)),
    ]
}

/// Natively `native` cases; under Miri a few (and no file of saved failures: Miri isolates the
/// test from the file system).
fn config(native: u32, miri: u32) -> ProptestConfig {
    if cfg!(miri) {
        ProptestConfig { cases: miri, failure_persistence: None, ..ProptestConfig::default() }
    } else {
        ProptestConfig { cases: native, ..ProptestConfig::default() }
    }
}

proptest! {
    #![proptest_config(config(300, 6))]
    /// Every live block lies in granted memory, is aligned, does not overlap another block
    /// (whole blocks, not just the bytes asked for) and keeps its bytes through any sequence
    /// of allocations, frees and reallocations within `GlobalAlloc`'s contract (sizes above
    /// 0; alignments up to twice a page, above which `alloc` says no).
    #[test]
    fn live_blocks_are_owned_aligned_disjoint_and_keep_their_bytes(
        ops in prop::collection::vec(op(), 1..MAX_OPS),
        skip in any::<bool>(),
    ) {
        let arena = Arena::new(ARENA_PAGES, skip);
        let a = Classes::new(&arena);
        // (block, layout, fill byte)
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        let mut tag = 0u8;
        // Each step looks at a block's first, middle and last byte; the end at every byte.
        let check = |live: &[(*mut u8, Layout, u8)], whole: bool| {
            for &(p, l, t) in live {
                let n = l.size();
                if whole {
                    let bytes = unsafe { core::slice::from_raw_parts(p, n) };
                    assert!(bytes.iter().all(|&b| b == t), "block at {p:?} lost a byte");
                } else {
                    for i in [0, n / 2, n.saturating_sub(1)].into_iter().filter(|&i| i < n) {
                        assert_eq!(unsafe { at(p, i) }, t, "block at {p:?} lost byte {i}");
                    }
                }
            }
        };
        let placed = |live: &[(*mut u8, Layout, u8)], k: usize| -> Result<(), TestCaseError> {
            let (p, l, _) = live[k];
            let (p, len) = (p.addr(), block(l));
            prop_assert_eq!(p % l.align(), 0);
            prop_assert!(arena.owns(live[k].0, len), "block at {:#x} outside the grants", p);
            for (j, &(q, m, _)) in live.iter().enumerate() {
                prop_assert!(j == k || p + len <= q.addr() || q.addr() + block(m) <= p, "blocks overlap");
            }
            Ok(())
        };
        for op in ops {
            match op {
                Op::Alloc(size, align_log) => {
                    let l = layout(size, 1 << align_log);
                    let p = unsafe { a.alloc(l) };
                    if l.align() > PAGE {
                        prop_assert!(p.is_null());
                    }
                    if p.is_null() { continue; }
                    tag = tag.wrapping_add(1);
                    live.push((p, l, tag));
                    placed(&live, live.len() - 1)?;
                    unsafe { ptr::write_bytes(p, tag, l.size()) };
                }
                Op::Free(i) if !live.is_empty() => {
                    let (p, l, _) = live.swap_remove(i % live.len());
                    unsafe { a.dealloc(p, l) };
                }
                Op::Realloc(i, size) if !live.is_empty() => {
                    let k = i % live.len();
                    let (p, l, t) = live[k];
                    let q = unsafe { a.realloc(p, l, size) };
                    if q.is_null() { continue; }
                    let kept = unsafe { core::slice::from_raw_parts(q, l.size().min(size)) };
                    prop_assert!(kept.iter().all(|&b| b == t), "realloc lost bytes");
                    // (A block kept in place when shrinking is larger than its new layout's;
                    // the rest of it is simply never handed out again.)
                    live[k] = (q, layout(size, l.align()), t);
                    placed(&live, k)?;
                    unsafe { ptr::write_bytes(q, t, size) };
                }
                _ => {}
            }
            check(&live, false);
        }
        check(&live, true);
    }

    /// The count is the sum of the live blocks' sizes after every step, whatever fails (a small
    /// arena, so that allocations and moves run out of memory), and 0 once all are freed.
    #[test]
    fn the_count_is_the_sum_of_live_sizes_and_returns_to_zero(
        ops in prop::collection::vec(op(), 1..MAX_OPS),
        pages in 1usize..6,
        skip in any::<bool>(),
    ) {
        let arena = Arena::new(pages, skip);
        let c = Counted::new(Classes::new(&arena));
        let mut live: Vec<(*mut u8, Layout)> = Vec::new();
        let (mut failed_allocs, mut failed_reallocs) = (0, 0);
        for op in ops {
            match op {
                Op::Alloc(size, align_log) => {
                    let l = layout(size, 1 << align_log);
                    let p = unsafe { c.alloc(l) };
                    if p.is_null() { failed_allocs += 1 } else { live.push((p, l)) }
                }
                Op::Free(i) if !live.is_empty() => {
                    let (p, l) = live.swap_remove(i % live.len());
                    unsafe { c.dealloc(p, l) };
                }
                Op::Realloc(i, size) if !live.is_empty() => {
                    let k = i % live.len();
                    let (p, l) = live[k];
                    let q = unsafe { c.realloc(p, l, size) };
                    if q.is_null() { failed_reallocs += 1 } else { live[k] = (q, layout(size, l.align())) }
                }
                _ => {}
            }
            prop_assert_eq!(c.in_use(), live.iter().map(|(_, l)| l.size()).sum::<usize>(),
                "after {} failed allocs and {} failed reallocs", failed_allocs, failed_reallocs);
        }
        for (p, l) in live.drain(..) {
            unsafe { c.dealloc(p, l) };
        }
        prop_assert_eq!(c.in_use(), 0);
    }
}
