//! The typed record handed to JavaScript (`CtiRecord` in the `.d.ts`): the fields this crate
//! reads, typed, plus `raw`, the record exactly as received.

use super::data::DataParams;
use super::record::Cti;
use crate::error::Result;
use crate::json::{Map, Value};

fn pairs(d: &DataParams) -> Value {
    Value::Array(d.pairs().map(|(k, v)| Value::Array(vec![k.into(), v.into()])).collect())
}

/// `{ guid, screen, form, campaign, callerid, parAndValues, beep, answer, channel, isVoice,
/// dialer, raw }`; `dialer` is `{ campaign, destination, dialerbase, status, data, alternatives,
/// contact, retries, priority, agentphone }` or `null`.
pub fn typed(c: &Cti) -> Value {
    let dialer = c.dialer().map(|d| {
        let mut m = Map::with_capacity(10);
        m.push_new("campaign", d.campaign());
        m.push_new("destination", d.destination());
        m.push_new("dialerbase", d.dialerbase().clone());
        m.push_new("status", d.status().clone());
        m.push_new("data", pairs(d.data()));
        m.push_new("alternatives", d.alternatives().to_vec());
        m.push_new("contact", d.contact().clone());
        m.push_new("retries", d.retries());
        m.push_new("priority", d.priority());
        m.push_new("agentphone", d.agentphone());
        Value::Object(m)
    });
    let mut m = Map::with_capacity(12);
    m.push_new("guid", c.guid());
    m.push_new("screen", c.screen());
    m.push_new("form", c.form());
    m.push_new("campaign", c.campaign());
    m.push_new("callerid", c.callerid());
    m.push_new("parAndValues", pairs(c.par_and_values()));
    m.push_new("beep", c.beep());
    m.push_new("answer", c.answer());
    m.push_new("channel", c.channel());
    m.push_new("isVoice", c.is_voice());
    m.push_new("dialer", dialer);
    m.push_new("raw", c.to_value());
    Value::Object(m)
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
        assert_eq!(typed(&c).to_json(), cat_expected(text));
        assert_eq!(from_reply(json!({"Guid": "g"})).unwrap().guid(), "g");
        assert_eq!(from_reply(json!(5)).unwrap_err().code(), "BAD_JSON");
        assert_eq!(from_reply(Value::String("{".into())).unwrap_err().code(), "BAD_JSON");
    }

    fn cat_expected(raw: &str) -> String {
        format!(
            r#"{{"guid":"g","screen":null,"form":null,"campaign":"C->","callerid":null,"parAndValues":[["a","1"],["b","2"]],"beep":true,"answer":false,"channel":null,"isVoice":true,"dialer":{{"campaign":"C->","destination":"091","dialerbase":"b","status":1,"data":[],"alternatives":[],"contact":7,"retries":0,"priority":5,"agentphone":""}},"raw":{raw}}}"#
        )
    }
}
