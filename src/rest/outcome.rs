//! How a response's status and body map to errors, shared by every endpoint's parser.
//!
//! | status | body                         | result                                            |
//! |--------|------------------------------|---------------------------------------------------|
//! | 2xx    | `0` (or `"0"`)               | [`Error::Refused`] — Integra's usual "no"         |
//! | 2xx    | what the endpoint documents  | its output                                        |
//! | 2xx    | anything else                | [`Error::BadResponse`]                            |
//! | 400    | the server's message         | [`RestError::BadRequest`], message verbatim           |
//! | 401    | —                            | [`RestError::Unauthorized`]                           |
//! | other  | —                            | [`RestError::HttpStatus`], body cut to [`MAX_ERROR_BODY`] bytes |
//!
//! A body that should be JSON and is not is an [`Error::BadResponse`] whose reason is
//! `malformed JSON: <what> at byte <n>` ([`crate::json::ParseError::describe`]); bodies quoted in
//! reasons are JSON strings (`got "a\"b"`), cut to a short excerpt.
//!
//! Everything here is total over arbitrary input: slicing happens only at character boundaries.

use crate::cat;
use crate::error::RestError;
use crate::error::{Error, Result};
use crate::json::{self, Value};

use super::request::Response;

/// Longest body text kept inside an [`RestError::HttpStatus`] or [`RestError::BadRequest`].
pub const MAX_ERROR_BODY: usize = 512;

/// Longest body excerpt quoted in an [`Error::BadResponse`] reason.
const MAX_EXCERPT: usize = 80;

/// The longest prefix of `text` that is at most `max` bytes and ends on a character boundary.
pub(crate) fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// Maps non-2xx statuses to errors; on 2xx returns the body with surrounding whitespace removed.
pub(crate) fn check_status<'a>(endpoint: &'static str, resp: &'a Response) -> Result<&'a str> {
    match resp.status {
        200..=299 => Ok(resp.body.trim()),
        400 => Err(Error::Rest(RestError::BadRequest { message: server_message(&resp.body).into() })),
        401 => Err(Error::Rest(RestError::Unauthorized)),
        status => Err(Error::Rest(RestError::HttpStatus {
            endpoint,
            status,
            body: truncate(&resp.body, MAX_ERROR_BODY).into(),
        })),
    }
}

/// The text of a 400 body: kept verbatim (inner spacing included), only the surrounding
/// whitespace removed; a body that is a single JSON string literal is unquoted.
pub(crate) fn server_message(body: &str) -> String {
    truncate(&unquote(body), MAX_ERROR_BODY).to_owned()
}

/// A 400 body's text, whole: trimmed, and unquoted when it is one JSON string literal.
fn unquote(body: &str) -> String {
    let t = body.trim();
    if t.starts_with('"') {
        if let Ok(Value::String(unquoted)) = json::parse(t) {
            return unquoted;
        }
    }
    t.to_owned()
}

/// `true` for Integra's refusal body: `0`, also when sent as the JSON string `"0"`.
pub(crate) fn is_refusal(body: &str) -> bool {
    matches!(body, "0" | "\"0\"")
}

/// `true` for Integra's plain success body: `1`, also when sent as the JSON string `"1"`.
pub(crate) fn is_one(body: &str) -> bool {
    matches!(body, "1" | "\"1\"")
}

/// `text` as a quoted JSON string: how error reasons quote server text.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    json::write::string(text, &mut out);
    out
}

/// A [`Error::BadResponse`] quoting a short excerpt of the body as a JSON string. Not for
/// endpoints whose bodies may hold a secret (the login endpoints build their own reasons).
pub(crate) fn unexpected(endpoint: &'static str, what: &str, body: &str) -> Error {
    let excerpt = truncate(body, MAX_EXCERPT);
    let more = if excerpt.len() < body.len() { "…" } else { "" };
    Error::Rest(RestError::BadResponse { endpoint, reason: cat![what, ", got ", quote(excerpt), more].into() })
}

/// The common parser for endpoints documented as answering `1` (done) or `0` (refused).
pub(crate) fn expect_one(endpoint: &'static str, resp: &Response) -> Result<()> {
    let body = check_status(endpoint, resp)?;
    if is_one(body) {
        Ok(())
    } else if is_refusal(body) {
        Err(Error::Refused { endpoint })
    } else {
        Err(unexpected(endpoint, "expected `1` or `0`", body))
    }
}

/// Parses a 2xx body as JSON, after the refusal check.
pub(crate) fn json_body(endpoint: &'static str, resp: &Response) -> Result<Value> {
    let body = check_status(endpoint, resp)?;
    if is_refusal(body) {
        return Err(Error::Refused { endpoint });
    }
    json::parse(body).map_err(|e| {
        Error::Rest(RestError::BadResponse { endpoint, reason: cat!["malformed JSON: ", e.describe()].into() })
    })
}

