//! `PortalChannel`: the CRM page's end of the Porthole channel to the uContact portal.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::{Rc, Weak};

use js_sys::{Function, JsString, Promise, Reflect};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::cti;
use super::js::{self, CallOptions};
use super::resources::{Listener, Timeout};
use crate::error::Error;
use crate::wire::{
    envelope, origin, Action, Correlator, Effect, EnvelopeMeta, Reply, ReplyKind, RequestId, MAX_MESSAGE_BYTES,
};

/// Default time to wait for the portal's reply to `call`, `callWithPhone` or `CTI`.
pub const DEFAULT_TIMEOUT_MS: f64 = 15_000.0;
/// Default quarantine of the guid lane after a timed-out or aborted call (see `wire::correlate`).
pub const DEFAULT_QUARANTINE_MS: f64 = 60_000.0;

/// Events a subscriber may listen to.
const EVENTS: [&str; 2] = ["message", "late"];

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct Options {
    portal_origins: Vec<String>,
    target: Option<String>,
    allow_any_origin: bool,
    timeout_ms: Option<f64>,
    quarantine_ms: Option<f64>,
    debug: bool,
}

/// `{ campaign, callerid, destination }`.
pub(crate) struct CallArgs {
    pub campaign: String,
    pub callerid: String,
    pub destination: String,
}

impl CallArgs {
    pub(crate) fn read(v: &JsValue) -> Result<Self, Error> {
        let [campaign, callerid, destination] = js::strings("call", v, ["campaign", "callerid", "destination"])?;
        Ok(CallArgs { campaign, callerid, destination })
    }
}

/// `{ guid, message }`.
pub(crate) struct TagArgs {
    pub guid: String,
    pub message: String,
}

impl TagArgs {
    pub(crate) fn read(v: &JsValue) -> Result<Self, Error> {
        let [guid, message] = js::strings("tag", v, ["guid", "message"])?;
        Ok(TagArgs { guid, message })
    }
}

enum Target {
    Parent,
    Top,
    /// The window that opened this one: a CRM the portal opens in a pop-up.
    Opener,
    Named(String),
}

impl Target {
    /// Porthole's `targetWindowName` for this target (`''` means parent).
    fn wire_name(&self) -> &str {
        match self {
            Target::Parent => "",
            Target::Top => "top",
            // porthole.js looks names up in `window.frames`, which is the window itself, so
            // its own name for the opener is `opener` too.
            Target::Opener => "opener",
            Target::Named(n) => n,
        }
    }
}

/// A request waiting for the portal's reply.
struct Pending {
    resolve: Function,
    reject: Function,
    /// The reply is a CTI record, handed over typed (see `cti::typed`).
    cti: bool,
    /// The caller's signal and our `abort` listener on it. Requests given the same signal
    /// share one registration (the browser keeps one per signal and function), removed when
    /// the last of them settles.
    abort: Option<(web_sys::AbortSignal, Rc<Listener>)>,
}

