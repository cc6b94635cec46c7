//! `json::parse` and `json::write`, differentially against serde_json (the reference, with
//! `preserve_order` and `float_roundtrip`), over mutated JSON-ish text.
//!
//! Checks:
//! 1. `parse` never panics; an error's offset lies within the input.
//! 2. Where both accept, the values are equal: null, booleans, strings, arrays and objects
//!    exactly (key order and repeated keys, last value at the first key's position, included);
//!    numbers as the `f64` of our kept text (`str::parse`, correctly rounded) against
//!    serde_json's number, bit for bit, and `Number::as_u64`/`as_i64` against serde_json's
//!    (the same but for `-0`, an integer for us). Every number's text is exactly a number of the input: the input's
//!    number tokens, in order (a subset when repeated keys dropped values), found by a lexer of
//!    its own here.
//! 3. Accept/reject agree, except for the documented differences, where only we accept: a
//!    number out of `f64` range (`1e400`; serde_json: "number out of range") and nesting exactly
//!    [`MAX_DEPTH`] (128) deep (serde_json stops at 127: "recursion limit exceeded"). Each is
//!    allowed only when the input really holds such a number or that depth.
//! 4. `parse(v.to_json()) == v` for every accepted value, and `to_json` is then a fixed point;
//!    every string (keys included) writes as `serde_json::to_string` writes it (both escape as
//!    `JSON.stringify` does for valid Unicode); when every number's text is serde_json's own
//!    printing of it, the whole `to_json` equals `serde_json::to_string`. The same string check
//!    for random slices of the input (any Unicode, controls included), which also read back.
//! 5. An accepted input never holds, outside strings, anything but JSON whitespace, structural
//!    characters, `true`/`false`/`null` and numbers of the JSON grammar (so no comments, single
//!    quotes, `NaN`, `Infinity`, `+1`, `.5`, `1.`, BOM or NBSP), no number with a leading zero,
//!    no comma before `]` or `}`, and no raw control character inside a string.

use serde_json::Value as Reference;
use ucontact_bridge::json::{self, Number, Value, MAX_DEPTH};

use super::{ensure, slice, Outcome, Target};
use crate::mutate::Generator;
use crate::rng::Rng;
use crate::stats::{hit, hit_if};

pub struct JsonTarget;

const DICTIONARY: &[&str] = &[
    "\\\"",
    "\\\\",
    "\\/",
    "\\b",
    "\\f",
    "\\r",
    "\\t",
    "\\u00e9",
    "\\u001f",
    "\\u007f",
    "\\u2028",
    "\\uFFFF",
    "\\uD83D\\uDE00",
    "\\udbff\\udfff",
    "\\ud800\\u0041",
    "\\udc00\\ud800",
    "\\u12",
    "\\x41",
    "\\'",
    "1e400",
    "-1e400",
    "1e-400",
    "1E+2",
    "0.0e-0",
    "-0.0",
    "1e",
    "1e+",
    "-",
    "--1",
    "+1",
    ".5",
    "1.",
    "01",
    "-01",
    "0x10",
    "NaN",
    "Infinity",
    "-Infinity",
    "undefined",
    "tru",
    "nul",
    "fals",
    "True",
    "//c\n",
    "/*c*/",
    "'a'",
    ",]",
    ",}",
    ",,",
    "::",
    "\u{0}",
    "\u{1}",
    "\u{1f}",
    "\u{b}",
    "\u{c}",
    "\u{a0}",
    "\u{feff}",
    "\u{2028}",
    "{\"a\":1,\"a\":2}",
];

/// Hex digits of escapes, mixed case.
const HEX: &[u8] = b"0123456789abcdefABCDEF";

