//! `wire::envelope`: the Porthole envelope decoder (what a hostile frame posts first).
//!
//! Checks:
//! 1. `decode` never panics; it fails only with `BAD_MESSAGE`, and always for text over
//!    `MAX_MESSAGE_BYTES`. Otherwise it accepts exactly the texts that `json::parse` reads as
//!    an object with the five keys and nothing else, the four addressing ones strings.
//! 2. When it succeeds, `encode(data, meta)` writes porthole's key order
//!    (`data`, `sourceOrigin`, `targetOrigin`, `sourceWindowName`, `targetWindowName`), and
//!    decodes back to the **same** envelope; encoding that again gives the same text.
//! 3. The same round trip for envelopes built here from random metadata (any Unicode) and a
//!    `data` value taken from the input.
//! 4. `envelope::data_object` agrees with the shape of `data`.

use ucontact_bridge::json::{self, Value};
use ucontact_bridge::wire::envelope::{self, EnvelopeMeta, MAX_MESSAGE_BYTES};

use super::{ensure, fragment, Outcome, Target};
use crate::mutate::Generator;
use crate::rng::Rng;
use crate::stats::hit;

pub struct Envelope;

const DICTIONARY: &[&str] = &[
    "\"data\":",
    "\"sourceOrigin\":",
    "\"targetOrigin\":",
    "\"sourceWindowName\":",
    "\"targetWindowName\":",
    "\"action\":",
    "\"call\"",
    "\"callWithPhone\"",
    "\"hangup\"",
    "\"tag\"",
    "\"CTI\"",
    "\"respool\"",
    "\"schedule\"",
    "\"campaign\":",
    "\"callerid\":",
    "\"destination\":",
    "\"guid\":",
    "\"message\":",
    "\"objetoRespool\":",
    "\"callDate\":",
    "\"objectDialer\":",
    "\"http://127.0.0.1:8700\"",
    "\"https://acme.ucontactcloud.com\"",
    "\"*\"",
    "\"7e4e7db9-f080-494e-b04b-7c8e47711558\"",
    "\"2016-10-10 15:00:00\"",
    "\"crm\"",
];

impl Target for Envelope {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    /// Keeps the frame valid and mutates `data` as JSON (the decoder is strict about the frame,
    /// so generic mutations rarely get past it); rarely, pads past the size limit.
    fn mutate(&self, seed: &str, generator: &Generator, rng: &mut Rng) -> Option<String> {
        if rng.one_in(500) {
            return Some(format!("{seed}{}", " ".repeat(MAX_MESSAGE_BYTES)));
        }
        let env = envelope::decode(seed).ok()?;
        let data = json::parse(&generator.json_mutate(&env.data.to_json(), rng)?).ok()?;
        Some(envelope::encode(&data, &env.meta))
    }

    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let decoded = envelope::decode(input);
        if input.len() > MAX_MESSAGE_BYTES {
            hit("oversized");
            ensure!(decoded.is_err(), "a message over MAX_MESSAGE_BYTES was accepted");
        }
        let expected = input.len() <= MAX_MESSAGE_BYTES && is_envelope(input);
        ensure!(decoded.is_ok() == expected, "decode accepted: {}, the JSON shape says {expected}", decoded.is_ok());
        match decoded {
            Err(e) => ensure!(e.code() == "BAD_MESSAGE", "decode failed with {} ({e})", e.code()),
            Ok(env) => {
                hit("decoded");
                round_trip(&env.data, &env.meta)?;
                let object = envelope::data_object(&env.data);
                ensure!(object.is_ok() == env.data.is_object(), "data_object disagrees with the data's shape");
            }
        }
        // Our own envelope around whatever the input is as data.
        let data = json::parse(input).unwrap_or_else(|_| Value::String(input.to_owned()));
        let tokens = DICTIONARY;
        let meta = EnvelopeMeta {
            source_origin: fragment(input, rng, tokens),
            target_origin: fragment(input, rng, tokens),
            source_window_name: fragment(input, rng, tokens),
            target_window_name: fragment(input, rng, tokens),
        };
        round_trip(&data, &meta)
    }
}

/// An independent statement of the envelope's shape: a JSON object with `data` and the four
/// addressing keys as strings, and no other key (a repeated key counts once, its last value).
fn is_envelope(input: &str) -> bool {
    const META: [&str; 4] = ["sourceOrigin", "targetOrigin", "sourceWindowName", "targetWindowName"];
    match json::parse(input) {
        Ok(Value::Object(m)) => {
            m.len() == 5 && m.contains_key("data") && META.iter().all(|k| m.get(k).is_some_and(Value::is_string))
        }
        _ => false,
    }
}

/// `encode` → `decode` gives back `data` and `meta`, with porthole's key order.
fn round_trip(data: &Value, meta: &EnvelopeMeta) -> Outcome {
    let text = envelope::encode(data, meta);
    let tail = format!(
        ",\"sourceOrigin\":{},\"targetOrigin\":{},\"sourceWindowName\":{},\"targetWindowName\":{}}}",
        Value::String(meta.source_origin.clone()),
        Value::String(meta.target_origin.clone()),
        Value::String(meta.source_window_name.clone()),
        Value::String(meta.target_window_name.clone()),
    );
    ensure!(
        text.starts_with("{\"data\":") && text.ends_with(&tail),
        "encode does not use porthole's key order: {text}"
    );
    if text.len() > MAX_MESSAGE_BYTES {
        return Ok(()); // Too big to decode by design; nothing more to compare.
    }
    match envelope::decode(&text) {
        Ok(back) => {
            ensure!(&back.meta == meta, "meta changed in the round trip");
            ensure!(
                &back.data == data,
                "data changed in the round trip:\n  before: {data}\n  after:  {}\n  text:   {text}",
                back.data
            );
            let again = envelope::encode(&back.data, &back.meta);
            ensure!(again == text, "encoding is not stable:\n  first:  {text}\n  second: {again}");
        }
        Err(e) => {
            return Err(format!("{}:{}: an encoded envelope does not decode: {e}\n  text: {text}", file!(), line!()))
        }
    }
    Ok(())
}
