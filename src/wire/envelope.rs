//! The Porthole envelope.
//!
//! porthole.js 1.0.0 (`WindowProxyHTML5.post` → `dispatchMessage`) sends
//! `JSON.stringify({data, sourceOrigin, targetOrigin, sourceWindowName, targetWindowName})` with
//! exactly that key order, and on receipt `JSON.parse`s the string and reads `.data`.
//!
//! Encoding here produces the same bytes as `JSON.stringify` for the same values: the writer of
//! [`crate::json`] escapes strings exactly as `JSON.stringify` does (`"`, `\\`, `\b\f\n\r\t`,
//! other C0 controls as lowercase `\u00xx`, nothing else), keeps key order, and the action
//! payloads carry only strings, plus, for `respool`/`schedule`, an object whose numbers keep the
//! text JavaScript gave them.
//!
//! Decoding is strict: anything that porthole.js would not have produced is rejected with a
//! reason, so a hostile frame cannot smuggle a look-alike through.

use crate::error::{Error, Result};
use crate::json::{self, write, Map, Value};
use alloc::string::String;

/// Messages larger than this are rejected before parsing (1 MiB; real envelopes are < 10 KiB).
pub const MAX_MESSAGE_BYTES: usize = 1 << 20;

/// The four addressing fields porthole.js puts beside `data`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EnvelopeMeta {
    /// `location.protocol + '//' + location.host` of the sender.
    pub source_origin: String,
    /// The `targetOrigin` the sender passed to `postMessage` (`'*'` by porthole's default).
    pub target_origin: String,
    /// The sender's `window.name`.
    pub source_window_name: String,
    /// The name the sender gave its proxy (`''` means `parent`).
    pub target_window_name: String,
}

/// A decoded envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    pub data: Value,
    pub meta: EnvelopeMeta,
}

/// Encodes `data` the way porthole.js 1.0.0 does.
pub fn encode(data: &Value, meta: &EnvelopeMeta) -> String {
    encode_with(meta, |out| json::write::value(data, out))
}

/// Encodes the envelope around data that `write_data` appends as JSON text.
pub fn encode_with(meta: &EnvelopeMeta, write_data: impl FnOnce(&mut String)) -> String {
    let mut out = String::with_capacity(160);
    out.push_str("{\"data\":");
    write_data(&mut out);
    for (key, value) in [
        ("sourceOrigin", &meta.source_origin),
        ("targetOrigin", &meta.target_origin),
        ("sourceWindowName", &meta.source_window_name),
        ("targetWindowName", &meta.target_window_name),
    ] {
        out.push_str(",\"");
        out.push_str(key);
        out.push_str("\":");
        write::string(value, &mut out);
    }
    out.push('}');
    out
}

const KEYS: [&str; 5] = ["data", "sourceOrigin", "targetOrigin", "sourceWindowName", "targetWindowName"];

/// Decodes a message string as a Porthole envelope; rejects everything porthole.js would not
/// have sent. Never panics.
pub fn decode(text: &str) -> Result<Envelope> {
    let bad = |reason: &str| Error::BadMessage { reason: reason.into() };
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(bad("message larger than 1 MiB"));
    }
    let value = json::parse(text).map_err(|_| bad("not JSON"))?;
    let Value::Object(mut map) = value else {
        return Err(bad("not a JSON object"));
    };
    if let Some(k) = map.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(Error::BadMessage { reason: crate::cat!["unexpected key `", k, "`"].into() });
    }
    let data = map.remove("data").ok_or_else(|| bad("no `data`"))?;
    let mut text_field = |key: &'static str| -> Result<String> {
        match map.remove(key) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => Err(Error::BadMessage { reason: crate::cat!["`", key, "` is not a string"].into() }),
            None => Err(Error::BadMessage { reason: crate::cat!["no `", key, "`"].into() }),
        }
    };
    let meta = EnvelopeMeta {
        source_origin: text_field("sourceOrigin")?,
        target_origin: text_field("targetOrigin")?,
        source_window_name: text_field("sourceWindowName")?,
        target_window_name: text_field("targetWindowName")?,
    };
    Ok(Envelope { data, meta })
}

