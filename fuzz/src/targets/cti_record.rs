//! `cti::decode_record_with` and `Cti::from_json_str` (stored text, the portal's `CTI` reply,
//! the legacy global), then `Respool` edits of the record's dialer row.
//!
//! Checks:
//! 1. The policy table of `cti::decode`: empty text is `NOT_FOUND`; an envelope without a key is
//!    `BAD_KEY`; plain JSON with a key is `UNSUPPORTED_ENVELOPE` under `RefuseWhenKeyed` and the
//!    same as without a key under `Accept`; the policy changes nothing without a key.
//! 2. Sealing the input with `encrypt_with_nonce` and decoding it gives exactly what
//!    `Cti::from_json_str` gives for the input; the other key gives `WRONG_KEY`.
//! 3. Errors are only the documented codes.
//! 4. A decoded record is lossless (`to_value` and `raw` are the object `json::parse` reads, and
//!    `to_json` reads back as it), re-reads to itself, has a non-blank GUID, and its `extra`
//!    holds only keys it does not read.
//! 5. With a dialer row, `Respool::from_cti` copies the row, and after any sequence of random
//!    edits: `campaign`, `status`, `contact` and `dialerbase` never change; no number is lost or
//!    added (destination + alternatives is the same multiset); a rejected edit changes nothing;
//!    an accepted one does what it says; the JSON form has the documented keys in order, its text
//!    reads back as the same value, the value reads back as the same row, and
//!    `rest::DialersRespool` sends exactly that text; `schedule` accepts exactly the valid dates.
//!    Without a row, `from_cti` is `NOT_DIALER`.

use ucontact_bridge::cti::dialer::DIALER_KEYS;
use ucontact_bridge::cti::envelope::looks_like_envelope;
use ucontact_bridge::cti::{
    decode_record, decode_record_with, encrypt_with_nonce, Alternative, Cti, Key, PlainPolicy, Respool,
};
use ucontact_bridge::error::Error;
use ucontact_bridge::error::SealedError;
use ucontact_bridge::json::{self, Map, Value};
use ucontact_bridge::validate;
use ucontact_bridge::Result;

use super::data::representable;
use super::validate::random_datetime;
use super::{ensure, fragment, Outcome, Target};
use crate::mutate::Generator;
use crate::rng::Rng;
use crate::stats::{hit, hit_if};

pub struct CtiRecord {
    key: Key,
    other: Key,
}

impl CtiRecord {
    pub fn new() -> Self {
        Self { key: Key::from_bytes([0x42; 32]), other: Key::from_bytes([0x24; 32]) }
    }
}

const DICTIONARY: &[&str] = &[
    "\"Guid\":",
    "\"GUID\":",
    "\"guid\":",
    "\"Screen\":",
    "\"Form\":",
    "\"Campaign\":",
    "\"Callerid\":",
    "\"ParAndValues\":",
    "\"Beep\":",
    "\"Answer\":",
    "\"Channel\":",
    "\"dialer\":",
    "\"Dialer\":",
    "\"campaign\":",
    "\"destination\":",
    "\"dialerbase\":",
    "\"status\":",
    "\"data\":",
    "\"alternatives\":",
    "\"contact\":",
    "\"retries\":",
    "\"priority\":",
    "\"agentphone\":",
    "\"TRUE\"",
    "\"FALSE\"",
    "\"true\"",
    "\"1\"",
    "\"0\"",
    "\"whatsapp\"",
    "\"098344484\"",
    "\"Par1=Val1:Par2=Val2\"",
    "\"098124484:099121212\"",
    "[\"4\",5]",
    "\"Ventas->\"",
    "222",
    "9999",
];

/// The interaction keys the record reads (lowercase).
const INTERACTION_KEYS: [&str; 9] =
    ["guid", "screen", "form", "campaign", "callerid", "parandvalues", "beep", "answer", "channel"];

/// Error codes the decoders are documented to return.
const CODES: &[&str] =
    &["NOT_FOUND", "BAD_KEY", "UNSUPPORTED_ENVELOPE", "BAD_JSON", "WRONG_KEY", "TAMPERED", "TRUNCATED", "BAD_BASE64"];

impl Target for CtiRecord {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    /// Adds every record sealed under the fuzz key, so the keyed path starts from real envelopes.
    fn prepare(&mut self, seeds: &mut Vec<String>) {
        let sealed: Vec<String> = seeds
            .iter()
            .enumerate()
            .filter_map(|(i, s)| encrypt_with_nonce(&self.key, [i as u8; 12], s).ok())
            .collect();
        seeds.extend(sealed);
    }

