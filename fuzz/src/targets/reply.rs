//! `wire::Reply::classify` (what the CRM side makes of the portal's `data`) and
//! `wire::Action::from_data` (what the portal side makes of the CRM's `data`).
//!
//! Values come from the input parsed as JSON, from the `data` of the input decoded as an
//! envelope, and from the input wrapped as `{guid: …}` / `{CTI: …}` / `{action: …}` so that the
//! interesting branches are reached often.
//!
//! Checks:
//! 1. Classification loses nothing: the reply rebuilds exactly the classified value
//!    (`Guid(s)` ⇔ `{"guid": s}` with `s` a GUID, `BadGuid(v)` ⇔ `{"guid": v}` with `v` not a
//!    GUID string, `Cti(v)` ⇔ `{"CTI": v}` with `v` a string or object, `Unsolicited(v)` is `v`
//!    itself and is none of those shapes).
//! 2. A `Cti` reply's record decodes (or fails) without panicking.
//! 3. An action read with `from_data` writes JSON (`to_json`, in the writer's own form) that
//!    `from_data` reads back as the same action, with the same `action` name and only the keys
//!    the action documents.

use ucontact_bridge::cti::Cti;
use ucontact_bridge::json::{self, Map, Value};
use ucontact_bridge::validate::is_guid;
use ucontact_bridge::wire::{envelope, Action, ActionName, Reply};

use super::{ensure, fragment, Outcome, Target};
use crate::rng::Rng;
use crate::stats::hit;

pub struct ReplyTarget;

const DICTIONARY: &[&str] = &[
    "\"guid\"",
    "\"CTI\"",
    "\"action\"",
    "\"call\"",
    "\"callWithPhone\"",
    "\"hangup\"",
    "\"tag\"",
    "\"respool\"",
    "\"schedule\"",
    "\"campaign\"",
    "\"callerid\"",
    "\"destination\"",
    "\"message\"",
    "\"objetoRespool\"",
    "\"callDate\"",
    "\"objectDialer\"",
    "\"7e4e7db9-f080-494e-b04b-7c8e47711558\"",
    "\"7E4E7DB9-F080-494E-B04B-7C8E47711558\"",
    "\"2016-10-10 15:00:00\"",
    "\"Ventas->\"",
    "\"091000000\"",
    "{\"campaign\":\"c\",\"destination\":\"1\"}",
];

impl Target for ReplyTarget {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let parsed = json::parse(input).ok();
        let mut values: Vec<Value> = Vec::new();
        if let Ok(env) = envelope::decode(input) {
            hit("envelope");
            values.push(env.data);
        }
        let inner = parsed.clone().unwrap_or_else(|| Value::String(input.to_owned()));
        values.push(single("guid", inner.clone()));
        values.push(single("CTI", inner.clone()));
        let name = *rng.pick(&ActionName::ALL);
        let mut action = Map::new();
        action.insert("action", name.as_str());
        if let Value::Object(fields) = &inner {
            for (k, v) in fields {
                action.insert(k.as_str(), v.clone());
            }
        } else {
            let key = *rng.pick(&["campaign", "callerid", "destination", "guid", "message", "callDate"]);
            action.insert(key, fragment(input, rng, DICTIONARY));
        }
        values.push(Value::Object(action));
        values.extend(parsed);

        for value in values {
            check_reply(&value)?;
            check_action(&value)?;
        }
        Ok(())
    }
}

fn check_reply(value: &Value) -> Outcome {
    match Reply::classify(value.clone()) {
        Reply::Guid(s) => {
            hit("guid");
            ensure!(is_guid(&s), "Guid reply with a non-GUID {s:?}");
            ensure!(*value == single("guid", s.as_str()), "Guid reply from {value}");
        }
        Reply::BadGuid(g) => {
            hit("bad-guid");
            ensure!(!g.as_str().is_some_and(is_guid), "a valid GUID classified as BadGuid: {g}");
            ensure!(*value == single("guid", g), "BadGuid reply from {value}");
        }
        Reply::Cti(c) => {
            hit("cti");
            ensure!(c.is_string() || c.is_object(), "Cti reply holding {c}");
            ensure!(*value == single("CTI", c.clone()), "Cti reply from {value}");
            let _ = Cti::from_value(c);
        }
        Reply::Unsolicited(v) => {
            hit("unsolicited");
            ensure!(v == *value, "Unsolicited changed the value");
            if let Value::Object(m) = &v {
                let single = m.len() == 1;
                ensure!(!(single && m.contains_key("guid")), "a single-key {{guid}} object was left unsolicited");
                let cti_shaped = m.get("CTI").is_some_and(|c| c.is_string() || c.is_object());
                ensure!(!(single && cti_shaped), "a {{CTI}} reply was left unsolicited");
            }
        }
    }
    Ok(())
}

/// `{key: v}`.
fn single(key: &str, v: impl Into<Value>) -> Value {
    let mut m = Map::new();
    m.insert(key, v);
    Value::Object(m)
}

fn check_action(value: &Value) -> Outcome {
    let Ok(action) = Action::from_data(value) else { return Ok(()) };
    hit("action");
    let text = action.to_json();
    let out = match json::parse(&text) {
        Ok(v) => v,
        Err(e) => {
            return Err(format!("{}:{}: an action writes text that is not JSON ({e:?}): {text}", file!(), line!()))
        }
    };
    ensure!(out.to_json() == text, "an action's JSON is not in the writer's form: {text}");
    ensure!(out.get("action") == Some(&Value::String(action.name().as_str().into())), "action name lost: {out}");
    ensure!(value.get("action") == out.get("action"), "the action changed its name: {value} -> {out}");
    match Action::from_data(&out) {
        Ok(back) => ensure!(back == action, "action round trip changed it: {out}"),
        Err(e) => return Err(format!("{}:{}: a serialized action is rejected: {e}\n  value: {out}", file!(), line!())),
    }
    if let (Value::Object(inp), Value::Object(o)) = (value, &out) {
        ensure!(o.keys().all(|k| inp.contains_key(k)), "serializing added keys: {value} -> {out}");
    }
    Ok(())
}
