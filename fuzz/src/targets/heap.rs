//! `ucb-heap`: the wasm allocator (`Classes`, counted by `Counted`) over a buffer of pages.
//!
//! The input's bytes decode into a sequence of `alloc`, `realloc` and `free` calls (see
//! [`Decoder`]: the arena's size and whether grants skip a page, then per call its kind, size,
//! alignment and which live block), sizes from 1 byte to 16 pages, alignments from 1 to twice a
//! page. A model written from the allocator's documented rules, not from its code, checks:
//!
//! 1. Refusals: a layout aligned beyond a page (or above 2 GiB) gets null; nothing else does
//!    unless the arena refused a page.
//! 2. Every live block lies in pages the arena granted, is aligned to its layout and to its
//!    whole block (`max(size, align)` rounded up to a power of two, at least 8; aligned to that
//!    size up to a page), and its whole block is disjoint from every other live block's.
//! 3. Contents: each block is filled with its own byte; every step looks at the first, middle
//!    and last byte of every live block, a `realloc` at every byte it must keep, and the end at
//!    every byte of every block. A failed `realloc` leaves the block whole.
//! 4. `realloc` within a block's class returns the same block.
//! 5. Bounded memory: while a freed block of the class asked for exists (freed by `free` or
//!    left by a `realloc` that moved), the call succeeds and the arena grants no page. At the
//!    end everything is freed and the same layouts allocated again: no page is granted.
//! 6. The count (`Counted::in_use`) is the sum of the live sizes after every call, and 0 once
//!    all are freed.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::{Cell, RefCell};
use std::ptr::{self, NonNull};

use ucb_heap::{Classes, Counted, Pages, PAGE};

use super::{ensure, Outcome, Target};
use crate::rng::Rng;
use crate::stats::hit;

/// At most this many calls per input.
const MAX_CALLS: usize = 200;
/// The most pages an arena has (and the largest size asked for).
const MAX_PAGES: usize = 16;

pub struct Heap {
    /// The arena's memory, reused across inputs (the allocator does not need it zeroed).
    buf: RefCell<Vec<u8>>,
}

impl Heap {
    pub fn new() -> Self {
        Heap { buf: RefCell::new(vec![0; (MAX_PAGES + 1) * PAGE]) }
    }
}

/// Pages of the buffer, handed out in order, each grant after the first optionally one page
/// further on (memory grown by someone else in between). Records what it granted.
struct Arena {
    base: *mut u8,
    pages: usize,
    skip: bool,
    used: Cell<usize>,
    granted: RefCell<Vec<(usize, usize)>>,
    /// Whether a `grow` was refused (the only reason a servable allocation may fail).
    refused: Cell<bool>,
}

impl Arena {
    /// Whether `len` bytes at `p` lie in one run of granted pages (grants that follow on from
    /// each other count as one).
    fn owns(&self, p: *const u8, len: usize) -> bool {
        let (from, to) = (p.addr(), p.addr() + len);
        let granted = self.granted.borrow();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for &(a, b) in granted.iter() {
            match runs.last_mut() {
                Some(last) if last.1 == a => last.1 = b,
                _ => runs.push((a, b)),
            }
        }
        runs.iter().any(|&(a, b)| a <= from && to <= b)
    }
}

// SAFETY: each grant is a fresh run of pages of the buffer (which outlives the allocator), never
// granted again, page-aligned, through a pointer to the whole buffer.
unsafe impl Pages for &Arena {
    fn grow(&self, n: usize) -> Option<NonNull<u8>> {
        let from = self.used.get() + usize::from(self.skip && self.used.get() > 0);
        if from + n > self.pages {
            self.refused.set(true);
            return None;
        }
        self.used.set(from + n);
        let at = self.base.wrapping_add(from * PAGE);
        self.granted.borrow_mut().push((at.addr(), at.addr() + n * PAGE));
        NonNull::new(at)
    }
}

