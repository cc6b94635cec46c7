//! The Integra API emulator for Node: `Emulator::handle` (the transport-neutral core of the
//! `integra-emulator` crate) behind wasm-bindgen. The npm package's `testing/emulator.mjs` is
//! the transport: it reads requests from `node:http`, calls `handle`, and carries out the
//! answer (a fault's delay with a Node timer, pieces, a destroyed socket). Nothing here decides
//! anything; it converts between JavaScript values and the core's types.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue, Method};
use integra_emulator::{
    AgentConfig, CampaignConfig, CdrSeed, Delivery, Emulator as Core, EmulatorConfig, Request, Step, Wait,
};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// `createEmulator`'s options (JSON from `emulator.mjs`); unknown keys are refused.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    /// Origins allowed to call cross-origin (exact `scheme://host[:port]`).
    #[serde(default)]
    allow_origins: Vec<String>,
    /// The logins `auth/getUserToken` accepts, replacing the seeded ones.
    users: Option<Vec<User>>,
    /// The instance's data, each list replacing the seeded one (the crate's `config.rs` types,
    /// with the field names `state()` shows for campaigns and agents).
    campaigns: Option<Vec<CampaignConfig>>,
    agents: Option<Vec<AgentConfig>>,
    cdrs: Option<Vec<CdrSeed>>,
    /// Token lifetime from login, in ms (default: until ended or expired).
    token_ttl_ms: Option<u64>,
    /// Largest accepted request body, in bytes.
    max_body_bytes: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct User {
    login: String,
    password: String,
}

fn config(options: Options) -> EmulatorConfig {
    let mut config = EmulatorConfig { allowed_origins: options.allow_origins, ..EmulatorConfig::default() };
    if let Some(users) = options.users {
        config.users.clear();
        for u in users {
            config = config.user(u.login, u.password);
        }
    }
    if let Some(campaigns) = options.campaigns {
        config.campaigns = campaigns;
    }
    if let Some(agents) = options.agents {
        config.agents = agents;
    }
    if let Some(cdrs) = options.cdrs {
        config.cdrs = cdrs;
    }
    if let Some(ms) = options.token_ttl_ms {
        config = config.token_ttl(Duration::from_millis(ms));
    }
    if let Some(n) = options.max_body_bytes {
        config.max_body_bytes = n;
    }
    config
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// One emulated instance.
#[wasm_bindgen]
pub struct Emulator {
    core: Core,
}

#[wasm_bindgen]
impl Emulator {
    /// `options`: the JSON of `Options`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str) -> Result<Emulator, JsError> {
        let options: Options =
            serde_json::from_str(options).map_err(|e| JsError::new(&format!("emulator options: {e}")))?;
        Ok(Emulator { core: Core::new(config(options)) })
    }

    /// Whether the emulator serves this path (without query), whatever the method.
    pub fn owns(&self, path: &str) -> bool {
        self.core.owns(path)
    }

    /// The most body bytes to read; past it, pass `undefined` as the body.
    #[wasm_bindgen(js_name = bodyLimit)]
    pub fn body_limit(&self) -> usize {
        self.core.body_limit()
    }

    /// Handles one request. `headers`: `[name, value, name, value, …]` as `rawHeaders` gives
    /// them (each value's characters are its bytes, latin1, as Node decodes them); `query`
    /// without `?`, `undefined` when the target has none; `body` `undefined` when unread or over
    /// `bodyLimit`. `undefined` when the path is not the emulator's.
    pub fn handle(
        &self,
        method: &str,
        path: &str,
        query: Option<String>,
        headers: Vec<String>,
        body: Option<Vec<u8>>,
    ) -> Option<Exchange> {
        let method = Method::from_bytes(method.as_bytes()).ok()?;
        let mut map = HeaderMap::new();
        for pair in headers.chunks_exact(2) {
            let bytes: Vec<u8> = pair[1].chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
            // Node has already refused what HTTP forbids; anything left unparsable is skipped.
            if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(pair[0].as_bytes()), HeaderValue::from_bytes(&bytes))
            {
                map.append(name, value);
            }
        }
        let req = Request { method, path: path.to_owned(), query, headers: map, body };
        let step = self.core.handle(req)?;
        Some(Exchange { core: self.core.clone(), step: Some(step) })
    }

    /// The whole state (`GET /__emulator/state`), as JSON.
    pub fn state(&self) -> String {
        json(&self.core.view())
    }

    /// The request log, oldest first (`GET /__emulator/log`), as JSON.
    pub fn log(&self) -> String {
        json(&self.core.view().log)
    }

    /// Requests per endpoint key (`GET /__emulator/counters`), as JSON.
    pub fn counters(&self) -> String {
        json(&self.core.counters())
    }

    /// The faults still armed (`GET /__emulator/faults`), as JSON.
    pub fn faults(&self) -> String {
        json(&self.core.faults())
    }

    /// `POST /__emulator/faults`: `body` is that route's JSON; the faults armed, as JSON.
    #[wasm_bindgen(js_name = setFault)]
    pub fn set_fault(&self, body: &str) -> Result<String, JsError> {
        self.core.set_fault_json(body.as_bytes()).map(|f| json(&f)).map_err(|e| JsError::new(&e))
    }

    /// `POST /__emulator/faults/clear`.
    #[wasm_bindgen(js_name = clearFaults)]
    pub fn clear_faults(&self) {
        self.core.clear_faults();
    }

    /// `POST /__emulator/reset`.
    pub fn reset(&self) {
        self.core.reset();
    }

    /// `POST /__emulator/expire-tokens`.
    #[wasm_bindgen(js_name = expireTokens)]
    pub fn expire_tokens(&self) {
        self.core.expire_all_tokens();
    }

    /// `POST /__emulator/agents`: `{"name", "status", "paused"}`.
    #[wasm_bindgen(js_name = setAgent)]
    pub fn set_agent(&self, body: &str) -> Result<(), JsError> {
        self.core.set_agent_json(body.as_bytes()).map_err(|e| JsError::new(&e))
    }
}

