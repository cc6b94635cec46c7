//! The Bridge at the Rust level: one object over both paths. Inside the portal it speaks
//! Porthole through a [`Portal`]; outside, it runs the Integra REST API through a [`Client`].
//! The decisions (which path, the link's state, routing) are the pure `crate::bridge`; this file
//! gathers the facts and carries them out.
//!
//! | action          | portal path             | REST path                                            |
//! |-----------------|-------------------------|------------------------------------------------------|
//! | `call`          | `call`                  | `Agents/AgentCall` (outqueue = campaign, agent profile) |
//! | `callWithPhone` | `callWithPhone`         | — `PORTAL_REQUIRED`                                  |
//! | `hangup`        | `hangup`                | `Agents/HangupPhone` (the agent's phone)             |
//! | `tag`           | `tag`                   | `Agents/TagRecord` (phone, guid, message as `data`)  |
//! | `respool`       | `respool`               | `Dialers/Respool`                                    |
//! | `schedule`      | `schedule`              | `Dialers/ScheduleDialerCall`                         |
//! | `sms`           | `sms`                   | `SMS/SendSMSv2` (agent from the profile, if given)   |
//! | `cti`           | `CTI`                   | the localStorage record, else the legacy global `CTI` |

use alloc::rc::Rc;
use core::cell::{Cell, RefCell};

use super::convert::{self, CallOptions};
use super::emitter::Emitter;
use super::oneshot;
use super::portal::{Answer, Portal};
use super::session::Client;
use super::wait::{first_of, sleep, unless_aborted};
use crate::bridge::{self as rule, Change, First, Link, Mode, Requested, Route};
use crate::cti::{Cti, Schedule};
use crate::error::BridgeError;
use crate::error::Error;
use crate::error::Failure;
use crate::rest::{AgentCall, DialersRespool, HangupPhone, ScheduleDialerCall, SendSmsV2, SmsMessage, TagRecord};
use crate::wire::{Action, View};

/// Default wait for the portal's answer to a probe.
pub const DEFAULT_PROBE_TIMEOUT_MS: f64 = 2_000.0;
/// Default interval between probes while on the portal path.
pub const DEFAULT_HEARTBEAT_MS: f64 = 15_000.0;
/// Bridge events; `message` and `late` are the channel's, passed through.
pub const EVENTS: &[&str] = &["connected", "lost", "restored", "message", "late"];

/// Who the agent is, for the REST endpoints that need it.
#[derive(Clone, Debug)]
pub struct Agent {
    /// The agent's user name.
    pub agent: String,
    /// The agent's phone or extension.
    pub phone: String,
    /// Signalling technology (`SIP` by default).
    pub tech: String,
    /// The agent's dialplan context.
    pub context: String,
}

/// Where the REST path reads the CTI record: a storage reader (its options are the caller's).
pub type CtiSource = Box<dyn Fn() -> Result<Cti, Error>>;

/// How a [`Bridge`] is set up.
pub struct Config {
    /// The `mode` option.
    pub requested: Requested,
    /// The portal channel (when portal settings were given and the mode allows it).
    pub portal: Option<Portal>,
    /// The REST client (when REST settings were given).
    pub rest: Option<Client>,
    /// The agent profile for REST `call`, `hangup` and `tag`.
    pub agent: Option<Agent>,
    /// How `cti()` reads the record on the REST path.
    pub cti: CtiSource,
    /// Wait for a probe's answer.
    pub probe_timeout_ms: f64,
    /// Interval between probes (`0` turns the heartbeat off).
    pub heartbeat_ms: f64,
}

struct State {
    mode: Mode,
    link: Link,
    destroyed: bool,
    /// The choice once made, and who waits for it.
    decision: Option<Result<Mode, Error>>,
    waiting: Vec<oneshot::Sender<()>>,
    /// Stops the heartbeat at once on `destroy()` (its timer is cleared, not left to fire).
    stop_heartbeat: Option<oneshot::Sender<()>>,
}

struct Inner {
    config: Config,
    events: Emitter,
    state: RefCell<State>,
    /// Calls made and not yet settled.
    inflight: Cell<usize>,
}

/// The portal when the page runs inside it, the Integra REST API otherwise.
#[derive(Clone)]
pub struct Bridge {
    inner: Rc<Inner>,
}

impl Bridge {
    /// Checks the settings and starts choosing the path (see `crate::bridge`).
    pub fn new(config: Config) -> Result<Bridge, Error> {
        rule::check(config.requested, config.portal.is_some(), config.rest.is_some())?;
        let inner = Rc::new(Inner {
            config,
            events: Emitter::new(EVENTS),
            state: RefCell::new(State {
                mode: Mode::Choosing,
                link: Link::Connecting,
                destroyed: false,
                decision: None,
                waiting: Vec::new(),
                stop_heartbeat: None,
            }),
            inflight: Cell::new(0),
        });
        super::task::spawn(decide(inner.clone()));
        Ok(Bridge { inner })
    }

