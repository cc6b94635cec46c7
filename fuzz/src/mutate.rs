//! Input generation: havoc-style mutation of seed inputs, plus purely random text and random
//! JSON, all driven by one [`Rng`] so that a case is reproducible from its seed.
//!
//! Mutations work on bytes and the result is turned into a `&str` the way a browser would hand
//! it over: valid UTF-8 as is, anything else through `String::from_utf8_lossy` (U+FFFD for each
//! bad sequence). Which mutations exist, and why:
//!
//! | mutation | finds |
//! |---|---|
//! | bit flip, random byte, insert/delete/duplicate a range, truncate | off-by-one and length bugs |
//! | splice two seeds | mixed structures (half an envelope, half a record) |
//! | dictionary token (shared + per target) | keys and markers the parsers branch on |
//! | interesting numbers (`1e309`, `2^64`, `-0`, …) | overflow, float and range handling |
//! | deep nesting `[[[…` / `{"a":{"a":…` up to a few thousand | recursion limits |
//! | long runs (up to 70 000 chars) | size limits (`MAX_TEXT` = 64 KiB) and truncation |
//! | non-UTF-8 bytes, odd Unicode (`İ`, U+2028, NBSP, BOM, emoji, combining marks) | char-boundary slicing, Unicode `trim` |
//! | ASCII case flips | case-insensitive key lookups |
//!
//! A fifth of the cases instead mutate a JSON seed as JSON (drop, add, rename or case-flip a key,
//! replace a value, recurse into JSON held in a string), so that inputs stay well-formed often
//! enough to reach the checks behind the parser.

use ucontact_bridge::json::{self, Map, Number, Value};

use crate::rng::Rng;

/// Tokens every target may get, on top of its own dictionary.
pub const SHARED_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "=",
    ";",
    "\\",
    "\\\"",
    "\\u0000",
    "\\ud800",
    "\\udfff",
    "\\ud83d\\ude00",
    "\\n",
    "null",
    "true",
    "false",
    "\"\"",
    "{}",
    "[]",
    "0",
    "1",
    "\"0\"",
    "\"1\"",
    " ",
    "\t",
    "\r\n",
    "\n",
    "ucb1.",
    "ucb2.",
    "=:",
    "::",
    "TRUE",
    "FALSE",
];

/// Numbers that sit on some boundary.
pub const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.0",
    "1.5",
    "1e309",
    "-1e309",
    "1e-400",
    "1E2",
    "2.5e-3",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "9007199254740993",
    "3.141592653589793238462643383279",
    "1.7976931348623157e308",
    "5e-324",
    "123456789012345678901234567890",
    "00",
    "01",
    "+1",
    ".5",
    "1.",
    "NaN",
    "Infinity",
    "65535",
    "65536",
];

/// Non-ASCII text that trips naive slicing, case mapping and trimming.
pub const UNICODE: &[&str] = &[
    "é",
    "ñ",
    "ß",
    "İ",
    "ﬃ",
    "Ａ",
    "😀",
    "👩‍👩‍👧",
    "\u{301}",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{200b}",
    "\u{feff}",
    "\u{3000}",
    "\u{85}",
    "\u{7f}",
    "\u{0}",
    "\u{1b}",
    "\u{fffd}",
    "\u{10ffff}",
    "ǅ",
];

/// Byte sequences that are not UTF-8 (lone continuation, truncated, overlong, surrogate, > U+10FFFF).
const BAD_UTF8: &[&[u8]] = &[
    &[0x80],
    &[0xff],
    &[0xc3],
    &[0xe2, 0x82],
    &[0xc0, 0xaf],
    &[0xed, 0xa0, 0x80],
    &[0xf4, 0x90, 0x80, 0x80],
    &[0xfe, 0xfe],
];

/// Makes inputs for one target from its seeds and its dictionary.
pub struct Generator {
    seeds: Vec<Vec<u8>>,
    tokens: Vec<&'static str>,
}

