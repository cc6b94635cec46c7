//! The "API Omnichannel" page: WhatsApp and SMS messages to a customer.
//!
//! | endpoint                 | form                                                  | answer            |
//! |--------------------------|-------------------------------------------------------|-------------------|
//! | `SMS/SendSMS`            | `destination`, `message`, `campaign`, `agent`, `source` | `OK` / `ERROR`  |
//! | `SMS/SendSMSv2`          | the same                                              | `{ id:"…" }`      |
//! | `SMS/ScheduleDialerSMS`  | `sms`: JSON `{calldate, campaign, destination, data}` | `1`               |
//!
//! A send is never repeated by the client ([`RetryPolicy::Never`]): the message may have gone
//! out, and sending it twice reaches the customer twice.
//!
//! What the page leaves open, decided here (the package README lists these as decisions):
//! - **Which fields are required**: `destination`, `message` and `campaign`; `agent` and
//!   `source` may be empty (the page describes all five, and marks none as optional).
//! - **Failure words**: `ERROR` (and the Portuguese page's `ERRO`) and Integra's usual `0` are
//!   [`Error::Refused`]; any other body is [`Error::BadResponse`].
//! - **SendSMSv2's answer** is shown as `{ id:"{smsId}" }`, which is not JSON (the key is
//!   unquoted; one page closes the value with a typographic quote). Strict JSON
//!   `{"id":"…"}` (a number id too) and that spelling are both read; the id is kept as text.
//! - **ScheduleDialerSMS's failure** is not documented; `0` is read as for
//!   `Dialers/ScheduleDialerCall`: [`Error::Refused`].

use crate::error::{Error, Result};

use crate::json::{self, Map, Value};
use crate::validate;

use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::{check_status, expect_one, is_refusal, unexpected};
use super::request::{Response, RetryPolicy};

/// Longest id SendSMSv2's answer may carry.
const MAX_ID: usize = 256;

/// The five fields of `SMS/SendSMS` and `SMS/SendSMSv2`, in the documented order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SmsMessage {
    /// The customer's number.
    pub destination: String,
    /// The text.
    pub message: String,
    /// The (outbound) WhatsApp/SMS campaign.
    pub campaign: String,
    /// The sending agent; may be empty.
    pub agent: String,
    /// The caller id or port the message goes out from; may be empty.
    pub source: String,
}

impl SmsMessage {
    fn check(&self) -> Result<()> {
        validate::phone("destination", &self.destination)?;
        validate::message_text("message", &self.message)?;
        validate::required_text("campaign", &self.campaign)?;
        validate::optional_text("agent", &self.agent)?;
        validate::optional_text("source", &self.source)
    }

    fn write(&self, out: &mut Form) {
        out.push("destination", self.destination.as_str())
            .push("message", self.message.as_str())
            .push("campaign", self.campaign.as_str())
            .push("agent", self.agent.as_str())
            .push("source", self.source.as_str());
    }
}

/// `true` for the words the page documents for a failed send (`ERROR`; `ERRO` in Portuguese),
/// or Integra's usual `0`.
fn is_send_refusal(body: &str) -> bool {
    is_refusal(body) || matches!(body, "ERROR" | "ERRO" | "\"ERROR\"" | "\"ERRO\"")
}

/// `POST SMS/SendSMS` → `()`: `OK`, or `ERROR` ([`Error::Refused`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendSms(pub SmsMessage);

impl Endpoint for SendSms {
    type Output = ();
    const PATH: &'static str = "SMS/SendSMS";
    const NAME: &'static str = "SendSMS";
    const IDEMPOTENT: bool = false;
    const RETRY: RetryPolicy = RetryPolicy::Never;

    fn validate(&self) -> Result<()> {
        self.0.check()
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        self.0.write(out);
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        let body = check_status(Self::NAME, resp)?;
        if matches!(body, "OK" | "\"OK\"") {
            Ok(())
        } else if is_send_refusal(body) {
            Err(Error::Refused { endpoint: Self::NAME })
        } else {
            Err(unexpected(Self::NAME, "expected `OK` or `ERROR`", body))
        }
    }
}

/// `POST SMS/SendSMSv2` → the message's id, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendSmsV2(pub SmsMessage);

impl Endpoint for SendSmsV2 {
    type Output = String;
    const PATH: &'static str = "SMS/SendSMSv2";
    const NAME: &'static str = "SendSMSv2";
    const IDEMPOTENT: bool = false;
    const RETRY: RetryPolicy = RetryPolicy::Never;

