//! Building and cutting text without `core::fmt` and without paths that can panic.
//!
//! `format!` pulls the formatting machinery, and with it the float and `Debug` printers, into
//! the wasm build. Messages here are built from string pieces and whole numbers instead; the
//! only formatting is [`push_u64`]. Likewise a slice index, `str::find` or `join` keeps a panic
//! path (and the integer printing of its message) in the build; the helpers here cut text at
//! ASCII delimiters with `str::get`, which cannot fail there.

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
        let mut s = ::std::string::String::new();
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
    fn cuts_like_str() {
        for s in ["", ":", "a", "a:b", "::a::", "é:ü:", "k=v:k2=v=2"] {
            assert_eq!(split_byte(s, b':').collect::<Vec<_>>(), s.split(':').collect::<Vec<_>>(), "{s:?}");
            assert_eq!(split_once_byte(s, b':'), s.split_once(':'), "{s:?}");
            let parts: Vec<&str> = s.split(':').collect();
            assert_eq!(join(parts.iter().copied(), ", "), parts.join(", "), "{s:?}");
        }
    }
}
