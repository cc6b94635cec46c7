//! The encrypted envelope for CTI records (format `ucb2`).
//!
//! uContact does not publish how it encrypts the record it keeps in LocalStorage, so this project
//! defines its own envelope, with a key the integrator supplies:
//!
//! ```text
//! envelope = "ucb2." base64( kcv[4] ‖ nonce[12] ‖ ciphertext[n] ‖ tag[16] )
//! kcv      = first 4 bytes of AES-256(key, KCV_BLOCK)             (key check value)
//! KCV_BLOCK = "ucb2 kcv" ‖ 8 zero bytes                           (16 bytes, see point 7)
//! sealed   = AES-256-GCM(key, nonce, plaintext = UTF-8 text, associated data = "ucb2." ‖ kcv)
//! ```
//!
//! 1. **Text, versioned.** The prefix names the format; a later format gets a new prefix
//!    (`ucb3.`), and an unknown one is [`SealedError::UnsupportedEnvelope`], never a guess. The
//!    retired `ucb1.` is refused the same way, with a reason that says to re-seal with `ucb2.`.
//! 2. **Base64** is the standard alphabet with `=` padding, required and canonical (unused bits
//!    zero), so every envelope has exactly one spelling and no altered character can decode to the
//!    same bytes. Whitespace around the envelope is ignored; inside it, it is an error.
//! 3. **Wrong key vs tampering.** The key check value lets decryption say [`SealedError::WrongKey`]
//!    instead of a generic failure. It reveals nothing useful about the key nor about GCM's hash
//!    key (point 7) and, being part of the associated data together with the prefix, it is
//!    authenticated. A flipped check-value byte therefore reads as a wrong key; any other altered
//!    byte fails the GCM tag and is [`SealedError::Tampered`].
//! 4. **Other failures**: [`SealedError::Truncated`] when fewer than 32 bytes (4 + 12 + 16) remain or the
//!    text stops inside the prefix, [`SealedError::BadBase64`], and [`Error::BadJson`] when authentic
//!    bytes are not UTF-8 (the record layer then checks the JSON). A cut at a 4-character
//!    boundary that still leaves 32 bytes is indistinguishable from tampering and is reported as
//!    [`SealedError::Tampered`].
//! 5. **Nonces** are 12 random bytes from the platform's CSPRNG per envelope (`getrandom`; in the
//!    browser `crypto.getRandomValues`). [`encrypt_with_nonce`] exists for known-answer tests;
//!    never reuse a nonce with the same key in production.
//! 6. **Nothing partial**: decryption returns the whole plaintext or an error.
//! 7. **Why this check value.** Under the key, GCM with a 96-bit nonce runs AES on two kinds of
//!    block only: 0^128, which gives its hash key H, and the counter blocks nonce ‖ ctr32, with
//!    ctr32 = 1 for J0 (which masks the tag) and 2, 3, … for the keystream. A message is limited
//!    to 2^32 − 2 blocks (`aes-gcm` refuses longer ones), so ctr32 never wraps round to 0.
//!    [`KCV_BLOCK`] ends in a zero 32-bit counter and is not 0^128, so it is none of those
//!    blocks. If AES is a pseudorandom permutation (the assumption GCM itself rests on), its
//!    output on a block GCM never uses is independent of H and of every keystream block, and
//!    publishing 32 bits of it tells nothing about either. No second primitive is needed: a
//!    hash-based derivation (HMAC, HKDF) would bring SHA-256 into the size-budgeted wasm build.
//!    The retired `ucb1.` took AES(key, 0^128), which *is* H, so every envelope published 32 bits
//!    of the hash key; no `ucb1.` envelope was released, and none is read.

use core::fmt;

use aes_gcm::aead::{Aead, AeadInOut, KeyInit, Payload};
use aes_gcm::aes::cipher::BlockCipherEncrypt;
use aes_gcm::aes::Aes256;
use aes_gcm::Aes256Gcm;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;

use crate::error::{Error, Result};

use crate::error::SealedError;

