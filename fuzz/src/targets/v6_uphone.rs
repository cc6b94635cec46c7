//! uPhone's messages and the call state machine: `v6::uphone::read` and `v6::state::State`,
//! over mutated uPhone messages (one per seed, or a JSON array of them: a sequence), and any
//! text (what is not JSON goes in as a JSON string).
//!
//! Each input is read as a message (each item, when it is an array) and as the `params` of a
//! random action. The events read, mixed with events made from the input and the [`Rng`] (the
//! seven actions and unknown ones; guids reused from a small pool and the input's own, missing,
//! empty or numbers; numbers, dates, durations, flags), drive a [`State`] of a random history
//! limit, now and then `reset()`.
//!
//! Checks:
//! 1. `read` is `Some` exactly for an object with a string `action`; the action is kept and its
//!    kind is the one of its exact spelling (else `Other`). `params` is the object, nothing
//!    (absent or `null`), or `{value: …}` for anything else; then, against an independent
//!    reading of the module table: `number`, `campaign`, `direction`, `clientId` are the
//!    trimmed string or the number's text; `guid` too but never empty; `date` is `None` or
//!    `YYYY-MM-DDTHH:MM:SS`, read from exactly one of `YYYY-MM-DD HH:MM:SS`,
//!    `YYYY-MM-DDTHH:MM:SS`, `DD/MM/YYYY HH:MM:SS` (trimmed) naming a real date and time;
//!    `duration` only from a number written as plain digits that fits a `u64`, or a string of
//!    1–15 digits (trimmed); `needsDispositions` from a boolean, `"true"`/`"false"` (any case,
//!    trimmed), `"1"`/`"0"`, `1`/`0`; `dispositions` whatever was there; `extra` exactly the
//!    other keys, in order. `Params::to_value` reads back as itself (for the input's messages).
//! 2. `State::apply` never panics and returns `true` exactly when the state changed; unknown
//!    actions change nothing; the history never exceeds the limit (at least 1) and never holds
//!    two entries of one guid; after `agentLogin`/`agentLogout` the agent is set, the call is
//!    `None` and the history empty; a call event leaves the agent known, `sentDispositions`
//!    leaves it as it was.
//! 3. **Finished stays finished**: after an event, a call of a guid is ringing or outbound only
//!    if a call of that guid was unfinished before, or none had it (a guid the state forgot is
//!    new again).
//! 4. **One call, one entry**: a finished current call with a guid is the same as its history
//!    entry (same guid and channel), when it has one. (uContact's guids are unique per
//!    interaction; the generated sequences also give an SMS a call's guid, where only checks
//!    2, 3 and 5 apply.)
//! 5. `State::to_value` reads back as itself (member by member beyond `MAX_DEPTH`), after the
//!    last event and a random sixth of the others; `reset()` gives the empty state.

use ucontact_bridge::json::{self, Map, Value};
use ucontact_bridge::v6::state::{Agent, Call, Phase, State};
use ucontact_bridge::v6::uphone::{self, Event, Kind};

use super::v6_interaction::reparses;
use super::{ensure, fragment, Outcome, Target};
use crate::mutate::Generator;
use crate::rng::Rng;
use crate::stats::{hit, hit_if};

pub struct V6Uphone;

/// The documented actions.
const ACTIONS: [&str; 7] =
    ["makeCall", "gettingCall", "finishedCall", "finishedSms", "sentDispositions", "agentLogin", "agentLogout"];

/// Actions that are not (near misses and others).
const OTHER_ACTIONS: &[&str] = &["makecall", "GettingCall", "answeredCall", "event", "", " makeCall"];

/// The keys `read` types.
const TYPED: [&str; 9] =
    ["number", "campaign", "guid", "direction", "date", "duration", "clientId", "needsDispositions", "dispositions"];

/// Dates: each accepted format, impossible dates, near misses.
const DATES: &[&str] = &[
    "2024-05-06 10:11:12",
    "2024-05-06T10:11:12",
    "06/05/2024 10:11:12",
    "2024-02-29 23:59:59",
    "29/02/2024 00:00:00",
    " 2024-05-06 10:11:12 ",
    "2023-02-29 10:11:12",
    "31/04/2024 10:00:00",
    "2024-05-06 24:00:00",
    "2024-05-06 10:60:00",
    "0000-01-01 00:00:00",
    "0001-01-01 00:00:00",
    "2024-13-01 00:00:00",
    "2024/05/06 10:11:12",
    "06-05-2024 10:11:12",
    "06/05/2024T10:11:12",
    "2024-05-06 10:11:12Z",
    "2024-05-06",
    "2024-05-06t10:11:12",
    "2024-05-06 10:11:1٣",
    "",
];

