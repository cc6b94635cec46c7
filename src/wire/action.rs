//! The eight proxy actions of the uContact portal, with their exact documented payloads:
//!
//! | action          | payload (key order as documented)                          | reply    |
//! |-----------------|------------------------------------------------------------|----------|
//! | `call`          | `{action, campaign, callerid, destination}`                | `{guid}` |
//! | `callWithPhone` | `{action, destination, campaign}`                          | `{guid}` |
//! | `hangup`        | `{action}`                                                 | none     |
//! | `tag`           | `{action, guid, message}`                                  | none     |
//! | `CTI`           | `{action}`                                                 | `{CTI}`  |
//! | `respool`       | `{action, objetoRespool}`                                  | none     |
//! | `schedule`      | `{action, callDate, objectDialer}`                         | none     |
//! | `sms`           | `{action, campaign, message, destination}`                 | none     |
//!
//! `sms` is the "API Omnichannel" page's (a WhatsApp or SMS message to the customer, sent by
//! the portal as the logged-in agent); the other seven are the "API Telefonía" page's.
//!
//! Every field is validated before an action can be built, so nothing malformed leaves the page.

use crate::cti::Respool;
use crate::error::{Error, Result};
use crate::json::{write, Map, Value};
use crate::validate;
use alloc::boxed::Box;
use alloc::string::String;

/// The action names, as they travel in `data.action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionName {
    Call,
    CallWithPhone,
    Hangup,
    Tag,
    Cti,
    Respool,
    Schedule,
    Sms,
}

impl ActionName {
    /// All eight, in documentation order.
    pub const ALL: [ActionName; 8] = [
        ActionName::Call,
        ActionName::CallWithPhone,
        ActionName::Hangup,
        ActionName::Tag,
        ActionName::Cti,
        ActionName::Respool,
        ActionName::Schedule,
        ActionName::Sms,
    ];

    /// The wire name (`call`, `callWithPhone`, `hangup`, `tag`, `CTI`, `respool`, `schedule`,
    /// `sms`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ActionName::Call => "call",
            ActionName::CallWithPhone => "callWithPhone",
            ActionName::Hangup => "hangup",
            ActionName::Tag => "tag",
            ActionName::Cti => "CTI",
            ActionName::Respool => "respool",
            ActionName::Schedule => "schedule",
            ActionName::Sms => "sms",
        }
    }

    /// Parses a wire name (exact, case-sensitive like the portal).
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// What the portal answers to this action.
    pub const fn reply_kind(self) -> ReplyKind {
        match self {
            ActionName::Call | ActionName::CallWithPhone => ReplyKind::Guid,
            ActionName::Cti => ReplyKind::Cti,
            _ => ReplyKind::None,
        }
    }
}

/// The kinds of reply the portal sends. Replies carry no request id; the kind is all there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplyKind {
    /// `{guid}` answers `call` and `callWithPhone`.
    Guid,
    /// `{CTI}` answers `CTI`.
    Cti,
    /// The portal documents no reply (`hangup`, `tag`, `respool`, `schedule`, `sms`).
    None,
}

/// A validated proxy action. Construct through the checked constructors; fields are private so
/// an unvalidated action cannot exist.
#[derive(Debug, Clone, PartialEq)]
pub struct Action(Inner);

#[derive(Debug, Clone, PartialEq)]
enum Inner {
    Call { campaign: String, callerid: String, destination: String },
    CallWithPhone { destination: String, campaign: String },
    Hangup,
    Tag { guid: String, message: String },
    Cti,
    Respool { objeto_respool: DialerRow },
    Schedule { call_date: String, object_dialer: DialerRow },
    Sms { campaign: String, message: String, destination: String },
}

impl Action {
    /// `{action:'call', campaign, callerid, destination}`: the portal dials `destination` from
    /// `campaign` with caller id `callerid`; the reply carries the call's guid.
    pub fn call(campaign: &str, callerid: &str, destination: &str) -> Result<Self> {
        validate::required_text("campaign", campaign)?;
        validate::phone("callerid", callerid)?;
        validate::phone("destination", destination)?;
        Ok(Action(Inner::Call {
            campaign: campaign.into(),
            callerid: callerid.into(),
            destination: destination.into(),
        }))
    }

