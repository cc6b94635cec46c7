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
use core::cell::RefCell;

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
}

impl Emitter {
    /// An emitter for these event names.
    pub fn new(names: &'static [&'static str]) -> Emitter {
        Emitter { names, subscribers: RefCell::new(Vec::new()) }
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
        let mut subs = self.subscribers.borrow_mut();
        subs.retain(Sub::live);
        if sub.live() {
            subs.push(sub);
        }
        Ok(stop)
    }

    /// Ends every subscription of `listener` to `event`, `once` or not (every copy); like
    /// `removeEventListener`, anything that matches no subscription is ignored.
    pub fn off(&self, event: &JsValue, listener: &JsValue) {
        let Some(event) = event.as_string() else { return };
        if let Ok(i) = self.index(&event) {
            // `===` (the one JS comparison every value uses; for functions it is `Object.is`).
            self.subscribers
                .borrow_mut()
                .retain(|s| s.live() && !(s.event == i && AsRef::<JsValue>::as_ref(&s.listener) == listener));
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
        let due: Vec<Sub> = {
            let mut subs = self.subscribers.borrow_mut();
            subs.retain(Sub::live);
            subs.iter().filter(|s| s.event == i).cloned().collect()
        };
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
        self.subscribers.borrow_mut().clear();
    }
}
