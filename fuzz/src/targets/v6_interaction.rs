//! The v6 Inbox interaction and the Events API: `v6::forms::normalize` and `v6::events::read`,
//! over mutated interactions (the vendor's per-channel examples), Events API messages, and any
//! text (what is not JSON goes in as a JSON string).
//!
//! Every input is checked as it is, wrapped in a shape that reaches the deep branches (as
//! `data`, as `data` serialized one to three times, as a `CAMPAIGN`/`CONTACT` serialized one to
//! four times, as `lastMessage`/`messages`, as `extraInfo.customFields`, as the common fields),
//! and as the `data` of an Events API message.
//!
//! Checks, against an independent reading of the module docs:
//! 1. `normalize` is `Ok` exactly for a JSON object, else `BAD_MESSAGE`; nothing panics.
//! 2. The output is an object with exactly the documented keys, in order (`guid, channel,
//!    campaign, clientId, clientName, startDate, answerDate, form, holdTime, data, dialer,
//!    lastMessage, messages, extraInfo, raw`); `raw` is the input; the text fields are the
//!    trimmed string or the number's text, else `null`; `clientId` is that of `clientId` when
//!    the key is there, else of `clientid`; `channel` is lower case; `holdTime` is `null` or a
//!    number: the input's number, or a string holding exactly one JSON number (trimmed).
//! 3. `data` is an object with exactly the keys of the input's `data` object (or of the object
//!    its JSON string holds, decoded at most three times), in order; scalars stay, strings other
//!    than `CAMPAIGN`/`CONTACT` stay but for `"true"`/`"false"`, objects and arrays keep their
//!    shape; no `"true"`/`"false"` string (any case, trimmed) is left anywhere in it, nor in
//!    `extraInfo.customFields`.
//! 4. `dialer` is `null` exactly when `data` has none of the dialer columns nor `CONTACT`;
//!    otherwise its eight keys, the columns as text, `contact` the decoded `CONTACT` object.
//!    `lastMessage`, `messages`, `extraInfo` are `null` unless the input has an object, an array
//!    and an object there; then a message keeps its keys (plus `text` and `attachments`),
//!    `attachments` is an array, `isAudio`/`fromBot` a boolean or `null`; `messages` has one
//!    item per object; `extraInfo` starts with its five typed keys and keeps the others as they
//!    were.
//! 5. Decoding never makes the output deeper than `MAX_DEPTH`, or than the input wrapped once
//!    (`raw`); the output's `to_json` reads back as itself (as a whole when within `MAX_DEPTH`,
//!    else member by member).
//! 6. `events::read` is `Some` exactly for an object with a string `event`; the name is kept;
//!    for `assignedInteraction` (`finishedInteraction`) with object `data`, the typed keys
//!    `guid, campaign, channel, clientId` (`guid`) come first, as text or `null`, followed by
//!    every other key of `data` as received, in order (`clientid` only goes when it was read
//!    as `clientId`); any other `data` is handed over unchanged (`null` when absent).

use ucontact_bridge::json::{self, Map, Value, MAX_DEPTH};
use ucontact_bridge::v6::{events, forms};

use super::{ensure, fragment, Outcome, Target};
use crate::mutate::Generator;
use crate::rng::Rng;
use crate::stats::{hit, hit_if};

pub struct V6Interaction;

/// `normalize`'s keys, in order.
const KEYS: [&str; 15] = [
    "guid",
    "channel",
    "campaign",
    "clientId",
    "clientName",
    "startDate",
    "answerDate",
    "form",
    "holdTime",
    "data",
    "dialer",
    "lastMessage",
    "messages",
    "extraInfo",
    "raw",
];

/// The common fields typed as text (`clientId` and `channel` are checked on their own).
const TEXT_KEYS: [&str; 6] = ["guid", "campaign", "clientName", "startDate", "answerDate", "form"];

