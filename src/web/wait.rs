//! Waiting with a way out: a future raced against an `AbortSignal`.

use core::future::Future;
use core::pin::pin;
use core::task::Poll;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::oneshot;
use super::resources::Listener;

/// How waiting ended when the future did not finish.
#[derive(Debug, PartialEq, Eq)]
pub struct Aborted;

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
    core::future::poll_fn(|cx| {
        if let Poll::Ready(v) = work.as_mut().poll(cx) {
            return Poll::Ready(Ok(v));
        }
        match rx.as_mut().poll(cx) {
            Poll::Ready(Some(())) => Poll::Ready(Err(Aborted)),
            _ => Poll::Pending,
        }
    })
    .await
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

/// Runs both until the first finishes; the other is dropped (its timers and listeners go).
pub async fn first_of<A: Future, B: Future>(a: A, b: B) {
    let mut a = pin!(a);
    let mut b = pin!(b);
    core::future::poll_fn(|cx| {
        if a.as_mut().poll(cx).is_ready() || b.as_mut().poll(cx).is_ready() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await
}

/// `Some` of the first future's output if it finishes first, `None` if the second does.
pub async fn first_or_none<A: Future, B: Future>(a: A, b: B) -> Option<A::Output> {
    let mut a = pin!(a);
    let mut b = pin!(b);
    core::future::poll_fn(|cx| {
        if let Poll::Ready(v) = a.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        match b.as_mut().poll(cx) {
            Poll::Ready(_) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}