impl Target for JsonTarget {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    /// Structure-aware inputs: a seed mutated as JSON, nesting around the depth limit, numbers
    /// and strings from their grammars (mostly valid, sometimes just not), whitespace between
    /// tokens, and a valid document with one non-JSON habit put in.
    fn mutate(&self, seed: &str, generator: &Generator, rng: &mut Rng) -> Option<String> {
        Some(match rng.below(7) {
            0 => generator.json_mutate(seed, rng)?,
            1 => nest(seed, rng),
            2 => {
                let n = number(rng);
                match rng.below(4) {
                    0 => n,
                    1 => format!("[{n}]"),
                    2 => format!("{{\"n\":{n}}}"),
                    _ => format!("[{n},{},{}]", number(rng), number(rng)),
                }
            }
            3 => {
                let s = string(rng);
                match rng.below(3) {
                    0 => s,
                    1 => format!("{{{s}:{}}}", string(rng)),
                    _ => format!("[{s},{s}]"),
                }
            }
            4 => respace(seed, rng),
            _ => habit(&generator.json_mutate(seed, rng).unwrap_or_else(|| seed.to_owned()), rng),
        })
    }

    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let ours = json::parse(input);
        let reference = serde_json::from_str::<Reference>(input);
        let lexed = Lexed::of(input);
        match (&ours, &reference) {
            (Ok(v), Ok(r)) => {
                hit("both-accept");
                same(v, r, "$")?;
            }
            (Ok(_), Err(e)) => {
                let msg = e.to_string();
                let out_of_range = msg.starts_with("number out of range") && lexed.out_of_range();
                let at_limit = msg.starts_with("recursion limit exceeded") && lexed.max_depth == MAX_DEPTH;
                hit_if(out_of_range, "only-we-accept-out-of-range");
                hit_if(at_limit, "only-we-accept-depth-128");
                ensure!(out_of_range || at_limit, "only we accept (serde_json: {msg})");
            }
            (Err(e), Ok(_)) => return Err(format!("{}:{}: only serde_json accepts ({e:?})", file!(), line!())),
            (Err(e), Err(_)) => {
                hit("both-reject");
                ensure!(e.at <= input.len() && !e.reason.is_empty(), "a bad error: {e:?}");
                let _ = e.describe();
            }
        }
        if let Ok(v) = &ours {
            lexed.check_accepted()?;
            numbers_are_the_inputs(v, &lexed)?;
            round_trip(v, reference.as_ref().ok())?;
        }
        // Strings the parser did not make: any Unicode, controls included.
        for _ in 0..2 {
            let s = slice(input, rng);
            check_string(s)?;
            ensure!(
                json::parse(&Value::from(s).to_json()) == Ok(Value::from(s)),
                "a written string does not read back"
            );
        }
        Ok(())
    }
}

/// Check 2: our value against serde_json's, at `path`.
fn same(v: &Value, r: &Reference, path: &str) -> Outcome {
    match (v, r) {
        (Value::Null, Reference::Null) => {}
        (Value::Bool(a), Reference::Bool(b)) => ensure!(a == b, "{path}: {a} vs {b}"),
        (Value::String(a), Reference::String(b)) => ensure!(a == b, "{path}: {a:?} vs {b:?}"),
        (Value::Number(n), Reference::Number(m)) => {
            let ours = n.as_str().parse::<f64>().ok();
            let theirs = m.as_f64();
            // Bit for bit (the sign of zero included: serde_json reads `-0` as -0.0 too).
            let equal = matches!((ours, theirs), (Some(a), Some(b)) if a.to_bits() == b.to_bits());
            ensure!(equal, "{path}: the number {} is {ours:?} for us, {theirs:?} ({m}) for serde_json", n.as_str());
            // The integer readers agree, but on `-0`: an integer for us (documented), -0.0 for
            // serde_json.
            if n.as_str() != "-0" {
                ensure!(
                    (n.as_u64(), n.as_i64()) == (m.as_u64(), m.as_i64()),
                    "{path}: {} reads as the integers {:?} for us, {:?} for serde_json",
                    n.as_str(),
                    (n.as_u64(), n.as_i64()),
                    (m.as_u64(), m.as_i64())
                );
            }
        }
        (Value::Array(a), Reference::Array(b)) => {
            ensure!(a.len() == b.len(), "{path}: {} items vs {}", a.len(), b.len());
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same(x, y, &format!("{path}[{i}]"))?;
            }
        }
        (Value::Object(a), Reference::Object(b)) => {
            let ka: Vec<&String> = a.keys().collect();
            let kb: Vec<&String> = b.keys().collect();
            ensure!(ka == kb, "{path}: keys {ka:?} vs {kb:?}");
            for ((k, x), y) in a.iter().zip(b.values()) {
                same(x, y, &format!("{path}.{k}"))?;
            }
        }
        _ => return Err(format!("{}:{}: {path}: {} vs {r}", file!(), line!(), v.to_json())),
    }
    Ok(())
}

