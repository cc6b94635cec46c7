//! `cti::envelope`: the `ucb2.` AES-256-GCM envelope parser and `Key::parse`.
//!
//! Seeds: every corpus text that is not already an envelope is sealed with
//! `encrypt_with_nonce` under the fuzz key (distinct nonces), and every envelope that opens is
//! remembered as (nonce → plaintext). A structure-aware mutation decodes the base64 body and
//! changes the raw bytes (bit flips, cuts, extensions, another seed's nonce, ciphertext or check
//! value, another base64 alphabet or prefix) before the generic text mutations.
//!
//! Checks:
//! 1. **No forgery**: when `decrypt` accepts a text, its nonce belongs to a seed and the
//!    plaintext is that seed's: a mutated envelope is either rejected or opens to the original.
//! 2. The other key never opens anything.
//! 3. Errors are the documented ones, and where the format decides which, the right one: text
//!    not starting with `ucb2.` is `TRUNCATED` (a prefix of `ucb2.`) or `UNSUPPORTED_ENVELOPE`,
//!    and a retired `ucb1.` envelope is refused with the reason that says so; `WRONG_KEY` only
//!    when the check value differs from the key's, `TAMPERED` only when it matches.
//! 4. `Key::parse` accepts exactly 64 hex digits or base64 (standard or URL-safe, padding
//!    optional) of 32 bytes, after trimming; a parsed key survives `expose_base64` → `parse`;
//!    its `Debug` is redacted; failures are `BAD_KEY`.

use std::collections::HashMap;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;
use ucontact_bridge::cti::envelope::{KCV_LEN, NONCE_LEN, PREFIX};
use ucontact_bridge::cti::{decrypt, encrypt_with_nonce, Key};
use ucontact_bridge::error::Error;
use ucontact_bridge::error::SealedError;

use super::{ensure, Outcome, Target};
use crate::mutate::Generator;
use crate::rng::Rng;
use crate::stats::hit;

pub struct CtiEnvelope {
    key: Key,
    other: Key,
    /// Nonce → the plaintexts sealed under it (one, unless the corpus reuses a nonce).
    known: HashMap<[u8; NONCE_LEN], Vec<String>>,
    /// The raw bytes (after base64) of every seed envelope, for splicing.
    raws: Vec<Vec<u8>>,
}

impl CtiEnvelope {
    pub fn new() -> Self {
        Self {
            key: Key::from_bytes([0x42; 32]),
            other: Key::from_bytes([0x24; 32]),
            known: HashMap::new(),
            raws: Vec::new(),
        }
    }
}

const DICTIONARY: &[&str] =
    &["ucb2.", "ucb2", "ucb", "UCB2.", "ucb20.", "ucb1.", "=", "==", "+", "/", "-", "_", "AAAA", " ", "\n"];

/// What `decrypt` is documented to fail with.
const CODES: &[&str] = &["UNSUPPORTED_ENVELOPE", "TRUNCATED", "BAD_BASE64", "WRONG_KEY", "TAMPERED", "BAD_JSON"];

/// The raw bytes of an envelope text, when it is `ucb2.` + canonical standard base64.
fn raw_of(text: &str) -> Option<Vec<u8>> {
    STANDARD.decode(text.trim().strip_prefix(PREFIX)?).ok()
}

impl Target for CtiEnvelope {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    fn prepare(&mut self, seeds: &mut Vec<String>) {
        let plaintexts: Vec<String> = seeds.iter().filter(|s| !s.trim().starts_with("ucb")).cloned().collect();
        for (i, text) in plaintexts.iter().enumerate() {
            let mut nonce = [0xf0u8; NONCE_LEN];
            nonce[NONCE_LEN - 4..].copy_from_slice(&(i as u32).to_be_bytes());
            if let Ok(sealed) = encrypt_with_nonce(&self.key, nonce, text) {
                seeds.push(sealed);
            }
        }
        for seed in seeds.iter() {
            if let (Ok(plain), Some(raw)) = (decrypt(&self.key, seed), raw_of(seed)) {
                let nonce: [u8; NONCE_LEN] = raw[KCV_LEN..KCV_LEN + NONCE_LEN].try_into().unwrap_or_default();
                self.known.entry(nonce).or_default().push(plain);
                self.raws.push(raw);
            }
        }
    }