struct State {
    destroyed: bool,
    correlator: Correlator,
    pending: HashMap<RequestId, Pending>,
    subscribers: Vec<(&'static str, Function)>,
    listener: Option<Listener>,
    timeout: Option<Timeout>,
    /// The deadline `timeout` was armed for.
    armed_at: Option<f64>,
}

struct Inner {
    origins: Vec<String>,
    any_origin: bool,
    target: Target,
    timeout_ms: f64,
    debug: bool,
    state: RefCell<State>,
    /// The `targetOrigin` once worked out: its inputs (`location.ancestorOrigins`,
    /// `document.referrer`) are fixed for the life of the page.
    send_origin: RefCell<Option<String>>,
    /// The portal window when it cannot change (`parent`, `top`), once found.
    fixed_target: RefCell<Option<JsValue>>,
    /// This page's origin (`sourceOrigin` of every envelope).
    own_origin: String,
    // Callbacks live exactly as long as the channel (see `resources`).
    on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    on_tick: Closure<dyn FnMut()>,
    /// One `abort` handler for every request: it finds the requests by their signal.
    on_abort: Closure<dyn FnMut(web_sys::Event)>,
}

/// The CRM page's channel to the uContact portal (Porthole 1.0.0 wire format).
///
/// Create it with the portal's origin(s); it listens for the portal's replies at once.
/// `call`/`callWithPhone` resolve with the call's guid, `cti` with the typed CTI record,
/// `hangup`/`tag`/`respool`/`schedule` once the message is posted. Failures reject with an
/// `Error` whose `name` is `UContactError` and whose `code` says what happened.
#[wasm_bindgen]
pub struct PortalChannel {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl PortalChannel {
    /// `new PortalChannel({ portalOrigins, target?, allowAnyOrigin?, timeoutMs?, quarantineMs?, debug? })`.
    ///
    /// * `portalOrigins`: the exact origins the portal may have (e.g. `['https://acme.ucontactcloud.com']`).
    ///   Messages are sent to, and accepted from, these origins only.
    /// * `target`: `'parent'` (default), `'top'`, `'opener'` (a CRM page the portal opened in a
    ///   pop-up), or the name of a frame, like porthole's target window name.
    /// * `allowAnyOrigin`: send with `targetOrigin '*'` and accept any origin from the portal window.
    ///   Dangerous: whoever navigates the portal window receives your messages. Off by default.
    /// * `timeoutMs`: how long `call`/`callWithPhone`/`cti` wait for the reply (default 15000).
    /// * `quarantineMs`: after a timed-out call, how long the call lane stays closed so a late
    ///   reply cannot be taken for the next call's (default 60000; `Infinity` = until it arrives).
    ///
    /// Throws `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PortalChannelOptions")] options: JsValue,
    ) -> Result<PortalChannel, JsValue> {
        Self::create(options).map_err(|e| js::error(&e))
    }

    /// Places a call through the portal: `{ campaign, callerid, destination }` (all strings).
    /// Resolves with the call's guid. Rejects with `INVALID_ARGUMENT`, `TIMEOUT`, `REFUSED`,
    /// `NO_PORTAL`, `ABORTED`, `DESTROYED`.
    ///
    /// Every action takes a last, optional `{ timeoutMs?, signal? }`: `timeoutMs` overrides the
    /// channel's wait for this reply; an `AbortSignal` rejects the call with `ABORTED` and
    /// removes it (a call already posted keeps the call lane closed for `quarantineMs`, since
    /// its reply may still come). Fire-and-forget actions only check the signal before posting.
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let action = CallArgs::read(&args).and_then(|a| Action::call(&a.campaign, &a.callerid, &a.destination));
        self.request(action, options)
    }

    /// Places a call with the portal's own phone: `{ destination, campaign }`.
    /// Resolves with the call's guid; rejects like `call`.
    #[wasm_bindgen(js_name = callWithPhone, unchecked_return_type = "Promise<string>")]
    pub fn call_with_phone(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallWithPhoneArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let action = js::strings("callWithPhone", &args, ["destination", "campaign"])
            .and_then(|[destination, campaign]| Action::call_with_phone(&destination, &campaign));
        self.request(action, options)
    }

