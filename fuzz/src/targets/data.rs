//! `cti::data`: the `k=v:k=v` codec (`ParAndValues`, the dialer row's `data`).
//!
//! Checks, from the grammar in the module docs of `cti::data`:
//! 1. Parsing never rewrites: `DataParams::parse(s).encode() == s` for any `s`.
//! 2. `parse_pairs(s)` is `pairs()` of the parsed list; every key is non-empty and holds no `:`
//!    or `=`; no value holds `:`; `len()` is the number of pairs; reparsing the encoding gives an
//!    equal list.
//! 3. `encode_pairs(pairs)` (and `from_pairs`) succeeds exactly when every pair is representable
//!    (key non-empty, no `:`/`=` in it, no `:` in the value, no control character but tab in
//!    either), and then `parse_pairs` of the text gives the pairs back. Pairs come both from the
//!    input's own pairs and from random fragments. Failures are `INVALID_ARGUMENT` on `data`.
//! 4. `set(k, v)` succeeds exactly when `(k, v)` is representable; then `get(k) == v` and `k`
//!    occurs once; a rejected `set` changes nothing; `remove(k)` answers whether `k` was there and
//!    leaves no `k` behind.

use ucontact_bridge::cti::{encode_pairs, parse_pairs, DataParams};
use ucontact_bridge::error::Error;

use super::{ensure, fragment, is_bad_control, Outcome, Target};
use crate::rng::Rng;
use crate::stats::hit;

pub struct Data;

const DICTIONARY: &[&str] =
    &["=", ":", "==", "::", "k=", "=v", "Par1=Val1", "idcustomer=7", "url=a=b", "\t", "\r", "\n", ":=:"];

/// `true` when the pair can be written as `k=v` and read back unchanged.
pub fn representable(key: &str, value: &str) -> bool {
    !key.is_empty()
        && !key.contains([':', '='])
        && !value.contains(':')
        && !key.chars().any(is_bad_control)
        && !value.chars().any(is_bad_control)
}

impl Target for Data {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let params = DataParams::parse(input);
        ensure!(params.encode() == input, "parse rewrote the text");
        ensure!(params.to_string() == input, "Display differs from encode");
        let pairs = parse_pairs(input);
        let owned: Vec<(String, String)> = params.pairs().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        ensure!(pairs == owned, "parse_pairs differs from pairs()");
        ensure!(params.len() == pairs.len() && params.is_empty() == pairs.is_empty(), "len() is not the pair count");
        for (k, v) in &pairs {
            ensure!(!k.is_empty() && !k.contains([':', '=']) && !v.contains(':'), "impossible pair {k:?}={v:?}");
        }
        ensure!(DataParams::parse(&params.encode()) == params, "reparsing gives another list");
        // `get` is the first value of a key (checked on a few keys: each lookup is linear).
        for (k, _) in pairs.iter().take(16) {
            let first = pairs.iter().find(|(pk, _)| pk == k).map(|(_, pv)| pv.as_str());
            ensure!(params.get(k) == first, "get({k:?}) is not the first value");
        }

        // Encoding: the input's own pairs, then random ones.
        check_encode(&pairs)?;
        let random: Vec<(String, String)> =
            (0..rng.small(6)).map(|_| (fragment(input, rng, DICTIONARY), fragment(input, rng, DICTIONARY))).collect();
        check_encode(&random)?;

        // Edits.
        let mut edited = params.clone();
        for _ in 0..rng.small(8) {
            let key = match pairs.get(rng.below(pairs.len() + 1)) {
                Some((k, _)) => k.clone(),
                None => fragment(input, rng, DICTIONARY),
            };
            if rng.one_in(3) {
                let had = edited.get(&key).is_some();
                ensure!(edited.remove(&key) == had, "remove({key:?}) answered wrongly");
                ensure!(edited.get(&key).is_none(), "remove({key:?}) left it");
            } else {
                let value = fragment(input, rng, DICTIONARY);
                let before = edited.clone();
                match edited.set(&key, &value) {
                    Ok(()) => {
                        hit("set");
                        ensure!(representable(&key, &value), "set accepted {key:?}={value:?}");
                        ensure!(edited.get(&key) == Some(value.as_str()), "set({key:?}) then get differs");
                        ensure!(
                            edited.pairs().filter(|(k, _)| *k == key).count() == 1,
                            "set left duplicates of {key:?}"
                        );
                    }
                    Err(e) => {
                        hit("set-refused");
                        ensure!(!representable(&key, &value), "set refused {key:?}={value:?}: {e}");
                        ensure!(edited.encode() == before.encode(), "a rejected set changed the list");
                        check_error(&e)?;
                    }
                }
            }
        }
        Ok(())
    }
}

fn check_encode(pairs: &[(String, String)]) -> Outcome {
    let expected = pairs.iter().all(|(k, v)| representable(k, v));
    let encoded = encode_pairs(pairs.iter().map(|(k, v)| (k, v)));
    ensure!(
        encoded.as_ref().map(String::as_str)
            == DataParams::from_pairs(pairs.iter().map(|(k, v)| (k, v))).map(|p| p.encode()).as_deref(),
        "encode_pairs and from_pairs disagree"
    );
    match encoded {
        Ok(text) => {
            hit(if pairs.is_empty() { "encoded-empty" } else { "encoded" });
            ensure!(expected, "encode_pairs accepted {pairs:?}");
            ensure!(parse_pairs(&text) == pairs, "pairs do not round trip through {text:?}");
        }
        Err(e) => {
            hit("encode-refused");
            ensure!(!expected, "encode_pairs refused {pairs:?}: {e}");
            check_error(&e)?;
        }
    }
    Ok(())
}

fn check_error(e: &Error) -> Outcome {
    ensure!(matches!(e, Error::InvalidArgument { field: "data", .. }), "unexpected error {e:?}");
    Ok(())
}