    /// The record mutated as JSON, then as stored: plain, wrapped in a JSON string (the legacy
    /// global), or sealed under the fuzz key.
    fn mutate(&self, seed: &str, generator: &Generator, rng: &mut Rng) -> Option<String> {
        let record = generator.json_mutate(seed, rng)?;
        Some(match rng.below(4) {
            0 => Value::String(record).to_json(),
            1 => encrypt_with_nonce(&self.key, [rng.byte(); 12], &record).ok()?,
            _ => record,
        })
    }

    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let plain = Cti::from_json_str(input);
        match &plain {
            Ok(cti) => {
                hit("record");
                check_record(input, cti)?;
                respool_edits(cti, input, rng)?;
            }
            Err(e) => ensure!(e.code() == "BAD_JSON", "from_json_str failed with {}", e.code()),
        }
        self.policy_table(input)?;

        let nonce: [u8; 12] = core::array::from_fn(|_| rng.byte());
        match encrypt_with_nonce(&self.key, nonce, input) {
            Ok(sealed) => {
                ensure!(decode_record(&sealed, Some(&self.key)) == plain, "a sealed record decodes differently");
                ensure!(
                    decode_record(&sealed, Some(&self.other)) == Err(Error::Sealed(SealedError::WrongKey)),
                    "the other key opened a record"
                );
            }
            Err(e) => return Err(format!("{}:{}: sealing failed: {e}", file!(), line!())),
        }
        Ok(())
    }
}

impl CtiRecord {
    fn policy_table(&self, input: &str) -> Outcome {
        use PlainPolicy::{Accept, RefuseWhenKeyed};
        let key = Some(&self.key);
        let none = decode_record_with(input, None, RefuseWhenKeyed);
        let keyed = decode_record_with(input, key, RefuseWhenKeyed);
        let keyed_accept = decode_record_with(input, key, Accept);
        ensure!(decode_record_with(input, None, Accept) == none, "the plain policy matters without a key");
        ensure!(decode_record(input, key) == keyed, "decode_record is not RefuseWhenKeyed");
        for r in [&none, &keyed, &keyed_accept] {
            if let Err(e) = r {
                ensure!(CODES.contains(&e.code()), "undocumented error {}: {e}", e.code());
            }
        }
        let text = input.trim();
        let code = |r: &Result<Cti>| r.as_ref().err().map(Error::code);
        if text.is_empty() {
            for r in [&none, &keyed, &keyed_accept] {
                ensure!(code(r) == Some("NOT_FOUND"), "blank text gave {:?}", code(r));
            }
        } else if looks_like_envelope(text) {
            hit("envelope");
            hit_if(keyed.is_ok(), "envelope-opened");
            ensure!(code(&none) == Some("BAD_KEY"), "an envelope without a key gave {:?}", code(&none));
            ensure!(keyed == keyed_accept, "the plain policy matters for an envelope");
        } else {
            ensure!(none == Cti::from_json_str(text), "plain text without a key is not read as a record");
            ensure!(code(&keyed) == Some("UNSUPPORTED_ENVELOPE"), "plain text with a key gave {:?}", code(&keyed));
            ensure!(keyed_accept == none, "Accept does not read plain text like no key");
        }
        Ok(())
    }
}

/// Check 4 of the module docs.
fn check_record(input: &str, cti: &Cti) -> Outcome {
    let raw = match json::parse(input) {
        Ok(Value::String(inner)) => json::parse(&inner).ok(),
        Ok(v) => Some(v),
        Err(_) => None,
    };
    let Some(raw) = raw else {
        return Err(format!("{}:{}: a record was read from text that is not JSON", file!(), line!()));
    };
    ensure!(cti.to_value() == raw, "the record is not lossless");
    ensure!(json::parse(&cti.to_json()).as_ref() == Ok(&raw), "to_json does not read back as to_value");
    ensure!(cti.raw() == raw.as_object().unwrap_or(&Map::new()), "raw differs from to_value");
    ensure!(Cti::from_value(cti.to_value()).as_ref() == Ok(cti), "re-reading the record's own value changes it");
    ensure!(!cti.guid().trim().is_empty(), "a record with a blank GUID");
    ensure!(cti.is_voice() == cti.channel().is_none_or(|c| c.trim().is_empty()), "is_voice disagrees with channel");
    for (k, v) in cti.extra() {
        ensure!(!INTERACTION_KEYS.iter().any(|i| k.eq_ignore_ascii_case(i)), "extra holds the read key {k:?}");
        ensure!(raw.get(k) == Some(v), "extra holds {k:?}, which the record does not have as such");
    }
    if let Some(Value::String(s)) =
        raw.as_object().and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case("parandvalues"))).map(|(_, v)| v)
    {
        ensure!(cti.par_and_values().encode() == *s, "ParAndValues is not kept verbatim");
    }
    Ok(())
}

