//! The uContact v6 softphone (uPhone) embedded in the page, at the Rust level ([`Phone`]):
//! its frame's messages typed by the pure `v6::uphone`, the derived state kept by the pure
//! `v6::state`, commands posted to the frame (queued until it holds a page), reloads noticed.

use alloc::rc::{Rc, Weak};
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::frame;
use crate::error::Error;
use crate::json::Value;
use crate::v6::frame::Page;
use crate::v6::state::State as Calls;
use crate::v6::uphone::{self, Kind};
use crate::web::convert;
use crate::web::emitter::Emitter;
use crate::web::listening::Listening;
use crate::web::log::Log;
use crate::web::messenger::{self, Data, Dropped, Inbound, Origins, Peer};
use crate::web::resources::Listener;

/// Whether the frame already holds a page: a document of another origin (reading its
/// location throws), or any page but the initial `about:blank`.
fn holds_page(frame: &web_sys::HtmlIFrameElement) -> bool {
    let Some(window) = frame::window_of(frame) else { return false };
    match js_sys::Reflect::get(&window, &JsValue::from_str("location"))
        .and_then(|l| js_sys::Reflect::get(&l, &JsValue::from_str("href")))
    {
        Err(_) => true,
        Ok(href) => href.as_string().is_some_and(|h| !h.is_empty() && h != "about:blank"),
    }
}

/// Events: the seven uPhone actions, `event` (every event, unknown ones included), `change`
/// (the derived state after an event changed it) and `reloaded` (the frame loaded again).
pub const EVENTS: &[&str] = &[
    "makeCall",
    "gettingCall",
    "finishedCall",
    "finishedSms",
    "sentDispositions",
    "agentLogin",
    "agentLogout",
    "event",
    "change",
    "reloaded",
];

struct State {
    calls: Calls,
    load: Option<Listener>,
    /// The frame's page, and the commands waiting for it (see `v6::frame`).
    page: Page<js_sys::Object>,
}

struct Inner {
    frame: web_sys::HtmlIFrameElement,
    origin: String,
    make_call_action: &'static str,
    log: Log,
    /// The `message` listener, the subscribers, the destroyed flag.
    listening: Listening,
    state: RefCell<State>,
    // Lives as long as the phone (see `web::resources`).
    on_load: Closure<dyn FnMut()>,
}

/// The uPhone in `frame`.
pub struct Phone {
    inner: Rc<Inner>,
}

impl Phone {
    /// Listens to the uPhone shown in `frame` on `origin` (checked by the caller: see
    /// `frame::frame`) and to the frame's loads. `make_call_action` is the spelling of the
    /// dial command, `history` the calls kept in the state. `NO_PORTAL` where there is no
    /// window; `INVALID_ARGUMENT` if the frame's `load` cannot be listened to.
    pub fn new(
        frame: web_sys::HtmlIFrameElement,
        origin: String,
        make_call_action: &'static str,
        history: usize,
        log: Log,
    ) -> Result<Phone, Error> {
        let inner = Rc::new_cyclic(|me: &Weak<Inner>| {
            let me = me.clone();
            Inner {
                frame,
                origin: origin.clone(),
                make_call_action,
                log,
                listening: Listening::new(EVENTS),
                state: RefCell::new(State { calls: Calls::new(history), load: None, page: Page::attached(true) }),
                on_load: Closure::new(move || {
                    if let Some(inner) = me.upgrade() {
                        inner.loaded();
                    }
                }),
            }
        });
        inner.listening.listen(inner.clone(), Origins::List(vec![origin]), Data::Any)?;
        let load = Listener::add(inner.frame.clone().into(), "load", inner.on_load.as_ref().unchecked_ref())
            .map_err(|_| Error::invalid("frame", "cannot listen to its load event"))?;
        {
            let mut st = inner.state.borrow_mut();
            st.load = Some(load);
            st.page = Page::attached(holds_page(&inner.frame));
        }
        Ok(Phone { inner })
    }

    /// Dials `number` in `campaign` (both checked by the caller): posts
    /// `{ action: 'makeCall', params: { number, campaign } }`, or queues it until the frame
    /// holds a page (16 at most, then `NO_PORTAL`). `NO_PORTAL`, `DESTROYED`.
    pub fn make_call(&self, number: &str, campaign: &str) -> Result<(), Error> {
        let params = js_sys::Object::new();
        convert::set(&params, "number", &JsValue::from_str(number));
        convert::set(&params, "campaign", &JsValue::from_str(campaign));
        self.inner.command(self.inner.make_call_action, &params)
    }

