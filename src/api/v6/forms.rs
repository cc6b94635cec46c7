//! `FormBridge`: a form running inside the uContact v6 Inbox.

use alloc::borrow::ToOwned;
use alloc::rc::{Rc, Weak};
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::Error;
use crate::shapes;
use crate::v6::forms::normalize;
use crate::web::convert::{self, CallOptions, Obj};
use crate::web::log::Log;
use crate::web::messenger::{self, Data, Dropped, Inbound, Messenger, Origins, Peer};
use crate::web::resources::{Listener, Timeout};
use crate::wire::origin;

/// Default wait for the interaction (the vendor helper's 5 seconds).
pub const DEFAULT_TIMEOUT_MS: f64 = 5_000.0;

/// A `getInteraction()` caller waiting for the answer.
struct Waiter {
    resolve: Function,
    reject: Function,
    deadline: f64,
    signal: Option<web_sys::AbortSignal>,
    _abort: Option<Listener>,
}

struct State {
    destroyed: bool,
    messenger: Option<Messenger>,
    waiters: Vec<Waiter>,
    /// A `getInteraction` message is out and unanswered: later callers join it.
    asked: bool,
    timer: Option<Timeout>,
}

struct Inner {
    origins: Vec<String>,
    timeout_ms: f64,
    log: Log,
    state: RefCell<State>,
    on_tick: Closure<dyn FnMut()>,
    on_abort: Closure<dyn FnMut(web_sys::Event)>,
}

/// The form's end of the v6 Inbox: the interaction it was opened for, and `close` / `sent`.
///
/// ```js
/// const inbox = new FormBridge({ inboxOrigins: ['https://acme.ucontactcloud.com'] });
/// const interaction = await inbox.getInteraction();      // normalized, every channel alike
/// fill(interaction.clientId, interaction.data);
/// inbox.sent();
/// ```
#[wasm_bindgen]
pub struct FormBridge {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl FormBridge {
    /// `new FormBridge({ inboxOrigins, timeoutMs?, log?, debug? })`: `inboxOrigins` are the exact
    /// origins the Inbox may have; only messages from the parent window **and** those origins
    /// are read, and the form posts to the one that frames it. `timeoutMs` is the default wait
    /// of `getInteraction` (5000). Throws `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FormBridgeOptions")] options: JsValue,
    ) -> Result<FormBridge, JsValue> {
        let o = Obj::read("options", &options, shapes::FORM_BRIDGE_OPTIONS.keys, false)?;
        let origins = o.strings("inboxOrigins")?;
        if origins.is_empty() {
            return Err(Error::invalid(
                "inboxOrigins",
                "is required: the Inbox's origin(s), e.g. ['https://acme.ucontactcloud.com']",
            )
            .into());
        }
        for inbox in &origins {
            origin::check("inboxOrigins", inbox)?;
        }
        let timeout_ms = convert::positive("timeoutMs", o.opt_f64("timeoutMs")?, DEFAULT_TIMEOUT_MS)?;
        let log = Log::read(&o, "FormBridge")?;
        let inner = Rc::new_cyclic(|me: &Weak<Inner>| {
            let (m1, m2) = (me.clone(), me.clone());
            Inner {
                origins: origins.clone(),
                timeout_ms,
                log,
                state: RefCell::new(State {
                    destroyed: false,
                    messenger: None,
                    waiters: Vec::new(),
                    asked: false,
                    timer: None,
                }),
                on_tick: Closure::new(move || {
                    if let Some(i) = m1.upgrade() {
                        i.expire();
                    }
                }),
                on_abort: Closure::new(move |ev: web_sys::Event| {
                    if let Some(i) = m2.upgrade() {
                        i.aborted(&ev);
                    }
                }),
            }
        });
        let messenger = Messenger::listen(inner.clone(), Origins::List(origins), Data::Any)?;
        inner.state.borrow_mut().messenger = Some(messenger);
        Ok(FormBridge { inner })
    }