/// A request being answered: wait `delayMs`, then `finish()` (once).
#[wasm_bindgen]
pub struct Exchange {
    core: Core,
    step: Option<Step>,
}

#[wasm_bindgen]
impl Exchange {
    /// Milliseconds to wait before `finish` (a fault's `delayMs`; 0 for none).
    #[wasm_bindgen(getter, js_name = delayMs)]
    pub fn delay_ms(&self) -> f64 {
        match &self.step {
            Some(Step::Wait(wait)) => wait.delay().as_millis() as f64,
            _ => 0.0,
        }
    }

    /// The answer; for a delayed request, the rest of its handling runs now. `undefined` if
    /// called twice.
    pub fn finish(&mut self) -> Option<Reply> {
        let answer = match self.step.take()? {
            Step::Done(answer) => answer,
            Step::Wait(wait) => Wait::finish(wait, &self.core),
        };
        let mut headers = Vec::with_capacity(answer.headers.len() * 2);
        for (name, value) in &answer.headers {
            headers.push(name.as_str().to_owned());
            headers.push(value.as_bytes().iter().map(|b| char::from(*b)).collect());
        }
        let (mode, piece) = match answer.delivery {
            Delivery::Whole => ("whole", 0),
            Delivery::Pieces(n) => ("pieces", n),
            Delivery::Drop => ("drop", 0),
        };
        Some(Reply { status: answer.status.as_u16(), headers, body: answer.body, mode, piece })
    }
}

/// What to send.
#[wasm_bindgen]
pub struct Reply {
    status: u16,
    headers: Vec<String>,
    body: Vec<u8>,
    mode: &'static str,
    piece: usize,
}

#[wasm_bindgen]
impl Reply {
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// `[name, value, …]`; a name may repeat (`vary`).
    #[wasm_bindgen(getter)]
    pub fn headers(&self) -> Vec<String> {
        self.headers.clone()
    }

    #[wasm_bindgen(getter)]
    pub fn body(&self) -> Vec<u8> {
        self.body.clone()
    }

    /// `whole`, `pieces` (send `body` in pieces of `piece` bytes, chunked) or `drop` (close the
    /// connection without a byte).
    #[wasm_bindgen(getter)]
    pub fn mode(&self) -> String {
        self.mode.to_owned()
    }

    #[wasm_bindgen(getter)]
    pub fn piece(&self) -> usize {
        self.piece
    }
}
