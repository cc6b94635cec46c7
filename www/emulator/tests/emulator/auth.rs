use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine;
use integra_emulator::{router, Emulator, EmulatorConfig};

use crate::common::*;

fn is_lower_uuid_v4(text: &str) -> bool {
    text.len() == 36
        && text.chars().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            14 => c == '4',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        })
}

#[tokio::test]
async fn login_answers_a_quoted_token_of_login_and_uuid() {
    let (_emu, app) = setup();
    let a = post(&app, "auth/getUserToken", None, &[("user", "agent1"), ("password", "secret1")]).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.starts_with('"') && a.body.ends_with('"'), "{}", a.body);
    let token: String = serde_json::from_str(&a.body).unwrap();
    let raw = base64::engine::general_purpose::STANDARD.decode(&token).unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (user, uuid) = raw.split_once(':').unwrap();
    assert_eq!(user, "agent1");
    assert!(is_lower_uuid_v4(uuid), "{uuid}");
    assert_ne!(agent1(&app).await, token, "a new token on each login");
}

#[tokio::test]
async fn bad_credentials_answer_zero() {
    let (_emu, app) = setup();
    for pairs in [
        vec![("user", "agent1"), ("password", "wrong")],
        vec![("user", "nobody"), ("password", "secret1")],
        vec![("user", "agent1")],
        vec![("user", "agent1"), ("password", "")],
        vec![("user", "Agent1"), ("password", "secret1")],
    ] {
        let a = post(&app, "auth/getUserToken", None, &pairs).await;
        assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "0"), "{pairs:?}");
    }
}

#[tokio::test]
async fn reasons_never_show_the_password() {
    let (emu, app) = setup();
    let a = post(&app, "auth/getUserToken", None, &[("user", "agent1"), ("password", "hunter2-secret")]).await;
    assert!(!a.reason().contains("hunter2"));
    let state = serde_json::to_string(&emu.view()).unwrap();
    assert!(!state.contains("hunter2") && !state.contains("secret1"));
    assert!(!format!("{:?}", EmulatorConfig::default()).contains("secret1"));
}

#[tokio::test]
async fn authorization_must_be_basic_and_valid() {
    let (_emu, app) = setup();
    let token = agent1(&app).await;
    let path = api("Agents/HangupPhone");
    let body = || encode(&[("phone", "1001")]);
    let with_auth = |value: String| {
        Request::builder()
            .method(Method::POST)
            .uri(path.clone())
            .header(header::CONTENT_TYPE, FORM)
            .header(header::AUTHORIZATION, value)
            .body(Body::from(body()))
            .unwrap()
    };
    for bad in [
        format!("Bearer {token}"),
        format!("basic {token}"),
        format!("Basic  {token}"),
        token.clone(),
        "Basic YWdlbnQxOjEyMzQ=".to_owned(),
        "Basic ".to_owned(),
    ] {
        let a = send(&app, with_auth(bad.clone())).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{bad}");
    }
    let a = send(&app, raw_request(&path, None, Some(FORM), body())).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    // A valid token gets through auth (then 0: no call in progress).
    let a = send(&app, with_auth(format!("Basic {token}"))).await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "0"));
}

#[tokio::test]
async fn end_session_invalidates_the_token() {
    let (emu, app) = setup();
    let first = agent1(&app).await;
    let second = agent1(&app).await;
    let a = post(&app, "auth/EndSession", Some(&second), &[("user", "agent2"), ("token", &first)]).await;
    assert_eq!(a.body, "0", "another user's token cannot be ended");
    let a = post(&app, "auth/EndSession", Some(&second), &[("user", "agent1"), ("token", &first)]).await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "1"));
    let a = post(&app, "Supervisor/queuesummary", Some(&first), &[]).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    let a = post(&app, "auth/EndSession", Some(&second), &[("user", "agent1"), ("token", &first)]).await;
    assert_eq!(a.body, "0", "already ended");
    let a = post(&app, "Supervisor/queuesummary", Some(&second), &[]).await;
    assert_eq!(a.status, StatusCode::OK);
    let sessions = emu.view().sessions;
    assert_eq!(sessions.iter().filter(|s| s.valid).count(), 1);
}

#[tokio::test]
async fn expired_tokens_get_401() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    emu.expire_all_tokens();
    let a = post(&app, "Supervisor/queuesummary", Some(&token), &[]).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    let fresh = agent1(&app).await;
    let a = post(&app, "Supervisor/queuesummary", Some(&fresh), &[]).await;
    assert_eq!(a.status, StatusCode::OK);

    let emu = Emulator::new(EmulatorConfig::default().token_ttl(Duration::from_millis(150)));
    let app = router(emu);
    let token = agent1(&app).await;
    assert_eq!(post(&app, "Supervisor/queuesummary", Some(&token), &[]).await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(post(&app, "Supervisor/queuesummary", Some(&token), &[]).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn login_needs_no_token_but_the_form_content_type() {
    let (_emu, app) = setup();
    let body = encode(&[("user", "agent1"), ("password", "secret1")]);
    let a = send(&app, raw_request(&api("auth/getUserToken"), None, Some("application/json"), body)).await;
    assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}
