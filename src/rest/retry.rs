//! The automatic retry rule: what an executor may repeat on its own after a failure.
//!
//! Many Integra endpoints *act* — they dial (`AgentCall`, `AgentCallwithData`, `DialerTask`),
//! queue or schedule calls (`Respool`, `ScheduleDialerCall`), load contact lists
//! (`uploadbase`, `uploadbasewithtimezone`), store dispositions (`DispositionCall`), block
//! numbers (`addblack`), hang up, tag, convert, remove. When such a request fails in a way that
//! leaves open whether the server ran it (connection dropped, timeout, a 5xx from a proxy after
//! the server acted), sending it again could call a customer twice or load a list twice. So:
//!
//! 1. **Only HTTP 401 is retried**, and **once**: the executor logs in again, rebuilds the request
//!    with the new token and sends it a second time. A 401 means the server refused the token
//!    before doing anything, so repeating is safe for every endpoint. (The same holds for the
//!    [`Error::Unauthorized`] that `build` returns when there is no token yet: nothing was sent.)
//! 2. The login endpoints are never retried: a rejected login is not cured by logging in, and
//!    ending a session whose token already expired has nothing left to do.
//! 3. **Nothing else is retried automatically** — not network errors, not timeouts, not 5xx, not
//!    `0` (`Refused`), not 400, not malformed bodies — even for the read-only endpoints. The
//!    server either answered (asking again gives the same answer) or may have acted. Whether to
//!    try again is the user's decision; [`Request::idempotent`] tells a UI when offering that
//!    is harmless.

use crate::error::Error;

use crate::error::RestError;

use super::request::{Request, RetryPolicy};

/// `true` when the executor may repeat `request` after it failed with `error`, given how many
/// times it was already repeated. See the module docs for the rule and its reasons.
pub fn may_retry_after(request: &Request, error: &Error, retries_done: u32) -> bool {
    retries_done == 0
        && request.retry_policy() == RetryPolicy::ReloginOnce
        && matches!(error, Error::Rest(RestError::Unauthorized))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rest::test_support::{every_request, token};
    use crate::rest::{build, Credentials, EndSession, GetUserToken};

    fn every_error() -> Vec<Error> {
        vec![
            Error::Rest(RestError::Unauthorized),
            Error::Refused { endpoint: "e" },
            Error::Rest(RestError::LoginFailed),
            Error::Rest(RestError::BadRequest { message: "Wrong parameters: Empty guid".into() }),
            Error::Rest(RestError::HttpStatus { endpoint: "e", status: 500, body: Default::default() }),
            Error::Rest(RestError::HttpStatus { endpoint: "e", status: 503, body: Default::default() }),
            Error::Rest(RestError::Network { reason: "offline".into() }),
            Error::Rest(RestError::RequestTimeout { endpoint: "e" }),
            Error::Rest(RestError::BadResponse { endpoint: "e", reason: "r".into() }),
        ]
    }

    #[test]
    fn only_a_first_401_is_retried() {
        let requests = every_request();
        assert!(requests.len() >= 20);
        for req in &requests {
            for err in every_error() {
                let want = matches!(err, Error::Rest(RestError::Unauthorized));
                assert_eq!(may_retry_after(req, &err, 0), want, "{} {err:?}", req.endpoint());
                assert!(!may_retry_after(req, &err, 1), "{} retried twice", req.endpoint());
            }
        }
    }

    #[test]
    fn login_endpoints_are_never_retried() {
        let creds = Credentials::new("ana", "pw");
        let login = build(&GetUserToken(&creds), None).unwrap();
        let end = build(&EndSession { user: "ana".into(), token: token() }, Some(&token())).unwrap();
        for req in [login, end] {
            for err in every_error() {
                assert!(!may_retry_after(&req, &err, 0), "{} {err:?}", req.endpoint());
            }
        }
    }
}