/// The input's bytes as numbers; 0 once they run out.
struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Decoder<'_> {
    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn byte(&mut self) -> usize {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        usize::from(b)
    }

    /// A number in `0..n` from two bytes (text inputs use few byte values: mixing two spreads
    /// them over the range).
    fn below(&mut self, n: usize) -> usize {
        (self.byte() * 251 + self.byte()) % n
    }

    /// A size: tiny, small, a power of two give or take one, or up to `MAX_PAGES` pages.
    fn size(&mut self) -> usize {
        match self.byte() % 4 {
            0 => 1 + self.byte() % 64,
            1 => 1 + self.below(4096),
            2 => {
                let k = 3 + self.byte() % 18;
                ((1usize << k) + self.byte() % 3).saturating_sub(1).max(1)
            }
            _ => PAGE / 2 + self.below(8192) * (MAX_PAGES * PAGE / 8192),
        }
    }

    /// An alignment: usually small, up to twice a page.
    fn align(&mut self) -> usize {
        if self.byte().is_multiple_of(3) {
            1 << (self.byte() % 18)
        } else {
            1 << (self.byte() % 4)
        }
    }
}

/// The block that serves `layout`, by the documented rule; `None`: refused.
fn model_block(l: Layout) -> Option<usize> {
    let n = l.size().max(l.align());
    (l.align() <= PAGE && n <= 1 << 31).then(|| n.next_power_of_two().max(8))
}

fn class_of(block: usize) -> usize {
    block.trailing_zeros() as usize
}

struct Live {
    p: *mut u8,
    layout: Layout,
    /// The block's whole extent as the model knows it (a block kept in place by a shrinking
    /// `realloc` keeps its larger extent).
    extent: usize,
    fill: u8,
}

/// Bytes `i` of the block at `p`, which holds at least `i + 1`.
fn byte_at(p: *const u8, i: usize) -> u8 {
    // SAFETY: callers pass a live block of more than `i` bytes, in the arena's buffer.
    unsafe { p.add(i).read() }
}

/// Whether the first `n` bytes at `p` all equal `fill`.
fn holds(p: *const u8, n: usize, fill: u8) -> bool {
    // SAFETY: callers pass a live block of at least `n` bytes, which nothing writes meanwhile.
    unsafe { std::slice::from_raw_parts(p, n) }.iter().all(|&b| b == fill)
}

/// Checks a block just placed against every other live block (2).
fn placed(arena: &Arena, live: &[Live], k: usize) -> Outcome {
    let b = &live[k];
    let (p, extent) = (b.p.addr(), b.extent);
    ensure!(p % b.layout.align() == 0, "block at {p:#x} not aligned to {}", b.layout.align());
    ensure!(p % extent.min(PAGE) == 0, "block at {p:#x} not aligned to its size {extent}");
    ensure!(arena.owns(b.p, extent), "block at {p:#x} (+{extent}) outside the granted pages");
    for (j, o) in live.iter().enumerate() {
        ensure!(
            j == k || p + extent <= o.p.addr() || o.p.addr() + o.extent <= p,
            "blocks at {p:#x} and {:#x} overlap",
            o.p.addr()
        );
    }
    Ok(())
}

