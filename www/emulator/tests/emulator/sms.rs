use axum::http::StatusCode;

use crate::common::*;

const SEND: &[(&str, &str)] = &[
    ("destination", "+59898344484"),
    ("message", "Su pedido sale hoy"),
    ("campaign", "Ventas->"),
    ("agent", "agent1"),
    ("source", "24008000"),
];

fn with(fields: &[(&'static str, &'static str)], key: &str, value: &'static str) -> Vec<(&'static str, &'static str)> {
    fields.iter().map(|&(k, v)| (k, if k == key { value } else { v })).collect()
}

#[tokio::test]
async fn send_sms_v2_answers_the_documented_id_and_v1_ok() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let a = post(&app, "SMS/SendSMSv2", Some(&token), SEND).await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "{ id:\"sms-1\" }"));
    let a = post(&app, "SMS/SendSMS", Some(&token), SEND).await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "OK"));
    let view = emu.view();
    assert_eq!(view.sms.len(), 2);
    let s = &view.sms[0];
    assert_eq!(
        (s.endpoint.as_str(), s.destination.as_str(), s.message.as_str(), s.campaign.as_str(), s.agent.as_str()),
        ("SMS/SendSMSv2", "+59898344484", "Su pedido sale hoy", "Ventas->", "agent1")
    );
    assert_eq!((s.source.as_str(), s.id.as_str(), s.user.as_str()), ("24008000", "sms-1", "agent1"));
    // `agent` and `source` may be empty.
    let a = post(&app, "SMS/SendSMSv2", Some(&token), &with(&with(SEND, "agent", ""), "source", "")).await;
    assert_eq!(a.body, "{ id:\"sms-3\" }");
}

#[tokio::test]
async fn sends_refuse_with_error_and_record_nothing() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    for (key, value) in [
        ("destination", "not a number"),
        ("message", " "),
        ("campaign", "NoSuch->"),
        ("agent", "nobody"),
        ("source", "abc"),
    ] {
        for path in ["SMS/SendSMS", "SMS/SendSMSv2"] {
            let a = post(&app, path, Some(&token), &with(SEND, key, value)).await;
            assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "ERROR"), "{path} {key}");
        }
    }
    // A missing or unknown field is refused the same way.
    let a = post(&app, "SMS/SendSMSv2", Some(&token), &SEND[..4]).await;
    assert_eq!(a.body, "ERROR");
    let mut extra = SEND.to_vec();
    extra.push(("priority", "1"));
    let a = post(&app, "SMS/SendSMSv2", Some(&token), &extra).await;
    assert_eq!(a.body, "ERROR");
    assert!(emu.view().sms.is_empty());
    let a = post(&app, "SMS/SendSMSv2", None, SEND).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn schedule_dialer_sms_takes_one_json_field() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let sms = r#"{"calldate":"2015-10-11 15:00:00","campaign":"Ventas->","destination":"098344484","data":"Message"}"#;
    let a = post(&app, "SMS/ScheduleDialerSMS", Some(&token), &[("sms", sms)]).await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "1"));
    let s = emu.view().sms[0].clone();
    assert_eq!(
        (s.endpoint.as_str(), s.calldate.as_str(), s.message.as_str(), s.destination.as_str()),
        ("SMS/ScheduleDialerSMS", "2015-10-11 15:00:00", "Message", "098344484")
    );
    for bad in [
        r#"{"calldate":"2015-10-11T15:00","campaign":"Ventas->","destination":"098344484","data":"M"}"#,
        r#"{"calldate":"2015-10-11 15:00:00","campaign":"Ventas->","destination":"098344484"}"#,
        r#"{"calldate":"2015-10-11 15:00:00","campaign":"Nope->","destination":"098344484","data":"M"}"#,
        r#"{"calldate":"2015-10-11 15:00:00","campaign":"Ventas->","destination":"098344484","data":"M","x":1}"#,
        "not json",
    ] {
        let a = post(&app, "SMS/ScheduleDialerSMS", Some(&token), &[("sms", bad)]).await;
        assert_eq!(a.body, "0", "{bad}");
    }
    assert_eq!(emu.view().sms.len(), 1);
}

#[tokio::test]
async fn agent_api_needs_the_agents_own_interface() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let a = post(
        &app,
        "api/AgentUnBreak",
        Some(&token),
        &[("agent", "Santiago"), ("interface", "SIP/1011"), ("motive", "Almuerzo"), ("message", "")],
    )
    .await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "1"));
    assert!(!emu.view().agents.iter().find(|a| a.name == "Santiago").unwrap().paused);
    let a = post(
        &app,
        "api/AgentLogoff",
        Some(&token),
        &[("agent", "agent1"), ("interface", "SIP/1001"), ("message", "fin")],
    )
    .await;
    assert_eq!(a.body, "1");
    let a =
        post(&app, "api/AgentLogoff", Some(&token), &[("agent", "agent1"), ("interface", "SIP/1002"), ("message", "")])
            .await;
    assert_eq!(a.body, "0", "another agent's interface");
    let view = emu.view();
    assert_eq!(
        view.agent_api.iter().map(|r| (r.endpoint.as_str(), r.agent.as_str())).collect::<Vec<_>>(),
        [("api/AgentUnBreak", "Santiago"), ("api/AgentLogoff", "agent1")]
    );
}
