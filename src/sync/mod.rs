//! Waiting without a runtime: the one-value channel between a callback and a future, and the
//! races the browser edge builds on (a future against an abort, a heartbeat against a stop).
//!
//! Pure and single-threaded (wasm32 has one thread): no timers, no listeners, no `JsValue`, so
//! the promise the browser edge rests on (each wait settles exactly once, the loser of a race
//! is dropped) is tested here natively. `web::wait` adds the `AbortSignal` and the timer.
//!
//! * [`oneshot`]: a callback-to-future channel.
//! * [`race`]: [`race::first_of`], [`race::first_or_none`], [`race::unless_sent`].

pub mod oneshot;
pub mod race;

#[cfg(test)]
mod testing;
