//! The failures only sealed records and their storage have (`sealed`).

use alloc::string::String;

use super::Text;
use crate::cat;

/// How opening, sealing or storing an encrypted CTI record fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The record was encrypted with a different key.
    WrongKey,
    /// The ciphertext or its header was altered (authentication failed).
    Tampered,
    /// The envelope is shorter than its fixed parts.
    Truncated,
    /// The envelope is not valid base64.
    BadBase64,
    /// The envelope names a version or format this library does not know.
    UnsupportedEnvelope { reason: &'static str },
    /// Web storage is not available (blocked third-party storage, private mode, sandboxing).
    StorageUnavailable { reason: Text },
    /// The platform has no secure random source, so no nonce or key could be made.
    RandomUnavailable,
}

impl Failure {
    #[inline(always)]
    pub fn code(&self) -> &'static str {
        match self {
            Failure::WrongKey => "WRONG_KEY",
            Failure::Tampered => "TAMPERED",
            Failure::Truncated => "TRUNCATED",
            Failure::BadBase64 => "BAD_BASE64",
            Failure::UnsupportedEnvelope { .. } => "UNSUPPORTED_ENVELOPE",
            Failure::StorageUnavailable { .. } => "STORAGE_UNAVAILABLE",
            Failure::RandomUnavailable => "RANDOM_UNAVAILABLE",
        }
    }

    #[inline(always)]
    pub fn message(&self) -> String {
        match self {
            Failure::WrongKey => "the record was encrypted with a different key".into(),
            Failure::Tampered => "the encrypted record failed authentication (tampered or corrupted)".into(),
            Failure::Truncated => "the encrypted record is truncated".into(),
            Failure::BadBase64 => "the encrypted record is not valid base64".into(),
            Failure::UnsupportedEnvelope { reason } => cat!["unsupported record envelope: ", reason],
            Failure::StorageUnavailable { reason } => cat!["storage unavailable: ", reason],
            Failure::RandomUnavailable => "no secure random source is available".into(),
        }
    }
}
