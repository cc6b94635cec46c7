//! The portal channel at the Rust level: [`Portal`] posts Porthole envelopes to the portal
//! window and pairs its replies with requests, following the pure [`Correlator`].
//!
//! Requests settle through a callback ([`Portal::submit`]), which the `PortalChannel` class
//! turns into a JS promise with no futures runtime, or as a Rust future ([`Portal::request`])
//! for the Bridge. Either way every request settles exactly once: with its answer, or with
//! `TIMEOUT`, `ABORTED`, `DESTROYED`, `NO_PORTAL`, `REFUSED`, `BAD_MESSAGE`.

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::rc::{Rc, Weak};
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{OnceCell, RefCell};

use wasm_bindgen::prelude::*;

use super::convert::{self, CallOptions};
use super::emitter::Emitter;
use super::listening::Listening;
use super::log::Log;
use super::messenger::{self, Data, Dropped, Inbound, Origins, Peer};
use super::oneshot;
use super::waiter::{Hold, Waiter, Waits};
use crate::error::{Error, Failure};
use crate::json::Value;
use crate::wire::{
    envelope, origin, Action, Correlator, Effect, EnvelopeMeta, Reply, ReplyKind, RequestId, MAX_MESSAGE_BYTES,
};

/// Default time to wait for the portal's reply to `call`, `callWithPhone` or `CTI`.
pub const DEFAULT_TIMEOUT_MS: f64 = 15_000.0;
/// Default quarantine of the guid lane after a timed-out or aborted call (see `wire::correlate`).
pub const DEFAULT_QUARANTINE_MS: f64 = 60_000.0;
/// The channel's events: portal messages that answer nothing pending, and late replies.
pub const EVENTS: &[&str] = &["message", "late"];

/// Which window is the portal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `window.parent` (the default: the portal frames the CRM page).
    Parent,
    /// `window.top`.
    Top,
    /// The window that opened this one: a CRM the portal opens in a pop-up.
    Opener,
    /// A frame of this window, by name.
    Named(String),
}

impl Target {
    /// Reads the `target` option.
    pub fn parse(name: Option<&str>) -> Result<Target, Error> {
        Ok(match name {
            None | Some("parent") => Target::Parent,
            Some("top") => Target::Top,
            Some("opener") => Target::Opener,
            Some("") => return Err(Error::invalid("target", "is empty")),
            Some(n) => Target::Named(n.to_owned()),
        })
    }

    /// Porthole's `targetWindowName` for this target (`''` means parent).
    fn wire_name(&self) -> &str {
        match self {
            Target::Parent => "",
            Target::Top => "top",
            // porthole.js looks names up in `window.frames`, which is the window itself, so its
            // own name for the opener is `opener` too.
            Target::Opener => "opener",
            Target::Named(n) => n,
        }
    }
}

/// How a [`Portal`] is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// Origins the portal may have (messages go to, and are accepted from, these only).
    pub origins: Origins,
    /// The portal window.
    pub target: Target,
    /// Default wait for a reply.
    pub timeout_ms: f64,
    /// Quarantine of the guid lane after a timed-out or aborted call.
    pub quarantine_ms: f64,
    /// Where sent, received, dropped and timed-out messages are logged (`log`, `debug`).
    pub log: Log,
}

impl Config {
    /// Checks the settings: at least one origin, each a real origin.
    pub fn new(origins: Vec<String>, any_origin: bool, target: Target) -> Result<Config, Error> {
        if origins.is_empty() && !any_origin {
            return Err(Error::invalid(
                "portalOrigins",
                "is required: list the portal's origin(s), e.g. ['https://acme.ucontactcloud.com']",
            ));
        }
        for o in &origins {
            origin::check("portalOrigins", o)?;
        }
        Ok(Config {
            origins: if any_origin { Origins::Any } else { Origins::List(origins) },
            target,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            quarantine_ms: DEFAULT_QUARANTINE_MS,
            log: Log::off("PortalChannel"),
        })
    }
}

