//! A hand-made executor for the tests: a waker that counts its wakes, polling by hand, and a
//! future wrapper that counts its polls and says when it was dropped.

use alloc::rc::Rc;
use alloc::sync::Arc;
use core::cell::Cell;
use core::future::Future;
use core::pin::Pin;
use core::sync::atomic::{AtomicUsize, Ordering};
use core::task::{Context, Poll, Waker};
use std::task::Wake;

struct Count(AtomicUsize);

impl Wake for Count {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// One task's waker, and how many times it was woken.
pub struct Task {
    count: Arc<Count>,
    waker: Waker,
}

impl Task {
    pub fn new() -> Task {
        let count = Arc::new(Count(AtomicUsize::new(0)));
        Task { waker: Waker::from(count.clone()), count }
    }

    /// How many times this task's waker (or a clone of it) was woken.
    pub fn wakes(&self) -> usize {
        self.count.0.load(Ordering::SeqCst)
    }

    /// Polls `f` once with this task's waker.
    pub fn poll<F: Future + ?Sized>(&self, f: Pin<&mut F>) -> Poll<F::Output> {
        f.poll(&mut Context::from_waker(&self.waker))
    }
}

/// What a [`Watched`] future saw.
#[derive(Clone, Default)]
pub struct Seen {
    polls: Rc<Cell<usize>>,
    dropped: Rc<Cell<bool>>,
}

impl Seen {
    pub fn polls(&self) -> usize {
        self.polls.get()
    }

    pub fn dropped(&self) -> bool {
        self.dropped.get()
    }
}

/// `F`, counting its polls and noting its drop.
pub struct Watched<F> {
    inner: F,
    seen: Seen,
}

/// `f` watched; the [`Seen`] reads what happened to it.
pub fn watched<F>(f: F) -> (Watched<F>, Seen) {
    let seen = Seen::default();
    (Watched { inner: f, seen: seen.clone() }, seen)
}

impl<F: Future + Unpin> Future for Watched<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.seen.polls.set(self.seen.polls.get() + 1);
        Pin::new(&mut self.inner).poll(cx)
    }
}

impl<F> Drop for Watched<F> {
    fn drop(&mut self) {
        self.seen.dropped.set(true);
    }
}