    /// `{action:'callWithPhone', destination, campaign}`: dials through the portal's own phone.
    pub fn call_with_phone(destination: &str, campaign: &str) -> Result<Self> {
        validate::phone("destination", destination)?;
        validate::required_text("campaign", campaign)?;
        Ok(Action(Inner::CallWithPhone { destination: destination.into(), campaign: campaign.into() }))
    }

    /// `{action:'hangup'}`.
    pub fn hangup() -> Self {
        Action(Inner::Hangup)
    }

    /// `{action:'tag', guid, message}`: tags the recording of call `guid`.
    pub fn tag(guid: &str, message: &str) -> Result<Self> {
        validate::guid("guid", guid)?;
        validate::required_text("message", message)?;
        Ok(Action(Inner::Tag { guid: guid.into(), message: message.into() }))
    }

    /// `{action:'CTI'}`: asks the portal for the current interaction record.
    pub fn cti() -> Self {
        Action(Inner::Cti)
    }

    /// `{action:'respool', objetoRespool}` of an object as given. It must carry at least a
    /// campaign and a destination (the portal's own check); [`Action::respool_row`] sends a
    /// typed `Respool`, which guarantees the rest.
    pub fn respool(objeto_respool: Value) -> Result<Self> {
        let obj = respool_object("objetoRespool", objeto_respool)?;
        Ok(Action(Inner::Respool { objeto_respool: DialerRow::Object(obj) }))
    }

    /// `{action:'respool', objetoRespool}` of a typed `Respool`, kept typed until it is written
    /// (so the REST path takes it as it is).
    pub fn respool_row(respool: Respool) -> Self {
        Action(Inner::Respool { objeto_respool: DialerRow::Respool(Box::new(respool)) })
    }

    /// `{action:'schedule', callDate, objectDialer}`; `callDate` is `YYYY-MM-DD HH:MM:SS`.
    pub fn schedule(call_date: &str, object_dialer: Value) -> Result<Self> {
        validate::datetime("callDate", call_date)?;
        let obj = respool_object("objectDialer", object_dialer)?;
        Ok(Action(Inner::Schedule { call_date: call_date.into(), object_dialer: DialerRow::Object(obj) }))
    }

    /// `{action:'schedule', callDate, objectDialer}` of a typed `Respool`, kept typed.
    pub fn schedule_row(call_date: &str, respool: Respool) -> Result<Self> {
        validate::datetime("callDate", call_date)?;
        Ok(Action(Inner::Schedule {
            call_date: call_date.into(),
            object_dialer: DialerRow::Respool(Box::new(respool)),
        }))
    }

    /// `{action:'sms', campaign, message, destination}`: the portal sends `message` to
    /// `destination` by WhatsApp or SMS through `campaign`, as the logged-in agent.
    pub fn sms(campaign: &str, message: &str, destination: &str) -> Result<Self> {
        validate::required_text("campaign", campaign)?;
        validate::message_text("message", message)?;
        validate::phone("destination", destination)?;
        Ok(Action(Inner::Sms { campaign: campaign.into(), message: message.into(), destination: destination.into() }))
    }

    /// The action's name.
    pub fn name(&self) -> ActionName {
        match &self.0 {
            Inner::Call { .. } => ActionName::Call,
            Inner::CallWithPhone { .. } => ActionName::CallWithPhone,
            Inner::Hangup => ActionName::Hangup,
            Inner::Tag { .. } => ActionName::Tag,
            Inner::Cti => ActionName::Cti,
            Inner::Respool { .. } => ActionName::Respool,
            Inner::Schedule { .. } => ActionName::Schedule,
            Inner::Sms { .. } => ActionName::Sms,
        }
    }