    fn validate(&self) -> Result<()> {
        self.0.check()
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        self.0.write(out);
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<String> {
        let body = check_status(Self::NAME, resp)?;
        if is_send_refusal(body) {
            return Err(Error::Refused { endpoint: Self::NAME });
        }
        sms_id(body).ok_or_else(|| unexpected(Self::NAME, "expected `{ id:\"…\" }` or `ERROR`", body))
    }
}

/// The id of a SendSMSv2 answer: `{"id":"…"}` or `{"id":123}` as JSON, or the documented
/// `{ id:"…" }` (key unquoted, value in straight or typographic quotes). `None` for anything
/// else, an empty id, or one with control characters or longer than [`MAX_ID`] bytes.
pub(crate) fn sms_id(body: &str) -> Option<String> {
    let id = match json::parse(body) {
        Ok(Value::Object(m)) if m.len() == 1 => match m.get("id")? {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.as_str().into(),
            _ => return None,
        },
        Ok(_) => return None,
        Err(_) => loose_id(body)?.into(),
    };
    let ok = !id.trim().is_empty() && id.len() <= MAX_ID && !id.chars().any(char::is_control);
    ok.then_some(id)
}

/// `{ id:"…" }` as the vendor's pages print it: one member, the key `id` bare or quoted, the
/// value in `"…"` or typographic quotes (`“…”`, or closed by `”`/`"` whichever opened it).
fn loose_id(body: &str) -> Option<&str> {
    let inner = body.trim().strip_prefix('{')?.strip_suffix('}')?;
    let (key, value) = crate::text::split_once_byte(inner, b':')?;
    let key = key.trim();
    if key != "id" && key != "\"id\"" {
        return None;
    }
    let value = value.trim();
    let open = value.chars().next()?;
    if !matches!(open, '"' | '“' | '”') {
        return None;
    }
    let rest = value.get(open.len_utf8()..)?;
    let close = rest.chars().last()?;
    if !matches!(close, '"' | '“' | '”') {
        return None;
    }
    let id = rest.get(..rest.len() - close.len_utf8())?;
    (!id.contains(['"', '“', '”'])).then_some(id)
}

/// `POST SMS/ScheduleDialerSMS` → `1`: a message for the SMS dialer to send at `calldate`.
///
/// The one form field `sms` holds JSON with the keys, in order: `calldate`, `campaign`,
/// `destination`, `data` (the text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleDialerSms {
    /// When to send, `YYYY-MM-DD HH:MM:SS` (the instance's time; the page names no zone).
    pub calldate: String,
    /// The SMS dialer campaign (`Ventas->` in the page's sample).
    pub campaign: String,
    /// The customer's number.
    pub destination: String,
    /// The text.
    pub data: String,
}

impl ScheduleDialerSms {
    /// The `sms` object, every field a string, in the documented order.
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(4);
        m.push_new("calldate", self.calldate.as_str());
        m.push_new("campaign", self.campaign.as_str());
        m.push_new("destination", self.destination.as_str());
        m.push_new("data", self.data.as_str());
        Value::Object(m)
    }
}

impl Endpoint for ScheduleDialerSms {
    type Output = ();
    const PATH: &'static str = "SMS/ScheduleDialerSMS";
    const NAME: &'static str = "ScheduleDialerSMS";
    const IDEMPOTENT: bool = false;
    const RETRY: RetryPolicy = RetryPolicy::Never;

    fn validate(&self) -> Result<()> {
        validate::datetime("calldate", &self.calldate)?;
        validate::required_text("campaign", &self.campaign)?;
        validate::phone("destination", &self.destination)?;
        validate::message_text("data", &self.data)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("sms", self.to_value().to_json());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        expect_one(Self::NAME, resp)
    }
}

/// The agent-scoped calls' answer, which their page does not show: an empty body, `1` or `OK`
/// is done; `0` or `ERROR` is [`Error::Refused`]; anything else [`Error::BadResponse`].
fn agent_done(endpoint: &'static str, resp: &Response) -> Result<()> {
    let body = check_status(endpoint, resp)?;
    if matches!(body, "" | "1" | "\"1\"" | "OK" | "\"OK\"") {
        Ok(())
    } else if is_send_refusal(body) {
        Err(Error::Refused { endpoint })
    } else {
        Err(unexpected(endpoint, "expected an empty body, `1` or `0`", body))
    }
}

/// `POST api/AgentLogoff` (the Agent API, with the agent's own token): logs the agent off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentLogoff {
    /// The agent's user name.
    pub agent: String,
    /// The agent's interface, e.g. `SIP/9999` (the `callerid` of the agent's login).
    pub interface: String,
    /// A note kept with the logoff; may be empty.
    pub message: String,
}

impl Endpoint for AgentLogoff {
    type Output = ();
    const PATH: &'static str = "api/AgentLogoff";
    const NAME: &'static str = "AgentLogoff";
    const IDEMPOTENT: bool = false;
    const RETRY: RetryPolicy = RetryPolicy::Never;

