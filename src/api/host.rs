//! `PortalHost`: the portal's end of the channel. It plays the uContact portal in the sandbox
//! and in tests: it accepts Porthole envelopes from allowed CRM origins, hands each action to a
//! handler the page registers, and answers in porthole's envelope to the window that asked.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::cat;
use crate::error::Error;
use crate::json::{Map, Value};
use crate::shapes;
use crate::web::convert::{self, Obj};
use crate::web::emitter::Emitter;
use crate::web::log::Log;
use crate::web::messenger::{self, Data, Dropped, Inbound, Messenger, Origins, Peer};
use crate::wire::{envelope, origin, Action, ActionName, EnvelopeMeta, ReplyKind, MAX_MESSAGE_BYTES};

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("ts/host.d.ts");

const EVENTS: &[&str] = &["action", "rejected"];

/// The CRM frame that spoke last: its window, origin and window name.
#[derive(Clone)]
struct Crm {
    window: JsValue,
    origin: String,
    name: String,
}

struct State {
    destroyed: bool,
    frame: Option<JsValue>,
    handlers: Vec<(ActionName, Function)>,
    messenger: Option<Messenger>,
    last: Option<Crm>,
}

struct Inner {
    /// This host, for replies that wait on a handler's promise.
    me: Weak<Inner>,
    log: Log,
    events: Emitter,
    state: RefCell<State>,
}

/// The uContact portal's end of the Porthole channel, for tests (the `testing` entry,
/// `ucontact-bridge/testing`): a test page plays the agent portal with it, frames the CRM page
/// under test, answers each action with what the test decides and sees every action it sent.
/// It answers the way the portal and porthole.js 1.0.0 do, byte for byte.
#[wasm_bindgen]
pub struct PortalHost {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl PortalHost {
    /// `new PortalHost({ crmOrigins, log?, debug? })`: listens to the window's messages at once
    /// and accepts envelopes only from `crmOrigins` (exact origins, `scheme://host[:port]`).
    /// Throws `INVALID_ARGUMENT` for bad options (no `crmOrigins`, or one that is not an exact
    /// lowercase origin: `*`, a path, a trailing slash)
    /// and `NO_PORTAL` where there is no window (Node).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PortalHostOptions")] options: JsValue,
    ) -> Result<PortalHost, JsValue> {
        let o = Obj::read("options", &options, shapes::PORTAL_HOST_OPTIONS.keys, false)?;
        let origins = o.strings("crmOrigins")?;
        if origins.is_empty() {
            return Err(Error::invalid("crmOrigins", "is required").into());
        }
        for crm in &origins {
            origin::check("crmOrigins", crm)?;
        }
        let log = Log::read(&o, "PortalHost")?;
        let inner = Rc::new_cyclic(|me| Inner {
            me: me.clone(),
            log,
            events: Emitter::new(EVENTS),
            state: RefCell::new(State {
                destroyed: false,
                frame: None,
                handlers: Vec::new(),
                messenger: None,
                last: None,
            }),
        });
        let messenger =
            Messenger::listen(inner.clone(), Origins::List(origins), Data::Text { max: MAX_MESSAGE_BYTES })?;
        inner.state.borrow_mut().messenger = Some(messenger);
        Ok(PortalHost { inner })
    }

    /// Only accept messages whose `event.source` is this window (an iframe's `contentWindow`
    /// or any window). Without it, any window on an allowed origin is answered. Give an iframe
    /// once it is in the document: its window is read now, and stays the same across the
    /// frame's navigations (set `src` before or after).
    #[wasm_bindgen(js_name = setFrame)]
    pub fn set_frame(&self, #[wasm_bindgen(unchecked_param_type = "HTMLIFrameElement | Window")] frame: JsValue) {
        let win = convert::get(&frame, "contentWindow").filter(JsValue::is_object).unwrap_or(frame);
        self.inner.state.borrow_mut().frame = Some(win);
    }

    /// Registers the handler for an action (`call`, `callWithPhone`, `hangup`, `tag`, `CTI`,
    /// `respool`, `schedule`, `sms`). It receives the action's `data` object and may return a value or
    /// a Promise: the guid for `call`/`callWithPhone`, the CTI record for `CTI`; the return value
    /// of the other actions is ignored (the portal sends no reply to them).
    // Typed in ts/host.d.ts, generic over the action name (see `interface PortalHost`).
    #[wasm_bindgen(skip_typescript)]
    pub fn handle(&self, action: JsValue, handler: JsValue) -> Result<(), JsValue> {
        let action = convert::arg_str("action", &action)?;
        let name = ActionName::parse(&action)
            .ok_or_else(|| Error::invalid("action", cat!["unknown action `", action, "`"]))?;
        let handler = convert::arg_fn("handler", &handler)?;
        let mut st = self.inner.state.borrow_mut();
        st.handlers.retain(|(n, _)| *n != name);
        st.handlers.push((name, handler));
        Ok(())
    }