/// Check 4.
fn round_trip(v: &Value, reference: Option<&Reference>) -> Outcome {
    let text = v.to_json();
    match json::parse(&text) {
        Ok(back) => ensure!(back == *v, "to_json does not read back as the value: {text}"),
        Err(e) => return Err(format!("{}:{}: to_json wrote text we refuse ({e:?}): {text}", file!(), line!())),
    }
    let mut strings = Vec::new();
    let mut printed_alike = true;
    walk(v, reference, &mut strings, &mut printed_alike);
    for s in strings {
        check_string(s)?;
    }
    if let (Some(r), true) = (reference, printed_alike) {
        hit("whole-text-compared");
        let theirs = serde_json::to_string(r).unwrap_or_default();
        ensure!(text == theirs, "to_json differs from serde_json:\n  ours:   {text}\n  theirs: {theirs}");
    }
    Ok(())
}

/// Collects every string of `v` (keys included), and whether each number's text is serde_json's
/// own printing of the number (then the whole texts are comparable).
fn walk<'a>(v: &'a Value, r: Option<&Reference>, strings: &mut Vec<&'a str>, alike: &mut bool) {
    match v {
        Value::String(s) => strings.push(s),
        Value::Number(n) => {
            *alike &= matches!(r, Some(Reference::Number(m)) if m.to_string() == n.as_str());
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, r.and_then(|r| r.get(i)), strings, alike);
            }
        }
        Value::Object(m) => {
            for (k, item) in m {
                strings.push(k);
                walk(item, r.and_then(|r| r.get(k)), strings, alike);
            }
        }
        Value::Null | Value::Bool(_) => {}
    }
}

/// A string writes as serde_json writes it.
fn check_string(s: &str) -> Outcome {
    let ours = Value::from(s).to_json();
    let theirs = serde_json::to_string(s).unwrap_or_default();
    ensure!(ours == theirs, "the string {s:?} writes as {ours} (serde_json: {theirs})");
    Ok(())
}

/// The number texts of `v`, in its order.
fn numbers<'a>(v: &'a Value, out: &mut Vec<&'a str>, members: &mut usize) {
    match v {
        Value::Number(n) => out.push(n.as_str()),
        Value::Array(items) => items.iter().for_each(|item| numbers(item, out, members)),
        Value::Object(m) => {
            *members += m.len();
            m.values().for_each(|item| numbers(item, out, members));
        }
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}

/// Check 2, the texts: every number is a number token of the input, in order; when repeated
/// keys dropped members (fewer members than the input has `:`), a sub-multiset of them.
fn numbers_are_the_inputs(v: &Value, lexed: &Lexed<'_>) -> Outcome {
    let mut ours = Vec::new();
    let mut members = 0;
    numbers(v, &mut ours, &mut members);
    for n in &ours {
        ensure!(Number::parse(n).is_some_and(|p| p.as_str() == *n), "the kept text {n:?} is not one JSON number");
    }
    if members == lexed.colons {
        ensure!(ours == lexed.numbers, "number texts {ours:?}, the input has {:?}", lexed.numbers);
    } else {
        hit("repeated-keys");
        ensure!(members < lexed.colons, "{members} members from {} colons", lexed.colons);
        let mut left = lexed.numbers.clone();
        for n in &ours {
            match left.iter().position(|t| t == n) {
                Some(i) => drop(left.swap_remove(i)),
                None => return Err(format!("{}:{}: the number {n:?} is not in the input", file!(), line!())),
            }
        }
    }
    Ok(())
}

