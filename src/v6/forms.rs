//! The Inbox's `interaction` object, normalized for a form.
//!
//! A form running inside the v6 Inbox asks for the interaction (`{ action: 'getInteraction' }`)
//! and gets `{ action: 'interaction', interaction }`. Vendor training material shows its shape
//! per channel, with pitfalls every form trips over: booleans as the strings `"true"`/`"false"`,
//! `CAMPAIGN` and `CONTACT` as serialized JSON (sometimes serialized twice), `clientId` also
//! spelled `clientid`, UPPERCASE system keys beside camelCase ones. [`normalize`] gives one
//! shape for every channel:
//!
//! * common fields typed (`guid`, `channel`, `campaign`, `clientId`, `clientName`,
//!   `startDate`, `answerDate`, `form`; `null` when absent), `holdTime` a number;
//! * `data` kept whole, with `"true"`/`"false"` strings (any case) as booleans at every depth and
//!   `CAMPAIGN` / `CONTACT` decoded from JSON strings (up to three encodings deep; one that would
//!   nest the result beyond `json::MAX_DEPTH` stays a string, so the result reads back);
//! * `dialer`: the outbound hub's system columns (`CONNECTOR`, `AGENTNUMBER`, `TIMEZONE`,
//!   `DIALER`, `DIALERCALLERID`, `DIALERDIRECTION`, `DIALERTYPE`, decoded `CONTACT`) typed, or
//!   `null`; the list's own columns stay in `data`;
//! * `lastMessage`, `messages`, `extraInfo` typed for the messaging channels, `null` otherwise;
//! * `raw`: the interaction exactly as received.
//!
//! Total: any JSON gives the normalized object or, when the interaction is not an object,
//! `BAD_MESSAGE`; nothing panics (fuzzed).

use super::uphone::text;
use crate::error::{Error, Result};
use crate::json::{self, Map, Value};
use alloc::borrow::ToOwned;
use alloc::vec;
use alloc::vec::Vec;

/// How many times a JSON string is decoded when it holds JSON again.
const MAX_DECODES: usize = 3;

/// The dialer's system columns and their names in [`normalize`]'s `dialer`.
const DIALER_COLUMNS: [(&str, &str); 7] = [
    ("CONNECTOR", "connector"),
    ("AGENTNUMBER", "agentNumber"),
    ("TIMEZONE", "timezone"),
    ("DIALER", "dialer"),
    ("DIALERCALLERID", "callerId"),
    ("DIALERDIRECTION", "direction"),
    ("DIALERTYPE", "type"),
];

/// Normalizes an interaction (see the module docs).
pub fn normalize(interaction: &Value) -> Result<Value> {
    let Some(i) = interaction.as_object() else {
        return Err(Error::BadMessage { reason: "the interaction is not an object".into() });
    };
    let get = |k: &str| i.get(k);
    let t = |k: &str| get(k).and_then(text).map_or(Value::Null, Value::String);
    let client_id = get("clientId").or_else(|| get("clientid")).and_then(text).map_or(Value::Null, Value::String);
    let data = match get("data") {
        Some(Value::Object(d)) => Value::Object(normalize_map(d, 0)),
        // Some sources serialize `data` itself; decoded while `{ data }` stays within `MAX_DEPTH`.
        Some(Value::String(s)) => match decoded(s) {
            Value::Object(d) if nesting_of(&d) < json::MAX_DEPTH => Value::Object(normalize_map(&d, 0)),
            _ => Value::Object(Map::new()),
        },
        _ => Value::Object(Map::new()),
    };
    let dialer = data.as_object().and_then(dialer_of);
    let mut out = Map::with_capacity(16);
    out.push_new("guid", t("guid"));
    out.push_new(
        "channel",
        get("channel").and_then(text).map_or(Value::Null, |c| Value::String(c.to_ascii_lowercase())),
    );
    out.push_new("campaign", t("campaign"));
    out.push_new("clientId", client_id);
    out.push_new("clientName", t("clientName"));
    out.push_new("startDate", t("startDate"));
    out.push_new("answerDate", t("answerDate"));
    out.push_new("form", t("form"));
    out.push_new("holdTime", get("holdTime").and_then(number).unwrap_or(Value::Null));
    out.push_new("data", data);
    out.push_new("dialer", dialer.unwrap_or(Value::Null));
    out.push_new("lastMessage", get("lastMessage").and_then(Value::as_object).map_or(Value::Null, message));
    out.push_new(
        "messages",
        get("messages")
            .and_then(Value::as_array)
            .map_or(Value::Null, |ms| Value::Array(ms.iter().filter_map(Value::as_object).map(message).collect())),
    );
    out.push_new("extraInfo", get("extraInfo").and_then(Value::as_object).map_or(Value::Null, extra_info));
    out.push_new("raw", interaction.clone());
    Ok(Value::Object(out))
}

