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

// Each capability's own failures live in its module, present with the capability; without it
// the type is `absent::Failure`, which has no variant, so the `Error` variant that holds it
// cannot be made and the compiler drops every arm that handles it.
#[cfg(not(all(feature = "bridge", feature = "rest", feature = "sealed")))]
mod absent;
#[cfg(feature = "bridge")]
mod bridge;
mod failure;
#[cfg(feature = "rest")]
mod rest;
#[cfg(feature = "sealed")]
mod sealed;

#[cfg(not(feature = "bridge"))]
pub use absent::Failure as BridgeError;
#[cfg(not(feature = "rest"))]
pub use absent::Failure as RestError;
#[cfg(not(feature = "sealed"))]
pub use absent::Failure as SealedError;
#[cfg(feature = "bridge")]
pub use bridge::Failure as BridgeError;
#[cfg(feature = "rest")]
pub use rest::Failure as RestError;
#[cfg(feature = "sealed")]
pub use sealed::Failure as SealedError;

pub use failure::Failure;

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
    /// A failure only the Bridge has (`bridge`): `PortalLost`, `PortalRequired`.
    Bridge(BridgeError),
    /// An inbound message that is not a valid Porthole envelope or reply.
    BadMessage { reason: Text },

    // ---- the Integra REST API ---------------------------------------------------------------
    /// The server answered HTTP 200 with body `0`: the operation was refused.
    Refused { endpoint: &'static str },
    /// A failure only the REST client has (`rest`): login, HTTP statuses, network, bodies.
    Rest(RestError),

    // ---- CTI records and their encryption -----------------------------------------------------
    /// The key is not 32 bytes of base64 or hex.
    BadKey { reason: &'static str },
    /// The JSON (plain or decrypted) is malformed or has the wrong shape.
    BadJson { reason: Text },
    /// The CTI record has no dialer row, so no Respool can be built from it.
    NotDialer,
    /// No CTI record was found where it was looked for.
    NotFound { reason: &'static str },
    /// A failure only sealed records and their storage have (`sealed`): keys, envelopes,
    /// storage, randomness.
    Sealed(SealedError),

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
            Error::Bridge(e) => e.code(),
            Error::Rest(e) => e.code(),
            Error::Sealed(e) => e.code(),
            Error::BadMessage { .. } => "BAD_MESSAGE",
            Error::Refused { .. } => "REFUSED",
            Error::BadKey { .. } => "BAD_KEY",
            Error::BadJson { .. } => "BAD_JSON",
            Error::NotDialer => "NOT_DIALER",
            Error::NotFound { .. } => "NOT_FOUND",
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
            Error::Bridge(e) => e.message(),
            Error::Rest(e) => e.message(),
            Error::Sealed(e) => e.message(),
            Error::BadMessage { reason } => cat!["malformed portal message: ", reason],
            Error::Refused { endpoint } => cat!["the server refused `", endpoint, "` (answered 0)"],
            Error::BadKey { reason } => cat!["invalid AES key: ", reason],
            Error::BadJson { reason } => cat!["invalid JSON: ", reason],
            Error::NotDialer => "the CTI record has no dialer data".into(),
            Error::NotFound { reason } => cat!["no CTI record found: ", reason],
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

/// Every code (those of the capabilities in the order they were added), then the codes only the JavaScript glue raises
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

// Every code needs every capability: the test runs in the full build (the native default).
#[cfg(all(test, feature = "bridge", feature = "rest", feature = "sealed"))]
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
            Error::Bridge(BridgeError::PortalLost),
            Error::Bridge(BridgeError::PortalRequired { action: "callWithPhone", reason: "r".into() }),
            Error::BadMessage { reason: "r".into() },
            Error::Refused { endpoint: "e" },
            Error::Rest(RestError::LoginFailed),
            Error::Rest(RestError::Unauthorized),
            Error::Rest(RestError::BadRequest { message: "m".into() }),
            Error::Rest(RestError::HttpStatus { endpoint: "e", status: 500, body: Text::default() }),
            Error::Rest(RestError::Network { reason: "r".into() }),
            Error::Rest(RestError::RequestTimeout { endpoint: "e" }),
            Error::Rest(RestError::BadResponse { endpoint: "e", reason: "r".into() }),
            Error::Rest(RestError::ResponseTooLarge { endpoint: "e" }),
            Error::BadKey { reason: "r" },
            Error::Sealed(SealedError::WrongKey),
            Error::Sealed(SealedError::Tampered),
            Error::Sealed(SealedError::Truncated),
            Error::Sealed(SealedError::BadBase64),
            Error::Sealed(SealedError::UnsupportedEnvelope { reason: "r" }),
            Error::BadJson { reason: "r".into() },
            Error::NotDialer,
            Error::NotFound { reason: "r" },
            Error::Sealed(SealedError::StorageUnavailable { reason: "r".into() }),
            Error::Sealed(SealedError::RandomUnavailable),
            Error::NoInteraction { reason: "r" },
        ];
        let codes: Vec<_> = samples.iter().map(Error::code).collect();
        assert_eq!([codes.as_slice(), GLUE_CODES].concat(), ALL_CODES);
        for c in ALL_CODES {
            assert!(c.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_'), "{c}");
        }
    }
}
