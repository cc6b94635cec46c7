//! The JSON value: what a message, a record or a response holds once parsed.

use super::write;
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

/// A JSON value.
///
/// Objects keep their keys in the order received ([`Map`]); numbers keep their text
/// ([`Number`]), so a value written back is the value that was read.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its JSON text.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, in key order.
    Object(Map),
}

impl Value {
    /// A boolean as uContact's records write one: JSON `true`/`false`, the strings `true` /
    /// `false` (any case, surrounding spaces ignored), `"1"`/`"0"` and the numbers 1/0; `None`
    /// for anything else. The CTI record's flags and the v6 events share this one reading.
    pub fn lenient_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::String(s) => {
                let s = s.trim();
                if s.eq_ignore_ascii_case("true") || s == "1" {
                    Some(true)
                } else if s.eq_ignore_ascii_case("false") || s == "0" {
                    Some(false)
                } else {
                    None
                }
            }
            Value::Number(n) => match n.as_u64() {
                Some(1) => Some(true),
                Some(0) => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The number as a `u64`, if it is a whole number written without fraction or exponent.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number().and_then(Number::as_u64)
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The object, mutably, if this is one.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The array, if this is one.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// A member of an object (`None` for other values or a missing key).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|m| m.get(key))
    }

    /// `true` for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// `true` for a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// `true` for an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// The value as JSON text, byte for byte what `JSON.stringify` prints for it.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write::value(self, &mut out);
        out
    }
}

