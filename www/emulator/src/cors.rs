//! CORS for the CRM page, which runs on another origin than the portal.
//!
//! Only origins in `EmulatorConfig::allowed_origins` (exact `scheme://host[:port]` match) get
//! anything: a preflight (`OPTIONS` with `Access-Control-Request-Method`) from them asking for
//! POST, GET or HEAD with at most the `Authorization` and `Content-Type` headers is answered
//! 204 with `Access-Control-Allow-Origin: <their origin>`, the allowed methods and headers and a
//! 10-minute max age; their other requests get `Access-Control-Allow-Origin: <their origin>` and
//! may read the `X-Emulator-Reason` diagnostic header. Every other preflight gets a 403 without
//! CORS headers, and other origins' requests are processed but carry no CORS header, so their
//! browser hides the answer. No credentials mode: the token travels in a header the page sets.
//! Preflights are counted under the key `preflight`.

use http::{header, HeaderMap, HeaderValue, StatusCode};

use crate::emulator::Emulator;
use crate::exchange::{Answer, Request};
use crate::pipeline::REASON_HEADER;

const METHODS: [&str; 3] = ["POST", "GET", "HEAD"];
const HEADERS: [&str; 2] = ["authorization", "content-type"];

/// The request's `Origin`, if it is on the allow-list.
pub(crate) fn allowed_origin(emu: &Emulator, headers: &HeaderMap) -> Option<HeaderValue> {
    headers.get(header::ORIGIN).cloned().filter(|o| {
        let text = o.to_str().unwrap_or("");
        emu.allowed_origins().iter().any(|a| a == text)
    })
}

/// The answer to a preflight (counted and logged under `preflight`).
pub(crate) fn preflight(emu: &Emulator, req: &Request, allowed: Option<HeaderValue>) -> Answer {
    let headers = &req.headers;
    let method = headers.get(header::ACCESS_CONTROL_REQUEST_METHOD).and_then(|v| v.to_str().ok()).unwrap_or("");
    let requested = headers
        .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .collect::<Vec<_>>();
    let refusal = match &allowed {
        None => Some("origin not allowed".to_owned()),
        Some(_) if !METHODS.contains(&method) => Some(format!("method `{method}` not allowed")),
        Some(_) => {
            requested.iter().find(|h| !HEADERS.contains(&h.as_str())).map(|h| format!("header `{h}` not allowed"))
        }
    };
    let mut r = match (refusal, allowed) {
        (None, Some(origin)) => {
            let mut r = Answer::new(StatusCode::NO_CONTENT, None, Vec::new());
            let h = &mut r.headers;
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST, GET, HEAD"));
            h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Authorization, Content-Type"));
            h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
            r
        }
        (reason, _) => {
            let text = format!("CORS preflight refused: {}", reason.unwrap_or_default());
            Answer::new(StatusCode::FORBIDDEN, None, text)
        }
    };
    r.headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    let status = r.status.as_u16();
    emu.with_state(|st| {
        st.count("preflight");
        st.record("preflight", status, &req.path);
    });
    r
}

/// The CORS headers of every other answer.
pub(crate) fn decorate(mut answer: Answer, allowed: Option<HeaderValue>) -> Answer {
    let h = &mut answer.headers;
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = allowed {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(REASON_HEADER));
    }
    answer
}
