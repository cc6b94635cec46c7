use std::time::{Duration, Instant};

use axum::http::StatusCode;
use http_body_util::BodyExt;
use integra_emulator::{serve, Fault};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

use crate::common::*;

#[tokio::test]
async fn delay_status_body_and_zero() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    emu.set_fault("Supervisor/queuesummary", Fault { delay_ms: 200, ..Fault::default() });
    let started = Instant::now();
    let a = post(&app, "Supervisor/queuesummary", Some(&token), &[]).await;
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert_eq!(a.status, StatusCode::OK, "a delay alone still answers normally");
    assert!(a.body.starts_with('['));

    emu.set_fault("Supervisor/queuesummary", Fault { status: Some(500), ..Fault::default() });
    let a = post(&app, "Supervisor/queuesummary", Some(&token), &[]).await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);

    emu.set_fault(
        "/Integra/resources/Supervisor/queuesummary",
        Fault { body: Some("{not json".into()), ..Fault::default() },
    );
    let a = post(&app, "Supervisor/queuesummary", Some(&token), &[]).await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "{not json"));

    emu.set_fault("*", Fault { zero: true, times: Some(1), ..Fault::default() });
    let a = post(&app, "Agents/AgentCall", Some(&token), &call_fields()).await;
    assert_eq!(a.body, "0");
    assert!(emu.view().calls.is_empty(), "a forced answer changes nothing");
    let a = post(&app, "Agents/AgentCall", Some(&token), &call_fields()).await;
    assert_eq!(a.body.len(), 36, "times: 1 is used up");

    emu.clear_faults();
    assert!(emu.faults().is_empty());
    assert_eq!(emu.count("Supervisor/queuesummary"), 3);
    assert_eq!(emu.count("/Integra/resources/Agents/AgentCall"), 2);
}

#[tokio::test]
async fn unauthorized_once_then_ok() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    emu.set_fault("*", Fault { unauthorized_once: true, ..Fault::default() });
    // A login does not consume it.
    let token2 = agent1(&app).await;
    let a = post(&app, "Supervisor/queuesummary", Some(&token), &[]).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    let a = post(&app, "Supervisor/queuesummary", Some(&token2), &[]).await;
    assert_eq!(a.status, StatusCode::OK);
    let a = post(&app, "Supervisor/queuesummary", Some(&token), &[]).await;
    assert_eq!(a.status, StatusCode::OK, "the old token still works: the 401 was a one-off");
    assert!(emu.faults().is_empty());
}

#[tokio::test]
async fn counters_include_faulted_and_refused_requests() {
    let (emu, app) = setup();
    emu.set_fault("Dialers/DialerTask", Fault { status: Some(503), times: Some(2), ..Fault::default() });
    for _ in 0..3 {
        post(&app, "Dialers/DialerTask", None, &[("call", "{}")]).await;
    }
    assert_eq!(emu.count("Dialers/DialerTask"), 3);
    let log = emu.view().log;
    let statuses: Vec<u16> = log.iter().filter(|e| e.endpoint == "Dialers/DialerTask").map(|e| e.status).collect();
    assert_eq!(statuses, [503, 503, 401]);
    let counters = json(&send(&app, get("/__emulator/counters")).await);
    assert_eq!(counters["Dialers/DialerTask"], 3);
}

#[tokio::test]
async fn drop_connection_through_the_router_fails_the_body() {
    let (emu, app) = setup();
    emu.set_fault("auth/getUserToken", Fault { drop_connection: true, ..Fault::default() });
    let req = raw_request(&api("auth/getUserToken"), None, Some(FORM), "user=agent1&password=secret1".into());
    let response = app.clone().oneshot(req).await.unwrap();
    assert!(response.into_body().collect().await.is_err());
    assert_eq!(emu.count("auth/getUserToken"), 1);
}

#[tokio::test]
async fn drop_connection_on_a_socket_closes_without_a_byte() {
    let (emu, _app) = setup();
    let served = serve("127.0.0.1:0".parse().unwrap(), emu.clone()).await.unwrap();
    let request = |body: &str| {
        format!(
            "POST /Integra/resources/auth/getUserToken HTTP/1.1\r\nHost: x\r\nContent-Type: {FORM}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
    };
    let body = "user=agent1&password=secret1";

    // Normal: a quoted token.
    let mut stream = tokio::net::TcpStream::connect(served.addr).await.unwrap();
    stream
        .write_all(request(body).replace("HTTP/1.1\r\n", "HTTP/1.1\r\nConnection: close\r\n").as_bytes())
        .await
        .unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut out)).await.unwrap().unwrap();
    let text = String::from_utf8_lossy(&out);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");

    // Dropped: the connection closes and not one byte arrives.
    emu.set_fault("auth/getUserToken", Fault { drop_connection: true, ..Fault::default() });
    let mut stream = tokio::net::TcpStream::connect(served.addr).await.unwrap();
    stream.write_all(request(body).as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut out)).await.unwrap();
    assert!(read.is_err() || out.is_empty(), "got {:?}", String::from_utf8_lossy(&out));
    assert_eq!(emu.count("auth/getUserToken"), 2);
}

#[tokio::test]
async fn faults_through_the_control_endpoint() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let a = send(
        &app,
        control_post("/__emulator/faults", r#"{"endpoint":"Agents/HangupPhone","status":502,"body":"bad gateway"}"#),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(json(&a)["Agents/HangupPhone"]["status"], 502);
    let a = post(&app, "Agents/HangupPhone", Some(&token), &[("phone", "1001")]).await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::BAD_GATEWAY, "bad gateway"));
    let a = send(&app, control_post("/__emulator/faults", r#"{"endpoint":"Agents/HangupPhone"}"#)).await;
    assert_eq!(json(&a), serde_json::json!({}));
    for bad in [
        r#"{"endpoint":"Nope/Nope","zero":true}"#,
        r#"{"zero":true}"#,
        r#"{"endpoint":"*","zeroo":true}"#,
        r#"{"endpoint":"*","status":42}"#,
        "{not json",
    ] {
        assert_eq!(send(&app, control_post("/__emulator/faults", bad)).await.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    send(&app, control_post("/__emulator/faults", r#"{"endpoint":"*","unauthorizedOnce":true,"delayMs":10}"#)).await;
    assert_eq!(emu.faults()["*"].delay_ms, 10);
    assert_eq!(send(&app, control_post("/__emulator/faults/clear", "")).await.status, StatusCode::OK);
    assert!(emu.faults().is_empty());
}
