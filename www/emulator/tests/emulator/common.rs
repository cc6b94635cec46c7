//! Helpers: build requests like a browser's `URLSearchParams` + `fetch` would, send them
//! through the router, read the answer.

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use integra_emulator::{router, Emulator, EmulatorConfig};
use tower::ServiceExt;

pub const ORIGIN: &str = "http://crm.example.test:8002";

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn reason(&self) -> &str {
        self.headers.get("x-emulator-reason").and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

pub fn setup() -> (Emulator, Router) {
    let emu = Emulator::new(EmulatorConfig::default().allow_origin(ORIGIN));
    (emu.clone(), router(emu))
}

/// `application/x-www-form-urlencoded` serialization as `URLSearchParams` does it.
pub fn encode(pairs: &[(&str, &str)]) -> String {
    fn component(text: &str) -> String {
        let mut out = String::new();
        for b in text.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(b as char),
                b' ' => out.push('+'),
                other => out.push_str(&format!("%{other:02X}")),
            }
        }
        out
    }
    pairs.iter().map(|(k, v)| format!("{}={}", component(k), component(v))).collect::<Vec<_>>().join("&")
}

pub async fn send(app: &Router, req: Request<Body>) -> Answer {
    let response = app.clone().oneshot(req).await.expect("router is infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("body readable").to_bytes();
    Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

pub fn raw_request(path: &str, token: Option<&str>, content_type: Option<&str>, body: String) -> Request<Body> {
    let mut builder = Request::builder().method(Method::POST).uri(path);
    if let Some(ct) = content_type {
        builder = builder.header(header::CONTENT_TYPE, ct);
    }
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Basic {token}"));
    }
    builder.body(Body::from(body)).expect("valid request")
}

pub const FORM: &str = "application/x-www-form-urlencoded; charset=UTF-8";

pub fn api(endpoint: &str) -> String {
    format!("/Integra/resources/{endpoint}")
}

pub async fn post_raw(app: &Router, endpoint: &str, token: Option<&str>, body: &str) -> Answer {
    send(app, raw_request(&api(endpoint), token, Some(FORM), body.to_owned())).await
}

pub async fn post(app: &Router, endpoint: &str, token: Option<&str>, pairs: &[(&str, &str)]) -> Answer {
    post_raw(app, endpoint, token, &encode(pairs)).await
}

pub async fn login(app: &Router, user: &str, password: &str) -> String {
    let a = post(app, "auth/getUserToken", None, &[("user", user), ("password", password)]).await;
    assert_eq!(a.status, StatusCode::OK);
    let token: String = serde_json::from_str(&a.body).expect("token is a JSON string literal");
    token
}

pub async fn agent1(app: &Router) -> String {
    login(app, "agent1", "secret1").await
}

pub fn json(a: &Answer) -> serde_json::Value {
    serde_json::from_str(&a.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", a.body))
}

pub fn get(path: &str) -> Request<Body> {
    Request::builder().method(Method::GET).uri(path).body(Body::empty()).expect("valid request")
}

pub fn head(path: &str) -> Request<Body> {
    Request::builder().method(Method::HEAD).uri(path).body(Body::empty()).expect("valid request")
}

pub fn control_post(path: &str, body: &str) -> Request<Body> {
    Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .expect("valid request")
}

/// The fields of a valid AgentCall for agent1.
pub fn call_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("callerid", "24000000"),
        ("agent", "agent1"),
        ("phone", "1001"),
        ("tech", "SIP"),
        ("context", "agentes"),
        ("outqueue", "Ventas->"),
        ("destination", "098344484"),
    ]
}
