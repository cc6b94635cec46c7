//! `Cdr/getrecords`: call records (CDRs) with recordings, a page at a time, and [`CdrPager`],
//! a pure state machine that walks the pages.
//!
//! Form fields, in order: `lastrow` (offset of the page: `0` gives records 1–50 when
//! `searchLimit` is 50, `50` gives 51–100), `searchLimit` (page size), `filter` (a JSON text,
//! see [`CdrFilter`]) and `Random` = `1`.
//!
//! About `Random`: the vendor page lists `Random: 1 (Siempre 1)` among the endpoint's
//! parameters, next to `lastrow`, `searchLimit` and `filter`, and *not* inside the filter
//! object, which is shown separately and ends with `cont`. So it is sent as a form field, always
//! `1`. An extra form field is harmless to a server that ignores it; a missing one is not.

use crate::cat;
use crate::error::RestError;
use crate::error::{Error, Result};
use crate::json::{Map, Value};
use crate::text::num;
use crate::validate;

use super::checks::datetime_range;
use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::{json_body, quote};
use super::recordings::{ProbePlan, RecordingHosts};
use super::request::Response;

/// The search filter. Dates are required; every other criterion may be empty (no filter).
///
/// Sent as JSON with the keys, in order: `calldatei`, `calldatef`, `agent`, `campaign`,
/// `source`, `destination`, `data`, `range`, `rating`, `mindur`, `exclude`, `type` (always
/// `"record"`), `cont`.
///
/// Read from an object with those keys (all optional, unknown keys refused), as JavaScript
/// callers pass it, by [`CdrFilter::from_value`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CdrFilter {
    /// Start, `YYYY-MM-DD HH:MM:SS`.
    pub calldatei: String,
    /// End, `YYYY-MM-DD HH:MM:SS`, not before the start.
    pub calldatef: String,
    /// Agent.
    pub agent: String,
    /// Campaign.
    pub campaign: String,
    /// Origin number.
    pub source: String,
    /// Destination number.
    pub destination: String,
    /// Call tag data.
    pub data: String,
    /// Range of hours.
    pub range: String,
    /// Rating.
    pub rating: String,
    /// Minimum duration.
    pub mindur: String,
    /// Number to exclude.
    pub exclude: String,
    /// How many times the number appears in the range.
    pub cont: String,
}

impl CdrFilter {
    /// A filter for every recorded call between two date-times (`YYYY-MM-DD HH:MM:SS`).
    pub fn between(from: impl Into<String>, to: impl Into<String>) -> Self {
        Self { calldatei: from.into(), calldatef: to.into(), ..Self::default() }
    }

    /// Checks the dates and the text criteria.
    pub fn validate(&self) -> Result<()> {
        datetime_range("calldatei", &self.calldatei, "calldatef", &self.calldatef)?;
        for (field, value) in [
            ("agent", &self.agent),
            ("campaign", &self.campaign),
            ("source", &self.source),
            ("destination", &self.destination),
            ("data", &self.data),
            ("range", &self.range),
            ("rating", &self.rating),
            ("mindur", &self.mindur),
            ("exclude", &self.exclude),
            ("cont", &self.cont),
        ] {
            validate::optional_text(field, value)?;
        }
        Ok(())
    }

