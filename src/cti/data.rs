//! The `k=v:k=v` parameter lists uContact uses for workflow and form data (`ParAndValues` in the
//! CTI record, `data` in the dialer row, the Respool and the ScheduleDialerCall objects).
//!
//! # Grammar and decisions
//!
//! 1. The text is split on **every** `:` into segments; the empty text has no segments.
//! 2. A segment's key is the part before its **first** `=`; the value is everything after it, so a
//!    value may itself contain `=` (`url=a=b` is key `url`, value `a=b`).
//! 3. A segment without `=` (`Cedula`) is read as a key with an empty value: most likely a flag
//!    that someone wrote without `=`, and hiding it would lose information.
//! 4. Segments with no key (the empty segment of `a=1::b=2` or a trailing `:`, or `=v`) are not
//!    parameters: [`DataParams::pairs`] and [`DataParams::get`] skip them.
//! 5. Parsing never fails and never rewrites: [`DataParams`] keeps every segment verbatim, so
//!    `DataParams::parse(s).encode() == s` for *any* `s`. Only segments that an edit touches are
//!    re-encoded, so the rest of a foreign list reaches uContact byte for byte.
//! 6. Keys are compared case-sensitively: they are workflow variable names.
//! 7. Anything that cannot be written back unambiguously is rejected with
//!    [`Error::InvalidArgument`] (field `data`), never mangled: a key that is empty or contains
//!    `:` or `=`, a value that contains `:`, and control characters (CR and LF included; tab is
//!    allowed) in either.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::error::{Error, Result};

/// The separator between parameters.
const SEP: u8 = b':';

/// An ordered `k=v:k=v` parameter list that round-trips its source text exactly.
///
/// Two lists are equal when they encode to the same text.
#[derive(Clone, Debug, Default)]
pub struct DataParams {
    /// The segments between the `:` separators, verbatim.
    segments: Vec<String>,
}

impl PartialEq for DataParams {
    fn eq(&self, other: &Self) -> bool {
        // `[""]` (left by removing the only parameter of `k=v:`) and `[]` both encode to "".
        self.encode() == other.encode()
    }
}

impl Eq for DataParams {}

/// Splits one segment into `(key, value)` following rules 2–4 of the module docs.
fn split_segment(segment: &str) -> Option<(&str, &str)> {
    let (key, value) = crate::text::split_once_byte(segment, b'=').unwrap_or((segment, ""));
    (!key.is_empty()).then_some((key, value))
}

/// Checks that `key` can be written as a parameter name.
pub fn check_key(key: &str) -> Result<()> {
    if key.is_empty() {
        return Err(Error::invalid("data", "a parameter name must not be empty"));
    }
    if key.bytes().any(|b| b == SEP) {
        return Err(Error::invalid("data", "a parameter name must not contain `:`, which separates parameters"));
    }
    if key.bytes().any(|b| b == b'=') {
        return Err(Error::invalid("data", "a parameter name must not contain `=`, which separates it from its value"));
    }
    no_controls(key, "a parameter name")
}

/// Checks that `value` can be written as a parameter value (it may be empty and may contain `=`).
pub fn check_value(value: &str) -> Result<()> {
    if value.bytes().any(|b| b == SEP) {
        return Err(Error::invalid("data", "a parameter value must not contain `:`, which separates parameters"));
    }
    no_controls(value, "a parameter value")
}

fn no_controls(text: &str, what: &str) -> Result<()> {
    if text.chars().any(|c| c.is_control() && c != '\t') {
        return Err(Error::invalid(
            "data",
            crate::cat![what, " must not contain line breaks or other control characters"],
        ));
    }
    Ok(())
}

impl DataParams {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a `k=v:k=v` text. Never fails; see the module docs for how odd segments are read.
    pub fn parse(text: &str) -> Self {
        if text.is_empty() {
            return Self::default();
        }
        Self { segments: crate::text::split_byte(text, SEP).map(str::to_owned).collect() }
    }

    /// Builds a list from pairs, rejecting any pair that cannot be represented.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<Self> {
        let mut segments = Vec::new();
        for (key, value) in pairs {
            let (key, value) = (key.as_ref(), value.as_ref());
            check_key(key)?;
            check_value(value)?;
            segments.push(crate::cat![key, "=", value]);
        }
        Ok(Self { segments })
    }

    /// The parameters in order (segments without a key are skipped).
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.segments.iter().filter_map(|s| split_segment(s))
    }

    /// The value of the first parameter named `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// How many parameters [`DataParams::pairs`] yields.
    pub fn len(&self) -> usize {
        self.pairs().count()
    }

    /// `true` when there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Sets `key` to `value`. The first parameter named `key` is rewritten in place; later
    /// parameters with the same name are removed (so [`DataParams::get`] and uContact agree on
    /// the value); a new key is appended at the end. Unrepresentable input changes nothing.
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        check_key(key)?;
        check_value(value)?;
        let encoded = crate::cat![key, "=", value];
        let mut seen = false;
        self.segments.retain_mut(|segment| {
            if split_segment(segment).is_some_and(|(k, _)| k == key) {
                if seen {
                    return false;
                }
                seen = true;
                segment.clone_from(&encoded);
            }
            true
        });
        if !seen {
            self.segments.push(encoded);
        }
        Ok(())
    }

    /// Removes every parameter named `key`; returns whether one existed.
    pub fn remove(&mut self, key: &str) -> bool {
        let before = self.segments.len();
        self.segments.retain(|segment| split_segment(segment).is_none_or(|(k, _)| k != key));
        self.segments.len() != before
    }

    /// The `k=v:k=v` text (the source text exactly, plus any edits).
    pub fn encode(&self) -> String {
        crate::text::join(self.segments.iter().map(String::as_str), ":")
    }
}