/// A number, or a number written as a string; as a JSON number.
fn number(v: &Value) -> Option<Value> {
    match v {
        Value::Number(_) => Some(v.clone()),
        Value::String(s) => json::Number::parse(s.trim()).map(Value::Number),
        _ => None,
    }
}

/// A JSON string decoded while it holds JSON (an object, an array, or another JSON string),
/// at most [`MAX_DECODES`] times; text that is not JSON stays text.
fn decoded(s: &str) -> Value {
    let mut current = Value::String(s.to_owned());
    for _ in 0..MAX_DECODES {
        let Value::String(text) = &current else { break };
        let trimmed = text.trim();
        if !(trimmed.starts_with('{') || trimmed.starts_with('[') || trimmed.starts_with('"')) {
            break;
        }
        match json::parse(trimmed) {
            Ok(v) => current = v,
            Err(_) => break,
        }
    }
    current
}

/// `"true"`/`"false"` to booleans at every depth, `CAMPAIGN`/`CONTACT` decoded.
fn normalize_value(key: &str, v: &Value, depth: usize) -> Value {
    if depth > json::MAX_DEPTH {
        return v.clone();
    }
    match v {
        Value::String(s) if key == "CAMPAIGN" || key == "CONTACT" => match decoded(s) {
            Value::String(text) => string_bool(&text),
            // It takes the string's place; where it would nest the normalized object beyond
            // `MAX_DEPTH`, the string stays (a value at `depth` sits at most `depth + 3` deep).
            other if depth + 2 + nesting(&other) <= json::MAX_DEPTH => normalize_value("", &other, depth),
            _ => string_bool(s),
        },
        Value::String(s) => string_bool(s),
        Value::Object(m) => Value::Object(normalize_map(m, depth + 1)),
        Value::Array(items) => Value::Array(items.iter().map(|x| normalize_value("", x, depth + 1)).collect()),
        other => other.clone(),
    }
}

/// How many arrays and objects nest in `v` (what `json::parse` bounds by `MAX_DEPTH`).
fn nesting(v: &Value) -> usize {
    match v {
        Value::Object(m) => nesting_of(m),
        Value::Array(items) => 1 + items.iter().map(nesting).max().unwrap_or(0),
        _ => 0,
    }
}

fn nesting_of(m: &Map) -> usize {
    1 + m.values().map(nesting).max().unwrap_or(0)
}

fn normalize_map(m: &Map, depth: usize) -> Map {
    m.iter().map(|(k, v)| (k.clone(), normalize_value(k, v, depth))).collect()
}

/// `"true"` / `"false"` (any case, surrounding spaces ignored) as booleans; other text as is.
fn string_bool(s: &str) -> Value {
    let t = s.trim();
    if t.eq_ignore_ascii_case("true") {
        Value::Bool(true)
    } else if t.eq_ignore_ascii_case("false") {
        Value::Bool(false)
    } else {
        Value::String(s.to_owned())
    }
}

/// The dialer view of normalized `data`, when it has any dialer column.
fn dialer_of(data: &Map) -> Option<Value> {
    let present = DIALER_COLUMNS.iter().any(|(k, _)| data.contains_key(k)) || data.contains_key("CONTACT");
    if !present {
        return None;
    }
    let mut d = Map::with_capacity(8);
    for (column, name) in DIALER_COLUMNS {
        d.push_new(name, data.get(column).and_then(text).map_or(Value::Null, Value::String));
    }
    d.push_new("contact", data.get("CONTACT").filter(|c| c.is_object()).cloned().unwrap_or(Value::Null));
    Some(Value::Object(d))
}

/// A message of a messaging channel (`lastMessage`, an item of `messages`), typed; other keys
/// kept.
fn message(m: &Map) -> Value {
    let mut out = Map::with_capacity(m.len() + 2);
    for (k, v) in m {
        let typed = match k.as_str() {
            "isAudio" | "fromBot" => v.lenient_bool().map_or(Value::Null, Value::Bool),
            "attachments" => match v {
                Value::Array(_) => v.clone(),
                Value::Null => Value::Array(Vec::new()),
                other => Value::Array(vec![other.clone()]),
            },
            "text" | "id" | "channelId" | "source" | "direction" | "date" | "status" => {
                text(v).map_or(Value::Null, Value::String)
            }
            _ => normalize_value(k, v, 1),
        };
        out.push_new(k.as_str(), typed);
    }
    for key in ["text", "attachments"] {
        if !out.contains_key(key) {
            out.push_new(key, if key == "text" { Value::Null } else { Value::Array(Vec::new()) });
        }
    }
    Value::Object(out)
}