    fn validate(&self) -> Result<()> {
        validate::required_text("agent", &self.agent)?;
        validate::required_text("interface", &self.interface)?;
        validate::optional_text("message", &self.message)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("agent", self.agent.as_str())
            .push("interface", self.interface.as_str())
            .push("message", self.message.as_str());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        agent_done(Self::NAME, resp)
    }
}

/// `POST api/AgentUnBreak` (the Agent API, with the agent's own token): ends the agent's break.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentUnBreak {
    /// The agent's user name.
    pub agent: String,
    /// The agent's interface, e.g. `SIP/9999`.
    pub interface: String,
    /// The break's name, as configured in uContact.
    pub motive: String,
    /// A note; may be empty.
    pub message: String,
}

impl Endpoint for AgentUnBreak {
    type Output = ();
    const PATH: &'static str = "api/AgentUnBreak";
    const NAME: &'static str = "AgentUnBreak";
    const IDEMPOTENT: bool = false;
    const RETRY: RetryPolicy = RetryPolicy::Never;

    fn validate(&self) -> Result<()> {
        validate::required_text("agent", &self.agent)?;
        validate::required_text("interface", &self.interface)?;
        validate::required_text("motive", &self.motive)?;
        validate::optional_text("message", &self.message)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("agent", self.agent.as_str())
            .push("interface", self.interface.as_str())
            .push("motive", self.motive.as_str())
            .push("message", self.message.as_str());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        agent_done(Self::NAME, resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::RestError;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    fn message() -> SmsMessage {
        SmsMessage {
            destination: "+598 98 344 484".into(),
            message: "Su pedido sale hoy: 10% off".into(),
            campaign: "WhatsApp->".into(),
            agent: "Vcisneros".into(),
            source: "24008000".into(),
        }
    }

    #[test]
    fn send_requests_carry_the_five_fields_in_order_and_are_never_retried() {
        let v1 = build(&SendSms(message()), Some(&token())).unwrap();
        let v2 = build(&SendSmsV2(message()), Some(&token())).unwrap();
        assert_eq!(v1.path(), "SMS/SendSMS");
        assert_eq!(v2.path(), "SMS/SendSMSv2");
        for req in [&v1, &v2] {
            assert_eq!(req.form().names(), ["destination", "message", "campaign", "agent", "source"]);
            assert_eq!(
                req.body(),
                "destination=%2B598+98+344+484&message=Su+pedido+sale+hoy%3A+10%25+off&campaign=WhatsApp-%3E&agent=Vcisneros&source=24008000"
            );
            assert_eq!(req.authorization().unwrap(), format!("Basic {}", token().expose()));
            assert!(!req.idempotent());
            assert_eq!(req.retry, RetryPolicy::Never);
        }
        // `agent` and `source` may be empty; the other three may not.
        let bare = SmsMessage { agent: String::new(), source: String::new(), ..message() };
        assert!(build(&SendSmsV2(bare), Some(&token())).is_ok());
        type Edit = fn(&mut SmsMessage);
        let table: [(&str, Edit); 5] = [
            ("destination", |m| m.destination = "abc".into()),
            ("message", |m| m.message = " ".into()),
            ("campaign", |m| m.campaign = String::new()),
            ("agent", |m| m.agent = "a\nb".into()),
            ("source", |m| m.source = "a\u{0}".into()),
        ];
        // A message may run over several lines.
        let lines = SmsMessage { message: "Hola\r\nLínea 2\tfin".into(), ..message() };
        assert!(build(&SendSmsV2(lines), Some(&token())).is_ok());
        for (field, edit) in table {
            let mut m = message();
            edit(&mut m);
            match build(&SendSmsV2(m), Some(&token())) {
                Err(Error::InvalidArgument { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn send_sms_answers() {
        let ep = SendSms(message());
        assert_eq!(ep.parse(&Response::new(200, "OK\n")), Ok(()));
        for refused in ["ERROR", "ERRO", "0", "\"ERROR\""] {
            assert_eq!(
                ep.parse(&Response::new(200, refused)),
                Err(Error::Refused { endpoint: "SendSMS" }),
                "{refused}"
            );
        }
        assert!(matches!(ep.parse(&Response::new(200, "ok")), Err(Error::Rest(RestError::BadResponse { .. }))));
        assert_common_errors(&ep, "SendSMS");
    }

    #[test]
    fn send_sms_v2_reads_the_documented_spelling_and_strict_json() {
        let ep = SendSmsV2(message());
        for (body, id) in [
            (r#"{ id:"8f2c-11" }"#, "8f2c-11"),
            (r#"{id:"42"}"#, "42"),
            ("{ id:\"a1b2”}", "a1b2"),
            ("{ id:“a1b2” }", "a1b2"),
            (r#"{"id":"8f2c-11"}"#, "8f2c-11"),
            (r#"{"id":1234567}"#, "1234567"),
            (" {\"id\" : \"x y\"}\n", "x y"),
        ] {
            assert_eq!(ep.parse(&Response::new(200, body)).as_deref(), Ok(id), "{body}");
        }
        for refused in ["ERROR", "0"] {
            assert_eq!(ep.parse(&Response::new(200, refused)), Err(Error::Refused { endpoint: "SendSMSv2" }));
        }
        for bad in [
            "",
            "OK",
            "{}",
            r#"{ id:"" }"#,
            r#"{ id: 12 }"#,
            r#"{ guid:"1" }"#,
            r#"{"id":"1","x":2}"#,
            r#"{"id":null}"#,
            r#"["1"]"#,
            r#"{ id:"a"b" }"#,
            "{ id:\"a\u{1}\" }",
        ] {
            assert!(
                matches!(ep.parse(&Response::new(200, bad)), Err(Error::Rest(RestError::BadResponse { .. }))),
                "{bad:?}"
            );
        }
        let long = format!("{{ id:\"{}\" }}", "9".repeat(MAX_ID + 1));
        assert!(matches!(ep.parse(&Response::new(200, long)), Err(Error::Rest(RestError::BadResponse { .. }))));
        assert_common_errors(&ep, "SendSMSv2");
    }

    #[test]
    fn schedule_dialer_sms_sends_one_json_field() {
        let ep = ScheduleDialerSms {
            calldate: "2015-10-11 15:00:00".into(),
            campaign: "Ventas->".into(),
            destination: "098344484".into(),
            data: "Message".into(),
        };
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!(req.path(), "SMS/ScheduleDialerSMS");
        assert_eq!(req.form().names(), ["sms"]);
        assert_eq!(
            req.form().get("sms"),
            Some(
                r#"{"calldate":"2015-10-11 15:00:00","campaign":"Ventas->","destination":"098344484","data":"Message"}"#
            )
        );
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "ScheduleDialerSMS" }));
        assert!(matches!(ep.parse(&Response::new(200, "OK")), Err(Error::Rest(RestError::BadResponse { .. }))));
        assert_common_errors(&ep, "ScheduleDialerSMS");
        for (field, edit) in [
            ("calldate", ScheduleDialerSms { calldate: "2015-10-11T15:00".into(), ..ep.clone() }),
            ("campaign", ScheduleDialerSms { campaign: String::new(), ..ep.clone() }),
            ("destination", ScheduleDialerSms { destination: "x".into(), ..ep.clone() }),
            ("data", ScheduleDialerSms { data: String::new(), ..ep.clone() }),
        ] {
            match build(&edit, Some(&token())) {
                Err(Error::InvalidArgument { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn agent_api_calls() {
        let logoff = AgentLogoff { agent: "ag1".into(), interface: "SIP/9999".into(), message: String::new() };
        let req = build(&logoff, Some(&token())).unwrap();
        assert_eq!((req.path(), req.body()), ("api/AgentLogoff", "agent=ag1&interface=SIP%2F9999&message=".into()));
        let unbreak = AgentUnBreak {
            agent: "ag1".into(),
            interface: "SIP/9999".into(),
            motive: "Almuerzo".into(),
            message: "vuelvo".into(),
        };
        let req = build(&unbreak, Some(&token())).unwrap();
        assert_eq!(
            (req.path(), req.body()),
            ("api/AgentUnBreak", "agent=ag1&interface=SIP%2F9999&motive=Almuerzo&message=vuelvo".into())
        );
        for body in ["", "1", "OK"] {
            assert_eq!(logoff.parse(&Response::new(200, body)), Ok(()), "{body:?}");
            assert_eq!(unbreak.parse(&Response::new(200, body)), Ok(()), "{body:?}");
        }
        assert_eq!(logoff.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "AgentLogoff" }));
        assert_eq!(unbreak.parse(&Response::new(200, "ERROR")), Err(Error::Refused { endpoint: "AgentUnBreak" }));
        assert!(matches!(unbreak.parse(&Response::new(200, "maybe")), Err(Error::Rest(RestError::BadResponse { .. }))));
        assert_common_errors(&logoff, "AgentLogoff");
        assert_common_errors(&unbreak, "AgentUnBreak");
        let no_motive = AgentUnBreak { motive: " ".into(), ..unbreak };
        assert!(matches!(build(&no_motive, Some(&token())), Err(Error::InvalidArgument { field: "motive", .. })));
        assert_eq!(build(&logoff, None).unwrap_err(), Error::Rest(RestError::Unauthorized));
    }
}
