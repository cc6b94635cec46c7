//! `UPhone`: the uContact v6 softphone embedded in a CRM page.

use alloc::borrow::ToOwned;
use alloc::rc::{Rc, Weak};
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::Error;
use crate::web::v6::frame;

use crate::shapes;
use crate::v6::state::{State as Calls, DEFAULT_HISTORY};
use crate::v6::uphone::{self, Kind};
use crate::validate;
use crate::web::convert::{self, Obj};
use crate::web::emitter::Emitter;
use crate::web::log::Log;
use crate::web::messenger::{self, Data, Dropped, Inbound, Messenger, Origins, Peer};
use crate::web::resources::Listener;

/// Commands kept while the frame has not loaded a page yet.
const MAX_QUEUED: usize = 16;

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
const EVENTS: &[&str] = &[
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
    destroyed: bool,
    calls: Calls,
    messenger: Option<Messenger>,
    load: Option<Listener>,
    /// Whether the frame holds a page (it loaded, spoke, or already showed one when we attached).
    live: bool,
    /// Whether the frame's first `load` is still to come: it had no page when we attached. That
    /// load is the page uPhone starts with even if the page spoke before it (a softphone reports
    /// its agent while it is still loading); only a later load is a reload.
    first_load: bool,
    /// Commands given before the frame held a page: posted once it does (a message to a frame
    /// still on `about:blank` would be dropped by the browser).
    queued: Vec<js_sys::Object>,
}

struct Inner {
    frame: web_sys::HtmlIFrameElement,
    origin: String,
    make_call_action: &'static str,
    log: Log,
    events: Emitter,
    state: RefCell<State>,
    // Lives as long as the phone (see `web::resources`).
    on_load: Closure<dyn FnMut()>,
}

/// The uContact v6 softphone (uPhone) embedded in this page: typed events, the agent's and the
/// call's derived state, and click-to-dial.
///
/// ```js
/// const phone = new UPhone({ container: document.querySelector('#phone'), instanceOrigin: 'https://acme.ucontactcloud.com' });
/// phone.on('gettingCall', (e) => showCaller(e.params.number));
/// phone.on('change', (state) => render(state.call));
/// phone.makeCall({ number: '099123456', campaign: 'Ventas->' });
/// ```
#[wasm_bindgen]
pub struct UPhone {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl UPhone {
    /// `new UPhone({ frame | container, instanceOrigin, src?, makeCallAction?, historySize?, log?, debug? })`.
    ///
    /// * `frame`: the `<iframe>` showing `https://<instance>/uphone`; or `container`: an element
    ///   to create it in (with `allow="camera;microphone"`, which calls need; `src` defaults to
    ///   `instanceOrigin + '/uphone'`).
    /// * `instanceOrigin`: the exact origin of the instance (`https://acme.ucontactcloud.com`).
    ///   Only messages from the frame's window **and** this origin are read; commands go to this
    ///   origin only.
    /// * `makeCallAction`: `'makeCall'` (default, as documented) or `'makecall'` (the spelling
    ///   of the only public caller).
    /// * `historySize`: calls kept in `state.history` (default 20).
    /// * `log`, `debug`: where commands sent, events received and messages dropped are logged
    ///   (`LogEntry`: names and reasons, never the parameters).
    ///
    /// Throws `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "UPhoneOptions")] options: JsValue) -> Result<UPhone, JsValue> {
        let o = Obj::read("options", &options, shapes::UPHONE_OPTIONS.keys, false)?;
        let origin = o.str("instanceOrigin")?;
        let frame = frame::frame(&o, &origin, "/uphone", Some("camera;microphone"))?;
        let make_call_action = match o.opt_str("makeCallAction")?.as_deref() {
            None | Some("makeCall") => "makeCall",
            Some("makecall") => "makecall",
            Some(_) => return Err(Error::invalid("makeCallAction", "must be 'makeCall' or 'makecall'").into()),
        };
        let history = o.opt_u32("historySize")?.map_or(DEFAULT_HISTORY, |n| n as usize);
        let log = Log::read(&o, "UPhone")?;
        let inner = Rc::new_cyclic(|me: &Weak<Inner>| {
            let me = me.clone();
            Inner {
                frame,
                origin: origin.clone(),
                make_call_action,
                log,
                events: Emitter::new(EVENTS),
                state: RefCell::new(State {
                    destroyed: false,
                    calls: Calls::new(history),
                    messenger: None,
                    load: None,
                    live: false,
                    first_load: false,
                    queued: Vec::new(),
                }),
                on_load: Closure::new(move || {
                    if let Some(inner) = me.upgrade() {
                        inner.loaded();
                    }
                }),
            }
        });
        let messenger = Messenger::listen(inner.clone(), Origins::List(vec![origin]), Data::Any)?;
        let load = Listener::add(inner.frame.clone().into(), "load", inner.on_load.as_ref().unchecked_ref())
            .map_err(|_| Error::invalid("frame", "cannot listen to its load event"))?;
        {
            let mut st = inner.state.borrow_mut();
            st.messenger = Some(messenger);
            st.load = Some(load);
            st.live = holds_page(&inner.frame);
            st.first_load = !st.live;
        }
        Ok(UPhone { inner })
    }

