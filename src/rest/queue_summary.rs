//! `Supervisor/queuesummary`: a short summary of every voice campaign (queue).
//!
//! The answer is a JSON array of per-queue objects (`queue`, `loggedIn`, `available`, `callers`,
//! `holdTime`, `talkTime`, `longestHoldTime`, `internalActionId`, `dateReceived`). The vendor's
//! sample ends with an element that has only `internalActionId` and `dateReceived` — the end
//! marker of the telephony server's summary event list. Such elements (no `queue` key) are kept
//! as [`SummaryMarker`]s, not treated as errors.

use crate::cat;
use crate::error::RestError;
use crate::error::{Error, Result};
use crate::json::{Map, Value};
use crate::text::num;

use super::endpoint::Endpoint;
use super::form::Form;
use super::lenient::{int_value, opt_i64, opt_string, text_value};
use super::outcome::json_body;
use super::request::Response;

/// `POST Supervisor/queuesummary` (no parameters) → [`QueueSummaryReport`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueSummary;

/// One queue's summary.
///
/// Read from the server's object with the lenient readers (a number may come as a numeric
/// string, and so on); [`QueueStats::to_value`] gives it back with camelCase keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueStats {
    /// The campaign (queue) name (`queue`).
    pub queue: Option<String>,
    /// Agents logged in (`loggedIn`).
    pub logged_in: Option<i64>,
    /// Agents available (`available`).
    pub available: Option<i64>,
    /// Callers waiting (`callers`).
    pub callers: Option<i64>,
    /// Average hold time, seconds (`holdTime`).
    pub hold_time: Option<i64>,
    /// Average talk time, seconds (`talkTime`).
    pub talk_time: Option<i64>,
    /// Longest hold time, seconds (`longestHoldTime`).
    pub longest_hold_time: Option<i64>,
    /// The telephony server's action id (`internalActionId`).
    pub internal_action_id: Option<String>,
    /// When the server produced the data, `Nov 2, 2018 11:31:42 AM` (`dateReceived`).
    pub date_received: Option<String>,
    /// Any other key, in order.
    pub extra: Map,
}

impl QueueStats {
    /// Reads one summary element; an error says which value had the wrong type.
    pub(crate) fn from_map(map: Map) -> core::result::Result<Self, String> {
        let mut q = QueueStats::default();
        for (key, value) in map {
            match key.as_str() {
                "queue" => q.queue = opt_string(value)?,
                "loggedIn" => q.logged_in = opt_i64(&value)?,
                "available" => q.available = opt_i64(&value)?,
                "callers" => q.callers = opt_i64(&value)?,
                "holdTime" => q.hold_time = opt_i64(&value)?,
                "talkTime" => q.talk_time = opt_i64(&value)?,
                "longestHoldTime" => q.longest_hold_time = opt_i64(&value)?,
                "internalActionId" => q.internal_action_id = opt_string(value)?,
                "dateReceived" => q.date_received = opt_string(value)?,
                _ => {
                    q.extra.push_new(key, value);
                }
            }
        }
        Ok(q)
    }

    /// The entry as a JSON object: every field under its camelCase key (`null` when absent),
    /// in declaration order, then the other keys in order.
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(9 + self.extra.len());
        m.push_new("queue", text_value(&self.queue));
        m.push_new("loggedIn", int_value(self.logged_in));
        m.push_new("available", int_value(self.available));
        m.push_new("callers", int_value(self.callers));
        m.push_new("holdTime", int_value(self.hold_time));
        m.push_new("talkTime", int_value(self.talk_time));
        m.push_new("longestHoldTime", int_value(self.longest_hold_time));
        m.push_new("internalActionId", text_value(&self.internal_action_id));
        m.push_new("dateReceived", text_value(&self.date_received));
        m.extend(self.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        Value::Object(m)
    }
}

/// An element without a `queue`: the end of the summary list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummaryMarker {
    /// The telephony server's action id (`internalActionId`).
    pub internal_action_id: Option<String>,
    /// When the server produced the data (`dateReceived`).
    pub date_received: Option<String>,
    /// Any other key, in order.
    pub extra: Map,
}