/// The version prefix of the envelope.
pub const PREFIX: &str = "ucb2.";
/// The prefix of the retired format, refused with a reason of its own.
const RETIRED_PREFIX: &str = "ucb1.";
/// The block whose encryption under the key gives the key check value: `ucb2 kcv` and 8 zero
/// bytes. Its last 4 bytes (GCM's 32-bit counter) are zero and it is not all zero, so it is never
/// one of the blocks GCM itself encrypts (module docs, point 7).
pub const KCV_BLOCK: [u8; 16] = *b"ucb2 kcv\0\0\0\0\0\0\0\0";

const _: () = {
    let block = u128::from_be_bytes(KCV_BLOCK);
    assert!(block & 0xffff_ffff == 0, "KCV_BLOCK's 32-bit counter must be zero");
    assert!(block != 0, "KCV_BLOCK must not be the zero block (the input of GCM's hash key)");
};

/// Length of the key check value.
pub const KCV_LEN: usize = 4;
/// Length of the AES-GCM nonce.
pub const NONCE_LEN: usize = 12;
/// Length of the AES-GCM tag.
pub const TAG_LEN: usize = 16;
/// The shortest decoded envelope: check value, nonce and tag around an empty plaintext.
pub const MIN_LEN: usize = KCV_LEN + NONCE_LEN + TAG_LEN;

/// A 256-bit AES key. Its `Debug` output is redacted and it has no `Display`.
#[derive(Clone)]
pub struct Key([u8; 32]);

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

impl Key {
    /// A key from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A key from exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        <[u8; 32]>::try_from(bytes).map(Self).map_err(|_| Error::BadKey { reason: "must be exactly 32 bytes" })
    }

    /// A key from base64 (standard or URL-safe alphabet, padding optional, surrounding whitespace
    /// ignored) that decodes to exactly 32 bytes.
    pub fn from_base64(text: &str) -> Result<Self> {
        let text = text.trim();
        let bytes = [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
            .iter()
            .find_map(|engine| engine.decode(text).ok())
            .ok_or(Error::BadKey { reason: "is not valid base64" })?;
        <[u8; 32]>::try_from(bytes.as_slice())
            .map(Self)
            .map_err(|_| Error::BadKey { reason: "base64 must decode to exactly 32 bytes" })
    }

    /// A key from 64 hexadecimal digits (either case, surrounding whitespace ignored).
    pub fn from_hex(text: &str) -> Result<Self> {
        let text = text.trim().as_bytes();
        if text.len() != 64 {
            return Err(Error::BadKey { reason: "hex must be exactly 64 digits" });
        }
        let mut out = [0u8; 32];
        for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
            let (Some(hi), Some(lo)) = (pair.first().and_then(hex_digit), pair.get(1).and_then(hex_digit)) else {
                return Err(Error::BadKey { reason: "hex contains a character that is not a hex digit" });
            };
            *byte = (hi << 4) | lo;
        }
        Ok(Self(out))
    }

    /// A key from either form: 64 hex digits, or base64 of 32 bytes. The two cannot be confused
    /// (base64 of 32 bytes is 43 or 44 characters).
    pub fn parse(text: &str) -> Result<Self> {
        let trimmed = text.trim();
        if trimmed.len() == 64 && trimmed.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Self::from_hex(trimmed);
        }
        Self::from_base64(trimmed)
            .map_err(|_| Error::BadKey { reason: "is neither 64 hex digits nor base64 of exactly 32 bytes" })
    }

    /// A new random key from the platform's CSPRNG.
    pub fn generate() -> Result<Self> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|_| Error::Sealed(SealedError::RandomUnavailable))?;
        Ok(Self(bytes))
    }

    /// The key as standard padded base64. This exposes the secret: only for handing a generated
    /// key to whoever must store it.
    pub fn expose_base64(&self) -> String {
        crate::text::base64(&self.0)
    }

    /// The key check value: the first 4 bytes of AES-256 applied to [`KCV_BLOCK`]. Safe to show
    /// (for example to confirm two systems hold the same key): it is independent of GCM's hash
    /// key and keystream (module docs, point 7).
    pub fn check_value(&self) -> [u8; KCV_LEN] {
        let cipher = Aes256::new(&self.0.into());
        let mut block = KCV_BLOCK.into();
        cipher.encrypt_block(&mut block);
        let [a, b, c, d, ..]: [u8; 16] = block.into();
        [a, b, c, d]
    }
}

