//! `Bridge`: one object for both paths. Inside the portal it speaks Porthole through a
//! [`PortalChannel`]; outside, it calls the Integra REST API through an [`IntegraClient`].
//!
//! The path is chosen once, before anything is sent, and never changes: a request that may
//! have reached the portal is never sent again over REST (that could dial a customer twice).
//! When the portal stops answering, calls fail fast with `PORTAL_LOST` until it answers again.
//!
//! | action          | portal path             | REST path                                            |
//! |-----------------|-------------------------|------------------------------------------------------|
//! | `call`          | `call`                  | `Agents/AgentCall` (outqueue = campaign, agent profile) |
//! | `callWithPhone` | `callWithPhone`         | — `PORTAL_REQUIRED`                                  |
//! | `hangup`        | `hangup`                | `Agents/HangupPhone` (the agent's phone)             |
//! | `tag`           | `tag`                   | `Agents/TagRecord` (phone, guid, message as `data`)  |
//! | `respool`       | `respool`               | `Dialers/Respool`                                    |
//! | `schedule`      | `schedule`              | `Dialers/ScheduleDialerCall`                         |
//! | `cti`           | `CTI`                   | the localStorage record, else the legacy global `CTI` |

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Function, Promise};
use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, spawn_local, JsFuture};

use super::channel::{CallArgs, PortalChannel, TagArgs};
use super::cti::{read_cti_from_storage, read_legacy_cti};
use super::integra::{respool_arg, IntegraClient};
use super::js::{self, CallOptions, Interrupted};
use super::resources::sleep;
use crate::error::Error;

/// Default wait for the portal's answer to a probe.
const DEFAULT_PROBE_TIMEOUT_MS: f64 = 2_000.0;
/// Default interval between probes while on the portal path.
const DEFAULT_HEARTBEAT_MS: f64 = 15_000.0;
/// Bridge-level events; `message` and `late` are the channel's.
const EVENTS: [&str; 5] = ["connected", "lost", "restored", "message", "late"];

#[derive(Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum ModeOption {
    #[default]
    Auto,
    Portal,
    Rest,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    #[serde(default)]
    mode: ModeOption,
    #[serde(default)]
    portal_origins: Vec<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    allow_any_origin: bool,
    #[serde(default)]
    timeout_ms: Option<f64>,
    #[serde(default)]
    quarantine_ms: Option<f64>,
    #[serde(default)]
    probe_timeout_ms: Option<f64>,
    #[serde(default)]
    heartbeat_ms: Option<f64>,
    #[serde(default)]
    debug: bool,
    /// `IntegraClient` options, passed through (checked there).
    #[serde(default)]
    rest: Option<Value>,
    #[serde(default)]
    agent: Option<AgentProfile>,
    /// `readCtiFromStorage` options, passed through.
    #[serde(default)]
    cti: Option<Value>,
}

/// Who the agent is, for the REST endpoints that need it.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct AgentProfile {
    agent: String,
    phone: String,
    #[serde(default = "default_tech")]
    tech: String,
    context: String,
}

fn default_tech() -> String {
    "SIP".to_owned()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Choosing,
    Portal,
    Rest,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    Connecting,
    Connected,
    Lost,
}

