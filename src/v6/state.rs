//! The agent's and the call's state, derived from uPhone's events: a small state machine.
//!
//! uPhone posts events but keeps no state a CRM can ask for: no ids, no answered/hold events,
//! several events per call. Integrators rebuild "on a call", "last call" and the history by
//! hand. [`State::apply`] does it once, the same way everywhere:
//!
//! | event              | effect                                                                  |
//! |--------------------|-------------------------------------------------------------------------|
//! | `agentLogin`       | agent `loggedIn`; call and history reset (a new session)                |
//! | `agentLogout`      | agent `loggedOut`; call and history reset                               |
//! | `gettingCall`      | a new call `ringing` (inbound), unless it is the current call again      |
//! | `makeCall`         | a new call `outbound`, unless it is the current call again               |
//! | `finishedCall`     | that call `finished` (duration, dispositions kept); into the history    |
//! | `finishedSms`      | an SMS interaction `finished`, into the history                          |
//! | `sentDispositions` | the dispositions attached to that call (without a guid: the current one, even finished); it no longer needs them |
//! | anything else      | no change                                                                |
//!
//! * **One call, one entry.** Events of a call are matched by `guid`: a repeated event merges
//!   into its call (fields it brings fill the ones still unknown; a finished call never goes
//!   back to ringing). An event without a guid matches the current call when the numbers agree
//!   (or either is unknown) and the call is not finished; an event whose guid the history holds
//!   is about that entry, never given to a current call without a guid. A finished current call
//!   and its history entry are kept the same.
//! * **Agent unknown until told.** Before the first login or logout the agent is `unknown`; a
//!   call event means the agent is logged in (nobody else takes calls).
//! * **A new call supersedes an unfinished one**: the old one goes to the history as it was
//!   (uPhone sent no `finishedCall` for it).
//! * **Bounded history**, newest first: at most `limit` entries (20 by default).
//! * `reset()` is what a reloaded uPhone frame calls for: a new page is a new session.

use alloc::collections::VecDeque;
use alloc::string::String;

use super::uphone::{Event, Kind, Params};
use crate::json::{Map, Value};

/// Default number of calls kept in the history.
pub const DEFAULT_HISTORY: usize = 20;

/// The agent's session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Agent {
    /// No login or logout seen yet.
    #[default]
    Unknown,
    LoggedIn,
    LoggedOut,
}

/// Where a call is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Inbound and ringing (`gettingCall`).
    Ringing,
    /// Outbound, dialled (`makeCall`).
    Outbound,
    /// Over (`finishedCall` / `finishedSms`).
    Finished,
}

/// A call (or an SMS conversation) as the events told it.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub guid: Option<String>,
    /// `call` or `sms`.
    pub channel: &'static str,
    /// `inbound`, `outbound`, or `unknown` when only its end was seen.
    pub direction: &'static str,
    pub phase: Phase,
    pub number: Option<String>,
    pub campaign: Option<String>,
    pub client_id: Option<String>,
    /// The date of its first event that had one.
    pub started: Option<String>,
    /// The date of its finishing event.
    pub finished: Option<String>,
    pub duration: Option<u64>,
    pub needs_dispositions: Option<bool>,
    pub dispositions: Option<Value>,
    /// How many events told about it.
    pub events: u32,
}

/// The derived state.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub agent: Agent,
    /// The latest call (it stays, `finished`, until the next one).
    pub call: Option<Call>,
    /// Finished and superseded calls, newest first.
    pub history: VecDeque<Call>,
    limit: usize,
}

impl Default for State {
    fn default() -> Self {
        State::new(DEFAULT_HISTORY)
    }
}

impl Call {
    fn new(channel: &'static str, direction: &'static str, phase: Phase) -> Call {
        Call {
            guid: None,
            channel,
            direction,
            phase,
            number: None,
            campaign: None,
            client_id: None,
            started: None,
            finished: None,
            duration: None,
            needs_dispositions: None,
            dispositions: None,
            events: 0,
        }
    }

    /// Whether an event with these params is about this call.
    fn matches(&self, p: &Params) -> bool {
        match (&self.guid, &p.guid) {
            (Some(a), Some(b)) => a == b,
            (None, _) | (_, None) => {
                self.phase != Phase::Finished
                    && (self.number.is_none() || p.number.is_none() || self.number == p.number)
            }
        }
    }