/// What a request resolves with.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// `call` / `callWithPhone`: the new call's guid.
    Guid(String),
    /// `CTI`: the record exactly as the portal sent it (a JSON string or an object).
    Cti(Value),
    /// A fire-and-forget action was posted.
    Posted,
}

/// How a request settles.
pub type Done = Box<dyn FnOnce(Result<Answer, Failure>)>;

/// A request waiting for the portal's reply.
struct Pending {
    done: Done,
    /// The action's name, for the log.
    what: &'static str,
    /// The reply is a CTI record (the guid lane's replies are guid strings).
    cti: bool,
    /// The hold on the caller's signal's `abort` registration.
    abort: Option<Hold>,
}

struct State {
    correlator: Correlator,
    /// Requests waiting, by id (a handful at a time: a list beats a hash map in size and speed).
    pending: Vec<(RequestId, Pending)>,
}

struct Inner {
    config: Config,
    /// The `message` listener, the `message`/`late` subscribers, the destroyed flag.
    listening: Listening,
    state: RefCell<State>,
    /// The `targetOrigin` once worked out: its inputs (`location.ancestorOrigins`,
    /// `document.referrer`) are fixed for the life of the page.
    /// Kept as text (for the envelope) and as the JS string `postMessage` takes.
    send_origin: OnceCell<(String, JsValue)>,
    /// The portal window when it cannot change (`parent`, `top`), once found.
    fixed_target: RefCell<Option<JsValue>>,
    /// This page's origin (`sourceOrigin` of every envelope), read at the first send (it
    /// cannot change for the life of the document).
    own_origin: OnceCell<String>,
    /// The deadline timer and the requests' `abort` registrations (made when first needed, so
    /// constructing a channel creates only its `message` listener).
    waiter: Waiter,
}

/// The CRM page's channel to the uContact portal (Porthole 1.0.0 wire format).
#[derive(Clone)]
pub struct Portal {
    inner: Rc<Inner>,
}

impl Portal {
    /// Starts listening for the portal's replies. `NO_PORTAL` outside a browser page.
    pub fn new(config: Config) -> Result<Portal, Error> {
        let quarantine_ms = config.quarantine_ms;
        let inner = Rc::new_cyclic(|weak: &Weak<Inner>| Inner {
            config,
            listening: Listening::new(EVENTS),
            state: RefCell::new(State { correlator: Correlator::new(quarantine_ms), pending: Vec::new() }),
            send_origin: OnceCell::new(),
            fixed_target: RefCell::new(None),
            own_origin: OnceCell::new(),
            waiter: Waiter::new(weak.clone()),
        });
        inner.listening.listen(inner.clone(), inner.config.origins.clone(), Data::Text { max: MAX_MESSAGE_BYTES })?;
        Ok(Portal { inner })
    }

    /// Sends `action`; `done` is called exactly once with the answer or the error.
    pub fn submit(&self, action: Action, options: &CallOptions, done: Done) {
        self.inner.submit(action, options, done);
    }

    /// Posts an action the portal does not answer (`hangup`, `tag`, `respool`, `schedule`) at
    /// once, with no callback: the same checks and the same outcome as [`submit`](Self::submit)
    /// gives such an action, for callers that settle synchronously. A failure is never `sent`.
    pub fn post_now(&self, action: &Action, options: &CallOptions) -> Result<(), Error> {
        self.inner.post_now(action, options)
    }

    /// Sends `action` and waits for its answer.
    pub fn request(&self, action: Action, options: &CallOptions) -> oneshot::Receiver<Result<Answer, Failure>> {
        let (tx, rx) = oneshot::channel();
        self.submit(action, options, Box::new(move |r| tx.send(r)));
        rx
    }

    /// The `message` and `late` events.
    pub fn events(&self) -> &Emitter {
        self.inner.listening.events()
    }