struct State {
    mode: Mode,
    link: Link,
    destroyed: bool,
    subscribers: Vec<(&'static str, Function)>,
    /// The decision, once made (resolved with the mode's name, or rejected).
    ready: Option<Promise>,
}

struct Inner {
    requested: ModeOption,
    channel: Option<PortalChannel>,
    rest: Option<IntegraClient>,
    agent: Option<AgentProfile>,
    cti: Option<Value>,
    probe_timeout_ms: f64,
    heartbeat_ms: f64,
    state: RefCell<State>,
    /// Aborted by `destroy()`: stops the REST requests in flight.
    teardown: Option<web_sys::AbortController>,
    /// Calls made and not yet settled.
    inflight: Cell<usize>,
}

/// One entry point for CRM pages: the portal when the page runs inside it, the Integra REST API
/// otherwise.
///
/// ```js
/// const bridge = new Bridge({ portalOrigins: ['https://acme.ucontactcloud.com'],
///   rest: { baseUrl: 'https://acme.ucontactcloud.com', user, password },
///   agent: { agent: 'ana', phone: '1001', context: 'from-internal' } });
/// bridge.on('lost', () => showBanner('portal not answering'));
/// const mode = await bridge.ready;               // 'portal' or 'rest'
/// const guid = await bridge.call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' });
/// ```
#[wasm_bindgen]
pub struct Bridge {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl Bridge {
    /// `new Bridge({ mode?, portalOrigins?, target?, allowAnyOrigin?, timeoutMs?, quarantineMs?,
    /// probeTimeoutMs?, heartbeatMs?, debug?, rest?, agent?, cti? })`.
    ///
    /// * `mode`: `'auto'` (default): the portal if the portal window is there (the page is
    ///   framed, or was opened by the portal with `target: 'opener'`) and the portal answers a
    ///   probe (a `CTI` request, which changes nothing) within `probeTimeoutMs` (default 2000);
    ///   otherwise REST. `'portal'` or `'rest'` force a path.
    /// * `portalOrigins`, `target`, `allowAnyOrigin`, `timeoutMs`, `quarantineMs`, `debug`: as
    ///   for `PortalChannel`.
    /// * `heartbeatMs`: on the portal path, probe this often to notice a portal that stopped
    ///   answering (default 15000; `0` turns it off).
    /// * `rest`: `IntegraClient` options (`baseUrl`, `token` or `user` + `password`, …).
    /// * `agent`: `{ agent, phone, tech? ('SIP'), context }`, which REST `call`, `hangup` and
    ///   `tag` need.
    /// * `cti`: `readCtiFromStorage` options for `cti()` on the REST path.
    ///
    /// Throws `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "BridgeOptions")] options: JsValue) -> Result<Bridge, JsValue> {
        let bridge = Self::create(options).map_err(|e| js::error(&e))?;
        let weak = Rc::downgrade(&bridge.inner);
        let ready = future_to_promise(async move {
            let Some(inner) = weak.upgrade() else { return Err(js::error(&Error::Destroyed)) };
            decide(&inner).await.map_err(|e| js::error(&e))
        });
        bridge.inner.state.borrow_mut().ready = Some(ready);
        Ok(bridge)
    }

    /// Resolves with the chosen path, `'portal'` or `'rest'`, once decided; rejects with
    /// `NO_PORTAL` when `auto` found no answering portal and no REST settings.
    #[wasm_bindgen(getter, unchecked_return_type = "Promise<BridgeMode>")]
    pub fn ready(&self) -> Promise {
        self.inner.ready()
    }

    /// `'choosing'`, `'portal'` or `'rest'`.
    #[wasm_bindgen(getter, unchecked_return_type = "BridgeMode | 'choosing'")]
    pub fn mode(&self) -> String {
        match self.inner.state.borrow().mode {
            Mode::Choosing => "choosing",
            Mode::Portal => "portal",
            Mode::Rest => "rest",
        }
        .to_owned()
    }

    /// `'connecting'`, `'connected'`, `'lost'` (the portal stopped answering) or `'destroyed'`.
    #[wasm_bindgen(getter, unchecked_return_type = "BridgeState")]
    pub fn state(&self) -> String {
        let st = self.inner.state.borrow();
        if st.destroyed {
            return "destroyed".to_owned();
        }
        match st.link {
            Link::Connecting => "connecting",
            Link::Connected => "connected",
            Link::Lost => "lost",
        }
        .to_owned()
    }

    /// The REST client (sharing this bridge's session) for REST-only operations:
    /// dispositions, blacklist, dialer tasks, bases, recordings, supervisor. `undefined`
    /// without `rest` settings.
    #[wasm_bindgen(getter)]
    pub fn rest(&self) -> Option<IntegraClient> {
        self.inner.rest.as_ref().map(IntegraClient::share)
    }

    /// Places a call: `{ campaign, callerid, destination }`. Resolves with the guid.
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let rest_args = CallArgs::read(&args);
        self.dispatch(
            options,
            move |ch, o| Ok(ch.call(args, o)),
            move |inner, o| {
                let (a, agent) = (rest_args?, inner.agent()?);
                Ok(inner.client()?.agent_call(
                    js::to_js(
                        &json!({ "callerid": a.callerid, "agent": agent.agent, "phone": agent.phone, "tech": agent.tech,
                        "context": agent.context, "outqueue": a.campaign, "destination": a.destination }),
                    ),
                    o,
                ))
            },
        )
    }

