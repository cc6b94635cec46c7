//! Tolerant field readers for the supervisor reports.
//!
//! The vendor's samples mix types (`"slevelthreshold": "3"` next to `"wrapup": 3`), and nothing
//! promises an instance sends the same types. These readers accept the reasonable spellings of a
//! value — a number as a JSON number or a numeric string, a flag as a boolean, `0`/`1` or
//! `"true"`/`"false"` — and reject only what cannot be meant as that type (an object for a
//! number, say). `null` reads as absent.
//!
//! # Numbers
//!
//! A [`Number`] is the JSON text the server wrote; nothing here converts it to a float.
//!
//! * **An integer** ([`opt_i64`]) is a plain integer that fits an `i64` (`3`, `-12`), or a
//!   number written with a fraction or an exponent whose exact decimal value is a whole number
//!   below 9·10¹⁵ in magnitude (`3.0`, `-0.0`, `1e2`, `1.5E1`, `150e-1`). That is the rule of
//!   the reader this replaces (`as_f64()`, whole and below 9e15), computed on the decimal text
//!   instead of on the nearest `f64`. The two differ only for texts that are *not* whole
//!   numbers but that rounding to an `f64` made whole, which were accepted and are now
//!   refused: more than about 16 significant digits (`2.00000000000000001`), a `.5` in
//!   [2⁵², 9·10¹⁵) (`4503599627370496.5`), and values so small they underflowed to zero
//!   (`1e-400`). A refused number is quoted in the reason as its text (`got 1e300`, where the
//!   float printer wrote `1e+300`).
//! * **A text** ([`opt_string`]) given as a number is the number's JSON text as received
//!   (`2.50` stays `2.50`, `-0` stays `-0`, where the float printer wrote `2.5` and `-0.0`).
//!   Integers read the same either way.

use crate::cat;
use crate::json::{Number, Value};

/// Magnitudes from here up are refused for numbers written with a fraction or an exponent.
const WHOLE_LIMIT: u64 = 9_000_000_000_000_000;

/// An integer: JSON integer, whole number written as a decimal, or a string holding an integer.
pub(crate) fn opt_i64(v: &Value) -> Result<Option<i64>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => whole(n).map(Some).ok_or_else(|| cat!["expected an integer, got ", n.as_str()]),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => s.trim().parse::<i64>().map(Some).map_err(|_| "expected an integer, got a text".into()),
        _ => Err("expected an integer".into()),
    }
}

/// The integer a number's text stands for, under the rule of the module docs.
pub(crate) fn whole(n: &Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let text = n.as_str();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    // Cut at ASCII bytes with `get` (never fails there; no panicking path in the build).
    let (mantissa, exponent) = match text.bytes().position(|b| b == b'e' || b == b'E') {
        Some(at) => (text.get(..at).unwrap_or(""), exponent_of(text.get(at + 1..).unwrap_or(""))),
        None => (text, 0),
    };
    let (int, frac) = crate::text::split_once_byte(mantissa, b'.').unwrap_or((mantissa, ""));
    // The value is `digits × 10^scale`.
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
    let mut scale = exponent.saturating_sub(i64::try_from(frac.len()).unwrap_or(i64::MAX));
    while digits.last() == Some(&b'0') {
        digits.pop();
        scale = scale.saturating_add(1);
    }
    let Some(first) = digits.iter().position(|&d| d != b'0') else {
        return Some(0); // every digit is zero: `0.0`, `-0e5`
    };
    let significant = &digits[first..];
    // A fraction is left, or the value has more than the 16 digits of the limit.
    if scale < 0 || i64::try_from(significant.len()).unwrap_or(i64::MAX).saturating_add(scale) > 16 {
        return None;
    }
    let mut value = significant.iter().fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'));
    for _ in 0..scale {
        value *= 10;
    }
    if value >= WHOLE_LIMIT {
        return None;
    }
    let value = i64::try_from(value).ok()?;
    Some(if negative { -value } else { value })
}

/// An exponent's digits (after `e`), with their sign; huge ones saturate.
fn exponent_of(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or("")),
        Some(b'+') => (false, text.get(1..).unwrap_or("")),
        _ => (false, text),
    };
    let magnitude = digits.bytes().fold(0i64, |acc, d| acc.saturating_mul(10).saturating_add(i64::from(d - b'0')));
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// A text: JSON string, or a number (its JSON text) or boolean written as text.
pub(crate) fn opt_string(v: Value) -> Result<Option<String>, String> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.as_str().to_owned())),
        Value::Bool(b) => Ok(Some(if b { "true" } else { "false" }.to_owned())),
        _ => Err("expected a text".into()),
    }
}

/// A flag: JSON boolean, `0`/`1`, or `"true"`/`"false"` in any case.
pub(crate) fn opt_bool(v: &Value) -> Result<Option<bool>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        // Exactly these texts: `-0` was read as a float before, and refused.
        Value::Number(n) if n.as_str() == "0" => Ok(Some(false)),
        Value::Number(n) if n.as_str() == "1" => Ok(Some(true)),
        Value::String(s) if s.eq_ignore_ascii_case("true") || s == "1" => Ok(Some(true)),
        Value::String(s) if s.eq_ignore_ascii_case("false") || s == "0" => Ok(Some(false)),
        _ => Err("expected a boolean".into()),
    }
}

/// An optional integer as JSON: the number, or `null`.
pub(crate) fn int_value(n: Option<i64>) -> Value {
    n.map_or(Value::Null, |n| Value::Number(Number::from_i64(n)))
}

