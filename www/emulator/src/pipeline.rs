//! What every Integra endpoint does before and after its own logic, in this order:
//!
//! 1. count the request (`Emulator::count`), faults included;
//! 2. apply the endpoint's fault, if any (see `faults.rs`): delay, then maybe a forced answer;
//! 3. refuse parameters in the query string (they must travel in the body);
//! 4. `415` unless `Content-Type: application/x-www-form-urlencoded[; charset=UTF-8]` (checked
//!    before auth, as a JAX-RS service matches `@Consumes` before its auth filter runs);
//! 5. `401` unless `Authorization: Basic <valid token>` (all endpoints but `auth/getUserToken`);
//! 6. `413` past `EmulatorConfig::max_body_bytes`;
//! 7. decode the form strictly (`form.rs`) and refuse any field the endpoint does not document;
//! 8. run the endpoint's handler on the locked state.
//!
//! A refusal (bad encoding, unknown/missing/empty field, invalid value) is answered in the
//! endpoint's style: most answer HTTP 200 with body `0`, as the service does; `api/DispositionCall`
//! answers HTTP 400 with a `Wrong parameters: …` text. Every refusal, 401, 413 and 415 also
//! carries an `X-Emulator-Reason` header saying what was wrong (never a secret), for humans
//! debugging a client; the real service sends no such header, so clients must not rely on it.

use http::{HeaderValue, StatusCode};
use serde_json::Value;

use crate::auth::basic_token;
use crate::emulator::Emulator;
use crate::exchange::{Answer, Delivery, Request};
use crate::faults::{Decision, Forced};
use crate::form::{check_content_type, Form};
use crate::state::State;

/// Name of the diagnostic header on refusals.
pub const REASON_HEADER: &str = "x-emulator-reason";

/// How an endpoint says no.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// HTTP 200, body `0`.
    Zero,
    /// HTTP 400, body `Wrong parameters: <reason>`.
    BadRequest,
    /// HTTP 200, body `ERROR` (the Omnichannel sends).
    ErrorWord,
}

/// A successful (or exactly documented) answer of a handler.
#[derive(Debug)]
pub(crate) enum Reply {
    /// HTTP 200, `text/plain` (`1`, a GUID, …).
    Text(String),
    /// HTTP 200, `application/json`.
    Json(Value),
    /// HTTP 200 with an empty body.
    Empty,
    /// HTTP 400 with this exact text (DispositionCall's documented messages).
    BadRequest(String),
}

/// A handler's result: `Err` is a refusal reason, answered in the endpoint's style.
pub(crate) type Outcome = Result<Reply, String>;

/// What a handler sees.
pub(crate) struct Ctx<'a> {
    pub st: &'a mut State,
    /// The login whose token authenticated the request (`None` for `auth/getUserToken`).
    pub user: Option<String>,
}

/// One Integra endpoint.
pub(crate) struct Endpoint {
    /// Path under `/Integra/resources/`, exactly as the service spells it.
    pub path: &'static str,
    pub auth: bool,
    /// Every form field the endpoint accepts; anything else is refused.
    pub fields: &'static [&'static str],
    pub refusal: Refusal,
    pub handle: fn(&mut Ctx<'_>, &Form) -> Outcome,
}

/// A header-safe rendering of a reason: visible ASCII only, at most 300 characters.
fn header_text(reason: &str) -> HeaderValue {
    let clean: String =
        reason.chars().map(|c| if c == ' ' || c.is_ascii_graphic() { c } else { '?' }).take(300).collect();
    HeaderValue::from_str(&clean).unwrap_or_else(|_| HeaderValue::from_static("refused"))
}

const TEXT: &str = "text/plain;charset=UTF-8";
const JSON: &str = "application/json";

fn plain(status: StatusCode, body: impl Into<Vec<u8>>, content_type: &'static str) -> Answer {
    Answer::new(status, Some(content_type), body)
}

fn with_reason(mut r: Answer, reason: &str) -> Answer {
    r.headers.insert(REASON_HEADER, header_text(reason));
    r
}

fn refusal(style: Refusal, reason: &str) -> Answer {
    match style {
        Refusal::Zero => with_reason(plain(StatusCode::OK, "0", TEXT), reason),
        Refusal::ErrorWord => with_reason(plain(StatusCode::OK, "ERROR", TEXT), reason),
        Refusal::BadRequest => {
            with_reason(plain(StatusCode::BAD_REQUEST, format!("Wrong parameters: {reason}"), TEXT), reason)
        }
    }
}