/// Removes `secrets` from the server text an error carries (`HttpStatus::body`,
/// `BadRequest::message`, `BadResponse::reason`), replacing each occurrence with `***`.
///
/// The login parsers apply it with the password or token they know; an executor can apply it
/// with the session token to any endpoint's error before logging it. The text is rebuilt from
/// the whole body, so a secret cut in half by truncation leaves no prefix behind.
pub fn redact_secrets(error: Error, resp: &Response, secrets: &[&str]) -> Error {
    let secrets: Vec<&str> = secrets.iter().copied().filter(|s| !s.is_empty()).collect();
    if secrets.is_empty() {
        return error;
    }
    let scrub = |text: &str| {
        let mut out = text.to_owned();
        for s in &secrets {
            if crate::text::find(&out, s).is_some() {
                out = crate::text::replace_all(&out, s, "***");
            }
        }
        out
    };
    match error {
        Error::Rest(RestError::HttpStatus { endpoint, status, .. }) => Error::Rest(RestError::HttpStatus {
            endpoint,
            status,
            body: truncate(&scrub(&resp.body), MAX_ERROR_BODY).into(),
        }),
        // Scrubbed before unquoting (the raw form) and after (the unescaped form), and only then
        // cut to length, so a secret across the cut leaves no head behind.
        Error::Rest(RestError::BadRequest { .. }) => Error::Rest(RestError::BadRequest {
            message: truncate(&scrub(&unquote(&scrub(&resp.body))), MAX_ERROR_BODY).into(),
        }),
        Error::Rest(RestError::BadResponse { endpoint, reason }) => {
            let mut reason = scrub(&reason);
            // The reason quotes the body as a JSON string, so a secret holding `"`, `\` or a
            // control character is looked for in its escaped form too. The excerpt is cut at its length limit and may end
            // inside a secret: that head goes as well (both found by the fuzzer).
            for s in &secrets {
                let escaped = escape(s);
                if escaped != *s {
                    reason = crate::text::replace_all(&reason, &escaped, "***");
                }
                let head = (1..s.len())
                    .rev()
                    .filter_map(|k| s.get(..k))
                    .map(|part| cat![escape(part), "\"…"])
                    .find(|h| reason.ends_with(h.as_str()));
                if let Some(h) = head {
                    reason.truncate(reason.len() - h.len());
                    reason.push_str("***\"…");
                }
            }
            Error::Rest(RestError::BadResponse { endpoint, reason: reason.into() })
        }
        other => other,
    }
}

