use axum::http::StatusCode;
use integra_emulator::AgentStatus;

use crate::common::*;

#[tokio::test]
async fn agent_call_answers_a_guid_and_hangup_ends_it() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let a = post(&app, "Agents/AgentCall", Some(&token), &call_fields()).await;
    assert_eq!(a.status, StatusCode::OK);
    let guid = a.body.clone();
    assert_eq!(guid.len(), 36, "plain GUID without quotes: {guid}");
    assert!(guid.chars().all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)));
    let view = emu.view();
    let call = &view.calls[0];
    assert_eq!(
        (call.guid.as_str(), call.outqueue.as_str(), call.active, call.user.as_str()),
        (guid.as_str(), "Ventas->", true, "agent1")
    );
    assert_eq!(view.agents[0].status, AgentStatus::INUSE);

    let a = post(&app, "Agents/HangupPhone", Some(&token), &[("phone", "1001")]).await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "1"));
    let view = emu.view();
    assert!(!view.calls[0].active);
    assert_eq!(view.hangups[0].guid, guid);
    assert_eq!(view.agents[0].status, AgentStatus::NOT_INUSE);
    assert!(view.cdrs.iter().any(|c| c.guid == guid));
    assert!(view.recordings.iter().any(|p| p.starts_with("/records/") && p.ends_with(&format!("{guid}.mp3"))));

    let a = post(&app, "Agents/HangupPhone", Some(&token), &[("phone", "1001")]).await;
    assert_eq!(a.body, "0", "no call in progress any more");
    let a = post(&app, "Agents/HangupPhone", Some(&token), &[("phone", "9999")]).await;
    assert_eq!(a.body, "0", "no agent with that phone");
}

#[tokio::test]
async fn agent_call_refuses_inconsistent_or_missing_data() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let cases: Vec<(&str, &str)> = vec![
        ("agent", "nobody"),
        ("phone", "1002"),
        ("tech", "IAX2"),
        ("outqueue", "Ventas"),
        ("destination", " 59898344484"),
        ("callerid", "abc"),
        ("context", ""),
    ];
    for (field, value) in cases {
        let fields: Vec<(&str, &str)> =
            call_fields().into_iter().map(|(k, v)| if k == field { (k, value) } else { (k, v) }).collect();
        let a = post(&app, "Agents/AgentCall", Some(&token), &fields).await;
        assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "0"), "{field}={value}");
        assert!(a.reason().contains(field), "reason names `{field}`: {}", a.reason());
    }
    for missing in ["callerid", "agent", "phone", "tech", "context", "outqueue", "destination"] {
        let fields: Vec<(&str, &str)> = call_fields().into_iter().filter(|(k, _)| *k != missing).collect();
        let a = post(&app, "Agents/AgentCall", Some(&token), &fields).await;
        assert_eq!(a.body, "0", "without {missing}");
    }
    assert!(emu.view().calls.is_empty());
}

#[tokio::test]
async fn agent_call_with_data_records_data_and_form() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let mut fields = call_fields();
    fields.push(("data", r#"{"idcustomer":7,"name":"Seba"}"#));
    fields.push(("form", "https://crm.example.test/popup?id=7"));
    let a = post(&app, "Agents/AgentCallwithData", Some(&token), &fields).await;
    assert_eq!(a.body.len(), 36, "{}", a.body);
    let call = emu.view().calls[0].clone();
    assert_eq!(call.data.as_deref(), Some(r#"{"idcustomer":7,"name":"Seba"}"#));
    assert_eq!(call.form.as_deref(), Some("https://crm.example.test/popup?id=7"));
    // Both extra fields are required on this endpoint, and refused on the plain one.
    let a = post(&app, "Agents/AgentCallwithData", Some(&token), &call_fields()).await;
    assert_eq!(a.body, "0");
    let a = post(&app, "Agents/AgentCall", Some(&token), &fields).await;
    assert_eq!(a.body, "0");
    assert!(a.reason().contains("unknown field"), "{}", a.reason());
}

#[tokio::test]
async fn tag_record_answers_an_empty_body() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let guid = post(&app, "Agents/AgentCall", Some(&token), &call_fields()).await.body;
    let a = post(
        &app,
        "Agents/TagRecord",
        Some(&token),
        &[("phone", "098344484"), ("guid", &guid), ("data", "venta cerrada")],
    )
    .await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, ""));
    let tag = emu.view().tags[0].clone();
    assert_eq!((tag.data.as_str(), tag.known_call), ("venta cerrada", true));
    let a =
        post(&app, "Agents/TagRecord", Some(&token), &[("phone", "098344484"), ("guid", "not-a-guid"), ("data", "x")])
            .await;
    assert_eq!(a.body, "0");
    let a = post(
        &app,
        "Agents/TagRecord",
        Some(&token),
        &[("phone", "098344484"), ("guid", &guid.to_uppercase()), ("data", "x")],
    )
    .await;
    assert_eq!(a.body, "0");
    let a = post(&app, "Agents/TagRecord", Some(&token), &[("phone", "098344484"), ("guid", &guid)]).await;
    assert_eq!(a.body, "0");
}