fn hex_digit(c: &u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// The associated data: the prefix followed by the key check value.
fn associated_data(kcv: &[u8; KCV_LEN]) -> [u8; PREFIX.len() + KCV_LEN] {
    let mut aad = [0u8; PREFIX.len() + KCV_LEN];
    let (prefix, check) = aad.split_at_mut(PREFIX.len());
    prefix.copy_from_slice(PREFIX.as_bytes());
    check.copy_from_slice(kcv);
    aad
}

/// A key made ready once: the AES round keys, GCM's hash key and the key check value are computed
/// when it is made, and every envelope it seals or opens reuses them. Opening many records with
/// one `Cipher` costs no key schedule per record. Its `Debug` output is redacted.
pub struct Cipher {
    gcm: Aes256Gcm,
    kcv: [u8; KCV_LEN],
}

impl fmt::Debug for Cipher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cipher(<redacted>)")
    }
}

impl Cipher {
    /// Expands `key`: one AES key schedule, the check value and GCM's hash key from it.
    pub fn new(key: &Key) -> Self {
        let aes = Aes256::new(&key.0.into());
        let mut block = KCV_BLOCK.into();
        aes.encrypt_block(&mut block);
        let [a, b, c, d, ..]: [u8; 16] = block.into();
        Self { gcm: Aes256Gcm::from(aes), kcv: [a, b, c, d] }
    }

    /// The key check value (see [`Key::check_value`]).
    pub fn check_value(&self) -> [u8; KCV_LEN] {
        self.kcv
    }

    /// Seals `plaintext` with a fresh random nonce.
    pub fn seal(&self, plaintext: &str) -> Result<String> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|_| Error::Sealed(SealedError::RandomUnavailable))?;
        self.seal_with_nonce(nonce, plaintext)
    }

    /// Seals `plaintext` with the given nonce. Deterministic: for tests and known-answer vectors.
    pub fn seal_with_nonce(&self, nonce: [u8; NONCE_LEN], plaintext: &str) -> Result<String> {
        let aad = associated_data(&self.kcv);
        let sealed = self
            .gcm
            .encrypt(&nonce.into(), Payload { msg: plaintext.as_bytes(), aad: &aad })
            .map_err(|_| Error::invalid("plaintext", "is too long to encrypt"))?;
        let mut raw = Vec::with_capacity(MIN_LEN + plaintext.len());
        raw.extend_from_slice(&self.kcv);
        raw.extend_from_slice(&nonce);
        raw.extend_from_slice(&sealed);
        Ok(crate::cat![PREFIX, crate::text::base64(&raw)])
    }

    /// Opens an envelope and returns the plaintext; see the module docs for each error. The
    /// ciphertext is decrypted where base64 decoding put it: one buffer, which becomes the text.
    pub fn open(&self, envelope: &str) -> Result<String> {
        let text = envelope.trim();
        let Some(body) = text.strip_prefix(PREFIX) else { return Err(not_ucb2(text)) };
        let mut raw = STANDARD.decode(body).map_err(|_| Error::Sealed(SealedError::BadBase64))?;
        let Some((kcv, rest)) = raw.split_first_chunk_mut::<KCV_LEN>() else {
            return Err(Error::Sealed(SealedError::Truncated));
        };
        let Some((nonce, rest)) = rest.split_first_chunk_mut::<NONCE_LEN>() else {
            return Err(Error::Sealed(SealedError::Truncated));
        };
        let Some((sealed, tag)) = rest.split_last_chunk_mut::<TAG_LEN>() else {
            return Err(Error::Sealed(SealedError::Truncated));
        };
        if *kcv != self.kcv {
            return Err(Error::Sealed(SealedError::WrongKey));
        }
        let aad = associated_data(kcv);
        self.gcm
            .decrypt_inout_detached(&(*nonce).into(), &aad, sealed.into(), &(*tag).into())
            .map_err(|_| Error::Sealed(SealedError::Tampered))?;
        raw.truncate(raw.len().saturating_sub(TAG_LEN));
        raw.drain(..KCV_LEN + NONCE_LEN);
        String::from_utf8(raw).map_err(|_| Error::BadJson { reason: "the decrypted record is not UTF-8 text".into() })
    }
}