/// What a lexer that knows only JSON's tokens finds in a text (outside strings, unless said).
struct Lexed<'a> {
    /// Maximal runs of `-+.0-9eE` that start with `-` or a digit.
    numbers: Vec<&'a str>,
    /// Runs of ASCII letters and digits that start with a letter.
    words: Vec<&'a str>,
    colons: usize,
    max_depth: usize,
    /// A comma directly (but for whitespace) before `]` or `}`.
    trailing_comma: bool,
    /// A character that is none of the above, whitespace, structure or a quote.
    foreign: Option<char>,
    /// A raw character below U+0020 inside a string.
    control_in_string: bool,
}

impl<'a> Lexed<'a> {
    fn of(text: &'a str) -> Self {
        let mut l = Lexed {
            numbers: Vec::new(),
            words: Vec::new(),
            colons: 0,
            max_depth: 0,
            trailing_comma: false,
            foreign: None,
            control_in_string: false,
        };
        let b = text.as_bytes();
        let (mut i, mut depth, mut after_comma) = (0, 0usize, false);
        while i < b.len() {
            let c = b[i];
            match c {
                b' ' | b'\t' | b'\n' | b'\r' => {
                    i += 1;
                    continue;
                }
                b'[' | b'{' => {
                    depth += 1;
                    l.max_depth = l.max_depth.max(depth);
                    i += 1;
                }
                b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    l.trailing_comma |= after_comma;
                    i += 1;
                }
                b',' | b':' => {
                    l.colons += usize::from(c == b':');
                    i += 1;
                }
                b'"' => {
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        l.control_in_string |= b[i] < 0x20;
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                b'-' | b'0'..=b'9' => {
                    let start = i;
                    while i < b.len() && matches!(b[i], b'-' | b'+' | b'.' | b'0'..=b'9' | b'e' | b'E') {
                        i += 1;
                    }
                    l.numbers.push(&text[start..i]);
                }
                b'a'..=b'z' | b'A'..=b'Z' => {
                    let start = i;
                    while i < b.len() && b[i].is_ascii_alphanumeric() {
                        i += 1;
                    }
                    l.words.push(&text[start..i]);
                }
                _ => {
                    if l.foreign.is_none() {
                        l.foreign = text.get(i..).and_then(|t| t.chars().next());
                    }
                    i += 1;
                }
            }
            after_comma = c == b',';
        }
        l
    }

    /// Some number token beyond the `f64` range.
    fn out_of_range(&self) -> bool {
        self.numbers.iter().any(|n| n.parse::<f64>().is_ok_and(f64::is_infinite))
    }

    /// Check 5.
    fn check_accepted(&self) -> Outcome {
        ensure!(self.foreign.is_none(), "accepted a text holding {:?} outside strings", self.foreign);
        ensure!(!self.control_in_string, "accepted a raw control character in a string");
        ensure!(!self.trailing_comma, "accepted a trailing comma");
        ensure!(self.max_depth <= MAX_DEPTH, "accepted nesting {} deep", self.max_depth);
        for w in &self.words {
            ensure!(matches!(*w, "true" | "false" | "null"), "accepted the word {w:?}");
        }
        for n in &self.numbers {
            let digits = n.strip_prefix('-').unwrap_or(n).as_bytes();
            ensure!(!(digits.len() > 1 && digits[0] == b'0' && digits[1].is_ascii_digit()), "accepted {n:?}");
            ensure!(json_number(n), "accepted the number {n:?}");
        }
        Ok(())
    }
}

