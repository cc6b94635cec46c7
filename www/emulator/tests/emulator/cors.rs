use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};

use crate::common::*;

fn preflight(origin: &str, method: &str, headers: &str) -> Request<Body> {
    Request::builder()
        .method(Method::OPTIONS)
        .uri(api("Agents/AgentCall"))
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, method)
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, headers)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn preflight_for_allowed_origins_only() {
    let (emu, app) = setup();
    let a = send(&app, preflight(ORIGIN, "POST", "authorization,content-type")).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT);
    assert_eq!(a.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], ORIGIN);
    assert_eq!(a.headers[header::ACCESS_CONTROL_ALLOW_METHODS], "POST, GET, HEAD");
    assert_eq!(a.headers[header::ACCESS_CONTROL_ALLOW_HEADERS], "Authorization, Content-Type");

    for req in [
        preflight("http://evil.example.test", "POST", "authorization"),
        preflight("http://crm.example.test:8003", "POST", "authorization"),
        preflight(ORIGIN, "DELETE", ""),
        preflight(ORIGIN, "POST", "authorization, x-custom"),
    ] {
        let a = send(&app, req).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
        assert!(a.headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
        assert!(a.headers.get(header::ACCESS_CONTROL_ALLOW_METHODS).is_none());
    }
    assert_eq!(emu.count("preflight"), 5);
    assert_eq!(emu.count("Agents/AgentCall"), 0, "preflights are not API requests");
}

#[tokio::test]
async fn actual_requests_echo_allowed_origins_only() {
    let (_emu, app) = setup();
    let token = agent1(&app).await;
    let with_origin = |origin: &str| {
        let mut req = raw_request(&api("Supervisor/queuesummary"), Some(&token), Some(FORM), String::new());
        req.headers_mut().insert(header::ORIGIN, origin.parse().unwrap());
        req
    };
    let a = send(&app, with_origin(ORIGIN)).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], ORIGIN);
    assert_eq!(a.headers[header::ACCESS_CONTROL_EXPOSE_HEADERS], "x-emulator-reason");
    let a = send(&app, with_origin("http://evil.example.test")).await;
    assert!(a.headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    assert!(a.headers.get(header::ACCESS_CONTROL_EXPOSE_HEADERS).is_none());
    // Recordings get the header too, for an allowed origin.
    let mut req = get(&format!("/records/{}.mp3", integra_emulator::GUID_MP3_TELEPHONY_ROOT));
    req.headers_mut().insert(header::ORIGIN, ORIGIN.parse().unwrap());
    assert_eq!(send(&app, req).await.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], ORIGIN);
}
