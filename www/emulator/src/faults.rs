//! Fault injection: per endpoint (or `*` for every endpoint without its own entry), make the
//! emulator slow, wrong or gone, so clients can be tested against a misbehaving service.
//!
//! A fault is checked right after the request is counted and before anything else (content
//! type, auth, fields); a forced answer leaves the state untouched. Precedence when several
//! knobs are set: `dropConnection`, then `unauthorizedOnce`/`unauthorized` (only on endpoints
//! that need a token: a login passes and the one-shot 401 waits for the next authenticated
//! request), then `status`/`body`, then `zero`. `delayMs` applies first, whatever follows
//! (also to a request that then goes through normally).
//!
//! `dropConnection` answers with `Delivery::Drop`: the transport closes the connection without
//! a byte of response (the axum router answers with a body that fails on its first read, and
//! hyper then aborts the connection before flushing the head; the Node module destroys the
//! socket), so the peer sees the TCP connection close with zero bytes of response. A browser's
//! `fetch` rejects with a `TypeError` ("Failed to fetch"; devtools shows
//! `net::ERR_EMPTY_RESPONSE`). Chromium
//! may silently resend a request once when this happens on a reused keep-alive connection, so
//! one `fetch` can count twice. Through `tower::ServiceExt::oneshot` the response arrives but
//! collecting its body fails.

use std::collections::BTreeMap;
use std::time::Duration;

use http::StatusCode;
use serde::{Deserialize, Serialize};

/// One endpoint's fault. JSON (camelCase) is what `POST /__emulator/faults` takes, next to
/// an `endpoint` key. All knobs are optional; several may be combined.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Fault {
    /// Wait this long before answering (0 = no wait).
    pub delay_ms: u64,
    /// Answer this HTTP status, 200–599 (with `body`, or a short text naming the status).
    pub status: Option<u16>,
    /// Answer this body verbatim (e.g. `{not json`), with `status` or 200.
    pub body: Option<String>,
    /// Answer HTTP 200 with body `0`, the service's usual refusal.
    pub zero: bool,
    /// Close the connection without any response.
    pub drop_connection: bool,
    /// Answer 401 to every authenticated request (as if every token were expired).
    pub unauthorized: bool,
    /// Answer 401 to the next authenticated request only, then behave normally.
    pub unauthorized_once: bool,
    /// Apply the fault to this many requests, then remove it (`None`: until cleared).
    pub times: Option<u32>,
    /// Send a forced answer's body in pieces of this many bytes, with no `Content-Length`
    /// (chunked transfer), as a server that streams its answer does. Pieces may split a UTF-8
    /// character. Only with `status`/`body`/`zero`.
    pub chunk_bytes: Option<usize>,
}

impl Fault {
    fn is_inert(&self) -> bool {
        self.delay_ms == 0
            && self.status.is_none()
            && self.body.is_none()
            && !self.zero
            && !self.drop_connection
            && !self.unauthorized
            && !self.unauthorized_once
            && self.chunk_bytes.is_none()
    }
}

/// What a fault makes of one request.
#[derive(Debug, Default)]
pub(crate) struct Decision {
    pub delay: Option<Duration>,
    pub forced: Option<Forced>,
}

/// A forced answer.
#[derive(Debug)]
pub(crate) enum Forced {
    Drop,
    Unauthorized,
    Respond { status: u16, body: String, chunk: Option<usize> },
}

impl Forced {
    pub fn describe(&self) -> String {
        match self {
            Forced::Drop => "fault: connection dropped".to_owned(),
            Forced::Unauthorized => "fault: forced 401".to_owned(),
            Forced::Respond { status, .. } => format!("fault: forced answer {status}"),
        }
    }
}

/// Faults by endpoint key (`Agents/AgentCall`, …, or `*`).
#[derive(Debug, Default)]
pub(crate) struct FaultTable {
    pub entries: BTreeMap<String, Fault>,
}

impl FaultTable {
    pub fn set(&mut self, endpoint: &str, fault: Fault) {
        if fault.is_inert() {
            self.entries.remove(endpoint);
        } else {
            self.entries.insert(endpoint.to_owned(), fault);
        }
    }

    /// Decides the fate of one request to `endpoint`, consuming one-shot knobs and `times`.
    pub fn take(&mut self, endpoint: &str, needs_auth: bool) -> Decision {
        let key = if self.entries.contains_key(endpoint) { endpoint } else { "*" };
        let Some(fault) = self.entries.get_mut(key) else {
            return Decision::default();
        };
        let delay = (fault.delay_ms > 0).then(|| Duration::from_millis(fault.delay_ms));
        let forced = if fault.drop_connection {
            Some(Forced::Drop)
        } else if fault.unauthorized_once && needs_auth {
            fault.unauthorized_once = false;
            Some(Forced::Unauthorized)
        } else if fault.unauthorized && needs_auth {
            Some(Forced::Unauthorized)
        } else if fault.status.is_some() || fault.body.is_some() {
            let status = fault.status.unwrap_or(200);
            let body = fault.body.clone().unwrap_or_else(|| default_body(status));
            Some(Forced::Respond { status, body, chunk: fault.chunk_bytes })
        } else if fault.zero {
            Some(Forced::Respond { status: 200, body: "0".to_owned(), chunk: fault.chunk_bytes })
        } else {
            None
        };
        if delay.is_some() || forced.is_some() {
            if let Some(left) = fault.times.as_mut() {
                *left = left.saturating_sub(1);
            }
        }
        if fault.times == Some(0) || fault.is_inert() {
            let key = key.to_owned();
            self.entries.remove(&key);
        }
        Decision { delay, forced }
    }
}

fn default_body(status: u16) -> String {
    match StatusCode::from_u16(status) {
        Ok(code) if code.is_success() => String::new(),
        Ok(code) => format!("HTTP Status {} - {}", code.as_u16(), code.canonical_reason().unwrap_or("Error")),
        Err(_) => format!("HTTP Status {status}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn once_and_times_are_consumed() {
        let mut t = FaultTable::default();
        t.set("A", Fault { unauthorized_once: true, ..Fault::default() });
        assert!(t.take("A", false).forced.is_none(), "logins pass");
        assert!(matches!(t.take("A", true).forced, Some(Forced::Unauthorized)));
        assert!(t.entries.is_empty());
        assert!(t.take("A", true).forced.is_none());

        t.set("*", Fault { zero: true, times: Some(2), ..Fault::default() });
        assert!(matches!(t.take("B", true).forced, Some(Forced::Respond { status: 200, .. })));
        assert!(t.take("C", true).forced.is_some());
        assert!(t.take("C", true).forced.is_none());

        t.set("A", Fault { status: Some(500), ..Fault::default() });
        t.set("*", Fault { drop_connection: true, ..Fault::default() });
        match t.take("A", true).forced {
            Some(Forced::Respond { status, body, chunk: None }) => {
                assert_eq!((status, body.as_str()), (500, "HTTP Status 500 - Internal Server Error"))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(t.take("B", true).forced, Some(Forced::Drop)));
        t.set("A", Fault::default());
        assert!(!t.entries.contains_key("A"));
    }
}
