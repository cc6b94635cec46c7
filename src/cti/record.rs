//! The CTI record: the interaction the agent is handling, as the portal keeps it.
//!
//! Shape (seen in v5 forms): a JSON object with PascalCase keys `Guid`, `Screen`, `Form`,
//! `Campaign`, `Callerid`, `ParAndValues` (`k=v:k=v`), `Beep`, `Answer`, and `Channel` only for
//! non-voice interactions. The portal's `CTI` reply may be that object or a string of JSON; the
//! legacy global `CTI` is a string. Decisions:
//!
//! - Keys are matched ignoring ASCII case; two keys that differ only in case are refused as
//!   ambiguous (only for the keys this module reads).
//! - `Guid` is required (text, not empty): every interaction has one and tagging and
//!   dispositions need it. Its format is not checked, since non-voice channels may use other ids.
//! - Text fields accept JSON strings or numbers; `null` is the same as absent.
//! - Booleans accept JSON booleans, `"TRUE"`/`"FALSE"` in any case, `"1"`/`"0"` and 1/0;
//!   absent means `false`. Anything else is an error, not a guess.
//! - The dialer row, if any, is read as described in [`super::dialer`].
//! - The record is kept whole: [`Cti::to_value`] and [`Cti::to_json`] give back every key in its
//!   original order and value, and [`Cti::extra`] lists the keys this module does not read. The
//!   record is read-only; edits go through [`super::Respool`].

use crate::cat;
use crate::json::{self, Map, Value};
use alloc::borrow::ToOwned;
use alloc::string::String;

use super::data::DataParams;
use super::dialer::{self, Dialer, Layout, DIALER_KEYS, NESTED_KEY};
use super::fields::{self, bad};
use crate::error::Result;

/// The interaction keys, lowercase.
const INTERACTION_KEYS: [&str; 9] =
    ["guid", "screen", "form", "campaign", "callerid", "parandvalues", "beep", "answer", "channel"];

/// A decoded CTI record.
#[derive(Clone, Debug, PartialEq)]
pub struct Cti {
    raw: Map,
    guid: String,
    screen: Option<String>,
    form: Option<String>,
    campaign: Option<String>,
    callerid: Option<String>,
    par_and_values: DataParams,
    beep: bool,
    answer: bool,
    channel: Option<String>,
    dialer: Option<Dialer>,
    extra: Map,
}

/// The interaction fields of a record, borrowed from it and checked.
struct Interaction<'a> {
    screen: Option<&'a str>,
    form: Option<&'a str>,
    campaign: Option<&'a str>,
    callerid: Option<&'a str>,
    beep: bool,
    answer: bool,
    channel: Option<&'a str>,
}

impl<'a> Interaction<'a> {
    fn read(raw: &'a Map) -> Result<Self> {
        Ok(Self {
            screen: fields::opt_text(raw, "screen")?,
            form: fields::opt_text(raw, "form")?,
            campaign: fields::opt_text(raw, "campaign")?,
            callerid: fields::opt_text(raw, "callerid")?,
            beep: fields::flag(raw, "beep")?,
            answer: fields::flag(raw, "answer")?,
            channel: fields::opt_text(raw, "channel")?,
        })
    }
}

/// Whether `text` has the form of a sealed envelope, `ucb<digits>.` (of any version).
pub fn is_sealed(text: &str) -> bool {
    let Some(rest) = text.trim_start().strip_prefix("ucb") else { return false };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && rest.as_bytes().get(digits) == Some(&b'.')
}

/// The largest record text read, plain or sealed, wherever it comes from (the portal's reply,
/// storage, the legacy global, a caller): 1 MiB. Real records are a few kilobytes; the
/// portal's own messages are bounded the same.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// [`Error::BadJson`](crate::error::Error::BadJson) for a record text over [`MAX_RECORD_BYTES`].
pub(crate) fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_RECORD_BYTES {
        return Err(bad("the CTI record is larger than 1 MiB"));
    }
    Ok(())
}

impl Cti {
    /// Parses JSON text holding the record object, or a JSON string whose content is the record
    /// object (one level of string wrapping, as the portal and the legacy global deliver it).
    /// Text over [`MAX_RECORD_BYTES`] is refused unread.
    pub fn from_json_str(text: &str) -> Result<Self> {
        check_size(text)?;
        let value = json::parse(text).map_err(|e| bad(cat!["the CTI record is not JSON (", e.describe(), ")"]))?;
        Self::from_value(value)
    }

