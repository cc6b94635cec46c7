//! Building and cutting text without `core::fmt` and without paths that can panic.
//!
//! `format!` pulls the formatting machinery, and with it the float and `Debug` printers, into
//! the wasm build. Messages here are built from string pieces and whole numbers instead; the
//! only formatting is [`push_u64`]. Likewise a slice index, `str::find` or `join` keeps a panic
//! path (and the integer printing of its message) in the build; the helpers here cut text at
//! ASCII delimiters with `str::get`, which cannot fail there.

use alloc::string::String;
use alloc::vec::Vec;

/// Appends the decimal digits of `n`.
pub fn push_u64(out: &mut String, n: u64) {
    let mut unit = 1;
    while n.checked_div(unit).unwrap_or(0) >= 10 {
        unit *= 10;
    }
    loop {
        // `unit` is never 0; `checked_div` says so without a panicking path.
        out.push(char::from(b'0' + (n.checked_div(unit).unwrap_or(0) % 10) as u8));
        if unit == 1 {
            break;
        }
        unit /= 10;
    }
}

/// `s` split around its first `delimiter` (an ASCII byte), which neither part keeps.
pub fn split_once_byte(s: &str, delimiter: u8) -> Option<(&str, &str)> {
    let at = s.bytes().position(|b| b == delimiter)?;
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// The parts of `s` between its `delimiter`s (an ASCII byte), as `str::split` gives them.
pub fn split_byte(s: &str, delimiter: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    core::iter::from_fn(move || {
        let text = rest?;
        match split_once_byte(text, delimiter) {
            Some((part, tail)) => {
                rest = Some(tail);
                Some(part)
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// Where `needle` first occurs in `hay`, as `str::find` with a `&str` gives it. A plain scan:
/// the texts searched (error bodies for secrets, host names) are short, and the two-way
/// searcher `str::find` uses is sizeable.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?).find(|&at| h.get(at..at + n.len()) == Some(n))
}

/// `hay` with every occurrence of `needle` (left to right, not overlapping) replaced by
/// `with`, as `str::replace` gives it.
pub fn replace_all(hay: &str, needle: &str, with: &str) -> String {
    let mut out = String::with_capacity(hay.len());
    let mut rest = hay;
    // UTF-8 is self-synchronising: a match of valid UTF-8 in valid UTF-8 starts and ends on
    // char boundaries, so `get` cannot fail here.
    while let Some(at) = find(rest, needle).filter(|_| !needle.is_empty()) {
        out.push_str(rest.get(..at).unwrap_or(""));
        out.push_str(with);
        rest = rest.get(at + needle.len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// `bytes` as standard base64 with `=` padding, exactly as the `base64` crate's `STANDARD`
/// engine writes it (tested against it). Its own `encode` ends in
/// `String::from_utf8(..).expect(..)`, which keeps `Debug` printers for a `Vec<u8>` in the build.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    base64_into(bytes, &mut out);
    // Only ASCII was written: this cannot fail.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `bytes` as standard base64 to `out`. Only the last group may be padded, so a text
/// encoded piece by piece (every piece but the last a multiple of 3 bytes long) gives the same
/// characters as the whole text encoded at once.
pub fn base64_into(bytes: &[u8], out: &mut Vec<u8>) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sym = |n: u32, shift: u32| ALPHABET[(n >> shift) as usize & 63];
    let start = out.len();
    out.resize(start + bytes.len().div_ceil(3) * 4, b'=');
    let mut dst = out.get_mut(start..).unwrap_or_default().chunks_exact_mut(4);
    // Whole groups first (no padding, no per-byte bounds), then the 1 or 2 bytes left.
    let mut groups = bytes.chunks_exact(3);
    // `groups` first: zip asks it first, so `dst` is not advanced past the last whole group.
    for (g, d) in (&mut groups).zip(&mut dst) {
        if let ([a, b, c], [w, x, y, z]) = (g, d) {
            let n = u32::from(*a) << 16 | u32::from(*b) << 8 | u32::from(*c);
            (*w, *x, *y, *z) = (sym(n, 18), sym(n, 12), sym(n, 6), sym(n, 0));
        }
    }
    if let Some([w, x, y, _]) = dst.next() {
        let n = match *groups.remainder() {
            [a, b] => u32::from(a) << 16 | u32::from(b) << 8,
            [a] => u32::from(a) << 16,
            _ => return,
        };
        (*w, *x) = (sym(n, 18), sym(n, 12));
        if groups.remainder().len() == 2 {
            *y = sym(n, 6);
        }
    }
}

/// The parts joined with `sep` between them, as `[..].join(sep)` gives them.
pub fn join<'a>(parts: impl IntoIterator<Item = &'a str>, sep: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part);
    }
    out
}

/// The decimal digits of `n`.
pub fn num(n: u64) -> String {
    let mut s = String::new();
    push_u64(&mut s, n);
    s
}

/// Concatenates string pieces: `cat!["unknown field `", name, "`"]`.
#[macro_export]
#[doc(hidden)]
macro_rules! cat {
    ($($piece:expr),+ $(,)?) => {{
        let mut s = ::alloc::string::String::new();
        $( s.push_str(::core::convert::AsRef::<str>::as_ref(&$piece)); )+
        s
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_pieces() {
        for n in [0, 7, 10, 99, 100, 4_294_967_295, u64::MAX] {
            assert_eq!(num(n), n.to_string());
        }
        let name = String::from("x");
        assert_eq!(cat!["a `", name, "` b ", num(3)], "a `x` b 3");
    }

    #[test]
    fn base64_like_the_crate() {
        use base64::Engine as _;
        let data: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for len in 0..data.len() {
            let part = &data[..len];
            assert_eq!(base64(part), base64::engine::general_purpose::STANDARD.encode(part), "{len}");
        }
    }

    #[test]
    fn cuts_like_str() {
        for s in ["", ":", "a", "a:b", "::a::", "é:ü:", "k=v:k2=v=2"] {
            assert_eq!(split_byte(s, b':').collect::<Vec<_>>(), s.split(':').collect::<Vec<_>>(), "{s:?}");
            assert_eq!(split_once_byte(s, b':'), s.split_once(':'), "{s:?}");
            let parts: Vec<&str> = s.split(':').collect();
            assert_eq!(join(parts.iter().copied(), ", "), parts.join(", "), "{s:?}");
        }
        for (hay, needle) in
            [("", ""), ("", "a"), ("a", ""), ("abcabc", "bc"), ("aaaa", "aa"), ("tökén tökén", "ké"), ("x", "xy")]
        {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            if !needle.is_empty() {
                assert_eq!(replace_all(hay, needle, "***"), hay.replace(needle, "***"), "{hay:?} {needle:?}");
            }
        }
    }
}