    /// The chosen path, once decided.
    pub async fn ready(&self) -> Result<Mode, Error> {
        self.inner.ready().await
    }

    /// The path (`Choosing` until decided).
    pub fn mode(&self) -> Mode {
        self.inner.state.borrow().mode
    }

    /// `'connecting'`, `'connected'`, `'lost'` or `'destroyed'`.
    pub fn state(&self) -> &'static str {
        let st = self.inner.state.borrow();
        if st.destroyed {
            "destroyed"
        } else {
            st.link.as_str()
        }
    }

    /// The REST client, sharing this bridge's session.
    pub fn rest(&self) -> Option<&Client> {
        self.inner.config.rest.as_ref()
    }

    /// The bridge's events (`connected`, `lost`, `restored`; `message` and `late` from the portal).
    pub fn events(&self) -> &Emitter {
        &self.inner.events
    }

    /// The portal channel, if there is one (for its `message` / `late` events).
    pub fn portal(&self) -> Option<&Portal> {
        self.inner.config.portal.as_ref()
    }

    /// Calls made and not settled yet.
    pub fn pending(&self) -> usize {
        self.inner.inflight.get()
    }

    /// Sends `action` on the chosen path: waits for the choice, then goes through the portal
    /// or maps it to its REST endpoint. `respool` and `schedule` carry a checked Respool.
    pub async fn send(&self, action: Action, o: &CallOptions) -> Result<Answer, Failure> {
        let _counted = InFlight::start(&self.inner);
        let inner = &self.inner;
        if inner.state.borrow().destroyed {
            return Err(Failure::unsent(Error::Destroyed));
        }
        match unless_aborted(inner.ready(), o.signal.as_ref()).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => return Err(Failure::unsent(e)),
            Err(_) => return Err(Failure::unsent(Error::Aborted)),
        }
        let (mode, link, destroyed) = {
            let st = inner.state.borrow();
            (st.mode, st.link, st.destroyed)
        };
        if destroyed {
            return Err(Failure::unsent(Error::Destroyed));
        }
        // Lost: fail fast, nothing posted.
        let route = rule::route(mode, link).map_err(Failure::unsent)?;
        // destroy() settles both paths: the portal rejects what is pending, the REST client
        // stops its fetches and its queue.
        match (&route, &inner.config.portal) {
            // A callback never called would be a bug; say "may have acted" to be safe.
            (Route::Portal, Some(p)) => p.request(action, o).await.unwrap_or(Err(Failure::sent(Error::Destroyed))),
            (Route::Portal, None) => Err(Failure::unsent(Error::NoPortal { reason: "no portal settings were given" })),
            (Route::Rest, _) => inner.rest_send(action, o).await,
        }
    }

    /// Stops probing, destroys the channel and aborts the REST requests in flight: every
    /// pending call rejects with `DESTROYED`, and so do later calls. Safe to call more than once.
    pub fn destroy(&self) {
        let stop = {
            let mut st = self.inner.state.borrow_mut();
            st.destroyed = true;
            if st.decision.is_none() {
                st.decision = Some(Err(Error::Destroyed));
            }
            for w in st.waiting.drain(..) {
                w.send(());
            }
            st.stop_heartbeat.take()
        };
        if let Some(stop) = stop {
            stop.send(());
        }
        self.inner.events.clear();
        if let Some(p) = &self.inner.config.portal {
            p.destroy();
        }
        // The REST client stops its fetches and its queue (DESTROYED). It holds no aborted
        // controller afterwards: an abort without a reason makes a DOMException whose captured
        // stack kept the bridge's JavaScript object alive while Rust held the controller, so
        // neither side could be collected (the soak layer measures it).
        if let Some(c) = &self.inner.config.rest {
            c.destroy();
        }
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
    async fn ready(&self) -> Result<Mode, Error> {
        loop {
            let rx = {
                let mut st = self.state.borrow_mut();
                if let Some(d) = &st.decision {
                    return d.clone();
                }
                let (tx, rx) = oneshot::channel();
                st.waiting.push(tx);
                rx
            };
            rx.await;
        }
    }

    fn decided(&self, decision: Result<Mode, Error>) {
        let mut st = self.state.borrow_mut();
        if let Ok(m) = decision {
            st.mode = m;
        }
        st.decision.get_or_insert(decision);
        for w in st.waiting.drain(..) {
            w.send(());
        }
    }

    fn client(&self) -> Result<&Client, Error> {
        self.config.rest.as_ref().ok_or(Error::invalid("rest", "no REST settings were given"))
    }

    fn agent(&self) -> Result<&Agent, Error> {
        self.config
            .agent
            .as_ref()
            .ok_or(Error::invalid("agent", "the REST path needs the agent profile { agent, phone, context }"))
    }

    /// An action on the REST path (see the module table).
    async fn rest_send(&self, action: Action, o: &CallOptions) -> Result<Answer, Failure> {
        match action.view() {
            View::Call { campaign, callerid, destination } => {
                let a = self.agent()?;
                let call = AgentCall {
                    callerid: callerid.into(),
                    agent: a.agent.clone(),
                    phone: a.phone.clone(),
                    tech: a.tech.clone(),
                    context: a.context.clone(),
                    outqueue: campaign.into(),
                    destination: destination.into(),
                };
                self.client()?.run(&call, o).await.map(Answer::Guid)
            }
            View::CallWithPhone { .. } => Err(Failure::unsent(Error::Bridge(BridgeError::PortalRequired {
                action: "callWithPhone",
                reason: "the portal places it with the agent's own phone, and the REST API has no such endpoint".into(),
            }))),
            View::Hangup => {
                let hangup = HangupPhone { phone: self.agent()?.phone.clone() };
                self.client()?.run(&hangup, o).await.map(|()| Answer::Posted)
            }
            View::Tag { guid, message } => {
                let tag = TagRecord { phone: self.agent()?.phone.clone(), guid: guid.into(), data: message.into() };
                self.client()?.run(&tag, o).await.map(|()| Answer::Posted)
            }
            // The Bridge's rows are typed `Respool`s: the requests take them as they are.
            View::Respool { row } => {
                let ep = DialersRespool::from(row.respool()?);
                self.client()?.run(&ep, o).await.map(|()| Answer::Posted)
            }
            View::Schedule { call_date, row } => {
                let ep = ScheduleDialerCall::from(&Schedule::new(row.respool()?, call_date)?);
                self.client()?.run(&ep, o).await.map(|()| Answer::Posted)
            }
            View::Sms { campaign, message, destination } => {
                // The sending agent is the profile's when there is one; the endpoint takes an
                // empty `agent` and `source` (the instance's defaults) otherwise.
                let agent = self.config.agent.as_ref().map(|a| a.agent.clone()).unwrap_or_default();
                let send = SendSmsV2(SmsMessage {
                    destination: destination.into(),
                    message: message.into(),
                    campaign: campaign.into(),
                    agent,
                    source: String::new(),
                });
                // The message's id travels as the call answers' text does.
                self.client()?.run(&send, o).await.map(Answer::Guid)
            }
            View::Cti => (self.config.cti)().map(|c| Answer::Cti(c.to_value())).map_err(Failure::unsent),
        }
    }

    fn set_link(&self, alive: bool) {
        let change = self.state.borrow_mut().link.observe(alive);
        if let Some(change) = change {
            self.announce(change);
        }
    }

    fn announce(&self, change: Change) {
        if self.events.has(change.event()) {
            let detail = js_sys::Object::new();
            let mode = if self.state.borrow().mode == Mode::Rest { "rest" } else { "portal" };
            convert::set(&detail, "mode", &mode.into());
            self.events.emit(change.event(), &detail);
        }
    }

    /// Asks the portal for the CTI record (changes nothing) and tells whether it answered.
    async fn probe(&self) -> bool {
        let Some(p) = &self.config.portal else { return false };
        let o = CallOptions { signal: None, timeout_ms: Some(self.config.probe_timeout_ms) };
        match p.request(Action::cti(), &o).await {
            Some(Ok(_)) => true,
            Some(Err(f)) => rule::answered(Err(&f.error)),
            None => false,
        }
    }
}

