//! Field validators shared by the portal channel, the REST client and the CTI helpers.
//!
//! Each returns [`Error::InvalidArgument`] naming the field, so the caller learns *which* value
//! was wrong before anything is sent. They are deliberately permissive where uContact is
//! (phone numbers may carry `+`, `-`, spaces and extensions such as `*` or `#`) and strict where
//! a bad value would be silently misrouted (GUIDs, dates, control characters).

use crate::error::{Error, Result};

/// Longest text value accepted in any field (the portal and Integra have no documented limit;
/// this keeps a runaway value from becoming a multi-megabyte message).
pub const MAX_TEXT: usize = 64 * 1024;

/// A required text value: not empty, not only whitespace, no control characters except tab.
pub fn required_text(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    optional_text(field, value)
}

/// An optional text value: may be empty; no control characters except tab; bounded length.
pub fn optional_text(field: &'static str, value: &str) -> Result<()> {
    text(field, value, false)
}

/// The rules of every text field: bounded; no control characters but tab, and line breaks
/// where `lines` (one loop for both kinds, so the builds carry it once).
fn text(field: &'static str, value: &str, lines: bool) -> Result<()> {
    if value.len() > MAX_TEXT {
        return Err(Error::invalid(field, "is longer than 65536 bytes"));
    }
    if value.chars().any(|c| c.is_control() && c != '\t' && !(lines && (c == '\n' || c == '\r'))) {
        return Err(Error::invalid(field, "contains a control character"));
    }
    Ok(())
}

/// A message a person reads (a WhatsApp or SMS text): required, and like any text but that it
/// may hold line breaks, since such messages are often several lines.
pub fn message_text(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    text(field, value, true)
}

/// A phone number, extension or DID: at least one digit; only digits, `+`, `-`, `.`, `(`, `)`,
/// spaces, `*` and `#`; at most 40 characters.
pub fn phone(field: &'static str, value: &str) -> Result<()> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    if v.len() > 40 {
        return Err(Error::invalid(field, "is longer than 40 characters"));
    }
    if !v.bytes().any(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(field, "has no digits"));
    }
    if let Some(c) =
        v.chars().find(|c| !(c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | '(' | ')' | ' ' | '*' | '#')))
    {
        return Err(Error::invalid(
            field,
            crate::cat!["contains `", c.encode_utf8(&mut [0; 4]), "`, which is not part of a phone number"],
        ));
    }
    Ok(())
}

/// A call GUID: 36 characters, 8-4-4-4-12 hexadecimal groups (either case accepted; uContact
/// emits lowercase).
pub fn guid(field: &'static str, value: &str) -> Result<()> {
    if is_guid(value) {
        Ok(())
    } else {
        Err(Error::invalid(field, "is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"))
    }
}

/// `true` when `value` is a 36-character hyphenated hexadecimal UUID.
pub fn is_guid(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A date-time in uContact's format `YYYY-MM-DD HH:MM:SS`, with real calendar ranges
/// (month 1–12, day within the month, leap years, hour 0–23, minute and second 0–59).
pub fn datetime(field: &'static str, value: &str) -> Result<()> {
    if parse_datetime(value).is_some() {
        Ok(())
    } else {
        Err(Error::invalid(field, "is not a date-time `YYYY-MM-DD HH:MM:SS`"))
    }
}

/// Parses `YYYY-MM-DD HH:MM:SS` into `(year, month, day, hour, minute, second)`.
pub fn parse_datetime(value: &str) -> Option<(u16, u8, u8, u8, u8, u8)> {
    let b = value.as_bytes();
    if b.len() != 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: core::ops::Range<usize>| -> Option<u16> {
        b.get(r)?.iter().try_fold(0u16, |acc, c| c.is_ascii_digit().then(|| acc * 10 + u16::from(c - b'0')))
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)? as u8, num(8..10)? as u8);
    let (h, mi, s) = (num(11..13)? as u8, num(14..16)? as u8, num(17..19)? as u8);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1 && (1..=days).contains(&d) && h < 24 && mi < 60 && s < 60).then_some((y, mo, d, h, mi, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in ["091000000", "+598 91 000 000", "12-345-678", "1001", "*99#", "(02) 123.4567"] {
            assert!(phone("destination", ok).is_ok(), "{ok}");
        }
        for bad in ["", "   ", "abc", "+-", "091;000", "091\n000", "0910000000000000000000000000000000000000000"] {
            let e = phone("destination", bad).unwrap_err();
            assert_eq!(e.code(), "INVALID_ARGUMENT", "{bad}");
            assert!(e.to_string().contains("destination"), "{e}");
        }
    }

    #[test]
    fn guids() {
        assert!(is_guid("7e4e7db9-f080-494e-b04b-7c8e47711558"));
        assert!(is_guid("7E4E7DB9-F080-494E-B04B-7C8E47711558"));
        for bad in [
            "",
            "7e4e7db9f080494eb04b7c8e47711558",
            "7e4e7db9-f080-494e-b04b-7c8e4771155",
            "7e4e7db9-f080-494e-b04b-7c8e4771155g",
            "7e4e7db9_f080-494e-b04b-7c8e47711558",
        ] {
            assert!(!is_guid(bad), "{bad}");
        }
    }

    #[test]
    fn datetimes() {
        assert_eq!(parse_datetime("2016-10-10 15:00:00"), Some((2016, 10, 10, 15, 0, 0)));
        assert!(parse_datetime("2024-02-29 23:59:59").is_some());
        for bad in [
            "2023-02-29 10:00:00",
            "2016-13-10 15:00:00",
            "2016-10-10 24:00:00",
            "2016-10-10 15:60:00",
            "2016-10-10T15:00:00",
            "2016-10-10",
            "16-10-10 15:00:00",
            "2016-10-10 15:00:00 ",
            "２016-10-10 15:00:00",
            "0000-01-01 00:00:00",
        ] {
            assert!(parse_datetime(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn text() {
        assert!(required_text("campaign", "Ventas->").is_ok());
        assert!(required_text("campaign", " ").is_err());
        assert!(optional_text("message", "").is_ok());
        assert!(optional_text("message", "a\u{0}b").is_err());
        assert!(optional_text("message", &"x".repeat(MAX_TEXT + 1)).is_err());
    }
}