    /// The interaction this form was opened for, normalized (`guid`, `channel`, `campaign`,
    /// `clientId`, …, `data` with string booleans as booleans and `CAMPAIGN`/`CONTACT` decoded,
    /// `dialer`, `lastMessage`, `messages`, `extraInfo`, and `raw`). Calls made while one is
    /// outstanding share its request. Options `{ timeoutMs?, signal? }`. Rejects with
    /// `NO_INTERACTION` at once when the form is not inside the Inbox, `TIMEOUT` when none
    /// arrives in time (a form in test mode gets none), `ABORTED`, `BAD_MESSAGE`, `DESTROYED`.
    #[wasm_bindgen(js_name = getInteraction, unchecked_return_type = "Promise<Interaction>")]
    pub fn get_interaction(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let mut fns = None;
        let promise = Promise::new(&mut |resolve, reject| fns = Some((resolve, reject)));
        if let Some((resolve, reject)) = fns {
            if let Err(e) = self.inner.join(resolve, reject.clone(), &options) {
                let _ = reject.call1(&JsValue::NULL, &convert::error(&e));
            }
        }
        promise
    }

    /// Asks the Inbox to close the form (`{ action: 'close' }`). Throws `NO_PORTAL` outside the
    /// Inbox, `DESTROYED`.
    pub fn close(&self) -> Result<(), JsValue> {
        Ok(self.inner.post("close")?)
    }

    /// Tells the Inbox the form was submitted (`{ action: 'sent' }`). Throws like `close`.
    pub fn sent(&self) -> Result<(), JsValue> {
        Ok(self.inner.post("sent")?)
    }

    /// Callers waiting for the interaction.
    #[wasm_bindgen(getter)]
    pub fn pending(&self) -> usize {
        self.inner.state.borrow().waiters.len()
    }

    /// Rejects what is pending with `DESTROYED`, removes the listener and the timer.
    pub fn destroy(&self) {
        let waiters = {
            let mut st = self.inner.state.borrow_mut();
            st.destroyed = true;
            st.messenger = None;
            st.timer = None;
            core::mem::take(&mut st.waiters)
        };
        settle(waiters, Err(Error::Destroyed));
    }
}

fn settle(waiters: Vec<Waiter>, result: Result<JsValue, Error>) {
    let error = result.as_ref().err().map(convert::error);
    for w in waiters {
        let _ = match (&result, &error) {
            (Ok(v), _) => w.resolve.call1(&JsValue::NULL, v),
            (_, Some(e)) => w.reject.call1(&JsValue::NULL, e),
            _ => Ok(JsValue::UNDEFINED),
        };
    }
}

/// The parent window, if this page is framed.
fn parent() -> Option<JsValue> {
    let me = web_sys::window()?;
    let parent = me.parent().ok().flatten()?;
    (JsValue::from(parent.clone()) != JsValue::from(me)).then(|| parent.into())
}

impl Inner {
    fn join(&self, resolve: Function, reject: Function, options: &JsValue) -> Result<(), Error> {
        let o = CallOptions::from_js(options)?;
        if self.state.borrow().destroyed {
            return Err(Error::Destroyed);
        }
        if parent().is_none() {
            return Err(Error::NoInteraction {
                reason: "the form is not inside the uContact Inbox (it was opened on its own), so none will come",
            });
        }
        if o.aborted() {
            return Err(Error::Aborted);
        }
        let abort = match &o.signal {
            Some(s) => Some(
                Listener::add(s.clone().into(), "abort", self.on_abort.as_ref().unchecked_ref())
                    .map_err(|_| Error::invalid("signal", "is not an AbortSignal"))?,
            ),
            None => None,
        };
        let deadline = convert::now() + o.timeout_ms.unwrap_or(self.timeout_ms);
        let ask = !core::mem::replace(&mut self.state.borrow_mut().asked, true);
        if ask {
            if let Err(e) = self.post("getInteraction") {
                self.state.borrow_mut().asked = false;
                return Err(e);
            }
        }
        self.state.borrow_mut().waiters.push(Waiter { resolve, reject, deadline, signal: o.signal, _abort: abort });
        self.rearm();
        Ok(())
    }

    fn post(&self, action: &str) -> Result<(), Error> {
        if self.state.borrow().destroyed {
            return Err(Error::Destroyed);
        }
        let window = parent().ok_or(Error::NoPortal { reason: "the form is not inside the uContact Inbox" })?;
        let message = js_sys::Object::new();
        convert::set(&message, "action", &JsValue::from_str(action));
        messenger::post(&window, &message, &self.target_origin()?)?;
        self.log.sent(action);
        Ok(())
    }