    /// Hangs up the current call. Resolves (with `undefined`) once posted; the portal sends no reply.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn hangup(&self, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue) -> Promise {
        self.request(Ok(Action::hangup()), options)
    }

    /// Tags the recording of a call: `{ guid, message }`. Resolves once posted.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn tag(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TagArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let action = TagArgs::read(&args).and_then(|a| Action::tag(&a.guid, &a.message));
        self.request(action, options)
    }

    /// Asks the portal for the current interaction record. Resolves with the typed record, as
    /// `decodeCti` gives it (`guid`, `campaign`, `parAndValues`, `dialer`, …, and `raw`, the
    /// record exactly as the portal sent it). Rejects with `TIMEOUT`, `BAD_JSON` (the portal's
    /// record is malformed), `NO_PORTAL`, `ABORTED`, `DESTROYED`.
    #[wasm_bindgen(unchecked_return_type = "Promise<CtiRecord>")]
    pub fn cti(&self, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue) -> Promise {
        self.request(Ok(Action::cti()), options)
    }

    /// Sends a dialer record back to the dialer (`objetoRespool`). Resolves once posted.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn respool(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Respool | RespoolJson")] respool: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let action = js::from_js::<serde_json::Value>("respool", respool).and_then(Action::respool);
        self.request(action, options)
    }

    /// Schedules a dialer call: `callDate` is `YYYY-MM-DD HH:MM:SS`, `objectDialer` a Respool
    /// object. Resolves once posted.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn schedule(
        &self,
        #[wasm_bindgen(js_name = callDate, unchecked_param_type = "string")] call_date: JsValue,
        #[wasm_bindgen(js_name = objectDialer, unchecked_param_type = "Respool | RespoolJson")] object_dialer: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let action = match call_date.as_string() {
            Some(d) => {
                js::from_js::<serde_json::Value>("objectDialer", object_dialer).and_then(|o| Action::schedule(&d, o))
            }
            None => Err(Error::invalid("callDate", "is not a string")),
        };
        self.request(action, options)
    }

    /// Subscribes to `'message'` (portal messages that answer nothing pending) or `'late'`
    /// (a reply that arrived after its request timed out or was aborted).
    /// Throws `INVALID_ARGUMENT` for other event names.
    // Typed in types.d.ts, generic over the event name (see `interface PortalChannel`).
    #[wasm_bindgen(skip_typescript)]
    pub fn on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChannelEvent")] event: &str,
        #[wasm_bindgen(unchecked_param_type = "ChannelListener")] listener: Function,
    ) -> Result<(), JsValue> {
        let name = EVENTS
            .iter()
            .find(|e| **e == event)
            .ok_or_else(|| js::error(&Error::invalid("event", format!("unknown event `{event}`"))))?;
        self.inner.state.borrow_mut().subscribers.push((name, listener));
        Ok(())
    }

    /// Removes a subscription made with `on`.
    // Typed in types.d.ts, generic over the event name (see `interface PortalChannel`).
    #[wasm_bindgen(skip_typescript)]
    pub fn off(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChannelEvent")] event: &str,
        #[wasm_bindgen(unchecked_param_type = "ChannelListener")] listener: &Function,
    ) {
        self.inner.state.borrow_mut().subscribers.retain(|(e, f)| !(*e == event && f == listener));
    }

    /// Rejects everything pending with `DESTROYED`, removes the listener and the timer; later
    /// calls reject at once with `DESTROYED`. Safe to call more than once.
    pub fn destroy(&self) {
        let fx = {
            let mut st = self.inner.state.borrow_mut();
            if st.destroyed {
                return;
            }
            st.destroyed = true;
            st.listener = None;
            st.timeout = None;
            st.correlator.destroy()
        };
        apply(&self.inner, fx);
        self.inner.state.borrow_mut().subscribers.clear();
    }

    /// How many requests are waiting for a reply (for diagnostics and tests).
    #[wasm_bindgen(getter)]
    pub fn pending(&self) -> usize {
        self.inner.state.borrow().pending.len()
    }

    /// Whether a `message` listener is currently registered (for diagnostics and tests).
    #[wasm_bindgen(getter, js_name = isListening)]
    pub fn is_listening(&self) -> bool {
        self.inner.state.borrow().listener.is_some()
    }
}

impl PortalChannel {
    /// Whether the portal window (per `target`) is there now: a parent, top or opener other
    /// than this page, or the named frame.
    pub(crate) fn has_portal_window(&self) -> bool {
        self.inner.target_window().is_ok()
    }

