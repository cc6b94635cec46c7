//! `Supervisor/campaignstatus`: the full state of the voice campaigns, and with a queue name,
//! of that campaign's agents.
//!
//! The form field `queue` is empty for every campaign, or a campaign name. The answer is a JSON
//! object. Its entries are told apart by shape, since keys are free-form names:
//!
//! * an **agent** entry is keyed by its interface (`SIP/1010`) and has `location`,
//!   `stateinterface` or `status` — keys no campaign entry has;
//! * every other object is a **campaign** entry, keyed by the campaign name;
//! * a value that is not an object is kept aside in [`CampaignStatusReport::other`].
//!
//! Agent status codes 0–9 are [`AgentStatus`]; an unknown code is kept as
//! [`AgentStatus::Other`].

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::validate;

use super::endpoint::Endpoint;
use super::form::Form;
use super::lenient::{as_i64, opt_bool, opt_i64, opt_string};
use super::outcome::json_body;
use super::request::Response;

/// `POST Supervisor/campaignstatus` → [`CampaignStatusReport`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CampaignStatus {
    /// Empty for every campaign; a campaign name for that campaign and its agents.
    pub queue: String,
}

impl CampaignStatus {
    /// Every campaign, without agents.
    pub fn all() -> Self {
        Self::default()
    }

    /// One campaign, with its agents.
    pub fn queue(name: impl Into<String>) -> Self {
        Self { queue: name.into() }
    }
}

/// An agent's device state, as the telephony server reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentStatus {
    /// 0
    Unknown,
    /// 1: idle.
    NotInUse,
    /// 2: on a call.
    InUse,
    /// 3
    Busy,
    /// 4
    Invalid,
    /// 5: not registered.
    Unavailable,
    /// 6
    Ringing,
    /// 7: ringing while on a call.
    RingInUse,
    /// 8
    OnHold,
    /// 9: after-call work.
    Wrapup,
    /// A code this library does not know.
    Other(i64),
}

impl AgentStatus {
    /// The status of a numeric code.
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => Self::Unknown,
            1 => Self::NotInUse,
            2 => Self::InUse,
            3 => Self::Busy,
            4 => Self::Invalid,
            5 => Self::Unavailable,
            6 => Self::Ringing,
            7 => Self::RingInUse,
            8 => Self::OnHold,
            9 => Self::Wrapup,
            other => Self::Other(other),
        }
    }

    /// The numeric code.
    pub fn code(self) -> i64 {
        match self {
            Self::Unknown => 0,
            Self::NotInUse => 1,
            Self::InUse => 2,
            Self::Busy => 3,
            Self::Invalid => 4,
            Self::Unavailable => 5,
            Self::Ringing => 6,
            Self::RingInUse => 7,
            Self::OnHold => 8,
            Self::Wrapup => 9,
            Self::Other(n) => n,
        }
    }

    /// The server's name for the code (`NOT_INUSE`, …); `OTHER` for unknown codes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Unknown => "UNKNOWN",
            Self::NotInUse => "NOT_INUSE",
            Self::InUse => "INUSE",
            Self::Busy => "BUSY",
            Self::Invalid => "INVALID",
            Self::Unavailable => "UNAVAILABLE",
            Self::Ringing => "RINGING",
            Self::RingInUse => "RINGINUSE",
            Self::OnHold => "ONHOLD",
            Self::Wrapup => "WRAPUP",
            Self::Other(_) => "OTHER",
        }
    }
}

fn opt_status<'de, D: Deserializer<'de>>(d: D) -> Result<Option<AgentStatus>, D::Error> {
    let v = Value::deserialize(d)?;
    as_i64(&v).map(|c| c.map(AgentStatus::from_code)).map_err(serde::de::Error::custom)
}

/// Written as `{ "code": 1, "name": "NOT_INUSE" }`, so a reader gets both the number the
/// server sent and its meaning.
impl Serialize for AgentStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = serializer.serialize_struct("AgentStatus", 2)?;
        st.serialize_field("code", &self.code())?;
        st.serialize_field("name", self.name())?;
        st.end()
    }
}

