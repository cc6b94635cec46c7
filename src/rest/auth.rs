//! Session tokens, credentials, and the two session endpoints `auth/getUserToken` and
//! `auth/EndSession`.
//!
//! A token is minted by the server on each login: base64 of `<login>:<lowercase uuid v4>`.
//! Clients send it verbatim as `Authorization: Basic <token>`. It is a secret: [`Token`] and
//! [`Credentials`] print `***` in `Debug` and `Display`, and no error ever quotes a login body.

use core::fmt;

use base64::Engine as _;

use crate::error::{Error, Result};

use crate::error::RestError;
use crate::json::{self, Value};
use crate::validate;

use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::{check_status, is_one, is_refusal, redact_secrets};
use super::request::{Response, RetryPolicy};

/// Longest token accepted (real ones are about 60 characters).
const MAX_TOKEN: usize = 4096;

/// The login endpoint's name in errors.
const LOGIN: &str = "getUserToken";

/// A session token. Redacted in `Debug`/`Display`; [`Token::expose`] gives the raw value for
/// the `Authorization` header.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Wraps a raw token value. It must be non-empty, at most 4096 bytes, and only visible
    /// ASCII (so it goes into a header unchanged).
    pub fn new(raw: impl Into<String>) -> Result<Self> {
        let raw = raw.into();
        if raw.is_empty() {
            return Err(Error::invalid("token", "is empty"));
        }
        if raw.len() > MAX_TOKEN {
            return Err(Error::invalid("token", "is longer than 4096 bytes"));
        }
        if !raw.bytes().all(|b| (0x21..=0x7E).contains(&b)) {
            return Err(Error::invalid("token", "contains characters not allowed in a header"));
        }
        Ok(Self(raw))
    }

    /// The raw value, for the `Authorization` header and `auth/EndSession`. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The login part of the token (the text before the last `:` of its base64 payload), when
    /// the token has the usual `<login>:<uuid>` form.
    pub fn login(&self) -> Option<String> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(self.0.as_bytes())
            .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(self.0.as_bytes()))
            .ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (login, _session) = text.rsplit_once(':')?;
        (!login.is_empty()).then(|| login.to_owned())
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// A user name and password for `auth/getUserToken`. The password is redacted in `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    user: String,
    password: String,
}

impl Credentials {
    /// Credentials for `user`.
    pub fn new(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self { user: user.into(), password: password.into() }
    }

    /// The user name.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The password, for the login form. Do not log it.
    pub fn expose_password(&self) -> &str {
        &self.password
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials").field("user", &self.user).field("password", &"***").finish()
    }
}

/// `POST auth/getUserToken` (form `user`, `password`; no `Authorization` header) → [`Token`].
#[derive(Debug, Clone, Copy)]
pub struct GetUserToken<'a>(pub &'a Credentials);

impl Endpoint for GetUserToken<'_> {
    type Output = Token;
    const PATH: &'static str = "auth/getUserToken";
    const NAME: &'static str = LOGIN;
    const IDEMPOTENT: bool = false;
    const AUTHENTICATED: bool = false;
    const RETRY: RetryPolicy = RetryPolicy::Never;

    fn validate(&self) -> Result<()> {
        validate::required_text("user", &self.0.user)?;
        // Any password the user can type is allowed (even spaces); only empty is refused.
        // The validators never quote the value, so nothing leaks through the error.
        if self.0.password.is_empty() {
            return Err(Error::invalid("password", "is required"));
        }
        validate::optional_text("password", &self.0.password)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("user", self.0.user.as_str()).push("password", self.0.password.as_str());
        Ok(())
    }

    /// See [`parse_user_token`]; in addition, the password is scrubbed from any server text an
    /// error carries, in case the server echoes it.
    fn parse(&self, resp: &Response) -> Result<Token> {
        parse_user_token(resp).map_err(|e| redact_secrets(e, resp, &[&self.0.password]))
    }
}

/// Reads a `getUserToken` answer: HTTP 200 with the token as a JSON string literal; body `0`
/// (or a 401) means the credentials were rejected. Errors never quote the body.
pub fn parse_user_token(resp: &Response) -> Result<Token> {
    const NAME: &str = LOGIN;
    let body = login_body(resp)?;
    if !body.starts_with('"') {
        return Err(Error::Rest(RestError::BadResponse {
            endpoint: NAME,
            reason: "expected the token as a JSON string".into(),
        }));
    }
    let Ok(Value::String(raw)) = json::parse(body) else {
        return Err(Error::Rest(RestError::BadResponse {
            endpoint: NAME,
            reason: "the token string is not valid JSON".into(),
        }));
    };
    token_from_body(NAME, raw)
}