impl SummaryMarker {
    /// Reads one marker element.
    pub(crate) fn from_map(map: Map) -> core::result::Result<Self, String> {
        let mut marker = SummaryMarker::default();
        for (key, value) in map {
            match key.as_str() {
                "internalActionId" => marker.internal_action_id = opt_string(value)?,
                "dateReceived" => marker.date_received = opt_string(value)?,
                _ => {
                    marker.extra.push_new(key, value);
                }
            }
        }
        Ok(marker)
    }

    /// The marker as a JSON object: `internalActionId`, `dateReceived` (`null` when absent),
    /// then the other keys in order.
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(2 + self.extra.len());
        m.push_new("internalActionId", text_value(&self.internal_action_id));
        m.push_new("dateReceived", text_value(&self.date_received));
        m.extend(self.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        Value::Object(m)
    }
}

/// The parsed summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueSummaryReport {
    /// One entry per queue, in the server's order.
    pub queues: Vec<QueueStats>,
    /// Elements without a `queue` key.
    pub markers: Vec<SummaryMarker>,
}

impl QueueSummaryReport {
    /// The entry of queue `name`.
    pub fn queue(&self, name: &str) -> Option<&QueueStats> {
        self.queues.iter().find(|q| q.queue.as_deref() == Some(name))
    }

    /// The report as a JSON object: `{ "queues": [...], "markers": [...] }`.
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(2);
        m.push_new("queues", Value::Array(self.queues.iter().map(QueueStats::to_value).collect()));
        m.push_new("markers", Value::Array(self.markers.iter().map(SummaryMarker::to_value).collect()));
        Value::Object(m)
    }
}

impl Endpoint for QueueSummary {
    type Output = QueueSummaryReport;
    const PATH: &'static str = "Supervisor/queuesummary";
    const NAME: &'static str = "queuesummary";
    const IDEMPOTENT: bool = true;

    fn validate(&self) -> Result<()> {
        Ok(())
    }