/// RFC 8259's number grammar, stated again: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn json_number(n: &str) -> bool {
    let rest = n.strip_prefix('-').unwrap_or(n);
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let int_ok = int == "0" || (digits(int) && !int.starts_with('0'));
    let frac_ok = frac.is_none_or(digits);
    let exp_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    int_ok && frac_ok && exp_ok
}

/// `seed` (or `1`, when it is not JSON) wrapped in arrays and objects, to a depth around the
/// limit: the deepest accepted, one less (serde_json's limit), one more.
fn nest(seed: &str, rng: &mut Rng) -> String {
    let inner = if json::parse(seed).is_ok() && !rng.one_in(4) { seed } else { "1" };
    // The seed's own depth counts too, so aim around the limit minus a guess at it.
    let target = match rng.below(6) {
        0 => MAX_DEPTH - 1,
        1 => MAX_DEPTH,
        2 => MAX_DEPTH + 1,
        3 => rng.range(MAX_DEPTH - 8, MAX_DEPTH + 8),
        _ => (MAX_DEPTH + rng.below(3)).saturating_sub(Lexed::of(inner).max_depth + 1),
    };
    let mut open = String::new();
    let mut close = Vec::new();
    for _ in 0..target {
        match rng.below(3) {
            0 => {
                open.push('[');
                close.push("]");
            }
            1 => {
                open.push_str("{\"k\":");
                close.push("}");
            }
            _ => {
                open.push_str("[0, ");
                close.push("]");
            }
        }
    }
    close.reverse();
    format!("{open}{inner}{}", close.concat())
}

/// A number text: valid by the grammar most of the time, with long digit runs and exponents
/// beyond the `f64` range now and then; sometimes one part broken.
fn number(rng: &mut Rng) -> String {
    let digits = |rng: &mut Rng, max: usize| -> String {
        let n = if rng.one_in(20) { rng.range(20, 400) } else { 1 + rng.small(max) };
        (0..n).map(|_| char::from(b'0' + rng.below(10) as u8)).collect()
    };
    let mut s = String::new();
    if rng.one_in(3) {
        s.push('-');
    }
    if rng.one_in(4) {
        s.push('0');
    } else {
        s.push(char::from(b'1' + rng.below(9) as u8));
        s.push_str(&digits(rng, 18));
    }
    if rng.one_in(2) {
        s.push('.');
        s.push_str(&digits(rng, 17));
    }
    if rng.one_in(2) {
        s.push(*rng.pick(&['e', 'E']));
        s.push_str(one(rng, &["", "+", "-"]));
        s.push_str(&match rng.below(4) {
            0 => rng.pick(&["308", "309", "324", "325", "400", "0400", "99999999999999999999"]).to_string(),
            _ => digits(rng, 3),
        });
    }
    if rng.one_in(8) {
        // One part broken: a lost digit, a doubled sign, a leading zero, a stray character.
        let at = rng.below(s.len() + 1);
        let bad = *rng.pick(&["", "-", "+", ".", "e", "0", "x", " "]);
        if bad.is_empty() && at < s.len() {
            s.remove(at);
        } else {
            s.insert_str(at, bad);
        }
    }
    s
}

