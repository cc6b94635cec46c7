//! The form's end of the uContact v6 Inbox at the Rust level ([`Form`]): the interaction the
//! form was opened for, normalized by the pure `v6::forms`, and `close` / `sent`.
//!
//! Callers of [`Form::get_interaction`] made while one request is out share it; each waits with
//! its own deadline and signal (through `web::waiter`, as the portal's), and each settles
//! exactly once: with the interaction, or with `NO_INTERACTION`, `TIMEOUT`, `ABORTED`,
//! `BAD_MESSAGE`, `DESTROYED`.

use alloc::borrow::ToOwned;
use alloc::rc::{Rc, Weak};
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::v6::forms::normalize;
use crate::web::convert::{self, CallOptions};
use crate::web::listening::Listening;
use crate::web::log::Log;
use crate::web::messenger::{self, Data, Dropped, Inbound, Origins, Peer};
use crate::web::waiter::{Hold, Waiter, Waits};
use crate::wire::origin;

/// Default wait for the interaction (the vendor helper's 5 seconds).
pub const DEFAULT_TIMEOUT_MS: f64 = 5_000.0;

/// How a `get_interaction` caller settles: with the normalized interaction (one JS object, the
/// same for every caller the answer settles), or the error. A type of the caller's rather than
/// a boxed callback: a form has one kind of caller (a promise, for `FormBridge`).
pub trait Settle: 'static {
    /// Called exactly once.
    fn settle(self, result: &Result<JsValue, Error>);
}

/// Which callers [`Inner::take`] takes: those whose deadline is past `now`, or those given
/// the signal (one plain function for both, not one per predicate).
enum Pick<'a> {
    Late(f64),
    Given(&'a JsValue),
}

/// A `get_interaction` caller waiting for the answer.
struct Caller<S> {
    done: S,
    deadline: f64,
    abort: Option<Hold>,
}

struct State<S> {
    callers: Vec<Caller<S>>,
    /// A `getInteraction` message is out and unanswered: later callers join it.
    asked: bool,
}

struct Inner<S: Settle> {
    origins: Vec<String>,
    timeout_ms: f64,
    log: Log,
    /// The `message` listener and the destroyed flag (no events).
    listening: Listening,
    state: RefCell<State<S>>,
    waiter: Waiter,
}

/// A form inside the v6 Inbox, whose `get_interaction` callers settle through `S`.
pub struct Form<S: Settle> {
    inner: Rc<Inner<S>>,
}

impl<S: Settle> Form<S> {
    /// Starts listening to the Inbox: the parent window, on `origins` only (each checked by the
    /// caller: `wire::origin::check`). `timeout_ms` is the default wait of `get_interaction`.
    /// `NO_PORTAL` outside a browser page.
    pub fn new(origins: Vec<String>, timeout_ms: f64, log: Log) -> Result<Form<S>, Error> {
        let allowed = Origins::List(origins.clone());
        let inner = Rc::new_cyclic(|me: &Weak<Inner<S>>| Inner {
            origins,
            timeout_ms,
            log,
            listening: Listening::new(&[]),
            state: RefCell::new(State { callers: Vec::new(), asked: false }),
            waiter: Waiter::new(me.clone()),
        });
        inner.listening.listen(inner.clone(), allowed, Data::Any)?;
        Ok(Form { inner })
    }

    /// Asks for the interaction (or joins the request already out); `done` is called exactly
    /// once, before this returns when the request cannot start.
    pub fn get_interaction(&self, options: &CallOptions, done: S) {
        match self.inner.join(options) {
            Ok((deadline, abort)) => {
                self.inner.state.borrow_mut().callers.push(Caller { done, deadline, abort });
                self.inner.rearm();
            }
            Err(e) => done.settle(&Err(e)),
        }
    }

    /// Asks the Inbox to close the form (`{ action: 'close' }`).
    pub fn close(&self) -> Result<(), Error> {
        self.inner.post("close")
    }

    /// Tells the Inbox the form was submitted (`{ action: 'sent' }`).
    pub fn sent(&self) -> Result<(), Error> {
        self.inner.post("sent")
    }

    /// Callers waiting for the interaction.
    pub fn pending(&self) -> usize {
        self.inner.state.borrow().callers.len()
    }

