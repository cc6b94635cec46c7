//! The Porthole wire protocol, as porthole.js 1.0.0 speaks it, with no browser in sight.
//!
//! * [`envelope`]: the JSON string porthole.js posts (`{data, sourceOrigin, targetOrigin,
//!   sourceWindowName, targetWindowName}`), encoded byte-for-byte and decoded strictly.
//! * [`action`]: the seven proxy actions the uContact portal understands, validated before
//!   anything is sent.
//! * [`reply`]: what the portal answers (`{guid}`, `{CTI}`) and everything else it may post.
//! * [`origin`]: the origin allow-list and the concrete `targetOrigin` to send with.
//! * [`correlate`]: the correlation policy that pairs id-less replies with requests, as a pure
//!   state machine driven by an injected clock.

pub mod action;
pub mod correlate;
pub mod envelope;
pub mod origin;
pub mod reply;

pub use action::{Action, ActionName, ReplyKind, View};
pub use correlate::{Correlator, Effect, RequestId};
pub use envelope::{Envelope, EnvelopeMeta, MAX_MESSAGE_BYTES};
pub use reply::Reply;
