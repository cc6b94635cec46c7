//! `Dialers/DialerTask`: adds one record to a dialer, in one of four documented modes.
//!
//! The single form field `call` holds JSON with all nine keys, always present, in this order:
//! `calldate` (`null` or `YYYY-MM-DD HH:MM:SS`), `campaign`, `destination`, `alternatives`,
//! `agent`, `data`, `source`, `bulk`, `automatic`. The answer is `1` or `0`.
//!
//! | mode ([`DialerMode`]) | constructor                      | `calldate` | `bulk` | `automatic` |
//! |-----------------------|----------------------------------|------------|--------|-------------|
//! | priority 1, automatic | [`DialerTask::priority`]         | `null`     | false  | true        |
//! | click to call         | [`DialerTask::click_to_call`]    | `null`     | false  | false       |
//! | add to the dialer     | [`DialerTask::add_to_dialer`]    | `null`     | true   | false       |
//! | schedule              | [`DialerTask::schedule`]         | set        | true   | false       |
//!
//! A task with a date runs at that date; one without runs when the dialer is free and nothing
//! scheduled is pending, so dated tasks go first. For progressive dialers set
//! [`DialerTask::agent`] (the agent's user name or extension).

use crate::error::Result;
use crate::json::{Map, Value};
use crate::validate;

use super::checks::alternatives;
use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::expect_one;
use super::request::Response;

/// The `source` every vendor example sends. The field is required but its meaning is
/// undocumented ("Pending"), so the documented value is the default.
pub const DEFAULT_SOURCE: &str = "source";

/// The four documented ways to use `Dialers/DialerTask`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialerMode {
    /// Called moments later, with priority 1 (`calldate: null, bulk: false, automatic: true`).
    Priority,
    /// A manual call created now (`calldate: null, bulk: false, automatic: false`).
    ClickToCall,
    /// Queued in the dialer (`calldate: null, bulk: true, automatic: false`).
    AddToDialer,
    /// Scheduled for `calldate` (`calldate` set, `bulk: true, automatic: false`).
    Schedule,
}

/// `POST Dialers/DialerTask` → `1`. Build it with one of the four mode constructors, then set the
/// optional fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialerTask {
    /// `None` (JSON `null`) or `YYYY-MM-DD HH:MM:SS`.
    pub calldate: Option<String>,
    /// The campaign (required).
    pub campaign: String,
    /// The number to call (required).
    pub destination: String,
    /// Alternative numbers, `:`-separated; may be empty.
    pub alternatives: String,
    /// The agent's user name or phone/extension, for a specific agent; may be empty.
    pub agent: String,
    /// Data for forms and flows (`idcustomer=7:name=Seba`); may be empty.
    pub data: String,
    /// Required; [`DEFAULT_SOURCE`] unless told otherwise.
    pub source: String,
    /// See the mode table.
    pub bulk: bool,
    /// See the mode table.
    pub automatic: bool,
}

impl DialerTask {
    fn with(calldate: Option<String>, campaign: String, destination: String, bulk: bool, automatic: bool) -> Self {
        Self {
            calldate,
            campaign,
            destination,
            alternatives: String::new(),
            agent: String::new(),
            data: String::new(),
            source: DEFAULT_SOURCE.to_owned(),
            bulk,
            automatic,
        }
    }

    /// Priority 1: called moments after it is added.
    pub fn priority(campaign: impl Into<String>, destination: impl Into<String>) -> Self {
        Self::with(None, campaign.into(), destination.into(), false, true)
    }

    /// Click to call: a manual call created now.
    pub fn click_to_call(campaign: impl Into<String>, destination: impl Into<String>) -> Self {
        Self::with(None, campaign.into(), destination.into(), false, false)
    }

    /// Added to the dialer's queue.
    pub fn add_to_dialer(campaign: impl Into<String>, destination: impl Into<String>) -> Self {
        Self::with(None, campaign.into(), destination.into(), true, false)
    }

    /// Scheduled for `calldate` (`YYYY-MM-DD HH:MM:SS`).
    pub fn schedule(calldate: impl Into<String>, campaign: impl Into<String>, destination: impl Into<String>) -> Self {
        Self::with(Some(calldate.into()), campaign.into(), destination.into(), true, false)
    }

    /// Sets the alternative numbers (`:`-separated).
    pub fn alternatives(mut self, alternatives: impl Into<String>) -> Self {
        self.alternatives = alternatives.into();
        self
    }

    /// Sets the agent.
    pub fn agent(mut self, agent: impl Into<String>) -> Self {
        self.agent = agent.into();
        self
    }

    /// Sets the data for forms and flows.
    pub fn data(mut self, data: impl Into<String>) -> Self {
        self.data = data.into();
        self
    }

    /// Sets the source.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = source.into();
        self
    }

    /// The `call` object: all nine keys in the documented order, `calldate` `null` when unset.
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(9);
        m.push_new("calldate", self.calldate.as_deref());
        m.push_new("campaign", self.campaign.as_str());
        m.push_new("destination", self.destination.as_str());
        m.push_new("alternatives", self.alternatives.as_str());
        m.push_new("agent", self.agent.as_str());
        m.push_new("data", self.data.as_str());
        m.push_new("source", self.source.as_str());
        m.push_new("bulk", self.bulk);
        m.push_new("automatic", self.automatic);
        Value::Object(m)
    }

    /// The documented mode these fields amount to; `None` for an undocumented combination.
    pub fn mode(&self) -> Option<DialerMode> {
        match (self.calldate.is_some(), self.bulk, self.automatic) {
            (false, false, true) => Some(DialerMode::Priority),
            (false, false, false) => Some(DialerMode::ClickToCall),
            (false, true, false) => Some(DialerMode::AddToDialer),
            (true, true, false) => Some(DialerMode::Schedule),
            _ => None,
        }
    }
}