    /// Places a call with the portal's own phone: `{ destination, campaign }`. Portal only:
    /// on the REST path it rejects with `PORTAL_REQUIRED`.
    #[wasm_bindgen(js_name = callWithPhone, unchecked_return_type = "Promise<string>")]
    pub fn call_with_phone(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallWithPhoneArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.dispatch(
            options,
            move |ch, o| Ok(ch.call_with_phone(args, o)),
            |_, _| {
                Err(Error::PortalRequired {
                    action: "callWithPhone",
                    reason: "the portal places it with the agent's own phone, and the REST API has no such endpoint",
                })
            },
        )
    }

    /// Hangs up the agent's current call.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn hangup(&self, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue) -> Promise {
        self.dispatch(
            options,
            |ch, o| Ok(ch.hangup(o)),
            |inner, o| {
                let agent = inner.agent()?;
                Ok(inner.client()?.hangup_phone(js::to_js(&json!({ "phone": agent.phone })), o))
            },
        )
    }

    /// Tags a call's recording: `{ guid, message }`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn tag(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TagArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let rest_args = TagArgs::read(&args);
        self.dispatch(
            options,
            move |ch, o| Ok(ch.tag(args, o)),
            move |inner, o| {
                let (a, agent) = (rest_args?, inner.agent()?);
                Ok(inner
                    .client()?
                    .tag_record(js::to_js(&json!({ "phone": agent.phone, "guid": a.guid, "data": a.message })), o))
            },
        )
    }

    /// Sends a dialer row back to the dialer: a `Respool` (or its JSON), checked first on
    /// both paths.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn respool(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Respool | RespoolJson")] respool: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let checked = respool_arg(respool).map(|r| js::to_js(&r.to_value()));
        let for_rest = checked.clone();
        self.dispatch(
            options,
            move |ch, o| Ok(ch.respool(checked?, o)),
            move |inner, o| Ok(inner.client()?.respool(for_rest?, o)),
        )
    }

    /// Schedules a dialer row: `callDate` (`YYYY-MM-DD HH:MM:SS`) and a `Respool`, checked
    /// first on both paths.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn schedule(
        &self,
        #[wasm_bindgen(js_name = callDate)] call_date: String,
        #[wasm_bindgen(unchecked_param_type = "Respool | RespoolJson")] respool: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let checked = respool_arg(respool).and_then(|r| {
            r.schedule(&call_date)?;
            Ok(js::to_js(&r.to_value()))
        });
        let for_rest = checked.clone();
        let date = call_date.clone();
        self.dispatch(
            options,
            move |ch, o| Ok(ch.schedule(call_date.into(), checked?, o)),
            move |inner, o| Ok(inner.client()?.schedule(&date, for_rest?, o)),
        )
    }

    /// The current interaction record, typed like `decodeCti`: from the portal (`CTI`), or on
    /// the REST path from localStorage (`cti` options), else the legacy global `CTI`.
    #[wasm_bindgen(unchecked_return_type = "Promise<CtiRecord>")]
    pub fn cti(&self, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue) -> Promise {
        self.dispatch(
            options,
            |ch, o| Ok(ch.cti(o)),
            |inner, _| {
                let cti_options = inner.cti.as_ref().map_or(JsValue::UNDEFINED, js::to_js);
                let record = read_cti_from_storage(cti_options).or_else(|err| match js::code_of(&err).as_deref() {
                    Some("NOT_FOUND" | "STORAGE_UNAVAILABLE") => read_legacy_cti().map_err(|legacy| {
                        if js::code_of(&legacy).as_deref() == Some("NOT_FOUND") {
                            err
                        } else {
                            legacy
                        }
                    }),
                    _ => Err(err),
                });
                Ok(match record {
                    Ok(v) => Promise::resolve(&v),
                    Err(e) => Promise::reject(&e),
                })
            },
        )
    }

    /// Subscribes to `'connected'` (`{ mode }`), `'lost'`, `'restored'`, or the portal's
    /// `'message'` / `'late'`. Throws `INVALID_ARGUMENT` for other names.
    // Typed in types.d.ts, generic over the event name (see `interface Bridge`).
    #[wasm_bindgen(skip_typescript)]
    pub fn on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BridgeEvent")] event: &str,
        #[wasm_bindgen(unchecked_param_type = "BridgeListener")] listener: Function,
    ) -> Result<(), JsValue> {
        let name = EVENTS
            .iter()
            .find(|e| **e == event)
            .ok_or_else(|| js::error(&Error::invalid("event", format!("unknown event `{event}`"))))?;
        if matches!(*name, "message" | "late") {
            if let Some(ch) = &self.inner.channel {
                ch.on(name, listener.clone())?;
            }
        }
        self.inner.state.borrow_mut().subscribers.push((name, listener));
        Ok(())
    }

    /// Removes a subscription made with `on`.
    // Typed in types.d.ts, generic over the event name (see `interface Bridge`).
    #[wasm_bindgen(skip_typescript)]
    pub fn off(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BridgeEvent")] event: &str,
        #[wasm_bindgen(unchecked_param_type = "BridgeListener")] listener: &Function,
    ) {
        if let Some(ch) = &self.inner.channel {
            ch.off(event, listener);
        }
        self.inner.state.borrow_mut().subscribers.retain(|(e, f)| !(*e == event && f == listener));
    }

    /// Stops probing, destroys the channel and aborts the REST requests in flight: every
    /// pending call rejects with `DESTROYED`, and so do later calls. Safe to call more than once.
    pub fn destroy(&self) {
        {
            let mut st = self.inner.state.borrow_mut();
            st.destroyed = true;
            st.subscribers.clear();
        }
        if let Some(ch) = &self.inner.channel {
            ch.destroy();
        }
        if let Some(t) = &self.inner.teardown {
            t.abort();
        }
    }

    /// Calls made on this bridge that have not settled yet (both paths).
    #[wasm_bindgen(getter)]
    pub fn pending(&self) -> usize {
        self.inner.inflight.get()
    }
}

