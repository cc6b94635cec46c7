//! Sessions: the tokens `auth/getUserToken` mints and every other endpoint demands.
//!
//! A token is base64 (standard alphabet, padded) of `<login>:<lowercase uuid v4>`, new on every
//! login; several sessions of one login may coexist. Clients send it as
//! `Authorization: Basic <token>`: exactly that scheme spelling and one space, nothing around it.
//! A token stops working when ended (`auth/EndSession`), when `Emulator::expire_all_tokens` (or
//! `POST /__emulator/expire-tokens`) runs, or after `EmulatorConfig::token_ttl`.
//! Token values never appear in `Debug`, the log or the state view.

use std::fmt;
use std::time::Duration;

use base64::Engine;
use http::{header, HeaderMap};

use crate::clock::Moment;

use crate::ids::new_guid;
use crate::records::SessionInfo;

struct Session {
    token: String,
    user: String,
    issued: Moment,
    ended: bool,
    expired: bool,
}

impl Session {
    fn valid(&self, ttl: Option<Duration>) -> bool {
        !self.ended && !self.expired && ttl.is_none_or(|ttl| self.issued.elapsed() < ttl)
    }
}

/// All sessions ever opened since the last reset.
#[derive(Default)]
pub(crate) struct Sessions {
    list: Vec<Session>,
}

impl fmt::Debug for Sessions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sessions({} opened, tokens redacted)", self.list.len())
    }
}

impl Sessions {
    /// Opens a session for `user` and returns its token.
    pub fn mint(&mut self, user: &str) -> String {
        let raw = format!("{user}:{}", new_guid());
        let token = base64::engine::general_purpose::STANDARD.encode(raw.as_bytes());
        self.list.push(Session {
            token: token.clone(),
            user: user.to_owned(),
            issued: Moment::now(),
            ended: false,
            expired: false,
        });
        token
    }

    /// The login owning `token`, if the token is currently valid.
    pub fn user_of(&self, token: &str, ttl: Option<Duration>) -> Option<String> {
        self.list.iter().find(|s| s.token == token && s.valid(ttl)).map(|s| s.user.clone())
    }

    /// Ends the session of `token` if it is valid and belongs to `user`.
    pub fn end(&mut self, user: &str, token: &str, ttl: Option<Duration>) -> bool {
        match self.list.iter_mut().find(|s| s.token == token && s.valid(ttl)) {
            Some(s) if s.user == user => {
                s.ended = true;
                true
            }
            _ => false,
        }
    }

    pub fn expire_all(&mut self) {
        for s in &mut self.list {
            s.expired = true;
        }
    }

    pub fn infos(&self, ttl: Option<Duration>) -> Vec<SessionInfo> {
        self.list.iter().map(|s| SessionInfo { user: s.user.clone(), valid: s.valid(ttl) }).collect()
    }
}

/// Extracts the token of an `Authorization: Basic <token>` header, or says what is wrong
/// (without echoing the header's value).
pub(crate) fn basic_token(headers: &HeaderMap) -> Result<&str, &'static str> {
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let value = values.next().ok_or("no Authorization header")?;
    if values.next().is_some() {
        return Err("more than one Authorization header");
    }
    let text = value.to_str().map_err(|_| "Authorization header is not ASCII")?;
    let token = text.strip_prefix("Basic ").ok_or("Authorization header must be `Basic <token>`")?;
    if token.is_empty() || token.bytes().any(|b| b.is_ascii_whitespace()) {
        return Err("Authorization header must be `Basic <token>` with one space and no padding");
    }
    Ok(token)
}