/// Written as JSON text (the same as [`Value::to_json`]).
impl core::fmt::Display for Value {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.to_json())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::String(s.clone())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Number(Number::from_u64(n.into()))
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Self {
        Value::Number(Number::from_u64(n))
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Self {
        Value::Number(Number::from_u64(n as u64))
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Self {
        Value::Number(n)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::Object(m)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// A JSON number, kept as the text it was written with.
///
/// Keeping the text (rather than an `f64`) means a number is never reformatted on its way
/// through the library: what the portal or the server wrote is what a caller reads and what is
/// sent on. It also keeps float parsing and printing, which are large, out of the wasm build:
/// numbers cross to JavaScript as text and JavaScript converts them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Number(String);

impl Number {
    /// A number from JSON number text; `None` if the text is not exactly one JSON number.
    pub fn parse(text: &str) -> Option<Number> {
        let bytes = text.as_bytes();
        let end = super::parse::number_end(bytes, 0)?;
        (end == bytes.len()).then(|| Number(text.to_owned()))
    }

    /// A whole number.
    pub fn from_u64(n: u64) -> Number {
        let mut s = String::new();
        crate::text::push_u64(&mut s, n);
        Number(s)
    }

    /// The text, as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a `u64` when the text is a whole number with no sign, fraction or exponent
    /// that fits (`3` yes; `3.0`, `-1`, `3e0` and `18446744073709551616` no).
    pub fn as_u64(&self) -> Option<u64> {
        let b = self.0.as_bytes();
        if b.is_empty() || b.len() > 20 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        b.iter().try_fold(0u64, |acc, d| acc.checked_mul(10)?.checked_add(u64::from(d - b'0')))
    }

    /// A whole number, negative ones with a leading `-`.
    pub fn from_i64(n: i64) -> Number {
        let mut s = String::new();
        if n < 0 {
            s.push('-');
        }
        crate::text::push_u64(&mut s, n.unsigned_abs());
        Number(s)
    }

    /// The value as an `i64` when the text is a whole number with no fraction or exponent that
    /// fits (`-3` and `-0` yes; `3.0`, `3e0` and `9223372036854775808` no).
    pub fn as_i64(&self) -> Option<i64> {
        let (negative, digits) = match self.0.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, self.0.as_str()),
        };
        let b = digits.as_bytes();
        if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let magnitude = b.iter().try_fold(0u64, |acc, d| acc.checked_mul(10)?.checked_add(u64::from(d - b'0')))?;
        if negative {
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        }
    }

    /// Built from text already known to be a JSON number (the parser's own spans).
    pub(super) fn from_checked(text: String) -> Number {
        Number(text)
    }
}

/// A JSON object: members in the order they were added.
///
/// Setting a key that exists replaces its value in place, the way a JavaScript object (and
/// `JSON.parse` with a repeated key) does. Lookups are linear: the objects this library reads
/// (records, replies, response rows) hold tens of keys, where a scan beats hashing. Building
/// from many members at once (the parser, [`FromIterator`], [`Extend`]) does not look each
/// key up: it appends them all and resolves repeated keys once, in `O(n log n)`, so a
/// foreign object of any width is read in time proportional to its size.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map(Vec::new())
    }

    /// An empty object with room for `n` members.
    pub fn with_capacity(n: usize) -> Map {
        Map(Vec::with_capacity(n))
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `true` when there are no members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// `true` when `key` is a member.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` (in place when it exists, at the end otherwise); returns the old value.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        let key = key.into();
        let value = value.into();
        match self.get_mut(&key) {
            Some(slot) => Some(core::mem::replace(slot, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// Removes `key`, keeping the order of the others; returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        // `retain` rather than `Vec::remove`: the same result with no panicking path.
        let at = self.0.iter().position(|(k, _)| k == key)?;
        let value = core::mem::take(&mut self.0.get_mut(at)?.1);
        let mut i = 0;
        self.0.retain(|_| {
            i += 1;
            i != at + 1
        });
        Some(value)
    }

    /// Keeps the members for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &mut Value) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values, in key order.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.0.iter().map(|(_, v)| v)
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Appends without looking for an existing key: for builders that know their keys are new,
    /// or that call [`Map::dedupe`] when done.
    pub(crate) fn push_new(&mut self, key: impl Into<String>, value: impl Into<Value>) {
        self.0.push((key.into(), value.into()));
    }

    /// Resolves repeated keys the way a run of [`Map::insert`]s would: each key stays at its
    /// first position with its last value. `O(n log n)` whatever the keys.
    pub(crate) fn dedupe(&mut self) {
        let members = &self.0;
        let Some(first) = crate::order::firsts(members.len(), &|i| members.get(i).map_or("", |(k, _)| k.as_str()))
        else {
            return;
        };
        // In order of position, so the last value of a key is the one that stays: each later
        // value is swapped into its first's slot (what it displaces goes with the later slot).
        for (later, &at) in first.iter().enumerate() {
            if let Some((head, tail)) = self.0.split_at_mut_checked(later) {
                if let (Some(slot), Some(moved)) = (head.get_mut(at), tail.first_mut()) {
                    core::mem::swap(&mut slot.1, &mut moved.1);
                }
            }
        }
        // The firsts move down over the gaps, in order; what is left past them goes.
        let mut kept = 0;
        for (i, &at) in first.iter().enumerate() {
            if at == i {
                self.0.swap(kept, i);
                kept += 1;
            }
        }
        self.0.truncate(kept);
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter =
        core::iter::Map<core::slice::Iter<'a, (String, Value)>, fn(&'a (String, Value)) -> (&'a String, &'a Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = alloc::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut m = Map::new();
        m.extend(iter);
        m
    }
}

impl<K: Into<String>, V: Into<Value>> Extend<(K, V)> for Map {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.push_new(k, v);
        }
        self.dedupe();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_order_and_replaces_in_place() {
        let mut m = Map::new();
        m.insert("b", 1u32);
        m.insert("a", 2u32);
        assert_eq!(m.insert("b", 3u32), Some(Value::from(1u32)));
        assert_eq!(m.keys().map(String::as_str).collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(m.get("b"), Some(&Value::from(3u32)));
        assert_eq!(m.remove("b"), Some(Value::from(3u32)));
        assert_eq!(m.keys().map(String::as_str).collect::<Vec<_>>(), ["a"]);
        assert!(m.remove("zz").is_none());
    }

    #[test]
    fn whole_numbers_only() {
        let n = |t: &str| Number::parse(t).unwrap();
        assert_eq!(n("0").as_u64(), Some(0));
        assert_eq!(n("18446744073709551615").as_u64(), Some(u64::MAX));
        for t in ["18446744073709551616", "3.0", "-1", "3e0", "1E2"] {
            assert_eq!(n(t).as_u64(), None, "{t}");
        }
        for t in ["", "01", "+1", "1.", ".5", "1e", "--1", " 1", "1 ", "NaN", "Infinity"] {
            assert!(Number::parse(t).is_none(), "{t}");
        }
        assert_eq!(Number::from_u64(1234567890).as_str(), "1234567890");
        assert_eq!(Number::from_u64(0).as_str(), "0");
    }

    #[test]
    fn signed_whole_numbers() {
        let n = |t: &str| Number::parse(t).unwrap();
        for (t, v) in [("0", 0), ("-0", 0), ("7", 7), ("-42", -42)] {
            assert_eq!(n(t).as_i64(), Some(v), "{t}");
        }
        assert_eq!(n("9223372036854775807").as_i64(), Some(i64::MAX));
        assert_eq!(n("-9223372036854775808").as_i64(), Some(i64::MIN));
        for t in ["9223372036854775808", "-9223372036854775809", "1e2", "3.0", "-1.5", "99999999999999999999999"] {
            assert_eq!(n(t).as_i64(), None, "{t}");
        }
        for v in [0, 1, -1, 1234567890, i64::MAX, i64::MIN] {
            let text = Number::from_i64(v);
            assert_eq!(text.as_str(), v.to_string());
            assert_eq!(text.as_i64(), Some(v));
            assert_eq!(Number::parse(text.as_str()), Some(text));
        }
    }
}