    /// Rejects what is pending with `DESTROYED`, removes the listener and the timer.
    pub fn destroy(&self) {
        let inner = &self.inner;
        inner.listening.destroy(|| {
            inner.waiter.disarm();
            let callers = core::mem::take(&mut inner.state.borrow_mut().callers);
            settle(callers, Err(Error::Destroyed));
        });
    }
}

fn settle<S: Settle>(callers: Vec<Caller<S>>, result: Result<JsValue, Error>) {
    for c in callers {
        c.done.settle(&result);
    }
}

/// The parent window, if this page is framed.
fn parent() -> Option<JsValue> {
    let me = web_sys::window()?;
    let parent = me.parent().ok().flatten()?;
    (JsValue::from(parent.clone()) != JsValue::from(me)).then(|| parent.into())
}

impl<S: Settle> Inner<S> {
    /// The checks before a caller waits, its deadline and its hold on its signal; asks the
    /// Inbox unless a request is out already.
    fn join(&self, o: &CallOptions) -> Result<(f64, Option<Hold>), Error> {
        self.listening.alive()?;
        if parent().is_none() {
            return Err(Error::NoInteraction {
                reason: "the form is not inside the uContact Inbox (it was opened on its own), so none will come",
            });
        }
        if o.aborted() {
            return Err(Error::Aborted);
        }
        let abort = match &o.signal {
            Some(s) => {
                let st = self.state.borrow();
                Some(self.waiter.hold(s, st.callers.iter().filter_map(|c| c.abort.as_ref()))?)
            }
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
        Ok((deadline, abort))
    }

    fn post(&self, action: &str) -> Result<(), Error> {
        self.listening.alive()?;
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

    /// Takes the callers `pick` names, in order; with none left, no request is out any more.
    fn take(&self, pick: Pick<'_>) -> Vec<Caller<S>> {
        let mut st = self.state.borrow_mut();
        let (mut gone, mut keep) = (Vec::new(), Vec::new());
        for c in core::mem::take(&mut st.callers) {
            let picked = match pick {
                Pick::Late(now) => c.deadline <= now,
                Pick::Given(signal) => c.abort.as_ref().is_some_and(|h| h.is(signal)),
            };
            if picked { &mut gone } else { &mut keep }.push(c);
        }
        st.asked &= !keep.is_empty();
        st.callers = keep;
        gone
    }

    /// Arms the timer for the earliest finite deadline (lazily: see `Waiter::arm`).
    fn rearm(&self) {
        let next = self.state.borrow().callers.iter().map(|c| c.deadline).filter(|d| d.is_finite()).reduce(f64::min);
        self.waiter.arm(next);
    }
}

impl<S: Settle> Waits for Inner<S> {
    fn waiter(&self) -> &Waiter {
        &self.waiter
    }

    /// Rejects the callers whose deadline passed, then re-arms for the next.
    fn due(&self) {
        let now = convert::now();
        let late = self.take(Pick::Late(now));
        if !late.is_empty() {
            self.log.write("timeout", "what", "getInteraction", "code", &JsValue::from_str("TIMEOUT"));
        }
        settle(late, Err(Error::Timeout { action: "getInteraction" }));
        self.rearm();
    }

    /// `signal` fired: reject the callers given it.
    fn aborted(&self, signal: &JsValue) {
        let gone = self.take(Pick::Given(signal));
        settle(gone, Err(Error::Aborted));
        self.rearm();
    }
}

impl<S: Settle> Peer for Inner<S> {
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
        let callers = {
            let mut st = self.state.borrow_mut();
            if self.listening.is_destroyed() || st.callers.is_empty() {
                drop(st);
                return self.log.dropped("an interaction nobody asked for");
            }
            st.asked = false;
            core::mem::take(&mut st.callers)
        };
        self.waiter.disarm();
        self.log.received("interaction");
        let interaction = convert::get(data, "interaction").unwrap_or(JsValue::NULL);
        let result = convert::from_js("interaction", &interaction)
            .map_err(|_| Error::BadMessage { reason: "the interaction is not JSON-like, or larger than 4 MiB".into() })
            .and_then(|v| normalize(&v))
            .map(|n| convert::to_js(&n));
        settle(callers, result);
    }

    fn dropped(&self, why: Dropped, _origin: &str) {
        let why = match why {
            Dropped::NotPeer => "not sent by the parent window",
            other => other.reason(),
        };
        self.log.dropped(why);
    }
}
