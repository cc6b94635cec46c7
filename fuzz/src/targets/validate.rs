//! `validate` (the field validators every module shares), `rest::Token::new` (a token from the
//! server or from storage) and `rest::recording_folder` (a CDR's `calldate`).
//!
//! Each line of the input is checked, plus the whole input, plus a date-shaped string with
//! random, often out-of-range, fields (the mutator rarely makes a well-formed date by itself).
//!
//! Checks, each against an independent statement of the documented rule:
//! 1. `optional_text`: at most 64 KiB and no control character but tab; `required_text`: that and
//!    not blank.
//! 2. `phone`: after trimming, 1–40 bytes, at least one digit, only digits and `+-.() *#`.
//! 3. `guid` ⇔ `is_guid` ⇔ 36 chars, hex groups 8-4-4-4-12.
//! 4. `datetime` ⇔ `parse_datetime` is `Some` ⇔ a real calendar date-time, checked with
//!    day-number arithmetic (days from civil and back give the same date) instead of a month table;
//!    the parsed fields print back to exactly the input.
//! 5. Every failure is `INVALID_ARGUMENT` naming the field.
//! 6. `Token::new`: accepted ⇔ 1–4096 bytes of visible ASCII; `Debug`/`Display` are redacted.
//! 7. `recording_folder`: `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD` or `YYYYMMDD` (after trimming) of
//!    a valid date gives `YYYYMMDD`; anything else is refused.

use ucontact_bridge::error::Error;
use ucontact_bridge::rest::{recording_folder, Token};
use ucontact_bridge::validate::{self, MAX_TEXT};

use super::{ensure, is_bad_control, Outcome, Target};
use crate::rng::Rng;
use crate::stats::{hit, hit_if};

pub struct Validate;

const DICTIONARY: &[&str] = &[
    "2016-10-10 15:00:00",
    "2024-02-29",
    "1900-02-29",
    "2000-02-29",
    " 00:00:00",
    "23:59:59",
    "24:00:00",
    "-",
    " ",
    "7e4e7db9-f080-494e-b04b-7c8e47711558",
    "+598 91 000 000",
    "(02) 123.4567",
    "*99#",
    "ext",
    "0000",
    "20160118",
];

impl Target for Validate {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let date = random_datetime(rng);
        let short = &date[..rng.range(8, date.len())];
        for text in input.split('\n').chain([input, date.as_str(), short, &date.replace('-', "")]) {
            check(text)?;
        }
        Ok(())
    }
}

fn check(text: &str) -> Outcome {
    // 1. Text.
    let optional = text.len() <= MAX_TEXT && !text.chars().any(is_bad_control);
    verdict("optional_text", validate::optional_text("message", text), optional, "message")?;
    verdict(
        "required_text",
        validate::required_text("campaign", text),
        optional && !text.trim().is_empty(),
        "campaign",
    )?;

    // 2. Phone.
    let p = text.trim();
    let phone = !p.is_empty()
        && p.len() <= 40
        && p.bytes().any(|b| b.is_ascii_digit())
        && p.chars().all(|c| c.is_ascii_digit() || "+-.() *#".contains(c));
    hit_if(phone, "phone");
    verdict("phone", validate::phone("destination", text), phone, "destination")?;

    // 3. GUID.
    let b = text.as_bytes();
    let guid = b.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && b.iter().enumerate().filter(|(i, _)| ![8, 13, 18, 23].contains(i)).all(|(_, c)| c.is_ascii_hexdigit());
    ensure!(validate::is_guid(text) == guid, "is_guid({text:?}) != {guid}");
    hit_if(guid, "guid");
    verdict("guid", validate::guid("guid", text), guid, "guid")?;

    // 4. Date-time.
    let real = reference_datetime(text);
    let parsed = validate::parse_datetime(text);
    ensure!(parsed.is_some() == real, "parse_datetime({text:?}) = {parsed:?}, expected valid = {real}");
    if let Some((y, mo, d, h, mi, s)) = parsed {
        let printed = format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}");
        ensure!(printed == text, "parse_datetime({text:?}) gave fields that print as {printed:?}");
    }
    hit_if(real, "datetime");
    verdict("datetime", validate::datetime("calldate", text), real, "calldate")?;

    // 6. Token.
    let token_ok = !text.is_empty() && text.len() <= 4096 && text.bytes().all(|b| (0x21..=0x7e).contains(&b));
    match Token::new(text) {
        Ok(t) => {
            hit("token");
            ensure!(token_ok, "Token::new accepted {text:?}");
            ensure!(t.expose() == text, "Token::new changed the value");
            ensure!(format!("{t:?}") == "Token(***)" && t.to_string() == "***", "a token prints itself");
            let _ = t.login();
        }
        Err(e) => {
            ensure!(!token_ok, "Token::new refused {text:?}: {e}");
            ensure!(matches!(e, Error::InvalidArgument { field: "token", .. }), "Token::new failed with {e:?}");
        }
    }

    // 7. Recording folder.
    let d = text.trim();
    let full = match d.len() {
        19 => Some(d.to_owned()),
        10 => Some(format!("{d} 00:00:00")),
        8 if d.bytes().all(|c| c.is_ascii_digit()) => Some(format!("{}-{}-{} 00:00:00", &d[..4], &d[4..6], &d[6..])),
        _ => None,
    };
    let want = full.filter(|f| reference_datetime(f)).map(|f| format!("{}{}{}", &f[..4], &f[5..7], &f[8..10]));
    match recording_folder(text) {
        Ok(folder) => {
            hit("folder");
            ensure!(Some(&folder) == want.as_ref(), "recording_folder({text:?}) = {folder:?}, expected {want:?}");
        }
        Err(e) => {
            ensure!(want.is_none(), "recording_folder({text:?}) refused: {e}");
            ensure!(e.code() == "INVALID_ARGUMENT", "recording_folder failed with {}", e.code());
        }
    }
    Ok(())
}

