//! Reading typed fields out of a foreign JSON object, leniently where uContact is loose (key case,
//! numbers as strings, booleans as `"TRUE"`) and strictly where a guess could misroute a call.
//!
//! Every helper returns [`Error::BadJson`] naming the field; none panics on any input.

use crate::cat;
use crate::json::{Map, Value};

use crate::error::{Error, Result};

pub(crate) fn bad(reason: impl Into<crate::error::Text>) -> Error {
    Error::BadJson { reason: reason.into() }
}

/// Finds `name` in `map` ignoring ASCII case. Two keys that differ only in case are ambiguous
/// (which one would uContact read?), so they are an error rather than a silent pick.
pub(crate) fn lookup<'a>(map: &'a Map, name: &str) -> Result<Option<(&'a str, &'a Value)>> {
    let mut found: Option<(&str, &Value)> = None;
    for (key, value) in map {
        if key.eq_ignore_ascii_case(name) {
            if let Some((first, _)) = found {
                return Err(bad(cat!["the keys `", first, "` and `", key, "` differ only in case"]));
            }
            found = Some((key.as_str(), value));
        }
    }
    Ok(found)
}

/// The value of `name`, treating JSON `null` like an absent key.
pub(crate) fn present<'a>(map: &'a Map, name: &str) -> Result<Option<(&'a str, &'a Value)>> {
    Ok(lookup(map, name)?.filter(|(_, v)| !v.is_null()))
}

/// Text: a JSON string as is, or a JSON number in its decimal form.
pub(crate) fn text<'a>(key: &str, value: &'a Value) -> Result<&'a str> {
    match value {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.as_str()),
        _ => Err(bad(cat!["`", key, "` is not text"])),
    }
}

/// An optional text field.
pub(crate) fn opt_text<'a>(map: &'a Map, name: &str) -> Result<Option<&'a str>> {
    present(map, name)?.map(|(k, v)| text(k, v)).transpose()
}

/// A boolean ([`Value::lenient_bool`]). Absent or `null` is `false`.
pub(crate) fn flag(map: &Map, name: &str) -> Result<bool> {
    let Some((key, value)) = present(map, name)? else { return Ok(false) };
    value.lenient_bool().ok_or_else(|| bad(cat!["`", key, "` is not a boolean"]))
}

/// A non-negative count: a JSON integer or a string of ASCII digits (surrounding spaces ignored),
/// at most `u32::MAX`.
pub(crate) fn count(key: &str, value: &Value) -> Result<u32> {
    let parsed = match value {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => {
            let s = s.trim();
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<u32>().ok()
            } else {
                None
            }
        }
        _ => None,
    };
    parsed.ok_or_else(|| bad(cat!["`", key, "` is not a whole number from 0 to 4294967295"]))
}

/// A value carried through untouched (campaign, status, contact, dialerbase): it must be a JSON
/// string or number, and is returned exactly as it arrived.
pub(crate) fn scalar<'a>(map: &'a Map, name: &str) -> Result<&'a Value> {
    match present(map, name)? {
        Some((_, v @ (Value::String(_) | Value::Number(_)))) => Ok(v),
        Some((key, _)) => Err(bad(cat!["`", key, "` is not a string or a number"])),
        None => Err(bad(cat!["the dialer row has no `", name, "`"])),
    }
}

/// Rejects text that could not travel in a `:`-separated number list.
pub(crate) fn number_text(key: &str, value: &str) -> Result<()> {
    if value.bytes().any(|b| b == b':') {
        return Err(bad(cat!["`", key, "` contains `:`, which separates numbers"]));
    }
    if value.chars().any(char::is_control) {
        return Err(bad(cat!["`", key, "` contains a control character"]));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;

    fn obj(v: Value) -> Map {
        match v {
            Value::Object(m) => m,
            _ => unreachable!("test fixtures are objects"),
        }
    }

    #[test]
    fn lookup_ignores_case_but_refuses_ambiguity() {
        let m = obj(json!({"GUID": "a", "x": 1}));
        assert_eq!(lookup(&m, "guid").unwrap().map(|(k, _)| k), Some("GUID"));
        let m = obj(json!({"Guid": "a", "guid": "b"}));
        assert_eq!(lookup(&m, "guid").unwrap_err().code(), "BAD_JSON");
    }

    #[test]
    fn flags() {
        for (v, want) in [
            (json!("TRUE"), Some(true)),
            (json!("false"), Some(false)),
            (json!(" True "), Some(true)),
            (json!(true), Some(true)),
            (json!(false), Some(false)),
            (json!("1"), Some(true)),
            (json!("0"), Some(false)),
            (json!(1), Some(true)),
            (json!(0), Some(false)),
            (json!(null), Some(false)),
            (json!("yes"), None),
            (json!(2), None),
            (json!([]), None),
            (json!(""), None),
        ] {
            let m = obj(json!({ "Beep": v }));
            assert_eq!(flag(&m, "beep").ok(), want, "{v}");
        }
        assert_eq!(flag(&Map::new(), "beep").ok(), Some(false));
    }

    #[test]
    fn counts() {
        for (v, want) in [
            (json!(0), Some(0)),
            (json!(3), Some(3)),
            (json!("9999"), Some(9999)),
            (json!(" 7 "), Some(7)),
            (json!(-1), None),
            (json!(1.5), None),
            (json!("1e3"), None),
            (json!("+1"), None),
            (json!("4294967296"), None),
            (json!(""), None),
            (json!(true), None),
        ] {
            assert_eq!(count("retries", &v).ok(), want, "{v}");
        }
    }
}