/// Chooses the path and runs the heartbeat on the portal path. The heartbeat holds the bridge,
/// as a timer holds its callback: a bridge that watches the portal stays alive while it
/// watches, even when the page keeps no reference to it; `destroy()` stops it at once.
async fn decide(inner: Rc<Inner>) {
    let c = &inner.config;
    let window = c.portal.as_ref().is_some_and(Portal::has_portal_window);
    let answered = match rule::first(c.requested, c.portal.is_some(), window) {
        First::Probe => inner.probe().await,
        First::Decided(_) => false,
    };
    if inner.state.borrow().destroyed {
        return inner.decided(Err(Error::Destroyed));
    }
    let mode = match rule::choose(c.requested, answered, c.rest.is_some()) {
        Ok(m) => m,
        Err(e) => return inner.decided(Err(e)),
    };
    inner.decided(Ok(mode));
    if mode == Mode::Rest {
        // The portal path is never used now: stop listening to it.
        if let Some(p) = &c.portal {
            p.destroy();
        }
        return inner.set_link(true);
    }
    let alive = c.requested == Requested::Auto || inner.probe().await;
    inner.set_link(alive);
    let every = c.heartbeat_ms;
    if every <= 0.0 || inner.state.borrow().destroyed {
        return;
    }
    let (stop, stopped) = oneshot::channel();
    inner.state.borrow_mut().stop_heartbeat = Some(stop);
    first_of(heartbeat(&inner, every), stopped).await;
}

/// Probes the portal every `heartbeatMs`; a missed probe means `lost`, an answer after that
/// means `restored`.
async fn heartbeat(inner: &Inner, every: f64) {
    loop {
        sleep(every).await;
        if inner.state.borrow().destroyed {
            return;
        }
        let alive = inner.probe().await;
        if inner.state.borrow().destroyed {
            return;
        }
        inner.set_link(alive);
    }
}
