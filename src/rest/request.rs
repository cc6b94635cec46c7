//! The request and response *values* that cross the sans-I/O boundary.
//!
//! The core builds a [`Request`] (method, path, headers, form body); the browser edge sends it
//! with `fetch` and hands back a [`Response`] (status and body text), which the endpoint parses.
//! Neither value does any I/O.

use core::fmt;

use super::auth::Token;
use super::form::Form;

/// The path prefix of every Integra REST resource on an instance.
pub const RESOURCES_PREFIX: &str = "/Integra/resources/";

/// The content type of every request body (Integra reads form fields, UTF-8).
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=UTF-8";

/// HTTP method. Every documented Integra endpoint is a `POST`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `POST`.
    Post,
}

impl Method {
    /// The method name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Post => "POST",
        }
    }
}

/// What an executor may do automatically when a request fails. See
/// [`may_retry_after`](super::retry::may_retry_after) for the rules and the reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryPolicy {
    /// Never repeat the request automatically.
    Never,
    /// After an HTTP 401 (nothing ran), log in again and repeat the request once.
    ReloginOnce,
}

/// A fully built, validated request, ready for the executor.
///
/// `Debug` never shows the token or a `password`/`token` form value.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) endpoint: &'static str,
    pub(crate) path: &'static str,
    pub(crate) token: Option<Token>,
    pub(crate) form: Form,
    pub(crate) idempotent: bool,
    pub(crate) retry: RetryPolicy,
}

impl Request {
    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The endpoint's short name, as used in errors (`AgentCall`, `getrecords`, …).
    pub fn endpoint(&self) -> &'static str {
        self.endpoint
    }

    /// The path relative to [`RESOURCES_PREFIX`], e.g. `Agents/AgentCall`.
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// The absolute URL on the instance `base` (`https://x.ucontactcloud.com`, with or without
    /// trailing slashes).
    pub fn url(&self, base: &str) -> String {
        let base = base.trim().trim_end_matches('/');
        let mut url = String::with_capacity(base.len() + RESOURCES_PREFIX.len() + self.path.len());
        url.push_str(base);
        url.push_str(RESOURCES_PREFIX);
        url.push_str(self.path);
        url
    }

    /// The `Content-Type` header value.
    pub fn content_type(&self) -> &'static str {
        CONTENT_TYPE
    }

    /// The `Authorization` header value, `Basic <token>` with the token verbatim; `None` for
    /// `auth/getUserToken`, which is sent without one.
    pub fn authorization(&self) -> Option<String> {
        self.token.as_ref().map(|t| {
            let mut h = String::with_capacity(6 + t.expose().len());
            h.push_str("Basic ");
            h.push_str(t.expose());
            h
        })
    }

    /// Every header to send, in a stable order: `Content-Type`, then `Authorization` if any.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        let mut h = vec![("Content-Type", CONTENT_TYPE.to_owned())];
        if let Some(a) = self.authorization() {
            h.push(("Authorization", a));
        }
        h
    }

    /// The form fields, in order.
    pub fn form(&self) -> &Form {
        &self.form
    }

    /// The encoded body (see [`Form::encode`]).
    pub fn body(&self) -> String {
        self.form.encode()
    }

    /// `true` when the endpoint only reads: repeating it has no effect on the contact center.
    /// Informational (for example, whether a UI may offer "try again" without a warning); the
    /// automatic retry rule is [`Request::retry_policy`].
    pub fn idempotent(&self) -> bool {
        self.idempotent
    }

    /// What an executor may repeat automatically.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("endpoint", &self.endpoint)
            .field("path", &self.path)
            .field("authorization", &self.token.as_ref().map(|_| "Basic ***"))
            .field("form", &self.form)
            .field("idempotent", &self.idempotent)
            .field("retry", &self.retry)
            .finish()
    }
}

/// What the executor got back: the HTTP status and the body as text.
///
/// `Debug` shows the body's length, not its text: a login response body *is* the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status code.
    pub status: u16,
    /// The body, decoded as text.
    pub body: String,
}

impl Response {
    /// A response value.
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        Self { status, body: body.into() }
    }
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response").field("status", &self.status).field("body_len", &self.body.len()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(token: Option<Token>) -> Request {
        let mut form = Form::new();
        form.push("phone", "1001");
        Request {
            method: Method::Post,
            endpoint: "HangupPhone",
            path: "Agents/HangupPhone",
            token,
            form,
            idempotent: false,
            retry: RetryPolicy::ReloginOnce,
        }
    }

    #[test]
    fn url_joins_with_or_without_trailing_slash() {
        let r = sample(None);
        let want = "https://x.ucontactcloud.com/Integra/resources/Agents/HangupPhone";
        for base in [
            "https://x.ucontactcloud.com",
            "https://x.ucontactcloud.com/",
            "https://x.ucontactcloud.com//",
            " https://x.ucontactcloud.com/ ",
        ] {
            assert_eq!(r.url(base), want, "{base:?}");
        }
        assert_eq!(r.method().as_str(), "POST");
    }

    #[test]
    fn headers_and_redaction() {
        let token = Token::new("VmNpc25lcm9zOjY3NDdjODIz").unwrap();
        let r = sample(Some(token));
        assert_eq!(r.content_type(), "application/x-www-form-urlencoded; charset=UTF-8");
        assert_eq!(r.authorization().as_deref(), Some("Basic VmNpc25lcm9zOjY3NDdjODIz"));
        assert_eq!(
            r.headers(),
            [("Content-Type", CONTENT_TYPE.to_owned()), ("Authorization", "Basic VmNpc25lcm9zOjY3NDdjODIz".to_owned())]
        );
        let dbg = format!("{r:?}");
        assert!(!dbg.contains("VmNpc25lcm9zOjY3NDdjODIz"), "{dbg}");
        assert!(dbg.contains("Basic ***"), "{dbg}");
        assert_eq!(sample(None).headers().len(), 1);
        assert_eq!(sample(None).authorization(), None);
    }

    #[test]
    fn response_debug_hides_body() {
        let r = Response::new(200, "\"c2VjcmV0\"");
        assert!(!format!("{r:?}").contains("c2VjcmV0"));
    }
}
