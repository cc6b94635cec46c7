//! `PortalHost`: the portal's end of the channel. It plays the uContact portal in the sandbox
//! and in tests: it accepts Porthole envelopes from allowed CRM origins, hands each action to a
//! handler the page registers, and answers in porthole's envelope to the window that asked.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::{Function, JsString, Promise, Reflect};
use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::js;
use super::resources::Listener;
use crate::error::Error;
use crate::wire::{envelope, origin, Action, ActionName, EnvelopeMeta, ReplyKind, MAX_MESSAGE_BYTES};

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct Options {
    crm_origins: Vec<String>,
    debug: bool,
}

const EVENTS: [&str; 2] = ["action", "rejected"];

struct State {
    destroyed: bool,
    frame: Option<JsValue>,
    handlers: Vec<(ActionName, Function)>,
    subscribers: Vec<(&'static str, Function)>,
    listener: Option<Listener>,
    /// Origin and window of the last CRM frame that spoke, for `post`.
    last_peer: Option<(JsValue, String, String)>,
}

struct Inner {
    origins: Vec<String>,
    debug: bool,
    state: RefCell<State>,
    on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

/// The portal side of the channel (for the sandbox and tests).
#[wasm_bindgen]
pub struct PortalHost {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl PortalHost {
    /// `new PortalHost({ crmOrigins, debug? })`: accepts envelopes only from `crmOrigins`.
    /// Throws `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PortalHostOptions")] options: JsValue,
    ) -> Result<PortalHost, JsValue> {
        Self::create(options).map_err(|e| js::error(&e))
    }

    /// Only accept messages whose `event.source` is this window (an iframe's `contentWindow`
    /// or any window). Without it, any window on an allowed origin is answered.
    #[wasm_bindgen(js_name = setFrame)]
    pub fn set_frame(&self, #[wasm_bindgen(unchecked_param_type = "HTMLIFrameElement | Window")] frame: JsValue) {
        let win = Reflect::get(&frame, &"contentWindow".into()).ok().filter(JsValue::is_object).unwrap_or(frame);
        self.inner.state.borrow_mut().frame = Some(win);
    }

    /// Registers the handler for an action (`call`, `callWithPhone`, `hangup`, `tag`, `CTI`,
    /// `respool`, `schedule`). It receives the action's `data` object and may return a value or
    /// a Promise: the guid for `call`/`callWithPhone`, the CTI record for `CTI`; the return value
    /// of the other actions is ignored (the portal sends no reply to them).
    // Typed in types.d.ts, generic over the action name (see `interface PortalHost`).
    #[wasm_bindgen(skip_typescript)]
    pub fn handle(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PortalActionName")] action: &str,
        #[wasm_bindgen(unchecked_param_type = "PortalActionHandler")] handler: Function,
    ) -> Result<(), JsValue> {
        let name = ActionName::parse(action)
            .ok_or_else(|| js::error(&Error::invalid("action", format!("unknown action `{action}`"))))?;
        let mut st = self.inner.state.borrow_mut();
        st.handlers.retain(|(n, _)| *n != name);
        st.handlers.push((name, handler));
        Ok(())
    }

    /// Subscribes to `'action'` (`{action, data, origin}` for each accepted action) or
    /// `'rejected'` (`{origin, reason}` for each envelope from an allowed origin that was refused).
    // Typed in types.d.ts, generic over the event name (see `interface PortalHost`).
    #[wasm_bindgen(skip_typescript)]
    pub fn on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "HostEvent")] event: &str,
        #[wasm_bindgen(unchecked_param_type = "HostListener")] listener: Function,
    ) -> Result<(), JsValue> {
        let name = EVENTS
            .iter()
            .find(|e| **e == event)
            .ok_or_else(|| js::error(&Error::invalid("event", format!("unknown event `{event}`"))))?;
        self.inner.state.borrow_mut().subscribers.push((name, listener));
        Ok(())
    }

    /// Posts an unsolicited message (any JSON value) to the CRM frame that last spoke, in
    /// porthole's envelope. Rejects with `NO_PORTAL` when no CRM frame has spoken yet.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn post(&self, #[wasm_bindgen(unchecked_param_type = "JsonValue")] data: JsValue) -> Promise {
        let result = js::from_js::<Value>("data", data).and_then(|v| {
            let peer = self
                .inner
                .state
                .borrow()
                .last_peer
                .clone()
                .ok_or(Error::NoPortal { reason: "no CRM frame has connected yet" })?;
            reply(&peer.0, &peer.1, &peer.2, &v)
        });
        match result {
            Ok(()) => Promise::resolve(&JsValue::UNDEFINED),
            Err(e) => Promise::reject(&js::error(&e)),
        }
    }

    /// Removes the listener; nothing more is answered.
    pub fn destroy(&self) {
        let mut st = self.inner.state.borrow_mut();
        st.destroyed = true;
        st.listener = None;
        st.handlers.clear();
        st.subscribers.clear();
    }
}

