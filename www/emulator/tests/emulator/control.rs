use axum::http::StatusCode;

use crate::common::*;

#[tokio::test]
async fn state_reset_expire_and_agents() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    post(&app, "Agents/AgentCall", Some(&token), &call_fields()).await;
    let state = json(&send(&app, get("/__emulator/state")).await);
    assert_eq!(state["calls"][0]["outqueue"], "Ventas->");
    assert_eq!(state["sessions"][0], serde_json::json!({"user": "agent1", "valid": true}));
    assert!(!state.to_string().contains(&token), "tokens never show");
    assert!(state["recordings"].as_array().unwrap().len() >= 66);
    let log = json(&send(&app, get("/__emulator/log")).await);
    assert_eq!(log[1]["endpoint"], "Agents/AgentCall");
    assert_eq!(log[1]["outcome"], "ok");

    assert_eq!(send(&app, control_post("/__emulator/expire-tokens", "")).await.status, StatusCode::OK);
    assert_eq!(post(&app, "Supervisor/queuesummary", Some(&token), &[]).await.status, StatusCode::UNAUTHORIZED);

    let a = send(&app, control_post("/__emulator/agents", r#"{"name":"agent2","status":9,"paused":true}"#)).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(emu.view().agents[1].status, 9);
    for bad in [
        r#"{"name":"ghost","status":1,"paused":false}"#,
        r#"{"name":"agent2","status":10,"paused":false}"#,
        r#"{"name":"agent2"}"#,
    ] {
        assert_eq!(send(&app, control_post("/__emulator/agents", bad)).await.status, StatusCode::BAD_REQUEST, "{bad}");
    }

    assert_eq!(send(&app, control_post("/__emulator/reset", "")).await.status, StatusCode::OK);
    let view = emu.view();
    assert!(view.calls.is_empty() && view.sessions.is_empty() && view.counters.is_empty());
    assert_eq!(view.agents[1].status, 1);
    assert_eq!(json(&send(&app, get("/__emulator/faults")).await), serde_json::json!({}));
}