/// A string literal: plain text, Unicode, every escape, surrogate pairs (valid, lone, reversed),
/// now and then a raw control character or a broken escape.
fn string(rng: &mut Rng) -> String {
    let mut s = String::from("\"");
    for _ in 0..rng.small(12) {
        match rng.below(10) {
            0 | 1 => s.push_str(one(rng, &["a", "é", "😀", "\u{2028}", "\u{7f}", "\u{fffd}", "\u{10ffff}", "'", "/"])),
            2 => s.push_str(one(rng, &["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"])),
            3 | 4 => {
                let code = match rng.below(4) {
                    0 => rng.below(0x20) as u32,
                    1 => rng.below(0x10000) as u32,
                    2 => 0xD800 + rng.below(0x400) as u32,
                    _ => 0xDC00 + rng.below(0x400) as u32,
                };
                push_u_escape(&mut s, code, rng);
            }
            5 | 6 => {
                // A pair: high then low, mostly.
                let hi = 0xD800 + rng.below(0x400) as u32;
                let lo = 0xDC00 + rng.below(0x400) as u32;
                let (a, b) = if rng.one_in(6) { (lo, hi) } else { (hi, lo) };
                push_u_escape(&mut s, a, rng);
                if rng.one_in(8) {
                    s.push('x');
                }
                push_u_escape(&mut s, b, rng);
            }
            7 if rng.one_in(3) => s.push(char::from(rng.below(0x20) as u8)),
            7 => s.push_str(one(rng, &["\\u12", "\\x41", "\\U0041", "\\", "\\u{41}", "\\0", "\\'"])),
            _ => s.push_str(one(rng, &["key", " ", "0", "\u{a0}", "ß"])),
        }
    }
    if !rng.one_in(30) {
        s.push('"');
    }
    s
}

/// One of `items`, as a `&str` (`rng.pick` gives a `&&str`).
fn one<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len())]
}

/// `\uXXXX` for `code`, in random case.
fn push_u_escape(s: &mut String, code: u32, rng: &mut Rng) {
    s.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        let d = ((code >> shift) & 15) as usize;
        let c = HEX[d];
        s.push(char::from(if d >= 10 && rng.one_in(2) { c.to_ascii_uppercase() } else { c }));
    }
}

/// `seed` with whitespace changed between tokens: JSON's four, long runs of them, or one that
/// JSON does not allow (vertical tab, form feed, NBSP, BOM, U+2028).
fn respace(seed: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(seed.len() * 2);
    let mut in_string = false;
    let mut escaped = false;
    for c in seed.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if matches!(c, ' ' | '\t' | '\n' | '\r') && rng.one_in(2) {
            continue;
        }
        if matches!(c, '{' | '}' | '[' | ']' | ',' | ':' | '"') && rng.one_in(3) {
            let ws = if rng.one_in(40) {
                *rng.pick(&["\u{b}", "\u{c}", "\u{a0}", "\u{feff}", "\u{2028}", "\u{0}"])
            } else {
                *rng.pick(&[" ", "\t", "\n", "\r", "\r\n", "  \t\n ", " \n\n\n\r\t "])
            };
            if c == '"' {
                out.push_str(ws);
                out.push(c);
            } else {
                out.push(c);
                out.push_str(ws);
            }
            continue;
        }
        out.push(c);
    }
    if rng.one_in(4) {
        format!("{}{out}{}", one(rng, &["", " ", "\n\t"]), one(rng, &["", "\n", " \r\n"]))
    } else {
        out
    }
}

