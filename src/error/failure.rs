//! A failed request of either path, with whether it left the page: the portal's posted message
//! and the REST client's `fetch` report the same fact through this one type, so the Bridge
//! (which runs both) and every JS error's `sent` read it the same way.

use super::Error;

/// A request that failed: the error, and whether it had left the page (`sent`). `sent: false`
/// means nothing was posted to the portal nor handed to `fetch`, so the other side cannot have
/// acted and sending it again cannot dial twice; `sent: true` means it went out and may have
/// acted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong.
    pub error: Error,
    /// Whether the request was posted to the portal or handed to `fetch`.
    pub sent: bool,
}

impl Failure {
    /// A failure before anything left the page.
    pub fn unsent(error: Error) -> Failure {
        Failure { error, sent: false }
    }

    /// A failure after the request left the page.
    pub fn sent(error: Error) -> Failure {
        Failure { error, sent: true }
    }
}

impl From<Error> for Failure {
    /// An error on its own says nothing left the page.
    fn from(error: Error) -> Failure {
        Failure::unsent(error)
    }
}