const DICTIONARY: &[&str] = &[
    "\"action\"",
    "\"params\"",
    "\"makeCall\"",
    "\"gettingCall\"",
    "\"finishedCall\"",
    "\"finishedSms\"",
    "\"sentDispositions\"",
    "\"agentLogin\"",
    "\"agentLogout\"",
    "\"guid\"",
    "\"number\"",
    "\"date\"",
    "\"duration\"",
    "\"needsDispositions\"",
    "\"dispositions\"",
    "\"clientId\"",
    "\"2024-05-06 10:11:12\"",
    "\"2024-05-06T10:11:12\"",
    "\"06/05/2024 10:11:12\"",
    "\"29/02/2023 10:11:12\"",
    "\" 125 \"",
    "\"0125\"",
    "\"1234567890123456\"",
    "\"g-1\"",
    "\"g-2\"",
];

impl Target for V6Uphone {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    /// Structure-aware inputs: the JSON-level mutation of a seed; a sequence of (mutated)
    /// seeds; or a seed's params given an odd date, duration, flag, guid, action or `params`.
    fn mutate(&self, seed: &str, generator: &Generator, rng: &mut Rng) -> Option<String> {
        if rng.one_in(4) {
            return generator.json_mutate(seed, rng);
        }
        if rng.one_in(3) {
            let items = (0..rng.range(2, 10))
                .map(|_| {
                    let s = crate::mutate::into_text(generator.seed(rng));
                    let s = if rng.one_in(3) { generator.json_mutate(&s, rng).unwrap_or(s) } else { s };
                    json::parse(&s).unwrap_or(Value::String(s))
                })
                .collect();
            return Some(Value::Array(items).to_json());
        }
        let mut v = json::parse(seed).ok()?;
        let m = v.as_object_mut()?;
        if !m.get("params").is_some_and(Value::is_object) {
            m.insert("params", Value::Object(Map::new()));
        }
        match rng.below(6) {
            0 => {
                let action = match rng.below(3) {
                    0 => Value::from(*rng.pick(OTHER_ACTIONS)),
                    1 => json::parse(one(rng, &["5", "null", "[\"makeCall\"]", "true"])).unwrap_or(Value::Null),
                    _ => Value::from(*rng.pick(&ACTIONS)),
                };
                m.insert("action", action);
            }
            1 => {
                let params = json::parse(one(rng, &["null", "\"odd\"", "[1,2]", "7", "true"])).unwrap_or(Value::Null);
                m.insert("params", params);
            }
            _ => {
                if let Some(Value::Object(p)) = m.get_mut("params") {
                    let key = *rng.pick(&TYPED);
                    p.insert(key, field(key, rng, seed));
                }
            }
        }
        Some(v.to_json())
    }

    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let value = json::parse(input).unwrap_or_else(|_| Value::String(input.to_owned()));
        let messages: &[Value] = match &value {
            Value::Array(items) => items,
            v => std::slice::from_ref(v),
        };
        let mut events = Vec::new();
        for m in messages.iter().take(64) {
            events.extend(check_read(m, true)?);
        }
        let mut wrapped = Map::new();
        wrapped.insert("action", *rng.pick(&ACTIONS));
        wrapped.insert("params", value.clone());
        events.extend(check_read(&Value::Object(wrapped), true)?);
        hit_if(events.len() > 1, "events-from-input");

        // Guids to reuse: a small pool and the input's own.
        let mut guids: Vec<Value> = ["g1", "g2", "g3"].into_iter().map(Value::from).collect();
        guids.extend(events.iter().filter_map(|e| e.params.guid.clone()).map(Value::from));
        let mut sequence = Vec::new();
        for _ in 0..rng.range(1, 32) {
            if !events.is_empty() && rng.one_in(3) {
                sequence.push(events[rng.below(events.len())].clone());
            } else if let Some(e) = check_read(&random_message(rng, &guids, input), false)? {
                sequence.push(e);
            }
        }
        check_sequence(&sequence, rng)
    }
}

