//! Agent call control: `Agents/AgentCall`, `Agents/AgentCallwithData`, `Agents/HangupPhone`,
//! `Agents/TagRecord`.
//!
//! `AgentCall` is a two-step call: the agent's phone rings first, and when it answers (or
//! auto-answers) the destination is dialed. The answer is the new call's GUID, or `0`.

use crate::error::{Error, Result};

use crate::validate;

use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::{check_status, expect_one, is_one, is_refusal, unexpected};
use super::request::Response;

/// `POST Agents/AgentCall` → the call's GUID.
///
/// Form fields, in order: `callerid`, `agent`, `phone`, `tech`, `context`, `outqueue`,
/// `destination`. All are required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentCall {
    /// The DID assigned to the campaign the call goes out through.
    pub callerid: String,
    /// The agent who takes the call (user name).
    pub agent: String,
    /// The agent's phone or extension.
    pub phone: String,
    /// Signalling technology; usually `SIP`.
    pub tech: String,
    /// The agent's dialplan context configured in uContact (`agentes` or `agents`).
    pub context: String,
    /// The manual campaign the call is counted under.
    pub outqueue: String,
    /// The number to call.
    pub destination: String,
}

impl AgentCall {
    fn check(&self) -> Result<()> {
        validate::phone("callerid", &self.callerid)?;
        validate::required_text("agent", &self.agent)?;
        validate::phone("phone", &self.phone)?;
        validate::required_text("tech", &self.tech)?;
        validate::required_text("context", &self.context)?;
        validate::required_text("outqueue", &self.outqueue)?;
        validate::phone("destination", &self.destination)
    }

    fn write(&self, out: &mut Form) {
        out.push("callerid", self.callerid.as_str())
            .push("agent", self.agent.as_str())
            .push("phone", self.phone.as_str())
            .push("tech", self.tech.as_str())
            .push("context", self.context.as_str())
            .push("outqueue", self.outqueue.as_str())
            .push("destination", self.destination.as_str());
    }
}

/// Reads a call-creating answer: the GUID as plain text (a JSON-quoted one is accepted too);
/// `0` is [`Error::Refused`].
pub(crate) fn parse_guid(endpoint: &'static str, resp: &Response) -> Result<String> {
    let body = check_status(endpoint, resp)?;
    if is_refusal(body) {
        return Err(Error::Refused { endpoint });
    }
    let unquoted = body.strip_prefix('"').and_then(|b| b.strip_suffix('"')).unwrap_or(body);
    if validate::is_guid(unquoted) {
        Ok(unquoted.to_owned())
    } else {
        Err(unexpected(endpoint, "expected a call GUID or `0`", body))
    }
}

impl Endpoint for AgentCall {
    type Output = String;
    const PATH: &'static str = "Agents/AgentCall";
    const NAME: &'static str = "AgentCall";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        self.check()
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        self.write(out);
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<String> {
        parse_guid(Self::NAME, resp)
    }
}

/// `POST Agents/AgentCallwithData` → the call's GUID.
///
/// The fields of [`AgentCall`], then `data` and `form`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentCallWithData {
    /// The call itself.
    pub call: AgentCall,
    /// Data for the workflow, usually a JSON text the flow splits into variables. May be empty.
    pub data: String,
    /// The form name, or a URL to pop up. May be empty.
    pub form: String,
}

impl Endpoint for AgentCallWithData {
    type Output = String;
    const PATH: &'static str = "Agents/AgentCallwithData";
    const NAME: &'static str = "AgentCallwithData";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        self.call.check()?;
        validate::optional_text("data", &self.data)?;
        validate::optional_text("form", &self.form)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        self.call.write(out);
        out.push("data", self.data.as_str()).push("form", self.form.as_str());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<String> {
        parse_guid(Self::NAME, resp)
    }
}

/// `POST Agents/HangupPhone` (form `phone`, the agent's phone) → `1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HangupPhone {
    /// The agent's phone or extension.
    pub phone: String,
}

impl Endpoint for HangupPhone {
    type Output = ();
    const PATH: &'static str = "Agents/HangupPhone";
    const NAME: &'static str = "HangupPhone";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        validate::phone("phone", &self.phone)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("phone", self.phone.as_str());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        expect_one(Self::NAME, resp)
    }
}

/// `POST Agents/TagRecord` (form `phone`, `guid`, `data`) → `()`.
///
/// Asynchronous on the server: success is an empty body (a `1` is accepted too); `0` is
/// [`Error::Refused`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRecord {
    /// The destination number of the call.
    pub phone: String,
    /// The call's GUID.
    pub guid: String,
    /// The tag text.
    pub data: String,
}