/// A non-JSON habit put into `text`: trailing comma, single quotes, a comment, a leading zero,
/// `NaN`/`Infinity`, a raw control character in a string, `undefined`, an unquoted key.
fn habit(text: &str, rng: &mut Rng) -> String {
    let positions = |pred: &dyn Fn(char) -> bool| -> Vec<usize> {
        text.char_indices().filter(|(_, c)| pred(*c)).map(|(i, _)| i).collect()
    };
    let insert = |at: Option<&usize>, what: &str| -> String {
        match at {
            Some(&i) => format!("{}{what}{}", &text[..i], &text[i..]),
            None => format!("{text}{what}"),
        }
    };
    match rng.below(8) {
        0 => {
            let closers = positions(&|c| c == ']' || c == '}');
            let at = closers.get(rng.below(closers.len().max(1)));
            insert(at, one(rng, &[",", ", ", ",\n"]))
        }
        1 => text.replacen('"', "'", 1 + rng.small(4)),
        2 => {
            let spots = positions(&|c| matches!(c, ',' | ':' | '[' | '{'));
            let at = spots.get(rng.below(spots.len().max(1)));
            insert(at.map(|i| i + 1).as_ref(), one(rng, &["/*c*/", "//c\n", "#c\n"]))
        }
        3 => {
            let digits = positions(&|c| c.is_ascii_digit());
            let at = digits.get(rng.below(digits.len().max(1)));
            insert(at, "0")
        }
        4 => {
            let spots = positions(&|c| c == ':' || c == '[');
            let at = spots.get(rng.below(spots.len().max(1)));
            insert(at.map(|i| i + 1).as_ref(), one(rng, &["NaN", "Infinity", "-Infinity", "undefined", "+1"]))
        }
        5 => {
            let quotes = positions(&|c| c == '"');
            let at = quotes.get(rng.below(quotes.len().max(1)));
            let control = char::from(rng.below(0x20) as u8).to_string();
            insert(at.map(|i| i + 1).as_ref(), &control)
        }
        6 => text.replacen("\"", "", 2),
        _ => format!("{text}{}", one(rng, &[" 1", "x", "\u{0}", "]", "}", ",", " null"])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> Outcome {
        JsonTarget.run(input, &mut Rng::new(1))
    }

    #[test]
    fn the_comparison_sees_differences() {
        let ours = |t: &str| json::parse(t).unwrap();
        let theirs = |t: &str| serde_json::from_str::<Reference>(t).unwrap();
        assert!(same(&ours(r#"{"a":1,"b":2}"#), &theirs(r#"{"b":2,"a":1}"#), "$").is_err(), "key order");
        assert!(same(&ours("[0.1]"), &theirs("[0.10000000000000002]"), "$").is_err(), "one ulp");
        assert!(same(&ours("[\"a\"]"), &theirs("[\"b\"]"), "$").is_err());
        assert!(same(&ours("[1]"), &theirs("[[1]]"), "$").is_err());
        assert!(same(&ours("[-0]"), &theirs("[0]"), "$").is_err(), "the sign of zero");
        assert!(same(&ours("[-0]"), &theirs("[-0.0]"), "$").is_ok());
        assert!(same(&ours("[2.50e0]"), &theirs("[2.5]"), "$").is_ok());
    }

    #[test]
    fn the_documented_differences_pass() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        for ok in ["1e400", "[-1E+400]", &deep(MAX_DEPTH), &deep(MAX_DEPTH - 1), &deep(MAX_DEPTH + 1)] {
            assert_eq!(run(ok), Ok(()), "{ok}");
        }
        assert_eq!(Lexed::of(&deep(MAX_DEPTH)).max_depth, MAX_DEPTH);
    }

    #[test]
    fn values_and_texts_agree() {
        for text in [
            r#"{"b":1,"a":[true,null,-0,2.50,1E2,"\u00e9\ud83d\ude00\/"],"b":{"c":"\n"}}"#,
            " [ 1 , \"x\" ] ",
            "\"\\u001f\\u007f\u{2028}\"",
            "123456789012345678901234567890",
            "5e-324",
            "1e-400",
        ] {
            assert_eq!(run(text), Ok(()), "{text}");
        }
    }

    #[test]
    fn the_lexer_sees_habits() {
        let bad = |t: &str| Lexed::of(t).check_accepted().is_err();
        for t in
            ["[1,]", "{'a':1}", "/*c*/1", "01", "-01", "NaN", "Infinity", "1.", ".5", "+1", "\"a\u{1}\"", "\u{feff}1"]
        {
            assert!(bad(t), "{t}");
        }
        for t in ["[1, 2]", "{\"a,]\": \"/*'NaN'*/\"}", "-0.5e+10", "0", "\"\\\"\""] {
            assert!(!bad(t), "{t}");
        }
    }

    #[test]
    fn generators_do_not_panic() {
        let generator = Generator::new(&["{\"a\":[1,2]}".to_owned()], DICTIONARY);
        let mut rng = Rng::new(7);
        for _ in 0..2000 {
            let input = JsonTarget.mutate("{\"a\":[1,2]}", &generator, &mut rng).unwrap_or_default();
            let _ = JsonTarget.run(&input, &mut rng);
        }
    }
}