    /// The allowed origin that frames this page (`location.ancestorOrigins`, else the referrer).
    fn target_origin(&self) -> Result<String, Error> {
        let global = js_sys::global();
        let mut hints = Vec::new();
        if let Some(list) = convert::get(&global, "location").and_then(|l| convert::get(&l, "ancestorOrigins")) {
            hints.extend(js_sys::Array::from(&list).iter().next().and_then(|v| v.as_string()));
        }
        if let Some(r) =
            convert::get(&global, "document").and_then(|d| convert::get(&d, "referrer")).and_then(|r| r.as_string())
        {
            hints.extend(origin::of_url(&r).map(str::to_owned));
        }
        origin::choose(&self.origins, &hints).map(str::to_owned).ok_or(Error::NoPortal {
            reason: "cannot tell which allowed Inbox origin frames this form; list only the Inbox's origin",
        })
    }

    /// Rejects the callers whose deadline passed, then re-arms for the next.
    fn expire(&self) {
        let now = convert::now();
        let late = {
            let mut st = self.state.borrow_mut();
            st.timer = None;
            let (late, keep): (Vec<Waiter>, Vec<Waiter>) =
                core::mem::take(&mut st.waiters).into_iter().partition(|w| w.deadline <= now);
            st.waiters = keep;
            if st.waiters.is_empty() {
                st.asked = false;
            }
            late
        };
        if !late.is_empty() {
            self.log.write("timeout", "what", "getInteraction", "code", &JsValue::from_str("TIMEOUT"));
        }
        settle(late, Err(Error::Timeout { action: "getInteraction" }));
        self.rearm();
    }

    fn aborted(&self, ev: &web_sys::Event) {
        let Some(target) = ev.target().map(JsValue::from) else { return };
        let gone = {
            let mut st = self.state.borrow_mut();
            let (gone, keep): (Vec<Waiter>, Vec<Waiter>) = core::mem::take(&mut st.waiters)
                .into_iter()
                .partition(|w| w.signal.as_ref().is_some_and(|s| JsValue::from(s.clone()) == target));
            st.waiters = keep;
            if st.waiters.is_empty() {
                st.asked = false;
            }
            gone
        };
        settle(gone, Err(Error::Aborted));
        self.rearm();
    }

    fn rearm(&self) {
        let mut st = self.state.borrow_mut();
        let next = st.waiters.iter().map(|w| w.deadline).filter(|d| d.is_finite()).reduce(f64::min);
        st.timer = next.map(|at| Timeout::schedule(self.on_tick.as_ref().unchecked_ref(), at - convert::now()));
    }
}

impl Peer for Inner {
    fn is_peer(&self, source: &JsValue) -> bool {
        parent().is_some_and(|p| p == *source)
    }

    fn receive(&self, message: Inbound) {
        let data = &message.data;
        // Only `{ action: 'interaction', interaction }` answers; `null` and anything else is
        // not for us (the vendor helper threw on these).
        let is_answer = convert::get(data, "action").and_then(|a| a.as_string()).as_deref() == Some("interaction");
        if !is_answer {
            return self.log.dropped("not an interaction message");
        }
        let waiters = {
            let mut st = self.state.borrow_mut();
            if st.destroyed || st.waiters.is_empty() {
                drop(st);
                return self.log.dropped("an interaction nobody asked for");
            }
            st.asked = false;
            st.timer = None;
            core::mem::take(&mut st.waiters)
        };
        self.log.received("interaction");
        let interaction = convert::get(data, "interaction").unwrap_or(JsValue::NULL);
        let result = convert::from_js("interaction", &interaction)
            .map_err(|_| Error::BadMessage { reason: "the interaction is not JSON-like, or larger than 4 MiB".into() })
            .and_then(|v| normalize(&v))
            .map(|n| convert::to_js(&n));
        settle(waiters, result);
    }

    fn dropped(&self, why: Dropped, _origin: &str) {
        let why = match why {
            Dropped::NotPeer => "not sent by the parent window",
            other => other.reason(),
        };
        self.log.dropped(why);
    }
}