    /// Reads an action from a received `data` value (the portal side of the channel),
    /// validating it exactly like the constructors do.
    pub fn from_data(data: &Value) -> Result<Self> {
        let obj = crate::wire::envelope::data_object(data)?;
        let name = match obj.get("action") {
            Some(Value::String(s)) => s.as_str(),
            _ => return Err(Error::BadMessage { reason: "no `action` string".into() }),
        };
        let name = ActionName::parse(name)
            .ok_or_else(|| Error::BadMessage { reason: crate::cat!["unknown action `", name, "`"].into() })?;
        let allowed: &[&str] = match name {
            ActionName::Call => &["action", "campaign", "callerid", "destination"],
            ActionName::CallWithPhone => &["action", "destination", "campaign"],
            ActionName::Hangup | ActionName::Cti => &["action"],
            ActionName::Tag => &["action", "guid", "message"],
            ActionName::Respool => &["action", "objetoRespool"],
            ActionName::Schedule => &["action", "callDate", "objectDialer"],
            ActionName::Sms => &["action", "campaign", "message", "destination"],
        };
        if let Some(k) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(Error::BadMessage {
                reason: crate::cat!["unexpected key `", k, "` in `", name.as_str(), "`"].into(),
            });
        }
        let text = |key: &'static str| -> Result<&str> {
            match obj.get(key) {
                Some(Value::String(s)) => Ok(s),
                Some(_) => Err(Error::invalid(key, "is not a string")),
                None => Err(Error::invalid(key, "is required")),
            }
        };
        let value = |key: &'static str| obj.get(key).cloned().ok_or_else(|| Error::invalid(key, "is required"));
        match name {
            ActionName::Call => Action::call(text("campaign")?, text("callerid")?, text("destination")?),
            ActionName::CallWithPhone => Action::call_with_phone(text("destination")?, text("campaign")?),
            ActionName::Hangup => Ok(Action::hangup()),
            ActionName::Tag => Action::tag(text("guid")?, text("message")?),
            ActionName::Cti => Ok(Action::cti()),
            ActionName::Respool => Action::respool(value("objetoRespool")?),
            ActionName::Schedule => Action::schedule(text("callDate")?, value("objectDialer")?),
            ActionName::Sms => Action::sms(text("campaign")?, text("message")?, text("destination")?),
        }
    }

    /// The action's fields, typed: what a reader of an action (the Bridge's REST path) matches
    /// on, so no field is read by its wire name and a misspelt one cannot compile.
    pub fn view(&self) -> View<'_> {
        match &self.0 {
            Inner::Call { campaign, callerid, destination } => View::Call { campaign, callerid, destination },
            Inner::CallWithPhone { destination, campaign } => View::CallWithPhone { destination, campaign },
            Inner::Hangup => View::Hangup,
            Inner::Tag { guid, message } => View::Tag { guid, message },
            Inner::Cti => View::Cti,
            Inner::Respool { objeto_respool } => View::Respool { row: objeto_respool },
            Inner::Schedule { call_date, object_dialer } => View::Schedule { call_date, row: object_dialer },
            Inner::Sms { campaign, message, destination } => View::Sms { campaign, message, destination },
        }
    }
}

/// The dialer row of a `respool` or `schedule` action (`objetoRespool`, `objectDialer`).
#[derive(Debug, Clone, PartialEq)]
pub enum DialerRow {
    /// A typed [`Respool`] (the Bridge's): written as the documented object, taken as it is by
    /// the REST path.
    Respool(Box<Respool>),
    /// An object as given, with at least a campaign and a destination: what `PortalChannel`
    /// passes on and what the portal side reads.
    Object(Map),
}

impl DialerRow {
    /// The row as a [`Respool`]: itself when typed; an object is read as one (a wrong shape is
    /// `INVALID_ARGUMENT` naming `respool`), since a REST request needs the documented row.
    pub fn respool(&self) -> Result<Respool> {
        match self {
            DialerRow::Respool(r) => Ok(Respool::clone(r)),
            DialerRow::Object(m) => Respool::from_map(m),
        }
    }

    fn write(&self, out: &mut String) {
        match self {
            DialerRow::Respool(r) => write::value(&r.to_value(), out),
            DialerRow::Object(m) => write::object(m, out),
        }
    }
}

