//! The failures only the Bridge has (`bridge`).

use alloc::string::String;

use super::Text;
use crate::cat;

/// How a Bridge fails beyond what the portal channel and the REST client say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The portal stopped answering; calls fail fast until it is restored.
    PortalLost,
    /// The action exists only through the portal (for example `callWithPhone`).
    PortalRequired { action: &'static str, reason: Text },
}

impl Failure {
    #[inline(always)]
    pub fn code(&self) -> &'static str {
        match self {
            Failure::PortalLost => "PORTAL_LOST",
            Failure::PortalRequired { .. } => "PORTAL_REQUIRED",
        }
    }

    #[inline(always)]
    pub fn message(&self) -> String {
        match self {
            Failure::PortalLost => "the portal connection is lost".into(),
            Failure::PortalRequired { action, reason } => {
                cat!["`", action, "` is only available through the portal: ", reason]
            }
        }
    }
}
