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
/// `unless_sent` there would nest a second state machine, which the `full` build pays for).
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

#[cfg(test)]
mod tests {
    use super::{first_of, first_or_none, unless_sent, Aborted};
    use crate::sync::oneshot::channel;
    use crate::sync::testing::{watched, Task};
    use alloc::boxed::Box;
    use core::future::{pending, ready};
    use core::pin::pin;
    use core::task::Poll;

    #[test]
    fn first_or_none_returns_the_first_when_it_finishes_first() {
        let (a_tx, a_rx) = channel();
        let (b_tx, b_rx) = channel::<()>();
        let ((a, a_seen), (b, b_seen)) = (watched(a_rx), watched(b_rx));
        let task = Task::new();
        let mut race = pin!(first_or_none(a, b));
        assert_eq!(task.poll(race.as_mut()), Poll::Pending);
        assert_eq!((a_seen.polls(), b_seen.polls()), (1, 1));
        a_tx.send(9);
        assert_eq!(task.wakes(), 1);
        assert_eq!(task.poll(race.as_mut()), Poll::Ready(Some(Some(9))));
        // The winner was polled once more, the loser not, and both are gone with the race.
        assert_eq!((a_seen.polls(), b_seen.polls()), (2, 1));
        assert!(a_seen.dropped() && b_seen.dropped());
        // The loser's sender finds nobody: no panic (its one wake is spurious: see oneshot).
        b_tx.send(());
    }

    #[test]
    fn first_or_none_is_none_when_the_second_finishes_first() {
        let (a_tx, a_rx) = channel::<u8>();
        let (b_tx, b_rx) = channel();
        let ((a, a_seen), (b, b_seen)) = (watched(a_rx), watched(b_rx));
        let task = Task::new();
        let mut race = pin!(first_or_none(a, b));
        assert_eq!(task.poll(race.as_mut()), Poll::Pending);
        b_tx.send(());
        assert_eq!(task.poll(race.as_mut()), Poll::Ready(None));
        assert!(a_seen.dropped() && b_seen.dropped());
        assert_eq!((a_seen.polls(), b_seen.polls()), (2, 2));
        // The first's late value goes nowhere, and nothing panics.
        a_tx.send(1);
    }

    #[test]
    fn when_both_are_ready_the_first_wins_and_the_second_is_not_polled() {
        let (a, a_seen) = watched(ready(1));
        let (b, b_seen) = watched(ready(2));
        let task = Task::new();
        assert_eq!(task.poll(pin!(first_or_none(a, b))), Poll::Ready(Some(1)));
        assert_eq!((a_seen.polls(), b_seen.polls()), (1, 0));
        assert!(a_seen.dropped() && b_seen.dropped());

        let (a, a_seen) = watched(ready(1));
        let (b, b_seen) = watched(ready(2));
        assert_eq!(task.poll(pin!(first_of(a, b))), Poll::Ready(()));
        assert_eq!((a_seen.polls(), b_seen.polls()), (1, 0));
        assert!(a_seen.dropped() && b_seen.dropped());

        // Both made ready between two polls: still the first.
        let (a_tx, a_rx) = channel();
        let (b_tx, b_rx) = channel::<()>();
        let mut race = pin!(first_or_none(a_rx, b_rx));
        assert_eq!(task.poll(race.as_mut()), Poll::Pending);
        b_tx.send(());
        a_tx.send("a");
        assert_eq!(task.poll(race.as_mut()), Poll::Ready(Some(Some("a"))));
        assert_eq!(task.wakes(), 2);
    }