/// An [`Action`]'s fields, borrowed ([`Action::view`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum View<'a> {
    Call { campaign: &'a str, callerid: &'a str, destination: &'a str },
    CallWithPhone { destination: &'a str, campaign: &'a str },
    Hangup,
    Tag { guid: &'a str, message: &'a str },
    Cti,
    Respool { row: &'a DialerRow },
    Schedule { call_date: &'a str, row: &'a DialerRow },
    Sms { campaign: &'a str, message: &'a str, destination: &'a str },
}

fn respool_object(field: &'static str, v: Value) -> Result<Map> {
    let Value::Object(obj) = v else {
        return Err(Error::invalid(field, "is not an object"));
    };
    for key in ["campaign", "destination"] {
        match obj.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            _ => return Err(Error::invalid(field, crate::cat!["has no `", key, "`"])),
        }
    }
    Ok(obj)
}

impl Action {
    /// The payload as JSON text (`JSON.stringify` of the documented object).
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(96);
        self.write_json(&mut out);
        out
    }

    /// Appends the payload as JSON text, keys in the documented order.
    pub fn write_json(&self, out: &mut String) {
        out.push_str("{\"action\":");
        write::string(self.name().as_str(), out);
        match &self.0 {
            Inner::Call { campaign, callerid, destination } => {
                text_member(out, "campaign", campaign);
                text_member(out, "callerid", callerid);
                text_member(out, "destination", destination);
            }
            Inner::CallWithPhone { destination, campaign } => {
                text_member(out, "destination", destination);
                text_member(out, "campaign", campaign);
            }
            Inner::Hangup | Inner::Cti => {}
            Inner::Tag { guid, message } => {
                text_member(out, "guid", guid);
                text_member(out, "message", message);
            }
            Inner::Respool { objeto_respool } => {
                key(out, "objetoRespool");
                objeto_respool.write(out);
            }
            Inner::Schedule { call_date, object_dialer } => {
                text_member(out, "callDate", call_date);
                key(out, "objectDialer");
                object_dialer.write(out);
            }
            Inner::Sms { campaign, message, destination } => {
                text_member(out, "campaign", campaign);
                text_member(out, "message", message);
                text_member(out, "destination", destination);
            }
        }
        out.push('}');
    }
}

fn key(out: &mut String, key: &str) {
    out.push_str(",\"");
    out.push_str(key);
    out.push_str("\":");
}

