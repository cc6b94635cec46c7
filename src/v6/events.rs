//! The Events API: `{ event, data }` messages an embedded uContact instance posts to the page
//! that embeds it.
//!
//! Documented events: `assignedInteraction` (`data { guid, campaign, channel, clientId }`),
//! `finishedInteraction` (`data` starts with `guid`; the rest is not public),
//! `sentDisposition`, `changedTheme`, `changedLanguage`. [`read`] types the two whose fields are
//! known (`clientid` accepted for `clientId` when there is none; other keys kept), hands the
//! others' `data` over as received, and delivers unknown events too; only a message that is not
//! an object with a string `event` is refused.

use super::uphone::text;
use crate::json::{Map, Value};
use alloc::borrow::ToOwned;
use alloc::string::String;

/// The documented event names.
pub const KNOWN: [&str; 5] =
    ["assignedInteraction", "finishedInteraction", "sentDisposition", "changedTheme", "changedLanguage"];

/// One event: its name and its `data`, typed where the fields are known.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub event: String,
    pub data: Value,
}

/// Reads a message; `None` when it is not `{ event: string, data? }`.
pub fn read(message: &Value) -> Option<Event> {
    let m = message.as_object()?;
    let event = m.get("event")?.as_str()?.to_owned();
    let data = m.get("data").cloned().unwrap_or(Value::Null);
    let data = match (event.as_str(), &data) {
        ("assignedInteraction", Value::Object(d)) => typed(d, &["guid", "campaign", "channel", "clientId"]),
        ("finishedInteraction", Value::Object(d)) => typed(d, &["guid"]),
        _ => data,
    };
    Some(Event { event, data })
}

/// `fields` typed as strings (`null` when absent), first; every other key after them.
fn typed(d: &Map, fields: &[&str]) -> Value {
    let mut out = Map::with_capacity(d.len() + fields.len());
    for f in fields {
        let v = d.get(f).or_else(|| if *f == "clientId" { d.get("clientid") } else { None });
        out.push_new(*f, v.and_then(text).map_or(Value::Null, Value::String));
    }
    for (k, v) in d {
        // `clientid` is consumed only when it was read as `clientId`; beside a `clientId` it is
        // another key, kept.
        let spelled_otherwise = k == "clientid" && fields.contains(&"clientId") && !d.contains_key("clientId");
        if !fields.contains(&k.as_str()) && !spelled_otherwise {
            out.push_new(k.as_str(), v.clone());
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;

    #[test]
    fn typed_where_known() {
        let e = read(&json!({"event": "assignedInteraction", "data": {"guid": "g", "campaign": "C<-", "channel": "whatsapp", "clientid": 5, "x": 1}})).unwrap();
        assert_eq!(e.data.to_json(), r#"{"guid":"g","campaign":"C<-","channel":"whatsapp","clientId":"5","x":1}"#);
        // Found by the fuzzer (`v6-interaction`): beside a `clientId`, `clientid` was dropped.
        let e = read(&json!({"event": "assignedInteraction", "data": {"clientId": null, "clientid": "5"}})).unwrap();
        assert_eq!(e.data.to_json(), r#"{"guid":null,"campaign":null,"channel":null,"clientId":null,"clientid":"5"}"#);
        let e = read(&json!({"event": "finishedInteraction", "data": {"guid": "g", "agent": "ana"}})).unwrap();
        assert_eq!(e.data.to_json(), r#"{"guid":"g","agent":"ana"}"#);
        let e = read(&json!({"event": "changedTheme", "data": "dark"})).unwrap();
        assert_eq!(e.data, json!("dark"));
        let e = read(&json!({"event": "somethingNew"})).unwrap();
        assert_eq!((e.event.as_str(), &e.data), ("somethingNew", &Value::Null));
        for not_events in
            [json!(null), json!({"action": "makeCall"}), json!({"event": 1}), json!("assignedInteraction")]
        {
            assert_eq!(read(&not_events), None, "{not_events}");
        }
    }
}
