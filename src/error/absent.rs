//! A capability's failures when the build leaves the capability out: `Failure` has no variant,
//! so the `Error` variant holding it cannot be made, and every arm handling it is dead code the
//! compiler drops (`src/error/mod.rs` names this type instead of the capability's own).

use alloc::string::String;

/// No failure: this build has not the capability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {}

impl Failure {
    pub fn code(&self) -> &'static str {
        match *self {}
    }

    pub fn message(&self) -> String {
        match *self {}
    }

    /// The status and body of an unexpected HTTP status (see `rest.rs`).
    #[allow(dead_code)] // Only the REST client's error conversion asks.
    pub fn http_status(&self) -> Option<(u16, &str)> {
        match *self {}
    }
}