fn text_member(out: &mut String, name: &str, value: &str) {
    key(out, name);
    write::string(value, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;

    const GUID: &str = "7e4e7db9-f080-494e-b04b-7c8e47711558";

    fn respool() -> Value {
        json!({"campaign": "Ventas->", "destination": "098344484", "dialerbase": "basetest", "status": 1,
               "data": "Par1=Val1:Par2=Val2", "alternatives": "098124484", "contact": 222, "retries": 0,
               "priority": 9999, "agentphone": "1001"})
    }

    #[test]
    fn views_give_each_field_as_built() {
        let Value::Object(map) = respool() else { panic!("an object") };
        let row = DialerRow::Object(map);
        let typed = Respool::from_value(&respool()).unwrap();
        let typed_row = DialerRow::Respool(Box::new(typed.clone()));
        let cases: Vec<(Action, View<'_>)> = vec![
            (
                Action::call("Ventas->", "1001", "091").unwrap(),
                View::Call { campaign: "Ventas->", callerid: "1001", destination: "091" },
            ),
            (
                Action::call_with_phone("091", "Sale->").unwrap(),
                View::CallWithPhone { destination: "091", campaign: "Sale->" },
            ),
            (Action::hangup(), View::Hangup),
            (Action::tag(GUID, "venta").unwrap(), View::Tag { guid: GUID, message: "venta" }),
            (Action::cti(), View::Cti),
            (Action::respool(respool()).unwrap(), View::Respool { row: &row }),
            (
                Action::schedule("2026-12-24 10:00:00", respool()).unwrap(),
                View::Schedule { call_date: "2026-12-24 10:00:00", row: &row },
            ),
            (Action::respool_row(typed.clone()), View::Respool { row: &typed_row }),
            (
                Action::schedule_row("2026-12-24 10:00:00", typed.clone()).unwrap(),
                View::Schedule { call_date: "2026-12-24 10:00:00", row: &typed_row },
            ),
            (
                Action::sms("Ventas->", "hola", "091").unwrap(),
                View::Sms { campaign: "Ventas->", message: "hola", destination: "091" },
            ),
        ];
        for (action, want) in &cases {
            assert_eq!(action.view(), *want, "{}", action.to_json());
        }
    }

    #[test]
    fn payloads_are_exactly_as_documented() {
        let tag = format!(r#"{{"action":"tag","guid":"{GUID}","message":"venta"}}"#);
        let table: Vec<(Action, &str)> = vec![
            (
                Action::call("Ventas->", "1001", "091000000").unwrap(),
                r#"{"action":"call","campaign":"Ventas->","callerid":"1001","destination":"091000000"}"#,
            ),
            (
                Action::call_with_phone("091000000", "Sale->").unwrap(),
                r#"{"action":"callWithPhone","destination":"091000000","campaign":"Sale->"}"#,
            ),
            (Action::hangup(), r#"{"action":"hangup"}"#),
            (Action::tag(GUID, "venta").unwrap(), &tag),
            (Action::cti(), r#"{"action":"CTI"}"#),
            (
                Action::respool(respool()).unwrap(),
                r#"{"action":"respool","objetoRespool":{"campaign":"Ventas->","destination":"098344484","dialerbase":"basetest","status":1,"data":"Par1=Val1:Par2=Val2","alternatives":"098124484","contact":222,"retries":0,"priority":9999,"agentphone":"1001"}}"#,
            ),
            (
                Action::schedule("2016-10-10 15:00:00", respool()).unwrap(),
                r#"{"action":"schedule","callDate":"2016-10-10 15:00:00","objectDialer":{"campaign":"Ventas->","destination":"098344484","dialerbase":"basetest","status":1,"data":"Par1=Val1:Par2=Val2","alternatives":"098124484","contact":222,"retries":0,"priority":9999,"agentphone":"1001"}}"#,
            ),
            (
                Action::sms("SMS->", "Su pedido sale hoy", "+59898344484").unwrap(),
                r#"{"action":"sms","campaign":"SMS->","message":"Su pedido sale hoy","destination":"+59898344484"}"#,
            ),
        ];
        for (action, expected) in table {
            let json = action.to_json();
            assert_eq!(json, expected);
            // The portal side reads back exactly the same action.
            let back = Action::from_data(&crate::json::parse(&json).unwrap()).unwrap();
            assert_eq!(back, action);
        }
    }

    #[test]
    fn typed_rows_are_written_as_the_documented_object_and_read_back_as_they_were() {
        let typed = Respool::from_value(&respool()).unwrap();
        for (action, given) in [
            (Action::respool_row(typed.clone()), Action::respool(respool()).unwrap()),
            (
                Action::schedule_row("2016-10-10 15:00:00", typed.clone()).unwrap(),
                Action::schedule("2016-10-10 15:00:00", respool()).unwrap(),
            ),
        ] {
            assert_eq!(action.to_json(), given.to_json());
            let (View::Respool { row } | View::Schedule { row, .. }) = action.view() else { panic!("a row") };
            assert_eq!(row.respool().unwrap(), typed);
            let (View::Respool { row } | View::Schedule { row, .. }) = given.view() else { panic!("a row") };
            assert_eq!(row.respool().unwrap(), typed);
        }
        assert!(Action::schedule_row("2016-02-30 15:00:00", typed).is_err());
        // An object with only the portal's two keys is no documented row.
        let bare = Action::respool(json!({"campaign": "C->", "destination": "091"})).unwrap();
        let View::Respool { row } = bare.view() else { panic!("respool") };
        assert_eq!(row.respool().unwrap_err().code(), "INVALID_ARGUMENT");
    }

    #[test]
    fn invalid_fields_are_named() {
        let cases: Vec<(Result<Action>, &str)> = vec![
            (Action::call("", "1001", "091"), "campaign"),
            (Action::call("C->", "abc", "091"), "callerid"),
            (Action::call("C->", "1001", ""), "destination"),
            (Action::call_with_phone("091;1", "C->"), "destination"),
            (Action::tag("not-a-guid", "m"), "guid"),
            (Action::tag(GUID, ""), "message"),
            (Action::respool(json!([1])), "objetoRespool"),
            (Action::respool(json!({"campaign": "C->"})), "objetoRespool"),
            (Action::schedule("2016-10-10T15:00:00", respool()), "callDate"),
            (Action::schedule("2016-02-30 15:00:00", respool()), "callDate"),
            (Action::sms(" ", "m", "091"), "campaign"),
            (Action::sms("SMS->", "", "091"), "message"),
            (Action::sms("SMS->", "a\u{7}b", "091"), "message"),
            (Action::sms("SMS->", "m", "abc"), "destination"),
        ];
        for (r, field) in cases {
            match r {
                Err(Error::InvalidArgument { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn from_data_rejects_foreign_shapes() {
        for bad in [
            json!(null),
            json!("call"),
            json!({}),
            json!({"action": "dial"}),
            json!({"action": 1}),
            json!({"action": "hangup", "extra": 1}),
            json!({"action": "call", "campaign": 5, "callerid": "1", "destination": "2"}),
            json!({"action": "sms", "campaign": "C->", "message": "m"}),
            json!({"action": "sms", "campaign": "C->", "message": "m", "destination": "091", "agent": "a"}),
        ] {
            assert!(Action::from_data(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_round_trip() {
        for a in ActionName::ALL {
            assert_eq!(ActionName::parse(a.as_str()), Some(a));
        }
        assert_eq!(ActionName::parse("cti"), None);
    }
}