/// Check 5, and that the verdict matches the reference.
fn verdict(what: &str, result: Result<(), Error>, expected: bool, field: &'static str) -> Outcome {
    match result {
        Ok(()) => ensure!(expected, "{what} accepted a value its rule refuses"),
        Err(e) => {
            ensure!(!expected, "{what} refused a value its rule accepts: {e}");
            ensure!(
                matches!(&e, Error::InvalidArgument { field: f, .. } if *f == field),
                "{what} failed with {e:?}, not INVALID_ARGUMENT on `{field}`"
            );
        }
    }
    Ok(())
}

/// `YYYY-MM-DD HH:MM:SS` (ASCII digits) naming a real moment of year 1 or later.
fn reference_datetime(text: &str) -> bool {
    let separator = |i| match i {
        4 | 7 => Some('-'),
        10 => Some(' '),
        13 | 16 => Some(':'),
        _ => None,
    };
    let shape = text.char_indices().all(|(i, c)| match separator(i) {
        Some(s) => c == s,
        None => c.is_ascii_digit(),
    });
    if text.len() != 19 || !shape {
        return false;
    }
    let n = |r: core::ops::Range<usize>| text[r].parse::<i64>().unwrap_or(-1);
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    let (h, mi, s) = (n(11..13), n(14..16), n(17..19));
    y >= 1
        && (1..=12).contains(&m)
        && d >= 1
        && civil_from_days(days_from_civil(y, m, d)) == (y, m, d)
        && h < 24
        && mi < 60
        && s < 60
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`); a day
/// past the end of its month simply rolls over into the next month.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A `YYYY-MM-DD HH:MM:SS` string whose fields are random and often just out of range
/// (month 0 or 13, day 0 or 32, February 29 of century years, hour 24).
pub fn random_datetime(rng: &mut Rng) -> String {
    let y = match rng.below(4) {
        0 => *rng.pick(&[0, 1, 1900, 2000, 2023, 2024, 2100, 2400, 9999]),
        _ => rng.below(10_000),
    };
    let m = if rng.one_in(8) { *rng.pick(&[0, 13, 99]) } else { rng.range(1, 12) };
    let d = if rng.one_in(3) { *rng.pick(&[0, 28, 29, 30, 31, 32]) } else { rng.range(1, 28) };
    let h = if rng.one_in(8) { *rng.pick(&[23, 24, 99]) } else { rng.below(24) };
    let mi = if rng.one_in(8) { *rng.pick(&[59, 60]) } else { rng.below(60) };
    let s = if rng.one_in(8) { *rng.pick(&[59, 60]) } else { rng.below(60) };
    format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}