    fn create(options: JsValue) -> Result<PortalChannel, Error> {
        let o: Options = if options.is_undefined() { Options::default() } else { js::from_js("options", options)? };
        if o.portal_origins.is_empty() && !o.allow_any_origin {
            return Err(Error::invalid(
                "portalOrigins",
                "is required: list the portal's origin(s), e.g. ['https://acme.ucontactcloud.com']",
            ));
        }
        for origin in &o.portal_origins {
            origin::check("portalOrigins", origin)?;
        }
        let target = match o.target.as_deref() {
            None | Some("parent") => Target::Parent,
            Some("top") => Target::Top,
            Some("opener") => Target::Opener,
            Some("") => return Err(Error::invalid("target", "is empty")),
            Some(name) => Target::Named(name.to_owned()),
        };
        let timeout_ms = js::positive("timeoutMs", o.timeout_ms, DEFAULT_TIMEOUT_MS)?;
        let quarantine_ms = js::positive("quarantineMs", o.quarantine_ms, DEFAULT_QUARANTINE_MS)?;
        let window = web_sys::window().ok_or(Error::NoPortal { reason: "there is no window (not a browser page)" })?;
        let inner = Rc::new_cyclic(|weak: &Weak<Inner>| {
            let (w1, w2, w3) = (weak.clone(), weak.clone(), weak.clone());
            Inner {
                origins: o.portal_origins,
                any_origin: o.allow_any_origin,
                target,
                timeout_ms,
                debug: o.debug,
                state: RefCell::new(State {
                    destroyed: false,
                    correlator: Correlator::new(quarantine_ms),
                    pending: HashMap::new(),
                    subscribers: Vec::new(),
                    listener: None,
                    timeout: None,
                    armed_at: None,
                }),
                send_origin: RefCell::new(None),
                fixed_target: RefCell::new(None),
                own_origin: js::own_origin(&window),
                on_message: Closure::new(move |ev: web_sys::MessageEvent| {
                    if let Some(inner) = w1.upgrade() {
                        on_message(&inner, &ev);
                    }
                }),
                on_tick: Closure::new(move || {
                    if let Some(inner) = w2.upgrade() {
                        let fx = {
                            let mut st = inner.state.borrow_mut();
                            st.timeout = None;
                            st.armed_at = None;
                            st.correlator.tick(js::now())
                        };
                        apply(&inner, fx);
                    }
                }),
                on_abort: Closure::new(move |ev: web_sys::Event| {
                    if let Some(inner) = w3.upgrade() {
                        on_abort(&inner, &ev);
                    }
                }),
            }
        });
        let listener = Listener::add(window.into(), "message", inner.on_message.as_ref().unchecked_ref())
            .map_err(|_| Error::NoPortal { reason: "cannot listen for messages" })?;
        inner.state.borrow_mut().listener = Some(listener);
        Ok(PortalChannel { inner })
    }

    fn request(&self, action: Result<Action, Error>, options: JsValue) -> Promise {
        let inner = &self.inner;
        let mut effects = Vec::new();
        let promise = Promise::new(&mut |resolve: Function, reject: Function| {
            let fail = |e: Error| {
                let _ = reject.call1(&JsValue::NULL, &js::error(&e));
            };
            if inner.state.borrow().destroyed {
                return fail(Error::Destroyed);
            }
            let opts = match CallOptions::from_js(&options) {
                Ok(o) => o,
                Err(e) => return fail(e),
            };
            if opts.signal.as_ref().is_some_and(web_sys::AbortSignal::aborted) {
                return fail(Error::Aborted);
            }
            let timeout_ms = match js::positive("timeoutMs", opts.timeout_ms, inner.timeout_ms) {
                Ok(t) => t,
                Err(e) => return fail(e),
            };
            let action = match &action {
                Ok(a) => a,
                Err(e) => return fail(e.clone()),
            };
            let message = match inner.encode(action) {
                Ok(m) => m,
                Err(e) => return fail(e),
            };
            if action.name().reply_kind() == ReplyKind::None {
                match inner.post(&message) {
                    Ok(()) => drop(resolve.call0(&JsValue::NULL)),
                    Err(e) => fail(e),
                }
                return;
            }
            let abort = match opts.signal {
                Some(signal) => {
                    let shared = inner.state.borrow().pending.values().find_map(|p| {
                        p.abort
                            .as_ref()
                            .filter(|(s, _)| AsRef::<JsValue>::as_ref(s) == AsRef::<JsValue>::as_ref(&signal))
                            .map(|(_, l)| l.clone())
                    });
                    match shared {
                        Some(l) => Some((signal, l)),
                        None => {
                            match Listener::add(signal.clone().into(), "abort", inner.on_abort.as_ref().unchecked_ref())
                            {
                                Ok(l) => Some((signal, Rc::new(l))),
                                Err(_) => return fail(Error::invalid("signal", "is not an AbortSignal")),
                            }
                        }
                    }
                }
                None => None,
            };
            let mut st = inner.state.borrow_mut();
            let (id, fx) = st.correlator.submit(action.name(), message, timeout_ms, js::now());
            let cti = action.name().reply_kind() == ReplyKind::Cti;
            st.pending.insert(id, Pending { resolve: resolve.clone(), reject: reject.clone(), cti, abort });
            effects = fx;
        });
        apply(inner, effects);
        promise
    }
}

impl Inner {
    fn window(&self) -> Result<web_sys::Window, Error> {
        web_sys::window().ok_or(Error::NoPortal { reason: "there is no window" })
    }

