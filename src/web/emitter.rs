//! `on` / `off` / `emit` for every class, over a fixed table of event names.

use alloc::vec::Vec;
use core::cell::RefCell;

use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::convert::{arg_fn, arg_str, report};
use crate::cat;
use crate::error::Error;

/// Subscribers by event; the event names are fixed when the emitter is made.
pub struct Emitter {
    names: &'static [&'static str],
    subscribers: RefCell<Vec<(usize, Function)>>,
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

    /// Subscribes `listener` to `event`: an unknown name, or a listener that is not a function,
    /// is `INVALID_ARGUMENT`.
    pub fn on(&self, event: &JsValue, listener: &JsValue) -> Result<(), Error> {
        let i = self.index(&arg_str("event", event)?)?;
        let listener = arg_fn("listener", listener)?;
        self.subscribers.borrow_mut().push((i, listener));
        Ok(())
    }

    /// Removes one subscription of `listener` to `event` (all of its copies); like
    /// `removeEventListener`, anything that matches no subscription is ignored.
    pub fn off(&self, event: &JsValue, listener: &JsValue) {
        let Some(event) = event.as_string() else { return };
        if let Ok(i) = self.index(&event) {
            // `===` (the one JS comparison every value uses; for functions it is `Object.is`).
            self.subscribers.borrow_mut().retain(|(e, f)| !(*e == i && AsRef::<JsValue>::as_ref(f) == listener));
        }
    }

    /// Whether anyone listens to `event` (so the caller can skip building the value).
    pub fn has(&self, event: &str) -> bool {
        self.index(event).is_ok_and(|i| self.subscribers.borrow().iter().any(|(e, _)| *e == i))
    }

    /// Calls every subscriber of `event` with `value`. They run with no borrow held, so they
    /// may subscribe, unsubscribe or destroy; one that throws is reported and the others run.
    pub fn emit(&self, event: &str, value: &JsValue) {
        let Ok(i) = self.index(event) else { return };
        let targets: Vec<Function> =
            self.subscribers.borrow().iter().filter(|(e, _)| *e == i).map(|(_, f)| f.clone()).collect();
        for f in targets {
            if let Err(err) = f.call1(&JsValue::NULL, value) {
                report("ucontact-bridge: a subscriber threw", &err);
            }
        }
    }

    /// Drops every subscription.
    pub fn clear(&self) {
        self.subscribers.borrow_mut().clear();
    }
}
