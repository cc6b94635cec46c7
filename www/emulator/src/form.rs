//! Strict reading of `application/x-www-form-urlencoded` request bodies, decoded the way a Java
//! servlet container decodes them: pairs split on `&`, name and value split at the first `=`,
//! `+` is a space, `%XX` is a byte, and the bytes are UTF-8. So a client that leaves a `+` raw
//! sends a space, and one that double-encodes sends `%3E` literally: the handlers then see
//! wrong data, as the real service would.
//!
//! Where a servlet would quietly cope and this emulator refuses instead (to catch sloppy
//! clients): a malformed `%` escape or invalid UTF-8, a parameter sent twice (the vendor's own
//! DispositionCall sample repeats `d2`; the real service keeps the first), and any parameter in
//! the query string. Empty segments (`a=1&&b=2`, a trailing `&`) are skipped like a servlet does;
//! a segment without `=` is a parameter with an empty value, as in a servlet.

use http::{header, HeaderMap};

/// The decoded parameters of one request, in arrival order.
#[derive(Debug, Default)]
pub(crate) struct Form {
    pairs: Vec<(String, String)>,
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes one name or value: `+` to space, `%XX` to a byte, then strict UTF-8.
pub(crate) fn decode_component(raw: &[u8]) -> Result<String, String> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let pair = raw.get(i + 1).and_then(|h| hex(*h)).zip(raw.get(i + 2).and_then(|l| hex(*l)));
                let (h, l) = pair.ok_or_else(|| {
                    let shown: String = String::from_utf8_lossy(&raw[i..raw.len().min(i + 3)]).into_owned();
                    format!("malformed percent-encoding `{shown}`")
                })?;
                out.push(h << 4 | l);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "percent-decoded bytes are not valid UTF-8".to_owned())
}

impl Form {
    /// Parses a whole body.
    pub fn parse(body: &[u8]) -> Result<Form, String> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for segment in body.split(|b| *b == b'&').filter(|s| !s.is_empty()) {
            let (name, value) = match segment.iter().position(|b| *b == b'=') {
                Some(at) => (&segment[..at], &segment[at + 1..]),
                None => (segment, &segment[segment.len()..]),
            };
            let name = decode_component(name)?;
            let value = decode_component(value)?;
            if name.is_empty() {
                return Err("a parameter has an empty name".to_owned());
            }
            if pairs.iter().any(|(n, _)| *n == name) {
                return Err(format!("parameter `{name}` sent more than once"));
            }
            pairs.push((name, value));
        }
        Ok(Form { pairs })
    }

    /// The first parameter whose name is not in `accepted`.
    pub fn unknown_field(&self, accepted: &[&str]) -> Option<&str> {
        self.pairs.iter().map(|(n, _)| n.as_str()).find(|n| !accepted.contains(n))
    }

    /// The value of `name`, if sent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The value of `name`, or `""` when absent (how the service treats optional fields).
    pub fn optional(&self, name: &str) -> &str {
        self.get(name).unwrap_or("")
    }

    /// The value of `name`, which must be sent (possibly empty).
    pub fn present(&self, name: &str) -> Result<&str, String> {
        self.get(name).ok_or_else(|| format!("missing field `{name}`"))
    }

    /// The value of `name`, which must be sent and not empty.
    pub fn required(&self, name: &str) -> Result<&str, String> {
        match self.present(name)? {
            "" => Err(format!("empty field `{name}`")),
            v => Ok(v),
        }
    }

    /// A non-negative decimal integer field (digits only: no sign, no spaces).
    pub fn number(&self, name: &str) -> Result<u64, String> {
        let text = self.required(name)?;
        if text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("field `{name}` is not a non-negative integer"));
        }
        text.parse().map_err(|_| format!("field `{name}` is not a non-negative integer"))
    }
}

/// Accepts `application/x-www-form-urlencoded`, optionally with `charset=UTF-8` (any case,
/// quoted or not). Anything else, a missing header included, gets a 415 with this message.
pub(crate) fn check_content_type(headers: &HeaderMap) -> Result<(), String> {
    const EXPECTED: &str = "expected `Content-Type: application/x-www-form-urlencoded; charset=UTF-8`";
    let mut values = headers.get_all(header::CONTENT_TYPE).iter();
    let value = match (values.next(), values.next()) {
        (Some(v), None) => v,
        (None, _) => return Err(format!("Unsupported Media Type: no Content-Type header; {EXPECTED}")),
        (Some(_), Some(_)) => return Err(format!("Unsupported Media Type: several Content-Type headers; {EXPECTED}")),
    };
    let text = value.to_str().unwrap_or("<not ASCII>");
    let mut parts = text.split(';');
    let essence = parts.next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(format!("Unsupported Media Type: got `{text}`; {EXPECTED}"));
    }
    for param in parts {
        let (key, val) = param.split_once('=').unwrap_or((param, ""));
        let val = val.trim().trim_matches('"');
        if !key.trim().eq_ignore_ascii_case("charset") || !val.eq_ignore_ascii_case("utf-8") {
            return Err(format!("Unsupported Media Type: got `{text}`; {EXPECTED}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn decodes_like_a_servlet() {
        let f = Form::parse(b"campaign=campana-%3E&a=x+y&b=%2B598&c&&d=%C3%B1&e=a=b").unwrap();
        assert_eq!(f.get("campaign"), Some("campana->"));
        assert_eq!(f.get("a"), Some("x y"));
        assert_eq!(f.get("b"), Some("+598"));
        assert_eq!(f.get("c"), Some(""));
        assert_eq!(f.get("d"), Some("ñ"));
        assert_eq!(f.get("e"), Some("a=b"));
        assert_eq!(Form::parse(b"").unwrap().pairs.len(), 0);
    }

    #[test]
    fn refuses_bad_encoding_and_duplicates() {
        assert!(Form::parse(b"a=100%").is_err());
        assert!(Form::parse(b"a=%zz").is_err());
        assert!(Form::parse(b"a=%C3").is_err());
        assert!(Form::parse(b"a=1&a=1").is_err());
        assert!(Form::parse(b"=1").is_err());
    }

    #[test]
    fn content_types() {
        let ok = [
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=UTF-8",
            "Application/X-WWW-Form-Urlencoded;charset=\"utf-8\"",
        ];
        for ct in ok {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
            assert!(check_content_type(&h).is_ok(), "{ct}");
        }
        let bad = [
            "application/json",
            "text/plain",
            "application/x-www-form-urlencoded; charset=ISO-8859-1",
            "multipart/form-data; boundary=x",
        ];
        for ct in bad {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
            assert!(check_content_type(&h).is_err(), "{ct}");
        }
        assert!(check_content_type(&HeaderMap::new()).is_err());
    }
}