    /// Rejects everything pending with `DESTROYED`, removes the listener and the timer; later
    /// requests fail at once with `DESTROYED`. Safe to call more than once.
    pub fn destroy(&self) {
        let inner = &self.inner;
        inner.listening.destroy(|| {
            let fx = inner.state.borrow_mut().correlator.destroy();
            inner.apply(fx);
        });
    }

    /// How many requests are waiting for a reply.
    pub fn pending(&self) -> usize {
        self.inner.state.borrow().pending.len()
    }

    /// Whether the `message` listener is registered.
    pub fn is_listening(&self) -> bool {
        self.inner.listening.is_listening()
    }

    /// Whether the portal window (per `target`) is there now.
    pub fn has_portal_window(&self) -> bool {
        self.inner.target_window().is_ok()
    }

    /// The default wait for a reply.
    pub fn timeout_ms(&self) -> f64 {
        self.inner.config.timeout_ms
    }
}

impl Peer for Inner {
    fn is_peer(&self, source: &JsValue) -> bool {
        self.target_window().is_ok_and(|portal| *source == portal)
    }

    fn receive(self: &Inner, message: Inbound) {
        if self.listening.is_destroyed() {
            return;
        }
        let envelope = match envelope::decode(&message.text) {
            Ok(e) => e,
            Err(e) => return self.drop_message(&e.message()),
        };
        let fx = self.state.borrow_mut().correlator.on_reply(Reply::classify(envelope.data), convert::now());
        self.apply(fx);
    }

    fn dropped(&self, why: Dropped, _origin: &str) {
        self.drop_message(why.reason());
    }
}

impl Inner {
    /// Removes request `id` from the pending list.
    fn take(&self, id: RequestId) -> Option<Pending> {
        take_pending(&mut self.state.borrow_mut().pending, id)
    }

    /// Logs request `id` as sent (its action's name is kept with it).
    #[inline(never)]
    fn log_sent(&self, id: RequestId) {
        if self.config.log.is_on() {
            let what = self.state.borrow().pending.iter().find(|(i, _)| *i == id).map(|(_, p)| p.what);
            self.config.log.sent(what.unwrap_or_default());
        }
    }

    fn drop_message(&self, why: &str) {
        self.config.log.dropped(why);
    }

    /// The checks every request passes before anything is posted, and its envelope.
    fn prepare(&self, action: &Action, options: &CallOptions) -> Result<String, Error> {
        self.listening.alive()?;
        if options.aborted() {
            return Err(Error::Aborted);
        }
        self.encode(action)
    }

    /// Posts a fire-and-forget action (no reply, nothing kept).
    fn post_now(&self, action: &Action, options: &CallOptions) -> Result<(), Error> {
        let what = action.name().as_str();
        let posted = self.prepare(action, options).and_then(|m| self.post(&m));
        match &posted {
            Ok(()) => self.config.log.sent(what),
            Err(e) => self.config.log.failed(what, e),
        }
        posted
    }

    fn submit(&self, action: Action, options: &CallOptions, done: Done) {
        let kind = action.name().reply_kind();
        if kind == ReplyKind::None {
            return done(self.post_now(&action, options).map(|()| Answer::Posted).map_err(Failure::unsent));
        }
        let timeout_ms = options.timeout_ms.unwrap_or(self.config.timeout_ms);
        let message = match self.prepare(&action, options) {
            Ok(m) => m,
            Err(e) => return done(Err(Failure::unsent(e))),
        };
        let abort = match &options.signal {
            None => None,
            Some(signal) => {
                let st = self.state.borrow();
                match self.waiter.hold(signal, st.pending.iter().filter_map(|(_, p)| p.abort.as_ref())) {
                    Ok(hold) => Some(hold),
                    Err(e) => {
                        drop(st);
                        return done(Err(Failure::unsent(e)));
                    }
                }
            }
        };
        let fx = {
            let mut st = self.state.borrow_mut();
            let (id, fx) = st.correlator.submit(action.name(), message, timeout_ms, convert::now());
            st.pending.push((id, Pending { done, what: action.name().as_str(), abort, cti: kind == ReplyKind::Cti }));
            fx
        };
        self.apply(fx);
    }

