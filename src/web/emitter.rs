//! `on` / `once` / `off` / `emit` for every class, over a fixed table of event names.
//!
//! This reads and checks the arguments (an unknown event, a listener that is not a function or
//! options other than `{ signal?, once? }` are `INVALID_ARGUMENT`, as everywhere) and turns
//! event names into indexes; the subscriber lists live in JavaScript (`emitter.js`, put into
//! the glue by `scripts/glue-parts.mjs`), made on the first subscription, which also says how a
//! subscription ends. Listeners run from there, so no Rust frame is on the stack while page code
//! runs and no borrow can meet a subscriber that calls back in.

use core::cell::OnceCell;

use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::convert::{arg_fn, arg_str, Obj};
use crate::cat;
use crate::error::Error;
use crate::shapes::{self, LISTEN_OPTIONS};

#[wasm_bindgen]
extern "C" {
    /// `UcbEmitter` of `emitter.js`: one object's subscriptions.
    type UcbEmitter;
    #[wasm_bindgen(constructor)]
    fn new() -> UcbEmitter;
    #[wasm_bindgen(method)]
    fn add(
        this: &UcbEmitter,
        event: usize,
        listener: &Function,
        once: bool,
        signal: Option<web_sys::AbortSignal>,
    ) -> Function;
    #[wasm_bindgen(method)]
    fn remove(this: &UcbEmitter, event: usize, listener: &JsValue);
    #[wasm_bindgen(method)]
    fn has(this: &UcbEmitter, event: usize) -> bool;
    #[wasm_bindgen(method)]
    fn emit(this: &UcbEmitter, event: usize, value: &JsValue);
    #[wasm_bindgen(method)]
    fn clear(this: &UcbEmitter);
}

/// Subscribers by event; the event names are fixed when the emitter is made.
pub struct Emitter {
    names: &'static [&'static str],
    /// Made on the first subscription: an object nobody listens to never crosses for its events.
    subs: OnceCell<UcbEmitter>,
}

impl Emitter {
    /// An emitter for these event names.
    pub fn new(names: &'static [&'static str]) -> Emitter {
        Emitter { names, subs: OnceCell::new() }
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
        self.subscribe(event, listener, options, false)
    }

    /// `on` for the first event only, whatever `options.once` says.
    pub fn once(&self, event: &JsValue, listener: &JsValue, options: &JsValue) -> Result<Function, Error> {
        self.subscribe(event, listener, options, true)
    }

    #[inline(never)]
    fn subscribe(&self, event: &JsValue, listener: &JsValue, options: &JsValue, once: bool) -> Result<Function, Error> {
        let event = self.index(&arg_str("event", event)?)?;
        let listener = arg_fn("listener", listener)?;
        let o = Obj::read("options", options, LISTEN_OPTIONS.keys, true)?;
        let once = o.flag(shapes::listen_options::once)? || once;
        let signal = o.signal()?;
        Ok(self.subs.get_or_init(UcbEmitter::new).add(event, &listener, once, signal))
    }

    /// Ends every subscription of `listener` to `event`, `once` or not (every copy); like
    /// `removeEventListener`, anything that matches no subscription is ignored.
    pub fn off(&self, event: &JsValue, listener: &JsValue) {
        let (Some(subs), Some(event)) = (self.subs.get(), event.as_string()) else { return };
        if let Ok(i) = self.index(&event) {
            subs.remove(i, listener);
        }
    }

    /// Whether anyone may listen to `event` (so the caller can skip building the value; an
    /// ended subscription not yet dropped counts).
    pub fn has(&self, event: &str) -> bool {
        self.subs.get().is_some_and(|subs| self.index(event).is_ok_and(|i| subs.has(i)))
    }

    /// Calls every live subscriber of `event` with `value`, in the order they subscribed (see
    /// `emitter.js`: one that ended before its turn is skipped, one that throws is reported).
    pub fn emit(&self, event: &str, value: &JsValue) {
        if let (Some(subs), Ok(i)) = (self.subs.get(), self.index(event)) {
            subs.emit(i, value);
        }
    }

    /// Ends every subscription.
    pub fn clear(&self) {
        if let Some(subs) = self.subs.get() {
            subs.clear();
        }
    }
}
