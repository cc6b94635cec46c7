//! The emulator without a transport: `Emulator::handle` takes one request (method, path, query,
//! headers, body bytes) and says what to answer, and how. Everything the emulator does happens
//! here: routing, the 405s, CORS (preflights included), the API pipeline, recordings and the
//! `/__emulator/` controls. A transport (the axum router in `router.rs`; the Node module of the
//! npm package through `www/emulator-wasm`) only moves bytes and carries out what an `Answer`
//! asks of it:
//!
//! - `Step::Wait`: wait `Wait::delay` (a fault's `delayMs`), then call `Wait::finish`, which
//!   goes on from where the request stopped (the rest of the pipeline runs after the wait, as on
//!   a slow server: a request delayed this way changes the state only when it is answered);
//! - `Delivery::Pieces(n)`: send the body in pieces of `n` bytes without `Content-Length`
//!   (chunked transfer on HTTP/1.1);
//! - `Delivery::Drop`: close the connection without sending a byte of the response;
//! - `HEAD`: the answer is the `GET` one with its body; the transport sends its headers (and its
//!   `Content-Length`) only.
//!
//! Paths the emulator does not serve are left to the caller (`handle` returns `None`,
//! `Emulator::owns` is false) whatever the method, so a server can mount the emulator beside its
//! own pages. The served paths: `/Integra/resources/<endpoint>` exactly, `/records/<something>`,
//! `/backup/records/<something>` and the control routes of `control.rs`.

use std::time::Duration;

use http::{header, HeaderMap, HeaderValue, Method, StatusCode};

use crate::control::{self, ControlRoute};
use crate::cors;
use crate::emulator::Emulator;
use crate::endpoints::{API_PREFIX, ENDPOINTS};
use crate::faults::Forced;
use crate::pipeline::{self, Endpoint};
use crate::recordings::{serve_recording, BACKUP_PREFIX, TELEPHONY_PREFIX};

/// One request as a transport received it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: Method,
    /// The path as sent (still percent-encoded), without the query.
    pub path: String,
    /// The query string without its `?` (`None` when the target has no `?`).
    pub query: Option<String>,
    pub headers: HeaderMap,
    /// The whole body; `None` when the transport could not read it, or stopped reading at
    /// `Emulator::body_limit` bytes (the API then answers 413).
    pub body: Option<Vec<u8>>,
}

/// How the transport sends an answer's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// In one piece, with `Content-Length`.
    Whole,
    /// In pieces of this many bytes (at least 1), without `Content-Length`.
    Pieces(usize),
    /// Not at all: the connection closes before any byte of the response.
    Drop,
}

/// What to answer.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub delivery: Delivery,
}

impl Answer {
    /// An answer with a body and, if given, its content type.
    pub(crate) fn new(status: StatusCode, content_type: Option<&'static str>, body: impl Into<Vec<u8>>) -> Answer {
        let mut headers = HeaderMap::new();
        if let Some(ct) = content_type {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
        }
        Answer { status, headers, body: body.into(), delivery: Delivery::Whole }
    }
}

/// What `Emulator::handle` made of a request.
#[derive(Debug)]
pub enum Step {
    /// Answer this now.
    Done(Answer),
    /// Wait, then `finish`.
    Wait(Wait),
}

/// A request held by a fault's delay.
pub struct Wait {
    delay: Duration,
    ep: &'static Endpoint,
    forced: Option<Forced>,
    req: Request,
    origin: Option<HeaderValue>,
}

impl std::fmt::Debug for Wait {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wait").field("delay", &self.delay).field("endpoint", &self.ep.path).finish_non_exhaustive()
    }
}

impl Wait {
    /// How long to wait before `finish`.
    pub fn delay(&self) -> Duration {
        self.delay
    }

    /// The rest of the request's handling, once the delay is over.
    pub fn finish(self, emu: &Emulator) -> Answer {
        let answer = pipeline::conclude(emu, self.ep, self.forced, &self.req);
        cors::decorate(answer, self.origin)
    }
}

/// What a served path is.
#[derive(Clone, Copy)]
enum Route {
    Api(&'static Endpoint),
    Recording,
    Control(ControlRoute),
}

impl Route {
    /// The methods the route serves (`GET` implies `HEAD`), as the `Allow` header lists them.
    fn allow(self) -> &'static str {
        match self {
            Route::Api(_) => "POST",
            Route::Recording => "GET,HEAD",
            Route::Control(c) => c.allow(),
        }
    }

