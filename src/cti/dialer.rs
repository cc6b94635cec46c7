//! The dialer row a CTI record carries for dialer (outbound campaign) calls.
//!
//! uContact does not publish the key names it uses for the row inside the CTI record, only the
//! Respool object it turns into. So the row is read under the documented Respool names
//! ([`DIALER_KEYS`]), ignoring ASCII case, from one of two layouts:
//!
//! 1. **Nested**: a key `dialer` (any case) holding an object, or a string of JSON holding an
//!    object. If that object has no `campaign`, the interaction's `Campaign` is the row's campaign.
//!    Unknown keys inside the row are kept in [`Dialer::extra`].
//! 2. **Flat**: otherwise the names are read at the top level of the record. The record is a
//!    dialer call when at least one name that only a dialer row has is present ([`MARKER_KEYS`]);
//!    `campaign`, `status`, `data` and `priority` are too generic to decide it alone. In this
//!    layout the interaction's `Campaign` *is* the row's campaign.
//!
//! A `dialer` key that is `null` or an empty string means "no nested row".
//!
//! Once a row is found it must be complete enough to respool safely: `campaign` (a string),
//! `destination`, and the values uContact says never to change, `dialerbase`, `status` and
//! `contact` (a string or a number each, kept exactly), plus `priority`. Missing `data`,
//! `alternatives` and `agentphone` mean empty; missing `retries` means 0. Numbers may arrive as
//! JSON numbers or numeric strings. A row that is present but incomplete or malformed is an
//! error for the whole record: nothing partial is returned.

use alloc::borrow::Cow;
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use crate::cat;
use crate::json::{self, Map, Value};

use super::data::DataParams;
use super::fields::{self, bad};
use crate::error::Result;

/// The documented Respool names, in the documented order.
pub const DIALER_KEYS: [&str; 10] = [
    "campaign",
    "destination",
    "dialerbase",
    "status",
    "data",
    "alternatives",
    "contact",
    "retries",
    "priority",
    "agentphone",
];

/// Names whose presence at the top level marks a flat dialer row.
pub const MARKER_KEYS: [&str; 6] = ["destination", "dialerbase", "contact", "alternatives", "retries", "agentphone"];

/// The key that holds a nested dialer row.
pub const NESTED_KEY: &str = "dialer";

/// The dialer row of a CTI record. Read-only: build a [`super::Respool`] to change it.
#[derive(Clone, Debug, PartialEq)]
pub struct Dialer {
    pub(crate) campaign: String,
    pub(crate) destination: String,
    pub(crate) dialerbase: Value,
    pub(crate) status: Value,
    pub(crate) data: DataParams,
    pub(crate) alternatives: Vec<String>,
    pub(crate) contact: Value,
    pub(crate) retries: u32,
    pub(crate) priority: u32,
    pub(crate) agentphone: String,
    pub(crate) extra: Map,
}

/// Which layout the row was found in, so the record knows which top-level keys it consumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    Nested,
    Flat,
}

/// Finds and reads the dialer row of `record`, if it has one.
pub(crate) fn locate(record: &Map) -> Result<Option<(Dialer, Layout)>> {
    if let Some((key, value)) = fields::present(record, NESTED_KEY)? {
        let row: Cow<'_, Map> = match value {
            Value::Object(m) => Cow::Borrowed(m),
            Value::String(s) if s.trim().is_empty() => return locate_flat(record),
            Value::String(s) => match json::parse(s) {
                Ok(Value::Object(m)) => Cow::Owned(m),
                _ => return Err(bad(cat!["`", key, "` is not a JSON object"])),
            },
            _ => return Err(bad(cat!["`", key, "` is not a JSON object"])),
        };
        let fallback = fields::present(record, "campaign")?.map(|(_, v)| v);
        return Dialer::from_row(&row, fallback, Layout::Nested).map(|d| Some((d, Layout::Nested)));
    }
    locate_flat(record)
}

fn locate_flat(record: &Map) -> Result<Option<(Dialer, Layout)>> {
    for marker in MARKER_KEYS {
        if fields::present(record, marker)?.is_some() {
            return Dialer::from_row(record, None, Layout::Flat).map(|d| Some((d, Layout::Flat)));
        }
    }
    Ok(None)
}