    /// Fills what the event brings and this call does not know yet.
    fn absorb(&mut self, p: &Params) {
        fn fill<T: Clone>(slot: &mut Option<T>, v: &Option<T>) {
            if slot.is_none() {
                slot.clone_from(v);
            }
        }
        fill(&mut self.guid, &p.guid);
        fill(&mut self.number, &p.number);
        fill(&mut self.campaign, &p.campaign);
        fill(&mut self.client_id, &p.client_id);
        fill(&mut self.started, &p.date);
        if p.needs_dispositions.is_some() {
            self.needs_dispositions = p.needs_dispositions;
        }
        if p.dispositions.is_some() {
            self.dispositions.clone_from(&p.dispositions);
        }
        self.events = self.events.saturating_add(1);
    }

    fn finish(&mut self, p: &Params) {
        self.phase = Phase::Finished;
        if p.duration.is_some() {
            self.duration = p.duration;
        }
        if p.date.is_some() {
            self.finished.clone_from(&p.date);
        }
    }

    /// The call as JSON (`clientId`, `needsDispositions` in camelCase).
    pub fn to_value(&self) -> Value {
        let s = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
        let mut m = Map::with_capacity(13);
        m.push_new("guid", s(&self.guid));
        m.push_new("channel", self.channel);
        m.push_new("direction", self.direction);
        m.push_new(
            "phase",
            match self.phase {
                Phase::Ringing => "ringing",
                Phase::Outbound => "outbound",
                Phase::Finished => "finished",
            },
        );
        m.push_new("number", s(&self.number));
        m.push_new("campaign", s(&self.campaign));
        m.push_new("clientId", s(&self.client_id));
        m.push_new("started", s(&self.started));
        m.push_new("finished", s(&self.finished));
        m.push_new("duration", self.duration.map_or(Value::Null, Value::from));
        m.push_new("needsDispositions", self.needs_dispositions.map_or(Value::Null, Value::Bool));
        m.push_new("dispositions", self.dispositions.clone().unwrap_or(Value::Null));
        m.push_new("events", u64::from(self.events));
        Value::Object(m)
    }
}

impl State {
    /// An empty state keeping at most `limit` calls of history (at least 1).
    pub fn new(limit: usize) -> State {
        State { agent: Agent::Unknown, call: None, history: VecDeque::new(), limit: limit.max(1) }
    }

    /// Back to the start: agent unknown, no call, no history.
    pub fn reset(&mut self) {
        self.agent = Agent::Unknown;
        self.call = None;
        self.history.clear();
    }

    /// Applies one event (see the module table); returns whether the state changed.
    pub fn apply(&mut self, e: &Event) -> bool {
        let before = self.clone();
        let p = &e.params;
        match e.kind {
            Kind::AgentLogin | Kind::AgentLogout => {
                self.reset();
                self.agent = if e.kind == Kind::AgentLogin { Agent::LoggedIn } else { Agent::LoggedOut };
            }
            Kind::GettingCall | Kind::MakeCall => {
                self.seen_call();
                let (direction, phase) = if e.kind == Kind::GettingCall {
                    ("inbound", Phase::Ringing)
                } else {
                    ("outbound", Phase::Outbound)
                };
                if let Some(c) = self.current_for(p, None) {
                    c.absorb(p);
                    self.sync_history();
                } else if !self.merge_into_history(p, |_| {}) {
                    let mut c = Call::new("call", direction, phase);
                    c.absorb(p);
                    self.start(c);
                }
            }
            Kind::FinishedCall | Kind::FinishedSms => {
                self.seen_call();
                let channel = if e.kind == Kind::FinishedSms { "sms" } else { "call" };
                if let Some(c) = self.current_for(p, Some(channel)) {
                    c.absorb(p);
                    c.finish(p);
                    let done = c.clone();
                    self.record(done);
                } else if !self.merge_into_history(p, |c| c.finish(p)) {
                    let mut c = Call::new(channel, "unknown", Phase::Finished);
                    c.absorb(p);
                    c.finish(p);
                    if channel == "call" {
                        self.start(c.clone());
                    }
                    self.record(c);
                }
            }
            Kind::SentDispositions => {
                let attach = |c: &mut Call| {
                    if p.dispositions.is_some() {
                        c.dispositions.clone_from(&p.dispositions);
                    }
                    c.needs_dispositions = Some(false);
                };
                // Dispositions come after the call ended: without a guid they are the current
                // call's, finished or not.
                let current = match p.guid {
                    None => self.call.as_mut(),
                    Some(_) => self.current_for(p, None),
                };
                if let Some(c) = current {
                    attach(c);
                    self.sync_history();
                } else {
                    self.merge_into_history(p, attach);
                }
            }
            Kind::Other => {}
        }
        *self != before
    }

