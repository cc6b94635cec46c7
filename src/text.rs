//! Building messages without `core::fmt`.
//!
//! `format!` pulls the formatting machinery, and with it the float and `Debug` printers, into
//! the wasm build. Messages here are built from string pieces and whole numbers instead; the
//! only formatting is [`push_u64`].

/// Appends the decimal digits of `n`.
pub fn push_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
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
}