/// The dialer's system columns and their names in `dialer`.
const DIALER: [(&str, &str); 7] = [
    ("CONNECTOR", "connector"),
    ("AGENTNUMBER", "agentNumber"),
    ("TIMEZONE", "timezone"),
    ("DIALER", "dialer"),
    ("DIALERCALLERID", "callerId"),
    ("DIALERDIRECTION", "direction"),
    ("DIALERTYPE", "type"),
];

/// A message's keys typed as text.
const MESSAGE_TEXT: [&str; 7] = ["text", "id", "channelId", "source", "direction", "date", "status"];

/// `extraInfo`'s typed keys, in order.
const EXTRA_INFO: [&str; 5] = ["mail", "initialMessage", "number", "ipAddress", "customFields"];

/// Event names: the documented ones, near misses, and others.
const EVENT_NAMES: &[&str] = &[
    "assignedInteraction",
    "finishedInteraction",
    "sentDisposition",
    "changedTheme",
    "changedLanguage",
    "assignedinteraction",
    "somethingNew",
    "",
];

/// Strings `normalize` must turn into booleans, and near misses it must not.
const BOOLISH: &[&str] = &[
    "true",
    "false",
    " TRUE ",
    "False",
    "tRuE\n",
    "\u{a0}false\u{3000}",
    "\ttrue",
    "truee",
    "\"true\"",
    "1",
    "0",
    "yes",
    "ｔｒｕｅ",
    "",
];

const DICTIONARY: &[&str] = &[
    "\"clientid\"",
    "\"clientId\"",
    "\"CAMPAIGN\"",
    "\"CONTACT\"",
    "\"holdTime\"",
    "\"data\"",
    "\"channel\"",
    "\"lastMessage\"",
    "\"messages\"",
    "\"extraInfo\"",
    "\"customFields\"",
    "\"attachments\"",
    "\"isAudio\"",
    "\"fromBot\"",
    "\"DIALERTYPE\"",
    "\"CONNECTOR\"",
    "\"event\"",
    "\"assignedInteraction\"",
    "\"finishedInteraction\"",
    "\"changedTheme\"",
    "\" TRUE \"",
    "\"False\"",
    "\"tRuE\\n\"",
    "\"\\\"true\\\"\"",
    "\"{\\\"a\\\":\\\"true\\\"}\"",
    "\"WhatsApp\"",
    "\"TELEPHONY\"",
    "\" 12 \"",
    "\"1e400\"",
    "\"-0\"",
];