impl fmt::Display for DataParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

/// Reads a `k=v:k=v` text into ordered `(key, value)` pairs (empty text: no pairs).
pub fn parse_pairs(text: &str) -> Vec<(String, String)> {
    DataParams::parse(text).pairs().map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
}

/// Writes ordered pairs as `k=v:k=v`; an unrepresentable key or value is an error.
pub fn encode_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<String> {
    DataParams::from_pairs(pairs).map(|p| p.encode())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn parses_the_documented_shapes() {
        let table: &[(&str, &[(&str, &str)])] = &[
            ("", &[]),
            ("Par1=Val1:Par2=Val2", &[("Par1", "Val1"), ("Par2", "Val2")]),
            ("idcustomer=7:name=Seba", &[("idcustomer", "7"), ("name", "Seba")]),
            ("a=", &[("a", "")]),
            ("flag", &[("flag", "")]),
            ("url=x=y", &[("url", "x=y")]),
            ("a=1::b=2:", &[("a", "1"), ("b", "2")]),
            ("=orphan:k=v", &[("k", "v")]),
            (":", &[]),
            ("a=1:a=2", &[("a", "1"), ("a", "2")]),
        ];
        for (text, want) in table {
            assert_eq!(parse_pairs(text), owned(want), "{text:?}");
            assert_eq!(DataParams::parse(text).encode(), *text, "verbatim {text:?}");
        }
    }

    #[test]
    fn encodes_and_rejects_unrepresentable_input() {
        assert_eq!(encode_pairs([("Par1", "Val1"), ("Par2", "")]).unwrap(), "Par1=Val1:Par2=");
        assert_eq!(encode_pairs(Vec::<(&str, &str)>::new()).unwrap(), "");
        assert_eq!(encode_pairs([("k", "a=b")]).unwrap(), "k=a=b");
        for (k, v) in [("", "v"), ("a:b", "v"), ("a=b", "v"), ("k", "x:y"), ("k\n", "v"), ("k", "v\r"), ("k", "\u{0}")]
        {
            let e = encode_pairs([(k, v)]).unwrap_err();
            assert_eq!(e.code(), "INVALID_ARGUMENT", "{k:?}={v:?}");
        }
        assert_eq!(encode_pairs([("k", "tab\there")]).unwrap(), "k=tab\there");
    }

    #[test]
    fn edits_touch_only_their_segment() {
        let mut p = DataParams::parse("a=1:odd::b=2:a=3:=x");
        p.set("b", "20").unwrap();
        assert_eq!(p.encode(), "a=1:odd::b=20:a=3:=x");
        p.set("a", "9").unwrap();
        assert_eq!(p.encode(), "a=9:odd::b=20:=x", "later duplicates go");
        p.set("new", "n").unwrap();
        assert_eq!(p.encode(), "a=9:odd::b=20:=x:new=n");
        assert!(p.remove("odd"));
        assert!(!p.remove("missing"));
        assert_eq!(p.encode(), "a=9::b=20:=x:new=n");
        assert_eq!(p.get("b"), Some("20"));
        let before = p.clone();
        assert!(p.set("bad:key", "v").is_err());
        assert!(p.set("k", "bad:value").is_err());
        assert_eq!(p, before, "a rejected edit changes nothing");
    }

    fn key() -> impl Strategy<Value = String> {
        "[^:=\\p{Cc}]{1,12}"
    }

    fn value() -> impl Strategy<Value = String> {
        "[^:\\p{Cc}]{0,12}|[\\t=]{0,3}"
    }

    proptest! {
        #[test]
        fn representable_pairs_round_trip(pairs in proptest::collection::vec((key(), value()), 0..8)) {
            let text = encode_pairs(pairs.iter().map(|(k, v)| (k, v))).unwrap();
            prop_assert_eq!(parse_pairs(&text), pairs);
        }

        #[test]
        fn any_text_round_trips_verbatim(text in any::<String>()) {
            prop_assert_eq!(DataParams::parse(&text).encode(), text);
        }

        #[test]
        fn set_then_get(text in any::<String>(), k in key(), v in value()) {
            let mut p = DataParams::parse(&text);
            p.set(&k, &v).unwrap();
            prop_assert_eq!(p.get(&k), Some(v.as_str()));
            prop_assert_eq!(p.pairs().filter(|(key, _)| *key == k).count(), 1);
            prop_assert!(p.remove(&k));
            prop_assert_eq!(p.get(&k), None);
        }
    }
}