/// `extraInfo` of a webchat: `{ mail, initialMessage, number, ipAddress, customFields }`.
fn extra_info(m: &Map) -> Value {
    const TYPED: [&str; 4] = ["mail", "initialMessage", "number", "ipAddress"];
    let mut out = Map::with_capacity(m.len() + TYPED.len() + 1);
    for key in TYPED {
        out.push_new(key, m.get(key).and_then(text).map_or(Value::Null, Value::String));
    }
    out.push_new(
        "customFields",
        m.get("customFields")
            .and_then(Value::as_object)
            .map_or(Value::Object(Map::new()), |c| Value::Object(normalize_map(c, 1))),
    );
    // `m`'s keys are distinct: only the five above can be in `out` already.
    for (k, v) in m {
        if k != "customFields" && !TYPED.contains(&k.as_str()) {
            out.push_new(k.as_str(), v.clone());
        }
    }
    Value::Object(out)
}

#[cfg(test)]
pub(crate) mod examples {
    //! The interaction examples of the vendor's training material, per channel (also served by
    //! the sandbox Inbox).

    /// A telephony call.
    pub const TELEPHONY: &str = r#"{"guid":"7e4e7db9-f080-494e-b04b-7c8e47711558","channel":"telephony","campaign":"Campaign_1<-","clientId":"59899123456","clientName":"","startDate":"2024-05-06 10:11:12","answerDate":"2024-05-06 10:11:20","form":"https://acme.ucontactcloud.com/forms/Ventas/","holdTime":12,"data":{"DIALED_NUMBER":"12313123","direction":"inbound","isTransfer":"false","CAMPAIGN":"{\"name\":\"Campaign_1\",\"record\":\"true\",\"autoAnswer\":false}","finishedByClient":"true","DIALEDPEERNUMBER":"3264","MEMBERNAME":"ger"}}"#;
    /// A dialer (outbound hub) call, `CONTACT` encoded twice.
    pub const DIALER: &str = r#"{"guid":"d-1","channel":"telephony","campaign":"Hub->","clientid":"099123123","startDate":"2024-05-06 10:11:12","holdTime":"0","data":{"Deuda":123234234,"Nombre":"Ana","CONNECTOR":"SIP/trunk","AGENTNUMBER":"1001","TIMEZONE":"America/Montevideo","DIALER":"Hub","DIALERCALLERID":"59829000000","DIALERDIRECTION":"out","DIALERTYPE":"Preview","CONTACT":"\"{\\\"dialer\\\":\\\"Hub\\\",\\\"id\\\":7,\\\"tries\\\":2,\\\"clientIds\\\":[\\\"099123123\\\"]}\""}}"#;
    /// A webchat.
    pub const WEBCHAT: &str = r#"{"guid":"w-1","channel":"webchat","campaign":"Web<-","clientId":"ana@example.com","clientName":"Ana","lastMessage":{"text":"hola","attachments":[],"isAudio":"false","source":"client","direction":"in","fromBot":false},"extraInfo":{"mail":"ana@example.com","initialMessage":"hola","number":"099","ipAddress":"10.0.0.1","customFields":{"vip":"true"}}}"#;
    /// A WhatsApp conversation.
    pub const WHATSAPP: &str = r#"{"guid":"wa-1","channel":"whatsapp","campaign":"WA<-","clientId":"59899000000","clientName":"Ana","data":{},"lastMessage":{"id":"m2","text":"ok","attachments":null,"isAudio":false,"source":"client","direction":"in","date":"2024-05-06 10:11:12","status":"read","fromBot":"false"},"messages":[{"id":"m1","channelId":"c1","text":"hola","attachments":[]},{"id":"m2","channelId":"c1","text":"ok","attachments":[]}]}"#;
}

#[cfg(test)]
mod tests {
    use super::examples::*;
    use super::*;

    fn norm(text: &str) -> Value {
        normalize(&json::parse(text).unwrap()).unwrap()
    }

    #[test]
    fn telephony() {
        let n = norm(TELEPHONY);
        assert_eq!(n.get("channel"), Some(&Value::from("telephony")));
        assert_eq!(n.get("holdTime").unwrap().to_json(), "12");
        let data = n.get("data").unwrap();
        assert_eq!(data.get("isTransfer"), Some(&Value::Bool(false)));
        assert_eq!(data.get("finishedByClient"), Some(&Value::Bool(true)));
        assert_eq!(
            data.get("CAMPAIGN").unwrap().to_json(),
            r#"{"name":"Campaign_1","record":true,"autoAnswer":false}"#
        );
        assert_eq!(n.get("dialer"), Some(&Value::Null));
        assert_eq!(n.get("raw").unwrap().to_json(), json::parse(TELEPHONY).unwrap().to_json());
    }