    fn serves(self, method: &Method) -> bool {
        self.allow().split(',').any(|m| m == method.as_str())
    }
}

fn route(path: &str) -> Option<Route> {
    if let Some(rest) = path.strip_prefix(API_PREFIX) {
        return ENDPOINTS.iter().find(|ep| ep.path == rest).map(Route::Api);
    }
    // `/records/x`, `/backup/records/x`: anything (not nothing) after the prefix's slash.
    let under =
        |prefix: &str| path.strip_prefix(prefix).and_then(|r| r.strip_prefix('/')).is_some_and(|r| !r.is_empty());
    if under(TELEPHONY_PREFIX) || under(BACKUP_PREFIX) {
        return Some(Route::Recording);
    }
    ControlRoute::of(path).map(Route::Control)
}

impl Emulator {
    /// Whether `path` (without query) is one the emulator serves, whatever the method.
    pub fn owns(&self, path: &str) -> bool {
        route(path).is_some()
    }

    /// The most body bytes a transport needs to read: past this, give `body: None`.
    pub fn body_limit(&self) -> usize {
        self.with_state(|st| st.config.max_body_bytes)
    }

    /// Handles one request: `None` if its path is not the emulator's (see the module doc).
    pub fn handle(&self, req: Request) -> Option<Step> {
        let route = route(&req.path)?;
        let origin = cors::allowed_origin(self, &req.headers);
        if req.method == Method::OPTIONS && req.headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD) {
            let answer = cors::preflight(self, &req, origin);
            return Some(Step::Done(with_allow(answer, route)));
        }
        if !route.serves(&req.method) {
            let answer = Answer::new(StatusCode::METHOD_NOT_ALLOWED, None, Vec::new());
            return Some(Step::Done(with_allow(cors::decorate(answer, origin), route)));
        }
        let answer = match route {
            Route::Api(ep) => {
                let decision = pipeline::admit(self, ep);
                if let Some(delay) = decision.delay {
                    return Some(Step::Wait(Wait { delay, ep, forced: decision.forced, req, origin }));
                }
                pipeline::conclude(self, ep, decision.forced, &req)
            }
            Route::Recording => serve_recording(self, &req.path),
            Route::Control(c) => control::answer(self, c, &req.method, req.body.as_deref().unwrap_or_default()),
        };
        Some(Step::Done(cors::decorate(answer, origin)))
    }
}

/// A method the route does not serve (preflights included) gets the `Allow` header.
fn with_allow(mut answer: Answer, route: Route) -> Answer {
    answer.headers.insert(header::ALLOW, HeaderValue::from_static(route.allow()));
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::EmulatorConfig;
    use crate::faults::Fault;

    fn post(path: &str, body: &str) -> Request {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
        Request { method: Method::POST, path: path.to_owned(), query: None, headers, body: Some(body.into()) }
    }

    #[test]
    fn other_paths_are_left_to_the_caller() {
        let emu = Emulator::new(EmulatorConfig::default());
        for path in ["/", "/records", "/records/", "/Integra/resources/", "/__emulator/nope", "/portal.html"] {
            assert!(!emu.owns(path), "{path}");
            assert!(emu.handle(post(path, "")).is_none(), "{path}");
        }
        assert!(
            emu.owns("/Integra/resources/auth/getUserToken") && emu.owns("/records/x") && emu.owns("/__emulator/reset")
        );
    }

    #[test]
    fn a_delayed_request_runs_when_finished() {
        let emu = Emulator::new(EmulatorConfig::default());
        emu.set_fault("auth/getUserToken", Fault { delay_ms: 50, ..Fault::default() });
        let login = post("/Integra/resources/auth/getUserToken", "user=agent1&password=secret1");
        let Some(Step::Wait(wait)) = emu.handle(login) else { panic!("expected a wait") };
        assert_eq!(wait.delay(), Duration::from_millis(50));
        assert!(emu.view().sessions.is_empty() && emu.view().log.is_empty(), "nothing happened yet");
        let answer = wait.finish(&emu);
        assert_eq!((answer.status, answer.delivery), (StatusCode::OK, Delivery::Whole));
        assert_eq!(emu.view().sessions.len(), 1);
    }
}