    /// The portal window. `parent` and `top` cannot change for the life of this document and
    /// are kept once found; an opener or a named frame is looked up at each use, like porthole
    /// does, since either can change.
    fn target_window(&self) -> Result<JsValue, Error> {
        if let Some(w) = self.fixed_target.borrow().as_ref() {
            return Ok(w.clone());
        }
        let me = convert::window().ok_or(Error::NoPortal { reason: "there is no window" })?;
        let found: Option<JsValue> = match &self.config.target {
            Target::Parent => convert::get(&me, "parent"),
            Target::Top => convert::get(&me, "top"),
            Target::Opener => convert::get(&me, "opener"),
            Target::Named(name) => convert::get(&me, "frames").and_then(|f| convert::get(&f, name)),
        }
        .filter(JsValue::is_object);
        match found {
            Some(w) if w != JsValue::from(me) => {
                if matches!(self.config.target, Target::Parent | Target::Top) {
                    *self.fixed_target.borrow_mut() = Some(w.clone());
                }
                Ok(w)
            }
            Some(_) => Err(Error::NoPortal { reason: "the page is not inside the portal (it is its own parent)" }),
            None => Err(Error::NoPortal { reason: "the portal window is gone" }),
        }
    }

    /// The concrete `targetOrigin` to send with.
    fn send_origin(&self) -> Result<&(String, JsValue), Error> {
        if let Some(known) = self.send_origin.get() {
            return Ok(known);
        }
        let chosen = match &self.config.origins {
            Origins::Any => "*".to_owned(),
            Origins::List(origins) => self.choose_origin(origins)?,
        };
        let js = JsValue::from_str(&chosen);
        Ok(self.send_origin.get_or_init(|| (chosen, js)))
    }

    /// Which of the allowed origins frames this page (its inputs are fixed for the page's life).
    fn choose_origin(&self, origins: &[String]) -> Result<String, Error> {
        let mut hints: Vec<String> = Vec::new();
        let global = convert::global();
        let list = convert::get(&global, "location").and_then(|l| convert::get(&l, "ancestorOrigins"));
        if let Some(list) = list.filter(JsValue::is_object) {
            // ancestorOrigins[0] is the parent, the last one is top (a DOMStringList: read by
            // index, no copy).
            let last = || convert::get(&list, "length").and_then(|n| n.as_f64()).map_or(0, |n| (n as u64).max(1) - 1);
            let at = if self.config.target == Target::Top { last() } else { 0 };
            hints.extend(convert::get_string(&list, &crate::text::num(at)));
        }
        if let Some(r) =
            convert::get(&global, "document").and_then(|d| convert::get(&d, "referrer")).and_then(|r| r.as_string())
        {
            hints.extend(origin::of_url(&r).map(str::to_owned));
        }
        origin::choose(origins, &hints).map(str::to_owned).ok_or(Error::NoPortal {
            reason: "cannot tell which allowed portal origin frames this page; list only the portal's origin",
        })
    }

    fn encode(&self, action: &Action) -> Result<String, Error> {
        let me = convert::window().ok_or(Error::NoPortal { reason: "there is no window" })?;
        let meta = EnvelopeMeta {
            source_origin: self.own_origin.get_or_init(|| convert::own_origin(&me)).clone(),
            target_origin: self.send_origin()?.0.clone(),
            source_window_name: convert::get_string(&me, "name").unwrap_or_default(),
            target_window_name: self.config.target.wire_name().to_owned(),
        };
        Ok(envelope::encode_with(&meta, |out| action.write_json(out)))
    }

