//! `Supervisor/queuesummary`: a short summary of every voice campaign (queue).
//!
//! The answer is a JSON array of per-queue objects (`queue`, `loggedIn`, `available`, `callers`,
//! `holdTime`, `talkTime`, `longestHoldTime`, `internalActionId`, `dateReceived`). The vendor's
//! sample ends with an element that has only `internalActionId` and `dateReceived` — the end
//! marker of the telephony server's summary event list. Such elements (no `queue` key) are kept
//! as [`SummaryMarker`]s, not treated as errors.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

use super::endpoint::Endpoint;
use super::form::Form;
use super::lenient::{opt_i64, opt_string};
use super::outcome::json_body;
use super::request::Response;

/// `POST Supervisor/queuesummary` (no parameters) → [`QueueSummaryReport`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueSummary;

/// One queue's summary.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueStats {
    /// The campaign (queue) name.
    #[serde(default, deserialize_with = "opt_string")]
    pub queue: Option<String>,
    /// Agents logged in.
    #[serde(default, deserialize_with = "opt_i64")]
    pub logged_in: Option<i64>,
    /// Agents available.
    #[serde(default, deserialize_with = "opt_i64")]
    pub available: Option<i64>,
    /// Callers waiting.
    #[serde(default, deserialize_with = "opt_i64")]
    pub callers: Option<i64>,
    /// Average hold time, seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub hold_time: Option<i64>,
    /// Average talk time, seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub talk_time: Option<i64>,
    /// Longest hold time, seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub longest_hold_time: Option<i64>,
    /// The telephony server's action id.
    #[serde(default, deserialize_with = "opt_string")]
    pub internal_action_id: Option<String>,
    /// When the server produced the data (`Nov 2, 2018 11:31:42 AM`).
    #[serde(default, deserialize_with = "opt_string")]
    pub date_received: Option<String>,
    /// Any other key, in order.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An element without a `queue`: the end of the summary list.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryMarker {
    /// The telephony server's action id.
    #[serde(default, deserialize_with = "opt_string")]
    pub internal_action_id: Option<String>,
    /// When the server produced the data.
    #[serde(default, deserialize_with = "opt_string")]
    pub date_received: Option<String>,
    /// Any other key, in order.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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
        let bad = |reason: String| Error::BadResponse { endpoint: Self::NAME, reason };
        let Value::Array(items) = json_body(Self::NAME, resp)? else {
            return Err(bad("expected a JSON array".into()));
        };
        let mut report = QueueSummaryReport::default();
        for (i, item) in items.into_iter().enumerate() {
            let is_queue = match &item {
                Value::Object(map) => map.contains_key("queue"),
                _ => return Err(bad(format!("element {} is not an object", i + 1))),
            };
            let shape_error = |e: serde_json::Error| bad(format!("element {}: {e}", i + 1));
            if is_queue {
                report.queues.push(serde_json::from_value(item).map_err(shape_error)?);
            } else {
                report.markers.push(serde_json::from_value(item).map_err(shape_error)?);
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(r.queues[0].extra.get("newKey"), Some(&serde_json::json!([1])));
        assert_eq!(QueueSummary.parse(&Response::new(200, "[]")).unwrap(), QueueSummaryReport::default());
        assert_eq!(QueueSummary.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "queuesummary" }));
        for bad in ["", "{}", "[1]", "[{\"queue\":\"q\",\"callers\":{}}]", "[{\"queue\":[]}]", "[{"] {
            assert_eq!(QueueSummary.parse(&Response::new(200, bad)).unwrap_err().code(), "BAD_RESPONSE", "{bad}");
        }
        assert_common_errors(&QueueSummary, "queuesummary");
    }
}