    fn mutate(&self, seed: &str, _generator: &Generator, rng: &mut Rng) -> Option<String> {
        let mut raw = raw_of(seed)?;
        let other = if self.raws.is_empty() { raw.clone() } else { rng.pick(&self.raws).clone() };
        for _ in 0..1 + rng.small(3) {
            let len = raw.len();
            match rng.below(8) {
                0 if len > 0 => raw[rng.below(len)] ^= 1 << rng.below(8),
                1 => raw.truncate(rng.below(len + 1)),
                2 => raw.extend((0..1 + rng.small(40)).map(|_| rng.byte())),
                3 if len >= KCV_LEN + NONCE_LEN && other.len() >= KCV_LEN + NONCE_LEN => {
                    raw[KCV_LEN..KCV_LEN + NONCE_LEN].copy_from_slice(&other[KCV_LEN..KCV_LEN + NONCE_LEN]);
                }
                4 if len >= KCV_LEN + NONCE_LEN && other.len() >= KCV_LEN + NONCE_LEN => {
                    raw.truncate(KCV_LEN + NONCE_LEN);
                    raw.extend_from_slice(&other[KCV_LEN + NONCE_LEN..]);
                }
                5 if len >= KCV_LEN => raw[..KCV_LEN].copy_from_slice(&self.other.check_value()),
                6 if len > 0 => {
                    let i = rng.below(len);
                    raw.remove(i);
                }
                _ => {}
            }
        }
        let body = match rng.below(10) {
            0 => STANDARD_NO_PAD.encode(&raw),
            1 => URL_SAFE.encode(&raw),
            2 => URL_SAFE_NO_PAD.encode(&raw),
            _ => STANDARD.encode(&raw),
        };
        let prefix =
            *rng.pick(&[PREFIX, PREFIX, PREFIX, PREFIX, "ucb1.", "ucb3.", "UCB2.", " ucb2.", "ucb2. ", "ucb2"]);
        Some(format!("{prefix}{body}"))
    }

    fn run(&self, input: &str, _rng: &mut Rng) -> Outcome {
        let text = input.trim();
        match decrypt(&self.key, input) {
            Ok(plain) => {
                hit("opened");
                let nonce = raw_of(input).and_then(|raw| raw.get(KCV_LEN..KCV_LEN + NONCE_LEN).map(<[u8]>::to_vec));
                let expected =
                    nonce.and_then(|n| <[u8; NONCE_LEN]>::try_from(n.as_slice()).ok()).and_then(|n| self.known.get(&n));
                ensure!(
                    expected.is_some_and(|ps| ps.contains(&plain)),
                    "FORGERY: a mutated envelope opened to a plaintext no seed holds: {plain:?}"
                );
            }
            Err(e) => {
                hit(e.code());
                ensure!(CODES.contains(&e.code()), "undocumented error {}: {e}", e.code());
                if !text.starts_with(PREFIX) {
                    let want = if PREFIX.starts_with(text) { "TRUNCATED" } else { "UNSUPPORTED_ENVELOPE" };
                    ensure!(e.code() == want, "{text:?} gave {} instead of {want}", e.code());
                }
                if text.starts_with("ucb1.") {
                    hit("retired-ucb1");
                    let retired = matches!(e, Error::Sealed(SealedError::UnsupportedEnvelope { reason }) if reason.contains("re-seal"));
                    ensure!(retired, "a ucb1 envelope was not refused as retired: {e}");
                }
                let kcv_matches = raw_of(input).and_then(|raw| raw.get(..KCV_LEN).map(|k| k == self.key.check_value()));
                match e.code() {
                    "WRONG_KEY" => ensure!(kcv_matches == Some(false), "WRONG_KEY with a matching check value"),
                    "TAMPERED" => ensure!(kcv_matches == Some(true), "TAMPERED with a check value that does not match"),
                    _ => {}
                }
            }
        }
        ensure!(decrypt(&self.other, input).is_err(), "the other key opened an envelope");
        check_key_parse(input)
    }
}

fn check_key_parse(input: &str) -> Outcome {
    let text = input.trim();
    let hex = text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit());
    let b64 = [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .any(|e| e.decode(text).is_ok_and(|b| b.len() == 32));
    match Key::parse(input) {
        Ok(key) => {
            hit("key");
            ensure!(hex || b64, "Key::parse accepted {text:?}");
            let again = Key::parse(&key.expose_base64());
            ensure!(
                again.is_ok_and(|k| k.expose_base64() == key.expose_base64()),
                "a key does not survive expose_base64"
            );
            ensure!(format!("{key:?}") == "Key(<redacted>)", "Key's Debug shows something");
        }
        Err(e) => {
            ensure!(!hex && !b64, "Key::parse refused {text:?}: {e}");
            ensure!(e.code() == "BAD_KEY", "Key::parse failed with {}", e.code());
        }
    }
    Ok(())
}
