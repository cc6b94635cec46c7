//! Ordering foreign lists without a quadratic worst case.
//!
//! Text from another frame, storage or the network decides how many keys an object has and
//! how many numbers a list holds, so everything that compares members with each other goes
//! through here: a heap sort of indices, `O(n log n)` comparisons whatever the input (no
//! pivot to attack, no allocation of its own), small in wasm. Lists of a few members are
//! compared pair by pair instead, which is cheaper than sorting them.

use alloc::vec::Vec;

/// Up to this many members, pairwise comparison beats sorting (at most 120 comparisons).
const PAIRWISE: usize = 16;

/// A key by position (`&dyn`, so each routine here is one copy in the wasm build, whatever
/// calls it).
pub type Key<'k, 'a> = &'k dyn Fn(usize) -> &'a str;

/// A strict order on positions.
type Less<'l> = &'l dyn Fn(usize, usize) -> bool;

/// Sorts `v` by `less` in `O(n log n)` comparisons for every input (a heap sort; not stable:
/// break ties in `less` where order matters).
pub fn heap_sort(v: &mut [usize], less: Less<'_>) {
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift_down(v, root, n, less);
    }
    for end in (1..n).rev() {
        if let (Some(&top), Some(&last)) = (v.first(), v.get(end)) {
            set(v, 0, last);
            set(v, end, top);
        }
        sift_down(v, 0, end, less);
    }
}

/// `v[at] = x` (`get_mut`: no bounds-check panic in the wasm build; `at` is always in range).
fn set(v: &mut [usize], at: usize, x: usize) {
    if let Some(slot) = v.get_mut(at) {
        *slot = x;
    }
}

/// Restores the heap below `root` within `v[..end]`.
fn sift_down(v: &mut [usize], mut root: usize, end: usize, less: Less<'_>) {
    loop {
        let mut child = 2 * root + 1;
        let (Some(&r), Some(&a)) = (v.get(root), v.get(child).filter(|_| child < end)) else { return };
        let mut top = a;
        if let Some(&b) = v.get(child + 1).filter(|_| child + 1 < end) {
            if less(a, b) {
                child += 1;
                top = b;
            }
        }
        if !less(r, top) {
            return;
        }
        set(v, root, top);
        set(v, child, r);
        root = child;
    }
}

/// For each of the `n` keys, the position of the first key with the same text (its own
/// position when it is the first); `None` when the keys are distinct.
///
/// Up to [`PAIRWISE`] keys are first compared pair by pair, which finds most objects without
/// a repeat at no cost; the others are sorted (by text, then by position), which is
/// `O(n log n)` whatever the keys. Why not a hash table: `docs/decisions/repeated-keys.md`.
pub fn firsts(n: usize, key: Key<'_, '_>) -> Option<Vec<usize>> {
    if n <= PAIRWISE && !(1..n).any(|i| (0..i).any(|j| key(j) == key(i))) {
        return None;
    }
    let mut order: Vec<usize> = (0..n).collect();
    heap_sort(&mut order, &|a, b| match key(a).cmp(key(b)) {
        core::cmp::Ordering::Equal => a < b,
        o => o.is_lt(),
    });
    // In sorted order, a key equal to the one before it belongs to that one's first.
    let mut first: Vec<usize> = (0..n).collect();
    let mut repeated = false;
    for pair in order.windows(2) {
        if let [before, i] = *pair {
            if key(before) == key(i) {
                let f = first.get(before).copied().unwrap_or(before);
                set(&mut first, i, f);
                repeated = true;
            }
        }
    }
    repeated.then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::{String, ToString};
    use alloc::vec;

    fn sort(v: &mut [usize]) {
        heap_sort(v, &|a, b| a < b);
    }

    #[test]
    fn sorts_every_small_permutation_and_large_adversarial_shapes() {
        // Every permutation of 0..6, and lists of repeated values.
        let mut perm = [0usize, 1, 2, 3, 4, 5];
        let mut count = 0;
        loop {
            let mut v = perm;
            sort(&mut v);
            assert_eq!(v, [0, 1, 2, 3, 4, 5], "from {perm:?}");
            count += 1;
            // Next permutation (lexicographic).
            let Some(i) = (0..5).rev().find(|&i| perm[i] < perm[i + 1]) else { break };
            let j = (i + 1..6).rev().find(|&j| perm[j] > perm[i]).unwrap();
            perm.swap(i, j);
            perm[i + 1..].reverse();
        }
        assert_eq!(count, 720);
        for shape in [
            (0..1000).collect::<Vec<usize>>(),
            (0..1000).rev().collect(),
            vec![7; 1000],
            (0..1000).map(|i| i % 3).collect(),
            (0..1000).map(|i| (i * 7919) % 1009).collect(),
        ] {
            let mut v = shape.clone();
            sort(&mut v);
            let mut want = shape;
            want.sort_unstable();
            assert_eq!(v, want);
        }
        sort(&mut []);
        let mut one = [3];
        sort(&mut one);
        assert_eq!(one, [3]);
    }

    /// The rule, pair by pair.
    fn scan(keys: &[String]) -> Vec<usize> {
        (0..keys.len()).map(|i| (0..i).find(|&j| keys[j] == keys[i]).unwrap_or(i)).collect()
    }

    #[test]
    fn firsts_pairwise_and_sorted_agree_with_the_rule() {
        let small: Vec<String> = ["b", "a", "b", "c", "a", "b"].map(String::from).to_vec();
        assert_eq!(firsts(small.len(), &|i| &small[i]), Some(vec![0, 1, 0, 3, 1, 0]));
        for keys in [
            (0..3000).map(|i| (i * 7 % 1000).to_string()).collect::<Vec<_>>(),
            (0..3000).map(|_| "same".to_string()).collect(),
            (0..17).map(|i| (i % 16).to_string()).collect(),
        ] {
            let k = |i: usize| keys[i].as_str();
            let want = scan(&keys);
            assert_eq!(firsts(keys.len(), &k), Some(want));
        }
        for n in [0, 1, 2, 16, 17, 1000] {
            let keys: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            assert_eq!(firsts(n, &|i| &keys[i]), None, "{n} distinct");
        }
    }
}
