//! `api/DispositionCall`: records the outcome (disposition) of a finished call and runs the
//! dialer action configured for it (RESPOOL, RESPOOLALTERNATIVE, BLACKLIST, RESCHEDULE).
//!
//! All 13 form fields are always sent, in the documented order, the optional ones empty when not
//! set: `campaign`, `agent`, `callerid`, `guid`, `l1`, `l2`, `l3`, `d1`, `d2`, `comment`,
//! `schedule`, `camptoreschedule`, `tag`. (The vendor's code sample sends `d2` twice and no
//! `d1`; its parameter table and the endpoint summary both list `d1` then `d2`, which is what is
//! sent here.)
//!
//! Answers, as documented in different places: `1`, `"OK"`, or JSON
//! `{"Result":"ok","txtcode":…}` — all are success. `0` is [`Error::Refused`]. HTTP 400 carries
//! a message such as `Wrong parameters:  Empty campaign.` or
//! `Disposition not found for level1: …`, kept verbatim in [`Error::BadRequest`].

use crate::error::{Error, Result};

use crate::json::{self, Map, Value};
use crate::validate;

use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::{check_status, is_one, is_refusal, unexpected};
use super::request::Response;

/// `POST api/DispositionCall` → [`DispositionOutcome`].
///
/// Empty optional fields are sent empty. `Default` gives all-empty values, to fill with
/// `..Default::default()`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DispositionCall {
    /// Campaign name (required).
    pub campaign: String,
    /// Agent user name (required).
    pub agent: String,
    /// The contact's phone number (required; any text, as inbound caller IDs may be anonymous).
    pub callerid: String,
    /// The call's GUID (required).
    pub guid: String,
    /// Disposition level 1 (required).
    pub l1: String,
    /// Disposition level 2.
    pub l2: String,
    /// Disposition level 3.
    pub l3: String,
    /// Extra datum to store.
    pub d1: String,
    /// Extra datum to store.
    pub d2: String,
    /// Comment.
    pub comment: String,
    /// When the disposition's action is RESCHEDULE: the date-time `YYYY-MM-DD HH:MM:SS`.
    pub schedule: String,
    /// The dialer to reschedule the call in.
    pub camptoreschedule: String,
    /// Tag text; empty lets the server use `l1|l2|l3`.
    pub tag: String,
}

/// What a successful disposition answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DispositionOutcome {
    /// The `txtcode` of a JSON answer; a value that is not a string is given as its JSON text
    /// (a number as the server wrote it). `None` for `1`/`OK`, or a `null` or missing `txtcode`.
    pub txtcode: Option<String>,
}

impl DispositionOutcome {
    /// The outcome as a JSON object: `{ "txtcode": "…" }`, `null` when there is none.
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(1);
        m.push_new("txtcode", self.txtcode.as_deref());
        Value::Object(m)
    }
}

