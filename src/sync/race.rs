//! Two futures polled together until one finishes; the other is dropped, so whatever it holds
//! (a timer, a listener, a channel end) is released. Each poll tries the first future first, so
//! when both are ready at once the first wins, and the loser is never polled again.

use core::future::Future;
use core::pin::{pin, Pin};
use core::task::{Context, Poll};

use super::oneshot;

/// How waiting ended when the work did not finish.
#[derive(Debug, PartialEq, Eq)]
pub struct Aborted;

/// Runs `work` until it finishes or `abort` is sent (then `work` is dropped). Work that is
/// ready at the poll that sees the abort still wins; an abort sender dropped without sending
/// never aborts.
pub async fn unless_sent<T>(work: impl Future<Output = T>, abort: oneshot::Receiver<()>) -> Result<T, Aborted> {
    let mut work = pin!(work);
    let mut abort = pin!(abort);
    core::future::poll_fn(|cx| poll_unless(work.as_mut(), abort.as_mut(), cx)).await
}

/// One poll of [`unless_sent`], for a future that keeps both pinned in its own state
/// (`web::wait::unless_aborted`, which sends from an `AbortSignal`'s `abort` event: awaiting
/// `unless_sent` there nests a second state machine, 639 B more in the `full` build).
pub fn poll_unless<F: Future>(
    work: Pin<&mut F>,
    abort: Pin<&mut oneshot::Receiver<()>>,
    cx: &mut Context<'_>,
) -> Poll<Result<F::Output, Aborted>> {
    if let Poll::Ready(v) = work.poll(cx) {
        return Poll::Ready(Ok(v));
    }
    match abort.poll(cx) {
        Poll::Ready(Some(())) => Poll::Ready(Err(Aborted)),
        _ => Poll::Pending,
    }
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