impl Target for V6Interaction {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    /// Structure-aware inputs: the JSON-level mutation of a seed, or a seed with one of the
    /// pitfalls the normalizer exists for put in (boolean strings, serialized `CAMPAIGN`,
    /// `CONTACT` and `data`, deep JSON in a string, `clientId`/`clientid`, odd `holdTime` and
    /// `channel`), or the seed as an Events API message.
    fn mutate(&self, seed: &str, generator: &Generator, rng: &mut Rng) -> Option<String> {
        let mut v = json::parse(seed).ok()?;
        if rng.one_in(3) {
            v = json::parse(&generator.json_mutate(seed, rng)?).ok()?;
        }
        let Value::Object(m) = &mut v else {
            return Some(v.to_json());
        };
        match rng.below(8) {
            0 => {
                // Boolean strings at some depth of `data`.
                let d = data_of(m);
                let key = fragment(seed, rng, &["isTransfer", "record", "CAMPAIGN", "x"]);
                let b = Value::from(*rng.pick(BOOLISH));
                let nested = match rng.below(3) {
                    0 => b,
                    1 => Value::Array(vec![Value::Null, b]),
                    _ => Value::Object([("k", b)].into_iter().collect()),
                };
                d.insert(key, nested);
            }
            1 => {
                // `CAMPAIGN` / `CONTACT` serialized one to four times.
                let d = data_of(m);
                let key = *rng.pick(&["CAMPAIGN", "CONTACT"]);
                let inner = d.get(key).cloned().unwrap_or_else(|| {
                    json::parse(r#"{"name":"C","record":"true","tries":2,"x":{"y":"FALSE"}}"#).unwrap_or(Value::Null)
                });
                d.insert(key, encode(inner, 1 + rng.below(4)));
            }
            2 => {
                // `data` serialized one to three times.
                let inner = m.get("data").cloned().unwrap_or_else(|| Value::Object(Map::new()));
                m.insert("data", encode(inner, 1 + rng.below(3)));
            }
            3 => {
                // Deep JSON in a string: around the depth where decoding must stop.
                let depth = rng.range(MAX_DEPTH - 10, MAX_DEPTH + 1);
                let inner = format!("{}\"true\"{}", "{\"a\":".repeat(depth), "}".repeat(depth));
                let d = data_of(m);
                let key = *rng.pick(&["CAMPAIGN", "CONTACT", "other"]);
                match rng.below(4) {
                    0 => drop(d.insert(key, inner)),
                    1 => drop(d.insert(key, Value::String(inner).to_json())),
                    2 => drop(m.insert("data", inner)),
                    // Not in a string: the input itself at the depth limit (`raw` one deeper).
                    _ => drop(m.insert(key, json::parse(&inner).unwrap_or(Value::Null))),
                }
            }
            4 => {
                let id = Value::from(fragment(seed, rng, &["099", " 5 ", ""]));
                match rng.below(4) {
                    0 => drop(m.insert("clientid", id)),
                    1 => drop(m.insert("clientId", Value::Null)),
                    2 => {
                        m.remove("clientId");
                        m.insert("clientid", id);
                    }
                    _ => drop(m.insert("clientId", id)),
                }
            }
            5 => {
                let hold = *rng.pick(&["12", " 12 ", "-0", "1e400", "0x1", "12.50", "", "NaN", "1 2", "\u{a0}7"]);
                m.insert(
                    "holdTime",
                    if rng.one_in(2) { Value::from(hold) } else { json::parse(hold).unwrap_or(Value::Null) },
                );
            }
            6 => {
                let channel = *rng.pick(&["WhatsApp", "TELEPHONY", "İnstagram", " WebChat ", "SMS"]);
                m.insert("channel", channel);
            }
            _ => {
                let event = *rng.pick(EVENT_NAMES);
                let data = std::mem::take(m);
                m.insert("event", event);
                m.insert("data", data);
            }
        }
        Some(v.to_json())
    }

    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let value = json::parse(input).unwrap_or_else(|_| Value::String(input.to_owned()));
        hit_if(value.is_object(), "object");
        check_normalize(&value)?;
        check_event(&value)?;
        let wrapped = wrap(&value, input, rng);
        check_normalize(&wrapped)?;
        let mut message = Map::new();
        message.insert("event", *rng.pick(EVENT_NAMES));
        if !rng.one_in(8) {
            message.insert("data", if rng.one_in(2) { value } else { wrapped });
        }
        check_event(&Value::Object(message))
    }
}

/// The `data` object of an interaction, made one when it is not.
fn data_of(m: &mut Map) -> &mut Map {
    if !m.get("data").is_some_and(Value::is_object) {
        m.insert("data", Value::Object(Map::new()));
    }
    match m.get_mut("data") {
        Some(Value::Object(d)) => d,
        _ => unreachable!("data was just made an object"),
    }
}

/// `v` serialized as a JSON string `times` times.
fn encode(mut v: Value, times: usize) -> Value {
    for _ in 0..times {
        v = Value::String(v.to_json());
    }
    v
}