/// A campaign's statistics.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct CampaignStats {
    /// The campaign name.
    #[serde(default, deserialize_with = "opt_string")]
    pub campaign: Option<String>,
    /// Agents available.
    #[serde(default, deserialize_with = "opt_i64")]
    pub availables: Option<i64>,
    /// Agents not available.
    #[serde(default, deserialize_with = "opt_i64")]
    pub notavailables: Option<i64>,
    /// Agents paused.
    #[serde(default, deserialize_with = "opt_i64")]
    pub paused: Option<i64>,
    /// Agents busy.
    #[serde(default, deserialize_with = "opt_i64")]
    pub busy: Option<i64>,
    /// Agents busy and paused.
    #[serde(default, deserialize_with = "opt_i64")]
    pub busypaused: Option<i64>,
    /// Agents in the campaign.
    #[serde(default, deserialize_with = "opt_i64")]
    pub totalagents: Option<i64>,
    /// Agents logged in.
    #[serde(default, deserialize_with = "opt_i64")]
    pub logged: Option<i64>,
    /// Agents in wrap-up.
    #[serde(default, deserialize_with = "opt_i64")]
    pub onwrapup: Option<i64>,
    /// Calls completed.
    #[serde(default, deserialize_with = "opt_i64")]
    pub completed: Option<i64>,
    /// Calls abandoned.
    #[serde(default, deserialize_with = "opt_i64")]
    pub abandoned: Option<i64>,
    /// Talk time, as the server formats it (`00:00:00-0`).
    #[serde(default, deserialize_with = "opt_string")]
    pub talked: Option<String>,
    /// Hold time, as the server formats it.
    #[serde(default, deserialize_with = "opt_string")]
    pub hold: Option<String>,
    /// Abandon level, as text.
    #[serde(default, deserialize_with = "opt_string")]
    pub abandonedlevel: Option<String>,
    /// Calls in total.
    #[serde(default, deserialize_with = "opt_i64")]
    pub totalcalls: Option<i64>,
    /// Average call duration.
    #[serde(default, deserialize_with = "opt_i64")]
    pub acd: Option<i64>,
    /// Service level, as text (`0.0`).
    #[serde(default, deserialize_with = "opt_string")]
    pub servicelevel: Option<String>,
    /// Second service level, as text.
    #[serde(default, deserialize_with = "opt_string")]
    pub servicelevel2: Option<String>,
    /// Ring strategy (`leastrecent`, `fewestcalls`, …).
    #[serde(default, deserialize_with = "opt_string")]
    pub strategy: Option<String>,
    /// Service-level threshold, seconds, as text.
    #[serde(default, deserialize_with = "opt_string")]
    pub slevelthreshold: Option<String>,
    /// Wrap-up time, seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub wrapup: Option<i64>,
    /// Any other key, in order.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An agent's state within a campaign.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentEntry {
    /// The campaign.
    #[serde(default, deserialize_with = "opt_string")]
    pub queue: Option<String>,
    /// The agent's interface (`SIP/1010`).
    #[serde(default, deserialize_with = "opt_string")]
    pub location: Option<String>,
    /// Membership kind.
    #[serde(default, deserialize_with = "opt_string")]
    pub membership: Option<String>,
    /// The agent's name.
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// Penalty.
    #[serde(default, deserialize_with = "opt_i64")]
    pub penalty: Option<i64>,
    /// Calls taken.
    #[serde(default, deserialize_with = "opt_i64")]
    pub calls_taken: Option<i64>,
    /// Time of the last call (server units).
    #[serde(default, deserialize_with = "opt_i64")]
    pub last_call: Option<i64>,
    /// Device state.
    #[serde(default, deserialize_with = "opt_status")]
    pub status: Option<AgentStatus>,
    /// Paused.
    #[serde(default, deserialize_with = "opt_bool")]
    pub paused: Option<bool>,
    /// The state interface (`SIP/1010`).
    #[serde(default, deserialize_with = "opt_string")]
    pub stateinterface: Option<String>,
    /// In a call (server's number).
    #[serde(default, deserialize_with = "opt_i64")]
    pub incall: Option<i64>,
    /// Pause reason, as the server writes it (`[]` or empty).
    #[serde(default, deserialize_with = "opt_string")]
    pub pausedreason: Option<String>,
    /// The telephony server's action id.
    #[serde(default, deserialize_with = "opt_string")]
    pub internal_action_id: Option<String>,
    /// When the server produced the data.
    #[serde(default, deserialize_with = "opt_string")]
    pub date_received: Option<String>,
    /// Time in the current state (`00:10:12`).
    #[serde(default, deserialize_with = "opt_string")]
    pub server: Option<String>,
    /// Any other key, in order.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The parsed answer, entries in the server's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CampaignStatusReport {
    /// Campaign entries, keyed by campaign name.
    pub campaigns: Vec<(String, CampaignStats)>,
    /// Agent entries, keyed by interface.
    pub agents: Vec<(String, AgentEntry)>,
    /// Entries that are not objects.
    pub other: Vec<(String, Value)>,
}