type PortalPath = Box<dyn FnOnce(&PortalChannel, JsValue) -> Result<Promise, Error>>;
type RestPath = Box<dyn FnOnce(&Inner, JsValue) -> Result<Promise, Error>>;

impl Bridge {
    fn create(options: JsValue) -> Result<Bridge, Error> {
        let o: Options = js::from_js("options", options)?;
        let heartbeat_ms = match o.heartbeat_ms {
            Some(0.0) => 0.0,
            other => js::positive("heartbeatMs", other, DEFAULT_HEARTBEAT_MS)?,
        };
        let probe_timeout_ms = js::positive("probeTimeoutMs", o.probe_timeout_ms, DEFAULT_PROBE_TIMEOUT_MS)?;
        let rest = o.rest.as_ref().map(|r| IntegraClient::new(js::to_js(r)).map_err(rest_error)).transpose()?;
        let wants_portal = o.mode != ModeOption::Rest;
        let channel = if wants_portal && (!o.portal_origins.is_empty() || o.allow_any_origin) {
            let options = json!({
                "portalOrigins": o.portal_origins, "target": o.target, "allowAnyOrigin": o.allow_any_origin,
                "timeoutMs": o.timeout_ms, "quarantineMs": o.quarantine_ms, "debug": o.debug,
            });
            Some(PortalChannel::new(js::to_js(&strip_nulls(options))).map_err(rest_error)?)
        } else {
            None
        };
        match o.mode {
            ModeOption::Portal if channel.is_none() => {
                return Err(Error::invalid("portalOrigins", "is required for mode 'portal'"));
            }
            ModeOption::Rest if rest.is_none() => return Err(Error::invalid("rest", "is required for mode 'rest'")),
            ModeOption::Auto if channel.is_none() && rest.is_none() => {
                return Err(Error::invalid("portalOrigins", "give portalOrigins, rest settings, or both"));
            }
            _ => {}
        }
        Ok(Bridge {
            inner: Rc::new(Inner {
                requested: o.mode,
                channel,
                rest,
                agent: o.agent,
                cti: o.cti,
                probe_timeout_ms,
                heartbeat_ms,
                teardown: web_sys::AbortController::new().ok(),
                inflight: Cell::new(0),
                state: RefCell::new(State {
                    mode: Mode::Choosing,
                    link: Link::Connecting,
                    destroyed: false,
                    subscribers: Vec::new(),
                    ready: None,
                }),
            }),
        })
    }