impl Endpoint for DialerTask {
    type Output = ();
    const PATH: &'static str = "Dialers/DialerTask";
    const NAME: &'static str = "DialerTask";
    const IDEMPOTENT: bool = false;

    /// Checks the fields; undocumented flag combinations are allowed (the server decides).
    fn validate(&self) -> Result<()> {
        if let Some(date) = &self.calldate {
            validate::datetime("calldate", date)?;
        }
        validate::required_text("campaign", &self.campaign)?;
        validate::phone("destination", &self.destination)?;
        alternatives("alternatives", &self.alternatives)?;
        validate::optional_text("agent", &self.agent)?;
        validate::optional_text("data", &self.data)?;
        validate::required_text("source", &self.source)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("call", self.to_value().to_json());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        expect_one(Self::NAME, resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    fn call_json(task: &DialerTask) -> String {
        build(task, Some(&token())).unwrap().form().get("call").unwrap().to_owned()
    }

    #[test]
    fn the_four_modes() {
        let table = [
            (
                DialerTask::priority("nombreCampaña<-", "12-345-678").data("idcustomer=7:name=Seba"),
                DialerMode::Priority,
                r#"{"calldate":null,"campaign":"nombreCampaña<-","destination":"12-345-678","alternatives":"","agent":"","data":"idcustomer=7:name=Seba","source":"source","bulk":false,"automatic":true}"#,
            ),
            (
                DialerTask::click_to_call("nombreCampaña<-", "12-345-678").data("idcustomer=7"),
                DialerMode::ClickToCall,
                r#"{"calldate":null,"campaign":"nombreCampaña<-","destination":"12-345-678","alternatives":"","agent":"","data":"idcustomer=7","source":"source","bulk":false,"automatic":false}"#,
            ),
            (
                DialerTask::add_to_dialer("nombreCampaña->", "12-345-678").agent("Agente1").data("idcustomer=7"),
                DialerMode::AddToDialer,
                r#"{"calldate":null,"campaign":"nombreCampaña->","destination":"12-345-678","alternatives":"","agent":"Agente1","data":"idcustomer=7","source":"source","bulk":true,"automatic":false}"#,
            ),
            (
                DialerTask::schedule("2015-10-11 15:00:00", "nombreCampaña->", "12-345-678")
                    .agent("Agente1")
                    .data("idcustomer=7"),
                DialerMode::Schedule,
                r#"{"calldate":"2015-10-11 15:00:00","campaign":"nombreCampaña->","destination":"12-345-678","alternatives":"","agent":"Agente1","data":"idcustomer=7","source":"source","bulk":true,"automatic":false}"#,
            ),
        ];
        for (task, mode, json) in table {
            assert_eq!(task.mode(), Some(mode));
            assert_eq!(call_json(&task), json, "{mode:?}");
        }
        let odd = DialerTask { automatic: true, ..DialerTask::schedule("2015-10-11 15:00:00", "c", "1") };
        assert_eq!(odd.mode(), None);
        assert!(build(&odd, Some(&token())).is_ok());
    }

    #[test]
    fn request_encoding() {
        let task = DialerTask::priority("POWER<-", "0123456789").alternatives("099:098").source("crm");
        let req = build(&task, Some(&token())).unwrap();
        assert_eq!(req.path(), "Dialers/DialerTask");
        assert_eq!(req.form().names(), ["call"]);
        assert!(
            req.body().starts_with("call=%7B%22calldate%22%3Anull%2C%22campaign%22%3A%22POWER%3C-%22"),
            "{}",
            req.body()
        );
        assert!(req.body().contains("%22alternatives%22%3A%22099%3A098%22"));
        let ñ = DialerTask::priority("Campaña<-", "1");
        assert!(build(&ñ, Some(&token())).unwrap().body().contains("Campa%C3%B1a%3C-"));
    }

    #[test]
    fn validation_and_responses() {
        type Edit = fn(&mut DialerTask);
        let table: [(&str, Edit); 6] = [
            ("calldate", |t| t.calldate = Some("mañana".into())),
            ("campaign", |t| t.campaign.clear()),
            ("destination", |t| t.destination = "x".into()),
            ("alternatives", |t| t.alternatives = ":".into()),
            ("agent", |t| t.agent = "\n".into()),
            ("source", |t| t.source.clear()),
        ];
        for (field, edit) in table {
            let mut t = DialerTask::add_to_dialer("c->", "1");
            edit(&mut t);
            assert!(
                matches!(build(&t, Some(&token())), Err(Error::InvalidArgument { field: f, .. }) if f == field),
                "{field}"
            );
        }
        let ep = DialerTask::priority("c", "1");
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "DialerTask" }));
        assert_eq!(ep.parse(&Response::new(200, "true")).unwrap_err().code(), "BAD_RESPONSE");
        assert_common_errors(&ep, "DialerTask");
    }

    #[test]
    fn escapes_like_serde_json() {
        // What serde_json::to_string wrote for the same value, before the move to crate::json.
        let t = DialerTask::schedule("d\"", "c\\", "1/").data("é\u{1}").agent("\u{2029}");
        let want = concat!(
            r#"{"calldate":"d\"","campaign":"c\\","destination":"1/","alternatives":"","agent":""#,
            "\u{2029}",
            r#"","data":"é\u0001","source":"source","bulk":true,"automatic":false}"#
        );
        assert_eq!(t.to_value().to_json(), want);
    }
}
