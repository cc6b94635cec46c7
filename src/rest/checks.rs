//! Field checks shared by several endpoints, on top of [`crate::validate`].

use crate::error::Result;
use crate::validate;

/// A phone that may be left empty.
pub(crate) fn optional_phone(field: &'static str, value: &str) -> Result<()> {
    if value.is_empty() {
        Ok(())
    } else {
        validate::phone(field, value)
    }
}

/// Alternative numbers: empty, or phones separated by `:` (no empty entries).
pub(crate) fn alternatives(field: &'static str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    value.split(':').try_for_each(|n| validate::phone(field, n))
}

/// A required date-time range: both `YYYY-MM-DD HH:MM:SS`, `to` not before `from`.
pub(crate) fn datetime_range(from_field: &'static str, from: &str, to_field: &'static str, to: &str) -> Result<()> {
    validate::datetime(from_field, from)?;
    validate::datetime(to_field, to)?;
    // Same fixed-width format on both sides, so text order is time order.
    if to < from {
        return Err(crate::error::Error::invalid(to_field, crate::cat!["is before `", from_field, "`"]));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks() {
        assert!(optional_phone("agentphone", "").is_ok());
        assert!(optional_phone("agentphone", "x").is_err());
        assert!(alternatives("alternatives", "").is_ok());
        assert!(alternatives("alternatives", "099124484:099121212").is_ok());
        for bad in ["099:", ":099", "099::098", "abc", "099;098"] {
            assert!(alternatives("alternatives", bad).is_err(), "{bad}");
        }
        assert!(datetime_range("from", "2020-01-01 00:00:00", "to", "2020-01-01 00:00:00").is_ok());
        let e = datetime_range("from", "2020-01-02 00:00:00", "to", "2020-01-01 00:00:00").unwrap_err();
        assert_eq!(e, crate::error::Error::invalid("to", "is before `from`"));
    }
}