    /// Posts `{ action, params }` like [`make_call`](Self::make_call).
    pub fn command(&self, action: &str, params: &js_sys::Object) -> Result<(), Error> {
        self.inner.command(action, params)
    }

    /// The derived state: `{ agent, call, history }`.
    pub fn state(&self) -> Value {
        self.inner.state.borrow().calls.to_value()
    }

    /// The uPhone `<iframe>`.
    pub fn frame(&self) -> &web_sys::HtmlIFrameElement {
        &self.inner.frame
    }

    /// The subscribers.
    pub fn events(&self) -> &Emitter {
        self.inner.listening.events()
    }

    /// Removes every listener (the frame's messages and loads, the subscriptions) and the
    /// queued commands; commands fail with `DESTROYED` afterwards. The frame stays.
    pub fn destroy(&self) {
        let inner = &self.inner;
        inner.listening.destroy(|| {
            let mut st = inner.state.borrow_mut();
            st.load = None;
            st.page.clear();
        });
    }
}

impl Inner {
    fn command(&self, action: &str, params: &js_sys::Object) -> Result<(), Error> {
        let message = js_sys::Object::new();
        convert::set(&message, "action", &JsValue::from_str(action));
        convert::set(&message, "params", params);
        self.listening.alive()?;
        let now = self.state.borrow_mut().page.command(message)?;
        match now {
            Some(message) => self.post(&message),
            None => Ok(()),
        }
    }

    fn post(&self, message: &js_sys::Object) -> Result<(), Error> {
        let window = frame::window_of(&self.frame)
            .ok_or(Error::NoPortal { reason: "the uPhone frame has no window (is it still on the page?)" })?;
        messenger::post(&window, message, &self.origin)?;
        if self.log.is_on() {
            self.log.sent(&convert::get_string(message, "action").unwrap_or_default());
        }
        Ok(())
    }

    /// The frame holds a page now: the commands that waited for it go, in order.
    fn flush(&self, waiting: Vec<js_sys::Object>) {
        for message in waiting {
            if let Err(e) = self.post(&message) {
                convert::report("ucontact-bridge UPhone: a queued command could not be posted", &e.into());
            }
        }
    }

    /// The frame loaded: the first page, or a reload (a new session: the derived state starts
    /// over). See `v6::frame`.
    fn loaded(&self) {
        let (reloaded, waiting) = {
            if self.listening.is_destroyed() {
                return;
            }
            let mut st = self.state.borrow_mut();
            let (reloaded, waiting) = st.page.loaded();
            if reloaded {
                st.calls.reset();
            }
            (reloaded, waiting)
        };
        self.flush(waiting);
        if reloaded {
            self.listening.events().emit("reloaded", &JsValue::UNDEFINED);
            self.emit_state();
        }
    }

    fn emit_state(&self) {
        let events = self.listening.events();
        if events.has("change") {
            let state = convert::to_js(&self.state.borrow().calls.to_value());
            events.emit("change", &state);
        }
    }
}

impl Peer for Inner {
    fn is_peer(&self, source: &JsValue) -> bool {
        frame::is_frame_window(&self.frame, source)
    }

    fn receive(&self, message: Inbound) {
        if self.listening.is_destroyed() {
            return;
        }
        // Structured-clone data, read as JSON (what it carries is JSON-like by contract).
        let Ok(value) = convert::from_js("message", &message.data) else {
            return self.log.dropped("not JSON-like data");
        };
        let Some(event) = uphone::read(&value) else {
            return self.log.dropped("not a uPhone { action, params } message");
        };
        let (changed, waiting) = {
            let mut st = self.state.borrow_mut();
            let waiting = st.page.spoke();
            (st.calls.apply(&event), waiting)
        };
        self.flush(waiting);
        self.log.received(&event.action);
        let detail = js_sys::Object::new();
        convert::set(&detail, "action", &JsValue::from_str(&event.action));
        convert::set(&detail, "params", &convert::to_js(&event.params.to_value()));
        convert::set(&detail, "raw", &message.data);
        let events = self.listening.events();
        if event.kind != Kind::Other {
            events.emit(&event.action, &detail);
        }
        events.emit("event", &detail);
        if changed {
            self.emit_state();
        }
    }

    fn dropped(&self, why: Dropped, _origin: &str) {
        let why = match why {
            Dropped::NotPeer => "not sent by the uPhone frame",
            other => other.reason(),
        };
        self.log.dropped(why);
    }
}