    /// Subscribes to `'action'` (`{action, data, origin}` for each accepted action) or
    /// `'rejected'` (`{origin, reason}` for each envelope from an allowed origin that was refused).
    #[wasm_bindgen(skip_typescript)]
    pub fn on(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.inner.events.on(&event, &listener, &options)?)
    }

    /// `on` for the first event only (as `{ once: true }`); returns the unsubscribe function.
    #[wasm_bindgen(skip_typescript)]
    pub fn once(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.inner.events.once(&event, &listener, &options)?)
    }

    /// Removes a subscription made with `on`.
    #[wasm_bindgen(skip_typescript)]
    pub fn off(&self, event: JsValue, listener: JsValue) {
        self.inner.events.off(&event, &listener);
    }

    /// Posts an unsolicited message (any JSON value) to the CRM frame that last spoke, in
    /// porthole's envelope, as the portal pushes a new CTI record (a `PortalChannel` emits it
    /// as `'message'`). Resolves once posted. Rejects with `NO_PORTAL` when no CRM frame has
    /// spoken yet, `INVALID_ARGUMENT` for a value that is not JSON, `DESTROYED` after `destroy()`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn post(&self, #[wasm_bindgen(unchecked_param_type = "JsonValue")] data: JsValue) -> Promise {
        let sent = convert::from_js("data", &data).and_then(|v| {
            let st = self.inner.state.borrow();
            if st.destroyed {
                return Err(Error::Destroyed);
            }
            let crm = st.last.clone();
            drop(st);
            reply(&crm.ok_or(Error::NoPortal { reason: "no CRM frame has connected yet" })?, &v)
        });
        match sent {
            Ok(()) => Promise::resolve(&JsValue::UNDEFINED),
            Err(e) => Promise::reject(&e.into()),
        }
    }

    /// Removes the message listener, the handlers and every subscription: nothing more is
    /// received or answered, not even a reply still waiting on a handler's promise, and `post`
    /// rejects with `DESTROYED`. A second call does nothing; `free()` is `destroy()` and then
    /// the release of the object's memory.
    pub fn destroy(&self) {
        let mut st = self.inner.state.borrow_mut();
        st.destroyed = true;
        st.messenger = None;
        st.handlers.clear();
        drop(st);
        self.inner.events.clear();
    }
}

impl Peer for Inner {
    fn is_peer(&self, source: &JsValue) -> bool {
        self.state.borrow().frame.as_ref().is_none_or(|f| f == source)
    }

    fn receive(&self, message: Inbound) {
        if self.state.borrow().destroyed {
            return;
        }
        let Inbound { text, origin, source, .. } = message;
        let env = match envelope::decode(&text) {
            Ok(e) => e,
            Err(e) => return self.rejected(&origin, &e.message()),
        };
        let action = match Action::from_data(&env.data) {
            Ok(a) => a,
            Err(e) => return self.rejected(&origin, &e.message()),
        };
        let what = action.name().as_str();
        self.log.received(what);
        let crm = Crm { window: source, origin: origin.clone(), name: env.meta.source_window_name };
        self.state.borrow_mut().last = Some(crm.clone());
        let data = convert::parse_js(&action.to_json());
        if self.events.has("action") {
            let event = js_sys::Object::new();
            convert::set(&event, "action", &JsValue::from_str(action.name().as_str()));
            convert::set(&event, "data", &data);
            convert::set(&event, "origin", &JsValue::from_str(&origin));
            self.events.emit("action", &event);
        }
        let handler = self.state.borrow().handlers.iter().find(|(n, _)| *n == action.name()).map(|(_, f)| f.clone());
        let Some(handler) = handler else {
            return self.log.dropped(&cat!["no handler for `", what, "`"]);
        };
        let result = match handler.call1(&JsValue::NULL, &data) {
            Ok(v) => v,
            Err(err) => return convert::report("ucontact-bridge host: a handler threw", &err),
        };
        let key = match action.name().reply_kind() {
            ReplyKind::Guid => "guid",
            ReplyKind::Cti => "CTI",
            ReplyKind::None => return,
        };
        // The reply goes out once the handler's value (or promise) settles, unless the host
        // was destroyed in the meantime.
        let weak = self.me.clone();
        let log = self.log.clone();
        crate::web::task::spawn(async move {
            let value = match JsFuture::from(Promise::resolve(&result)).await {
                Ok(v) => v,
                Err(err) => return convert::report("ucontact-bridge host: a handler rejected", &err),
            };
            if weak.upgrade().is_none_or(|i| i.state.borrow().destroyed) {
                return;
            }
            let value = match convert::from_js("result", &value) {
                Ok(v) => v,
                Err(e) => return convert::report("ucontact-bridge host: handler result is not JSON", &e.into()),
            };
            let mut m = Map::new();
            m.push_new(key, value);
            match reply(&crm, &Value::Object(m)) {
                Ok(()) => log.sent(what),
                Err(e) => {
                    log.failed(what, &e);
                    convert::report("ucontact-bridge host: reply failed", &e.into());
                }
            }
        });
    }

    fn dropped(&self, why: Dropped, origin: &str) {
        match why {
            Dropped::NotText | Dropped::TooLarge => self.rejected(origin, "not a string of at most 1 MiB"),
            Dropped::NotPeer | Dropped::Origin => {}
        }
    }
}

impl Inner {
    fn rejected(&self, origin: &str, reason: &str) {
        if self.log.is_on() {
            self.log.write("dropped", "reason", reason, "origin", &JsValue::from_str(origin));
        }
        if self.events.has("rejected") {
            let event = js_sys::Object::new();
            convert::set(&event, "origin", &JsValue::from_str(origin));
            convert::set(&event, "reason", &JsValue::from_str(reason));
            self.events.emit("rejected", &event);
        }
    }
}

fn reply(crm: &Crm, data: &Value) -> Result<(), Error> {
    let me = convert::window().ok_or(Error::NoPortal { reason: "there is no window" })?;
    let meta = EnvelopeMeta {
        source_origin: convert::own_origin(&me),
        target_origin: crm.origin.clone(),
        source_window_name: convert::get_string(&me, "name").unwrap_or_default(),
        target_window_name: crm.name.clone(),
    };
    messenger::post(&crm.window, &JsValue::from_str(&envelope::encode(data, &meta)), &crm.origin)
}
