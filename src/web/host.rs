//! The portal's end of the channel at the Rust level ([`Host`]): it plays the uContact portal
//! in the sandbox and in tests. It accepts Porthole envelopes from allowed CRM origins, hands
//! each action to the handler registered for it, and answers in porthole's envelope to the
//! window that asked.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::convert;
use super::emitter::Emitter;
use super::listening::Listening;
use super::log::Log;
use super::messenger::{self, Data, Dropped, Inbound, Origins, Peer};
use crate::cat;
use crate::error::Error;
use crate::json::{Map, Value};
use crate::wire::{envelope, origin, Action, ActionName, EnvelopeMeta, ReplyKind, MAX_MESSAGE_BYTES};

/// The host's events: each accepted action, and each refused envelope.
pub const EVENTS: &[&str] = &["action", "rejected"];

/// How a [`Host`] is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// The CRM origins whose envelopes are accepted.
    pub origins: Vec<String>,
    /// Where received, answered and refused messages are logged.
    pub log: Log,
}

impl Config {
    /// Checks the origins: at least one, each a real origin.
    pub fn new(origins: Vec<String>) -> Result<Config, Error> {
        if origins.is_empty() {
            return Err(Error::invalid("crmOrigins", "is required"));
        }
        for crm in &origins {
            origin::check("crmOrigins", crm)?;
        }
        Ok(Config { origins, log: Log::off("PortalHost") })
    }
}

/// The CRM frame that spoke last: its window, origin and window name.
#[derive(Clone)]
struct Crm {
    window: JsValue,
    origin: String,
    name: String,
}

struct State {
    frame: Option<JsValue>,
    handlers: Vec<(ActionName, Function)>,
    last: Option<Crm>,
}

struct Inner {
    /// This host, for replies that wait on a handler's promise.
    me: Weak<Inner>,
    log: Log,
    listening: Listening,
    state: RefCell<State>,
}

/// The uContact portal's end of the Porthole channel.
pub struct Host {
    inner: Rc<Inner>,
}

impl Host {
    /// Listens to the window's messages at once. `NO_PORTAL` where there is no window.
    pub fn new(config: Config) -> Result<Host, Error> {
        let inner = Rc::new_cyclic(|me| Inner {
            me: me.clone(),
            log: config.log,
            listening: Listening::new(EVENTS),
            state: RefCell::new(State { frame: None, handlers: Vec::new(), last: None }),
        });
        inner.listening.listen(inner.clone(), Origins::List(config.origins), Data::Text { max: MAX_MESSAGE_BYTES })?;
        Ok(Host { inner })
    }

    /// Accepts messages only from this window (an iframe's `contentWindow`, or any window).
    pub fn set_frame(&self, frame: JsValue) {
        let win = convert::get(&frame, "contentWindow").filter(JsValue::is_object).unwrap_or(frame);
        self.inner.state.borrow_mut().frame = Some(win);
    }

    /// Registers the handler of `action` (replacing the one before).
    pub fn handle(&self, action: ActionName, handler: Function) {
        let mut st = self.inner.state.borrow_mut();
        st.handlers.retain(|(n, _)| *n != action);
        st.handlers.push((action, handler));
    }

    /// The `action` and `rejected` subscribers.
    pub fn events(&self) -> &Emitter {
        self.inner.listening.events()
    }

    /// Posts `data` to the CRM frame that spoke last, in porthole's envelope. `NO_PORTAL` when
    /// none has spoken yet, `DESTROYED`.
    pub fn post(&self, data: &Value) -> Result<(), Error> {
        self.inner.listening.alive()?;
        let crm = self.inner.state.borrow().last.clone();
        reply(&crm.ok_or(Error::NoPortal { reason: "no CRM frame has connected yet" })?, data)
    }

    /// Removes the message listener, the handlers and every subscription. Safe to call more
    /// than once.
    pub fn destroy(&self) {
        let inner = &self.inner;
        inner.listening.destroy(|| inner.state.borrow_mut().handlers.clear());
    }
}

impl Peer for Inner {
    fn is_peer(&self, source: &JsValue) -> bool {
        self.state.borrow().frame.as_ref().is_none_or(|f| f == source)
    }

    fn receive(&self, message: Inbound) {
        if self.listening.is_destroyed() {
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
        let events = self.listening.events();
        if events.has("action") {
            let event = js_sys::Object::new();
            convert::set(&event, "action", &JsValue::from_str(action.name().as_str()));
            convert::set(&event, "data", &data);
            convert::set(&event, "origin", &JsValue::from_str(&origin));
            events.emit("action", &event);
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
        super::task::spawn(async move {
            let value = match JsFuture::from(Promise::resolve(&result)).await {
                Ok(v) => v,
                Err(err) => return convert::report("ucontact-bridge host: a handler rejected", &err),
            };
            if weak.upgrade().is_none_or(|i| i.listening.is_destroyed()) {
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
        let events = self.listening.events();
        if events.has("rejected") {
            let event = js_sys::Object::new();
            convert::set(&event, "origin", &JsValue::from_str(origin));
            convert::set(&event, "reason", &JsValue::from_str(reason));
            events.emit("rejected", &event);
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
