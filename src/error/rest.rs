//! The failures only the REST client has (`rest`).

use alloc::string::String;

use super::Text;
use crate::cat;

/// How a call to the Integra API fails beyond a refusal (`Error::Refused`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The credentials were rejected by `auth/getUserToken`.
    LoginFailed,
    /// HTTP 401: the token is missing, expired or invalid.
    Unauthorized,
    /// HTTP 400 with the server's message (`Wrong parameters: …`, `Disposition not found …`).
    BadRequest { message: Text },
    /// Any other unexpected HTTP status.
    HttpStatus { endpoint: &'static str, status: u16, body: Text },
    /// The request did not complete (connection refused, dropped, CORS, offline).
    Network { reason: Text },
    /// The request did not complete in time.
    RequestTimeout { endpoint: &'static str },
    /// The response body could not be understood.
    BadResponse { endpoint: &'static str, reason: Text },
    /// The response body grew past the client's `maxResponseBytes`; reading it was stopped.
    ResponseTooLarge { endpoint: &'static str },
}

impl Failure {
    #[inline(always)]
    pub fn code(&self) -> &'static str {
        match self {
            Failure::LoginFailed => "LOGIN_FAILED",
            Failure::Unauthorized => "UNAUTHORIZED",
            Failure::BadRequest { .. } => "BAD_REQUEST",
            Failure::HttpStatus { .. } => "HTTP_STATUS",
            Failure::Network { .. } => "NETWORK",
            Failure::RequestTimeout { .. } => "REQUEST_TIMEOUT",
            Failure::BadResponse { .. } => "BAD_RESPONSE",
            Failure::ResponseTooLarge { .. } => "RESPONSE_TOO_LARGE",
        }
    }

    #[inline(always)]
    pub fn message(&self) -> String {
        match self {
            Failure::LoginFailed => "login failed: the server rejected the user or password".into(),
            Failure::Unauthorized => "unauthorized: the token is missing, expired or invalid".into(),
            Failure::BadRequest { message } => cat!["the server rejected the request: ", message],
            Failure::HttpStatus { endpoint, status, .. } => {
                cat!["unexpected HTTP status ", crate::text::num(u64::from(*status)), " from `", endpoint, "`"]
            }
            Failure::Network { reason } => cat!["network error: ", reason],
            Failure::RequestTimeout { endpoint } => cat!["`", endpoint, "` timed out"],
            Failure::BadResponse { endpoint, reason } => cat!["unexpected response from `", endpoint, "`: ", reason],
            Failure::ResponseTooLarge { endpoint } => {
                cat!["the response of `", endpoint, "` is larger than the client's `maxResponseBytes`"]
            }
        }
    }

    /// The status and body of an unexpected HTTP status (the JS error carries both).
    #[allow(dead_code)] // Only the browser edge asks.
    pub fn http_status(&self) -> Option<(u16, &str)> {
        match self {
            Failure::HttpStatus { status, body, .. } => Some((*status, body)),
            _ => None,
        }
    }
}