impl Generator {
    /// A generator over `seeds` (an empty seed list is fine: then everything is random).
    pub fn new(seeds: &[String], dictionary: &[&'static str]) -> Self {
        let mut tokens: Vec<&'static str> = SHARED_TOKENS.to_vec();
        tokens.extend_from_slice(dictionary);
        Self { seeds: seeds.iter().map(|s| s.as_bytes().to_vec()).collect(), tokens }
    }

    /// A random seed, or an empty one when there are none.
    pub fn seed(&self, rng: &mut Rng) -> Vec<u8> {
        if self.seeds.is_empty() {
            Vec::new()
        } else {
            rng.pick(&self.seeds).clone()
        }
    }

    /// One new input.
    pub fn generate(&self, rng: &mut Rng) -> String {
        let bytes = match rng.below(20) {
            0 => random_bytes(rng),
            1 => self.random_json(rng).into_bytes(),
            2..=5 => {
                let seed = into_text(self.seed(rng));
                match self.json_mutate(&seed, rng) {
                    Some(text) if rng.one_in(4) => self.havoc(&text, rng).into_bytes(),
                    Some(text) => text.into_bytes(),
                    None => self.havoc(&seed, rng).into_bytes(),
                }
            }
            _ => {
                let mut data = self.seed(rng);
                let rounds = 1 + rng.small(15);
                for _ in 0..rounds {
                    self.mutate(&mut data, rng);
                }
                data
            }
        };
        into_text(bytes)
    }

    /// Applies havoc mutations to an existing text (for targets that mutate structurally first).
    pub fn havoc(&self, text: &str, rng: &mut Rng) -> String {
        let mut data = text.as_bytes().to_vec();
        for _ in 0..1 + rng.small(7) {
            self.mutate(&mut data, rng);
        }
        into_text(data)
    }

    /// A random JSON text whose keys and strings often come from the dictionary.
    pub fn random_json(&self, rng: &mut Rng) -> String {
        let mut out = String::new();
        self.json_value(rng, 0, &mut out);
        out
    }

    fn json_value(&self, rng: &mut Rng, depth: usize, out: &mut String) {
        let kinds = if depth >= 5 { 3 } else { 6 };
        match rng.below(kinds) {
            0 => {
                let word = *rng.pick(&["null", "true", "false"]);
                out.push_str(word);
            }
            1 => {
                let number = *rng.pick(NUMBERS);
                out.push_str(number);
            }
            2 => self.json_string(rng, out),
            3 => {
                out.push('[');
                for i in 0..rng.small(6) {
                    if i > 0 {
                        out.push(',');
                    }
                    self.json_value(rng, depth + 1, out);
                }
                out.push(']');
            }
            4 => {
                out.push('{');
                for i in 0..rng.small(10) {
                    if i > 0 {
                        out.push(',');
                    }
                    self.json_string(rng, out);
                    out.push(':');
                    self.json_value(rng, depth + 1, out);
                }
                out.push('}');
            }
            _ => {
                // A JSON document inside a JSON string, as the CTI record travels.
                let mut inner = String::new();
                self.json_value(rng, depth + 1, &mut inner);
                out.push_str(&Value::String(inner).to_json());
            }
        }
    }

    fn json_string(&self, rng: &mut Rng, out: &mut String) {
        let text = match rng.below(4) {
            0 => {
                let token = *rng.pick(&self.tokens);
                flip_case(token, rng)
            }
            1 => rng.pick(UNICODE).to_string(),
            2 => (0..rng.small(12)).map(|_| char::from(b'a' + rng.below(26) as u8)).collect(),
            _ => rng.pick(&self.tokens).to_string(),
        };
        out.push_str(&Value::String(text).to_json());
    }

    /// A JSON-level mutation of `seed`; `None` when it is not JSON. Read and written with the
    /// library's own JSON, so numbers keep their text (`1e309`, `-0`, `2.50` stay as written).
    pub fn json_mutate(&self, seed: &str, rng: &mut Rng) -> Option<String> {
        let mut value = json::parse(seed).ok()?;
        for _ in 0..1 + rng.small(3) {
            self.mutate_value(&mut value, rng, 0);
        }
        Some(value.to_json())
    }

    fn mutate_value(&self, value: &mut Value, rng: &mut Rng, depth: usize) {
        if depth > 32 {
            return;
        }
        match value {
            Value::Object(map) if !map.is_empty() && !rng.one_in(5) => {
                let i = rng.below(map.len());
                let key = map.keys().nth(i).cloned().unwrap_or_default();
                match rng.below(6) {
                    0 => drop(map.remove(&key)),
                    1 => {
                        let new = self.random_value(rng);
                        map.insert(self.key(rng), new);
                    }
                    2 => {
                        // Renamed in place, keeping the order (case flip, or another name).
                        let renamed = if rng.one_in(2) { flip_case(&key, rng) } else { self.key(rng) };
                        let rebuilt: Map = std::mem::take(map)
                            .into_iter()
                            .map(|(k, v)| (if k == key { renamed.clone() } else { k }, v))
                            .collect();
                        *map = rebuilt;
                    }
                    3 => {
                        // The same key again in another case (ambiguous for case-insensitive reads).
                        if let Some(v) = map.get(&key).cloned() {
                            map.insert(flip_case(&key, rng), v);
                        }
                    }
                    _ => {
                        if let Some(v) = map.get_mut(&key) {
                            self.mutate_value(v, rng, depth + 1);
                        }
                    }
                }
            }
            Value::Array(items) if !items.is_empty() && !rng.one_in(5) => {
                let i = rng.below(items.len());
                match rng.below(5) {
                    0 => drop(items.remove(i)),
                    1 => items.push(self.random_value(rng)),
                    2 => items.push(items[i].clone()),
                    _ => self.mutate_value(&mut items[i], rng, depth + 1),
                }
            }
            Value::String(text) if rng.one_in(2) => {
                // JSON inside a string (the CTI record as the portal sends it): mutate inside.
                if let Some(inner) = self.json_mutate(text, rng) {
                    *text = inner;
                } else {
                    *value = self.random_value(rng);
                }
            }
            _ => *value = self.random_value(rng),
        }
    }

    /// A key name: a dictionary token without its JSON punctuation, sometimes case-flipped.
    fn key(&self, rng: &mut Rng) -> String {
        let token = (*rng.pick(&self.tokens)).trim_matches(|c| c == '"' || c == ':' || c == ' ');
        if rng.one_in(3) {
            flip_case(token, rng)
        } else {
            token.to_owned()
        }
    }

    /// A random JSON value, usually a leaf.
    fn random_value(&self, rng: &mut Rng) -> Value {
        match rng.below(8) {
            0 => Value::Null,
            1 => Value::Bool(rng.one_in(2)),
            2 => {
                let number = *rng.pick(NUMBERS);
                Number::parse(number).map_or_else(|| Value::from(rng.next_u64()), Value::Number)
            }
            3 => Value::String((*rng.pick(NUMBERS)).to_owned()),
            4 => Value::String((*rng.pick(UNICODE)).to_owned()),
            5 => json::parse(&self.random_json(rng)).unwrap_or(Value::Null),
            _ => Value::String(self.key(rng)),
        }
    }

    /// One havoc mutation, in place.
    fn mutate(&self, data: &mut Vec<u8>, rng: &mut Rng) {
        let len = data.len();
        match rng.below(19) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = rng.byte();
            }
            2 => {
                let at = rng.below(len + 1);
                let bytes: Vec<u8> = (0..1 + rng.small(7)).map(|_| rng.byte()).collect();
                splice_in(data, at, &bytes);
            }
            3 if len > 0 => {
                let (a, b) = range(rng, len);
                data.drain(a..b);
            }
            4 if len > 0 => {
                let (a, b) = range(rng, len);
                let chunk = data[a..b].to_vec();
                let at = rng.below(len + 1);
                splice_in(data, at, &chunk);
            }
            5 => {
                // Splice: our head with another seed's tail.
                let other = self.seed(rng);
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                data.truncate(cut);
                data.extend_from_slice(&other[from..]);
            }
            6 | 7 => {
                let at = rng.below(len + 1);
                let token = *rng.pick(&self.tokens);
                splice_in(data, at, token.as_bytes());
            }
            8 if len > 0 => {
                let (a, b) = range(rng, len);
                let token = *rng.pick(&self.tokens);
                data.splice(a..b, token.bytes());
            }
            9 => {
                let at = rng.below(len + 1);
                splice_in(data, at, rng.pick(NUMBERS).as_bytes());
            }
            10 => replace_digits(data, rng),
            11 => {
                let at = rng.below(len + 1);
                let nest = nesting(rng);
                splice_in(data, at, nest.as_bytes());
            }
            12 => {
                let at = rng.below(len + 1);
                let unit = *rng.pick(&["x", "0", " ", "é", "\\\\", "a=b:", "\"", "😀"]);
                let count = if rng.one_in(50) { rng.range(60_000, 70_000) / unit.len() } else { rng.small(300) };
                splice_in(data, at, unit.repeat(count).as_bytes());
            }
            13 => {
                let at = rng.below(len + 1);
                let bad = *rng.pick(BAD_UTF8);
                splice_in(data, at, bad);
            }
            14 => {
                let at = rng.below(len + 1);
                splice_in(data, at, rng.pick(UNICODE).as_bytes());
            }
            15 if len > 0 => {
                for _ in 0..1 + rng.small(7) {
                    let i = rng.below(len);
                    if data[i].is_ascii_alphabetic() {
                        data[i] ^= 0x20;
                    }
                }
            }
            16 => data.truncate(rng.below(len + 1)),
            17 => {
                // Right after a quote: the start of a key or a string value.
                let quotes: Vec<usize> = data.iter().enumerate().filter(|(_, b)| **b == b'"').map(|(i, _)| i).collect();
                if !quotes.is_empty() {
                    let at = *rng.pick(&quotes) + 1;
                    let token = *rng.pick(&self.tokens);
                    splice_in(data, at, token.as_bytes());
                }
            }
            _ => {
                let at = rng.below(len + 1);
                let ws = *rng.pick(&[" ", "\t", "\n", "\r\n", "\u{a0}", "\u{2028}", "\u{feff}"]);
                splice_in(data, at, ws.as_bytes());
            }
        }
    }
}

