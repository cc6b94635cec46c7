//! JSON objects that travel inside a form field (`call=`, `callschedule=`, `callspool=`,
//! `black=`, `filter=`). Checked strictly: the text must be one JSON object with no duplicate
//! keys and nothing after it; every documented key must be there with its documented JSON type;
//! no other key may be. Refusal reasons name the field and the key.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::clock::DateTime;

/// The JSON type a key must have.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    /// A string, possibly empty.
    Text,
    /// A non-empty string.
    NonEmpty,
    /// An integral number (not `1.0`, not `"1"`).
    Int,
    /// `true` or `false`.
    Bool,
    /// A `YYYY-MM-DD HH:MM:SS` string.
    Stamp,
    /// `null` or a `YYYY-MM-DD HH:MM:SS` string.
    StampOrNull,
}

/// A flat JSON object whose keys were checked against a spec.
#[derive(Debug)]
pub(crate) struct Checked {
    entries: Vec<(String, Value)>,
}

struct StrictObject(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for StrictObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = StrictObject;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictObject, A::Error> {
                let mut entries: Vec<(String, Value)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    if entries.iter().any(|(k, _)| *k == key) {
                        return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
                    }
                    entries.push((key, value));
                }
                Ok(StrictObject(entries))
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn check_kind(field: &str, key: &str, kind: Kind, v: &Value) -> Result<(), String> {
    let ok = match (kind, v) {
        (Kind::Text, Value::String(_)) => true,
        (Kind::NonEmpty, Value::String(s)) => !s.is_empty(),
        (Kind::Int, Value::Number(n)) => n.as_i64().is_some(),
        (Kind::Bool, Value::Bool(_)) => true,
        (Kind::Stamp, Value::String(s)) => DateTime::parse(s).is_some(),
        (Kind::StampOrNull, Value::Null) => true,
        (Kind::StampOrNull, Value::String(s)) => DateTime::parse(s).is_some(),
        _ => false,
    };
    if ok {
        return Ok(());
    }
    let wanted = match kind {
        Kind::Text => "a string",
        Kind::NonEmpty => "a non-empty string",
        Kind::Int => "an integer",
        Kind::Bool => "a boolean",
        Kind::Stamp => "a `YYYY-MM-DD HH:MM:SS` string",
        Kind::StampOrNull => "null or a `YYYY-MM-DD HH:MM:SS` string",
    };
    let got = match v {
        Value::String(s) if s.is_empty() => "an empty string",
        Value::Number(_) if matches!(kind, Kind::Int) => "a non-integral number",
        other => type_name(other),
    };
    Err(format!("`{field}`: key `{key}` must be {wanted}, got {got}"))
}

/// Parses `text` (the value of form field `field`) as an object matching `spec` exactly.
pub(crate) fn parse(field: &str, text: &str, spec: &[(&str, Kind)]) -> Result<Checked, String> {
    let StrictObject(entries) =
        serde_json::from_str(text).map_err(|e| format!("`{field}` is not a valid JSON object: {e}"))?;
    if let Some((key, _)) = entries.iter().find(|(k, _)| !spec.iter().any(|(s, _)| s == k)) {
        return Err(format!("`{field}`: unknown key `{key}`"));
    }
    for (key, kind) in spec {
        let value = entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .ok_or_else(|| format!("`{field}`: missing key `{key}`"))?;
        check_kind(field, key, *kind, value)?;
    }
    Ok(Checked { entries })
}

impl Checked {
    fn value(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A string key (`""` if the spec did not make it a string).
    pub fn text(&self, key: &str) -> String {
        self.value(key).and_then(Value::as_str).unwrap_or("").to_owned()
    }

    /// A string-or-null key.
    pub fn text_or_null(&self, key: &str) -> Option<String> {
        self.value(key).and_then(Value::as_str).map(str::to_owned)
    }

    pub fn int(&self, key: &str) -> i64 {
        self.value(key).and_then(Value::as_i64).unwrap_or(0)
    }

    pub fn bool(&self, key: &str) -> bool {
        self.value(key).and_then(Value::as_bool).unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &[(&str, Kind)] =
        &[("a", Kind::NonEmpty), ("n", Kind::Int), ("b", Kind::Bool), ("d", Kind::StampOrNull)];

    #[test]
    fn accepts_exact_objects() {
        let c = parse("x", r#"{"a":"v","n":3,"b":true,"d":null}"#, SPEC).unwrap();
        assert_eq!((c.text("a"), c.int("n"), c.bool("b"), c.text_or_null("d")), ("v".into(), 3, true, None));
        let c = parse("x", r#" {"d":"2015-10-11 15:00:00","b":false,"n":-1,"a":"ñ"} "#, SPEC).unwrap();
        assert_eq!(c.text_or_null("d").as_deref(), Some("2015-10-11 15:00:00"));
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            r#"{"a":"v","n":3,"b":true}"#,
            r#"{"a":"v","n":3,"b":true,"d":null,"e":1}"#,
            r#"{"a":"v","n":3,"b":true,"d":null,"a":"w"}"#,
            r#"{"a":"","n":3,"b":true,"d":null}"#,
            r#"{"a":"v","n":"3","b":true,"d":null}"#,
            r#"{"a":"v","n":3.5,"b":true,"d":null}"#,
            r#"{"a":"v","n":3,"b":"true","d":null}"#,
            r#"{"a":"v","n":3,"b":true,"d":"2015-10-11T15:00:00"}"#,
            r#"{"a":"v","n":3,"b":true,"d":null} x"#,
            r#"[{"a":"v"}]"#,
            "{not json",
            "",
        ] {
            assert!(parse("x", bad, SPEC).is_err(), "{bad}");
        }
    }
}
