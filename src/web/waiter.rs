//! Requests waiting with a deadline and an `AbortSignal`, the browser side of it: one timer
//! armed for the owner's earliest deadline, and the `abort` registrations its requests share,
//! one per signal. The owner keeps its requests and decides what is due and what an abort
//! cancels (the portal, through the pure `Correlator`); this owns the callbacks, the timer and
//! the listeners. The portal and the v6 forms bridge wait through it. Only its constructor is
//! generic over the owner (the two callbacks it makes call the owner's `Waits` methods); the
//! rest is one copy whatever waits on it.
//!
//! Both callbacks are made with the waiter, not on first use, and live as long as the owner
//! (see `resources`): made lazily, the waiter would have to keep its owner (generic again, or
//! as a `dyn Waits`), and both of those measured larger in the v6 entry than two idle closures
//! cost at run time.

use alloc::rc::{Rc, Weak};
use core::cell::RefCell;

use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert;
use super::resources::{Listener, Timeout};
use crate::error::Error;

/// The owner of a [`Waiter`]: it settles what is due and what an abort cancels.
pub trait Waits: 'static {
    /// This owner's waiter.
    fn waiter(&self) -> &Waiter;
    /// The timer fired (nothing is armed any more): settle what is due, and arm for the next
    /// deadline.
    fn due(&self);
    /// `signal` fired `abort`: settle every request that holds it.
    fn aborted(&self, signal: &JsValue);
}

/// The timer and the `abort` callback of one owner.
pub struct Waiter {
    /// The timer and the deadline it was armed for.
    timer: RefCell<Option<(Timeout, f64)>>,
    on_tick: Closure<dyn FnMut()>,
    /// One `abort` handler for every request: the owner finds the requests by their signal.
    on_abort: Closure<dyn FnMut(web_sys::Event)>,
}

/// A request's hold on its signal's `abort` registration. Requests given the same signal share
/// one (the browser keeps one registration per signal and function); it is removed when the
/// last hold is dropped, that is when the last of those requests settles.
#[derive(Clone)]
pub struct Hold(Rc<Listener>);

impl Hold {
    /// Whether this is the hold on `signal`.
    pub fn is(&self, signal: &JsValue) -> bool {
        self.0.is_on(signal)
    }
}

impl Waiter {
    /// A waiter for the owner `me` (made with `Rc::new_cyclic`).
    pub fn new<W: Waits>(me: Weak<W>) -> Waiter {
        let m = me.clone();
        Waiter {
            timer: RefCell::new(None),
            on_tick: Closure::new(move || {
                if let Some(owner) = m.upgrade() {
                    owner.waiter().disarm();
                    owner.due();
                }
            }),
            on_abort: Closure::new(move |ev: web_sys::Event| {
                if let (Some(owner), Some(target)) = (me.upgrade(), ev.target()) {
                    owner.aborted(&target.into());
                }
            }),
        }
    }

    /// Arms the timer for `deadline` (a `convert::now()` time), unless it is armed for an
    /// earlier or equal one already. Lazy on purpose: when it fires, the owner settles whatever
    /// is due and arms the next deadline, so requests answered in time cost no timer work
    /// beyond the first. `None` leaves the timer as it is.
    pub fn arm(&self, deadline: Option<f64>) {
        let Some(at) = deadline else { return };
        let mut timer = self.timer.borrow_mut();
        if timer.as_ref().is_none_or(|(_, armed)| at < *armed) {
            *timer = Some((Timeout::schedule(self.on_tick(), at - convert::now()), at));
        }
    }

    /// Clears the timer.
    pub fn disarm(&self) {
        self.timer.borrow_mut().take();
    }

    /// The hold on `signal`'s `abort` registration for a new request: shared with the one among
    /// `held` (the owner's waiting requests' holds) on the same signal, else registered now.
    /// `INVALID_ARGUMENT` if `signal` cannot be listened to.
    pub fn hold<'a>(
        &self,
        signal: &web_sys::AbortSignal,
        held: impl IntoIterator<Item = &'a Hold>,
    ) -> Result<Hold, Error> {
        let key: &JsValue = signal.as_ref();
        if let Some(h) = held.into_iter().find(|h| h.is(key)) {
            return Ok(h.clone());
        }
        Listener::add(signal.clone().into(), "abort", self.on_abort())
            .map(|l| Hold(Rc::new(l)))
            .map_err(|_| Error::invalid("signal", "is not an AbortSignal"))
    }

    /// The timer's callback: disarms, then lets the owner settle what is due.
    fn on_tick(&self) -> &Function {
        self.on_tick.as_ref().unchecked_ref()
    }

    /// The `abort` handler every request's signal shares.
    fn on_abort(&self) -> &Function {
        self.on_abort.as_ref().unchecked_ref()
    }
}