impl Endpoint for TagRecord {
    type Output = ();
    const PATH: &'static str = "Agents/TagRecord";
    const NAME: &'static str = "TagRecord";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        validate::phone("phone", &self.phone)?;
        validate::guid("guid", &self.guid)?;
        validate::required_text("data", &self.data)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("phone", self.phone.as_str()).push("guid", self.guid.as_str()).push("data", self.data.as_str());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        let body = check_status(Self::NAME, resp)?;
        if body.is_empty() || is_one(body) {
            Ok(())
        } else if is_refusal(body) {
            Err(Error::Refused { endpoint: Self::NAME })
        } else {
            Err(unexpected(Self::NAME, "expected an empty body", body))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::RestError;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    const GUID: &str = "8cf8570e-60e7-44ed-b799-3baab211b04d";

    fn call() -> AgentCall {
        AgentCall {
            callerid: "24008000".into(),
            agent: "Vcisneros".into(),
            phone: "1001".into(),
            tech: "SIP".into(),
            context: "agentes".into(),
            outqueue: "campana->".into(),
            destination: "+598 91 000 000".into(),
        }
    }

    #[test]
    fn agent_call_request() {
        let req = build(&call(), Some(&token())).unwrap();
        assert_eq!(req.path(), "Agents/AgentCall");
        assert_eq!(
            req.url("https://x.ucontactcloud.com/"),
            "https://x.ucontactcloud.com/Integra/resources/Agents/AgentCall"
        );
        assert_eq!(req.authorization().unwrap(), format!("Basic {}", token().expose()));
        assert_eq!(req.form().names(), ["callerid", "agent", "phone", "tech", "context", "outqueue", "destination"]);
        assert_eq!(
            req.body(),
            "callerid=24008000&agent=Vcisneros&phone=1001&tech=SIP&context=agentes&outqueue=campana-%3E&destination=%2B598+91+000+000"
        );
        assert!(!req.idempotent());
    }

    #[test]
    fn agent_call_validation() {
        type Edit = fn(&mut AgentCall);
        let table: [(&str, Edit); 7] = [
            ("callerid", |c| c.callerid = "abc".into()),
            ("agent", |c| c.agent = " ".into()),
            ("phone", |c| c.phone = String::new()),
            ("tech", |c| c.tech = String::new()),
            ("context", |c| c.context = String::new()),
            ("outqueue", |c| c.outqueue = "a\nb".into()),
            ("destination", |c| c.destination = "091;000".into()),
        ];
        for (field, edit) in table {
            let mut c = call();
            edit(&mut c);
            match build(&c, Some(&token())) {
                Err(Error::InvalidArgument { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        assert_eq!(build(&call(), None).unwrap_err(), Error::Rest(RestError::Unauthorized));
    }

    #[test]
    fn agent_call_responses() {
        let c = call();
        assert_eq!(c.parse(&Response::new(200, GUID)).unwrap(), GUID);
        assert_eq!(c.parse(&Response::new(200, format!("{GUID}\n"))).unwrap(), GUID);
        assert_eq!(c.parse(&Response::new(200, format!("\"{GUID}\""))).unwrap(), GUID);
        assert_eq!(c.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "AgentCall" }));
        for bad in ["", "1", "not-a-guid", "{\"guid\":1}", "\""] {
            assert_eq!(c.parse(&Response::new(200, bad)).unwrap_err().code(), "BAD_RESPONSE", "{bad}");
        }
        assert_common_errors(&c, "AgentCall");
    }

    #[test]
    fn agent_call_with_data() {
        let ep = AgentCallWithData {
            call: call(),
            data: "{\"idcliente\":\"ñ 7\"}".into(),
            form: "https://crm/x?a=1".into(),
        };
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!(req.path(), "Agents/AgentCallwithData");
        assert_eq!(
            req.form().names(),
            ["callerid", "agent", "phone", "tech", "context", "outqueue", "destination", "data", "form"]
        );
        assert!(
            req.body().ends_with("&data=%7B%22idcliente%22%3A%22%C3%B1+7%22%7D&form=https%3A%2F%2Fcrm%2Fx%3Fa%3D1"),
            "{}",
            req.body()
        );
        assert_eq!(ep.parse(&Response::new(200, GUID)).unwrap(), GUID);
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "AgentCallwithData" }));
        assert_common_errors(&ep, "AgentCallwithData");
        let bad = AgentCallWithData { data: "a\u{1}".into(), ..ep };
        assert!(matches!(build(&bad, Some(&token())), Err(Error::InvalidArgument { field: "data", .. })));
    }

    #[test]
    fn hangup() {
        let ep = HangupPhone { phone: "1001".into() };
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!((req.path(), req.body().as_str()), ("Agents/HangupPhone", "phone=1001"));
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "HangupPhone" }));
        assert_eq!(ep.parse(&Response::new(200, "yes")).unwrap_err().code(), "BAD_RESPONSE");
        assert_common_errors(&ep, "HangupPhone");
        assert!(build(&HangupPhone { phone: "x".into() }, Some(&token())).is_err());
    }

    #[test]
    fn tag_record() {
        let ep = TagRecord { phone: "091000000".into(), guid: GUID.into(), data: "venta cerrada".into() };
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!(req.path(), "Agents/TagRecord");
        assert_eq!(req.body(), format!("phone=091000000&guid={GUID}&data=venta+cerrada"));
        assert_eq!(ep.parse(&Response::new(200, "")), Ok(()));
        assert_eq!(ep.parse(&Response::new(204, "")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "TagRecord" }));
        assert_eq!(ep.parse(&Response::new(200, "<html>")).unwrap_err().code(), "BAD_RESPONSE");
        assert_common_errors(&ep, "TagRecord");
        let bad = TagRecord { guid: "nope".into(), ..ep };
        assert!(matches!(build(&bad, Some(&token())), Err(Error::InvalidArgument { field: "guid", .. })));
    }
}