/// A value for the typed key `key`: mostly of its type, sometimes not.
fn field(key: &str, rng: &mut Rng, input: &str) -> Value {
    let parsed = |t: &str| json::parse(t).unwrap_or(Value::Null);
    match key {
        "date" => match rng.below(4) {
            0 => Value::from(date_text(rng)),
            _ => Value::from(*rng.pick(DATES)),
        },
        "duration" => parsed(one(
            rng,
            &[
                "0",
                "42",
                "\"7\"",
                "\" 12 \"",
                "-3",
                "1.5",
                "\"1e2\"",
                "1e2",
                "\"123456789012345\"",
                "\"1234567890123456\"",
                "18446744073709551615",
                "18446744073709551616",
                "\"\"",
                "\"-1\"",
                "\"١٢\"",
                "null",
            ],
        )),
        "needsDispositions" => parsed(one(
            rng,
            &["true", "false", "\"true\"", "\" FALSE \"", "\"1\"", "\"0\"", "1", "0", "2", "\"maybe\"", "-0", "null"],
        )),
        "dispositions" if rng.one_in(8) => {
            // Deep: the state nests it three levels further (`history`, a call).
            let n = rng.range(json::MAX_DEPTH - 6, json::MAX_DEPTH - 1);
            parsed(&format!("{}1{}", "[".repeat(n), "]".repeat(n)))
        }
        "dispositions" => parsed(one(rng, &["[\"Venta\"]", "{\"l1\":\"x\",\"l2\":\"y\"}", "null", "\"a\""])),
        "guid" => parsed(one(rng, &["\"g1\"", "\" g1 \"", "\"\"", "\" \"", "7", "null", "{}"])),
        _ => match rng.below(4) {
            0 => parsed(one(rng, &["98123456", "-0", "1e400", "true", "null", "[]"])),
            _ => Value::from(fragment(input, rng, &["099", " 099 ", "Ventas->", "I", "O"])),
        },
    }
}

/// One of `items`, as a `&str` (`rng.pick` gives a `&&str`).
fn one<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len())]
}

/// A date-like text in one of the three formats (or a broken one), with random fields.
fn date_text(rng: &mut Rng) -> String {
    let year = *rng.pick(&["0000", "0001", "1900", "2000", "2023", "2024", "2100", "9999"]);
    let two = |rng: &mut Rng, max: usize| format!("{:02}", rng.below(max + 1));
    let (mo, d, h, mi, s) = (two(rng, 13), two(rng, 32), two(rng, 25), two(rng, 61), two(rng, 61));
    let mut t = match rng.below(3) {
        0 => format!("{year}-{mo}-{d} {h}:{mi}:{s}"),
        1 => format!("{year}-{mo}-{d}T{h}:{mi}:{s}"),
        _ => format!("{d}/{mo}/{year} {h}:{mi}:{s}"),
    };
    if rng.one_in(6) {
        let at = rng.below(t.len());
        let with = *rng.pick(&["-", "/", " ", "T", ":", "x", "é"]);
        t.replace_range(at..=at, with);
    }
    t
}

/// A uPhone message made from the rng: an action (mostly a call event), and params with a
/// random subset of the typed keys, the guid mostly from `guids`.
fn random_message(rng: &mut Rng, guids: &[Value], input: &str) -> Value {
    let action = match rng.below(12) {
        0..=6 => ACTIONS[rng.below(7)],
        7 => *rng.pick(OTHER_ACTIONS),
        8 | 9 => *rng.pick(&["gettingCall", "makeCall"]),
        _ => *rng.pick(&["finishedCall", "sentDispositions"]),
    };
    let mut p = Map::new();
    if !rng.one_in(4) {
        p.insert("guid", if rng.one_in(5) { field("guid", rng, input) } else { rng.pick(guids).clone() });
    }
    if rng.one_in(2) {
        let number = *rng.pick(&["099", "098", " 099 ", "98123456"]);
        p.insert("number", if rng.one_in(4) { field("number", rng, input) } else { Value::from(number) });
    }
    for (key, odds) in [
        ("date", 3),
        ("duration", 3),
        ("needsDispositions", 4),
        ("dispositions", 4),
        ("campaign", 5),
        ("clientId", 5),
        ("direction", 6),
    ] {
        if rng.one_in(odds) {
            p.insert(key, field(key, rng, input));
        }
    }
    if rng.one_in(8) {
        p.insert(fragment(input, rng, &["agent", "extra"]), Value::from(fragment(input, rng, &["x"])));
    }
    let mut m = Map::new();
    m.insert("action", action);
    match rng.below(20) {
        0 => {}
        1 => drop(m.insert("params", Value::Null)),
        _ => drop(m.insert("params", p)),
    }
    Value::Object(m)
}

/// The trimmed string or the number's text.
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

