//! Pairing replies with requests when the replies carry no request id.
//!
//! The portal answers `call`/`callWithPhone` with `{guid}` and `CTI` with `{CTI}`, and nothing in
//! a reply says which request it answers. This module is the policy that makes that safe, as a
//! pure state machine: the browser edge feeds it requests, classified replies and the clock, and
//! carries out the [`Effect`]s it returns. It never touches a window or a timer itself, so every
//! interleaving is a native unit test.
//!
//! # The policy
//! 1. **Guid lane** (`call`, `callWithPhone`): at most one request is *in flight*; the others wait
//!    in FIFO order and are posted only when the lane is free. A `{guid}` reply settles the
//!    in-flight request and nothing else. A reply that arrives while nothing is in flight is not
//!    handed to anyone waiting (they have not been sent, so it cannot be theirs): it goes to
//!    subscribers as unsolicited.
//! 2. **Quarantine**: when the in-flight request times out or is aborted, its reply may still
//!    come. The lane then stays closed for `quarantine_ms` (or until that stale reply arrives,
//!    which is reported as [`Effect::Late`] and given to nobody), so that a late reply cannot be
//!    mistaken for the next request's. With `quarantine_ms = f64::INFINITY` the lane stays closed
//!    until the stale reply actually arrives: then no reply can ever be handed to the wrong
//!    caller, at the price of waiting requests timing out (unsent) if the portal never answers.
//!    With a finite quarantine the only way to mis-pair is a reply later than
//!    timeout + quarantine; the default is four times the default timeout.
//! 3. **CTI lane**: `CTI` is a *read* of the portal's current interaction, not an operation, so
//!    any `{CTI}` reply that arrives after a request was posted is a correct answer to it. One
//!    request is posted; callers that arrive while it is outstanding join it; the first `{CTI}`
//!    reply resolves all of them. A `{CTI}` reply with nobody waiting is unsolicited.
//! 4. **Fire-and-forget** actions (`hangup`, `tag`, `respool`, `schedule`) have no documented
//!    reply and never enter a lane; the edge resolves them once posted.
//! 5. Every waiting or in-flight request has its own deadline; [`Correlator::tick`] rejects the
//!    expired ones with `TIMEOUT`. `cancel` rejects one with `ABORTED`; `destroy` rejects all with
//!    `DESTROYED`. Every request therefore settles exactly once.

use crate::json::{Map, Value};
use alloc::string::String;
use alloc::vec::Vec;

use super::action::{ActionName, ReplyKind};
use super::reply::Reply;
use crate::error::Error;

/// Identifies one request for the lifetime of a [`Correlator`].
pub type RequestId = u32;

/// What the edge must do next.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Post this (already encoded) message to the portal now.
    Send { id: RequestId, message: String },
    /// Settle request `id` successfully: a guid string for the guid lane, the raw CTI value for
    /// the CTI lane.
    Resolve { id: RequestId, value: Value },
    /// Settle request `id` with an error. `sent` says whether its message was posted, i.e.
    /// whether the portal may have acted on it: `false` for a request still waiting its turn
    /// (so retrying it cannot act twice), `true` once posted.
    Reject { id: RequestId, error: Error, sent: bool },
    /// A portal message that answers nothing pending; deliver to subscribers.
    Unsolicited(Value),
    /// A reply that arrived after its request had timed out or was aborted; delivered to
    /// subscribers and given to nobody.
    Late(Value),
}

#[derive(Debug)]
struct Entry {
    id: RequestId,
    action: ActionName,
    message: String,
    deadline: f64,
}

#[derive(Debug, Default)]
struct GuidLane {
    in_flight: Option<Entry>,
    /// Oldest first.
    waiting: Vec<Entry>,
    /// When set, the lane is closed until this instant (ms).
    quarantine_until: Option<f64>,
}

