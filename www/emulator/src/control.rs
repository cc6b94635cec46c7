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

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::emulator::Emulator;
use crate::endpoints::{endpoint_key, is_known_key};
use crate::faults::Fault;

fn json_response(status: StatusCode, value: &impl serde::Serialize) -> Response {
    let body = serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned());
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

fn bad_request(text: String) -> Response {
    let mut r = Response::new(Body::from(text));
    *r.status_mut() = StatusCode::BAD_REQUEST;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain;charset=UTF-8"));
    r
}

fn ok() -> Response {
    json_response(StatusCode::OK, &json!({ "ok": true }))
}

async fn state(State(emu): State<Emulator>) -> Response {
    json_response(StatusCode::OK, &emu.view())
}

async fn counters(State(emu): State<Emulator>) -> Response {
    json_response(StatusCode::OK, &emu.counters())
}

async fn log(State(emu): State<Emulator>) -> Response {
    json_response(StatusCode::OK, &emu.view().log)
}

async fn faults(State(emu): State<Emulator>) -> Response {
    json_response(StatusCode::OK, &emu.faults())
}

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

async fn set_fault(State(emu): State<Emulator>, body: Bytes) -> Response {
    match parse_fault(&body) {
        Ok((endpoint, fault)) => {
            emu.set_fault(&endpoint, fault);
            json_response(StatusCode::OK, &emu.faults())
        }
        Err(reason) => bad_request(reason),
    }
}

async fn clear_faults(State(emu): State<Emulator>) -> Response {
    emu.clear_faults();
    ok()
}

async fn reset(State(emu): State<Emulator>) -> Response {
    emu.reset();
    ok()
}

async fn expire_tokens(State(emu): State<Emulator>) -> Response {
    emu.expire_all_tokens();
    ok()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentUpdate {
    name: String,
    status: u8,
    paused: bool,
}

async fn set_agent(State(emu): State<Emulator>, body: Bytes) -> Response {
    match serde_json::from_slice::<AgentUpdate>(&body) {
        Ok(u) if emu.set_agent_status(&u.name, u.status, u.paused) => ok(),
        Ok(u) => bad_request(format!("no agent `{}`, or status {} is not 0-9", u.name, u.status)),
        Err(e) => bad_request(format!("expected {{\"name\", \"status\", \"paused\"}}: {e}")),
    }
}

/// The control routes.
pub(crate) fn routes() -> Router<Emulator> {
    Router::new()
        .route("/__emulator/state", get(state))
        .route("/__emulator/counters", get(counters))
        .route("/__emulator/log", get(log))
        .route("/__emulator/faults", get(faults).post(set_fault))
        .route("/__emulator/faults/clear", post(clear_faults))
        .route("/__emulator/reset", post(reset))
        .route("/__emulator/expire-tokens", post(expire_tokens))
        .route("/__emulator/agents", post(set_agent))
}
