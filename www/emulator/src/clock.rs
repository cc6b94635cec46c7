//! Calendar arithmetic for the emulator: the `YYYY-MM-DD HH:MM:SS` stamps the Integra API
//! exchanges, the `YYYYMMDD` recording folders, and the Java "medium" date the supervisor
//! endpoints print (`Nov 2, 2018 11:31:42 AM`). All times are UTC: the emulator has no zone.

use std::fmt;
use std::time::Duration;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch (0 if the clock is before it): the system clock natively,
/// `Date.now()` in WebAssembly, where std has no clock (its `SystemTime::now` panics there).
pub(crate) fn unix_millis() -> u64 {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    return SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0);
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    return js_sys::Date::now().max(0.0) as u64;
}

/// A point in time that durations are measured from (token lifetimes, uptime): `Instant`
/// natively; in WebAssembly, where `Instant::now` panics, `Date.now()`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Moment {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    at: Instant,
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    at: u64,
}

impl Moment {
    pub fn now() -> Moment {
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        return Moment { at: Instant::now() };
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        return Moment { at: unix_millis() };
    }

    pub fn elapsed(&self) -> Duration {
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        return self.at.elapsed();
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        return Duration::from_millis(unix_millis().saturating_sub(self.at));
    }
}

/// A wall-clock instant with one-second precision, ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Reads exactly `n` ASCII digits at `at`; anything else (signs, spaces) is refused.
fn digits(bytes: &[u8], at: usize, n: usize) -> Option<u32> {
    let slice = bytes.get(at..at + n)?;
    slice.iter().try_fold(0u32, |acc, b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

/// Gregorian date of a day count since 1970-01-01 (proleptic calendar, era-based method).
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as i32, month as u8, day as u8)
}

impl DateTime {
    /// Parses the API's `YYYY-MM-DD HH:MM:SS` exactly (19 characters, a real calendar date).
    pub fn parse(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() != 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let dt = DateTime {
            year: digits(b, 0, 4)? as i32,
            month: digits(b, 5, 2)? as u8,
            day: digits(b, 8, 2)? as u8,
            hour: digits(b, 11, 2)? as u8,
            minute: digits(b, 14, 2)? as u8,
            second: digits(b, 17, 2)? as u8,
        };
        dt.is_valid().then_some(dt)
    }

    /// Parses a recording folder name, `YYYYMMDD`, into midnight of that day.
    pub fn parse_folder(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() != 8 {
            return None;
        }
        let dt = DateTime {
            year: digits(b, 0, 4)? as i32,
            month: digits(b, 4, 2)? as u8,
            day: digits(b, 6, 2)? as u8,
            hour: 0,
            minute: 0,
            second: 0,
        };
        dt.is_valid().then_some(dt)
    }

    fn is_valid(&self) -> bool {
        self.year >= 1
            && (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
            && self.hour < 24
            && self.minute < 60
            && self.second < 60
    }

    /// The instant `secs` seconds after the Unix epoch.
    pub fn from_unix(secs: i64) -> Self {
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        let rest = secs.rem_euclid(86_400);
        DateTime {
            year,
            month,
            day,
            hour: (rest / 3_600) as u8,
            minute: (rest % 3_600 / 60) as u8,
            second: (rest % 60) as u8,
        }
    }

    /// Seconds since the Unix epoch.
    pub fn to_unix(self) -> i64 {
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        days * 86_400 + i64::from(self.hour) * 3_600 + i64::from(self.minute) * 60 + i64::from(self.second)
    }

    /// The current UTC time (the epoch itself if the system clock is before 1970).
    pub fn now() -> Self {
        Self::from_unix((unix_millis() / 1000) as i64)
    }

    /// The recording folder for this date: `YYYYMMDD`.
    pub fn folder(&self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    /// Java's medium US format, as the supervisor endpoints print it: `Nov 2, 2018 11:31:42 AM`.
    pub fn java_medium(&self) -> String {
        let month = MONTHS[usize::from(self.month.clamp(1, 12) - 1)];
        let (hour12, half) = match self.hour {
            0 => (12, "AM"),
            h @ 1..=11 => (h, "AM"),
            12 => (12, "PM"),
            h => (h - 12, "PM"),
        };
        format!("{month} {}, {} {hour12}:{:02}:{:02} {half}", self.day, self.year, self.minute, self.second)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::DateTime;

    #[test]
    fn parses_only_well_formed_stamps() {
        for good in ["2019-02-26 13:45:00", "2016-02-29 00:00:00", "1900-01-01 00:00:00"] {
            assert_eq!(DateTime::parse(good).map(|d| d.to_string()).as_deref(), Some(good));
        }
        for bad in [
            "2019-02-26T13:45:00",
            "2019-2-26 13:45:00",
            "2019-02-30 10:00:00",
            "2015-02-29 10:00:00",
            "2019-02-26 24:00:00",
            "2019-02-26 13:45",
            " 2019-02-26 13:45:00",
            "+019-02-26 13:45:00",
            "",
        ] {
            assert!(DateTime::parse(bad).is_none(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn folders_and_unix_and_java_format() {
        assert_eq!(DateTime::parse_folder("20160118").map(|d| d.folder()).as_deref(), Some("20160118"));
        assert!(DateTime::parse_folder("20161318").is_none());
        assert!(DateTime::parse_folder("2016011").is_none());
        assert_eq!(DateTime::from_unix(0).to_string(), "1970-01-01 00:00:00");
        assert_eq!(DateTime::from_unix(1_541_158_302).to_string(), "2018-11-02 11:31:42");
        assert_eq!(DateTime::from_unix(951_782_400).to_string(), "2000-02-29 00:00:00");
        for secs in [0i64, 951_782_400, 1_541_158_302, 4_102_444_799, -86_400] {
            assert_eq!(DateTime::from_unix(secs).to_unix(), secs);
        }
        let d = DateTime::parse("2018-11-02 11:31:42").unwrap();
        assert_eq!(d.java_medium(), "Nov 2, 2018 11:31:42 AM");
        let d = DateTime::parse("2018-11-02 00:05:09").unwrap();
        assert_eq!(d.java_medium(), "Nov 2, 2018 12:05:09 AM");
        let d = DateTime::parse("2018-11-02 13:05:09").unwrap();
        assert_eq!(d.java_medium(), "Nov 2, 2018 1:05:09 PM");
    }
}
