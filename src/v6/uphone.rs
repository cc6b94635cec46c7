//! uPhone's messages, typed: `{ action, params }` objects posted by the softphone frame.
//!
//! The vendor documents seven actions (`makeCall`, `gettingCall`, `finishedCall`,
//! `finishedSms`, `sentDispositions`, `agentLogin`; `agentLogout` is seen in public code) and no
//! per-event `params` examples. So [`read`] types the fields public integrations read and keeps
//! everything else:
//!
//! | field               | accepted                                  | typed as                       |
//! |---------------------|-------------------------------------------|--------------------------------|
//! | `number`            | string or number                          | string (as written)            |
//! | `campaign`, `guid`, `direction`, `clientId` | string (or number)  | string                         |
//! | `date`              | `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DDTHH:MM:SS`, `DD/MM/YYYY HH:MM:SS` | `YYYY-MM-DDTHH:MM:SS` (no zone: uPhone sends none) |
//! | `duration`          | whole seconds, number or digit string     | number of seconds              |
//! | `needsDispositions` | boolean, `"true"`/`"false"`, 1/0          | boolean                        |
//! | `dispositions`      | any JSON                                  | as received                    |
//!
//! A field that is present but not readable as its type is `null` in the typed view (the raw
//! message still has it); other keys go to `extra`. An unknown action is an event of its own
//! ([`Kind::Other`]), never an error. Only a message that is not an object with a string
//! `action` is refused ([`read`] returns `None`): it is not uPhone's.

use crate::json::{Map, Value};
use alloc::borrow::ToOwned;
use alloc::string::String;

/// The known actions, and the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The agent starts an outbound call.
    MakeCall,
    /// An inbound call is ringing.
    GettingCall,
    /// A call interaction is completed.
    FinishedCall,
    /// An SMS conversation is closed.
    FinishedSms,
    /// Disposition data was sent.
    SentDispositions,
    /// The agent logged in.
    AgentLogin,
    /// The agent logged out.
    AgentLogout,
    /// An action this library does not know (delivered as the generic `event`).
    Other,
}

impl Kind {
    /// Every known action, with its wire name.
    pub const KNOWN: [(Kind, &'static str); 7] = [
        (Kind::MakeCall, "makeCall"),
        (Kind::GettingCall, "gettingCall"),
        (Kind::FinishedCall, "finishedCall"),
        (Kind::FinishedSms, "finishedSms"),
        (Kind::SentDispositions, "sentDispositions"),
        (Kind::AgentLogin, "agentLogin"),
        (Kind::AgentLogout, "agentLogout"),
    ];

    /// The kind of an action name (exact spelling, as documented).
    pub fn of(action: &str) -> Kind {
        Kind::KNOWN.iter().find(|(_, n)| *n == action).map_or(Kind::Other, |(k, _)| *k)
    }
}

/// The typed `params` of an event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    pub number: Option<String>,
    pub campaign: Option<String>,
    pub guid: Option<String>,
    pub direction: Option<String>,
    /// Normalized `YYYY-MM-DDTHH:MM:SS`.
    pub date: Option<String>,
    /// Seconds.
    pub duration: Option<u64>,
    pub client_id: Option<String>,
    pub needs_dispositions: Option<bool>,
    pub dispositions: Option<Value>,
    /// Every other key of `params`, as received.
    pub extra: Map,
}

/// One uPhone event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The action as sent.
    pub action: String,
    pub kind: Kind,
    pub params: Params,
}

/// Reads a message posted by uPhone; `None` when it is not `{ action: string, params? }`.
pub fn read(message: &Value) -> Option<Event> {
    let m = message.as_object()?;
    let action = m.get("action")?.as_str()?.to_owned();
    let params = match m.get("params") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(p)) => p.clone(),
        // A non-object `params` is kept, untyped, rather than refusing the event.
        Some(other) => [("value", other.clone())].into_iter().collect(),
    };
    Some(Event { kind: Kind::of(&action), action, params: typed(params) })
}

fn typed(p: Map) -> Params {
    let mut out = Params::default();
    for (key, value) in p {
        match key.as_str() {
            "number" => out.number = text(&value),
            "campaign" => out.campaign = text(&value),
            "guid" => out.guid = text(&value).filter(|g| !g.is_empty()),
            "direction" => out.direction = text(&value),
            "date" => out.date = value.as_str().and_then(date),
            "duration" => out.duration = seconds(&value),
            "clientId" => out.client_id = text(&value),
            "needsDispositions" => out.needs_dispositions = value.lenient_bool(),
            "dispositions" => out.dispositions = Some(value),
            _ => {
                out.extra.push_new(key, value);
            }
        }
    }
    out
}

/// A string, or a number's text; trimmed.
pub(crate) fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

/// Whole seconds from a number or a digit string.
fn seconds(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => {
            let s = s.trim();
            (!s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.bytes().fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0')))
        }
        _ => None,
    }
}