    /// Dials through uPhone: `{ number, campaign }` (`number` a phone number, string or number;
    /// it is sent as a string). Posts `{ action: 'makeCall', params: { number, campaign } }` to
    /// the instance origin; uPhone sends no reply (its `makeCall` event follows when the call
    /// starts). Called before the frame has loaded, the command waits for it (16 at most).
    /// Throws `INVALID_ARGUMENT` (nothing posted), `NO_PORTAL` (the frame has no window),
    /// `DESTROYED`.
    #[wasm_bindgen(js_name = makeCall)]
    pub fn make_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MakeCallArgs")] args: JsValue,
    ) -> Result<(), JsValue> {
        let a = Obj::read("makeCall", &args, shapes::MAKE_CALL_ARGS.keys, false)?;
        let number = match a.get("number") {
            Some(n) if n.as_f64().is_some() => {
                js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default()
            }
            Some(n) => n.as_string().ok_or_else(|| Error::invalid("number", "must be a string or a number"))?,
            None => return Err(Error::invalid("number", "is required").into()),
        };
        let number = number.trim().to_owned();
        validate::phone("number", &number)?;
        let campaign = a.str("campaign")?;
        validate::required_text("campaign", &campaign)?;
        let params = js_sys::Object::new();
        convert::set(&params, "number", &JsValue::from_str(&number));
        convert::set(&params, "campaign", &JsValue::from_str(&campaign));
        Ok(self.inner.command(self.inner.make_call_action, &params)?)
    }

    /// Sends an SMS through uPhone: `{ action: 'makeSms', params }`. Its params are not public:
    /// every member is passed through as a string (numbers as JavaScript writes them). Throws
    /// `INVALID_ARGUMENT` for anything but strings and numbers, `NO_PORTAL`, `DESTROYED`.
    #[wasm_bindgen(js_name = makeSms)]
    pub fn make_sms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string | number>")] params: JsValue,
    ) -> Result<(), JsValue> {
        if !params.is_object() || convert::is_array(&params) {
            return Err(Error::invalid("makeSms", "expected an object of strings").into());
        }
        let out = js_sys::Object::new();
        for entry in convert::entries(&params).ok_or_else(|| convert::unreadable("makeSms"))?.iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            let (k, v) = (entry.get(0), entry.get(1));
            let text = match (v.as_string(), v.as_f64()) {
                (Some(s), _) => s,
                (None, Some(_)) => {
                    js_sys::Number::from(v).to_string_with_radix(10).map(String::from).unwrap_or_default()
                }
                _ if v.is_undefined() => continue,
                _ => return Err(Error::invalid("makeSms", "every member must be a string or a number").into()),
            };
            let _ = js_sys::Reflect::set(&out, &k, &JsValue::from_str(&text));
        }
        Ok(self.inner.command("makeSms", &out)?)
    }

    /// The derived state: `{ agent: 'unknown' | 'loggedIn' | 'loggedOut', call, history }`
    /// (see the README's state machine).
    #[wasm_bindgen(getter, unchecked_return_type = "UPhoneState")]
    pub fn state(&self) -> JsValue {
        convert::to_js(&self.inner.state.borrow().calls.to_value())
    }

    /// The uPhone `<iframe>`.
    #[wasm_bindgen(getter)]
    pub fn frame(&self) -> web_sys::HtmlIFrameElement {
        self.inner.frame.clone()
    }

    /// Subscribes to an event (see `UPhoneEventMap`). Throws `INVALID_ARGUMENT` for other names.
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

    /// Removes every listener (the frame's messages and loads, the subscriptions); commands
    /// throw `DESTROYED` afterwards. The frame stays: the agent stays logged in. Safe to call
    /// more than once.
    pub fn destroy(&self) {
        {
            let mut st = self.inner.state.borrow_mut();
            st.destroyed = true;
            st.messenger = None;
            st.load = None;
            st.queued.clear();
        }
        self.inner.events.clear();
    }
}

