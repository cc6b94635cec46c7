//! The fuzz targets: one per parser of foreign input, each with the invariants it checks.
//!
//! - [`envelope`]: `wire::envelope::decode`, and `encode` → `decode` round trips.
//! - [`reply`]: `wire::Reply::classify` and `wire::Action::from_data`.
//! - [`origin`]: `wire::origin::{check, of_url, choose}`.
//! - [`cti_record`]: `cti::decode_record_with`, `Cti::from_json_str`, and `Respool` edits.
//! - [`cti_envelope`]: `cti::envelope::decrypt` over mutated sealed records, and `Key::parse`.
//! - [`data`]: the `k=v:k=v` codec (`DataParams`, `parse_pairs`, `encode_pairs`).
//! - [`base_file`]: `rest::BaseFile::build` against the documented format.
//! - [`rest_responses`]: `Endpoint::parse` of every REST endpoint, and `rest::redact_secrets`.
//! - [`validate`]: the shared field validators, `rest::Token::new`, `rest::recording_folder`.
//! - [`json`]: the library's own JSON parser and writer, differentially against serde_json.
//! - [`json_wide`]: wide objects and repeated keys, against the plain rule and serde_json.
//! - [`v6_interaction`]: `v6::forms::normalize` (the Inbox interaction) and `v6::events::read`.
//! - [`v6_uphone`]: `v6::uphone::read` and the `v6::state::State` machine over event sequences.
//! - [`heap`]: the wasm allocator (`ucb-heap`) over random alloc/realloc/free sequences, against
//!   a model of its documented rules (not a parser: its input is a program of calls).
//!
//! A target gets one generated input and its own [`Rng`] (for choices such as an HTTP status or
//! a sequence of edits). It returns `Err` when a check fails; a panic anywhere is caught and
//! counted by the runner.

use crate::mutate::Generator;
use crate::rng::Rng;

pub mod base_file;
pub mod cti_envelope;
pub mod cti_record;
pub mod data;
pub mod envelope;
pub mod heap;
pub mod json;
pub mod json_wide;
pub mod origin;
pub mod reply;
pub mod rest_responses;
pub mod v6_interaction;
pub mod v6_uphone;
pub mod validate;

/// What one case gives: `Err` describes a broken invariant (`file:line: what`).
pub type Outcome = Result<(), String>;

/// A fuzz target.
pub trait Target {
    /// Tokens the mutator may insert, on top of the shared ones.
    fn dictionary(&self) -> &'static [&'static str] {
        &[]
    }

    /// Called once with the corpus seeds before fuzzing: a target may add seeds of its own and
    /// learn from them.
    fn prepare(&mut self, _seeds: &mut Vec<String>) {}

    /// A structure-aware mutation of a seed, tried for a share of the cases (`generator` offers
    /// the JSON-level mutation); `None` falls back to the generic mutations.
    fn mutate(&self, _seed: &str, _generator: &Generator, _rng: &mut Rng) -> Option<String> {
        None
    }

    /// Runs one input through the parsers and checks what they answer.
    fn run(&self, input: &str, rng: &mut Rng) -> Outcome;
}

/// A target's name, one line about it, and how to make it.
pub struct Spec {
    pub name: &'static str,
    pub about: &'static str,
    pub make: fn() -> Box<dyn Target>,
}

/// Every target, in the order they are reported.
pub fn all() -> Vec<Spec> {
    vec![
        Spec {
            name: "envelope",
            about: "Porthole envelope decode, encode round trip",
            make: || Box::new(envelope::Envelope),
        },
        Spec { name: "reply", about: "Reply::classify and Action::from_data", make: || Box::new(reply::ReplyTarget) },
        Spec { name: "origin", about: "origin check, of_url, choose", make: || Box::new(origin::Origin) },
        Spec {
            name: "cti-record",
            about: "CTI record decoding and Respool edits",
            make: || Box::new(cti_record::CtiRecord::new()),
        },
        Spec {
            name: "cti-envelope",
            about: "ucb2. AES-256-GCM envelope and Key::parse",
            make: || Box::new(cti_envelope::CtiEnvelope::new()),
        },
        Spec { name: "data", about: "the k=v:k=v codec", make: || Box::new(data::Data) },
        Spec {
            name: "base-file",
            about: "BaseFile::build against the documented format",
            make: || Box::new(base_file::BaseFileTarget::new()),
        },
        Spec {
            name: "rest-responses",
            about: "every REST response parser and redact_secrets",
            make: || Box::new(rest_responses::RestResponses::new()),
        },
        Spec {
            name: "validate",
            about: "field validators, Token::new, recording_folder",
            make: || Box::new(validate::Validate),
        },
        Spec {
            name: "json",
            about: "json::parse and the writer against serde_json",
            make: || Box::new(json::JsonTarget),
        },
        Spec {
            name: "json-wide",
            about: "wide objects and repeated keys against the quadratic rule and serde_json",
            make: || Box::new(json_wide::JsonWide),
        },
        Spec {
            name: "v6-interaction",
            about: "v6 forms::normalize and events::read",
            make: || Box::new(v6_interaction::V6Interaction),
        },
        Spec {
            name: "v6-uphone",
            about: "v6 uphone::read and the call State machine",
            make: || Box::new(v6_uphone::V6Uphone),
        },
        Spec {
            name: "heap",
            about: "the wasm allocator over alloc/realloc/free sequences, against a model",
            make: || Box::new(heap::Heap::new()),
        },
    ]
}

/// Returns `Err("file:line: message")` from the enclosing function when `cond` is false.
macro_rules! ensure {
    ($cond:expr, $($fmt:tt)+) => {
        if !$cond {
            return Err(format!("{}:{}: {}", file!(), line!(), format_args!($($fmt)+)));
        }
    };
}
pub(crate) use ensure;

/// A short piece of text for building structured values (rows, pairs, secrets): a slice of the
/// input, a token, odd Unicode, or empty.
pub fn fragment(input: &str, rng: &mut Rng, tokens: &[&str]) -> String {
    match rng.below(8) {
        0 => String::new(),
        1 | 2 => (*rng.pick(tokens)).to_owned(),
        3 => (*rng.pick(crate::mutate::UNICODE)).to_owned(),
        4 => format!("{}{}", slice(input, rng), rng.pick(tokens)),
        _ => slice(input, rng).to_owned(),
    }
}

/// A random, usually short, slice of `text` on character boundaries.
pub fn slice<'a>(text: &'a str, rng: &mut Rng) -> &'a str {
    if text.is_empty() {
        return text;
    }
    let mut a = rng.below(text.len());
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (a + rng.small(24)).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    &text[a..b]
}

/// `true` when `c` is a control character other than tab (what the validators refuse).
pub fn is_bad_control(c: char) -> bool {
    c.is_control() && c != '\t'
}