/// Reads `alternatives`: a `:`-separated string (each number trimmed, empty ones dropped), a
/// single JSON number, or a JSON array of strings/numbers.
fn alternatives<'a>(row: &'a Map) -> Result<Vec<&'a str>> {
    let Some((key, value)) = fields::present(row, "alternatives")? else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    let mut push = |text: &'a str| -> Result<()> {
        let text = text.trim();
        fields::number_text(key, text)?;
        if !text.is_empty() {
            out.push(text);
        }
        Ok(())
    };
    match value {
        Value::String(s) => crate::text::split_byte(s, b':').try_for_each(&mut push)?,
        Value::Number(n) => push(n.as_str())?,
        Value::Array(items) => {
            for item in items {
                push(fields::text(key, item)?)?;
            }
        }
        _ => return Err(bad(cat!["`", key, "` is not a list of numbers"])),
    }
    Ok(out)
}

impl Dialer {
    /// A row given on its own (not inside a CTI record), e.g. a Respool object.
    pub(crate) fn from_flat_row(row: &Map) -> Result<Self> {
        Self::from_row(row, None, Layout::Flat)
    }

    fn from_row(row: &Map, fallback_campaign: Option<&Value>, layout: Layout) -> Result<Self> {
        // Checks first, on borrowed values, in the order the errors are reported; the owned row
        // is made once nothing can fail (an error path then has nothing to drop).
        let campaign = match fields::present(row, "campaign")?.map(|(_, v)| v).or(fallback_campaign) {
            Some(Value::String(s)) => s,
            Some(_) => return Err(bad("the dialer campaign is not a string")),
            None => return Err(bad("the dialer row has no `campaign`")),
        };
        let destination = match fields::present(row, "destination")? {
            Some((key, v)) => {
                let d = fields::text(key, v)?.trim();
                fields::number_text(key, d)?;
                if d.is_empty() {
                    return Err(bad(cat!["`", key, "` is empty"]));
                }
                d
            }
            None => return Err(bad("the dialer row has no `destination`")),
        };
        let data = match fields::present(row, "data")? {
            Some((_, Value::String(s))) => s.as_str(),
            Some((key, _)) => return Err(bad(cat!["`", key, "` is not a `k=v:k=v` string"])),
            None => "",
        };
        let retries = fields::present(row, "retries")?.map(|(k, v)| fields::count(k, v)).transpose()?.unwrap_or(0);
        let priority = match fields::present(row, "priority")? {
            Some((k, v)) => fields::count(k, v)?,
            None => return Err(bad("the dialer row has no `priority`")),
        };
        let dialerbase = fields::scalar(row, "dialerbase")?;
        let status = fields::scalar(row, "status")?;
        let alternatives = alternatives(row)?;
        let contact = fields::scalar(row, "contact")?;
        let agentphone = fields::opt_text(row, "agentphone")?;
        let extra = match layout {
            Layout::Nested => row
                .iter()
                .filter(|(k, _)| !DIALER_KEYS.iter().any(|name| k.eq_ignore_ascii_case(name)))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            Layout::Flat => Map::new(),
        };
        Ok(Self {
            campaign: campaign.clone(),
            destination: destination.to_owned(),
            dialerbase: dialerbase.clone(),
            status: status.clone(),
            data: DataParams::parse(data),
            alternatives: alternatives.into_iter().map(str::to_owned).collect(),
            contact: contact.clone(),
            retries,
            priority,
            agentphone: agentphone.unwrap_or_default().to_owned(),
            extra,
        })
    }

    /// The dialer campaign (never to be changed).
    pub fn campaign(&self) -> &str {
        &self.campaign
    }
    /// The main number being dialled.
    pub fn destination(&self) -> &str {
        &self.destination
    }
    /// The dialer list name, exactly as received (never to be changed).
    pub fn dialerbase(&self) -> &Value {
        &self.dialerbase
    }
    /// The row status, exactly as received (documented as always 1; never to be changed).
    pub fn status(&self) -> &Value {
        &self.status
    }
    /// The workflow/form parameters of the row.
    pub fn data(&self) -> &DataParams {
        &self.data
    }
    /// The alternative numbers, in order.
    pub fn alternatives(&self) -> &[String] {
        &self.alternatives
    }
    /// The contact id, exactly as received (number or string; never to be changed).
    pub fn contact(&self) -> &Value {
        &self.contact
    }
    /// How many times the main number has been tried.
    pub fn retries(&self) -> u32 {
        self.retries
    }
    /// The row priority.
    pub fn priority(&self) -> u32 {
        self.priority
    }
    /// The agent phone for progressive dialers (empty when none).
    pub fn agentphone(&self) -> &str {
        &self.agentphone
    }
    /// Unknown keys of a nested row, in their original order (always empty for a flat row, whose
    /// unknown keys belong to the record).
    pub fn extra(&self) -> &Map {
        &self.extra
    }
}