impl PortalHost {
    fn create(options: JsValue) -> Result<PortalHost, Error> {
        let o: Options = js::from_js("options", options)?;
        if o.crm_origins.is_empty() {
            return Err(Error::invalid("crmOrigins", "is required"));
        }
        for origin in &o.crm_origins {
            origin::check("crmOrigins", origin)?;
        }
        let window = web_sys::window().ok_or(Error::NoPortal { reason: "there is no window" })?;
        let inner = Rc::new_cyclic(|weak: &Weak<Inner>| {
            let w = weak.clone();
            Inner {
                origins: o.crm_origins,
                debug: o.debug,
                state: RefCell::new(State {
                    destroyed: false,
                    frame: None,
                    handlers: Vec::new(),
                    subscribers: Vec::new(),
                    listener: None,
                    last_peer: None,
                }),
                on_message: Closure::new(move |ev: web_sys::MessageEvent| {
                    if let Some(inner) = w.upgrade() {
                        on_message(&inner, &ev);
                    }
                }),
            }
        });
        let listener = Listener::add(window.into(), "message", inner.on_message.as_ref().unchecked_ref())
            .map_err(|_| Error::NoPortal { reason: "cannot listen for messages" })?;
        inner.state.borrow_mut().listener = Some(listener);
        Ok(PortalHost { inner })
    }
}

/// Checks origin, then source window, then shape; refuses silently (plus a `rejected` event for
/// allowed origins, which the sandbox shows in its log).
fn on_message(inner: &Rc<Inner>, ev: &web_sys::MessageEvent) {
    let origin = ev.origin();
    if inner.state.borrow().destroyed || !inner.origins.contains(&origin) {
        return;
    }
    let Some(source) = ev.source().map(JsValue::from) else {
        return;
    };
    if let Some(frame) = &inner.state.borrow().frame {
        if *frame != source {
            return;
        }
    }
    let data = ev.data();
    let text = match data.dyn_ref::<JsString>() {
        Some(t) if (t.length() as usize) <= MAX_MESSAGE_BYTES => String::from(t),
        _ => return rejected(inner, &origin, "not a string of at most 1 MiB"),
    };
    let env = match envelope::decode(&text) {
        Ok(e) => e,
        Err(e) => return rejected(inner, &origin, &e.to_string()),
    };
    let action = match Action::from_data(&env.data) {
        Ok(a) => a,
        Err(e) => return rejected(inner, &origin, &e.to_string()),
    };
    let peer_name = env.meta.source_window_name.clone();
    inner.state.borrow_mut().last_peer = Some((source.clone(), origin.clone(), peer_name.clone()));
    let data_js = js::to_js(&action);
    let event = js::to_js(&json!({"action": action.name().as_str(), "data": action, "origin": origin}));
    emit(inner, "action", &event);
    let handler = inner.state.borrow().handlers.iter().find(|(n, _)| *n == action.name()).map(|(_, f)| f.clone());
    let Some(handler) = handler else {
        if inner.debug {
            js::debug(&format!("ucontact-bridge host: no handler for `{}`", action.name().as_str()));
        }
        return;
    };
    let result = match handler.call1(&JsValue::NULL, &data_js) {
        Ok(v) => v,
        Err(err) => return js::report("ucontact-bridge host: a handler threw", &err),
    };
    let key = match action.name().reply_kind() {
        ReplyKind::Guid => "guid",
        ReplyKind::Cti => "CTI",
        ReplyKind::None => return,
    };
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let value = match JsFuture::from(Promise::resolve(&result)).await {
            Ok(v) => v,
            Err(err) => return js::report("ucontact-bridge host: a handler rejected", &err),
        };
        if weak.upgrade().is_none_or(|i| i.state.borrow().destroyed) {
            return;
        }
        let value: Value = match serde_wasm_bindgen::from_value(value) {
            Ok(v) => v,
            Err(_) => return js::report("ucontact-bridge host: handler result is not JSON-like", &JsValue::UNDEFINED),
        };
        if let Err(e) = reply(&source, &origin, &peer_name, &json!({ key: value })) {
            js::report("ucontact-bridge host: reply failed", &js::error(&e));
        }
    });
}

/// Answers `window` (on `origin`) exactly as porthole's portal proxy would: the envelope names
/// the CRM frame as `targetWindowName` and is posted with the concrete CRM origin.
fn reply(window: &JsValue, origin: &str, peer_name: &str, data: &Value) -> Result<(), Error> {
    let me = web_sys::window().ok_or(Error::NoPortal { reason: "there is no window" })?;
    let meta = EnvelopeMeta {
        source_origin: js::own_origin(&me),
        target_origin: origin.to_owned(),
        source_window_name: me.name().unwrap_or_default(),
        target_window_name: peer_name.to_owned(),
    };
    let text = envelope::encode(data, &meta)?;
    window
        .unchecked_ref::<web_sys::Window>()
        .post_message(&text.into(), origin)
        .map_err(|_| Error::NoPortal { reason: "the CRM window is gone" })
}

fn rejected(inner: &Rc<Inner>, origin: &str, reason: &str) {
    if inner.debug {
        js::debug(&format!("ucontact-bridge host: refused a message from {origin}: {reason}"));
    }
    emit(inner, "rejected", &js::to_js(&json!({"origin": origin, "reason": reason})));
}

fn emit(inner: &Rc<Inner>, event: &str, value: &JsValue) {
    let targets: Vec<Function> =
        inner.state.borrow().subscribers.iter().filter(|(e, _)| *e == event).map(|(_, f)| f.clone()).collect();
    js::notify(targets, value);
}
