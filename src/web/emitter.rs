//! `on` / `off` / `emit` for every class, over a fixed table of event names.
//!
//! A subscription ends by its unsubscribe function, `off`, its `once` event, its `signal`, or
//! `destroy()` (`clear`). The unsubscribe function is the `abort` method of an `AbortController`
//! made for the subscription, bound to it: native code, harmless to call twice or after the
//! object is gone, and no closure of ours to own or free. Nothing listens for either signal:
//! each is read (`aborted`) before a listener runs, and ended subscriptions are dropped the next
//! time the list is touched (`on`, `off`, `emit`), so no `abort` listener is ever left on a
//! caller's signal and the list never holds more than the live subscriptions plus those ended
//! since its last use.

use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::convert::{arg_fn, arg_str, report, signal_aborted, Obj};
use crate::cat;
use crate::error::Error;
use crate::shapes::LISTEN_OPTIONS;

/// One subscription.
#[derive(Clone)]
struct Sub {
    /// The event's index in the emitter's names.
    event: usize,
    listener: Function,
    once: bool,
    /// The subscription's own controller: the unsubscribe function aborts it.
    ended: web_sys::AbortController,
    /// The caller's signal.
    signal: Option<web_sys::AbortSignal>,
}

impl Sub {
    fn live(&self) -> bool {
        !signal_aborted(&self.ended.signal()) && !self.signal.as_ref().is_some_and(signal_aborted)
    }
}

#[wasm_bindgen]
extern "C" {
    /// `AbortController.prototype.abort.bind(controller)`: the unsubscribe function.
    #[wasm_bindgen(js_namespace = ["AbortController", "prototype", "abort"], js_name = bind)]
    fn bound_abort(controller: &web_sys::AbortController) -> Function;
}

/// Subscribers by event; the event names are fixed when the emitter is made.
pub struct Emitter {
    names: &'static [&'static str],
    subscribers: RefCell<Vec<Sub>>,
    /// Counts `clear()` calls, so a prune that ran page code (a signal's `aborted` getter may
    /// call `destroy()`) does not bring back what was cleared meanwhile.
    cleared: Cell<u32>,
}

impl Emitter {
    /// An emitter for these event names.
    pub fn new(names: &'static [&'static str]) -> Emitter {
        Emitter { names, subscribers: RefCell::new(Vec::new()), cleared: Cell::new(0) }
    }

    fn index(&self, event: &str) -> Result<usize, Error> {
        self.names
            .iter()
            .position(|n| *n == event)
            .ok_or_else(|| Error::invalid("event", cat!["unknown event `", event, "`"]))
    }

    /// Subscribes `listener` to `event` until the returned function is called, or `off`, or
    /// `options.signal` aborts, or (`options.once`) the first event. An unknown name, a listener
    /// that is not a function or options other than `{ signal?, once? }` are
    /// `INVALID_ARGUMENT`; a signal already aborted subscribes nothing.
    pub fn on(&self, event: &JsValue, listener: &JsValue, options: &JsValue) -> Result<Function, Error> {
        let event = self.index(&arg_str("event", event)?)?;
        let listener = arg_fn("listener", listener)?;
        let o = Obj::read("options", options, LISTEN_OPTIONS.keys, true)?;
        let once = o.flag("once")?;
        let signal = o.signal()?;
        let controller =
            web_sys::AbortController::new().map_err(|_| Error::invalid("options", "AbortController is missing"))?;
        let stop = bound_abort(&controller);
        let sub = Sub { event, listener, once, ended: controller, signal };
        self.prune();
        if sub.live() {
            self.subscribers.borrow_mut().push(sub);
        }
        Ok(stop)
    }

    /// Drops ended subscriptions. Reading a caller's signal runs page code (a getter may
    /// subscribe, unsubscribe or destroy), so the list is taken out while it runs: no borrow is
    /// held across page code, and subscriptions made meanwhile are kept after the old ones.
    fn prune(&self) {
        let generation = self.cleared.get();
        let taken = core::mem::take(&mut *self.subscribers.borrow_mut());
        let mut kept: Vec<Sub> = taken.into_iter().filter(Sub::live).collect();
        if self.cleared.get() != generation {
            kept.clear();
        }
        let mut subs = self.subscribers.borrow_mut();
        let added = core::mem::replace(&mut *subs, kept);
        subs.extend(added);
    }

    /// Ends every subscription of `listener` to `event`, `once` or not (every copy); like
    /// `removeEventListener`, anything that matches no subscription is ignored.
    pub fn off(&self, event: &JsValue, listener: &JsValue) {
        let Some(event) = event.as_string() else { return };
        if let Ok(i) = self.index(&event) {
            self.prune();
            // `===` (the one JS comparison every value uses; for functions it is `Object.is`).
            self.subscribers
                .borrow_mut()
                .retain(|s| !(s.event == i && AsRef::<JsValue>::as_ref(&s.listener) == listener));
        }
    }

    /// Whether anyone may listen to `event` (so the caller can skip building the value; an
    /// ended subscription not yet dropped counts).
    pub fn has(&self, event: &str) -> bool {
        self.index(event).is_ok_and(|i| self.subscribers.borrow().iter().any(|s| s.event == i))
    }

    /// Calls every live subscriber of `event` with `value`, in the order they subscribed. They
    /// run with no borrow held, so they may subscribe, unsubscribe or destroy: one that ended
    /// before its turn is not called (as with `removeEventListener` during a dispatch); one that
    /// throws is reported and the others run. A `once` subscription ends before its listener runs.
    pub fn emit(&self, event: &str, value: &JsValue) {
        let Ok(i) = self.index(event) else { return };
        self.prune();
        let due: Vec<Sub> = self.subscribers.borrow().iter().filter(|s| s.event == i).cloned().collect();
        for s in due {
            if !s.live() {
                continue;
            }
            if s.once {
                s.ended.abort();
            }
            if let Err(err) = s.listener.call1(&JsValue::NULL, value) {
                report("ucontact-bridge: a subscriber threw", &err);
            }
        }
    }

    /// Ends every subscription.
    pub fn clear(&self) {
        self.cleared.set(self.cleared.get().wrapping_add(1));
        self.subscribers.borrow_mut().clear();
    }
}