    /// Waits for the path to be chosen, then sends on that path only. Calls made while the
    /// portal is lost fail at once with `PORTAL_LOST`.
    fn dispatch(
        &self,
        options: JsValue,
        portal: impl FnOnce(&PortalChannel, JsValue) -> Result<Promise, Error> + 'static,
        rest: impl FnOnce(&Inner, JsValue) -> Result<Promise, Error> + 'static,
    ) -> Promise {
        let (portal, rest): (PortalPath, RestPath) = (Box::new(portal), Box::new(rest));
        let inner = self.inner.clone();
        let counted = InFlight::start(&inner);
        future_to_promise(async move {
            let _counted = counted;
            let o = CallOptions::from_js(&options).map_err(|e| js::error(&e))?;
            if inner.state.borrow().destroyed {
                return Err(js::error(&Error::Destroyed));
            }
            match js::until_aborted(inner.ready(), o.signal.as_ref()).await {
                Ok(_) => {}
                Err(Interrupted::Aborted) => return Err(js::error(&Error::Aborted)),
                Err(Interrupted::Rejected(e)) => return Err(e),
            }
            let (mode, link, destroyed) = {
                let st = inner.state.borrow();
                (st.mode, st.link, st.destroyed)
            };
            if destroyed {
                return Err(js::error(&Error::Destroyed));
            }
            let sent = match (mode, &inner.channel) {
                (Mode::Portal, _) if link == Link::Lost => Err(Error::PortalLost),
                (Mode::Portal, Some(ch)) => portal(ch, options),
                (Mode::Rest, _) => rest(&inner, inner.with_teardown(&options, o.signal.as_ref())),
                _ => Err(Error::NoPortal { reason: "no path was chosen" }),
            };
            let sent = sent.map_err(|e| js::error(&e))?;
            // destroy() settles the call even where the browser cannot abort its fetch for us.
            let teardown = inner.teardown.as_ref().map(web_sys::AbortController::signal);
            match js::until_aborted(sent, teardown.as_ref()).await {
                Ok(v) => Ok(v),
                Err(Interrupted::Rejected(e)) if !inner.state.borrow().destroyed => Err(e),
                Err(_) => Err(js::error(&Error::Destroyed)),
            }
        })
    }
}

/// Counts a call as in flight until it settles (or its future is dropped).
struct InFlight(Rc<Inner>);

impl InFlight {
    fn start(inner: &Rc<Inner>) -> InFlight {
        inner.inflight.set(inner.inflight.get() + 1);
        InFlight(inner.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.inflight.set(self.0.inflight.get().saturating_sub(1));
    }
}

impl Inner {
    /// The per-call options for the REST path, with a signal that `destroy()` also fires: the
    /// bridge's own when the caller gave none, else both at once through `AbortSignal.any`
    /// where the browser has it (elsewhere the caller's, and `destroy()` settles the call
    /// without stopping its fetch, which ends at its deadline).
    fn with_teardown(&self, options: &JsValue, caller: Option<&web_sys::AbortSignal>) -> JsValue {
        let Some(own) = self.teardown.as_ref().map(web_sys::AbortController::signal) else { return options.clone() };
        let signal: JsValue = match caller {
            None => own.into(),
            Some(caller) => {
                let ctor = js_sys::Reflect::get(&js_sys::global(), &"AbortSignal".into()).unwrap_or(JsValue::UNDEFINED);
                let any = js_sys::Reflect::get(&ctor, &"any".into()).ok().and_then(|f| f.dyn_into::<Function>().ok());
                let both = js_sys::Array::of2(caller, &own);
                match any.and_then(|any| any.call1(&ctor, &both).ok()) {
                    Some(combined) => combined,
                    None => return options.clone(),
                }
            }
        };
        let copy = js::shallow_copy(options);
        let _ = js_sys::Reflect::set(&copy, &"signal".into(), &signal);
        copy.into()
    }

    fn ready(&self) -> Promise {
        self.state.borrow().ready.clone().unwrap_or_else(|| Promise::reject(&js::error(&Error::Destroyed)))
    }

    fn client(&self) -> Result<&IntegraClient, Error> {
        self.rest.as_ref().ok_or(Error::invalid("rest", "no REST settings were given"))
    }