pub(crate) fn unauthorized(reason: &str) -> Answer {
    with_reason(plain(StatusCode::UNAUTHORIZED, "HTTP Status 401 - Unauthorized", TEXT), reason)
}

fn forced_answer(forced: Forced) -> Answer {
    match forced {
        Forced::Drop => Answer { delivery: Delivery::Drop, ..plain(StatusCode::OK, Vec::new(), TEXT) },
        Forced::Unauthorized => unauthorized("fault: forced 401"),
        Forced::Respond { status, body, chunk } => {
            // Only final statuses make sense here; anything else becomes a 500.
            let code = StatusCode::from_u16(status)
                .ok()
                .filter(|c| c.as_u16() >= 200)
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let delivery = match chunk {
                Some(n) => Delivery::Pieces(n.max(1)),
                None => Delivery::Whole,
            };
            Answer { delivery, ..plain(code, body, TEXT) }
        }
    }
}

fn reply_answer(reply: Reply) -> Answer {
    match reply {
        Reply::Text(text) => plain(StatusCode::OK, text, TEXT),
        Reply::Json(value) => plain(StatusCode::OK, value.to_string(), JSON),
        Reply::Empty => plain(StatusCode::OK, Vec::new(), TEXT),
        Reply::BadRequest(text) => {
            let r = plain(StatusCode::BAD_REQUEST, text.clone(), TEXT);
            with_reason(r, &text)
        }
    }
}

/// Steps 1 and 2 up to the delay: counts the request and decides its fault.
pub(crate) fn admit(emu: &Emulator, ep: &'static Endpoint) -> Decision {
    emu.with_state(|st| {
        st.count(ep.path);
        st.faults.take(ep.path, ep.auth)
    })
}

/// The rest, after the fault's delay if any: the forced answer, or steps 3 to 8; logged.
pub(crate) fn conclude(emu: &Emulator, ep: &'static Endpoint, forced: Option<Forced>, req: &Request) -> Answer {
    let (answer, outcome) = match forced {
        Some(forced) => {
            let outcome = forced.describe();
            (forced_answer(forced), outcome)
        }
        None => answer(emu, ep, req),
    };
    emu.with_state(|st| st.record(ep.path, answer.status.as_u16(), &outcome));
    answer
}

fn answer(emu: &Emulator, ep: &'static Endpoint, req: &Request) -> (Answer, String) {
    if req.query.as_deref().is_some_and(|q| !q.is_empty()) {
        let reason = "parameters must travel in the form body, not in the query string";
        return (refusal(ep.refusal, reason), reason.to_owned());
    }
    if let Err(reason) = check_content_type(&req.headers) {
        let r = with_reason(plain(StatusCode::UNSUPPORTED_MEDIA_TYPE, reason.clone(), TEXT), &reason);
        return (r, reason);
    }
    let (user, limit) = emu.with_state(|st| {
        let ttl = st.config.token_ttl;
        let user = if ep.auth {
            Some(basic_token(&req.headers).map_err(str::to_owned).and_then(|token| {
                st.sessions.user_of(token, ttl).ok_or_else(|| "token unknown, ended or expired".to_owned())
            }))
        } else {
            None
        };
        (user, st.config.max_body_bytes)
    });
    let user = match user {
        Some(Err(reason)) => return (unauthorized(&reason), reason),
        Some(Ok(login)) => Some(login),
        None => None,
    };
    let bytes = match &req.body {
        Some(bytes) if bytes.len() <= limit => bytes,
        _ => {
            let reason = format!("body larger than {limit} bytes or unreadable");
            let r = with_reason(plain(StatusCode::PAYLOAD_TOO_LARGE, reason.clone(), TEXT), &reason);
            return (r, reason);
        }
    };
    let form = match Form::parse(bytes) {
        Ok(form) => form,
        Err(reason) => return (refusal(ep.refusal, &reason), reason),
    };
    if let Some(name) = form.unknown_field(ep.fields) {
        let reason = format!("unknown field `{name}`");
        return (refusal(ep.refusal, &reason), reason);
    }
    let outcome = emu.with_state(|st| {
        let mut ctx = Ctx { st, user };
        (ep.handle)(&mut ctx, &form)
    });
    match outcome {
        Ok(Reply::BadRequest(text)) => (reply_answer(Reply::BadRequest(text.clone())), text),
        Ok(reply) => (reply_answer(reply), "ok".to_owned()),
        Err(reason) => (refusal(ep.refusal, &reason), reason),
    }
}
