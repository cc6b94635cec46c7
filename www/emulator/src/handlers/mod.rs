//! One file per family of Integra endpoints; `checks` holds the value checks they share.

pub(crate) mod admin;
pub(crate) mod agents;
pub(crate) mod bases;
pub(crate) mod cdr;
mod checks;
pub(crate) mod dialers;
pub(crate) mod disposition;
pub(crate) mod session;
pub(crate) mod sms;
pub(crate) mod supervisor;
