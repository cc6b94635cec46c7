//! `Cdr/getrecords`: one page of call records matching a filter.
//!
//! Fields: `lastrow` (offset, digits), `searchLimit` (page size 1–1000), `filter` (JSON), and
//! optionally `Random`, which the vendor page lists as "always 1" and must then be `1`.
//! `filter` must hold exactly the 13 documented keys, all strings: `calldatei` and `calldatef`
//! (`YYYY-MM-DD HH:MM:SS`, inclusive, start not after end), `agent`, `campaign` (exact match
//! when not empty), `source`, `destination`, `data` (substring match when not empty), `range`
//! (`""` or `HH-HH`: call hour from the first, inclusive, to the second, exclusive), `rating`
//! (`""` or digits: exact), `mindur` (`""` or seconds: minimum duration), `exclude` (`""` or a
//! number whose calls, as source or destination, are left out), `type` (always `record`) and
//! `cont` (`""` or a count: only numbers called at least that many times within the result).
//! The public docs do not show the record shape nor the order; the emulator answers a JSON
//! array of `{guid, calldate, agent, campaign, source, destination, duration, data, rating}`,
//! newest first (then by GUID), `[]` past the end.

use std::collections::HashMap;

use serde_json::Value;

use crate::clock::DateTime;
use crate::form::Form;
use crate::jsonfield::{self, Kind};
use crate::pipeline::{Ctx, Outcome, Reply};
use crate::records::Cdr;

const FILTER: &[(&str, Kind)] = &[
    ("calldatei", Kind::Stamp),
    ("calldatef", Kind::Stamp),
    ("agent", Kind::Text),
    ("campaign", Kind::Text),
    ("source", Kind::Text),
    ("destination", Kind::Text),
    ("data", Kind::Text),
    ("range", Kind::Text),
    ("rating", Kind::Text),
    ("mindur", Kind::Text),
    ("exclude", Kind::Text),
    ("type", Kind::Text),
    ("cont", Kind::Text),
];

fn optional_number(key: &str, text: &str) -> Result<Option<u64>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    if text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`filter`: key `{key}` must be empty or digits, got `{text}`"));
    }
    text.parse().map(Some).map_err(|_| format!("`filter`: key `{key}` is out of range"))
}

fn hour_range(text: &str) -> Result<Option<(u8, u8)>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let parsed = text.split_once('-').and_then(|(a, b)| {
        let two =
            |s: &str| (s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit())).then(|| s.parse::<u8>().ok()).flatten();
        Some((two(a)?, two(b)?))
    });
    match parsed {
        Some((from, to)) if from < to && to <= 24 => Ok(Some((from, to))),
        _ => Err(format!(
            "`filter`: key `range` must be empty or `HH-HH` with the first hour before the second, got `{text}`"
        )),
    }
}

pub(crate) fn get_records(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let lastrow = form.number("lastrow")?;
    let limit = form.number("searchLimit")?;
    if !(1..=1000).contains(&limit) {
        return Err("`searchLimit` must be between 1 and 1000".to_owned());
    }
    if let Some(random) = form.get("Random") {
        if random != "1" {
            return Err("`Random` must be `1`".to_owned());
        }
    }
    let filter = jsonfield::parse("filter", form.required("filter")?, FILTER)?;
    let from = DateTime::parse(&filter.text("calldatei")).ok_or("`filter`: bad `calldatei`")?;
    let to = DateTime::parse(&filter.text("calldatef")).ok_or("`filter`: bad `calldatef`")?;
    if from > to {
        return Err("`filter`: `calldatei` is after `calldatef`".to_owned());
    }
    if filter.text("type") != "record" {
        return Err("`filter`: key `type` must be `record`".to_owned());
    }
    let range = hour_range(&filter.text("range"))?;
    let rating = optional_number("rating", &filter.text("rating"))?;
    let mindur = optional_number("mindur", &filter.text("mindur"))?;
    let cont = optional_number("cont", &filter.text("cont"))?;
    let (agent, campaign) = (filter.text("agent"), filter.text("campaign"));
    let (source, destination, data, exclude) =
        (filter.text("source"), filter.text("destination"), filter.text("data"), filter.text("exclude"));

    let mut hits: Vec<(DateTime, &Cdr)> = ctx
        .st
        .cdrs
        .iter()
        .filter_map(|c| DateTime::parse(&c.calldate).map(|d| (d, c)))
        .filter(|(d, c)| {
            *d >= from
                && *d <= to
                && (agent.is_empty() || c.agent == agent)
                && (campaign.is_empty() || c.campaign == campaign)
                && (source.is_empty() || c.source.contains(source.as_str()))
                && (destination.is_empty() || c.destination.contains(destination.as_str()))
                && (data.is_empty() || c.data.contains(data.as_str()))
                && rating.is_none_or(|r| c.rating == r.to_string())
                && mindur.is_none_or(|m| u64::from(c.duration) >= m)
                && (exclude.is_empty() || (c.source != exclude && c.destination != exclude))
                && range.is_none_or(|(a, b)| d.hour >= a && d.hour < b)
        })
        .collect();
    if let Some(min) = cont {
        let mut seen: HashMap<&str, u64> = HashMap::new();
        for (_, c) in &hits {
            *seen.entry(c.destination.as_str()).or_insert(0) += 1;
        }
        hits.retain(|(_, c)| seen.get(c.destination.as_str()).copied().unwrap_or(0) >= min);
    }
    hits.sort_by(|(da, a), (db, b)| db.cmp(da).then_with(|| a.guid.cmp(&b.guid)));
    let page: Vec<Value> = hits
        .into_iter()
        .skip(usize::try_from(lastrow).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(1000))
        .filter_map(|(_, c)| serde_json::to_value(c).ok())
        .collect();
    Ok(Reply::Json(Value::Array(page)))
}
