#!/usr/bin/env bash
# Fuzzes every parser that sees foreign input (fuzz/README.md): Porthole envelopes, replies and
# origins, CTI records and their AES-GCM envelope, the k=v:k=v codec, base files, every REST
# response parser. Stable Rust, no libFuzzer; built with the `fuzz` profile (release speed,
# unwinding panics, overflow checks and debug assertions on).
#
#   scripts/fuzz.sh                          short pass (CI): 100,000 inputs per target, ~10 s
#   scripts/fuzz.sh --iterations 1000000     long run: 1,000,000 inputs per target
#   scripts/fuzz.sh --target data --seed 7   one target, another deterministic stream
#   scripts/fuzz.sh --replay FILE --minimize re-run (and shrink) a saved failure
#   scripts/fuzz.sh --list | --help
#
# Prints `fuzz: <target> <N> inputs, <P> panics` per target, then a total and
# `fuzz: N passed, M failed` (targets). Failures are saved to target/fuzz-crashes/<target>/.
# Exits non-zero if any target panicked or broke an invariant.
source "$(dirname "$0")/lib.sh"
exec cargo run --profile fuzz -p ucontact-fuzz --bin ucb-fuzz -- "$@"