impl CampaignStatusReport {
    /// The campaign entry keyed `name`.
    pub fn campaign(&self, name: &str) -> Option<&CampaignStats> {
        self.campaigns.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The agent entry keyed `interface`.
    pub fn agent(&self, interface: &str) -> Option<&AgentEntry> {
        self.agents.iter().find(|(k, _)| k == interface).map(|(_, v)| v)
    }
}

/// Keys only agent entries have.
const AGENT_KEYS: [&str; 3] = ["location", "stateinterface", "status"];

impl Endpoint for CampaignStatus {
    type Output = CampaignStatusReport;
    const PATH: &'static str = "Supervisor/campaignstatus";
    const NAME: &'static str = "campaignstatus";
    const IDEMPOTENT: bool = true;

    fn validate(&self) -> Result<()> {
        validate::optional_text("queue", &self.queue)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("queue", self.queue.as_str());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<CampaignStatusReport> {
        let bad = |reason: String| Error::BadResponse { endpoint: Self::NAME, reason };
        let Value::Object(entries) = json_body(Self::NAME, resp)? else {
            return Err(bad("expected a JSON object".into()));
        };
        let mut report = CampaignStatusReport::default();
        for (key, value) in entries {
            let is_agent = match &value {
                Value::Object(map) => AGENT_KEYS.iter().any(|k| map.contains_key(*k)),
                _ => {
                    report.other.push((key, value));
                    continue;
                }
            };
            // Keys are names chosen by the customer, not secrets; quote a bounded part of it.
            let shape_error =
                |e: serde_json::Error| bad(format!("entry {:?}: {e}", super::outcome::truncate(&key, 64)));
            if is_agent {
                let agent = serde_json::from_value(value).map_err(shape_error)?;
                report.agents.push((key, agent));
            } else {
                let campaign = serde_json::from_value(value).map_err(shape_error)?;
                report.campaigns.push((key, campaign));
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    const ALL: &str = r#"{ "Power<-": { "campaign": "Power<-", "availables": 0, "notavailables": 1, "paused": 0, "busy": 0, "busypaused": 0, "totalagents": 1, "logged": 0, "onwrapup": 0, "completed": 0, "abandoned": 0, "talked": "00:00:00-0", "hold": "00:00:00-0", "abandonedlevel": "0", "totalcalls": 0, "acd": 0, "servicelevel": "0.0", "servicelevel2": "0.0", "strategy": "leastrecent", "slevelthreshold": "3", "wrapup": 0 }, "test->": { "campaign": "test->", "availables": 0, "notavailables": 0, "paused": 0, "busy": 0, "busypaused": 0, "totalagents": 0, "logged": 0, "onwrapup": 0, "completed": 0, "abandoned": 0, "talked": "00:00:00-0", "hold": "00:00:00-0", "abandonedlevel": "0", "totalcalls": 0, "acd": 0, "servicelevel": "0.0", "servicelevel2": "0.0", "strategy": "leastrecent", "slevelthreshold": "3", "wrapup": 3 } }"#;

    const ONE: &str = r#"{ "test->": { "campaign": "test->", "availables": 1, "notavailables": 1, "paused": 0, "busy": 0, "busypaused": 0, "totalagents": 2, "logged": 1, "onwrapup": 0, "completed": 0, "abandoned": 0, "talked": "00:00:00-0", "hold": "00:00:00-0", "abandonedlevel": "0", "totalcalls": 0, "acd": 0, "servicelevel": "0.0", "servicelevel2": "0.0", "strategy": "fewestcalls", "slevelthreshold": "15", "wrapup": 0 }, "SIP/1010": { "queue": "test->", "location": "SIP/1010", "membership": "", "name": "Daniel", "penalty": 0, "callsTaken": 0, "lastCall": 0, "status": 5, "paused": false, "stateinterface": "SIP/1010", "incall": 0, "pausedreason": "[]", "internalActionId": "1982468278_8979", "dateReceived": "Nov 2, 2018 11:36:11 AM", "server": "00:10:12" }, "SIP/1001": { "queue": "test->", "location": "SIP/1001", "membership": "", "name": "Santiago", "penalty": 0, "callsTaken": 0, "lastCall": 0, "status": 1, "paused": false, "stateinterface": "SIP/1001", "incall": 0, "pausedreason": "", "internalActionId": "1982468278_8979", "dateReceived": "Nov 2, 2018 11:26:45 AM", "server": "00:19:39" } }"#;

    #[test]
    fn requests() {
        let all = build(&CampaignStatus::all(), Some(&token())).unwrap();
        assert_eq!((all.path(), all.body().as_str()), ("Supervisor/campaignstatus", "queue="));
        let one = build(&CampaignStatus::queue("test->"), Some(&token())).unwrap();
        assert_eq!(one.body(), "queue=test-%3E");
        assert!(one.idempotent());
        assert!(build(&CampaignStatus::queue("a\nb"), Some(&token())).is_err());
    }

    #[test]
    fn all_campaigns() {
        let r = CampaignStatus::all().parse(&Response::new(200, ALL)).unwrap();
        assert_eq!(r.campaigns.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["Power<-", "test->"]);
        assert!(r.agents.is_empty() && r.other.is_empty());
        let power = r.campaign("Power<-").unwrap();
        assert_eq!(power.notavailables, Some(1));
        assert_eq!(power.strategy.as_deref(), Some("leastrecent"));
        assert_eq!(power.slevelthreshold.as_deref(), Some("3"));
        assert_eq!(power.talked.as_deref(), Some("00:00:00-0"));
        assert!(power.extra.is_empty(), "{:?}", power.extra);
        assert_eq!(r.campaign("test->").unwrap().wrapup, Some(3));
    }

    #[test]
    fn one_campaign_with_agents() {
        let r = CampaignStatus::queue("test->").parse(&Response::new(200, ONE)).unwrap();
        assert_eq!(r.campaigns.len(), 1);
        assert_eq!(r.campaign("test->").unwrap().strategy.as_deref(), Some("fewestcalls"));
        assert_eq!(r.agents.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["SIP/1010", "SIP/1001"]);
        let daniel = r.agent("SIP/1010").unwrap();
        assert_eq!(daniel.status, Some(AgentStatus::Unavailable));
        assert_eq!(daniel.name.as_deref(), Some("Daniel"));
        assert_eq!(daniel.paused, Some(false));
        assert_eq!(daniel.calls_taken, Some(0));
        assert_eq!(daniel.pausedreason.as_deref(), Some("[]"));
        assert_eq!(daniel.server.as_deref(), Some("00:10:12"));
        assert!(daniel.extra.is_empty(), "{:?}", daniel.extra);
        assert_eq!(r.agent("SIP/1001").unwrap().status, Some(AgentStatus::NotInUse));
    }

    #[test]
    fn shapes_and_codes() {
        let body = r#"{"SIP/1":{"status":"42"},"PJSIP/2":{"location":"PJSIP/2"},"camp":{"campaign":"camp","new":1},"weird":7}"#;
        let r = CampaignStatus::all().parse(&Response::new(200, body)).unwrap();
        assert_eq!(r.agent("SIP/1").unwrap().status, Some(AgentStatus::Other(42)));
        assert_eq!(r.agent("PJSIP/2").unwrap().status, None);
        assert_eq!(r.campaign("camp").unwrap().extra.get("new"), Some(&Value::from(1)));
        assert_eq!(r.other, [("weird".to_owned(), Value::from(7))]);

        let names = [
            "UNKNOWN",
            "NOT_INUSE",
            "INUSE",
            "BUSY",
            "INVALID",
            "UNAVAILABLE",
            "RINGING",
            "RINGINUSE",
            "ONHOLD",
            "WRAPUP",
        ];
        for (code, name) in (0..).zip(names) {
            let s = AgentStatus::from_code(code);
            assert_eq!((s.code(), s.name()), (code, name));
        }
        for code in [-1, 10, i64::MAX, i64::MIN] {
            assert_eq!(AgentStatus::from_code(code), AgentStatus::Other(code));
            assert_eq!(AgentStatus::from_code(code).code(), code);
        }
    }

    #[test]
    fn errors() {
        let ep = CampaignStatus::all();
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "campaignstatus" }));
        assert_eq!(ep.parse(&Response::new(200, "{}")).unwrap(), CampaignStatusReport::default());
        for bad in [
            "",
            "[]",
            "{",
            "{\"SIP/1\":{\"status\":\"busy\"}}",
            "{\"c\":{\"availables\":[]}}",
            "{\"SIP/1\":{\"status\":1,\"paused\":\"maybe\"}}",
        ] {
            assert_eq!(ep.parse(&Response::new(200, bad)).unwrap_err().code(), "BAD_RESPONSE", "{bad}");
        }
        assert_common_errors(&ep, "campaignstatus");
    }

    #[test]
    fn agent_status_serializes_with_code_and_name() {
        let v = serde_json::to_value(AgentStatus::from_code(1)).unwrap();
        assert_eq!(v, serde_json::json!({ "code": 1, "name": "NOT_INUSE" }));
        let v = serde_json::to_value(AgentStatus::from_code(42)).unwrap();
        assert_eq!(v["code"], 42);
    }
}
