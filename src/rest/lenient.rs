//! Tolerant field readers for the supervisor reports.
//!
//! The vendor's samples mix types (`"slevelthreshold": "3"` next to `"wrapup": 3`), and nothing
//! promises an instance sends the same types. These readers accept the reasonable spellings of a
//! value — a number as a JSON number or a numeric string, a flag as a boolean, `0`/`1` or
//! `"true"`/`"false"` — and reject only what cannot be meant as that type (an object for a
//! number, say). `null` reads as absent.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::Value;

/// An integer: JSON integer, integral float, or a string holding one.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let v = Value::deserialize(d)?;
    as_i64(&v).map_err(D::Error::custom)
}

pub(crate) fn as_i64(v: &Value) -> Result<Option<i64>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(Some(i))
            } else if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15) {
                Ok(Some(f as i64))
            } else {
                Err(format!("expected an integer, got {n}"))
            }
        }
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => s.trim().parse::<i64>().map(Some).map_err(|_| "expected an integer, got a text".to_owned()),
        _ => Err("expected an integer".to_owned()),
    }
}

/// A text: JSON string, or a number or boolean written as text.
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        _ => Err(D::Error::custom("expected a text")),
    }
}

/// A flag: JSON boolean, `0`/`1`, or `"true"`/`"false"` in any case.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b)),
        Value::Number(n) if n.as_i64() == Some(0) => Ok(Some(false)),
        Value::Number(n) if n.as_i64() == Some(1) => Ok(Some(true)),
        Value::String(s) if s.eq_ignore_ascii_case("true") || s == "1" => Ok(Some(true)),
        Value::String(s) if s.eq_ignore_ascii_case("false") || s == "0" => Ok(Some(false)),
        _ => Err(D::Error::custom("expected a boolean")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Deserialize, Debug, PartialEq)]
    struct T {
        #[serde(default, deserialize_with = "opt_i64")]
        n: Option<i64>,
        #[serde(default, deserialize_with = "opt_string")]
        s: Option<String>,
        #[serde(default, deserialize_with = "opt_bool")]
        b: Option<bool>,
    }

    fn t(v: Value) -> Result<T, serde_json::Error> {
        serde_json::from_value(v)
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
}