/// The correlation state of one channel. See the module docs for the policy.
#[derive(Debug)]
pub struct Correlator {
    next_id: RequestId,
    quarantine_ms: f64,
    guid: GuidLane,
    /// Callers waiting on the outstanding `CTI` request (empty = none outstanding).
    cti: Vec<Entry>,
}

impl Correlator {
    /// A correlator whose guid lane stays closed for `quarantine_ms` after a request times out
    /// or is aborted (`f64::INFINITY`: until the stale reply arrives).
    pub fn new(quarantine_ms: f64) -> Self {
        Correlator { next_id: 1, quarantine_ms: quarantine_ms.max(0.0), guid: GuidLane::default(), cti: Vec::new() }
    }

    /// Registers a request for an action that expects a reply. `message` is the encoded envelope
    /// to post when the policy allows. Returns the request's id and the effects (a `Send` when
    /// it may be posted now). Actions without a reply must not come here (they are posted
    /// directly); if one does, it is rejected with `INVALID_ARGUMENT`.
    pub fn submit(
        &mut self,
        action: ActionName,
        message: String,
        timeout_ms: f64,
        now: f64,
    ) -> (RequestId, Vec<Effect>) {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1).max(1);
        let entry = Entry { id, action, message, deadline: now + timeout_ms.max(0.0) };
        let mut fx = Vec::new();
        match action.reply_kind() {
            ReplyKind::Guid => {
                self.guid.waiting.push(entry);
                self.advance_guid(now, &mut fx);
            }
            ReplyKind::Cti => {
                if self.cti.is_empty() {
                    fx.push(Effect::Send { id, message: entry.message.clone() });
                }
                self.cti.push(entry);
            }
            ReplyKind::None => {
                fx.push(Effect::Reject {
                    id,
                    error: Error::invalid("action", "has no reply to wait for"),
                    sent: false,
                });
            }
        }
        (id, fx)
    }

    /// Feeds a classified reply from a trusted envelope.
    pub fn on_reply(&mut self, reply: Reply, now: f64) -> Vec<Effect> {
        let mut fx = Vec::new();
        match reply {
            Reply::Guid(_) | Reply::BadGuid(_) => {
                if let Some(e) = self.guid.in_flight.take() {
                    fx.push(match reply {
                        Reply::Guid(g) => Effect::Resolve { id: e.id, value: Value::String(g) },
                        Reply::BadGuid(v) if v == Value::String("0".into()) => Effect::Reject {
                            id: e.id,
                            error: Error::Refused { endpoint: e.action.as_str() },
                            sent: true,
                        },
                        _ => Effect::Reject {
                            id: e.id,
                            sent: true,
                            error: Error::BadMessage {
                                reason: crate::cat![
                                    "the portal answered `",
                                    e.action.as_str(),
                                    "` without a valid guid"
                                ]
                                .into(),
                            },
                        },
                    });
                } else {
                    let data = reply_data("guid", reply);
                    if self.guid.quarantine_until.take().is_some() {
                        fx.push(Effect::Late(data));
                    } else {
                        fx.push(Effect::Unsolicited(data));
                    }
                }
                self.advance_guid(now, &mut fx);
            }
            Reply::Cti(v) => {
                if self.cti.is_empty() {
                    fx.push(Effect::Unsolicited(wrap("CTI", v)));
                } else {
                    for e in core::mem::take(&mut self.cti) {
                        fx.push(Effect::Resolve { id: e.id, value: v.clone() });
                    }
                }
            }
            Reply::Unsolicited(v) => fx.push(Effect::Unsolicited(v)),
        }
        fx
    }

    /// Advances the clock: rejects expired requests and reopens a quarantined lane.
    pub fn tick(&mut self, now: f64) -> Vec<Effect> {
        let mut fx = Vec::new();
        if self.guid.in_flight.as_ref().is_some_and(|e| e.deadline <= now) {
            if let Some(e) = self.guid.in_flight.take() {
                fx.push(Effect::Reject { id: e.id, error: Error::Timeout { action: e.action.as_str() }, sent: true });
                self.guid.quarantine_until = Some(now + self.quarantine_ms);
            }
        }
        // Waiting calls were never posted; the CTI read they share was.
        expire(&mut self.guid.waiting, now, false, &mut fx);
        expire(&mut self.cti, now, true, &mut fx);
        self.advance_guid(now, &mut fx);
        fx
    }

    /// Aborts one request. A request that was already posted puts the guid lane in quarantine,
    /// exactly like a timeout. Unknown or settled ids yield no effect.
    pub fn cancel(&mut self, id: RequestId, now: f64) -> Vec<Effect> {
        let mut fx = Vec::new();
        let aborted = |id, sent| Effect::Reject { id, error: Error::Aborted, sent };
        if self.guid.in_flight.as_ref().is_some_and(|e| e.id == id) {
            self.guid.in_flight = None;
            self.guid.quarantine_until = Some(now + self.quarantine_ms);
            fx.push(aborted(id, true));
        } else if self.guid.waiting.iter().any(|e| e.id == id) {
            // Ids are unique: `retain` removes exactly that one (and has no panicking path).
            self.guid.waiting.retain(|e| e.id != id);
            fx.push(aborted(id, false));
        } else if self.cti.iter().any(|e| e.id == id) {
            self.cti.retain(|e| e.id != id);
            fx.push(aborted(id, true));
        }
        self.advance_guid(now, &mut fx);
        fx
    }

    /// Settles request `id` with `error` because its message could not be posted (no portal
    /// window). Unlike [`cancel`](Self::cancel) this does not quarantine the lane: nothing was
    /// sent, so no reply can be on its way.
    pub fn fail_unsent(&mut self, id: RequestId, error: Error, now: f64) -> Vec<Effect> {
        let mut fx = Vec::new();
        if self.guid.in_flight.as_ref().is_some_and(|e| e.id == id) {
            self.guid.in_flight = None;
            fx.push(Effect::Reject { id, error, sent: false });
        } else if self.cti.iter().any(|e| e.id == id) {
            // The CTI request is shared: everyone who joined it fails the same way, `id` first.
            fx.push(Effect::Reject { id, error: error.clone(), sent: false });
            for e in core::mem::take(&mut self.cti) {
                if e.id != id {
                    fx.push(Effect::Reject { id: e.id, error: error.clone(), sent: false });
                }
            }
        }
        self.advance_guid(now, &mut fx);
        fx
    }

    /// Rejects everything with `DESTROYED` and forgets it.
    pub fn destroy(&mut self) -> Vec<Effect> {
        let reject = |e: Entry, sent| Effect::Reject { id: e.id, error: Error::Destroyed, sent };
        let mut fx: Vec<Effect> = self.guid.in_flight.take().into_iter().map(|e| reject(e, true)).collect();
        fx.extend(core::mem::take(&mut self.guid.waiting).into_iter().map(|e| reject(e, false)));
        fx.extend(core::mem::take(&mut self.cti).into_iter().map(|e| reject(e, true)));
        self.guid.quarantine_until = None;
        fx
    }

    /// The next instant at which [`tick`](Self::tick) has something to do, if any.
    pub fn next_deadline(&self) -> Option<f64> {
        let deadlines = self.guid.in_flight.iter().chain(&self.guid.waiting).chain(&self.cti).map(|e| e.deadline);
        deadlines.chain(self.guid.quarantine_until).filter(|d| d.is_finite()).reduce(f64::min)
    }

    /// How many requests are waiting or in flight.
    pub fn pending(&self) -> usize {
        usize::from(self.guid.in_flight.is_some()) + self.guid.waiting.len() + self.cti.len()
    }

    fn advance_guid(&mut self, now: f64, fx: &mut Vec<Effect>) {
        if self.guid.quarantine_until.is_some_and(|t| t <= now) {
            self.guid.quarantine_until = None;
        }
        if self.guid.in_flight.is_none() && self.guid.quarantine_until.is_none() {
            if let Some(e) = pop_front(&mut self.guid.waiting) {
                fx.push(Effect::Send { id: e.id, message: e.message.clone() });
                self.guid.in_flight = Some(e);
            }
        }
    }
}

