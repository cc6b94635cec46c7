//! Value checks shared by the handlers. Phone numbers: an optional leading `+`, then digits,
//! `-`, `*`, `#` (at least one digit). So a `+` that a client forgot to percent-encode, which
//! arrives as a space, is refused.

use crate::config::CampaignConfig;
use crate::state::State;

pub(crate) fn is_phone(text: &str) -> bool {
    let rest = text.strip_prefix('+').unwrap_or(text);
    !rest.is_empty()
        && text.len() <= 32
        && rest.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'*' | b'#'))
        && rest.bytes().any(|b| b.is_ascii_digit())
}

pub(crate) fn phone(field: &str, text: &str) -> Result<(), String> {
    if is_phone(text) {
        Ok(())
    } else {
        Err(format!("`{field}` is not a phone number: `{text}`"))
    }
}

/// `""` or phone numbers separated by `:`.
pub(crate) fn phone_list(field: &str, text: &str) -> Result<(), String> {
    if text.is_empty() || text.split(':').all(is_phone) {
        Ok(())
    } else {
        Err(format!("`{field}` must be phone numbers separated by `:`, got `{text}`"))
    }
}

/// `""` or `key=value` pairs separated by `:` (non-empty keys), the dialer's data format.
pub(crate) fn kv_data(field: &str, text: &str) -> Result<(), String> {
    let ok =
        text.is_empty() || text.split(':').all(|pair| matches!(pair.split_once('='), Some((k, _)) if !k.is_empty()));
    if ok {
        Ok(())
    } else {
        Err(format!("`{field}` must be `key=value` pairs separated by `:`, got `{text}`"))
    }
}

/// `""` or an extension (digits only).
pub(crate) fn extension(field: &str, text: &str) -> Result<(), String> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(format!("`{field}` must be an agent extension (digits), got `{text}`"))
    }
}

pub(crate) fn campaign<'a>(st: &'a State, field: &str, name: &str) -> Result<&'a CampaignConfig, String> {
    st.campaign(name).ok_or_else(|| format!("`{field}` names no campaign of this instance: `{name}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_lists() {
        for ok in ["098344484", "+59898344484", "12-345-678", "*99#"] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["", " 59898344484", "098 344", "abc", "+", "--"] {
            assert!(!is_phone(bad), "{bad}");
        }
        assert!(phone_list("a", "").is_ok());
        assert!(phone_list("a", "099124484:099111111").is_ok());
        assert!(phone_list("a", "099124484,099111111").is_err());
        assert!(phone_list("a", "099124484:").is_err());
        assert!(kv_data("d", "Par1=Val1:Par2=Val2").is_ok());
        assert!(kv_data("d", "idcustomer=7").is_ok());
        assert!(kv_data("d", "a=").is_ok());
        assert!(kv_data("d", "Par1").is_err());
        assert!(kv_data("d", "=x").is_err());
        assert!(kv_data("d", "{\"a\":1}").is_err());
    }
}
