//! The typed record handed to JavaScript (`CtiRecord` in the `.d.ts`): the fields this crate
//! reads, typed, plus `raw`, the record exactly as received.

use super::data::DataParams;
use super::record::Cti;
use crate::error::Result;
use crate::json::{write, Value};
use alloc::string::String;

/// Writes the typed record's JSON straight from the record: no intermediate tree, nothing
/// cloned (`raw` is the record's own map, written once).
struct Out(String);

impl Out {
    fn key(&mut self, first: bool, k: &str) {
        self.0.push_str(if first { "{\"" } else { ",\"" });
        self.0.push_str(k);
        self.0.push_str("\":");
    }
    fn str(&mut self, s: &str) {
        write::string(s, &mut self.0);
    }
    fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.0.push_str("null"),
        }
    }
    fn bool(&mut self, b: bool) {
        self.0.push_str(if b { "true" } else { "false" });
    }
    fn uint(&mut self, n: u32) {
        crate::text::push_u64(&mut self.0, n.into());
    }
    fn pairs(&mut self, d: &DataParams) {
        self.0.push('[');
        for (i, (k, v)) in d.pairs().enumerate() {
            self.0.push_str(if i == 0 { "[" } else { ",[" });
            self.str(k);
            self.0.push(',');
            self.str(v);
            self.0.push(']');
        }
        self.0.push(']');
    }
}

/// `{ guid, screen, form, campaign, callerid, parAndValues, beep, answer, channel, isVoice,
/// dialer, raw }` as JSON text; `dialer` is `{ campaign, destination, dialerbase, status, data,
/// alternatives, contact, retries, priority, agentphone }` or `null`.
pub fn typed_json(c: &Cti) -> String {
    let mut o = Out(String::with_capacity(256));
    o.key(true, "guid");
    o.str(c.guid());
    o.key(false, "screen");
    o.opt(c.screen());
    o.key(false, "form");
    o.opt(c.form());
    o.key(false, "campaign");
    o.opt(c.campaign());
    o.key(false, "callerid");
    o.opt(c.callerid());
    o.key(false, "parAndValues");
    o.pairs(c.par_and_values());
    o.key(false, "beep");
    o.bool(c.beep());
    o.key(false, "answer");
    o.bool(c.answer());
    o.key(false, "channel");
    o.opt(c.channel());
    o.key(false, "isVoice");
    o.bool(c.is_voice());
    o.key(false, "dialer");
    match c.dialer() {
        None => o.0.push_str("null"),
        Some(d) => {
            o.key(true, "campaign");
            o.str(d.campaign());
            o.key(false, "destination");
            o.str(d.destination());
            o.key(false, "dialerbase");
            write::value(d.dialerbase(), &mut o.0);
            o.key(false, "status");
            write::value(d.status(), &mut o.0);
            o.key(false, "data");
            o.pairs(d.data());
            o.key(false, "alternatives");
            o.0.push('[');
            for (i, a) in d.alternatives().iter().enumerate() {
                if i > 0 {
                    o.0.push(',');
                }
                o.str(a);
            }
            o.0.push(']');
            o.key(false, "contact");
            write::value(d.contact(), &mut o.0);
            o.key(false, "retries");
            o.uint(d.retries());
            o.key(false, "priority");
            o.uint(d.priority());
            o.key(false, "agentphone");
            o.str(d.agentphone());
            o.0.push('}');
        }
    }
    o.key(false, "raw");
    write::object(c.raw(), &mut o.0);
    o.0.push('}');
    o.0
}

