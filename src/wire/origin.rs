//! Origins: validating the allow-list and choosing the concrete `targetOrigin` to send with.
//!
//! A `postMessage` with `targetOrigin` `'*'` hands the message to whatever document the target
//! window holds at that instant, including one an attacker navigated it to. So the channel sends
//! with one concrete, allowed origin; `'*'` exists only behind an explicit opt-in.

use crate::error::{Error, Result};
use crate::text::split_once_byte;
use alloc::string::String;

/// Checks that `value` is a serialized origin: `http(s)://host[:port]`, lowercase scheme and
/// host, no path, query, fragment, user info or trailing slash. Returns it unchanged.
pub fn check(field: &'static str, value: &str) -> Result<()> {
    let bad = |reason: &str| Err(Error::invalid(field, crate::cat!["`", value, "` is not an origin: ", reason]));
    if value == "*" {
        return bad("use the explicit `allowAnyOrigin` option instead of `*`");
    }
    // Byte-wise throughout (every delimiter is ASCII): no string searcher, no slicing that can
    // panic.
    let Some(rest) = strip_scheme(value) else { return bad("it must start with http:// or https://") };
    if rest.is_empty() {
        return bad("no host");
    }
    if rest.bytes().any(|b| matches!(b, b'/' | b'?' | b'#' | b'@' | b' ')) {
        return bad("an origin has no path, query, fragment or user (no trailing slash either)");
    }
    if rest.bytes().any(|b| b.is_ascii_uppercase()) {
        return bad("origins are lowercase (the browser reports them lowercase)");
    }
    // `[v6]:port` keeps its colons inside brackets; otherwise the last `:` starts the port.
    let (host, port) = match rest.strip_prefix('[') {
        Some(v6) => match split_once_byte(v6, b']') {
            Some((h, "")) => (h, None),
            Some((h, after)) => match after.strip_prefix(':') {
                Some(p) => (h, Some(p)),
                None => return bad("junk after the IPv6 address"),
            },
            None => return bad("unclosed IPv6 bracket"),
        },
        None => match split_once_byte(rest, b':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        },
    };
    if let Some(p) = port {
        // Browsers serialize ports without leading zeros and omit default ones. Digits only
        // (`str::parse` would also take a leading `+`), at most 65535.
        let digits = !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
        if !digits || p.starts_with('0') || p.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')) > 65_535 {
            return bad("bad port");
        }
    }
    if host.is_empty() {
        return bad("no host");
    }
    Ok(())
}

/// The origin of a URL (`scheme://host[:port]`), or `None` if it has none we can use.
pub fn of_url(url: &str) -> Option<&str> {
    let rest = strip_scheme(url)?;
    let end = rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
    url.get(..url.len() - rest.len() + end)
}

/// What follows `http://` or `https://` (the first `://` of either).
fn strip_scheme(value: &str) -> Option<&str> {
    value.strip_prefix("http://").or_else(|| value.strip_prefix("https://"))
}

/// Chooses the `targetOrigin` for sending: the only allowed origin, or the allowed one that the
/// browser reports as our ancestor (`hints`: `location.ancestorOrigins`, then the referrer's
/// origin). `None` when it cannot be told which allowed origin frames the page.
pub fn choose<'a>(allowed: &'a [String], hints: &[String]) -> Option<&'a str> {
    if let [only] = allowed {
        return Some(only);
    }
    hints.iter().find_map(|h| allowed.iter().find(|a| *a == h)).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_origins() {
        for ok in [
            "http://127.0.0.1:8700",
            "https://demo.ucontactcloud.com",
            "http://localhost",
            "http://[::1]:8080",
            "http://x:65535",
            "http://é",
        ] {
            assert!(check("portalOrigins", ok).is_ok(), "{ok}");
        }
        for bad in [
            "*",
            "",
            "127.0.0.1:8700",
            "ftp://x",
            "http://",
            "http://x/",
            "http://x/path",
            "http://x?q",
            "https://Demo.com",
            "http://x:port",
            "http://x:0800",
            "http://u@x",
            "http://1:+0",
            "http://127.0.0.1:+80",
            "http://x:65536",
            "http://x:123456",
            "http://x:9a",
            "http://[::1]x",
            "http://[::1",
            "http://[::1]:",
        ] {
            let e = check("portalOrigins", bad).unwrap_err();
            assert_eq!(e.code(), "INVALID_ARGUMENT", "{bad}");
        }
    }

    #[test]
    fn origin_of_url() {
        assert_eq!(of_url("http://127.0.0.1:8700/portal/index.html?x=1"), Some("http://127.0.0.1:8700"));
        assert_eq!(of_url("https://a.b"), Some("https://a.b"));
        assert_eq!(of_url("about:blank"), None);
        assert_eq!(of_url(""), None);
        assert_eq!(of_url("ftp://x/y"), None);
        assert_eq!(of_url("http://é.example:8080#x"), Some("http://é.example:8080"));
    }

    #[test]
    fn chooses_the_concrete_origin() {
        let one = vec!["http://a".to_string()];
        assert_eq!(choose(&one, &[]), Some("http://a"));
        let two = vec!["http://a".to_string(), "http://b".to_string()];
        assert_eq!(choose(&two, &[]), None);
        assert_eq!(choose(&two, &["http://evil".into(), "http://b".into()]), Some("http://b"));
        assert_eq!(choose(&two, &["http://evil".into()]), None);
    }
}