/// Why `text`, which does not start with `ucb2.`, is not an envelope this version reads.
fn not_ucb2(text: &str) -> Error {
    if PREFIX.starts_with(text) {
        Error::Sealed(SealedError::Truncated)
    } else if text.starts_with(RETIRED_PREFIX) {
        Error::Sealed(SealedError::UnsupportedEnvelope {
            reason: "`ucb1.` envelopes are no longer read (their check value exposed part of \
                     GCM's hash key); re-seal the record with `ucb2.`",
        })
    } else if looks_like_envelope(text) {
        Error::Sealed(SealedError::UnsupportedEnvelope {
            reason: "unknown envelope version (this library reads `ucb2.`)",
        })
    } else {
        Error::Sealed(SealedError::UnsupportedEnvelope { reason: "the text does not start with `ucb2.`" })
    }
}

/// Seals `plaintext` with a fresh random nonce.
pub fn encrypt(key: &Key, plaintext: &str) -> Result<String> {
    Cipher::new(key).seal(plaintext)
}

/// Seals `plaintext` with the given nonce. Deterministic: for tests and known-answer vectors.
pub fn encrypt_with_nonce(key: &Key, nonce: [u8; NONCE_LEN], plaintext: &str) -> Result<String> {
    Cipher::new(key).seal_with_nonce(nonce, plaintext)
}

/// `true` when `text` (after trimming) starts like an envelope of any version (`ucb<digits>.`).
pub fn looks_like_envelope(text: &str) -> bool {
    let Some(rest) = text.trim_start().strip_prefix("ucb") else { return false };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && rest.as_bytes().get(digits) == Some(&b'.')
}