    /// The filter object as sent: the criteria in the documented order, `type` (always
    /// `"record"`) before `cont`.
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(13);
        for (key, value) in [
            ("calldatei", &self.calldatei),
            ("calldatef", &self.calldatef),
            ("agent", &self.agent),
            ("campaign", &self.campaign),
            ("source", &self.source),
            ("destination", &self.destination),
            ("data", &self.data),
            ("range", &self.range),
            ("rating", &self.rating),
            ("mindur", &self.mindur),
            ("exclude", &self.exclude),
        ] {
            m.push_new(key, value.as_str());
        }
        m.push_new("type", "record");
        m.push_new("cont", self.cont.as_str());
        Value::Object(m)
    }

    /// The filter's JSON text, as sent in the `filter` form field. Never fails; the `Result`
    /// is kept for callers written when building it could fail.
    pub fn to_json(&self) -> Result<String> {
        Ok(self.to_value().to_json())
    }

    /// Reads a filter the way JavaScript callers pass it: an object whose keys are all
    /// optional (an absent key is empty) and whose values are strings. Anything else is an
    /// [`Error::InvalidArgument`] for the field `filter`: a value that is not an object, an
    /// unknown key (`type` included: it is not the caller's to set), a value that is not a
    /// string (`null` included), an array (no longer read positionally). The reasons are
    /// worded as they always were, values quoted as JSON.
    pub fn from_value(value: &Value) -> Result<Self> {
        const EXPECTED: &str = "`calldatei`, `calldatef`, `agent`, `campaign`, `source`, `destination`, `data`, \
                                `range`, `rating`, `mindur`, `exclude`, `cont`";
        let Value::Object(map) = value else {
            return Err(Error::invalid(
                "filter",
                cat!["invalid type: ", unexpected(value), ", expected struct CdrFilter"],
            ));
        };
        let mut filter = CdrFilter::default();
        for (key, v) in map {
            let slot = match key.as_str() {
                "calldatei" => &mut filter.calldatei,
                "calldatef" => &mut filter.calldatef,
                "agent" => &mut filter.agent,
                "campaign" => &mut filter.campaign,
                "source" => &mut filter.source,
                "destination" => &mut filter.destination,
                "data" => &mut filter.data,
                "range" => &mut filter.range,
                "rating" => &mut filter.rating,
                "mindur" => &mut filter.mindur,
                "exclude" => &mut filter.exclude,
                "cont" => &mut filter.cont,
                _ => {
                    return Err(Error::invalid("filter", cat!["unknown field `", key, "`, expected one of ", EXPECTED]))
                }
            };
            match v {
                Value::String(s) => slot.clone_from(s),
                other => {
                    return Err(Error::invalid(
                        "filter",
                        cat!["invalid type: ", unexpected(other), ", expected a string"],
                    ))
                }
            }
        }
        Ok(filter)
    }
}

/// How a reason names a value of the wrong type (`integer `5``, `map`, …), numbers as
/// their JSON text and strings quoted as JSON.
fn unexpected(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => cat!["boolean `", if *b { "true" } else { "false" }, "`"],
        Value::Number(n) if n.as_i64().is_some() || n.as_u64().is_some() => cat!["integer `", n.as_str(), "`"],
        Value::Number(n) => cat!["floating point `", n.as_str(), "`"],
        Value::String(s) => cat!["string ", quote(s)],
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// `POST Cdr/getrecords` → one page of [`CdrRecord`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetRecords {
    /// What to search for.
    pub filter: CdrFilter,
    /// Offset of the first record of the page (`lastrow`).
    pub lastrow: u64,
    /// Page size (`searchLimit`), at least 1.
    pub search_limit: u32,
}

impl Endpoint for GetRecords {
    type Output = Vec<CdrRecord>;
    const PATH: &'static str = "Cdr/getrecords";
    const NAME: &'static str = "getrecords";
    const IDEMPOTENT: bool = true;

    fn validate(&self) -> Result<()> {
        if self.search_limit == 0 {
            return Err(Error::invalid("searchLimit", "must be at least 1"));
        }
        self.filter.validate()
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("lastrow", num(self.lastrow))
            .push("searchLimit", num(u64::from(self.search_limit)))
            .push("filter", self.filter.to_json()?)
            .push("Random", "1");
        Ok(())
    }

    /// A JSON array of objects; `0` is [`Error::Refused`].
    fn parse(&self, resp: &Response) -> Result<Vec<CdrRecord>> {
        let bad = |reason: &str| Error::Rest(RestError::BadResponse { endpoint: Self::NAME, reason: reason.into() });
        let Value::Array(items) = json_body(Self::NAME, resp)? else {
            return Err(bad("expected a JSON array of records"));
        };
        items
            .into_iter()
            .map(|item| match item {
                Value::Object(map) => Ok(CdrRecord::from_map(map)),
                _ => Err(bad("a record is not a JSON object")),
            })
            .collect()
    }
}

/// One call record. The vendor documents only two of its keys, the call's GUID and its
/// `calldate` (which names the recording's folder); every other key is kept, in order, in
/// [`CdrRecord::extra`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CdrRecord {
    /// The call's GUID (key `guid`, any case), when present as a string.
    pub guid: Option<String>,
    /// The call's date-time (key `calldate`, any case), when present as a string.
    pub calldate: Option<String>,
    /// All other keys, in the server's order.
    pub extra: Map,
}

