//! Test-only control endpoints under `/__emulator/` (no token needed; JSON in and out):
//!
//! | route | does |
//! |---|---|
//! | `GET /__emulator/state` | the whole `View` (sessions without tokens, agents, campaigns, calls, …, counters, log) |
//! | `GET /__emulator/counters` | `{"Agents/AgentCall": 2, …}` requests received per endpoint key |
//! | `GET /__emulator/log` | `[{"endpoint", "status", "outcome"}, …]` oldest first |
//! | `GET /__emulator/faults` | `{"<endpoint or *>": Fault, …}` faults still armed |
//! | `POST /__emulator/faults` | `{"endpoint": "Agents/AgentCall" \| "*", "delayMs"?, "status"?, "body"?, "zero"?, "dropConnection"?, "unauthorized"?, "unauthorizedOnce"?, "times"?, "chunkBytes"?}` sets that endpoint's fault (no knob: removes it); answers the table |
//! | `POST /__emulator/faults/clear` | removes every fault |
//! | `POST /__emulator/reset` | back to the seeded instance (sessions, records, faults, counters, log cleared) |
//! | `POST /__emulator/expire-tokens` | every token issued so far gets 401 from now on |
//! | `POST /__emulator/agents` | `{"name": "agent1", "status": 0-9, "paused": bool}` sets an agent's state |
//!
//! Bad control requests get HTTP 400 with a text saying why.

use http::{Method, StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::emulator::Emulator;
use crate::endpoints::{endpoint_key, is_known_key};
use crate::exchange::Answer;
use crate::faults::Fault;

/// The control routes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ControlRoute {
    State,
    Counters,
    Log,
    Faults,
    FaultsClear,
    Reset,
    ExpireTokens,
    Agents,
}

impl ControlRoute {
    /// Every route's path under `/__emulator/`.
    #[cfg(feature = "server")]
    pub const PATHS: [&'static str; 8] =
        ["state", "counters", "log", "faults", "faults/clear", "reset", "expire-tokens", "agents"];

    pub fn of(path: &str) -> Option<ControlRoute> {
        Some(match path.strip_prefix("/__emulator/")? {
            "state" => ControlRoute::State,
            "counters" => ControlRoute::Counters,
            "log" => ControlRoute::Log,
            "faults" => ControlRoute::Faults,
            "faults/clear" => ControlRoute::FaultsClear,
            "reset" => ControlRoute::Reset,
            "expire-tokens" => ControlRoute::ExpireTokens,
            "agents" => ControlRoute::Agents,
            _ => return None,
        })
    }

    /// The methods served, as the `Allow` header lists them.
    pub fn allow(self) -> &'static str {
        match self {
            ControlRoute::State | ControlRoute::Counters | ControlRoute::Log => "GET,HEAD",
            ControlRoute::Faults => "GET,HEAD,POST",
            _ => "POST",
        }
    }
}

fn json_answer(status: StatusCode, value: &impl serde::Serialize) -> Answer {
    let body = serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned());
    Answer::new(status, Some("application/json"), body)
}

fn bad_request(text: String) -> Answer {
    Answer::new(StatusCode::BAD_REQUEST, Some("text/plain;charset=UTF-8"), text)
}

fn ok() -> Answer {
    json_answer(StatusCode::OK, &json!({ "ok": true }))
}

/// Reads a `POST /__emulator/faults` body: the endpoint key and its fault.
fn parse_fault(body: &[u8]) -> Result<(String, Fault), String> {
    let mut value: Value = serde_json::from_slice(body).map_err(|e| format!("body is not JSON: {e}"))?;
    let object = value.as_object_mut().ok_or("body must be a JSON object")?;
    let endpoint = match object.remove("endpoint") {
        Some(Value::String(s)) => endpoint_key(&s).to_owned(),
        _ => return Err("`endpoint` (a string) is required".to_owned()),
    };
    if !is_known_key(&endpoint) {
        return Err(format!("unknown endpoint `{endpoint}` (use e.g. `Agents/AgentCall` or `*`)"));
    }
    let fault: Fault = serde_json::from_value(value).map_err(|e| format!("bad fault: {e}"))?;
    if let Some(status) = fault.status {
        if !(200..=599).contains(&status) {
            return Err(format!("`status` {status} is not a final HTTP status (200-599)"));
        }
    }
    Ok((endpoint, fault))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentUpdate {
    name: String,
    status: u8,
    paused: bool,
}

/// Sets an agent's state from a `POST /__emulator/agents` body.
fn set_agent(emu: &Emulator, body: &[u8]) -> Result<(), String> {
    match serde_json::from_slice::<AgentUpdate>(body) {
        Ok(u) if emu.set_agent_status(&u.name, u.status, u.paused) => Ok(()),
        Ok(u) => Err(format!("no agent `{}`, or status {} is not 0-9", u.name, u.status)),
        Err(e) => Err(format!("expected {{\"name\", \"status\", \"paused\"}}: {e}")),
    }
}

impl Emulator {
    /// What `POST /__emulator/faults` does, for transports that offer it as a call: `body` is
    /// that route's JSON (`{"endpoint": …, <Fault's knobs>}`); the faults still armed, or why not.
    pub fn set_fault_json(&self, body: &[u8]) -> Result<std::collections::BTreeMap<String, Fault>, String> {
        let (endpoint, fault) = parse_fault(body)?;
        self.set_fault(&endpoint, fault);
        Ok(self.faults())
    }

    /// What `POST /__emulator/agents` does (`{"name", "status", "paused"}`), or why not.
    pub fn set_agent_json(&self, body: &[u8]) -> Result<(), String> {
        set_agent(self, body)
    }
}

/// Answers a control request whose method the route serves (`exchange.rs` checks that).
pub(crate) fn answer(emu: &Emulator, route: ControlRoute, method: &Method, body: &[u8]) -> Answer {
    match route {
        ControlRoute::State => json_answer(StatusCode::OK, &emu.view()),
        ControlRoute::Counters => json_answer(StatusCode::OK, &emu.counters()),
        ControlRoute::Log => json_answer(StatusCode::OK, &emu.view().log),
        ControlRoute::Faults if method != Method::POST => json_answer(StatusCode::OK, &emu.faults()),
        ControlRoute::Faults => match emu.set_fault_json(body) {
            Ok(faults) => json_answer(StatusCode::OK, &faults),
            Err(reason) => bad_request(reason),
        },
        ControlRoute::FaultsClear => {
            emu.clear_faults();
            ok()
        }
        ControlRoute::Reset => {
            emu.reset();
            ok()
        }
        ControlRoute::ExpireTokens => {
            emu.expire_all_tokens();
            ok()
        }
        ControlRoute::Agents => match set_agent(emu, body) {
            Ok(()) => ok(),
            Err(reason) => bad_request(reason),
        },
    }
}