/// The input in a shape that reaches a deeper branch of `normalize`.
fn wrap(value: &Value, input: &str, rng: &mut Rng) -> Value {
    let mut m = Map::new();
    match rng.below(6) {
        0 => drop(m.insert("data", value.clone())),
        1 => drop(m.insert("data", encode(value.clone(), 1 + rng.below(3)))),
        2 => {
            let key = *rng.pick(&["CAMPAIGN", "CONTACT"]);
            let mut d = Map::new();
            d.insert(key, encode(value.clone(), 1 + rng.below(4)));
            if rng.one_in(2) {
                d.insert("DIALERTYPE", "Preview");
            }
            m.insert("data", d);
        }
        3 => {
            m.insert("lastMessage", value.clone());
            m.insert("messages", Value::Array(vec![value.clone(), Value::from(1u32), Value::Object(Map::new())]));
        }
        4 => {
            let mut extra = Map::new();
            extra.insert("customFields", value.clone());
            extra.insert("mail", value.clone());
            m.insert("extraInfo", extra);
        }
        _ => {
            for key in ["guid", "channel", "clientId", "clientid", "holdTime", "startDate"] {
                if rng.one_in(2) {
                    let v = if rng.one_in(2) { value.clone() } else { Value::from(fragment(input, rng, BOOLISH)) };
                    m.insert(key, v);
                }
            }
        }
    }
    Value::Object(m)
}

/// A string, trimmed, or a number's text; what the typed text fields read.
fn text(v: Option<&Value>) -> Value {
    match v {
        Some(Value::String(s)) => Value::from(s.trim()),
        Some(Value::Number(n)) => Value::from(n.as_str()),
        _ => Value::Null,
    }
}

