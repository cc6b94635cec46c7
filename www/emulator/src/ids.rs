//! Identifiers the emulator mints: call GUIDs (lowercase UUID v4, as uContact prints them) and
//! the deterministic GUIDs of the seeded call records.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::clock::unix_millis;

/// One step of SplitMix64: a small, well-mixed generator for seeds and for the fallback below.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// 16 random bytes from the OS. Should the OS source fail (it does not on the machines this
/// emulator runs on), a clock-and-counter mix keeps GUIDs unique instead of panicking.
fn random16() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut state = unix_millis() ^ COUNTER.fetch_add(1, Ordering::Relaxed).rotate_left(32);
        bytes[..8].copy_from_slice(&splitmix(&mut state).to_le_bytes());
        bytes[8..].copy_from_slice(&splitmix(&mut state).to_le_bytes());
    }
    bytes
}

fn format_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    let mut out = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// A fresh lowercase UUID v4, e.g. `8cf8570e-60e7-44ed-b799-3baab211b04d`.
pub fn new_guid() -> String {
    format_v4(random16())
}

/// A UUID v4-shaped GUID derived from `seed`, the same on every run (for seeded records).
pub fn seeded_guid(seed: u64) -> String {
    let mut state = seed;
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&splitmix(&mut state).to_le_bytes());
    b[8..].copy_from_slice(&splitmix(&mut state).to_le_bytes());
    format_v4(b)
}

/// True for a 36-character lowercase hyphenated GUID (any version), as uContact prints them.
pub fn is_guid(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_lowercase_v4() {
        let a = new_guid();
        let b = new_guid();
        assert_ne!(a, b);
        for g in [&a, &b, &seeded_guid(7)] {
            assert!(is_guid(g), "{g}");
            assert_eq!(&g[14..15], "4");
            assert!(matches!(&g[19..20], "8" | "9" | "a" | "b"));
        }
        assert_eq!(seeded_guid(7), seeded_guid(7));
        assert!(!is_guid("8CF8570E-60E7-44ED-B799-3BAAB211B04D"));
        assert!(!is_guid("8cf8570e60e744edb7993baab211b04d"));
    }
}