    /// The portal window. `parent` and `top` cannot change for the life of this document and
    /// are kept once found; an opener or a named frame is looked up at each use, like porthole
    /// does, since either can change.
    fn target_window(&self) -> Result<JsValue, Error> {
        if let Some(w) = self.fixed_target.borrow().as_ref() {
            return Ok(w.clone());
        }
        let me = self.window()?;
        let found: Option<JsValue> = match &self.target {
            Target::Parent => me.parent().ok().flatten().map(Into::into),
            Target::Top => me.top().ok().flatten().map(Into::into),
            Target::Opener => me.opener().ok().filter(|w| w.is_object()),
            Target::Named(name) => {
                me.frames().ok().and_then(|f| Reflect::get(&f, &name.into()).ok()).filter(|w| w.is_object())
            }
        };
        match found {
            Some(w) if w != JsValue::from(me) => {
                // A frame's parent and top are fixed for the life of its document.
                if matches!(self.target, Target::Parent | Target::Top) {
                    *self.fixed_target.borrow_mut() = Some(w.clone());
                }
                Ok(w)
            }
            Some(_) => Err(Error::NoPortal { reason: "the page is not inside the portal (it is its own parent)" }),
            None => Err(Error::NoPortal { reason: "the portal window is gone" }),
        }
    }

    /// The concrete `targetOrigin` to send with.
    fn send_origin(&self) -> Result<String, Error> {
        if self.any_origin {
            return Ok("*".into());
        }
        if let Some(known) = self.send_origin.borrow().as_ref() {
            return Ok(known.clone());
        }
        let chosen = self.choose_origin()?;
        *self.send_origin.borrow_mut() = Some(chosen.clone());
        Ok(chosen)
    }

    fn choose_origin(&self) -> Result<String, Error> {
        let mut hints: Vec<String> = Vec::new();
        let global = js::global();
        if let Ok(list) =
            Reflect::get(&global, &"location".into()).and_then(|l| Reflect::get(&l, &"ancestorOrigins".into()))
        {
            if list.is_object() {
                let arr: Vec<String> = js_sys::Array::from(&list).iter().filter_map(|v| v.as_string()).collect();
                // ancestorOrigins[0] is the parent, the last one is top.
                match self.target {
                    Target::Top => hints.extend(arr.last().cloned()),
                    _ => hints.extend(arr.first().cloned()),
                }
            }
        }
        if let Some(r) = Reflect::get(&global, &"document".into()).ok().and_then(|d| js::string_prop(&d, "referrer")) {
            hints.extend(origin::of_url(&r).map(str::to_owned));
        }
        origin::choose(&self.origins, &hints).map(str::to_owned).ok_or(Error::NoPortal {
            reason: "cannot tell which allowed portal origin frames this page; list only the portal's origin",
        })
    }

    fn encode(&self, action: &Action) -> Result<String, Error> {
        let w = self.window()?;
        let meta = EnvelopeMeta {
            source_origin: self.own_origin.clone(),
            target_origin: self.send_origin()?,
            source_window_name: w.name().unwrap_or_default(),
            target_window_name: self.target.wire_name().to_owned(),
        };
        envelope::encode(action, &meta)
    }

    fn post(&self, message: &str) -> Result<(), Error> {
        let target: web_sys::Window = self.target_window()?.unchecked_into();
        let origin = self.send_origin()?;
        target
            .post_message(&message.into(), &origin)
            .map_err(|_| Error::NoPortal { reason: "postMessage to the portal failed" })
    }

    fn dropped(&self, why: &str) {
        if self.debug {
            js::debug(&format!("ucontact-bridge: dropped a message: {why}"));
        }
    }
}

/// Every inbound message is hostile until proven otherwise. In order:
/// 1. the sender must be the portal window itself (`event.source`), so another frame on an
///    allowed origin (or a popup) cannot answer for the portal;
/// 2. `event.origin` must be on the allow-list, so a portal window navigated elsewhere cannot
///    answer either;
/// 3. the data must be a string of bounded size that decodes as a Porthole envelope.
///
/// Anything else is dropped silently (a debug line at most); nothing here can throw.
fn on_message(inner: &Rc<Inner>, ev: &web_sys::MessageEvent) {
    if inner.state.borrow().destroyed {
        return;
    }
    let from_portal = match (ev.source(), inner.target_window()) {
        (Some(src), Ok(portal)) => JsValue::from(src) == portal,
        _ => false,
    };
    if !from_portal {
        return inner.dropped("not sent by the portal window");
    }
    if !inner.any_origin && !inner.origins.iter().any(|o| *o == ev.origin()) {
        return inner.dropped("origin not allowed");
    }
    let data = ev.data();
    let Some(text) = data.dyn_ref::<JsString>() else {
        return inner.dropped("not a string");
    };
    // Bound the copy into wasm memory: a UTF-16 unit is at least one UTF-8 byte.
    if text.length() as usize > MAX_MESSAGE_BYTES {
        return inner.dropped("too large");
    }
    let envelope = match envelope::decode(&String::from(text)) {
        Ok(e) => e,
        Err(e) => return inner.dropped(&e.to_string()),
    };
    let fx = inner.state.borrow_mut().correlator.on_reply(Reply::classify(envelope.data), js::now());
    apply(inner, fx);
}