/// `"true"`/`"false"` in any case, surrounding whitespace ignored.
fn is_bool_text(s: &str) -> Option<bool> {
    let t = s.trim().to_ascii_lowercase();
    match t.as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Arrays and objects nested in `v` (what `json::parse` limits to [`MAX_DEPTH`]).
pub fn depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(m) => 1 + m.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// `to_json` reads back as the value: as a whole within [`MAX_DEPTH`], else member by member.
pub fn reparses(v: &Value) -> Outcome {
    if depth(v) <= MAX_DEPTH {
        let text = v.to_json();
        ensure!(json::parse(&text).as_ref() == Ok(v), "to_json does not read back: {text}");
        return Ok(());
    }
    hit("reparsed-member-by-member");
    match v {
        Value::Array(items) => items.iter().try_for_each(reparses),
        Value::Object(m) => m.values().try_for_each(reparses),
        _ => Ok(()),
    }
}

/// A JSON string decoded while it holds JSON (an object, an array or a string), at most three
/// times, as the docs say.
fn decode(s: &str) -> Value {
    let mut v = Value::from(s);
    for _ in 0..3 {
        let Value::String(t) = &v else { break };
        let t = t.trim();
        if !t.starts_with(['{', '[', '"']) {
            break;
        }
        match json::parse(t) {
            Ok(next) => v = next,
            Err(_) => break,
        }
    }
    v
}

/// Checks 1–5.
fn check_normalize(input: &Value) -> Outcome {
    let result = forms::normalize(input);
    let Some(i) = input.as_object() else {
        match result {
            Err(e) => ensure!(e.code() == "BAD_MESSAGE", "a non-object failed with {}", e.code()),
            Ok(out) => return Err(format!("{}:{}: a non-object normalized: {out}", file!(), line!())),
        }
        return Ok(());
    };
    hit("normalized");
    let out = result.map_err(|e| format!("{}:{}: an object refused: {}", file!(), line!(), e.code()))?;
    let Some(o) = out.as_object() else {
        return Err(format!("{}:{}: not an object: {out}", file!(), line!()));
    };
    let keys: Vec<&str> = o.keys().map(String::as_str).collect();
    ensure!(keys == KEYS, "keys {keys:?}");
    let get = |k: &str| o.get(k).unwrap_or(&Value::Null);
    ensure!(get("raw") == input, "raw is not the input");
    for k in TEXT_KEYS {
        ensure!(*get(k) == text(i.get(k)), "{k}: {} from {:?}", get(k), i.get(k));
    }
    let client = if i.contains_key("clientId") { i.get("clientId") } else { i.get("clientid") };
    hit_if(!i.contains_key("clientId") && i.contains_key("clientid"), "clientid");
    ensure!(*get("clientId") == text(client), "clientId: {}", get("clientId"));
    let channel = match text(i.get("channel")) {
        Value::String(c) => Value::from(c.to_ascii_lowercase()),
        other => other,
    };
    ensure!(*get("channel") == channel, "channel: {}", get("channel"));
    if let Value::String(c) = get("channel") {
        ensure!(!c.bytes().any(|b| b.is_ascii_uppercase()), "channel {c:?} not lower case");
    }
    let hold = match i.get("holdTime") {
        Some(n @ Value::Number(_)) => n.clone(),
        Some(Value::String(s)) => match json::parse(s.trim()) {
            Ok(n @ Value::Number(_)) => n,
            _ => Value::Null,
        },
        _ => Value::Null,
    };
    hit_if(hold.as_number().is_some(), "hold-time");
    ensure!(matches!(get("holdTime"), Value::Null | Value::Number(_)), "holdTime {}", get("holdTime"));
    ensure!(*get("holdTime") == hold, "holdTime {} for {:?}", get("holdTime"), i.get("holdTime"));

    check_data(i.get("data"), get("data"))?;
    check_dialer(get("data"), get("dialer"))?;
    check_messages(i, get("lastMessage"), get("messages"))?;
    check_extra_info(i.get("extraInfo"), get("extraInfo"))?;

    let (din, dout) = (depth(input), depth(&out));
    ensure!(dout <= MAX_DEPTH.max(din + 1), "decoding made the output {dout} deep (input {din})");
    reparses(&out)
}

/// Check 3.
fn check_data(input: Option<&Value>, out: &Value) -> Outcome {
    let Some(d) = out.as_object() else {
        return Err(format!("{}:{}: data is not an object: {out}", file!(), line!()));
    };
    let source = match input {
        Some(Value::Object(m)) => Some(m.clone()),
        Some(Value::String(s)) => match decode(s) {
            // Decoded where the output stays within `MAX_DEPTH` (`{ data: … }`).
            Value::Object(m) if depth(&Value::Object(m.clone())) < MAX_DEPTH => {
                hit("data-decoded");
                Some(m)
            }
            _ => None,
        },
        _ => None,
    };
    let Some(source) = source else {
        ensure!(d.is_empty(), "data from nothing: {out}");
        return Ok(());
    };
    let keys_in: Vec<&String> = source.keys().collect();
    let keys_out: Vec<&String> = d.keys().collect();
    ensure!(keys_in == keys_out, "data keys {keys_out:?} for {keys_in:?}");
    for ((k, v), w) in source.iter().zip(d.values()) {
        match v {
            Value::Null | Value::Bool(_) | Value::Number(_) => ensure!(v == w, "data.{k} changed: {w}"),
            Value::String(s) if k != "CAMPAIGN" && k != "CONTACT" => {
                let expected = is_bool_text(s).map_or_else(|| v.clone(), Value::Bool);
                ensure!(*w == expected, "data.{k}: {w} for {v}");
            }
            Value::String(_) => {
                hit_if(!w.is_string(), "campaign-or-contact-decoded");
            }
            Value::Array(a) => {
                ensure!(w.as_array().is_some_and(|b| b.len() == a.len()), "data.{k} lost its shape")
            }
            Value::Object(m) => {
                ensure!(w.as_object().is_some_and(|n| n.keys().eq(m.keys())), "data.{k} lost its shape")
            }
        }
    }
    no_bool_text(out, "data")
}

/// No `"true"`/`"false"` string anywhere in `v`.
fn no_bool_text(v: &Value, path: &str) -> Outcome {
    match v {
        Value::String(s) => ensure!(is_bool_text(s).is_none(), "{path} is still the string {s:?}"),
        Value::Array(items) => {
            for (n, x) in items.iter().enumerate() {
                no_bool_text(x, &format!("{path}[{n}]"))?;
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                no_bool_text(x, &format!("{path}.{k}"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Check 4: `dialer`.
fn check_dialer(data: &Value, dialer: &Value) -> Outcome {
    let Some(d) = data.as_object() else { return Ok(()) };
    let present = DIALER.iter().any(|(c, _)| d.contains_key(c)) || d.contains_key("CONTACT");
    let Some(out) = dialer.as_object() else {
        ensure!(dialer.is_null() && !present, "dialer {dialer} for data {data}");
        return Ok(());
    };
    hit("dialer");
    ensure!(present, "a dialer from no dialer column");
    let names: Vec<&str> = out.keys().map(String::as_str).collect();
    let expected: Vec<&str> = DIALER.iter().map(|(_, n)| *n).chain(["contact"]).collect();
    ensure!(names == expected, "dialer keys {names:?}");
    for (column, name) in DIALER {
        ensure!(out.get(name) == Some(&text(d.get(column))), "dialer.{name} from {:?}", d.get(column));
    }
    let contact = d.get("CONTACT").filter(|c| c.is_object()).cloned().unwrap_or(Value::Null);
    hit_if(contact.is_object(), "dialer-contact");
    ensure!(out.get("contact") == Some(&contact), "dialer.contact");
    Ok(())
}

/// Check 4: `lastMessage` and `messages`.
fn check_messages(i: &Map, last: &Value, messages: &Value) -> Outcome {
    match i.get("lastMessage") {
        Some(Value::Object(m)) => {
            hit("last-message");
            check_message(m, last)?;
        }
        _ => ensure!(last.is_null(), "lastMessage from nothing: {last}"),
    }
    match i.get("messages") {
        Some(Value::Array(items)) => {
            let objects: Vec<&Map> = items.iter().filter_map(Value::as_object).collect();
            let Some(out) = messages.as_array() else {
                return Err(format!("{}:{}: messages {messages}", file!(), line!()));
            };
            ensure!(out.len() == objects.len(), "{} messages for {} objects", out.len(), objects.len());
            for (m, o) in objects.into_iter().zip(out) {
                check_message(m, o)?;
            }
        }
        _ => ensure!(messages.is_null(), "messages from nothing: {messages}"),
    }
    Ok(())
}

fn check_message(m: &Map, out: &Value) -> Outcome {
    let Some(o) = out.as_object() else {
        return Err(format!("{}:{}: a message is {out}", file!(), line!()));
    };
    let mut expected: Vec<&str> = m.keys().map(String::as_str).collect();
    for k in ["text", "attachments"] {
        if !m.contains_key(k) {
            expected.push(k);
        }
    }
    let keys: Vec<&str> = o.keys().map(String::as_str).collect();
    ensure!(keys == expected, "message keys {keys:?} for {expected:?}");
    ensure!(o.get("attachments").is_some_and(|a| a.as_array().is_some()), "attachments not an array");
    for k in ["isAudio", "fromBot"] {
        ensure!(matches!(o.get(k), None | Some(Value::Null | Value::Bool(_))), "{k}: {:?}", o.get(k));
    }
    for k in MESSAGE_TEXT {
        if m.contains_key(k) {
            ensure!(o.get(k) == Some(&text(m.get(k))), "message {k}");
        }
    }
    Ok(())
}

/// Check 4: `extraInfo`.
fn check_extra_info(input: Option<&Value>, out: &Value) -> Outcome {
    let Some(Value::Object(m)) = input else {
        ensure!(out.is_null(), "extraInfo from nothing: {out}");
        return Ok(());
    };
    hit("extra-info");
    let Some(o) = out.as_object() else {
        return Err(format!("{}:{}: extraInfo {out}", file!(), line!()));
    };
    let keys: Vec<&str> = o.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> = EXTRA_INFO.to_vec();
    expected.extend(m.keys().map(String::as_str).filter(|k| !EXTRA_INFO.contains(k)));
    ensure!(keys == expected, "extraInfo keys {keys:?} for {expected:?}");
    for k in &EXTRA_INFO[..4] {
        ensure!(o.get(k) == Some(&text(m.get(k))), "extraInfo.{k}");
    }
    let custom = o.get("customFields").unwrap_or(&Value::Null);
    match m.get("customFields") {
        Some(Value::Object(c)) => {
            ensure!(custom.as_object().is_some_and(|d| d.keys().eq(c.keys())), "customFields keys")
        }
        _ => ensure!(custom.as_object().is_some_and(Map::is_empty), "customFields from nothing: {custom}"),
    }
    no_bool_text(custom, "extraInfo.customFields")?;
    for (k, v) in m.iter().filter(|(k, _)| !EXTRA_INFO.contains(&k.as_str())) {
        ensure!(o.get(k) == Some(v), "extraInfo.{k} changed");
    }
    Ok(())
}

/// Check 6.
fn check_event(message: &Value) -> Outcome {
    let read = events::read(message);
    let m = message.as_object();
    let name = m.and_then(|m| m.get("event")).and_then(Value::as_str);
    ensure!(read.is_some() == name.is_some(), "read {:?} for {message}", read.is_some());
    let (Some(e), Some(name), Some(m)) = (read, name, m) else { return Ok(()) };
    hit("event");
    ensure!(e.event == name, "event {:?} for {name:?}", e.event);
    let data = m.get("data").cloned().unwrap_or(Value::Null);
    let typed: &[&str] = match (name, &data) {
        ("assignedInteraction", Value::Object(_)) => &["guid", "campaign", "channel", "clientId"],
        ("finishedInteraction", Value::Object(_)) => &["guid"],
        _ => {
            ensure!(e.data == data, "data changed: {} for {data}", e.data);
            return reparses(&e.data);
        }
    };
    hit("event-typed");
    let (Some(d), Some(out)) = (data.as_object(), e.data.as_object()) else {
        return Err(format!("{}:{}: typed data {}", file!(), line!(), e.data));
    };
    let alias = typed.contains(&"clientId") && !d.contains_key("clientId") && d.contains_key("clientid");
    hit_if(alias, "event-clientid");
    let mut expected: Vec<(&str, Value)> = typed
        .iter()
        .map(|f| (*f, text(if *f == "clientId" && alias { d.get("clientid") } else { d.get(f) })))
        .collect();
    for (k, v) in d {
        let consumed = typed.contains(&k.as_str()) || (alias && k == "clientid");
        if !consumed {
            expected.push((k, v.clone()));
        }
    }
    let got: Vec<(&str, Value)> = out.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    ensure!(got == expected, "typed data {} for {data}", e.data);
    reparses(&e.data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> Outcome {
        V6Interaction.run(input, &mut Rng::new(1))
    }

    #[test]
    fn the_seeds_pass() {
        for seed in crate::corpus::load(std::path::Path::new("corpus"), "v6-interaction").unwrap() {
            assert_eq!(run(&seed), Ok(()), "{seed}");
        }
    }

    #[test]
    fn the_checks_see_a_wrong_answer() {
        assert!(no_bool_text(&json::parse(r#"{"a":[{"b":" False"}]}"#).unwrap(), "data").is_err());
        assert!(no_bool_text(&json::parse(r#"{"a":["truee", true]}"#).unwrap(), "data").is_ok());
        assert_eq!(decode(r#"  "{\"a\":1}" "#), json::parse(r#"{"a":1}"#).unwrap());
        assert_eq!(decode("{x"), Value::from("{x"));
    }

    #[test]
    fn generators_do_not_panic() {
        let seeds = crate::corpus::load(std::path::Path::new("corpus"), "v6-interaction").unwrap();
        let generator = Generator::new(&seeds, DICTIONARY);
        let mut rng = Rng::new(7);
        for n in 0..3000 {
            let seed = &seeds[n % seeds.len()];
            let input = V6Interaction.mutate(seed, &generator, &mut rng).unwrap_or_default();
            let _ = V6Interaction.run(&input, &mut rng);
        }
    }
}