/// An optional text as JSON: the string, or `null`.
pub(crate) fn text_value(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::Null, Value::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;

    #[derive(Debug, PartialEq)]
    struct T {
        n: Option<i64>,
        s: Option<String>,
        b: Option<bool>,
    }

    /// Reads `{n, s, b}` with the three readers, as the report types do.
    fn t(v: Value) -> Result<T, String> {
        let Value::Object(map) = v else { return Err("not an object".into()) };
        let mut out = T { n: None, s: None, b: None };
        for (key, value) in map {
            match key.as_str() {
                "n" => out.n = opt_i64(&value)?,
                "s" => out.s = opt_string(value)?,
                "b" => out.b = opt_bool(&value)?,
                _ => return Err(cat!["unknown key ", key]),
            }
        }
        Ok(out)
    }

    #[test]
    fn accepts_reasonable_spellings() {
        assert_eq!(
            t(json!({"n": 3, "s": "x", "b": true})).unwrap(),
            T { n: Some(3), s: Some("x".into()), b: Some(true) }
        );
        assert_eq!(
            t(json!({"n": "15", "s": 3, "b": "FALSE"})).unwrap(),
            T { n: Some(15), s: Some("3".into()), b: Some(false) }
        );
        assert_eq!(
            t(json!({"n": 2.0, "s": false, "b": 1})).unwrap(),
            T { n: Some(2), s: Some("false".into()), b: Some(true) }
        );
        assert_eq!(t(json!({"n": null, "s": null, "b": null})).unwrap(), T { n: None, s: None, b: None });
        assert_eq!(t(json!({})).unwrap(), T { n: None, s: None, b: None });
        assert_eq!(t(json!({"n": ""})).unwrap().n, None);
    }

    #[test]
    fn rejects_the_rest() {
        for bad in [
            json!({"n": 2.5}),
            json!({"n": "x"}),
            json!({"n": []}),
            json!({"s": {}}),
            json!({"b": "yes"}),
            json!({"b": 2}),
            json!({"n": 1e300}),
        ] {
            assert!(t(bad.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn whole_numbers_from_decimal_text() {
        let w = |text: &str| whole(&Number::parse(text).unwrap());
        for (text, want) in [
            ("0", 0),
            ("-0", 0),
            ("-0.0", 0),
            ("0e999999999999999999999", 0),
            ("0.000e-5", 0),
            ("3.0", 3),
            ("3.000", 3),
            ("-7.0", -7),
            ("1e2", 100),
            ("1E+2", 100),
            ("1.5e1", 15),
            ("-2.5E1", -25),
            ("150e-1", 15),
            ("15000e-3", 15),
            ("8999999999999999.0", 8_999_999_999_999_999),
            ("8.999999999999999e15", 8_999_999_999_999_999),
            // Plain integers are read whole, beyond the limit too (serde_json read them as i64).
            ("12345678901234567", 12_345_678_901_234_567),
            ("-9223372036854775808", i64::MIN),
        ] {
            assert_eq!(w(text), Some(want), "{text}");
        }
        for text in [
            "2.5",
            "-0.5",
            "1e-1",
            "15e-1",
            "9e15",
            "9000000000000000.0",
            "-9e15",
            "1e16",
            "1e300",
            "1e99999999999999999999",
            "9223372036854775808",
            "-9223372036854775809",
            "18446744073709551616",
            // Not whole, though serde_json's nearest f64 was (see the module docs).
            "2.00000000000000001",
            "4503599627370496.5",
            "1e-400",
        ] {
            assert_eq!(w(text), None, "{text}");
        }
    }

    #[test]
    fn numbers_and_flags_as_given() {
        assert_eq!(opt_string(json!(2.5)).unwrap().as_deref(), Some("2.5"));
        assert_eq!(opt_string(Value::Number(Number::parse("-0").unwrap())).unwrap().as_deref(), Some("-0"));
        assert_eq!(opt_bool(&Value::Number(Number::parse("-0").unwrap())), Err("expected a boolean".into()));
        assert_eq!(opt_bool(&json!(0.0)), Err("expected a boolean".into()));
        assert_eq!(opt_i64(&json!(2.5)), Err("expected an integer, got 2.5".into()));
        assert_eq!(int_value(Some(-3)).to_json(), "-3");
        assert_eq!(int_value(None), Value::Null);
        assert_eq!(text_value(&Some("x".into())).to_json(), "\"x\"");
    }

    /// The integer rule serde_json applied: an i64 as parsed, else a whole `f64` below 9e15.
    fn serde_rule(text: &str) -> Option<i64> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        let n = v.as_number()?;
        n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
    }

    /// Significant digits of a number text (leading and trailing zeros of the digits aside).
    fn significant_digits(text: &str) -> usize {
        let mantissa = text.split(['e', 'E']).next().unwrap_or("");
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        digits.trim_start_matches('0').trim_end_matches('0').len()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2048, ..Default::default() })]

        /// Where rounding to an `f64` cannot make a fraction whole (at most 15 significant
        /// digits, no underflow), the decimal rule is serde_json's exactly.
        #[test]
        fn agrees_with_the_serde_rule(text in "-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,17})?([eE][+-]?[0-9]{1,2})?") {
            proptest::prop_assume!(significant_digits(&text) <= 15);
            let n = Number::parse(&text).unwrap();
            proptest::prop_assert_eq!(whole(&n), serde_rule(&text), "{}", text);
        }

        /// Plain integers of any length, fractions, exponents of any size: never a panic, and an
        /// answer only within the rule's bounds.
        #[test]
        fn total_over_any_number(text in "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{0,25}[1-9])?([eE][+-]?[0-9]{1,25})?") {
            let n = Number::parse(&text).unwrap();
            let got = whole(&n);
            if let Some(v) = got {
                proptest::prop_assert!(n.as_i64() == Some(v) || v.unsigned_abs() < WHOLE_LIMIT);
            }
        }
    }
}