    /// The current call when the event is about it (see [`Call::matches`]; of `channel`, when
    /// given). A guid the history holds is not given to a current call without one: the event
    /// is about that entry, and taking it would send a finished call back to ringing and leave
    /// two calls of one guid.
    fn current_for(&mut self, p: &Params, channel: Option<&str>) -> Option<&mut Call> {
        let known = |g: &String| self.history.iter().any(|h| h.guid.as_ref() == Some(g));
        let taken = p.guid.as_ref().is_some_and(known);
        self.call
            .as_mut()
            .filter(|c| c.matches(p) && channel.is_none_or(|ch| c.channel == ch) && !(taken && c.guid.is_none()))
    }

    /// A finished current call is also in the history: the entry of its guid gets what it
    /// learnt, so both stay the same call.
    fn sync_history(&mut self) {
        let Some(c) = self.call.as_ref().filter(|c| c.phase == Phase::Finished && c.guid.is_some()) else {
            return;
        };
        if let Some(h) = self.history.iter_mut().find(|h| h.guid == c.guid && h.channel == c.channel) {
            h.clone_from(c);
        }
    }

    fn seen_call(&mut self) {
        if self.agent == Agent::Unknown {
            self.agent = Agent::LoggedIn;
        }
    }

    /// A new current call; an unfinished one it replaces goes to the history as it was.
    fn start(&mut self, c: Call) {
        if let Some(old) = self.call.replace(c) {
            if old.phase != Phase::Finished {
                self.record(old);
            }
        }
    }

    /// Puts a call at the front of the history, replacing the entry of the same guid.
    fn record(&mut self, c: Call) {
        if let Some(at) = c.guid.as_ref().and_then(|g| self.history.iter().position(|h| h.guid.as_ref() == Some(g))) {
            self.history.remove(at);
        }
        self.history.push_front(c);
        self.history.truncate(self.limit);
    }

    /// Applies `change` to the history entry of the event's guid; `false` when there is none.
    fn merge_into_history(&mut self, p: &Params, change: impl FnOnce(&mut Call)) -> bool {
        let Some(g) = &p.guid else { return false };
        match self.history.iter_mut().find(|h| h.guid.as_ref() == Some(g)) {
            Some(h) => {
                h.absorb(p);
                change(h);
                if let Some(c) = self.call.as_mut().filter(|c| c.guid.as_ref() == Some(g)) {
                    *c = h.clone();
                }
                true
            }
            None => false,
        }
    }