/// The values a Respool must never change.
type Fixed = (String, Value, Value, Value);

fn fixed(r: &Respool) -> Fixed {
    (r.campaign().to_owned(), r.status().clone(), r.contact().clone(), r.dialerbase().clone())
}

fn numbers(r: &Respool) -> Vec<String> {
    let mut all = r.alternatives().to_vec();
    all.push(r.destination().to_owned());
    all.sort();
    all
}

/// Check 5 of the module docs.
fn respool_edits(cti: &Cti, input: &str, rng: &mut Rng) -> Outcome {
    let respool = Respool::from_cti(cti);
    let Some(d) = cti.dialer() else {
        ensure!(respool == Err(Error::NotDialer), "from_cti without a dialer row gave {respool:?}");
        return Ok(());
    };
    let mut r = match respool {
        Ok(r) => r,
        Err(e) => return Err(format!("{}:{}: from_cti failed on a record with a dialer row: {e}", file!(), line!())),
    };
    ensure!(
        r.campaign() == d.campaign()
            && r.destination() == d.destination()
            && r.dialerbase() == d.dialerbase()
            && r.status() == d.status()
            && r.data() == d.data()
            && r.alternatives() == d.alternatives()
            && r.contact() == d.contact()
            && (r.retries(), r.priority(), r.agentphone()) == (d.retries(), d.priority(), d.agentphone()),
        "from_cti does not copy the dialer row"
    );
    hit("dialer");
    let (fixed_values, all_numbers) = (fixed(&r), numbers(&r));
    check_row(&r, &fixed_values, &all_numbers)?;
    for _ in 0..rng.small(24) {
        let before = r.clone();
        let accepted = edit(&mut r, &before, input, rng)?;
        hit(if accepted { "edit-accepted" } else { "edit-rejected" });
        if !accepted {
            ensure!(r == before, "a rejected edit changed the row");
        }
        check_row(&r, &fixed_values, &all_numbers)?;
    }
    Ok(())
}

