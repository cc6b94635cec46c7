//! uContact v6 in the browser, at the Rust level: each surface carried out over the shared
//! `web::listening` (messenger, subscribers, teardown), with its decisions in the pure
//! `crate::v6`. The JS classes (`api::v6`) only read arguments and call these.
//!
//! * [`frame`]: the iframe a v6 class talks to (given, or made in a container).
//! * [`uphone`]: [`uphone::Phone`], the uPhone softphone (`UPhone`).
//! * [`forms`]: [`forms::Form`], a form inside the v6 Inbox (`FormBridge`).
//! * [`events`]: [`events::Events`], the Events API of an embedded instance (`UContactEvents`).

pub mod events;
pub mod forms;
pub mod frame;
pub mod uphone;