/// The portal's reply to the `CTI` action (a JSON string or an object) as a record; a
/// malformed one is `BAD_JSON`.
pub fn from_reply(reply: Value) -> Result<Cti> {
    match reply {
        Value::String(text) => Cti::from_stored_text(&text),
        other => Cti::from_value(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;

    #[test]
    fn the_typed_shape() {
        let text = r#"{"Guid":"g","Campaign":"C->","ParAndValues":"a=1:b=2","Beep":"TRUE","destination":"091","dialerbase":"b","status":1,"contact":7,"priority":5,"X":1.50}"#;
        let c = from_reply(Value::String(text.into())).unwrap();
        assert_eq!(typed_json(&c), cat_expected(text));
        assert_eq!(from_reply(json!({"Guid": "g"})).unwrap().guid(), "g");
        assert_eq!(from_reply(json!(5)).unwrap_err().code(), "BAD_JSON");
        assert_eq!(from_reply(Value::String("{".into())).unwrap_err().code(), "BAD_JSON");
    }

    /// The writer agrees with the accessors on awkward records: escapes, non-ASCII, voice and
    /// dialer rows, every JSON type where the row allows one, nested dialer objects.
    #[test]
    fn typed_json_is_json_and_agrees_with_the_record() {
        let records = [
            r#"{"Guid":"g\"1\\","Screen":"TRUE","Form":"f\u0001.html","Campaign":"Ñandú<-","Callerid":"+598 99","ParAndValues":"a=\u2028:b=c=d","Beep":"FALSE","Answer":"TRUE","Channel":"whatsapp"}"#,
            r#"{"Guid":"g2","Campaign":"D->","destination":"091","dialerbase":12,"status":"x","data":"k=v","alternatives":"1:2:3","contact":"c-9","retries":"4","priority":"9","agentphone":"1001","Extra":{"deep":[1,{"x":"y"}]}}"#,
            r#"{"Guid":"g3","Dialer":{"campaign":"E->","destination":"092","dialerbase":"b3","status":"1","contact":22,"priority":5},"Number":-0.5e10}"#,
        ];
        for text in records {
            let c = Cti::from_json_str(text).unwrap();
            let typed = crate::json::parse(&typed_json(&c)).unwrap();
            assert_eq!(typed.get("raw"), Some(&c.to_value()), "{text}");
            assert_eq!(typed.get("guid").and_then(Value::as_str), Some(c.guid()));
            assert_eq!(typed.get("campaign").and_then(Value::as_str), c.campaign());
            assert_eq!(typed.get("beep").and_then(Value::as_bool), Some(c.beep()));
            assert_eq!(typed.get("isVoice").and_then(Value::as_bool), Some(c.is_voice()));
            let pairs = typed.get("parAndValues").and_then(Value::as_array).unwrap();
            assert_eq!(pairs.len(), c.par_and_values().len());
            match (typed.get("dialer"), c.dialer()) {
                (Some(Value::Null), None) => {}
                (Some(d), Some(row)) => {
                    assert_eq!(d.get("destination").and_then(Value::as_str), Some(row.destination()));
                    assert_eq!(d.get("dialerbase"), Some(row.dialerbase()));
                    assert_eq!(d.get("status"), Some(row.status()));
                    assert_eq!(d.get("contact"), Some(row.contact()));
                    assert_eq!(d.get("retries").and_then(Value::as_u64), Some(row.retries().into()));
                    assert_eq!(
                        d.get("alternatives").and_then(Value::as_array).map(Vec::len),
                        Some(row.alternatives().len())
                    );
                }
                other => panic!("dialer mismatch {other:?} in {text}"),
            }
            assert_eq!(c.to_json(), c.to_value().to_json());
        }
    }

    fn cat_expected(raw: &str) -> String {
        format!(
            r#"{{"guid":"g","screen":null,"form":null,"campaign":"C->","callerid":null,"parAndValues":[["a","1"],["b","2"]],"beep":true,"answer":false,"channel":null,"isVoice":true,"dialer":{{"campaign":"C->","destination":"091","dialerbase":"b","status":1,"data":[],"alternatives":[],"contact":7,"retries":0,"priority":5,"agentphone":""}},"raw":{raw}}}"#
        )
    }
}