/// Opens an envelope and returns the plaintext; see the module docs for each error. To open
/// many, make one [`Cipher`] and call [`Cipher::open`].
pub fn decrypt(key: &Key, envelope: &str) -> Result<String> {
    Cipher::new(key).open(envelope)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    const ZERO: Key = Key([0; 32]);

    // GCM specification (McGrew & Viega), test cases 13 and 14: AES-256, key and IV all zero.
    const H_ZERO_KEY: &str = "dc95c078a2408989ad48a21492842087"; // E(K, 0^128) = GCM's hash key H
    const E_K_J0: &str = "530f8afbc74536b9a963b4f1c4cb738b"; // E(K, 0^96 ‖ 1) = the tag of case 13
    const C14: &str = "cea7403d4d606b6e074ec5d3baf39d18"; // case 14 ciphertext of 16 zero bytes
    const T14: &str = "d0d1c8a799996bf0265b98b5d48ab919"; // case 14 tag (no associated data)

    /// Multiplication in GF(2^128) with GCM's bit order (spec algorithm 1), written for the test.
    fn gf_mul(x: u128, y: u128) -> u128 {
        let r: u128 = 0xe1 << 120;
        let (mut z, mut v) = (0u128, y);
        for i in 0..128 {
            if (x >> (127 - i)) & 1 == 1 {
                z ^= v;
            }
            v = if v & 1 == 1 { (v >> 1) ^ r } else { v >> 1 };
        }
        z
    }

    /// GHASH_H(A, C), independent of the library's implementation.
    fn ghash(h: &[u8], aad: &[u8], ct: &[u8]) -> [u8; 16] {
        let h = u128::from_be_bytes(h.try_into().unwrap());
        let mut y = 0u128;
        for part in [aad, ct] {
            for chunk in part.chunks(16) {
                let mut block = [0u8; 16];
                block[..chunk.len()].copy_from_slice(chunk);
                y = gf_mul(y ^ u128::from_be_bytes(block), h);
            }
        }
        let lens = ((aad.len() as u128 * 8) << 64) | (ct.len() as u128 * 8);
        gf_mul(y ^ lens, h).to_be_bytes()
    }

    fn raw_of(envelope: &str) -> Vec<u8> {
        STANDARD.decode(envelope.strip_prefix(PREFIX).unwrap()).unwrap()
    }

    fn zero_plaintext() -> String {
        String::from_utf8(vec![0u8; 16]).unwrap()
    }

    #[test]
    fn our_ghash_reproduces_the_spec_vector() {
        let s = ghash(&hex(H_ZERO_KEY), b"", &hex(C14));
        let tag: Vec<u8> = s.iter().zip(hex(E_K_J0)).map(|(a, b)| a ^ b).collect();
        assert_eq!(tag, hex(T14));
    }

    /// A known answer: the key, nonce and plaintext in; GCM's hash key H = E(K, 0^128), the key
    /// check value and the whole envelope out (hex, except the texts).
    struct Vector {
        key: &'static str,
        nonce: &'static str,
        plaintext: &'static str,
        h: &'static str,
        kcv: &'static str,
        envelope: &'static str,
    }

    // Computed independently of this crate by tests/vectors/ucb2_vectors.py (Python's
    // `cryptography`, i.e. OpenSSL's AES and AES-GCM); paste its output here when the format changes.
    const VECTORS: [Vector; 3] = [
        // ZERO
        Vector {
            key: "0000000000000000000000000000000000000000000000000000000000000000",
            nonce: "000000000000000000000000",
            plaintext: "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}",
            h: "dc95c078a2408989ad48a21492842087",
            kcv: "e24babcb",
            envelope: "ucb2.4kurywAAAAAAAAAAAAAAAM6nQD1NYGtuB07F07rznRgAPKOOsEP/Mu+Xb5vfr3Ya",
        },
        // RECORD
        Vector {
            key: "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            nonce: "cafebabefacedbaddecaf888",
            plaintext: "{\"Guid\":\"7e4e7db9-f080-494e-b04b-7c8e47711558\",\"Campaign\":\"Ventas->\",\"Nombre\":\"Ñandú\"}",
            h: "f29000b62a499fd0a9f39a6add2e7780",
            kcv: "66fc5003",
            envelope: "ucb2.ZvxQA8r+ur76ztut3sr4iPGB51PDHm0hZDw46R4q7V00DaZh5ylHQHfrYVzcuVGdgGeifqTgflUXah1dCqEMRxo1xCHC4+++AahTatuKwyMSr2BQY2YTsD24VHuKJNL4idFoG5mf43JJFjPZmqtL9imznG+GNo7h",
        },
        // EMPTY
        Vector {
            key: "4242424242424242424242424242424242424242424242424242424242424242",
            nonce: "ffffffffffffffffffffffff",
            plaintext: "",
            h: "bfb6d89c222a66f0fff7def5b86b3a2f",
            kcv: "d940a42b",
            envelope: "ucb2.2UCkK////////////////w7flXegBbkRgDxsDsrbvG4=",
        },
    ];

    /// The retired format: zero key, zero nonce, 16 zero bytes; its check value is H's first 4 bytes.
    const UCB1_ZERO: &str = "ucb1.3JXAeAAAAAAAAAAAAAAAAM6nQD1NYGtuB07F07rznRgSDK1O7ehdmbjYt03iyihi";

    /// E(K, block) with the library's AES, for comparisons.
    fn aes(key: &Key, block: [u8; 16]) -> [u8; 16] {
        let mut b = block.into();
        Aes256::new(&key.0.into()).encrypt_block(&mut b);
        b.into()
    }

    #[test]
    fn known_answer_vectors() {
        for v in &VECTORS {
            let key = Key::from_hex(v.key).unwrap();
            let nonce: [u8; NONCE_LEN] = hex(v.nonce).try_into().unwrap();
            assert_eq!(key.check_value().to_vec(), hex(v.kcv), "kcv for key {}", v.key);
            let env = encrypt_with_nonce(&key, nonce, v.plaintext).unwrap();
            assert_eq!(env, v.envelope, "envelope for key {}", v.key);
            let raw = raw_of(&env);
            assert_eq!(raw.len(), MIN_LEN + v.plaintext.len());
            assert_eq!(&raw[..KCV_LEN], &hex(v.kcv)[..], "the envelope starts with the kcv");
            assert_eq!(&raw[KCV_LEN..KCV_LEN + NONCE_LEN], &nonce[..], "then the nonce");
            assert_eq!(decrypt(&key, v.envelope).unwrap(), v.plaintext);
        }
    }

    #[test]
    fn check_value_is_not_a_piece_of_h() {
        assert_eq!(&KCV_BLOCK, b"ucb2 kcv\0\0\0\0\0\0\0\0");
        assert_eq!(&KCV_BLOCK[12..], &[0; 4], "the 32-bit counter part is zero");
        assert_ne!(KCV_BLOCK, [0; 16], "not H's input");
        assert_eq!(VECTORS[0].h, H_ZERO_KEY, "the script's H agrees with the GCM specification");
        for v in &VECTORS {
            let key = Key::from_hex(v.key).unwrap();
            let h = aes(&key, [0; 16]);
            assert_eq!(h.to_vec(), hex(v.h), "the library's AES agrees with the script's H");
            assert_eq!(key.check_value(), aes(&key, KCV_BLOCK)[..KCV_LEN]);
            assert_ne!(key.check_value(), h[..KCV_LEN], "the kcv is not H's first bytes (key {})", v.key);
        }
    }

    #[test]
    fn known_answer_zero_key_against_the_gcm_specification() {
        let v = &VECTORS[0];
        assert_eq!(v.plaintext, zero_plaintext());
        let raw = raw_of(v.envelope);
        assert_eq!(&raw[..4], &hex(v.kcv)[..], "kcv");
        assert_eq!(&raw[4..16], &[0u8; 12], "nonce");
        assert_eq!(&raw[16..32], &hex(C14)[..], "ciphertext matches GCM test case 14");
        // The tag covers "ucb2." ‖ kcv as associated data: recompute it independently.
        let mut aad = b"ucb2.".to_vec();
        aad.extend_from_slice(&hex(v.kcv));
        let s = ghash(&hex(H_ZERO_KEY), &aad, &hex(C14));
        let tag: Vec<u8> = s.iter().zip(hex(E_K_J0)).map(|(a, b)| a ^ b).collect();
        assert_eq!(&raw[32..], &tag[..], "tag with associated data");
        assert_ne!(&raw[32..], &hex(T14)[..], "the associated data is really used");
        assert_eq!(encrypt_with_nonce(&ZERO, [0; 12], &zero_plaintext()).unwrap(), v.envelope);
    }

    #[test]
    fn ucb1_is_refused() {
        // A genuine ucb1 envelope (kept from before ucb2): its check value is H's first 4 bytes.
        let raw = STANDARD.decode(UCB1_ZERO.strip_prefix("ucb1.").unwrap()).unwrap();
        assert_eq!(&raw[..4], &hex(&H_ZERO_KEY[..8])[..]);
        for text in [UCB1_ZERO, &format!(" {UCB1_ZERO}\n"), "ucb1.", "ucb1.AAAA", "ucb1.!!"] {
            let e = decrypt(&ZERO, text).unwrap_err();
            assert_eq!(e.code(), "UNSUPPORTED_ENVELOPE", "{text}");
            let Error::Sealed(SealedError::UnsupportedEnvelope { reason }) = e else { unreachable!() };
            assert!(reason.contains("`ucb1.`") && reason.contains("re-seal") && reason.contains("`ucb2.`"), "{reason}");
        }
        // Relabelling it as ucb2 does not open it either: its check value is not ucb2's.
        let relabelled = UCB1_ZERO.replacen("ucb1.", PREFIX, 1);
        assert_eq!(decrypt(&ZERO, &relabelled), Err(Error::Sealed(SealedError::WrongKey)));
        // `ucb10.` is another version, not ucb1.
        let Err(Error::Sealed(SealedError::UnsupportedEnvelope { reason })) = decrypt(&ZERO, "ucb10.AAAA") else {
            panic!()
        };
        assert!(reason.starts_with("unknown envelope version"), "{reason}");
    }

    #[test]
    fn round_trip_and_random_nonces() {
        let key = Key::from_bytes(*b"0123456789abcdef0123456789abcdef");
        let a = encrypt(&key, r#"{"Guid":"x"}"#).unwrap();
        let b = encrypt(&key, r#"{"Guid":"x"}"#).unwrap();
        assert_ne!(a, b, "fresh nonce each time");
        assert_eq!(decrypt(&key, &a).unwrap(), r#"{"Guid":"x"}"#);
        assert_eq!(decrypt(&key, &format!("  {b}\n")).unwrap(), r#"{"Guid":"x"}"#);
        assert_eq!(decrypt(&key, &encrypt(&key, "").unwrap()).unwrap(), "");
    }

    #[test]
    fn wrong_key_is_told_apart() {
        let env = encrypt(&ZERO, "{}").unwrap();
        let other = Key::from_bytes([1; 32]);
        assert_eq!(decrypt(&other, &env), Err(Error::Sealed(SealedError::WrongKey)));
    }

    #[test]
    fn every_flipped_byte_is_rejected() {
        let env = encrypt_with_nonce(&ZERO, [7; 12], r#"{"Guid":"g","Beep":"TRUE"}"#).unwrap();
        // Each raw byte, each bit.
        let raw = raw_of(&env);
        for i in 0..raw.len() {
            for bit in 0..8 {
                let mut r = raw.clone();
                r[i] ^= 1 << bit;
                let e = decrypt(&ZERO, &format!("{PREFIX}{}", STANDARD.encode(&r))).unwrap_err();
                let want = if i < KCV_LEN {
                    Error::Sealed(SealedError::WrongKey)
                } else {
                    Error::Sealed(SealedError::Tampered)
                };
                assert_eq!(e, want, "byte {i} bit {bit}");
            }
        }
        // Each character of the text, each low bit (stays ASCII).
        let text = env.as_bytes();
        for i in 0..text.len() {
            for bit in 0..7 {
                let mut t = text.to_vec();
                t[i] ^= 1 << bit;
                let Ok(t) = String::from_utf8(t) else { continue };
                if t.trim() == env {
                    continue; // a flip that only adds surrounding whitespace is not a change
                }
                assert!(decrypt(&ZERO, &t).is_err(), "char {i} bit {bit}: {t}");
            }
        }
    }

    #[test]
    fn truncation_at_every_length() {
        let env = encrypt_with_nonce(&ZERO, [9; 12], r#"{"Guid":"g"}"#).unwrap();
        for cut in 0..env.len() {
            let e = decrypt(&ZERO, &env[..cut]).unwrap_err();
            let body = cut.saturating_sub(PREFIX.len());
            let want = if cut <= PREFIX.len() {
                Error::Sealed(SealedError::Truncated)
            } else if body % 4 != 0 {
                Error::Sealed(SealedError::BadBase64)
            } else if body / 4 * 3 < MIN_LEN {
                Error::Sealed(SealedError::Truncated)
            } else {
                Error::Sealed(SealedError::Tampered)
            };
            assert_eq!(e, want, "cut at {cut}");
        }
        // Raw truncation at every byte length with valid base64.
        let raw = raw_of(&env);
        for len in 0..raw.len() {
            let e = decrypt(&ZERO, &format!("{PREFIX}{}", STANDARD.encode(&raw[..len]))).unwrap_err();
            assert_eq!(
                e,
                if len < MIN_LEN {
                    Error::Sealed(SealedError::Truncated)
                } else {
                    Error::Sealed(SealedError::Tampered)
                },
                "len {len}"
            );
        }
    }

    #[test]
    fn bad_base64_and_prefixes() {
        for body in ["!!!!", "3JXA eAAA", "3JXAeAA", "3JXAeA=A", "3JXAeA==x", "3JXAeAB=", "-_-_"] {
            assert_eq!(
                decrypt(&ZERO, &format!("{PREFIX}{body}")),
                Err(Error::Sealed(SealedError::BadBase64)),
                "{body}"
            );
        }
        for text in ["ucb3.AAAA", "ucb1.AAAA", "ucb1", "ucb2x", "hello", "{\"Guid\":1}", "UCB2.AAAA", "ucb2 .AAAA"] {
            assert_eq!(decrypt(&ZERO, text).unwrap_err().code(), "UNSUPPORTED_ENVELOPE", "{text}");
        }
        for text in ["", " ", "u", "ucb", "ucb2", " ucb2.\n"] {
            assert_eq!(decrypt(&ZERO, text), Err(Error::Sealed(SealedError::Truncated)), "{text:?}");
        }
        assert!(looks_like_envelope("ucb2.x") && looks_like_envelope("ucb1.x") && looks_like_envelope("ucb12.x"));
        assert!(!looks_like_envelope("ucb.x") && !looks_like_envelope("ucbx.") && !looks_like_envelope("UCB2.x"));
    }

    #[test]
    fn non_utf8_plaintext_is_bad_json() {
        // Seal invalid UTF-8 by hand with the library primitive, in the envelope layout.
        let kcv = ZERO.check_value();
        let sealed = Aes256Gcm::new(&ZERO.0.into())
            .encrypt(&[0u8; 12].into(), Payload { msg: &[0xff, 0xfe], aad: &associated_data(&kcv) })
            .unwrap();
        let raw = [&kcv[..], &[0u8; 12], &sealed].concat();
        let e = decrypt(&ZERO, &format!("{PREFIX}{}", STANDARD.encode(raw))).unwrap_err();
        assert_eq!(e.code(), "BAD_JSON");
    }

    #[test]
    fn keys() {
        let bytes: [u8; 32] = core::array::from_fn(|i| i as u8);
        let hex_text = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        let b64 = STANDARD.encode(bytes);
        for text in [
            hex_text.to_string(),
            hex_text.to_uppercase(),
            format!(" {hex_text}\n"),
            b64.clone(),
            b64.trim_end_matches('=').to_string(),
            URL_SAFE.encode(bytes),
            format!("\t{b64} "),
        ] {
            assert_eq!(Key::parse(&text).unwrap().0, bytes, "{text}");
        }
        assert_eq!(Key::from_hex(hex_text).unwrap().0, bytes);
        assert_eq!(Key::from_base64(&b64).unwrap().0, bytes);
        assert_eq!(Key::from_slice(&bytes).unwrap().0, bytes);
        assert_eq!(Key::parse(&Key::from_bytes(bytes).expose_base64()).unwrap().0, bytes);
        for bad in [
            "",
            "abc",
            &hex_text[..62],
            &format!("{hex_text}00"),
            &hex_text.replace('0', "g"),
            &STANDARD.encode([0u8; 31]),
            &STANDARD.encode([0u8; 33]),
            "%%%%",
        ] {
            assert_eq!(Key::parse(bad).unwrap_err().code(), "BAD_KEY", "{bad}");
        }
        assert_eq!(Key::from_hex(&hex_text.replace('0', "g")).unwrap_err().code(), "BAD_KEY");
        assert_eq!(Key::from_slice(&[0; 31]).unwrap_err().code(), "BAD_KEY");
        assert_ne!(Key::generate().unwrap().0, Key::generate().unwrap().0);
    }

    #[test]
    fn key_debug_is_redacted() {
        let key = Key::from_bytes([0xab; 32]);
        let shown = format!("{key:?} {:?}", Some(&key));
        assert_eq!(shown, "Key(<redacted>) Some(Key(<redacted>))");
        for leak in ["ab", "AB", "171", &key.expose_base64()] {
            assert!(!shown.contains(leak), "{leak}");
        }
        // Errors never carry key material either.
        let e = Key::parse("q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=x").unwrap_err();
        assert!(!format!("{e} {e:?}").contains("q6ur"));
    }

    proptest! {
        #[test]
        fn round_trips_any_text(text in any::<String>(), nonce in any::<[u8; 12]>(), key in any::<[u8; 32]>()) {
            let key = Key::from_bytes(key);
            let env = encrypt_with_nonce(&key, nonce, &text).unwrap();
            prop_assert_eq!(decrypt(&key, &env).unwrap(), text);
        }

        #[test]
        fn decrypt_is_total(text in any::<String>()) {
            let _ = decrypt(&ZERO, &text);
            let _ = decrypt(&ZERO, &format!("{PREFIX}{text}"));
            let _ = Key::parse(&text);
        }

        #[test]
        fn decrypt_is_total_on_bytes(raw in proptest::collection::vec(any::<u8>(), 0..80)) {
            let r = decrypt(&ZERO, &format!("{PREFIX}{}", STANDARD.encode(&raw)));
            prop_assert!(r.is_err(), "random bytes must not authenticate");
        }
    }
}
