//! The crate's one error type.
//!
//! Variants are grouped by *category* (what went wrong), never by call site. Every error has a
//! stable SCREAMING_SNAKE [`Error::code`] that JavaScript callers can switch on; the browser edge
//! turns it into a JS `Error` whose `name` is `UContactError` and whose `code` is that string.
//!
//! Secrets (tokens, passwords, AES keys) are never part of an error: no variant stores them, so
//! neither [`Error::message`] nor `Debug` can leak them.
//!
//! Messages are built by [`Error::message`] from static pieces and the variant's fields, without
//! `core::fmt` (see `crate::text`): the browser build calls it for every JS error and must not
//! carry the formatting machinery for it. `Display` prints the same text, for native callers.

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::string::String;

/// Everything that can go wrong in the bridge.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    // ---- caller input, rejected before anything is sent ------------------------------------
    /// An argument failed validation; nothing was sent.
    InvalidArgument { field: &'static str, reason: Text },

    // ---- the portal channel ------------------------------------------------------------------
    /// The portal did not answer within the configured time.
    Timeout { action: &'static str },
    /// The channel (or bridge) was destroyed; nothing more will be sent or received.
    Destroyed,
    /// The caller aborted the operation through its `AbortSignal`.
    Aborted,
    /// The page is not framed by a portal, or the portal window is gone.
    NoPortal { reason: &'static str },
    /// The portal stopped answering; calls fail fast until it is restored.
    // gate: only the Bridge fails this way
    #[cfg(feature = "bridge")]
    PortalLost,
    /// The action exists only through the portal (for example `callWithPhone`).
    // gate: only the Bridge fails this way
    #[cfg(feature = "bridge")]
    PortalRequired { action: &'static str, reason: Text },
    /// An inbound message that is not a valid Porthole envelope or reply.
    BadMessage { reason: Text },

    // ---- the Integra REST API ---------------------------------------------------------------
    /// The server answered HTTP 200 with body `0`: the operation was refused.
    Refused { endpoint: &'static str },
    /// The credentials were rejected by `auth/getUserToken`.
    // gate: only the REST client fails this way
    #[cfg(feature = "rest")]
    LoginFailed,
    /// HTTP 401: the token is missing, expired or invalid.
    // gate: only the REST client fails this way
    #[cfg(feature = "rest")]
    Unauthorized,
    /// HTTP 400 with the server's message (`Wrong parameters: …`, `Disposition not found …`).
    // gate: only the REST client fails this way
    #[cfg(feature = "rest")]
    BadRequest { message: Text },
    /// Any other unexpected HTTP status.
    // gate: only the REST client fails this way
    #[cfg(feature = "rest")]
    HttpStatus { endpoint: &'static str, status: u16, body: Text },
    /// The request did not complete (connection refused, dropped, CORS, offline).
    // gate: only the REST client fails this way
    #[cfg(feature = "rest")]
    Network { reason: Text },
    /// The request did not complete in time.
    // gate: only the REST client fails this way
    #[cfg(feature = "rest")]
    RequestTimeout { endpoint: &'static str },
    /// The response body could not be understood.
    // gate: only the REST client fails this way
    #[cfg(feature = "rest")]
    BadResponse { endpoint: &'static str, reason: Text },
    /// The response body grew past the client's `maxResponseBytes`; reading it was stopped.
    // gate: only the REST client fails this way
    #[cfg(feature = "rest")]
    ResponseTooLarge { endpoint: &'static str },

    // ---- CTI records and their encryption -----------------------------------------------------
    /// The key is not 32 bytes of base64 or hex.
    BadKey { reason: &'static str },
    /// The record was encrypted with a different key.
    // gate: only sealed records and their storage fail this way
    #[cfg(feature = "sealed")]
    WrongKey,
    /// The ciphertext or its header was altered (authentication failed).
    // gate: only sealed records and their storage fail this way
    #[cfg(feature = "sealed")]
    Tampered,
    /// The envelope is shorter than its fixed parts.
    // gate: only sealed records and their storage fail this way
    #[cfg(feature = "sealed")]
    Truncated,
    /// The envelope is not valid base64.
    // gate: only sealed records and their storage fail this way
    #[cfg(feature = "sealed")]
    BadBase64,
    /// The envelope names a version or format this library does not know.
    // gate: only sealed records and their storage fail this way
    #[cfg(feature = "sealed")]
    UnsupportedEnvelope { reason: &'static str },
    /// The JSON (plain or decrypted) is malformed or has the wrong shape.
    BadJson { reason: Text },
    /// The CTI record has no dialer row, so no Respool can be built from it.
    NotDialer,
    /// No CTI record was found where it was looked for.
    NotFound { reason: &'static str },
    /// Web storage is not available (blocked third-party storage, private mode, sandboxing).
    // gate: only sealed records and their storage fail this way
    #[cfg(feature = "sealed")]
    StorageUnavailable { reason: Text },
    /// The platform has no secure random source, so no nonce or key could be made.
    // gate: only sealed records and their storage fail this way
    #[cfg(feature = "sealed")]
    RandomUnavailable,

    // ---- uContact v6 --------------------------------------------------------------------------
    /// A form asked for its interaction and none can come (it is not inside the Inbox).
    NoInteraction { reason: &'static str },
}

impl Error {
    /// A stable, SCREAMING_SNAKE identifier for the error kind. Never changes between versions
    /// for the same kind; safe to switch on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidArgument { .. } => "INVALID_ARGUMENT",
            Error::Timeout { .. } => "TIMEOUT",
            Error::Destroyed => "DESTROYED",
            Error::Aborted => "ABORTED",
            Error::NoPortal { .. } => "NO_PORTAL",
            // gate: only the Bridge fails this way
            #[cfg(feature = "bridge")]
            Error::PortalLost => "PORTAL_LOST",
            // gate: only the Bridge fails this way
            #[cfg(feature = "bridge")]
            Error::PortalRequired { .. } => "PORTAL_REQUIRED",
            Error::BadMessage { .. } => "BAD_MESSAGE",
            Error::Refused { .. } => "REFUSED",
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::LoginFailed => "LOGIN_FAILED",
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::Unauthorized => "UNAUTHORIZED",
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::BadRequest { .. } => "BAD_REQUEST",
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::HttpStatus { .. } => "HTTP_STATUS",
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::Network { .. } => "NETWORK",
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::RequestTimeout { .. } => "REQUEST_TIMEOUT",
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::BadResponse { .. } => "BAD_RESPONSE",
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::ResponseTooLarge { .. } => "RESPONSE_TOO_LARGE",
            Error::BadKey { .. } => "BAD_KEY",
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::WrongKey => "WRONG_KEY",
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::Tampered => "TAMPERED",
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::Truncated => "TRUNCATED",
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::BadBase64 => "BAD_BASE64",
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::UnsupportedEnvelope { .. } => "UNSUPPORTED_ENVELOPE",
            Error::BadJson { .. } => "BAD_JSON",
            Error::NotDialer => "NOT_DIALER",
            Error::NotFound { .. } => "NOT_FOUND",
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::StorageUnavailable { .. } => "STORAGE_UNAVAILABLE",
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::RandomUnavailable => "RANDOM_UNAVAILABLE",
            Error::NoInteraction { .. } => "NO_INTERACTION",
        }
    }

    /// The human-readable message (what a JS error's `message` says).
    #[inline(never)]
    pub fn message(&self) -> String {
        use crate::cat;
        match self {
            Error::InvalidArgument { field, reason } => cat!["invalid argument `", field, "`: ", reason],
            Error::Timeout { action: "getInteraction" } => {
                "no interaction arrived in time (a form in the Inbox's test mode gets none)".into()
            }
            Error::Timeout { action } => cat!["timed out waiting for the portal to answer `", action, "`"],
            Error::Destroyed => "the channel was destroyed".into(),
            Error::Aborted => "the operation was aborted".into(),
            Error::NoPortal { reason } => cat!["no portal window: ", reason],
            // gate: only the Bridge fails this way
            #[cfg(feature = "bridge")]
            Error::PortalLost => "the portal connection is lost".into(),
            // gate: only the Bridge fails this way
            #[cfg(feature = "bridge")]
            Error::PortalRequired { action, reason } => {
                cat!["`", action, "` is only available through the portal: ", reason]
            }
            Error::BadMessage { reason } => cat!["malformed portal message: ", reason],
            Error::Refused { endpoint } => cat!["the server refused `", endpoint, "` (answered 0)"],
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::LoginFailed => "login failed: the server rejected the user or password".into(),
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::Unauthorized => "unauthorized: the token is missing, expired or invalid".into(),
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::BadRequest { message } => cat!["the server rejected the request: ", message],
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::HttpStatus { endpoint, status, .. } => {
                cat!["unexpected HTTP status ", crate::text::num(u64::from(*status)), " from `", endpoint, "`"]
            }
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::Network { reason } => cat!["network error: ", reason],
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::RequestTimeout { endpoint } => cat!["`", endpoint, "` timed out"],
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::BadResponse { endpoint, reason } => cat!["unexpected response from `", endpoint, "`: ", reason],
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::ResponseTooLarge { endpoint } => {
                cat!["the response of `", endpoint, "` is larger than the client's `maxResponseBytes`"]
            }
            Error::BadKey { reason } => cat!["invalid AES key: ", reason],
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::WrongKey => "the record was encrypted with a different key".into(),
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::Tampered => "the encrypted record failed authentication (tampered or corrupted)".into(),
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::Truncated => "the encrypted record is truncated".into(),
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::BadBase64 => "the encrypted record is not valid base64".into(),
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::UnsupportedEnvelope { reason } => cat!["unsupported record envelope: ", reason],
            Error::BadJson { reason } => cat!["invalid JSON: ", reason],
            Error::NotDialer => "the CTI record has no dialer data".into(),
            Error::NotFound { reason } => cat!["no CTI record found: ", reason],
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::StorageUnavailable { reason } => cat!["storage unavailable: ", reason],
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::RandomUnavailable => "no secure random source is available".into(),
            Error::NoInteraction { reason } => cat!["no interaction: ", reason],
        }
    }

    /// Shorthand for [`Error::InvalidArgument`].
    pub fn invalid(field: &'static str, reason: impl Into<Text>) -> Self {
        Error::InvalidArgument { field, reason: reason.into() }
    }
}

/// The text an error carries (a reason, the server's message, a response body), one pointer
/// wide. An [`Error`] moves through every `?` of every parser, and each move copies it whole:
/// with `String` fields it was 24 bytes on wasm32, with `Text` 16, which took about 1 KB of
/// gzip off the channel build (BENCHMARKS.md). Reads as a `str`.
#[derive(Clone, Default, PartialEq, Eq)]
// A boxed `String` on purpose: a thin pointer, where `Box<str>` would be two words.
#[allow(clippy::box_collection)]
pub struct Text(Box<String>);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl core::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    // Out of line: one copy of the boxing serves every error site.
    #[inline(never)]
    fn from(s: String) -> Self {
        Text(Box::new(s))
    }
}

impl From<&str> for Text {
    #[inline(never)]
    fn from(s: &str) -> Self {
        Text::from(s.to_owned())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        *t.0
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl core::fmt::Display for Text {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl core::fmt::Debug for Text {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for Error {}

// An error is copied whole at every `?` it passes: keep it four words on wasm32 (a variant
// with more than a `&'static str` and a `Text` beside its tag would grow every result).
#[cfg(target_arch = "wasm32")]
const _: () = assert!(core::mem::size_of::<Error>() <= 16);

/// The crate's result type.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Every code, in declaration order, then the codes only the JavaScript glue raises
/// ([`GLUE_CODES`]). The TypeScript `ErrorCode` union is checked against it, and the glue's
/// runtime `ErrorCode` object is generated from it (scripts/error-values.mjs).
pub const ALL_CODES: &[&str] = &[
    "INVALID_ARGUMENT",
    "TIMEOUT",
    "DESTROYED",
    "ABORTED",
    "NO_PORTAL",
    "PORTAL_LOST",
    "PORTAL_REQUIRED",
    "BAD_MESSAGE",
    "REFUSED",
    "LOGIN_FAILED",
    "UNAUTHORIZED",
    "BAD_REQUEST",
    "HTTP_STATUS",
    "NETWORK",
    "REQUEST_TIMEOUT",
    "BAD_RESPONSE",
    "RESPONSE_TOO_LARGE",
    "BAD_KEY",
    "WRONG_KEY",
    "TAMPERED",
    "TRUNCATED",
    "BAD_BASE64",
    "UNSUPPORTED_ENVELOPE",
    "BAD_JSON",
    "NOT_DIALER",
    "NOT_FOUND",
    "STORAGE_UNAVAILABLE",
    "RANDOM_UNAVAILABLE",
    "NO_INTERACTION",
    "NOT_INITIALIZED",
    "WASM_BLOCKED",
];

/// The codes no [`Error`] has: the glue raises them before the module runs (a class used before
/// `init()`, a page that forbids WebAssembly). The last entries of [`ALL_CODES`].
pub const GLUE_CODES: &[&str] = &["NOT_INITIALIZED", "WASM_BLOCKED"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_screaming_snake_and_listed() {
        let samples = [
            Error::invalid("x", "y"),
            Error::Timeout { action: "call" },
            Error::Destroyed,
            Error::Aborted,
            Error::NoPortal { reason: "r" },
            Error::PortalLost,
            // gate: only the Bridge fails this way
            #[cfg(feature = "bridge")]
            Error::PortalRequired { action: "callWithPhone", reason: "r".into() },
            Error::BadMessage { reason: "r".into() },
            Error::Refused { endpoint: "e" },
            Error::LoginFailed,
            Error::Unauthorized,
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::BadRequest { message: "m".into() },
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::HttpStatus { endpoint: "e", status: 500, body: Text::default() },
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::Network { reason: "r".into() },
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::RequestTimeout { endpoint: "e" },
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::BadResponse { endpoint: "e", reason: "r".into() },
            // gate: only the REST client fails this way
            #[cfg(feature = "rest")]
            Error::ResponseTooLarge { endpoint: "e" },
            Error::BadKey { reason: "r" },
            Error::WrongKey,
            Error::Tampered,
            Error::Truncated,
            Error::BadBase64,
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::UnsupportedEnvelope { reason: "r" },
            Error::BadJson { reason: "r".into() },
            Error::NotDialer,
            Error::NotFound { reason: "r" },
            // gate: only sealed records and their storage fail this way
            #[cfg(feature = "sealed")]
            Error::StorageUnavailable { reason: "r".into() },
            Error::RandomUnavailable,
            Error::NoInteraction { reason: "r" },
        ];
        let codes: Vec<_> = samples.iter().map(Error::code).collect();
        assert_eq!([codes.as_slice(), GLUE_CODES].concat(), ALL_CODES);
        for c in ALL_CODES {
            assert!(c.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_'), "{c}");
        }
    }
}