/// Carries out the correlator's effects, then re-arms the timer. Callbacks into integrator code
/// run with no borrow held, so they may call back into the channel.
fn apply(inner: &Rc<Inner>, fx: Vec<Effect>) {
    let mut queue: VecDeque<Effect> = fx.into();
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Send { id, message } => {
                if let Err(e) = inner.post(&message) {
                    let more = inner.state.borrow_mut().correlator.fail_unsent(id, e, js::now());
                    queue.extend(more);
                }
            }
            Effect::Resolve { id, value } => {
                let settle = inner.state.borrow_mut().pending.remove(&id);
                if let Some(p) = settle {
                    let settled = if p.cti { cti::typed(value).map(|v| js::to_js(&v)) } else { Ok(js::to_js(&value)) };
                    let _ = match settled {
                        Ok(v) => p.resolve.call1(&JsValue::NULL, &v),
                        Err(e) => p.reject.call1(&JsValue::NULL, &js::error(&e)),
                    };
                }
            }
            Effect::Reject { id, error } => {
                let settle = inner.state.borrow_mut().pending.remove(&id);
                if let Some(p) = settle {
                    let _ = p.reject.call1(&JsValue::NULL, &js::error(&error));
                }
            }
            Effect::Unsolicited(v) => emit(inner, "message", &js::to_js(&v)),
            Effect::Late(v) => emit(inner, "late", &js::to_js(&v)),
        }
    }
    rearm(inner);
}

/// A caller's signal fired: cancel every request that was given that signal. The correlator
/// quarantines the call lane if the request had already been posted (a reply may still come).
fn on_abort(inner: &Rc<Inner>, ev: &web_sys::Event) {
    let Some(target) = ev.target() else { return };
    let target = JsValue::from(target);
    let fx = {
        let mut st = inner.state.borrow_mut();
        let ids: Vec<RequestId> = st
            .pending
            .iter()
            .filter(|(_, p)| p.abort.as_ref().is_some_and(|(s, _)| JsValue::from(s) == target))
            .map(|(id, _)| *id)
            .collect();
        let now = js::now();
        ids.into_iter().flat_map(|id| st.correlator.cancel(id, now)).collect::<Vec<_>>()
    };
    apply(inner, fx);
}

fn rearm(inner: &Rc<Inner>) {
    let mut st = inner.state.borrow_mut();
    if st.destroyed {
        st.timeout = None;
        st.armed_at = None;
        return;
    }
    // Lazy: a timer already armed for an earlier or equal deadline stays. When it fires, the
    // tick settles whatever is due and arms the next deadline; so calls that are answered in
    // time cost no timer work beyond the first.
    if let Some(at) = st.correlator.next_deadline() {
        if st.armed_at.is_none_or(|armed| at < armed) {
            st.timeout = Some(Timeout::schedule(inner.on_tick.as_ref().unchecked_ref(), at - js::now()));
            st.armed_at = Some(at);
        }
    }
}

fn emit(inner: &Rc<Inner>, event: &str, value: &JsValue) {
    let targets: Vec<Function> =
        inner.state.borrow().subscribers.iter().filter(|(e, _)| *e == event).map(|(_, f)| f.clone()).collect();
    js::notify(targets, value);
}

impl Drop for Inner {
    fn drop(&mut self) {
        // The JS object was freed without destroy(): settle what is pending rather than leave
        // promises hanging forever.
        let st = self.state.get_mut();
        st.listener = None;
        st.timeout = None;
        for (_, p) in st.pending.drain() {
            let _ = p.reject.call1(&JsValue::NULL, &js::error(&Error::Destroyed));
        }
    }
}