/// Check 1.
fn check_read(message: &Value, write: bool) -> Result<Option<Event>, String> {
    let read = uphone::read(message);
    let action = message.as_object().and_then(|m| m.get("action")).and_then(Value::as_str);
    ensure!(read.is_some() == action.is_some(), "read {:?} for {message}", read.is_some());
    let (Some(e), Some(action), Some(m)) = (read, action, message.as_object()) else {
        return Ok(None);
    };
    hit("read");
    ensure!(e.action == action, "action {:?} for {action:?}", e.action);
    let kind = match ACTIONS.iter().position(|a| *a == action) {
        Some(0) => Kind::MakeCall,
        Some(1) => Kind::GettingCall,
        Some(2) => Kind::FinishedCall,
        Some(3) => Kind::FinishedSms,
        Some(4) => Kind::SentDispositions,
        Some(5) => Kind::AgentLogin,
        Some(6) => Kind::AgentLogout,
        _ => Kind::Other,
    };
    ensure!(e.kind == kind, "kind {:?} for {action:?}", e.kind);
    let params = match m.get("params") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(p)) => p.clone(),
        Some(other) => [("value", other.clone())].into_iter().collect(),
    };
    let p = &e.params;
    let get = |k: &str| params.get(k);
    ensure!(p.number == text(get("number")), "number {:?}", p.number);
    ensure!(p.campaign == text(get("campaign")), "campaign {:?}", p.campaign);
    ensure!(p.direction == text(get("direction")), "direction {:?}", p.direction);
    ensure!(p.client_id == text(get("clientId")), "clientId {:?}", p.client_id);
    ensure!(p.guid == text(get("guid")).filter(|g| !g.is_empty()), "guid {:?}", p.guid);
    let date_in = get("date").and_then(Value::as_str);
    let date = date_in.and_then(date);
    hit_if(date.is_some(), "date");
    ensure!(p.date == date, "date {:?} for {date_in:?}", p.date);
    let duration = match get("duration") {
        Some(Value::Number(n)) => {
            let t = n.as_str();
            t.bytes().all(|b| b.is_ascii_digit()).then(|| t.parse::<u64>().ok()).flatten()
        }
        Some(Value::String(s)) => {
            let t = s.trim();
            let digits = (1..=15).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| t.parse::<u64>().ok()).flatten()
        }
        _ => None,
    };
    hit_if(duration.is_some(), "duration");
    ensure!(p.duration == duration, "duration {:?} for {:?}", p.duration, get("duration"));
    let needs = match get("needsDispositions") {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        Some(Value::Number(n)) => match n.as_str() {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        },
        _ => None,
    };
    ensure!(p.needs_dispositions == needs, "needsDispositions {:?}", p.needs_dispositions);
    ensure!(p.dispositions.as_ref() == get("dispositions"), "dispositions");
    let extra: Vec<(&String, &Value)> = params.iter().filter(|(k, _)| !TYPED.contains(&k.as_str())).collect();
    hit_if(!extra.is_empty(), "extra");
    ensure!(p.extra.iter().eq(extra), "extra {:?}", p.extra);
    if write {
        reparses(&p.to_value())?;
    }
    Ok(Some(e))
}