    /// Reads stored plain text: trimmed, the record object or a JSON string holding it. Empty
    /// text is [`Error::NotFound`](crate::error::Error::NotFound); a sealed envelope
    /// (`ucb<n>.…`) cannot be read without a key ([`Error::BadKey`](crate::error::Error::BadKey)).
    pub fn from_stored_text(input: &str) -> Result<Self> {
        let text = input.trim();
        if text.is_empty() {
            return Err(crate::error::Error::NotFound { reason: "the record text is empty" });
        }
        if is_sealed(text) {
            return Err(crate::error::Error::BadKey { reason: "the record is encrypted but no key is configured" });
        }
        Self::from_json_str(text)
    }

    /// Reads the record from an already parsed value: an object, or a string of JSON object.
    pub fn from_value(value: Value) -> Result<Self> {
        match value {
            Value::Object(map) => Self::from_map(map),
            Value::String(inner) => match json::parse(&inner) {
                Ok(Value::Object(map)) => Self::from_map(map),
                Ok(_) => Err(bad("the CTI string does not hold a JSON object")),
                Err(e) => Err(bad(cat!["the CTI string is not JSON (", e.describe(), ")"])),
            },
            _ => Err(bad("the CTI record is not a JSON object")),
        }
    }

    /// Reads the record from a JSON object.
    pub fn from_map(raw: Map) -> Result<Self> {
        // Checks first, on borrowed values, in the order the errors are reported; the owned
        // fields are made once nothing can fail (an error path then has little to drop).
        let guid = fields::opt_text(&raw, "guid")?.filter(|g| !g.trim().is_empty());
        let Some(guid) = guid else { return Err(bad("the CTI record has no `Guid`")) };
        let par_and_values = match fields::present(&raw, "parandvalues")? {
            Some((_, Value::String(s))) => s.as_str(),
            Some((key, _)) => return Err(bad(cat!["`", key, "` is not a `k=v:k=v` string"])),
            None => "",
        };
        let located = dialer::locate(&raw)?;
        let i = Interaction::read(&raw)?;
        let consumed = |key: &str| {
            INTERACTION_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k))
                || match located.as_ref().map(|(_, layout)| *layout) {
                    Some(Layout::Nested) => key.eq_ignore_ascii_case(NESTED_KEY),
                    Some(Layout::Flat) => DIALER_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)),
                    None => false,
                }
        };
        let extra = raw.iter().filter(|(k, _)| !consumed(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
        let owned = |s: Option<&str>| s.map(str::to_owned);
        Ok(Self {
            guid: guid.to_owned(),
            screen: owned(i.screen),
            form: owned(i.form),
            campaign: owned(i.campaign),
            callerid: owned(i.callerid),
            par_and_values: DataParams::parse(par_and_values),
            beep: i.beep,
            answer: i.answer,
            channel: owned(i.channel),
            dialer: located.map(|(d, _)| d),
            extra,
            raw,
        })
    }

    /// The interaction id.
    pub fn guid(&self) -> &str {
        &self.guid
    }
    /// The screen (popup) the portal opened for the interaction.
    pub fn screen(&self) -> Option<&str> {
        self.screen.as_deref()
    }
    /// The form name or URL.
    pub fn form(&self) -> Option<&str> {
        self.form.as_deref()
    }
    /// The campaign the interaction belongs to.
    pub fn campaign(&self) -> Option<&str> {
        self.campaign.as_deref()
    }
    /// The caller's (or dialled) number or address.
    pub fn callerid(&self) -> Option<&str> {
        self.callerid.as_deref()
    }
    /// The interaction parameters from `ParAndValues`.
    pub fn par_and_values(&self) -> &DataParams {
        &self.par_and_values
    }
    /// Whether the portal beeps on the interaction.
    pub fn beep(&self) -> bool {
        self.beep
    }
    /// Whether the interaction was answered automatically.
    pub fn answer(&self) -> bool {
        self.answer
    }
    /// The channel (`whatsapp`, `email`, `webchat`, …); `None` for voice.
    pub fn channel(&self) -> Option<&str> {
        self.channel.as_deref()
    }
    /// `true` for a voice interaction (no channel, or an empty one).
    pub fn is_voice(&self) -> bool {
        self.channel.as_deref().is_none_or(|c| c.trim().is_empty())
    }
    /// The dialer row, for dialer calls.
    pub fn dialer(&self) -> Option<&Dialer> {
        self.dialer.as_ref()
    }
    /// The keys this module does not read, in their original order.
    pub fn extra(&self) -> &Map {
        &self.extra
    }
    /// The whole record as received.
    pub fn to_value(&self) -> Value {
        Value::Object(self.raw.clone())
    }
    /// The whole record as received, as JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        json::write::object(&self.raw, &mut out);
        out
    }

    /// The whole record as received.
    pub fn raw(&self) -> &Map {
        &self.raw
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;

    const VOICE: &str = r#"{"Guid":"7e4e7db9-f080-494e-b04b-7c8e47711558","Screen":"ventas","Form":"FormVentas","Campaign":"Ventas<-","Callerid":"098344484","ParAndValues":"idcustomer=7:name=Seba","Beep":"TRUE","Answer":"FALSE","Agent":"Agente1","Zeta":[1,2]}"#;
    const DIALER_FLAT: &str = r#"{"Guid":"g-1","Campaign":"Ventas->","Callerid":"098344484","ParAndValues":"","Beep":"false","Answer":"true","destination":"098344484","dialerbase":"basetest","status":1,"data":"Par1=Val1:Par2=Val2","alternatives":"098124484:099121212","contact":222,"retries":"3","priority":9999,"agentphone":"1001","Queue":"x"}"#;
    const DIALER_NESTED: &str = r#"{"guid":"g-2","campaign":"Ventas->","Dialer":{"Destination":"091000000","DialerBase":"b","Status":"1","Data":"a=1","Alternatives":"","Contact":"222","Retries":0,"Priority":"5","AgentPhone":"","RowId":9}}"#;
    const WHATSAPP: &str = r#"{"Guid":"w-1","Campaign":"WA<-","Callerid":"59891000000","Channel":"whatsapp","ParAndValues":"","Beep":"FALSE","Answer":"TRUE"}"#;
    const EMAIL: &str = r#"{"GUID":"e-1","CAMPAIGN":"Mail<-","CALLERID":"client@example.com","CHANNEL":"email","BEEP":true,"ANSWER":0}"#;

    struct Row {
        name: &'static str,
        json: &'static str,
        guid: &'static str,
        campaign: Option<&'static str>,
        channel: Option<&'static str>,
        beep: bool,
        answer: bool,
        dialer_destination: Option<&'static str>,
        extra: &'static [&'static str],
    }

    #[test]
    fn table() {
        let rows = [
            Row {
                name: "voice",
                json: VOICE,
                guid: "7e4e7db9-f080-494e-b04b-7c8e47711558",
                campaign: Some("Ventas<-"),
                channel: None,
                beep: true,
                answer: false,
                dialer_destination: None,
                extra: &["Agent", "Zeta"],
            },
            Row {
                name: "dialer flat",
                json: DIALER_FLAT,
                guid: "g-1",
                campaign: Some("Ventas->"),
                channel: None,
                beep: false,
                answer: true,
                dialer_destination: Some("098344484"),
                extra: &["Queue"],
            },
            Row {
                name: "dialer nested",
                json: DIALER_NESTED,
                guid: "g-2",
                campaign: Some("Ventas->"),
                channel: None,
                beep: false,
                answer: false,
                dialer_destination: Some("091000000"),
                extra: &[],
            },
            Row {
                name: "whatsapp",
                json: WHATSAPP,
                guid: "w-1",
                campaign: Some("WA<-"),
                channel: Some("whatsapp"),
                beep: false,
                answer: true,
                dialer_destination: None,
                extra: &[],
            },
            Row {
                name: "email",
                json: EMAIL,
                guid: "e-1",
                campaign: Some("Mail<-"),
                channel: Some("email"),
                beep: true,
                answer: false,
                dialer_destination: None,
                extra: &[],
            },
        ];
        for r in rows {
            for cti in [Cti::from_json_str(r.json).unwrap(), Cti::from_value(Value::String(r.json.into())).unwrap()] {
                assert_eq!(cti.guid(), r.guid, "{}", r.name);
                assert_eq!(cti.campaign(), r.campaign, "{}", r.name);
                assert_eq!(cti.channel(), r.channel, "{}", r.name);
                assert_eq!(cti.is_voice(), r.channel.is_none(), "{}", r.name);
                assert_eq!((cti.beep(), cti.answer()), (r.beep, r.answer), "{}", r.name);
                assert_eq!(cti.dialer().map(Dialer::destination), r.dialer_destination, "{}", r.name);
                assert_eq!(cti.extra().keys().map(String::as_str).collect::<Vec<_>>(), r.extra, "{}", r.name);
                assert_eq!(cti.to_json(), r.json, "{}: lossless", r.name);
            }
        }
    }

    #[test]
    fn voice_fields() {
        let cti = Cti::from_json_str(VOICE).unwrap();
        assert_eq!(cti.screen(), Some("ventas"));
        assert_eq!(cti.form(), Some("FormVentas"));
        assert_eq!(cti.callerid(), Some("098344484"));
        assert_eq!(cti.par_and_values().get("name"), Some("Seba"));
        assert_eq!(cti.extra().get("Zeta"), Some(&json!([1, 2])));
    }

    #[test]
    fn dialer_rows() {
        let cti = Cti::from_json_str(DIALER_FLAT).unwrap();
        let d = cti.dialer().unwrap();
        assert_eq!(d.campaign(), "Ventas->");
        assert_eq!(d.dialerbase(), &json!("basetest"));
        assert_eq!(d.status(), &json!(1));
        assert_eq!(d.data().encode(), "Par1=Val1:Par2=Val2");
        assert_eq!(d.alternatives(), ["098124484", "099121212"]);
        assert_eq!(d.contact(), &json!(222));
        assert_eq!((d.retries(), d.priority(), d.agentphone()), (3, 9999, "1001"));

        let cti = Cti::from_json_str(DIALER_NESTED).unwrap();
        let d = cti.dialer().unwrap();
        assert_eq!(d.campaign(), "Ventas->", "falls back to the interaction campaign");
        assert_eq!(d.status(), &json!("1"));
        assert_eq!(d.contact(), &json!("222"));
        assert!(d.alternatives().is_empty());
        assert_eq!((d.retries(), d.priority()), (0, 5));
        assert_eq!(d.extra().keys().collect::<Vec<_>>(), ["RowId"]);

        let nested_string = json!({"Guid": "g", "dialer": r#"{"campaign":"C->","destination":"1","dialerbase":"b","status":1,"contact":2,"priority":3,"alternatives":["4", 5]}"#});
        let cti = Cti::from_value(nested_string).unwrap();
        assert_eq!(cti.dialer().unwrap().alternatives(), ["4", "5"]);
        assert_eq!(cti.dialer().unwrap().campaign(), "C->");
    }

    #[test]
    fn rejects_bad_records() {
        let bad_inputs = [
            "",
            "null",
            "[]",
            "42",
            r#""not json""#,
            r#""[1]""#,
            "{",
            r#"{"Campaign":"x"}"#,
            r#"{"Guid":""}"#,
            r#"{"Guid":{}}"#,
            r#"{"Guid":"g","guid":"h"}"#,
            r#"{"Guid":"g","Beep":"yes"}"#,
            r#"{"Guid":"g","ParAndValues":5}"#,
            // A dialer row that is present but incomplete or malformed.
            r#"{"Guid":"g","destination":"1"}"#,
            r#"{"Guid":"g","Campaign":"c","destination":"1","dialerbase":"b","status":1,"contact":2}"#,
            r#"{"Guid":"g","Campaign":"c","destination":"1:2","dialerbase":"b","status":1,"contact":2,"priority":3}"#,
            r#"{"Guid":"g","Campaign":"c","destination":"1","dialerbase":"b","status":[1],"contact":2,"priority":3}"#,
            r#"{"Guid":"g","Campaign":"c","destination":"1","dialerbase":"b","status":1,"contact":2,"priority":-3}"#,
            r#"{"Guid":"g","Campaign":7,"destination":"1","dialerbase":"b","status":1,"contact":2,"priority":3}"#,
            r#"{"Guid":"g","dialer":5}"#,
            r#"{"Guid":"g","dialer":"{nope"}"#,
        ];
        for input in bad_inputs {
            let e = Cti::from_json_str(input).unwrap_err();
            assert_eq!(e.code(), "BAD_JSON", "{input}");
        }
    }

    #[test]
    fn dialer_null_or_empty_means_no_nested_row() {
        for v in [json!(null), json!("")] {
            let cti = Cti::from_value(json!({"Guid": "g", "Dialer": v})).unwrap();
            assert!(cti.dialer().is_none());
            assert!(cti.extra().contains_key("Dialer"));
        }
    }
}
