#!/usr/bin/env bash
# The miri layer: the allocator crate's tests (heap/: unit and property tests, fewer and smaller
# cases under cfg(miri)) run under Miri, which checks every memory access of its unsafe code
# for undefined behaviour: out of bounds, use after free, misalignment, aliasing (Stacked
# Borrows) and, with -Zmiri-strict-provenance, any pointer made from an integer.
# Nightly is used for this tool only (scripts/setup.sh installs it with the `miri` component);
# everything else builds on stable. About 2 minutes warm, 5-7 cold (Miri builds proptest first).
# Prints cargo test's `test result: ok. N passed; 0 failed` lines; exits non-zero on any failure.
# Usage: scripts/miri.sh [cargo test args, e.g. -- live_blocks]
source "$(dirname "$0")/lib.sh"
export MIRIFLAGS="${MIRIFLAGS:--Zmiri-strict-provenance}"
cargo +nightly miri setup --quiet
exec cargo +nightly miri test -p ucb-heap "$@"