impl Target for Heap {
    fn run(&self, input: &str, _rng: &mut Rng) -> Outcome {
        let mut buf = self.buf.borrow_mut();
        let mut d = Decoder { bytes: input.as_bytes(), at: 0 };
        let head = d.byte();
        let base = buf.as_mut_ptr().map_addr(|a| a.next_multiple_of(PAGE));
        let arena = Arena {
            base,
            pages: 1 + head % MAX_PAGES,
            skip: head & 16 != 0,
            used: Cell::new(0),
            granted: RefCell::new(Vec::new()),
            refused: Cell::new(false),
        };
        let heap = Counted::new(Classes::new(&arena));
        let mut live: Vec<Live> = Vec::new();
        // Per class, how many freed blocks the model knows of (the allocator may hold more: the
        // space it skipped to align blocks).
        let mut freed = [0usize; 64];
        let mut fill = 0u8;
        for _ in 0..MAX_CALLS {
            if d.done() {
                break;
            }
            let pages_before = arena.used.get();
            arena.refused.set(false);
            match d.byte() % 8 {
                0..=3 => {
                    let l = match Layout::from_size_align(d.size(), d.align()) {
                        Ok(l) => l,
                        Err(_) => continue,
                    };
                    let reuse = model_block(l).is_some_and(|b| freed[class_of(b)] > 0);
                    // SAFETY: a layout of non-zero size.
                    let p = unsafe { heap.alloc(l) };
                    let Some(block) = model_block(l) else {
                        ensure!(p.is_null(), "alloc({l:?}) served a layout no block serves");
                        hit("refused");
                        continue;
                    };
                    if reuse {
                        hit("reused");
                        ensure!(!p.is_null(), "alloc({l:?}) failed with a freed block of its class");
                        ensure!(arena.used.get() == pages_before, "alloc({l:?}) grew with a freed block of its class");
                        freed[class_of(block)] -= 1;
                    }
                    if p.is_null() {
                        hit("out-of-pages");
                        ensure!(arena.refused.get(), "alloc({l:?}) failed with pages to be had");
                        continue;
                    }
                    if block > PAGE {
                        hit("multi-page");
                    }
                    fill = fill.wrapping_add(1);
                    live.push(Live { p, layout: l, extent: block, fill });
                    placed(&arena, &live, live.len() - 1)?;
                    // SAFETY: a live block of `l.size()` bytes.
                    unsafe { ptr::write_bytes(p, fill, l.size()) };
                }
                4 | 5 if !live.is_empty() => {
                    let b = live.swap_remove(d.byte() % live.len());
                    // SAFETY: a live block, with its layout.
                    unsafe { heap.dealloc(b.p, b.layout) };
                    if let Some(block) = model_block(b.layout) {
                        freed[class_of(block)] += 1;
                    }
                }
                6 | 7 if !live.is_empty() => {
                    let k = d.byte() % live.len();
                    let new_size = d.size();
                    let (p, l, fill) = (live[k].p, live[k].layout, live[k].fill);
                    let Ok(new) = Layout::from_size_align(new_size, l.align()) else { continue };
                    let (old_block, new_block) = (model_block(l), model_block(new));
                    let reuse = new_block.is_some_and(|b| freed[class_of(b)] > 0);
                    // SAFETY: a live block with its layout; `new_size` is not 0 and fits a layout.
                    let q = unsafe { heap.realloc(p, l, new_size) };
                    if q.is_null() {
                        hit("realloc-failed");
                        ensure!(!reuse, "realloc to {new_size} failed with a freed block of its class");
                        ensure!(arena.refused.get(), "realloc to {new_size} failed with pages to be had");
                        ensure!(holds(p, l.size(), fill), "a failed realloc spoiled the block at {:#x}", p.addr());
                        continue;
                    }
                    let Some(new_block) = new_block else {
                        return Err(format!(
                            "{}:{}: realloc to {new:?} served a layout no block serves",
                            file!(),
                            line!()
                        ));
                    };
                    if old_block == Some(new_block) {
                        ensure!(q == p, "realloc within the class of {new_block} bytes moved the block");
                    }
                    if reuse && q != p {
                        ensure!(arena.used.get() == pages_before, "realloc grew with a freed block of its class");
                        freed[class_of(new_block)] -= 1;
                    }
                    ensure!(
                        holds(q, l.size().min(new_size), fill),
                        "realloc lost bytes of the block at {:#x}",
                        p.addr()
                    );
                    live[k].layout = new;
                    if q != p {
                        hit("realloc-moved");
                        if let Some(old) = old_block {
                            freed[class_of(old)] += 1;
                        }
                        live[k].p = q;
                        live[k].extent = new_block;
                    } else if old_block != Some(new_block) {
                        hit("realloc-kept-shrinking");
                    }
                    placed(&arena, &live, k)?;
                    // SAFETY: a live block of `new_size` bytes.
                    unsafe { ptr::write_bytes(q, fill, new_size) };
                }
                _ => {}
            }
            let sum: usize = live.iter().map(|b| b.layout.size()).sum();
            ensure!(heap.in_use() == sum, "count {} with {sum} bytes live", heap.in_use());
            for b in &live {
                let n = b.layout.size();
                for i in [0, n / 2, n - 1] {
                    ensure!(byte_at(b.p, i) == b.fill, "block at {:#x} lost byte {i}", b.p.addr());
                }
            }
        }
        for b in &live {
            ensure!(holds(b.p, b.layout.size(), b.fill), "block at {:#x} lost a byte", b.p.addr());
        }
        // Everything freed, then the same layouts again: served by what was freed.
        let layouts: Vec<Layout> = live.iter().map(|b| b.layout).collect();
        for b in live.drain(..) {
            // SAFETY: a live block, with its layout.
            unsafe { heap.dealloc(b.p, b.layout) };
        }
        ensure!(heap.in_use() == 0, "count {} with nothing live", heap.in_use());
        let pages = arena.used.get();
        for l in layouts.iter().rev() {
            // SAFETY: a layout of non-zero size.
            let p = unsafe { heap.alloc(*l) };
            ensure!(!p.is_null() && arena.used.get() == pages, "allocating {l:?} again grew the memory");
        }
        if !layouts.is_empty() {
            hit("all-again");
        }
        Ok(())
    }
}
