//! From stored text to a [`Cti`]: the one entry point that decides between the encrypted envelope
//! and plain JSON.
//!
//! | input (surrounding whitespace ignored)   | no key configured          | key configured                   |
//! |------------------------------------------|----------------------------|----------------------------------|
//! | empty                                    | [`Error::NotFound`]        | [`Error::NotFound`]              |
//! | `ucb2.…`                                 | [`Error::BadKey`] (no key) | decrypted, then read as a record |
//! | `ucb1.…` (retired), `ucb<n>.…` (unknown) | [`Error::BadKey`] (no key) | [`SealedError::UnsupportedEnvelope`]   |
//! | anything else (plain JSON)               | read as a record           | refused by default (see below)   |
//!
//! **Plain JSON while a key is configured.** A CRM that configured a key expects the record to be
//! encrypted; accepting plain JSON then would let anyone who can write the storage slot replace
//! the record without the key (a downgrade). So the default, [`PlainPolicy::RefuseWhenKeyed`],
//! refuses it with [`SealedError::UnsupportedEnvelope`]. [`PlainPolicy::Accept`] is for migrations and
//! for sources that are plain by nature (the v5 global `CTI` string).
//!
//! Plain JSON is the record object, or a JSON string holding it (see [`Cti::from_json_str`]).
//! Nothing partial is returned: any failure is an error for the whole record.

use super::envelope::{self, Cipher, Key};
use super::record::Cti;
use crate::error::SealedError;
use crate::error::{Error, Result};

/// What to do with a plain-JSON record when a key is configured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlainPolicy {
    /// Refuse it (the default): with a key, only envelopes are trusted.
    #[default]
    RefuseWhenKeyed,
    /// Accept it even though a key is configured.
    Accept,
}

/// Decodes stored text with the default policy (plain JSON refused when `key` is set).
pub fn decode_record(input: &str, key: Option<&Key>) -> Result<Cti> {
    decode_record_with(input, key, PlainPolicy::default())
}

/// Decodes stored text with an explicit policy for plain JSON.
pub fn decode_record_with(input: &str, key: Option<&Key>, plain: PlainPolicy) -> Result<Cti> {
    decode_with_cipher(input, key.map(Cipher::new).as_ref(), plain)
}

/// [`decode_record_with`] with a key made ready once ([`Cipher`]): for many records.
pub fn decode_with_cipher(input: &str, cipher: Option<&Cipher>, plain: PlainPolicy) -> Result<Cti> {
    super::record::check_size(input)?;
    let text = input.trim();
    if text.is_empty() {
        return Err(Error::NotFound { reason: "the record text is empty" });
    }
    if envelope::looks_like_envelope(text) {
        let Some(cipher) = cipher else {
            return Err(Error::BadKey { reason: "the record is encrypted but no key is configured" });
        };
        return Cti::from_json_str(&cipher.open(text)?);
    }
    if cipher.is_some() && plain == PlainPolicy::RefuseWhenKeyed {
        return Err(Error::Sealed(SealedError::UnsupportedEnvelope {
            reason: "a key is configured, so a plain (unencrypted) record is refused",
        }));
    }
    Cti::from_json_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cti::envelope::{encrypt, encrypt_with_nonce};
    use crate::cti::MAX_RECORD_BYTES;
    use crate::error::Error;

    const RECORD: &str = r#"{"Guid":"g-1","Campaign":"Ventas<-","Beep":"TRUE"}"#;

    fn key() -> Key {
        Key::from_bytes([5; 32])
    }

    #[test]
    fn records_over_one_mib_are_refused_unread() {
        // A valid record padded past the bound, plain and sealed.
        let pad = " ".repeat(MAX_RECORD_BYTES);
        let plain = [RECORD, &pad].concat();
        let too_large =
            |r: Result<Cti>| matches!(r, Err(Error::BadJson { reason }) if reason.contains("larger than 1 MiB"));
        assert!(too_large(decode_record(&plain, None)));
        assert!(too_large(Cti::from_json_str(&plain)));
        let sealed = encrypt(&key(), &plain).unwrap();
        assert!(too_large(decode_record(&sealed, Some(&key()))));
        // Just under it, the same record reads.
        let fits = [RECORD, &pad[..MAX_RECORD_BYTES - RECORD.len()]].concat();
        assert_eq!(decode_record(&fits, None).unwrap().guid(), "g-1");
    }

    #[test]
    fn policy_table() {
        let k = key();
        let env = encrypt(&k, RECORD).unwrap();
        let legacy_global = crate::json::Value::from(RECORD).to_json(); // a JSON string holding the record
        let ok = |r: Result<Cti>| r.map(|c| c.guid().to_owned());
        assert_eq!(ok(decode_record(RECORD, None)), Ok("g-1".into()));
        assert_eq!(ok(decode_record(&format!("\n {RECORD} \n"), None)), Ok("g-1".into()));
        assert_eq!(ok(decode_record(&legacy_global, None)), Ok("g-1".into()));
        assert_eq!(ok(decode_record(&env, Some(&k))), Ok("g-1".into()));
        assert_eq!(decode_record(&env, None).unwrap_err().code(), "BAD_KEY");
        assert_eq!(decode_record(RECORD, Some(&k)).unwrap_err().code(), "UNSUPPORTED_ENVELOPE");
        assert_eq!(ok(decode_record_with(RECORD, Some(&k), PlainPolicy::Accept)), Ok("g-1".into()));
        assert_eq!(decode_record("ucb9.AAAA", Some(&k)).unwrap_err().code(), "UNSUPPORTED_ENVELOPE");
        assert_eq!(decode_record("ucb9.AAAA", None).unwrap_err().code(), "BAD_KEY");
        assert_eq!(decode_record(" ucb1.AAAA\n", Some(&k)).unwrap_err().code(), "UNSUPPORTED_ENVELOPE");
        assert_eq!(decode_record("ucb1.AAAA", None).unwrap_err().code(), "BAD_KEY");
        assert_eq!(decode_record("  ", Some(&k)).unwrap_err().code(), "NOT_FOUND");
        assert_eq!(decode_record("not json", None).unwrap_err().code(), "BAD_JSON");
        assert_eq!(decode_record(&env, Some(&Key::from_bytes([6; 32]))), Err(Error::Sealed(SealedError::WrongKey)));
    }

    #[test]
    fn bad_json_inside_a_valid_envelope() {
        let k = key();
        for inner in
            ["", "not json", "[1,2]", "42", r#"{"NoGuid":1}"#, r#"{"Guid":"g","Beep":"maybe"}"#, "{\"Guid\":\"g\""]
        {
            let env = encrypt_with_nonce(&k, [1; 12], inner).unwrap();
            assert_eq!(decode_record(&env, Some(&k)).unwrap_err().code(), "BAD_JSON", "{inner}");
        }
    }
}