/// The oldest entry of a FIFO, taken out (without `Vec::remove`'s panicking path).
fn pop_front(q: &mut Vec<Entry>) -> Option<Entry> {
    let mut rest = core::mem::take(q).into_iter();
    let first = rest.next();
    q.extend(rest);
    first
}

fn expire(q: &mut Vec<Entry>, now: f64, sent: bool, fx: &mut Vec<Effect>) {
    q.retain(|e| {
        let expired = e.deadline <= now;
        if expired {
            fx.push(Effect::Reject { id: e.id, error: Error::Timeout { action: e.action.as_str() }, sent });
        }
        !expired
    });
}

fn wrap(key: &str, v: Value) -> Value {
    let mut m = Map::new();
    m.push_new(key, v);
    Value::Object(m)
}

fn reply_data(key: &str, reply: Reply) -> Value {
    match reply {
        Reply::Guid(g) => wrap(key, Value::String(g)),
        Reply::BadGuid(v) | Reply::Cti(v) => wrap(key, v),
        Reply::Unsolicited(v) => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;
    use ActionName::*;

    const G1: &str = "00000000-0000-4000-8000-000000000001";
    const G2: &str = "00000000-0000-4000-8000-000000000002";

    fn guid(g: &str) -> Reply {
        Reply::Guid(g.into())
    }
    fn sent(fx: &[Effect]) -> Vec<RequestId> {
        fx.iter().filter_map(|e| if let Effect::Send { id, .. } = e { Some(*id) } else { None }).collect()
    }

    #[test]
    fn one_call_in_flight_others_fifo_each_gets_its_own_guid() {
        let mut c = Correlator::new(60_000.0);
        let (a, fa) = c.submit(Call, "A".into(), 1000.0, 0.0);
        let (b, fb) = c.submit(CallWithPhone, "B".into(), 1000.0, 0.0);
        assert_eq!(sent(&fa), vec![a]);
        assert!(fb.is_empty(), "b must wait for a");
        let fx = c.on_reply(guid(G1), 10.0);
        assert_eq!(fx, vec![Effect::Resolve { id: a, value: json!(G1) }, Effect::Send { id: b, message: "B".into() }]);
        assert_eq!(c.on_reply(guid(G2), 20.0), vec![Effect::Resolve { id: b, value: json!(G2) }]);
        assert_eq!(c.pending(), 0);
    }

    #[test]
    fn reply_with_nothing_in_flight_is_never_given_to_a_waiter() {
        let mut c = Correlator::new(f64::INFINITY);
        assert_eq!(c.on_reply(guid(G1), 0.0), vec![Effect::Unsolicited(json!({"guid": G1}))]);
        // Timeout of the in-flight call: quarantine; the waiter is not sent yet.
        let (a, _) = c.submit(Call, "A".into(), 100.0, 0.0);
        let (b, fb) = c.submit(Call, "B".into(), 10_000.0, 0.0);
        assert!(fb.is_empty());
        assert_eq!(c.tick(100.0), vec![Effect::Reject { id: a, error: Error::Timeout { action: "call" }, sent: true }]);
        // A's late reply arrives: reported as late, given to nobody, and the lane reopens for B.
        assert_eq!(
            c.on_reply(guid(G1), 500.0),
            vec![Effect::Late(json!({"guid": G1})), Effect::Send { id: b, message: "B".into() }]
        );
        assert_eq!(c.on_reply(guid(G2), 600.0), vec![Effect::Resolve { id: b, value: json!(G2) }]);
    }

    #[test]
    fn finite_quarantine_reopens_the_lane() {
        let mut c = Correlator::new(1000.0);
        let (a, _) = c.submit(Call, "A".into(), 100.0, 0.0);
        let (b, _) = c.submit(Call, "B".into(), 5000.0, 0.0);
        assert_eq!(c.tick(100.0), vec![Effect::Reject { id: a, error: Error::Timeout { action: "call" }, sent: true }]);
        assert_eq!(c.next_deadline(), Some(1100.0));
        assert!(c.tick(1099.0).is_empty());
        assert_eq!(c.tick(1100.0), vec![Effect::Send { id: b, message: "B".into() }]);
    }

    #[test]
    fn waiting_requests_time_out_unsent() {
        let mut c = Correlator::new(f64::INFINITY);
        let (a, _) = c.submit(Call, "A".into(), 100.0, 0.0);
        let (b, _) = c.submit(Call, "B".into(), 50.0, 0.0);
        assert_eq!(c.tick(50.0), vec![Effect::Reject { id: b, error: Error::Timeout { action: "call" }, sent: false }]);
        assert_eq!(c.on_reply(guid(G1), 60.0), vec![Effect::Resolve { id: a, value: json!(G1) }]);
    }

    #[test]
    fn refused_and_malformed_guids_settle_the_in_flight_call_with_an_error() {
        let mut c = Correlator::new(0.0);
        let (a, _) = c.submit(Call, "A".into(), 100.0, 0.0);
        assert_eq!(
            c.on_reply(Reply::BadGuid(json!("0")), 1.0),
            vec![Effect::Reject { id: a, error: Error::Refused { endpoint: "call" }, sent: true }]
        );
        let (b, _) = c.submit(CallWithPhone, "B".into(), 100.0, 1.0);
        let fx = c.on_reply(Reply::BadGuid(json!(7)), 2.0);
        assert!(
            matches!(&fx[..], [Effect::Reject { id, error: Error::BadMessage { .. }, sent: true }] if *id == b),
            "{fx:?}"
        );
    }

    #[test]
    fn cti_requests_coalesce_and_resolve_together() {
        let mut c = Correlator::new(0.0);
        let (a, fa) = c.submit(Cti, "C".into(), 100.0, 0.0);
        let (b, fb) = c.submit(Cti, "C".into(), 100.0, 5.0);
        assert_eq!(sent(&fa), vec![a]);
        assert!(fb.is_empty(), "b joins a's outstanding request");
        let rec = json!({"Guid": G1});
        assert_eq!(
            c.on_reply(Reply::Cti(rec.clone()), 6.0),
            vec![Effect::Resolve { id: a, value: rec.clone() }, Effect::Resolve { id: b, value: rec.clone() }]
        );
        assert_eq!(c.on_reply(Reply::Cti(rec.clone()), 7.0), vec![Effect::Unsolicited(json!({"CTI": rec}))]);
        // A guid reply never settles a CTI request and vice versa.
        let (d, _) = c.submit(Cti, "C".into(), 100.0, 8.0);
        assert_eq!(c.on_reply(guid(G1), 9.0), vec![Effect::Unsolicited(json!({"guid": G1}))]);
        assert_eq!(c.pending(), 1);
        assert_eq!(c.tick(108.0), vec![Effect::Reject { id: d, error: Error::Timeout { action: "CTI" }, sent: true }]);
    }

    #[test]
    fn cancel_and_destroy_settle_everything_once() {
        let mut c = Correlator::new(f64::INFINITY);
        let (a, _) = c.submit(Call, "A".into(), 1e9, 0.0);
        let (b, _) = c.submit(Call, "B".into(), 1e9, 0.0);
        let (d, _) = c.submit(Cti, "C".into(), 1e9, 0.0);
        assert_eq!(c.cancel(b, 1.0), vec![Effect::Reject { id: b, error: Error::Aborted, sent: false }]);
        assert!(c.cancel(b, 1.0).is_empty(), "second cancel is a no-op");
        // Aborting the in-flight call quarantines the lane (its reply may still come).
        let (e, _) = c.submit(Call, "E".into(), 1e9, 1.0);
        assert_eq!(c.cancel(a, 2.0), vec![Effect::Reject { id: a, error: Error::Aborted, sent: true }]);
        assert_eq!(
            c.on_reply(guid(G1), 3.0),
            vec![Effect::Late(json!({"guid": G1})), Effect::Send { id: e, message: "E".into() }]
        );
        let fx = c.destroy();
        assert_eq!(
            fx,
            vec![
                Effect::Reject { id: e, error: Error::Destroyed, sent: true },
                Effect::Reject { id: d, error: Error::Destroyed, sent: true }
            ]
        );
        assert_eq!(c.pending(), 0);
        assert_eq!(c.next_deadline(), None);
    }

    #[test]
    fn a_send_that_fails_frees_the_lane_without_quarantine() {
        let mut c = Correlator::new(f64::INFINITY);
        let (a, _) = c.submit(Call, "A".into(), 1e9, 0.0);
        let (b, _) = c.submit(Call, "B".into(), 1e9, 0.0);
        let fx = c.fail_unsent(a, Error::NoPortal { reason: "gone" }, 1.0);
        assert_eq!(
            fx,
            vec![
                Effect::Reject { id: a, error: Error::NoPortal { reason: "gone" }, sent: false },
                Effect::Send { id: b, message: "B".into() }
            ]
        );
        let (d, _) = c.submit(Cti, "C".into(), 1e9, 1.0);
        let (e, _) = c.submit(Cti, "C".into(), 1e9, 1.0);
        let fx = c.fail_unsent(d, Error::NoPortal { reason: "gone" }, 2.0);
        assert_eq!(fx.len(), 2, "{fx:?}");
        assert!(fx.contains(&Effect::Reject { id: e, error: Error::NoPortal { reason: "gone" }, sent: false }));
    }

    #[test]
    fn replyless_actions_are_refused() {
        let mut c = Correlator::new(0.0);
        let (id, fx) = c.submit(Hangup, "H".into(), 1.0, 0.0);
        assert!(
            matches!(&fx[..], [Effect::Reject { id: i, error: Error::InvalidArgument { .. }, sent: false }] if *i == id)
        );
        assert_eq!(c.pending(), 0);
    }

    #[test]
    fn every_failure_says_whether_its_message_left_the_page() {
        // A burst: one call posted, the rest queued behind it; a CTI read posted for two callers.
        let mut c = Correlator::new(f64::INFINITY);
        let (posted, _) = c.submit(Call, "A".into(), 100.0, 0.0);
        let queued: Vec<RequestId> = (0..3).map(|_| c.submit(Call, "Q".into(), 100.0, 0.0).0).collect();
        let (r1, _) = c.submit(Cti, "C".into(), 100.0, 0.0);
        let (r2, _) = c.submit(Cti, "C".into(), 100.0, 0.0);
        let fx = c.tick(100.0);
        let sent_of = |id| {
            fx.iter().find_map(|e| match e {
                Effect::Reject { id: i, sent, .. } if *i == id => Some(*sent),
                _ => None,
            })
        };
        assert_eq!(sent_of(posted), Some(true), "the posted call may have dialled");
        for q in &queued {
            assert_eq!(sent_of(*q), Some(false), "a queued call never left the page: safe to retry");
        }
        assert_eq!((sent_of(r1), sent_of(r2)), (Some(true), Some(true)), "the CTI read was posted for both");
        // Destroy and abort say the same: posted or not.
        let mut c = Correlator::new(f64::INFINITY);
        let (a, _) = c.submit(Call, "A".into(), 1e9, 0.0);
        let (b, _) = c.submit(Call, "B".into(), 1e9, 0.0);
        assert_eq!(
            c.destroy(),
            vec![
                Effect::Reject { id: a, error: Error::Destroyed, sent: true },
                Effect::Reject { id: b, error: Error::Destroyed, sent: false }
            ]
        );
    }
}
