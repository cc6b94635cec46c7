//! The one-value channel of the pure core ([`crate::sync::oneshot`], tested natively there),
//! under the path the browser adapters have always used.

pub use crate::sync::oneshot::{channel, Receiver, Sender};