/// The three date formats, read again: `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DDTHH:MM:SS`,
/// `DD/MM/YYYY HH:MM:SS`, trimmed, as `YYYY-MM-DDTHH:MM:SS` when the date and time exist.
fn date(s: &str) -> Option<String> {
    let t = s.trim();
    let shape = |pattern: &str| {
        t.len() == pattern.len()
            && t.bytes().zip(pattern.bytes()).all(|(c, p)| if p == b'9' { c.is_ascii_digit() } else { c == p })
    };
    let (y, mo, d, time) = if shape("9999-99-99 99:99:99") || shape("9999-99-99T99:99:99") {
        (&t[0..4], &t[5..7], &t[8..10], &t[11..])
    } else if shape("99/99/9999 99:99:99") {
        (&t[6..10], &t[3..5], &t[0..2], &t[11..])
    } else {
        return None;
    };
    let n = |x: &str| x.parse::<u32>().ok();
    let (year, month, day) = (n(y)?, n(mo)?, n(d)?);
    let (h, mi, sec) = (n(&time[0..2])?, n(&time[3..5])?, n(&time[6..8])?);
    let days = [
        31,
        if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let real = year >= 1
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days[month as usize - 1]
        && h < 24
        && mi < 60
        && sec < 60;
    real.then(|| format!("{y}-{mo}-{d}T{time}"))
}

/// Every call of the state: the current one and the history.
fn calls(s: &State) -> impl Iterator<Item = &Call> {
    s.call.iter().chain(s.history.iter())
}

/// Checks 2–5 over one sequence.
fn check_sequence(sequence: &[Event], rng: &mut Rng) -> Outcome {
    let limit = *rng.pick(&[0, 1, 2, 3, 5, 20]);
    let mut s = State::new(limit);
    for (n, e) in sequence.iter().enumerate() {
        if rng.one_in(40) {
            s.reset();
            ensure!(s == State::new(limit), "reset is not the empty state");
            continue;
        }
        let before = s.clone();
        let changed = s.apply(e);
        ensure!(changed == (s != before), "apply said {changed} for {:?}", e.kind);
        ensure!(s.history.len() <= limit.max(1), "{} in the history (limit {limit})", s.history.len());
        let mut seen: Vec<&str> = Vec::new();
        for g in s.history.iter().filter_map(|c| c.guid.as_deref()) {
            ensure!(!seen.contains(&g), "the guid {g:?} twice in the history");
            seen.push(g);
        }
        match e.kind {
            Kind::AgentLogin | Kind::AgentLogout => {
                let agent = if e.kind == Kind::AgentLogin { Agent::LoggedIn } else { Agent::LoggedOut };
                ensure!(s.agent == agent && s.call.is_none() && s.history.is_empty(), "not reset by {:?}", e.kind);
            }
            Kind::Other => ensure!(!changed, "an unknown action changed the state"),
            Kind::SentDispositions => ensure!(s.agent == before.agent, "sentDispositions changed the agent"),
            _ => ensure!(s.agent != Agent::Unknown, "a call event left the agent unknown"),
        }
        hit_if(s.history.len() == limit.max(1), "history-full");
        hit_if(calls(&s).any(|c| c.phase == Phase::Finished && c.guid.is_some()), "finished-with-guid");

        // Check 3.
        for c in calls(&s).filter(|c| c.phase != Phase::Finished) {
            let Some(g) = &c.guid else { continue };
            let had: Vec<Phase> = calls(&before).filter(|b| b.guid.as_ref() == Some(g)).map(|b| b.phase).collect();
            ensure!(
                had.is_empty() || had.iter().any(|p| *p != Phase::Finished),
                "the finished call {g:?} is {:?} again after {:?}",
                c.phase,
                e.kind
            );
        }
        // Check 4.
        if let Some(c) = s.call.as_ref().filter(|c| c.phase == Phase::Finished && c.guid.is_some()) {
            if let Some(h) = s.history.iter().find(|h| h.guid == c.guid && h.channel == c.channel) {
                hit("finished-call-in-history");
                ensure!(h == c, "the call {:?} and its history entry differ after {:?}", c.guid, e.kind);
            }
        }
        // Check 5 after the last event, and now and then on the way (the writer costs).
        if n + 1 == sequence.len() || rng.one_in(6) {
            reparses(&s.to_value())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<String> {
        crate::corpus::load(std::path::Path::new("corpus"), "v6-uphone").unwrap()
    }

    #[test]
    fn the_seeds_pass() {
        for seed in seeds() {
            assert_eq!(V6Uphone.run(&seed, &mut Rng::new(1)), Ok(()), "{seed}");
        }
    }

    #[test]
    fn dates_read_again() {
        assert_eq!(date(" 29/02/2024 10:11:12").as_deref(), Some("2024-02-29T10:11:12"));
        assert_eq!(date("2024-02-29 10:11:12").as_deref(), Some("2024-02-29T10:11:12"));
        for bad in ["2023-02-29 10:11:12", "2024-02-29 10:11:1٣", "0000-01-01 00:00:00", "2024-05-06t10:11:12"] {
            assert_eq!(date(bad), None, "{bad}");
        }
        for d in DATES {
            assert_eq!(uphone_date(d), date(d), "{d}");
        }
    }

    fn uphone_date(d: &str) -> Option<String> {
        uphone::date(d)
    }

    #[test]
    fn generators_do_not_panic() {
        let seeds = seeds();
        let generator = Generator::new(&seeds, DICTIONARY);
        let mut rng = Rng::new(7);
        for n in 0..3000 {
            let input = V6Uphone.mutate(&seeds[n % seeds.len()], &generator, &mut rng).unwrap_or_default();
            let _ = V6Uphone.run(&input, &mut rng);
        }
    }
}
