//! Branch counters: a poor man's coverage. Targets call [`hit`] on the outcomes that matter
//! (an envelope decoded, a record with a dialer row, a tampered ciphertext…), and
//! `ucb-fuzz --stats` prints how often each was reached, so a harness whose inputs never get
//! past the first check is noticed.
//!
//! Counters are per thread; a target runs on one thread, so [`take`] after its run gives its own.

use std::cell::RefCell;
use std::collections::BTreeMap;

thread_local! {
    static COUNTS: RefCell<BTreeMap<&'static str, u64>> = const { RefCell::new(BTreeMap::new()) };
}

/// Counts one occurrence of `what`.
pub fn hit(what: &'static str) {
    COUNTS.with(|c| *c.borrow_mut().entry(what).or_default() += 1);
}

/// Counts `what` when `cond` holds, and passes `cond` through.
pub fn hit_if(cond: bool, what: &'static str) -> bool {
    if cond {
        hit(what);
    }
    cond
}

/// The counts of this thread since the last call.
pub fn take() -> BTreeMap<&'static str, u64> {
    COUNTS.with(|c| std::mem::take(&mut *c.borrow_mut()))
}