/// Applies one random edit and checks its documented effect; returns whether it was accepted.
fn edit(r: &mut Respool, before: &Respool, input: &str, rng: &mut Rng) -> Result<bool, String> {
    let alts = before.alternatives().to_vec();
    let text = |rng: &mut Rng| fragment(input, rng, DICTIONARY);
    let accepted = match rng.below(9) {
        0 => {
            let i = rng.below(alts.len() + 2);
            let ok = r.promote(Alternative::Index(i)).is_ok();
            ensure!(ok == (i < alts.len()), "promote(index {i}) of {} alternatives: ok = {ok}", alts.len());
            if ok {
                ensure!(
                    r.destination() == alts[i] && r.alternatives()[i] == before.destination(),
                    "promote did not swap"
                );
                ensure!(r.retries() == 0, "promote did not reset retries");
            }
            ok
        }
        1 => {
            let n = if !alts.is_empty() && rng.one_in(2) { format!(" {} ", rng.pick(&alts)) } else { text(rng) };
            let ok = r.promote(n.as_str()).is_ok();
            ensure!(ok == alts.iter().any(|a| a == n.trim()), "promote({n:?}) of {alts:?}: ok = {ok}");
            ok
        }
        2 => {
            let mut order = alts.clone();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            match rng.below(6) {
                0 if !order.is_empty() => drop(order.remove(rng.below(order.len()))),
                1 if !order.is_empty() => order.push(rng.pick(&alts).clone()),
                2 => order.push(text(rng)),
                3 if !order.is_empty() => order[0] = format!("\t{}\u{a0}", order[0]),
                _ => {}
            }
            let ok = r.reorder_alternatives(&order).is_ok();
            let mut wanted: Vec<&str> = order.iter().map(|s| s.trim()).collect();
            let mut current: Vec<&str> = alts.iter().map(String::as_str).collect();
            wanted.sort_unstable();
            current.sort_unstable();
            ensure!(ok == (wanted == current), "reorder({order:?}) of {alts:?}: ok = {ok}");
            if ok {
                ensure!(r.alternatives().iter().eq(order.iter().map(|s| s.trim())), "reorder did not apply the order");
            }
            ok
        }
        3 => {
            let n = rng.next_u64() as u32;
            r.set_retries(n);
            ensure!(r.retries() == n, "set_retries did not set");
            true
        }
        4 => {
            let random = rng.next_u64() as u32;
            let p = *rng.pick(&[0, 1, 2, 3, u32::MAX, random]);
            let ok = r.set_priority(p).is_ok();
            ensure!(ok == (p > 1), "set_priority({p}): ok = {ok}");
            ensure!(!ok || r.priority() == p, "set_priority did not set");
            ok
        }
        5 => {
            let (k, v) = (text(rng), text(rng));
            let ok = r.set_data(&k, &v).is_ok();
            ensure!(ok == representable(&k, &v), "set_data({k:?}, {v:?}): ok = {ok}");
            ensure!(!ok || r.data().get(&k) == Some(v.as_str()), "set_data did not set");
            ok
        }
        6 => {
            let k = match before.data().pairs().next() {
                Some((key, _)) if rng.one_in(2) => key.to_owned(),
                _ => text(rng),
            };
            let existed = r.remove_data(&k);
            ensure!(existed == before.data().get(&k).is_some(), "remove_data({k:?}) answered {existed}");
            ensure!(r.data().get(&k).is_none(), "remove_data left {k:?}");
            true
        }
        7 => {
            let p = if rng.one_in(2) {
                format!(" {}{} ", rng.range(1000, 1999), rng.pick(&["", "#", "*9"]))
            } else {
                text(rng)
            };
            let ok = r.set_agentphone(&p).is_ok();
            let valid = p.trim().is_empty() || validate::phone("agentphone", p.trim()).is_ok();
            ensure!(ok == valid, "set_agentphone({p:?}): ok = {ok}");
            ensure!(!ok || r.agentphone() == p.trim(), "set_agentphone did not set the trimmed phone");
            ok
        }
        _ => {
            let date = if rng.one_in(3) { text(rng) } else { random_datetime(rng) };
            let valid = validate::parse_datetime(&date).is_some();
            match r.schedule(&date) {
                Ok(s) => {
                    ensure!(valid, "schedule accepted the date {date:?}");
                    ensure!(s.call_date() == date && s.respool() == before, "the schedule does not hold its parts");
                    let v = s.to_value();
                    let keys: Vec<&str> =
                        v.as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
                    ensure!(
                        keys == ["calldate", "campaign", "destination", "alternatives", "agentphone", "data"],
                        "schedule keys {keys:?}"
                    );
                    ensure!(
                        v.get("destination").and_then(Value::as_str) == Some(r.destination())
                            && v.get("alternatives").and_then(Value::as_str) == Some(r.alternatives_text().as_str()),
                        "schedule numbers differ from the row"
                    );
                }
                Err(e) => ensure!(!valid && e.code() == "INVALID_ARGUMENT", "schedule({date:?}) failed: {e}"),
            }
            false // Scheduling never changes the row.
        }
    };
    Ok(accepted)
}

/// What must hold after every edit.
fn check_row(r: &Respool, fixed_values: &Fixed, all_numbers: &[String]) -> Outcome {
    ensure!(&fixed(r) == fixed_values, "campaign, status, contact or dialerbase changed");
    ensure!(numbers(r) == all_numbers, "a number was lost or added: {:?} vs {all_numbers:?}", numbers(r));
    let v = r.to_value();
    let keys: Vec<&str> = v.as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
    ensure!(keys == DIALER_KEYS, "the Respool object has keys {keys:?}");
    ensure!(json::parse(&r.to_json()).as_ref() == Ok(&v), "to_json does not read back as to_value");
    let record: Map = [("Guid", Value::from("g")), ("dialer", v.clone())].into_iter().collect();
    match Cti::from_value(Value::Object(record)).and_then(|c| Respool::from_cti(&c)) {
        Ok(back) => ensure!(&back == r, "the Respool object reads back as a different row"),
        Err(e) => {
            return Err(format!("{}:{}: the Respool object does not read back: {e}\n  object: {v}", file!(), line!()))
        }
    }
    // The REST request takes the typed row as it is and sends its own JSON text.
    let mut form = ucontact_bridge::rest::Form::new();
    let sent =
        ucontact_bridge::rest::Endpoint::form(&ucontact_bridge::rest::DialersRespool::from(r.clone()), &mut form);
    ensure!(
        sent.is_ok() && form.get("callspool") == Some(r.to_json().as_str()),
        "rest::DialersRespool changes the row"
    );
    Ok(())
}