    fn agent(&self) -> Result<&AgentProfile, Error> {
        self.agent
            .as_ref()
            .ok_or(Error::invalid("agent", "the REST path needs the agent profile { agent, phone, context }"))
    }

    fn emit(&self, event: &str, detail: &JsValue) {
        let targets: Vec<Function> =
            self.state.borrow().subscribers.iter().filter(|(e, _)| *e == event).map(|(_, f)| f.clone()).collect();
        js::notify(targets, detail);
    }

    /// Moves the link to `link`, telling subscribers about the change that happened.
    fn set_link(&self, link: Link) {
        let before = std::mem::replace(&mut self.state.borrow_mut().link, link);
        let mode = self.state.borrow().mode;
        let event = match (before, link) {
            (Link::Connecting, Link::Connected) => "connected",
            (Link::Connected | Link::Connecting, Link::Lost) => "lost",
            (Link::Lost, Link::Connected) => "restored",
            _ => return,
        };
        let name = if mode == Mode::Rest { "rest" } else { "portal" };
        self.emit(event, &js::to_js(&json!({ "mode": name })));
    }

    /// Asks the portal for the CTI record (changes nothing) and tells whether it answered.
    async fn probe(&self) -> bool {
        let Some(ch) = &self.channel else { return false };
        let options = js::to_js(&json!({ "timeoutMs": self.probe_timeout_ms }));
        match JsFuture::from(ch.cti(options)).await {
            Ok(_) => true,
            // Any answer, even a malformed record, means the portal is there.
            Err(e) => !matches!(js::code_of(&e).as_deref(), Some("TIMEOUT" | "NO_PORTAL" | "DESTROYED")),
        }
    }
}

/// Chooses the path (see `Bridge::new`) and starts the heartbeat on the portal path.
async fn decide(inner: &Rc<Inner>) -> Result<JsValue, Error> {
    let framed = inner.channel.as_ref().is_some_and(PortalChannel::has_portal_window);
    let mode = match inner.requested {
        ModeOption::Rest => Mode::Rest,
        ModeOption::Portal => Mode::Portal,
        ModeOption::Auto if inner.channel.is_some() && framed && inner.probe().await => Mode::Portal,
        ModeOption::Auto if inner.rest.is_some() => Mode::Rest,
        ModeOption::Auto => {
            return Err(Error::NoPortal {
                reason: "no portal answered and no REST settings were given (pass `rest` to work outside the portal)",
            })
        }
    };
    if inner.state.borrow().destroyed {
        return Err(Error::Destroyed);
    }
    inner.state.borrow_mut().mode = mode;
    if mode == Mode::Rest {
        // The portal path is never used now: stop listening to it.
        if let Some(ch) = &inner.channel {
            ch.destroy();
        }
        inner.set_link(Link::Connected);
        return Ok("rest".into());
    }
    let alive = inner.requested == ModeOption::Auto || inner.probe().await;
    inner.set_link(if alive { Link::Connected } else { Link::Lost });
    if inner.heartbeat_ms > 0.0 {
        spawn_local(heartbeat(Rc::downgrade(inner)));
    }
    Ok("portal".into())
}

/// Probes the portal every `heartbeatMs` while the bridge lives; a missed probe means `lost`,
/// an answer after that means `restored`. Holds the bridge only while probing.
async fn heartbeat(weak: Weak<Inner>) {
    loop {
        let Some(ms) = weak.upgrade().map(|i| i.heartbeat_ms) else { return };
        let _ = sleep(ms).await;
        let Some(inner) = weak.upgrade() else { return };
        if inner.state.borrow().destroyed {
            return;
        }
        let alive = inner.probe().await;
        if inner.state.borrow().destroyed {
            return;
        }
        inner.set_link(if alive { Link::Connected } else { Link::Lost });
    }
}

/// A constructor's thrown JS error back into a crate error (its code and message are kept by
/// re-reading them; only `INVALID_ARGUMENT` can come from the option checks).
fn rest_error(e: JsValue) -> Error {
    let message = js::string_prop(&e, "message").unwrap_or_default();
    Error::invalid("options", message)
}

/// Drops `null` members, so absent options stay absent for the nested constructor.
fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    }
}