impl CdrRecord {
    /// Splits a record object into the known keys and the rest.
    pub fn from_map(map: Map) -> Self {
        let mut record = CdrRecord::default();
        for (key, value) in map {
            match value {
                Value::String(s) if record.guid.is_none() && key.eq_ignore_ascii_case("guid") => record.guid = Some(s),
                Value::String(s) if record.calldate.is_none() && key.eq_ignore_ascii_case("calldate") => {
                    record.calldate = Some(s)
                }
                other => {
                    record.extra.push_new(key, other);
                }
            }
        }
        record
    }

    /// The record as one JSON object: `guid` and `calldate` first (when present), then every
    /// other key in the server's order (what the browser edge hands to JavaScript).
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(self.extra.len() + 2);
        if let Some(g) = &self.guid {
            m.push_new("guid", g.as_str());
        }
        if let Some(d) = &self.calldate {
            m.push_new("calldate", d.as_str());
        }
        m.extend(self.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        Value::Object(m)
    }

    /// Another key's value.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.extra.get(key)
    }

    /// The plan to find this call's recording on `hosts` (see [`ProbePlan`]). Fails with
    /// [`Error::InvalidArgument`] when the record has no usable `guid` or `calldate`.
    pub fn recording_plan(&self, hosts: &RecordingHosts) -> Result<ProbePlan> {
        let guid = self.guid.as_deref().ok_or_else(|| Error::invalid("guid", "the record has none"))?;
        let calldate = self.calldate.as_deref().ok_or_else(|| Error::invalid("calldate", "the record has none"))?;
        ProbePlan::new(guid, calldate, hosts)
    }
}

/// Walks `Cdr/getrecords` page by page without doing any I/O.
///
/// ```
/// # use ucontact_bridge::rest::{CdrFilter, CdrPager, CdrRecord};
/// let mut pager = CdrPager::new(CdrFilter::between("2016-01-01 00:00:00", "2016-01-31 23:59:59"), 50).unwrap();
/// while let Some(endpoint) = pager.next_request() {
///     // build(&endpoint, Some(&token)), send it, endpoint.parse(&response)…
///     let page: Vec<CdrRecord> = Vec::new();
///     pager.accept(&page);
/// }
/// assert!(pager.is_done());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CdrPager {
    filter: CdrFilter,
    page_size: u32,
    lastrow: u64,
    done: bool,
}

impl CdrPager {
    /// A pager starting at the first record. Validates the filter and the page size now, so
    /// every request it yields builds.
    pub fn new(filter: CdrFilter, page_size: u32) -> Result<Self> {
        let pager = Self { filter, page_size, lastrow: 0, done: false };
        GetRecords { filter: pager.filter.clone(), lastrow: 0, search_limit: page_size }.validate()?;
        Ok(pager)
    }

    /// The next page's endpoint value, or `None` once done.
    pub fn next_request(&self) -> Option<GetRecords> {
        (!self.done).then(|| GetRecords {
            filter: self.filter.clone(),
            lastrow: self.lastrow,
            search_limit: self.page_size,
        })
    }

    /// Records a received page: advances `lastrow` by its length; a page shorter than the page
    /// size (an empty one included) is the last.
    pub fn accept<T>(&mut self, page: &[T]) {
        let len = page.len();
        self.lastrow = self.lastrow.saturating_add(len as u64);
        if len < self.page_size as usize {
            self.done = true;
        }
    }

