//! Test support: `json!` literals for the core's tests, written with serde_json's macro and
//! converted (serde_json is a dev-dependency only; the library itself never uses it).

use super::{Map, Number, Value};

/// A serde_json value as this crate's value (key order and number text kept).
pub fn from_serde(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => {
            Value::Number(Number::parse(&n.to_string()).expect("serde_json prints JSON numbers"))
        }
        serde_json::Value::String(s) => Value::String(s),
        serde_json::Value::Array(items) => Value::Array(items.into_iter().map(from_serde).collect()),
        serde_json::Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, from_serde(v))).collect::<Map>()),
    }
}

/// `json!({...})` as a [`Value`].
macro_rules! json {
    ($($t:tt)+) => {
        $crate::json::testing::from_serde(serde_json::json!($($t)+))
    };
}
pub(crate) use json;

/// This crate's value as a serde_json value (for `json!` literals that embed one).
pub fn to_serde(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => serde_json::from_str(n.as_str()).expect("a JSON number"),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Value::Object(m) => serde_json::Value::Object(m.iter().map(|(k, v)| (k.clone(), to_serde(v))).collect()),
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        to_serde(self).serialize(s)
    }
}