    #[test]
    fn first_of_ends_with_either_and_drops_the_other() {
        for second_wins in [false, true] {
            let (a_tx, a_rx) = channel::<()>();
            let (b_tx, b_rx) = channel::<()>();
            let ((a, a_seen), (b, b_seen)) = (watched(a_rx), watched(b_rx));
            let task = Task::new();
            let mut race = pin!(first_of(a, b));
            assert_eq!(task.poll(race.as_mut()), Poll::Pending);
            assert_eq!(task.poll(race.as_mut()), Poll::Pending);
            assert!(!a_seen.dropped() && !b_seen.dropped());
            if second_wins {
                b_tx.send(());
                drop(a_tx);
            } else {
                a_tx.send(());
                drop(b_tx);
            }
            assert_eq!(task.poll(race.as_mut()), Poll::Ready(()));
            assert!(a_seen.dropped() && b_seen.dropped());
        }
    }

    #[test]
    fn a_race_dropped_before_it_ends_drops_both() {
        let ((a, a_seen), (b, b_seen)) = (watched(pending::<()>()), watched(pending::<()>()));
        let task = Task::new();
        {
            let mut race = Box::pin(first_or_none(a, b));
            assert_eq!(task.poll(race.as_mut()), Poll::Pending);
            assert!(!a_seen.dropped() && !b_seen.dropped());
        }
        assert!(a_seen.dropped() && b_seen.dropped());
        assert_eq!(task.wakes(), 0);
    }

    #[test]
    fn unless_sent_returns_the_work_when_it_finishes() {
        let (work_tx, work_rx) = channel();
        let (abort_tx, abort_rx) = channel();
        let (work, seen) = watched(work_rx);
        let task = Task::new();
        let mut wait = pin!(unless_sent(work, abort_rx));
        assert_eq!(task.poll(wait.as_mut()), Poll::Pending);
        work_tx.send("done");
        assert_eq!(task.wakes(), 1);
        assert_eq!(task.poll(wait.as_mut()), Poll::Ready(Ok(Some("done"))));
        assert!(seen.dropped());
        // The abort comes late (the signal fires after the work ended): it changes nothing.
        abort_tx.send(());
    }

    #[test]
    fn unless_sent_is_aborted_when_sent_and_drops_the_work() {
        let (work_tx, work_rx) = channel::<u8>();
        let (abort_tx, abort_rx) = channel();
        let (work, seen) = watched(work_rx);
        let task = Task::new();
        let mut wait = pin!(unless_sent(work, abort_rx));
        assert_eq!(task.poll(wait.as_mut()), Poll::Pending);
        abort_tx.send(());
        assert_eq!(task.wakes(), 1);
        assert_eq!(task.poll(wait.as_mut()), Poll::Ready(Err(Aborted)));
        assert!(seen.dropped());
        work_tx.send(1);
    }

    #[test]
    fn unless_sent_with_the_abort_already_sent_never_finishes_pending_work() {
        let (abort_tx, abort_rx) = channel();
        abort_tx.send(());
        let (work, seen) = watched(pending::<()>());
        let task = Task::new();
        assert_eq!(task.poll(pin!(unless_sent(work, abort_rx))), Poll::Ready(Err(Aborted)));
        assert_eq!(seen.polls(), 1);
        assert!(seen.dropped());
    }

    #[test]
    fn unless_sent_lets_ready_work_win_over_an_abort_at_the_same_poll() {
        let (abort_tx, abort_rx) = channel();
        abort_tx.send(());
        let task = Task::new();
        assert_eq!(task.poll(pin!(unless_sent(ready(4), abort_rx))), Poll::Ready(Ok(4)));
    }

    #[test]
    fn unless_sent_never_aborts_when_the_abort_sender_goes_unsent() {
        let (work_tx, work_rx) = channel();
        let (abort_tx, abort_rx) = channel::<()>();
        let task = Task::new();
        let mut wait = pin!(unless_sent(work_rx, abort_rx));
        assert_eq!(task.poll(wait.as_mut()), Poll::Pending);
        drop(abort_tx);
        assert_eq!(task.poll(wait.as_mut()), Poll::Pending);
        assert_eq!(task.poll(wait.as_mut()), Poll::Pending);
        work_tx.send(());
        assert_eq!(task.poll(wait.as_mut()), Poll::Ready(Ok(Some(()))));
    }
}