/// A date-time in one of the three formats seen (`YYYY-MM-DD HH:MM:SS`,
/// `YYYY-MM-DDTHH:MM:SS`, `DD/MM/YYYY HH:MM:SS`), as `YYYY-MM-DDTHH:MM:SS`; `None` for anything
/// else, or an impossible date.
pub fn date(s: &str) -> Option<String> {
    let b = s.trim().as_bytes();
    if b.len() != 19 {
        return None;
    }
    let mut iso = [0u8; 19];
    match (b[2], b[4], b[10]) {
        (b'/', _, b' ') if b[5] == b'/' => {
            // DD/MM/YYYY HH:MM:SS
            iso[..4].copy_from_slice(&b[6..10]);
            iso[4] = b'-';
            iso[5..7].copy_from_slice(&b[3..5]);
            iso[7] = b'-';
            iso[8..10].copy_from_slice(&b[0..2]);
            iso[10] = b' ';
            iso[11..].copy_from_slice(&b[11..]);
        }
        (_, b'-', b' ' | b'T') => {
            iso.copy_from_slice(b);
            iso[10] = b' ';
        }
        _ => return None,
    }
    let text = core::str::from_utf8(&iso).ok()?;
    crate::validate::parse_datetime(text)?;
    let mut out = text.to_owned();
    out.replace_range(10..11, "T");
    Some(out)
}

impl Params {
    /// The typed params as JSON: every typed field (`null` when absent or unreadable) and
    /// `extra`.
    pub fn to_value(&self) -> Value {
        let s = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
        let mut m = Map::with_capacity(10);
        m.push_new("number", s(&self.number));
        m.push_new("campaign", s(&self.campaign));
        m.push_new("guid", s(&self.guid));
        m.push_new("direction", s(&self.direction));
        m.push_new("date", s(&self.date));
        m.push_new("duration", self.duration.map_or(Value::Null, Value::from));
        m.push_new("clientId", s(&self.client_id));
        m.push_new("needsDispositions", self.needs_dispositions.map_or(Value::Null, Value::Bool));
        m.push_new("dispositions", self.dispositions.clone().unwrap_or(Value::Null));
        m.push_new("extra", Value::Object(self.extra.clone()));
        Value::Object(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;

    #[test]
    fn known_actions_and_the_rest() {
        for (kind, name) in Kind::KNOWN {
            let e = read(&json!({ "action": name })).unwrap();
            assert_eq!((e.kind, e.action.as_str()), (kind, name));
        }
        let e = read(&json!({"action": "makecall", "params": {"number": "1"}})).unwrap();
        assert_eq!(e.kind, Kind::Other, "uPhone's events are spelled exactly; makecall is a command spelling");
        for not_uphone in
            [json!(null), json!("makeCall"), json!({}), json!({"action": 5}), json!([1]), json!({"event": "x"})]
        {
            assert_eq!(read(&not_uphone), None, "{not_uphone}");
        }
    }

    #[test]
    fn params_are_typed_and_the_rest_kept() {
        let e = read(&json!({"action": "finishedCall", "params": {
            "number": 98123456, "campaign": "Ventas->", "guid": "g-1", "direction": "O",
            "date": "31/12/2024 23:59:58", "duration": "125", "clientId": 77,
            "needsDispositions": "true", "dispositions": [{"l1": "Venta"}], "agent": "ana"
        }}))
        .unwrap();
        let p = e.params;
        assert_eq!(p.number.as_deref(), Some("98123456"));
        assert_eq!(p.campaign.as_deref(), Some("Ventas->"));
        assert_eq!(p.guid.as_deref(), Some("g-1"));
        assert_eq!(p.date.as_deref(), Some("2024-12-31T23:59:58"));
        assert_eq!(p.duration, Some(125));
        assert_eq!(p.client_id.as_deref(), Some("77"));
        assert_eq!(p.needs_dispositions, Some(true));
        assert_eq!(p.dispositions, Some(json!([{"l1": "Venta"}])));
        assert_eq!(p.extra, json!({"agent": "ana"}).as_object().unwrap().clone());
        assert_eq!(
            p.to_value().to_json(),
            r#"{"number":"98123456","campaign":"Ventas->","guid":"g-1","direction":"O","date":"2024-12-31T23:59:58","duration":125,"clientId":"77","needsDispositions":true,"dispositions":[{"l1":"Venta"}],"extra":{"agent":"ana"}}"#
        );
    }

    #[test]
    fn unreadable_fields_are_null_not_errors() {
        let e = read(&json!({"action": "gettingCall", "params": {"date": "yesterday", "duration": -3, "needsDispositions": "maybe", "guid": ""}})).unwrap();
        assert_eq!(
            (e.params.date, e.params.duration, e.params.needs_dispositions, e.params.guid),
            (None, None, None, None)
        );
        let e = read(&json!({"action": "gettingCall", "params": "odd"})).unwrap();
        assert_eq!(e.params.extra.get("value"), Some(&json!("odd")));
    }

    #[test]
    fn the_three_date_formats() {
        assert_eq!(date("2024-02-29 10:11:12").as_deref(), Some("2024-02-29T10:11:12"));
        assert_eq!(date("2024-02-29T10:11:12").as_deref(), Some("2024-02-29T10:11:12"));
        assert_eq!(date("29/02/2024 10:11:12").as_deref(), Some("2024-02-29T10:11:12"));
        for bad in [
            "2023-02-29 10:11:12",
            "2023-48-13 06:48:51",
            "29-02-2024 10:11:12",
            "2024/02/29 10:11:12",
            "",
            "2024-02-29",
            "2024-02-29 10:11:12Z",
        ] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }
}