impl Endpoint for DispositionCall {
    type Output = DispositionOutcome;
    const PATH: &'static str = "api/DispositionCall";
    const NAME: &'static str = "DispositionCall";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        validate::required_text("campaign", &self.campaign)?;
        validate::required_text("agent", &self.agent)?;
        validate::required_text("callerid", &self.callerid)?;
        validate::guid("guid", &self.guid)?;
        validate::required_text("l1", &self.l1)?;
        for (field, value) in [
            ("l2", &self.l2),
            ("l3", &self.l3),
            ("d1", &self.d1),
            ("d2", &self.d2),
            ("comment", &self.comment),
            ("camptoreschedule", &self.camptoreschedule),
            ("tag", &self.tag),
        ] {
            validate::optional_text(field, value)?;
        }
        if !self.schedule.is_empty() {
            validate::datetime("schedule", &self.schedule)?;
        }
        Ok(())
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("campaign", self.campaign.as_str())
            .push("agent", self.agent.as_str())
            .push("callerid", self.callerid.as_str())
            .push("guid", self.guid.as_str())
            .push("l1", self.l1.as_str())
            .push("l2", self.l2.as_str())
            .push("l3", self.l3.as_str())
            .push("d1", self.d1.as_str())
            .push("d2", self.d2.as_str())
            .push("comment", self.comment.as_str())
            .push("schedule", self.schedule.as_str())
            .push("camptoreschedule", self.camptoreschedule.as_str())
            .push("tag", self.tag.as_str());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<DispositionOutcome> {
        const NAME: &str = DispositionCall::NAME;
        let body = check_status(NAME, resp)?;
        if is_one(body) || body.eq_ignore_ascii_case("ok") || body.eq_ignore_ascii_case("\"ok\"") {
            return Ok(DispositionOutcome::default());
        }
        if is_refusal(body) {
            return Err(Error::Refused { endpoint: NAME });
        }
        let Ok(Value::Object(obj)) = json::parse(body) else {
            return Err(unexpected(NAME, "expected `1`, `OK` or a JSON object with `Result`", body));
        };
        // Key and value compared case-insensitively: the docs write both `Result: ok` and `OK`.
        let field = |name: &str| obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v);
        let txtcode = field("txtcode").and_then(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_json()),
        });
        match field("Result") {
            Some(Value::String(r)) if r.eq_ignore_ascii_case("ok") => Ok(DispositionOutcome { txtcode }),
            Some(_) => Err(Error::Refused { endpoint: NAME }),
            None => Err(unexpected(NAME, "expected a `Result` key", body)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::RestError;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    fn sample() -> DispositionCall {
        DispositionCall {
            campaign: "campana->".into(),
            agent: "Vcisneros".into(),
            callerid: "1234567890".into(),
            guid: "f9b7ada3-a4e5-4795-834d-aa1c1a37ee57".into(),
            l1: "Tipificacion1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn request_matches_the_documented_body() {
        let req = build(&sample(), Some(&token())).unwrap();
        assert_eq!(req.path(), "api/DispositionCall");
        assert_eq!(
            req.body(),
            "campaign=campana-%3E&agent=Vcisneros&callerid=1234567890&guid=f9b7ada3-a4e5-4795-834d-aa1c1a37ee57\
             &l1=Tipificacion1&l2=&l3=&d1=&d2=&comment=&schedule=&camptoreschedule=&tag="
        );
        let full = DispositionCall {
            l2: "Sí señor".into(),
            l3: "x".into(),
            d1: "1".into(),
            d2: "2".into(),
            comment: "llamar luego".into(),
            schedule: "2019-02-26 13:45:00".into(),
            camptoreschedule: "Ventas->".into(),
            tag: "t".into(),
            ..sample()
        };
        let req = build(&full, Some(&token())).unwrap();
        assert_eq!(
            req.form().names(),
            [
                "campaign",
                "agent",
                "callerid",
                "guid",
                "l1",
                "l2",
                "l3",
                "d1",
                "d2",
                "comment",
                "schedule",
                "camptoreschedule",
                "tag"
            ]
        );
        assert!(req.body().contains("&l2=S%C3%AD+se%C3%B1or&"));
        assert!(req.body().contains("&schedule=2019-02-26+13%3A45%3A00&camptoreschedule=Ventas-%3E&tag=t"));
    }

    #[test]
    fn validation_names_the_field() {
        type Edit = fn(&mut DispositionCall);
        let table: [(&str, Edit); 7] = [
            ("campaign", |d| d.campaign.clear()),
            ("agent", |d| d.agent.clear()),
            ("callerid", |d| d.callerid.clear()),
            ("guid", |d| d.guid = "123".into()),
            ("l1", |d| d.l1.clear()),
            ("schedule", |d| d.schedule = "2019-02-30 10:00:00".into()),
            ("comment", |d| d.comment = "a\u{7}".into()),
        ];
        for (field, edit) in table {
            let mut d = sample();
            edit(&mut d);
            match build(&d, Some(&token())) {
                Err(Error::InvalidArgument { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn responses() {
        let d = sample();
        let ok = DispositionOutcome::default();
        for body in ["1", "\"1\"", "OK", "\"OK\"", "ok"] {
            assert_eq!(d.parse(&Response::new(200, body)), Ok(ok.clone()), "{body}");
        }
        assert_eq!(
            d.parse(&Response::new(200, "{\"Result\":\"ok\",\"txtcode\":\"A1\"}")),
            Ok(DispositionOutcome { txtcode: Some("A1".into()) })
        );
        assert_eq!(
            d.parse(&Response::new(200, "{\"result\":\"OK\",\"txtcode\":17}")),
            Ok(DispositionOutcome { txtcode: Some("17".into()) })
        );
        assert_eq!(d.parse(&Response::new(200, "{\"Result\":\"ok\"}")), Ok(ok));
        // Not strings: their JSON text. Numbers keep the server's text (serde_json printed its
        // float instead, `2.5` and `-0.0` here).
        for (body, txtcode) in [
            (r#"{"Result":"ok","txtcode":true}"#, "true"),
            (r#"{"Result":"ok","txtcode":2.50}"#, "2.50"),
            (r#"{"Result":"ok","txtcode":[1,"a\u0001",{"b":-0}]}"#, r#"[1,"a\u0001",{"b":-0}]"#),
        ] {
            assert_eq!(d.parse(&Response::new(200, body)), Ok(DispositionOutcome { txtcode: Some(txtcode.into()) }));
        }
        assert_eq!(
            d.parse(&Response::new(200, r#"{"Result":"ok","txtcode":null}"#)),
            Ok(DispositionOutcome::default())
        );
        for refused in ["0", "\"0\"", "{\"Result\":\"error\",\"txtcode\":\"x\"}"] {
            assert_eq!(
                d.parse(&Response::new(200, refused)),
                Err(Error::Refused { endpoint: "DispositionCall" }),
                "{refused}"
            );
        }
        for bad in ["", "{", "[]", "{\"txtcode\":1}", "done"] {
            assert_eq!(d.parse(&Response::new(200, bad)).unwrap_err().code(), "BAD_RESPONSE", "{bad}");
        }
        for msg in [
            "Wrong parameters:  Empty campaign.",
            "Wrong parameters: Empty callerid",
            "Wrong parameters: Empty guid",
            "Wrong parameters: Empty agent",
            "Wrong parameters: Empty value1",
            "Disposition not found for level1: Venta, level2:  level3: ",
            "The schedule date format is not well formed",
            "Wrong parameters: Empty schedule date.",
        ] {
            assert_eq!(
                d.parse(&Response::new(400, msg)),
                Err(Error::Rest(RestError::BadRequest { message: msg.trim().into() })),
                "{msg}"
            );
        }
        assert_common_errors(&d, "DispositionCall");
    }

    #[test]
    fn outcome_to_value() {
        // What the browser edge built with `json!({ "txtcode": self.txtcode })`.
        assert_eq!(DispositionOutcome::default().to_value().to_json(), r#"{"txtcode":null}"#);
        let o = DispositionOutcome { txtcode: Some("A\"1".into()) };
        assert_eq!(o.to_value().to_json(), r#"{"txtcode":"A\"1"}"#);
    }
}