/// Reads the answer of the older `auth/UserLogin`: a JSON array whose third element is the
/// token. Body `0` (or a 401) means the credentials were rejected.
pub fn parse_user_login(resp: &Response) -> Result<Token> {
    const NAME: &str = "UserLogin";
    let body = login_body(resp)?;
    let value = json::parse(body)
        .map_err(|_| Error::Rest(RestError::BadResponse { endpoint: NAME, reason: "expected a JSON array".into() }))?;
    let raw = value
        .as_array()
        .ok_or_else(|| Error::Rest(RestError::BadResponse { endpoint: NAME, reason: "expected a JSON array".into() }))?
        .get(2)
        .and_then(|v| v.as_str())
        .ok_or_else(|| {
            Error::Rest(RestError::BadResponse {
                endpoint: NAME,
                reason: "the third element is not a token string".into(),
            })
        })?;
    token_from_body(NAME, raw.to_owned())
}

/// Common status handling of both login answers. 401 counts as a rejected login here.
fn login_body(resp: &Response) -> Result<&str> {
    if resp.status == 401 {
        return Err(Error::Rest(RestError::LoginFailed));
    }
    let body = check_status(LOGIN, resp)?;
    if is_refusal(body) {
        return Err(Error::Rest(RestError::LoginFailed));
    }
    Ok(body)
}

fn token_from_body(endpoint: &'static str, raw: String) -> Result<Token> {
    // Not `Token::new(..)?`: its InvalidArgument would wrongly blame the caller's input.
    Token::new(raw).map_err(|_| {
        Error::Rest(RestError::BadResponse {
            endpoint,
            reason: "the token is empty, too long or not header-safe".into(),
        })
    })
}

/// `POST auth/EndSession` (form `user`, `token` = the full token value) → `()`.
///
/// A 401 means the token had already expired, so the session is over anyway; it is reported as
/// [`RestError::Unauthorized`] and never retried (logging in again just to log out makes no sense).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndSession {
    /// The login the token was issued to.
    pub user: String,
    /// The token to end.
    pub token: Token,
}

impl EndSession {
    /// Ends `token`'s session, taking the user from the token itself.
    pub fn for_token(token: &Token) -> Result<Self> {
        let user = token.login().ok_or_else(|| Error::invalid("token", "does not hold a `<login>:<id>` pair"))?;
        Ok(Self { user, token: token.clone() })
    }
}

impl Endpoint for EndSession {
    type Output = ();
    const PATH: &'static str = "auth/EndSession";
    const NAME: &'static str = "EndSession";
    const IDEMPOTENT: bool = false;
    const RETRY: RetryPolicy = RetryPolicy::Never;

    fn validate(&self) -> Result<()> {
        validate::required_text("user", &self.user)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("user", self.user.as_str()).push("token", self.token.expose());
        Ok(())
    }

    /// `1` (or an empty body) is success; `0` is [`Error::Refused`]. The token is scrubbed
    /// from any server text an error carries.
    fn parse(&self, resp: &Response) -> Result<()> {
        self.parse_inner(resp).map_err(|e| redact_secrets(e, resp, &[self.token.expose()]))
    }
}

