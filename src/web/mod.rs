//! The browser adapters: the only code that names `web_sys`, `js_sys` or `JsValue`, and no
//! `#[wasm_bindgen]` exports (those are in `api`). Everything here is usable from Rust.
//!
//! It reads the browser (windows, origins, clocks), hands the facts to the pure core, and
//! carries out what the core decides. Every listener and timer has an owner that removes it on
//! `Drop`; nothing is leaked with `Closure::forget`.
//!
//! * [`convert`]: errors out, options in, JSON both ways.
//! * [`resources`]: `Listener`, `Timeout`.
//! * [`emitter`]: `on`/`off`/`emit` over a fixed table of event names.
//! * [`log`]: the `log` option: structured entries for the integrator, or the console.
//! * [`messenger`]: the one window `message` adapter (source, origin, size checks; posting).
//! * [`listening`]: a class that listens: its messenger, subscribers, destroyed flag, teardown.
//! * [`oneshot`]: a callback-to-future channel for the Rust-level APIs.
//! * [`portal`]: the portal channel ([`portal::Portal`]).
//! * [`host`]: the portal's end of the channel, for tests ([`host::Host`]).
//! * [`storage`]: `localStorage`, every failure typed.
//! * [`fetch`], [`session`]: one HTTP exchange; the REST session ([`session::Client`]).
//! * [`task`]: futures run as promises or in the background, sharing one executor copy.
//! * [`wait`]: futures raced against an `AbortSignal`; `sleep`.
//! * [`waiter`]: requests waiting with a deadline and an `AbortSignal` (the portal's, the v6
//!   form's): the deadline timer and the shared `abort` registrations.
//! * [`bridge`]: the Bridge ([`bridge::Bridge`]) over both paths.
//! * [`v6`]: the v6 surfaces at the Rust level (the iframe, uPhone, the Inbox form, the Events API).
//! * [`utf8`]: long strings into wasm memory through `TextEncoder.encodeInto`.

pub mod convert;
pub mod emitter;
pub mod listening;
pub mod log;
pub mod messenger;
pub mod oneshot;
pub mod resources;

#[cfg(feature = "bridge")]
pub mod bridge;
#[cfg(feature = "rest")]
pub mod fetch;
#[cfg(feature = "host")]
pub mod host;
#[cfg(feature = "channel")]
pub mod portal;
#[cfg(feature = "rest")]
pub mod session;
#[cfg(feature = "sealed")]
pub mod storage;
#[cfg(any(feature = "rest", feature = "host"))]
pub mod task;
#[cfg(feature = "rest")]
pub mod utf8;
#[cfg(feature = "v6")]
pub mod v6;
#[cfg(feature = "rest")]
pub mod wait;
#[cfg(any(feature = "channel", feature = "v6"))]
pub mod waiter;