    fn form(&self, _out: &mut Form) -> Result<()> {
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<QueueSummaryReport> {
        let bad = |reason: String| Error::Rest(RestError::BadResponse { endpoint: Self::NAME, reason: reason.into() });
        let Value::Array(items) = json_body(Self::NAME, resp)? else {
            return Err(bad("expected a JSON array".into()));
        };
        let mut report = QueueSummaryReport::default();
        for (i, item) in items.into_iter().enumerate() {
            let element = num(i as u64 + 1);
            let Value::Object(map) = item else {
                return Err(bad(cat!["element ", element, " is not an object"]));
            };
            let shape_error = |e: String| bad(cat!["element ", element, ": ", e]);
            if map.contains_key("queue") {
                report.queues.push(QueueStats::from_map(map).map_err(shape_error)?);
            } else {
                report.markers.push(SummaryMarker::from_map(map).map_err(shape_error)?);
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    const DOC: &str = r#"[ { "queue": "Power<-", "loggedIn": 10, "available": 5, "callers": 3, "holdTime": 18, "talkTime": 130, "longestHoldTime": 220, "internalActionId": "1982468278_6312", "dateReceived": "Nov 2, 2018 11:31:42 AM" }, { "queue": "test->", "loggedIn": 0, "available": 0, "callers": 0, "holdTime": 0, "talkTime": 0, "longestHoldTime": 0, "internalActionId": "1982468278_6312", "dateReceived": "Nov 2, 2018 11:31:42 AM" }, { "internalActionId": "1982468278_6312", "dateReceived": "Nov 2, 2018 11:31:42 AM" } ]"#;

    #[test]
    fn request() {
        let req = build(&QueueSummary, Some(&token())).unwrap();
        assert_eq!(req.path(), "Supervisor/queuesummary");
        assert_eq!(req.body(), "");
        assert!(req.form().is_empty());
        assert!(req.idempotent());
    }

    #[test]
    fn documented_answer() {
        let r = QueueSummary.parse(&Response::new(200, DOC)).unwrap();
        assert_eq!(r.queues.len(), 2);
        let power = r.queue("Power<-").unwrap();
        assert_eq!(
            (
                power.logged_in,
                power.available,
                power.callers,
                power.hold_time,
                power.talk_time,
                power.longest_hold_time
            ),
            (Some(10), Some(5), Some(3), Some(18), Some(130), Some(220))
        );
        assert_eq!(power.date_received.as_deref(), Some("Nov 2, 2018 11:31:42 AM"));
        assert!(power.extra.is_empty());
        assert_eq!(r.markers.len(), 1);
        assert_eq!(r.markers[0].internal_action_id.as_deref(), Some("1982468278_6312"));
        assert!(r.queue("nope").is_none());
    }

    #[test]
    fn other_answers() {
        let r = QueueSummary.parse(&Response::new(200, r#"[{"queue":"q","loggedIn":"4","newKey":[1]}]"#)).unwrap();
        assert_eq!(r.queues[0].logged_in, Some(4));
        assert_eq!(r.queues[0].extra.get("newKey"), Some(&json!([1])));
        assert_eq!(QueueSummary.parse(&Response::new(200, "[]")).unwrap(), QueueSummaryReport::default());
        assert_eq!(QueueSummary.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "queuesummary" }));
        for bad in ["", "{}", "[1]", "[{\"queue\":\"q\",\"callers\":{}}]", "[{\"queue\":[]}]", "[{"] {
            assert_eq!(QueueSummary.parse(&Response::new(200, bad)).unwrap_err().code(), "BAD_RESPONSE", "{bad}");
        }
        assert_common_errors(&QueueSummary, "queuesummary");
    }

    #[test]
    fn to_value_is_what_serde_wrote() {
        // The expected text is what `json!({"queues": .., "markers": ..})` over the serde
        // derives printed for the same body, before the move to crate::json.
        let body = r#"[{"zz":1,"queue":"Power<-","loggedIn":"4","available":2.0,"newKey":[1,2.5,{"a":null}],"holdTime":null,"x":"y","dateReceived":17},{"internalActionId":7,"z":true,"dateReceived":false},{"queue":null}]"#;
        let r = QueueSummary.parse(&Response::new(200, body)).unwrap();
        assert_eq!(
            r.to_value().to_json(),
            r#"{"queues":[{"queue":"Power<-","loggedIn":4,"available":2,"callers":null,"holdTime":null,"talkTime":null,"longestHoldTime":null,"internalActionId":null,"dateReceived":"17","zz":1,"newKey":[1,2.5,{"a":null}],"x":"y"},{"queue":null,"loggedIn":null,"available":null,"callers":null,"holdTime":null,"talkTime":null,"longestHoldTime":null,"internalActionId":null,"dateReceived":null}],"markers":[{"internalActionId":"7","dateReceived":"false","z":true}]}"#
        );
        assert_eq!(
            QueueStats::default().to_value().to_json(),
            r#"{"queue":null,"loggedIn":null,"available":null,"callers":null,"holdTime":null,"talkTime":null,"longestHoldTime":null,"internalActionId":null,"dateReceived":null}"#
        );
        assert_eq!(SummaryMarker::default().to_value().to_json(), r#"{"internalActionId":null,"dateReceived":null}"#);
        assert_eq!(QueueSummaryReport::default().to_value().to_json(), r#"{"queues":[],"markers":[]}"#);
    }

    #[test]
    fn shape_errors_say_where() {
        let reason = |body: &str| match QueueSummary.parse(&Response::new(200, body)) {
            Err(Error::Rest(RestError::BadResponse { endpoint: "queuesummary", reason })) => reason,
            other => panic!("{body}: {other:?}"),
        };
        assert_eq!(reason(r#"[{"queue":"q","callers":{}}]"#), "element 1: expected an integer");
        assert_eq!(reason(r#"[{"queue":"q"},{"queue":"q","callers":2.5}]"#), "element 2: expected an integer, got 2.5");
        assert_eq!(reason(r#"[{"queue":"q","callers":"x"}]"#), "element 1: expected an integer, got a text");
        assert_eq!(reason(r#"[{"queue":[]}]"#), "element 1: expected a text");
        assert_eq!(reason(r#"[{"queue":"q","callers":1e300}]"#), "element 1: expected an integer, got 1e300");
        assert_eq!(reason("[3]"), "element 1 is not an object");
        assert_eq!(reason("{}"), "expected a JSON array");
        assert_eq!(reason("[1"), "malformed JSON: expected `,` or `]` at byte 2");
        let callers = |body: &str| QueueSummary.parse(&Response::new(200, body)).unwrap().queues[0].callers;
        assert_eq!(callers(r#"[{"queue":"q","callers":-0}]"#), Some(0));
        assert_eq!(callers(r#"[{"queue":"q","callers":1e2}]"#), Some(100));
    }
}