    /// The state as JSON: `{ agent, call, history }`.
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(3);
        m.push_new(
            "agent",
            match self.agent {
                Agent::Unknown => "unknown",
                Agent::LoggedIn => "loggedIn",
                Agent::LoggedOut => "loggedOut",
            },
        );
        m.push_new("call", self.call.as_ref().map_or(Value::Null, Call::to_value));
        m.push_new("history", Value::Array(self.history.iter().map(Call::to_value).collect()));
        Value::Object(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;
    use crate::v6::uphone::read;

    fn ev(action: &str, params: Value) -> Event {
        let mut m = Map::new();
        m.insert("action", action);
        m.insert("params", params);
        read(&Value::Object(m)).unwrap()
    }

    fn run(events: &[Event]) -> State {
        let mut s = State::default();
        for e in events {
            s.apply(e);
        }
        s
    }

    #[test]
    fn an_inbound_call_from_ringing_to_finished() {
        let mut s = State::default();
        assert_eq!(s.agent, Agent::Unknown);
        assert!(s.apply(&ev("agentLogin", json!({}))));
        assert_eq!(s.agent, Agent::LoggedIn);
        assert!(s.apply(&ev(
            "gettingCall",
            json!({"guid": "g1", "number": "099", "campaign": "In<-", "date": "2024-01-02 10:00:00"})
        )));
        let c = s.call.clone().unwrap();
        assert_eq!(
            (c.phase, c.direction, c.number.as_deref(), c.started.as_deref()),
            (Phase::Ringing, "inbound", Some("099"), Some("2024-01-02T10:00:00"))
        );
        assert!(s.apply(&ev(
            "finishedCall",
            json!({"guid": "g1", "duration": 42, "date": "2024-01-02 10:01:00", "needsDispositions": true})
        )));
        let c = s.call.clone().unwrap();
        assert_eq!(
            (c.phase, c.duration, c.needs_dispositions, c.campaign.as_deref()),
            (Phase::Finished, Some(42), Some(true), Some("In<-"))
        );
        assert_eq!(s.history.len(), 1);
        assert!(s.apply(&ev("sentDispositions", json!({"guid": "g1", "dispositions": ["Venta"]}))));
        assert_eq!(s.call.as_ref().unwrap().needs_dispositions, Some(false));
        assert_eq!(s.history[0].dispositions, Some(json!(["Venta"])), "the history entry is the same call");
    }

    #[test]
    fn duplicates_merge_by_guid() {
        let s = run(&[
            ev("makeCall", json!({"guid": "g1", "number": "091"})),
            ev("makeCall", json!({"guid": "g1", "campaign": "Out->"})),
            ev("finishedCall", json!({"guid": "g1", "duration": 5})),
            ev("finishedCall", json!({"guid": "g1", "duration": 5})),
            ev("gettingCall", json!({"guid": "g1"})),
        ]);
        assert_eq!(s.history.len(), 1, "one call, one entry: {:?}", s.history);
        let c = s.call.unwrap();
        assert_eq!(
            (c.phase, c.events, c.campaign.as_deref(), c.direction),
            (Phase::Finished, 5, Some("Out->"), "outbound")
        );
        assert_eq!(s.agent, Agent::LoggedIn, "a call means a logged-in agent");
    }

    #[test]
    fn events_without_a_guid() {
        // A ringing call without guid, then its end with a guid: the same call.
        let s = run(&[
            ev("gettingCall", json!({"number": "099"})),
            ev("finishedCall", json!({"guid": "g2", "number": "099"})),
        ]);
        assert_eq!(s.history.len(), 1);
        assert_eq!(s.call.as_ref().unwrap().guid.as_deref(), Some("g2"));
        // Another number without guid while a call rings: a new call; the old one is kept.
        let s = run(&[ev("gettingCall", json!({"number": "099"})), ev("gettingCall", json!({"number": "098"}))]);
        assert_eq!(s.call.as_ref().unwrap().number.as_deref(), Some("098"));
        assert_eq!(s.history.len(), 1);
        assert_eq!(s.history[0].phase, Phase::Ringing, "superseded as it was");
        // A finish nobody announced: a finished call of unknown direction.
        let s = run(&[ev("finishedCall", json!({"guid": "g9", "duration": "7"}))]);
        let c = s.call.unwrap();
        assert_eq!((c.phase, c.direction, c.duration), (Phase::Finished, "unknown", Some(7)));
    }

    #[test]
    fn a_guid_in_the_history_is_not_given_to_a_call_without_one() {
        // Found by the fuzzer (`v6-uphone`): g1 finished, then a call without guid rings; a late
        // event of g1 went to the ringing call, sending g1 back to ringing, and once that call
        // was superseded its ringing copy replaced g1's finished entry.
        let mut s = run(&[
            ev("gettingCall", json!({"guid": "g1", "number": "099"})),
            ev("finishedCall", json!({"guid": "g1", "duration": 5})),
            ev("gettingCall", json!({"number": "098"})),
        ]);
        assert!(s.apply(&ev("makeCall", json!({"guid": "g1"}))));
        let c = s.call.clone().unwrap();
        assert_eq!((c.guid, c.phase, c.number.as_deref()), (None, Phase::Ringing, Some("098")));
        assert_eq!((s.history[0].phase, s.history[0].events), (Phase::Finished, 3), "merged into g1's entry");
        assert!(s.apply(&ev("sentDispositions", json!({"guid": "g1", "dispositions": ["Venta"]}))));
        assert_eq!(s.call.as_ref().unwrap().dispositions, None, "g1's dispositions are not the ringing call's");
        assert_eq!(s.history[0].dispositions, Some(json!(["Venta"])));
        s.apply(&ev("gettingCall", json!({"guid": "g2", "number": "097"})));
        let g1: Vec<Phase> = s.history.iter().filter(|h| h.guid.as_deref() == Some("g1")).map(|h| h.phase).collect();
        assert_eq!(g1, [Phase::Finished]);
        assert_eq!(s.history[0].number.as_deref(), Some("098"), "the superseded call is kept as it was");
    }

    #[test]
    fn a_finished_call_and_its_history_entry_stay_the_same() {
        // Found by the fuzzer (`v6-uphone`): an event of the finished current call updated the
        // call but not its history entry.
        let mut s = run(&[ev("makeCall", json!({"guid": "g1"})), ev("finishedCall", json!({"guid": "g1"}))]);
        assert!(s.apply(&ev("makeCall", json!({"guid": "g1", "campaign": "C->"}))));
        assert_eq!(s.call.as_ref().unwrap().campaign.as_deref(), Some("C->"));
        assert_eq!(s.call.as_ref(), s.history.front());
    }

    #[test]
    fn login_and_logout_reset() {
        let mut s = run(&[ev("gettingCall", json!({"guid": "g1"})), ev("finishedCall", json!({"guid": "g1"}))]);
        assert!(s.apply(&ev("agentLogout", json!(null))));
        assert_eq!((s.agent, s.call.is_none(), s.history.len()), (Agent::LoggedOut, true, 0));
        assert!(s.apply(&ev("agentLogin", json!(null))));
        assert_eq!(s.agent, Agent::LoggedIn);
        assert!(!s.apply(&ev("somethingNew", json!({"x": 1}))), "unknown events change nothing");
        s.reset();
        assert_eq!(s, State::default());
    }

    #[test]
    fn sms_and_bounded_history() {
        let mut s = State::new(3);
        for i in 0..5 {
            let g = format!("g{i}");
            s.apply(&ev("gettingCall", json!({"guid": g})));
            s.apply(&ev("finishedCall", json!({"guid": g})));
        }
        assert_eq!(s.history.iter().map(|c| c.guid.clone().unwrap()).collect::<Vec<_>>(), ["g4", "g3", "g2"]);
        s.apply(&ev("finishedSms", json!({"guid": "s1", "number": "099", "direction": "I"})));
        assert_eq!((s.history[0].channel, s.history[0].phase), ("sms", Phase::Finished));
        assert_eq!(s.call.as_ref().unwrap().guid.as_deref(), Some("g4"), "an SMS is not the current call");
    }

    #[test]
    fn as_json() {
        let s = run(&[
            ev("agentLogin", json!({})),
            ev("makeCall", json!({"guid": "g1", "number": "091", "campaign": "C->"})),
        ]);
        assert_eq!(
            s.to_value().to_json(),
            r#"{"agent":"loggedIn","call":{"guid":"g1","channel":"call","direction":"outbound","phase":"outbound","number":"091","campaign":"C->","clientId":null,"started":null,"finished":null,"duration":null,"needsDispositions":null,"dispositions":null,"events":1},"history":[]}"#
        );
    }

    #[test]
    fn dispositions_without_a_guid_go_to_the_call_just_finished() {
        let s = run(&[
            ev("gettingCall", json!({"guid": "g1", "number": "099"})),
            ev("finishedCall", json!({"guid": "g1", "needsDispositions": true})),
            ev("sentDispositions", json!({"dispositions": ["Venta"]})),
        ]);
        let c = s.call.unwrap();
        assert_eq!((c.needs_dispositions, c.dispositions), (Some(false), Some(json!(["Venta"]))));
        assert_eq!(s.history[0].dispositions, Some(json!(["Venta"])), "and its history entry");
    }
}