/// `text` as it appears inside a JSON string's quotes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    json::write::escaped(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_table() {
        let ok = Response::new(200, " 1\n");
        assert_eq!(check_status("e", &ok).unwrap(), "1");
        assert_eq!(check_status("e", &Response::new(204, "")).unwrap(), "");
        assert_eq!(check_status("e", &Response::new(401, "whatever")), Err(Error::Rest(RestError::Unauthorized)));
        assert_eq!(
            check_status("e", &Response::new(400, "Wrong parameters:  Empty campaign.\n")),
            Err(Error::Rest(RestError::BadRequest { message: "Wrong parameters:  Empty campaign.".into() }))
        );
        assert_eq!(
            check_status("e", &Response::new(400, "\"Wrong parameters: Empty guid\"")),
            Err(Error::Rest(RestError::BadRequest { message: "Wrong parameters: Empty guid".into() }))
        );
        let long = "ñ".repeat(600);
        match check_status("e", &Response::new(500, long.clone())) {
            Err(Error::Rest(RestError::HttpStatus { endpoint: "e", status: 500, body })) => {
                assert!(body.len() <= MAX_ERROR_BODY && body.len() >= MAX_ERROR_BODY - 1);
                assert!(long.starts_with(body.as_str()));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            check_status("e", &Response::new(302, "")),
            Err(Error::Rest(RestError::HttpStatus { status: 302, .. }))
        ));
        assert!(matches!(
            check_status("e", &Response::new(0, "")),
            Err(Error::Rest(RestError::HttpStatus { status: 0, .. }))
        ));
    }

    #[test]
    fn one_and_zero() {
        assert_eq!(expect_one("e", &Response::new(200, "1")), Ok(()));
        assert_eq!(expect_one("e", &Response::new(200, "\"1\"")), Ok(()));
        assert_eq!(expect_one("e", &Response::new(200, "0")), Err(Error::Refused { endpoint: "e" }));
        assert_eq!(expect_one("e", &Response::new(200, "\"0\"")), Err(Error::Refused { endpoint: "e" }));
        for bad in ["", "2", "ok", "<html>", "10"] {
            assert_eq!(expect_one("e", &Response::new(200, bad)).unwrap_err().code(), "BAD_RESPONSE", "{bad}");
        }
    }

    #[test]
    fn redaction() {
        let secret = "s3cr3t-VALUE";
        let body = format!("{}{secret} was wrong", "x".repeat(505));
        let resp = Response::new(500, body);
        let e = redact_secrets(check_status("e", &resp).unwrap_err(), &resp, &[secret, ""]);
        let text = format!("{e:?}");
        assert!(!text.contains("s3cr3t"), "{text}");
        assert!(text.contains("***"), "{text}");

        let resp = Response::new(400, "\"bad password \\\"s3cr3t-VALUE\\\"\"");
        let e = redact_secrets(check_status("e", &resp).unwrap_err(), &resp, &[secret]);
        assert_eq!(e, Error::Rest(RestError::BadRequest { message: "bad password \"***\"".into() }));

        let e = redact_secrets(unexpected("e", "expected x", secret), &resp, &[secret]);
        assert!(!format!("{e:?}").contains(secret));
        assert_eq!(
            redact_secrets(Error::Rest(RestError::Unauthorized), &resp, &[secret]),
            Error::Rest(RestError::Unauthorized)
        );
        assert_eq!(
            redact_secrets(Error::Rest(RestError::LoginFailed), &resp, &[]),
            Error::Rest(RestError::LoginFailed)
        );
    }

    #[test]
    fn truncate_is_char_safe() {
        assert_eq!(truncate("abc", 2), "ab");
        assert_eq!(truncate("añb", 2), "a");
        assert_eq!(truncate("", 0), "");
        let e = unexpected("e", "expected x", &"z".repeat(500));
        assert!(e.to_string().len() < 200, "{e}");
    }

    #[test]
    fn a_secret_cut_by_the_excerpt_limit_leaves_no_head() {
        let token = "VmNpc25lcm9zOjY3NDdjODIz";
        let resp = Response::new(200, format!("{}{token}", "x".repeat(72)));
        let e = expect_one("HangupPhone", &resp).unwrap_err();
        assert!(format!("{e:?}").contains("VmNpc25l"), "the excerpt does cut into the token");
        let e = redact_secrets(e, &resp, &[token]);
        let text = format!("{e:?} {e}");
        assert!(!text.contains("VmNp"), "{text}");
        assert!(text.contains("***"), "{text}");
    }

    #[test]
    fn excerpts_are_quoted_as_json_strings() {
        let e = unexpected("e", "expected x", "a\"b\\c\u{1}\n\u{7f}é'");
        let want = "expected x, got \"a\\\"b\\\\c\\u0001\\n\u{7f}é'\"";
        assert_eq!(e, Error::Rest(RestError::BadResponse { endpoint: "e", reason: want.into() }));
        let e = unexpected("e", "expected x", &"z".repeat(100));
        let want = crate::cat!["expected x, got \"", "z".repeat(MAX_EXCERPT), "\"…"];
        assert_eq!(e, Error::Rest(RestError::BadResponse { endpoint: "e", reason: want.into() }));
    }

    #[test]
    fn a_secret_never_survives_in_any_form() {
        // The secret starts with `Q`, which nothing else in the reason holds, so any part of it
        // that survived would show. It holds characters JSON escapes, and a two-byte one.
        let secret = "Q\"S\\e\n\u{1}é-cr3t-TOKEN";
        for pad in 0..=MAX_EXCERPT + 2 {
            for tail in ["", " and more"] {
                let resp = Response::new(200, crate::cat!["x".repeat(pad), secret, tail]);
                let e = redact_secrets(expect_one("e", &resp).unwrap_err(), &resp, &[secret]);
                let Error::Rest(RestError::BadResponse { reason, .. }) = &e else { panic!("{e:?}") };
                assert!(!reason.contains('Q'), "pad {pad}: {reason}");
                assert!(!e.message().contains('Q'), "pad {pad}");
                if pad < MAX_EXCERPT {
                    assert!(reason.contains("***"), "pad {pad}: {reason}");
                }
            }
        }
    }

    #[test]
    fn a_secret_holding_quotes_is_found_in_its_escaped_form() {
        let token = r#"ab"cd\ef"gh-ijkl-mnop"#;
        // Whole, then cut by the excerpt limit inside the escaped part.
        for pad in [0, 70] {
            let resp = Response::new(200, format!("{}{token}", "x".repeat(pad)));
            let e = redact_secrets(expect_one("HangupPhone", &resp).unwrap_err(), &resp, &[token]);
            let Error::Rest(RestError::BadResponse { reason, .. }) = &e else { panic!("{e:?}") };
            assert!(!reason.contains(r#"ab\"cd"#), "{reason}");
            assert!(reason.contains("***"), "{reason}");
        }
    }
}