    #[test]
    fn dialer_columns_typed_and_contact_decoded_twice() {
        let n = norm(DIALER);
        assert_eq!(n.get("clientId"), Some(&Value::from("099123123")), "clientid accepted");
        assert_eq!(n.get("holdTime").unwrap().to_json(), "0");
        let d = n.get("dialer").unwrap();
        assert_eq!(d.get("type"), Some(&Value::from("Preview")));
        assert_eq!(d.get("direction"), Some(&Value::from("out")));
        assert_eq!(
            d.get("contact").unwrap().to_json(),
            r#"{"dialer":"Hub","id":7,"tries":2,"clientIds":["099123123"]}"#
        );
        assert_eq!(n.get("data").unwrap().get("Deuda").unwrap().to_json(), "123234234", "numbers stay numbers");
    }

    #[test]
    fn messaging_channels() {
        let w = norm(WEBCHAT);
        let last = w.get("lastMessage").unwrap();
        assert_eq!((last.get("isAudio"), last.get("fromBot")), (Some(&Value::Bool(false)), Some(&Value::Bool(false))));
        let extra = w.get("extraInfo").unwrap();
        assert_eq!(extra.get("ipAddress"), Some(&Value::from("10.0.0.1")));
        assert_eq!(extra.get("customFields").unwrap().get("vip"), Some(&Value::Bool(true)));
        assert_eq!(w.get("messages"), Some(&Value::Null));
        let wa = norm(WHATSAPP);
        assert_eq!(wa.get("lastMessage").unwrap().get("attachments"), Some(&Value::Array(vec![])));
        assert_eq!(wa.get("lastMessage").unwrap().get("fromBot"), Some(&Value::Bool(false)));
        assert_eq!(wa.get("messages").unwrap().as_array().unwrap().len(), 2);
    }

    #[test]
    fn anything_else_is_a_clear_error_or_empty_fields() {
        for bad in ["null", "5", "\"x\"", "[1]"] {
            assert_eq!(normalize(&json::parse(bad).unwrap()).unwrap_err().code(), "BAD_MESSAGE", "{bad}");
        }
        let n = norm(r#"{"data":"not json","lastMessage":7,"messages":[1,{"text":5}],"holdTime":"x","CAMPAIGN":"{"}"#);
        assert_eq!(n.get("guid"), Some(&Value::Null));
        assert_eq!(n.get("data").unwrap().to_json(), "{}");
        assert_eq!(n.get("holdTime"), Some(&Value::Null));
        assert_eq!(n.get("messages").unwrap().to_json(), r#"[{"text":"5","attachments":[]}]"#);
        // Deep nesting stays total.
        let deep = format!("{{\"data\":{}1{}}}", "{\"a\":".repeat(120), "}".repeat(120));
        assert!(normalize(&json::parse(&deep).unwrap()).is_ok());
    }

    #[test]
    fn decoding_stops_where_the_result_would_not_read_back() {
        // Found by the fuzzer (`v6-interaction`): JSON held in `CAMPAIGN`, `CONTACT` or `data`
        // was decoded however deep it nested, so the result went beyond `MAX_DEPTH` (the
        // library's own parser refused its `to_json`) and past the depth where `"true"` strings
        // are converted.
        let nested = |n: usize| format!("{}\"true\"{}", "{\"a\":".repeat(n), "}".repeat(n));
        let with = |key: &str, n: usize| {
            let mut data = Map::new();
            data.insert(key, nested(n));
            let mut i = Map::new();
            i.insert("data", data);
            normalize(&Value::Object(i)).unwrap()
        };
        for key in ["CAMPAIGN", "CONTACT"] {
            let n = with(key, json::MAX_DEPTH - 2);
            assert!(n.get("data").unwrap().get(key).unwrap().is_object(), "fits: decoded");
            assert_eq!(json::parse(&n.to_json()), Ok(n));
            let n = with(key, json::MAX_DEPTH - 1);
            assert_eq!(
                n.get("data").unwrap().get(key),
                Some(&Value::from(nested(json::MAX_DEPTH - 1))),
                "kept as text"
            );
            assert_eq!(json::parse(&n.to_json()), Ok(n));
        }
        let data = |n: usize| {
            let mut i = Map::new();
            i.insert("data", nested(n));
            normalize(&Value::Object(i)).unwrap().get("data").unwrap().clone()
        };
        assert!(data(json::MAX_DEPTH - 1).get("a").is_some());
        assert_eq!(data(json::MAX_DEPTH), Value::Object(Map::new()));
    }
}