impl EndSession {
    fn parse_inner(&self, resp: &Response) -> Result<()> {
        let body = check_status(Self::NAME, resp)?;
        if body.is_empty() || is_one(body) {
            Ok(())
        } else if is_refusal(body) {
            Err(Error::Refused { endpoint: Self::NAME })
        } else {
            Err(Error::Rest(RestError::BadResponse { endpoint: Self::NAME, reason: "expected `1` or `0`".into() }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rest::build;

    // base64("Vcisneros:6747c823-f9fb-4643-9574-cc22a99ad4e1")
    const RAW: &str = "VmNpc25lcm9zOjY3NDdjODIzLWY5ZmItNDY0My05NTc0LWNjMjJhOTlhZDRlMQ==";

    fn token() -> Token {
        Token::new(RAW).unwrap()
    }

    #[test]
    fn token_basics() {
        let t = token();
        assert_eq!(t.expose(), RAW);
        assert_eq!(format!("{t:?}"), "Token(***)");
        assert_eq!(t.to_string(), "***");
        assert_eq!(t.login().as_deref(), Some("Vcisneros"));
        assert_eq!(Token::new("bm9jb2xvbg==").unwrap().login(), None); // "nocolon"
        assert_eq!(Token::new("!!!").unwrap().login(), None);
        for bad in ["", "a b", "tok\n", "ñ"] {
            let e = Token::new(bad).unwrap_err();
            assert_eq!(e.code(), "INVALID_ARGUMENT");
        }
        assert!(Token::new("x".repeat(5000)).is_err());
    }

    #[test]
    fn login_request() {
        let creds = Credentials::new("ana pérez", "p@ss word&=");
        let req = build(&GetUserToken(&creds), Some(&token())).unwrap();
        assert_eq!(req.path(), "auth/getUserToken");
        assert_eq!(req.authorization(), None, "login never sends Authorization");
        assert_eq!(req.form().names(), ["user", "password"]);
        assert_eq!(req.body(), "user=ana+p%C3%A9rez&password=p%40ss+word%26%3D");
        assert_eq!(req.retry_policy(), RetryPolicy::Never);
        let dbg = format!("{req:?} {creds:?}");
        assert!(!dbg.contains("p@ss") && !dbg.contains("ss word"), "{dbg}");

        assert_eq!(build(&GetUserToken(&Credentials::new("", "x")), None).unwrap_err().code(), "INVALID_ARGUMENT");
        let e = build(&GetUserToken(&Credentials::new("ana", "")), None).unwrap_err();
        assert_eq!(e, Error::invalid("password", "is required"));
        assert!(build(&GetUserToken(&Credentials::new("ana", "   ")), None).is_ok());
    }

    #[test]
    fn login_responses() {
        let ep = GetUserToken(&Credentials::new("a", "b"));
        let ok = ep.parse(&Response::new(200, format!("\"{RAW}\""))).unwrap();
        assert_eq!(ok.expose(), RAW);
        assert_eq!(ep.parse(&Response::new(200, format!(" \"{RAW}\"\n"))).unwrap().expose(), RAW);
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Rest(RestError::LoginFailed)));
        assert_eq!(ep.parse(&Response::new(200, "\"0\"")), Err(Error::Rest(RestError::LoginFailed)));
        assert_eq!(ep.parse(&Response::new(401, "")), Err(Error::Rest(RestError::LoginFailed)));
        assert!(matches!(
            ep.parse(&Response::new(500, "boom")),
            Err(Error::Rest(RestError::HttpStatus { status: 500, .. }))
        ));
        assert!(matches!(
            ep.parse(&Response::new(400, "Wrong parameters")),
            Err(Error::Rest(RestError::BadRequest { .. }))
        ));
        for bad in [RAW, "\"\"", "\"a b\"", "\"unterminated", "[]", ""] {
            let e = ep.parse(&Response::new(200, bad)).unwrap_err();
            assert_eq!(e.code(), "BAD_RESPONSE", "{bad}");
            assert!(!e.to_string().contains(RAW) && !format!("{e:?}").contains(RAW));
        }
    }

    #[test]
    fn older_user_login() {
        let body = format!("[\"Vcisneros\", 3, \"{RAW}\", \"extra\"]");
        assert_eq!(parse_user_login(&Response::new(200, body)).unwrap().expose(), RAW);
        assert_eq!(parse_user_login(&Response::new(200, "0")), Err(Error::Rest(RestError::LoginFailed)));
        for bad in ["[1,2]", "[1,2,3]", "{}", "nope", "[1,2,\"\"]"] {
            assert_eq!(parse_user_login(&Response::new(200, bad)).unwrap_err().code(), "BAD_RESPONSE", "{bad}");
        }
    }

    #[test]
    fn end_session() {
        let t = token();
        let ep = EndSession::for_token(&t).unwrap();
        assert_eq!(ep.user, "Vcisneros");
        let req = build(&ep, Some(&t)).unwrap();
        assert_eq!(req.path(), "auth/EndSession");
        assert_eq!(req.form().names(), ["user", "token"]);
        assert_eq!(req.form().get("token"), Some(RAW));
        assert_eq!(req.body(), format!("user=Vcisneros&token={}", RAW.replace('=', "%3D")));
        assert!(!format!("{req:?}").contains(RAW));
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "EndSession" }));
        assert_eq!(ep.parse(&Response::new(401, "")), Err(Error::Rest(RestError::Unauthorized)));
        assert_eq!(ep.parse(&Response::new(200, "{")).unwrap_err().code(), "BAD_RESPONSE");
        assert!(EndSession::for_token(&Token::new("abc").unwrap()).is_err());
    }
}