impl Inner {
    fn command(&self, action: &str, params: &js_sys::Object) -> Result<(), Error> {
        let message = js_sys::Object::new();
        convert::set(&message, "action", &JsValue::from_str(action));
        convert::set(&message, "params", params);
        {
            let mut st = self.state.borrow_mut();
            if st.destroyed {
                return Err(Error::Destroyed);
            }
            if !st.live {
                if st.queued.len() >= MAX_QUEUED {
                    return Err(Error::NoPortal {
                        reason: "the uPhone frame has not loaded yet (16 commands wait already)",
                    });
                }
                st.queued.push(message);
                return Ok(());
            }
        }
        self.post(&message)
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
    fn flush(&self) {
        let waiting = core::mem::take(&mut self.state.borrow_mut().queued);
        for message in waiting {
            if let Err(e) = self.post(&message) {
                convert::report("ucontact-bridge UPhone: a queued command could not be posted", &e.into());
            }
        }
    }

    /// The frame loaded. The first load of a frame that had no page when we attached is the
    /// page uPhone starts with (whatever it posted before its load counts); any other load is a
    /// reload or a navigation: a new session, so the derived state starts over.
    fn loaded(&self) {
        let reloaded = {
            let mut st = self.state.borrow_mut();
            if st.destroyed {
                return;
            }
            st.live = true;
            let reloaded = !core::mem::replace(&mut st.first_load, false);
            if reloaded {
                st.calls.reset();
            }
            reloaded
        };
        self.flush();
        if reloaded {
            self.events.emit("reloaded", &JsValue::UNDEFINED);
            self.emit_state();
        }
    }

    fn emit_state(&self) {
        if self.events.has("change") {
            let state = convert::to_js(&self.state.borrow().calls.to_value());
            self.events.emit("change", &state);
        }
    }
}

impl Peer for Inner {
    fn is_peer(&self, source: &JsValue) -> bool {
        frame::is_frame_window(&self.frame, source)
    }

    fn receive(&self, message: Inbound) {
        if self.state.borrow().destroyed {
            return;
        }
        // Structured-clone data, read as JSON (what it carries is JSON-like by contract).
        let Ok(value) = convert::from_js("message", &message.data) else {
            return self.log.dropped("not JSON-like data");
        };
        let Some(event) = uphone::read(&value) else {
            return self.log.dropped("not a uPhone { action, params } message");
        };
        let (changed, was_live) = {
            let mut st = self.state.borrow_mut();
            let was_live = core::mem::replace(&mut st.live, true);
            (st.calls.apply(&event), was_live)
        };
        if !was_live {
            self.flush();
        }
        self.log.received(&event.action);
        let detail = js_sys::Object::new();
        convert::set(&detail, "action", &JsValue::from_str(&event.action));
        convert::set(&detail, "params", &convert::to_js(&event.params.to_value()));
        convert::set(&detail, "raw", &message.data);
        if event.kind != Kind::Other {
            self.events.emit(&event.action, &detail);
        }
        self.events.emit("event", &detail);
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