/// `data` as an object, or a reason why it is not one.
pub fn data_object(data: &Value) -> Result<&Map> {
    data.as_object().ok_or_else(|| Error::BadMessage { reason: "`data` is not an object".into() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;

    fn meta() -> EnvelopeMeta {
        EnvelopeMeta {
            source_origin: "http://127.0.0.1:8701".into(),
            target_origin: "http://127.0.0.1:8700".into(),
            source_window_name: "crm".into(),
            target_window_name: String::new(),
        }
    }

    #[test]
    fn encodes_like_json_stringify() {
        // Expected strings written out the way JSON.stringify prints them.
        let s = encode(
            &json!({"action": "call", "campaign": "Ventas->", "callerid": "1001", "destination": "091 000"}),
            &meta(),
        );
        assert_eq!(
            s,
            r#"{"data":{"action":"call","campaign":"Ventas->","callerid":"1001","destination":"091 000"},"sourceOrigin":"http://127.0.0.1:8701","targetOrigin":"http://127.0.0.1:8700","sourceWindowName":"crm","targetWindowName":""}"#
        );
        let s = encode(&json!({"m": "q\"b\\s/\u{1}\n\t\u{7f}é\u{2028}😀"}), &EnvelopeMeta::default());
        assert_eq!(s, "{\"data\":{\"m\":\"q\\\"b\\\\s/\\u0001\\n\\t\u{7f}é\u{2028}😀\"},\"sourceOrigin\":\"\",\"targetOrigin\":\"\",\"sourceWindowName\":\"\",\"targetWindowName\":\"\"}");
    }

    #[test]
    fn round_trips() {
        let data = json!({"guid": "7e4e7db9-f080-494e-b04b-7c8e47711558"});
        let env = decode(&encode(&data, &meta())).unwrap();
        assert_eq!(env.data, data);
        assert_eq!(env.meta, meta());
    }

    #[test]
    fn rejects_what_porthole_would_not_send() {
        let cases: &[(&str, &str)] = &[
            ("hello", "not JSON"),
            ("", "not JSON"),
            ("[1,2]", "not a JSON object"),
            ("42", "not a JSON object"),
            ("null", "not a JSON object"),
            (r#"{"sourceOrigin":"a","targetOrigin":"b","sourceWindowName":"","targetWindowName":""}"#, "no `data`"),
            (r#"{"data":{},"targetOrigin":"b","sourceWindowName":"","targetWindowName":""}"#, "no `sourceOrigin`"),
            (
                r#"{"data":{},"sourceOrigin":1,"targetOrigin":"b","sourceWindowName":"","targetWindowName":""}"#,
                "`sourceOrigin` is not a string",
            ),
            (
                r#"{"data":{},"sourceOrigin":"a","targetOrigin":"b","sourceWindowName":"","targetWindowName":"","x":1}"#,
                "unexpected key `x`",
            ),
        ];
        for (input, reason) in cases {
            match decode(input) {
                Err(Error::BadMessage { reason: r }) => assert_eq!(&r, reason, "{input}"),
                other => panic!("{input}: {other:?}"),
            }
        }
        let big = format!("\"{}\"", "x".repeat(MAX_MESSAGE_BYTES));
        assert_eq!(decode(&big).unwrap_err().to_string(), "malformed portal message: message larger than 1 MiB");
    }

    #[test]
    fn numbers_survive_a_decode_encode_round_trip_exactly() {
        // Found by the fuzzer: without exact float parsing the last digit changed.
        for n in ["123678901231.45679", "12345678901231.547", "1.5e-7", "-0.1", "9007199254740993"] {
            let text = format!(
                r#"{{"data":{{"n":{n}}},"sourceOrigin":"a","targetOrigin":"b","sourceWindowName":"","targetWindowName":""}}"#
            );
            let env = decode(&text).unwrap();
            let again = encode(&env.data, &env.meta);
            assert_eq!(decode(&again).unwrap().data, env.data, "{n}");
            assert_eq!(again, text, "{n}: the number keeps its text");
        }
    }
}
