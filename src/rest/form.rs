//! The ordered form body every Integra endpoint takes, and its `application/x-www-form-urlencoded`
//! encoding.
//!
//! The encoding reproduces the browser's `URLSearchParams` serializer byte for byte, so a request
//! built here and one built by hand in a CRM page with `new URLSearchParams()` are identical:
//!
//! * the text is taken as UTF-8 bytes;
//! * `A`–`Z`, `a`–`z`, `0`–`9` and `*`, `-`, `.`, `_` are kept as they are;
//! * a space becomes `+`;
//! * every other byte becomes `%XX` with uppercase hex (`campana->` is `campana-%3E`, `ñ` is
//!   `%C3%B1`).
//!
//! Fields keep the order they were added in; names may repeat (the encoder does not care), though
//! no endpoint of this crate repeats one.

use core::fmt;

/// Form fields whose values are secrets: `Debug` prints `***` instead of their values.
pub(crate) const SECRET_FIELDS: &[&str] = &["password", "token"];

/// An ordered list of form fields: `(name, value)`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Form {
    fields: Vec<(&'static str, String)>,
}

impl Form {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a field, keeping insertion order.
    pub fn push(&mut self, name: &'static str, value: impl Into<String>) -> &mut Self {
        self.fields.push((name, value.into()));
        self
    }

    /// The fields in the order they will be sent.
    pub fn fields(&self) -> &[(&'static str, String)] {
        &self.fields
    }

    /// The field names in the order they will be sent.
    pub fn names(&self) -> Vec<&'static str> {
        self.fields.iter().map(|(n, _)| *n).collect()
    }

    /// The value of the first field called `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// `true` when the form has no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The body text, encoded like `URLSearchParams.toString()`.
    pub fn encode(&self) -> String {
        // Worst case every byte becomes `%XX`; the common case is close to the raw length, so
        // reserve raw length plus a margin and let the string grow at most a few times.
        let raw: usize = self.fields.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
        let mut out = String::with_capacity(raw + raw / 4);
        for (i, (name, value)) in self.fields.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            encode_component(name, &mut out);
            out.push('=');
            encode_component(value, &mut out);
        }
        out
    }
}

impl fmt::Debug for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (name, value) in &self.fields {
            if SECRET_FIELDS.contains(name) {
                list.entry(&(name, "***"));
            } else {
                list.entry(&(name, value));
            }
        }
        list.finish()
    }
}

/// Appends `text` encoded with the `application/x-www-form-urlencoded` byte serializer.
pub fn encode_component(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(char::from(b)),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0x0F)]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str) -> String {
        let mut out = String::new();
        encode_component(s, &mut out);
        out
    }

    #[test]
    fn encodes_like_url_search_params() {
        let table = [
            ("campana->", "campana-%3E"),
            ("POWER<-", "POWER%3C-"),
            ("a b", "a+b"),
            ("ñandú", "%C3%B1and%C3%BA"),
            ("AZaz09*-._", "AZaz09*-._"),
            ("~!'()", "%7E%21%27%28%29"),
            ("a+b&c=d", "a%2Bb%26c%3Dd"),
            ("{\"k\":1}", "%7B%22k%22%3A1%7D"),
            ("line\r\nnext", "line%0D%0Anext"),
            ("/?#%", "%2F%3F%23%25"),
            ("€", "%E2%82%AC"),
            ("😀", "%F0%9F%98%80"),
            ("", ""),
        ];
        for (input, expected) in table {
            assert_eq!(enc(input), expected, "{input:?}");
        }
    }

    #[test]
    fn form_keeps_order_and_joins() {
        let mut f = Form::new();
        f.push("campaign", "campana->").push("agent", "Vcisneros").push("l2", "");
        assert_eq!(f.encode(), "campaign=campana-%3E&agent=Vcisneros&l2=");
        assert_eq!(f.names(), ["campaign", "agent", "l2"]);
        assert_eq!(f.get("agent"), Some("Vcisneros"));
        assert_eq!(f.get("nope"), None);
        assert_eq!(Form::new().encode(), "");
    }

    #[test]
    fn debug_hides_secret_fields() {
        let mut f = Form::new();
        f.push("user", "ana").push("password", "hunter2").push("token", "dG9rZW4=");
        let dbg = format!("{f:?}");
        assert!(dbg.contains("ana"), "{dbg}");
        assert!(!dbg.contains("hunter2") && !dbg.contains("dG9rZW4="), "{dbg}");
    }
}