    fn post(&self, message: &str) -> Result<(), Error> {
        let target = self.target_window()?;
        messenger::post_to(&target, &JsValue::from_str(message), &self.send_origin()?.1)
    }

    /// Carries out the correlator's effects, then re-arms the timer. Callbacks into integrator
    /// code run with no borrow held, so they may call back into the channel.
    fn apply(&self, fx: Vec<Effect>) {
        // First in, first out: the effects a failed send adds run after the ones already due.
        let mut batch = fx;
        while !batch.is_empty() {
            let mut more = Vec::new();
            for effect in batch {
                self.carry_out(effect, &mut more);
            }
            batch = more;
        }
        self.rearm();
    }

    /// One effect; a send that fails adds its consequences to `more`.
    fn carry_out(&self, effect: Effect, more: &mut Vec<Effect>) {
        match effect {
            Effect::Send { id, message } => match self.post(&message) {
                Ok(()) => self.log_sent(id),
                Err(e) => more.extend(self.state.borrow_mut().correlator.fail_unsent(id, e, convert::now())),
            },
            Effect::Resolve { id, value } => {
                let settle = self.take(id);
                if let Some(p) = settle {
                    self.config.log.received(p.what);
                    let answer = match value {
                        Value::String(guid) if !p.cti => Answer::Guid(guid),
                        other => Answer::Cti(other),
                    };
                    (p.done)(Ok(answer));
                }
            }
            Effect::Reject { id, error, sent } => {
                let settle = self.take(id);
                if let Some(p) = settle {
                    self.config.log.failed(p.what, &error);
                    (p.done)(Err(Failure { error, sent }));
                }
            }
            Effect::Unsolicited(v) => {
                self.config.log.received("message");
                self.emit("message", &v);
            }
            Effect::Late(v) => {
                self.config.log.received("late");
                self.emit("late", &v);
            }
        }
    }

    fn emit(&self, event: &str, v: &Value) {
        let events = self.listening.events();
        if events.has(event) {
            events.emit(event, &convert::to_js(v));
        }
    }

    fn rearm(&self) {
        if self.listening.is_destroyed() {
            return self.waiter.disarm();
        }
        let next = self.state.borrow().correlator.next_deadline();
        self.waiter.arm(next);
    }
}

impl Waits for Inner {
    fn waiter(&self) -> &Waiter {
        &self.waiter
    }

    fn due(&self) {
        let fx = self.state.borrow_mut().correlator.tick(convert::now());
        self.apply(fx);
    }

    /// A caller's signal fired: cancel every request that was given that signal. The correlator
    /// quarantines the call lane if the request had already been posted (a reply may still come).
    fn aborted(&self, signal: &JsValue) {
        let fx = {
            let mut st = self.state.borrow_mut();
            let ids: Vec<RequestId> = st
                .pending
                .iter()
                .filter(|(_, p)| p.abort.as_ref().is_some_and(|h| h.is(signal)))
                .map(|(id, _)| *id)
                .collect();
            let now = convert::now();
            let mut fx = Vec::new();
            for id in ids {
                fx.extend(st.correlator.cancel(id, now));
            }
            fx
        };
        self.apply(fx);
    }
}

// No `Drop for Inner`: the messenger holds the `Inner` it delivers to, and the `Inner` holds
// the messenger, so the last `Rc` goes only after `destroy()` has dropped the messenger, and
// `destroy()` has settled everything pending by then (a class that listens lives until
// `destroy()`, as a DOM listener does; `free()` calls it first).

/// Removes request `id` from the pending list (in any order: it is only ever searched), as
/// `swap_remove` does but with no panicking path.
fn take_pending(pending: &mut Vec<(RequestId, Pending)>, id: RequestId) -> Option<Pending> {
    let at = pending.iter().position(|(i, _)| *i == id)?;
    let last = pending.pop()?;
    Some(match pending.get_mut(at) {
        Some(slot) => core::mem::replace(slot, last).1,
        None => last.1,
    })
}
