//! Waiting with a way out: a future raced against an `AbortSignal`; `sleep`. The races
//! themselves are pure ([`crate::sync::race`], tested natively) and re-exported here.

use core::future::Future;
use core::pin::pin;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::oneshot;
use super::resources::Listener;
use crate::sync::race::poll_unless;
pub use crate::sync::race::{first_of, first_or_none, Aborted};

/// Runs `work` until it finishes or `signal` fires (then `work` is dropped: whatever it holds
/// is released, and what it started in the browser runs on unless dropping stops it).
pub async fn unless_aborted<T>(
    work: impl Future<Output = T>,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<T, Aborted> {
    let Some(signal) = signal else { return Ok(work.await) };
    if super::convert::signal_aborted(signal) {
        return Err(Aborted);
    }
    let (tx, rx) = oneshot::channel::<()>();
    let mut tx = Some(tx);
    let on_abort = Closure::<dyn FnMut()>::new(move || {
        if let Some(tx) = tx.take() {
            tx.send(());
        }
    });
    let _listener = Listener::add(signal.clone().into(), "abort", on_abort.as_ref().unchecked_ref()).ok();
    let mut work = pin!(work);
    let mut rx = pin!(rx);
    core::future::poll_fn(|cx| poll_unless(work.as_mut(), rx.as_mut(), cx)).await
}

/// A future that resolves after `ms` milliseconds.
pub async fn sleep(ms: f64) {
    let (tx, rx) = oneshot::channel::<()>();
    let mut tx = Some(tx);
    let fire = Closure::<dyn FnMut()>::new(move || {
        if let Some(tx) = tx.take() {
            tx.send(());
        }
    });
    let _timer = super::resources::Timeout::schedule(fire.as_ref().unchecked_ref(), ms);
    let _ = rx.await;
}