    /// `true` once a short page was accepted.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Records received so far (the next page's `lastrow`).
    pub fn lastrow(&self) -> u64 {
        self.lastrow
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    fn filter() -> CdrFilter {
        CdrFilter { campaign: "campana->".into(), ..CdrFilter::between("2015-12-03 00:00:00", "2016-02-24 23:59:59") }
    }

    #[test]
    fn request() {
        let ep = GetRecords { filter: filter(), lastrow: 50, search_limit: 50 };
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!(req.path(), "Cdr/getrecords");
        assert!(req.idempotent());
        assert_eq!(req.form().names(), ["lastrow", "searchLimit", "filter", "Random"]);
        assert_eq!(req.form().get("lastrow"), Some("50"));
        assert_eq!(req.form().get("Random"), Some("1"));
        assert_eq!(
            req.form().get("filter").unwrap(),
            r#"{"calldatei":"2015-12-03 00:00:00","calldatef":"2016-02-24 23:59:59","agent":"","campaign":"campana->","source":"","destination":"","data":"","range":"","rating":"","mindur":"","exclude":"","type":"record","cont":""}"#
        );
        assert!(req
            .body()
            .starts_with("lastrow=50&searchLimit=50&filter=%7B%22calldatei%22%3A%222015-12-03+00%3A00%3A00%22"));
        assert!(req.body().contains("campana-%3E"));
        assert!(req.body().ends_with("%22cont%22%3A%22%22%7D&Random=1"));
    }

    #[test]
    fn validation() {
        let cases = [
            ("searchLimit", GetRecords { filter: filter(), lastrow: 0, search_limit: 0 }),
            (
                "calldatei",
                GetRecords {
                    filter: CdrFilter { calldatei: "2016-01-01".into(), ..filter() },
                    lastrow: 0,
                    search_limit: 5,
                },
            ),
            (
                "calldatef",
                GetRecords {
                    filter: CdrFilter { calldatef: "2015-01-01 00:00:00".into(), ..filter() },
                    lastrow: 0,
                    search_limit: 5,
                },
            ),
            ("agent", GetRecords { filter: CdrFilter { agent: "\n".into(), ..filter() }, lastrow: 0, search_limit: 5 }),
        ];
        for (field, ep) in cases {
            assert!(
                matches!(build(&ep, Some(&token())), Err(Error::InvalidArgument { field: f, .. }) if f == field),
                "{field}"
            );
        }
    }

    #[test]
    fn responses() {
        let ep = GetRecords { filter: filter(), lastrow: 0, search_limit: 50 };
        let body = r#"[{"calldate":"2016-01-18 10:00:00","guid":"7e4e7db9-f080-494e-b04b-7c8e47711558","agent":"ana","duration":12},
                       {"Guid":"x","extra":null},{"guid":5}]"#;
        let recs = ep.parse(&Response::new(200, body)).unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].guid.as_deref(), Some("7e4e7db9-f080-494e-b04b-7c8e47711558"));
        assert_eq!(recs[0].calldate.as_deref(), Some("2016-01-18 10:00:00"));
        assert_eq!(recs[0].extra.keys().collect::<Vec<_>>(), ["agent", "duration"]);
        assert_eq!(recs[0].get("duration"), Some(&json!(12)));
        assert_eq!(recs[1].guid.as_deref(), Some("x"));
        assert_eq!(recs[2].guid, None);
        assert_eq!(recs[2].get("guid"), Some(&json!(5)));
        let hosts = RecordingHosts::new("pbx", "bk");
        let plan = recs[0].recording_plan(&hosts).unwrap();
        assert_eq!(plan.candidates()[1].url, "https://pbx/records/20160118/7e4e7db9-f080-494e-b04b-7c8e47711558.mp3");
        assert!(matches!(recs[2].recording_plan(&hosts), Err(Error::InvalidArgument { field: "guid", .. })));
        assert!(matches!(recs[1].recording_plan(&hosts), Err(Error::InvalidArgument { field: "calldate", .. })));
        assert_eq!(ep.parse(&Response::new(200, "[]")).unwrap(), []);
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "getrecords" }));
        for bad in ["", "{}", "[1]", "[{}", "null"] {
            assert_eq!(ep.parse(&Response::new(200, bad)).unwrap_err().code(), "BAD_RESPONSE", "{bad}");
        }
        assert_common_errors(&ep, "getrecords");
    }

    #[test]
    fn filter_json_escapes_like_serde_json() {
        // What serde_json::to_string wrote for the same filter, before the move to crate::json.
        let f = CdrFilter { agent: "a\"b\\c/d\u{1}\u{7f}é😀\u{2028}".into(), ..CdrFilter::between("x", "y") };
        let want = concat!(
            r#"{"calldatei":"x","calldatef":"y","agent":"a\"b\\c/d\u0001"#,
            "\u{7f}é😀\u{2028}",
            r#"","campaign":"","source":"","destination":"","data":"","range":"","rating":"","mindur":"","exclude":"","type":"record","cont":""}"#
        );
        assert_eq!(f.to_json().unwrap(), want);
        assert_eq!(f.to_value().to_json(), want);
    }

    #[test]
    fn filter_from_value() {
        let f = CdrFilter::from_value(&json!({"campaign": "x", "calldatei": "2016-01-01 00:00:00"})).unwrap();
        assert_eq!(
            f,
            CdrFilter { campaign: "x".into(), calldatei: "2016-01-01 00:00:00".into(), ..CdrFilter::default() }
        );
        assert_eq!(CdrFilter::from_value(&json!({})).unwrap(), CdrFilter::default());
        let full = CdrFilter {
            calldatei: "1".into(),
            calldatef: "2".into(),
            agent: "3".into(),
            campaign: "4".into(),
            source: "5".into(),
            destination: "6".into(),
            data: "7".into(),
            range: "8".into(),
            rating: "9".into(),
            mindur: "10".into(),
            exclude: "11".into(),
            cont: "12".into(),
        };
        let mut back = full.to_value();
        back.as_object_mut().unwrap().remove("type");
        assert_eq!(CdrFilter::from_value(&back).unwrap(), full);

        // The reasons serde_json gave for the same values, before the move to crate::json.
        let expected = "expected one of `calldatei`, `calldatef`, `agent`, `campaign`, `source`, `destination`, \
                        `data`, `range`, `rating`, `mindur`, `exclude`, `cont`";
        for (v, reason) in [
            (json!("s"), r#"invalid type: string "s", expected struct CdrFilter"#.to_owned()),
            (json!(5), "invalid type: integer `5`, expected struct CdrFilter".to_owned()),
            (json!(2.5), "invalid type: floating point `2.5`, expected struct CdrFilter".to_owned()),
            (json!(null), "invalid type: null, expected struct CdrFilter".to_owned()),
            (json!({"agent": 5}), "invalid type: integer `5`, expected a string".to_owned()),
            (json!({"agent": -5}), "invalid type: integer `-5`, expected a string".to_owned()),
            (json!({"agent": 2.5}), "invalid type: floating point `2.5`, expected a string".to_owned()),
            (json!({"agent": null}), "invalid type: null, expected a string".to_owned()),
            (json!({"agent": true}), "invalid type: boolean `true`, expected a string".to_owned()),
            (json!({"agent": []}), "invalid type: sequence, expected a string".to_owned()),
            (json!({"agent": {}}), "invalid type: map, expected a string".to_owned()),
            (json!({"zz": 1}), crate::cat!["unknown field `zz`, ", expected]),
            (json!({"agent": "x", "agent2": 1}), crate::cat!["unknown field `agent2`, ", expected]),
            (json!({"type": "record"}), crate::cat!["unknown field `type`, ", expected]),
            // serde also read an array positionally; a filter is an object now.
            (json!(["a", "b"]), "invalid type: sequence, expected struct CdrFilter".to_owned()),
        ] {
            assert_eq!(
                CdrFilter::from_value(&v),
                Err(Error::InvalidArgument { field: "filter", reason: reason.into() }),
                "{v}"
            );
        }
    }

    #[test]
    fn records_to_value() {
        // What the browser edge's `record_value` built with serde_json maps: `guid` and
        // `calldate` first, then the other keys, a repeated key replacing in place.
        let ep = GetRecords { filter: filter(), lastrow: 0, search_limit: 50 };
        let body = r#"[{"calldate":"2016-01-18 10:00:00","agent":"ana","guid":"g","duration":12,"x":[null,{"a":true}]},
                       {"Guid":"x","guid":"y"},{"guid":5,"CALLDATE":"d"},{}]"#;
        let texts: Vec<String> =
            ep.parse(&Response::new(200, body)).unwrap().iter().map(|r| r.to_value().to_json()).collect();
        assert_eq!(
            texts,
            [
                r#"{"guid":"g","calldate":"2016-01-18 10:00:00","agent":"ana","duration":12,"x":[null,{"a":true}]}"#,
                r#"{"guid":"y"}"#,
                r#"{"calldate":"d","guid":5}"#,
                "{}",
            ]
        );
    }

    #[test]
    fn pager_walks_pages() {
        assert!(CdrPager::new(filter(), 0).is_err());
        assert!(CdrPager::new(CdrFilter::default(), 10).is_err());
        let mut p = CdrPager::new(filter(), 2).unwrap();
        let mut offsets = Vec::new();
        let pages = [vec![1, 2], vec![3, 4], vec![5]];
        let mut it = pages.iter();
        while let Some(ep) = p.next_request() {
            offsets.push(ep.lastrow);
            assert_eq!(ep.search_limit, 2);
            assert!(build(&ep, Some(&token())).is_ok());
            p.accept(it.next().unwrap());
        }
        assert_eq!(offsets, [0, 2, 4]);
        assert_eq!(p.lastrow(), 5);
        assert!(p.is_done());

        let mut exact = CdrPager::new(filter(), 2).unwrap();
        exact.accept(&[1, 2]);
        assert!(!exact.is_done());
        exact.accept::<u8>(&[]);
        assert!(exact.is_done() && exact.next_request().is_none());
    }
}