/// Random bytes from one of a few alphabets.
fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let len = rng.small(512);
    let alphabet: &[u8] = match rng.below(4) {
        0 => b"{}[]\":,0123456789.eE+-truefalsn \\u",
        1 => b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=:;-_ .",
        2 => b"0123456789-: ",
        _ => &[],
    };
    (0..len).map(|_| if alphabet.is_empty() { rng.byte() } else { *rng.pick(alphabet) }).collect()
}

/// Bytes to text the way a browser hands text to us: valid UTF-8 as is, else lossily.
pub fn into_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Flips the case of some ASCII letters of `text`.
pub fn flip_case(text: &str, rng: &mut Rng) -> String {
    text.chars().map(|c| if rng.one_in(3) { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect()
}

/// A random sub-range `a..b` of `0..len` (`len > 0`), usually short.
fn range(rng: &mut Rng, len: usize) -> (usize, usize) {
    let a = rng.below(len);
    let b = (a + 1 + rng.small(len - a - 1)).min(len);
    (a, b)
}

fn splice_in(data: &mut Vec<u8>, at: usize, bytes: &[u8]) {
    data.splice(at..at, bytes.iter().copied());
}

/// Replaces one run of ASCII digits with an interesting number.
fn replace_digits(data: &mut Vec<u8>, rng: &mut Rng) {
    let starts: Vec<usize> =
        (0..data.len()).filter(|&i| data[i].is_ascii_digit() && (i == 0 || !data[i - 1].is_ascii_digit())).collect();
    if starts.is_empty() {
        return;
    }
    let a = *rng.pick(&starts);
    let b = (a..data.len()).find(|&i| !data[i].is_ascii_digit()).unwrap_or(data.len());
    data.splice(a..b, rng.pick(NUMBERS).bytes());
}

/// Deep nesting: mostly a few levels, sometimes thousands, sometimes closed.
fn nesting(rng: &mut Rng) -> String {
    let depth = if rng.one_in(8) { rng.range(100, 4000) } else { 1 + rng.small(15) };
    let (open, close) =
        *rng.pick(&[("[", "]"), ("{\"a\":", "}"), ("{\"dialer\":", "}"), ("[{\"Guid\":\"g\",\"x\":", "}]")]);
    let mut s = open.repeat(depth);
    if rng.one_in(2) {
        s.push('1');
        s.push_str(&close.repeat(depth));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_inputs() {
        let gen = Generator::new(&["{\"a\":1}".to_owned(), "k=v:x=y".to_owned()], &["Guid"]);
        let run = |seed| {
            let mut rng = Rng::new(seed);
            (0..200).map(|_| gen.generate(&mut rng)).collect::<Vec<_>>()
        };
        assert_eq!(run(3), run(3));
        assert_ne!(run(3), run(4));
    }

    #[test]
    fn no_seeds_is_fine() {
        let gen = Generator::new(&[], &[]);
        let mut rng = Rng::new(1);
        for _ in 0..500 {
            let _ = gen.generate(&mut rng);
        }
    }
}
