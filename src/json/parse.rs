//! A strict JSON parser (RFC 8259) over UTF-8 text.
//!
//! What it accepts is exactly JSON: no comments, no trailing commas, no single quotes, no
//! `NaN`, no leading zeros, no raw control characters inside strings, and nothing but
//! whitespace after the value. Decisions where JSON leaves room:
//!
//! - **Escaped surrogates** must pair up (`"\ud83d\ude00"`); a lone one is refused, since a
//!   Rust string cannot hold it.
//! - **Repeated keys**: the last value wins, at the first key's position (what `JSON.parse`
//!   does), resolved once per object in `O(n log n)` (members are not looked up one by one,
//!   which made a wide object quadratic).
//! - **Depth**: arrays and objects nest at most [`MAX_DEPTH`] levels, so hostile input cannot
//!   exhaust the stack.
//! - **Numbers** keep their text (see [`Number`]); their grammar is checked, their value is not
//!   computed.
//!
//! Every failure is a [`ParseError`] with a fixed reason and the byte offset; no input panics
//! (`fuzz/` holds a differential target against serde_json).

use super::value::{Map, Number, Value};
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

/// The deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 128;

/// Why a text is not JSON, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What was wrong, in a few words.
    pub reason: &'static str,
    /// The byte offset where it was noticed.
    pub at: usize,
}

impl ParseError {
    /// `reason at byte N`.
    pub fn describe(&self) -> String {
        let mut s = String::from(self.reason);
        s.push_str(" at byte ");
        crate::text::push_u64(&mut s, self.at as u64);
        s
    }
}

/// Parses one JSON value; surrounding whitespace is allowed, anything else after it is not.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut p = Parser { text, bytes: text.as_bytes(), at: 0 };
    p.skip_ws();
    let v = p.value(0)?;
    p.skip_ws();
    if p.at != p.bytes.len() {
        return Err(p.err("unexpected text after the value"));
    }
    Ok(v)
}

/// The end of the JSON number starting at `at`, or `None` if none starts there.
pub(crate) fn number_end(b: &[u8], mut at: usize) -> Option<usize> {
    let digits = |b: &[u8], mut at: usize| {
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        (at > start).then_some(at)
    };
    if b.get(at) == Some(&b'-') {
        at += 1;
    }
    at = match b.get(at) {
        Some(b'0') => at + 1,
        Some(b'1'..=b'9') => digits(b, at)?,
        _ => return None,
    };
    if b.get(at) == Some(&b'.') {
        at = digits(b, at + 1)?;
    }
    if matches!(b.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(b.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        at = digits(b, at)?;
    }
    Some(at)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    /// `text[from..to]`. Every span the parser cuts starts and ends at an ASCII byte or the end,
    /// so it is never empty by mistake; `get` keeps the panic machinery out of the wasm build.
    fn slice(&self, from: usize, to: usize) -> &str {
        self.text.get(from..to).unwrap_or_default()
    }

    fn err(&self, reason: &'static str) -> ParseError {
        ParseError { reason, at: self.at }
    }

    fn skip_ws(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &'static str, v: Value) -> Result<Value, ParseError> {
        if self.bytes.get(self.at..).is_some_and(|rest| rest.starts_with(word.as_bytes())) {
            self.at += word.len();
            Ok(v)
        } else {
            Err(self.err("unknown literal"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        match self.bytes.get(self.at) {
            None => Err(self.err("unexpected end of text")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => {
                let end = number_end(self.bytes, self.at).ok_or_else(|| self.err("malformed number"))?;
                let n = Number::from_checked(self.slice(self.at, end).to_owned());
                self.at = end;
                Ok(Value::Number(n))
            }
            Some(_) => Err(self.err("expected a value")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err("nested too deeply"));
        }
        self.at += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.err("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err("nested too deeply"));
        }
        self.at += 1;
        let mut map = Map::new();
        self.skip_ws();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(Value::Object(map));
        }
        loop {
            self.skip_ws();
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(self.err("expected a key string"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.bytes.get(self.at) != Some(&b':') {
                return Err(self.err("expected `:`"));
            }
            self.at += 1;
            self.skip_ws();
            let v = self.value(depth)?;
            map.push_new(key, v);
            self.skip_ws();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    map.dedupe();
                    return Ok(Value::Object(map));
                }
                _ => return Err(self.err("expected `,` or `}`")),
            }
        }
    }

    /// A string starting at the opening quote.
    fn string(&mut self) -> Result<String, ParseError> {
        self.at += 1;
        let mut out = String::new();
        let mut run = self.at;
        loop {
            match self.bytes.get(self.at) {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => {
                    out.push_str(self.slice(run, self.at));
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.slice(run, self.at));
                    self.at += 1;
                    self.escape(&mut out)?;
                    run = self.at;
                }
                Some(0..=0x1f) => return Err(self.err("control character in a string")),
                Some(_) => self.at += 1,
            }
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let c = match self.bytes.get(self.at) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let hi = self.hex4()?;
                let code = match hi {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.at) != Some(&b'\\') || self.bytes.get(self.at + 1) != Some(&b'u') {
                            return Err(self.err("lone surrogate escape"));
                        }
                        self.at += 2;
                        let lo = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return Err(self.err("lone surrogate escape"));
                        }
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.err("lone surrogate escape")),
                    _ => hi,
                };
                // Every code point outside the surrogate range is a char.
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                return Ok(());
            }
            _ => return Err(self.err("unknown escape")),
        };
        out.push(c);
        self.at += 1;
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = match self.bytes.get(self.at) {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.err("malformed \\u escape")),
            };
            n = n * 16 + u32::from(d);
            self.at += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value {
        parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    #[test]
    fn values() {
        assert_eq!(ok(" null "), Value::Null);
        assert_eq!(ok("true"), Value::Bool(true));
        assert_eq!(ok("false"), Value::Bool(false));
        assert_eq!(ok("-0.5e+10").as_number().unwrap().as_str(), "-0.5e+10");
        assert_eq!(
            ok(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#),
            Value::String("a\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1f600}".into())
        );
        let v = ok(r#"{"b":[1,{"c":null}],"a":"x","b":2}"#);
        let m = v.as_object().unwrap();
        assert_eq!(m.keys().map(String::as_str).collect::<Vec<_>>(), ["b", "a"], "repeated key keeps its place");
        assert_eq!(m.get("b").and_then(Value::as_u64), Some(2), "and takes the last value");
        assert_eq!(ok("[]"), Value::Array(vec![]));
        assert_eq!(ok("{}"), Value::Object(Map::new()));
        assert_eq!(ok("\"é😀\""), Value::String("é😀".into()));
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            " ",
            "nul",
            "True",
            "[1,]",
            "{\"a\":1,}",
            "{'a':1}",
            "{a:1}",
            "01",
            "1.",
            ".1",
            "+1",
            "NaN",
            "-",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"a\nb\"",
            "\"abc",
            "[1 2]",
            "{\"a\" 1}",
            "1 2",
            "[",
            "{",
            "{\"a\":}",
            "/*c*/1",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(MAX_DEPTH)).is_ok());
        assert_eq!(parse(&deep(MAX_DEPTH + 1)).unwrap_err().reason, "nested too deeply");
        assert!(parse(&deep(100_000)).is_err());
        let objects = format!("{}1{}", "{\"a\":".repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
        assert!(parse(&objects).is_err());
    }

    #[test]
    fn errors_say_where() {
        let e = parse("[1, x]").unwrap_err();
        assert_eq!((e.reason, e.at), ("expected a value", 4));
        assert_eq!(e.describe(), "expected a value at byte 4");
    }
}
