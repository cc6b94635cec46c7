use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

fn task() -> Value {
    json!({"calldate": null, "campaign": "Soporte<-", "destination": "12-345-678", "alternatives": "",
           "agent": "", "data": "idcustomer=7:name=Seba", "source": "source", "bulk": false, "automatic": true})
}

fn with(mut v: Value, key: &str, value: Value) -> Value {
    v[key] = value;
    v
}

fn without(mut v: Value, key: &str) -> Value {
    v.as_object_mut().unwrap().remove(key);
    v
}

#[tokio::test]
async fn dialer_task_needs_all_nine_keys_with_their_types() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let send_task = |v: Value| {
        let app = app.clone();
        let token = token.clone();
        async move { post(&app, "Dialers/DialerTask", Some(&token), &[("call", &v.to_string())]).await }
    };
    assert_eq!(send_task(task()).await.body, "1");
    assert_eq!(send_task(with(task(), "calldate", json!("2015-10-11 15:00:00"))).await.body, "1");
    assert_eq!(send_task(with(task(), "agent", json!("1001"))).await.body, "1");
    assert_eq!(send_task(with(task(), "agent", json!("agent1"))).await.body, "1");
    let bad = vec![
        without(task(), "bulk"),
        without(task(), "calldate"),
        without(task(), "source"),
        with(task(), "bulk", json!("false")),
        with(task(), "automatic", json!(1)),
        with(task(), "calldate", json!("")),
        with(task(), "calldate", json!("2015-10-11")),
        with(task(), "campaign", json!("nombreCampaña<-")),
        with(task(), "destination", json!(12345678)),
        with(task(), "agent", json!("ghost")),
        with(task(), "data", json!("idcustomer")),
        with(task(), "priority", json!(2)),
    ];
    for v in bad {
        let a = send_task(v.clone()).await;
        assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "0"), "{v}");
    }
    for text in ["{not json", "", "[]", "null"] {
        let a = post(&app, "Dialers/DialerTask", Some(&token), &[("call", text)]).await;
        assert_eq!(a.body, "0", "{text}");
    }
    let tasks = emu.view().dialer_tasks;
    assert_eq!(tasks.len(), 4);
    assert_eq!(tasks[1].calldate.as_deref(), Some("2015-10-11 15:00:00"));
    assert!(tasks[0].automatic && !tasks[0].bulk);
}

#[tokio::test]
async fn respool_and_schedule() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let spool = json!({"campaign": "Ventas->", "destination": "098344484", "dialerbase": "basetest", "status": 1,
                       "data": "Par1=Val1:Par2=Val2", "alternatives": "098124484", "contact": 222, "retries": 0,
                       "priority": 9999, "agentphone": "1001"});
    let a = post(&app, "Dialers/Respool", Some(&token), &[("callspool", &spool.to_string())]).await;
    assert_eq!(a.body, "1");
    for bad in [
        with(spool.clone(), "contact", json!("222")),
        with(spool.clone(), "priority", json!(1)),
        with(spool.clone(), "status", json!(0)),
        with(spool.clone(), "retries", json!(-1)),
        with(spool.clone(), "alternatives", json!("098124484,099")),
        without(spool.clone(), "dialerbase"),
        with(spool.clone(), "extra", json!("")),
    ] {
        let a = post(&app, "Dialers/Respool", Some(&token), &[("callspool", &bad.to_string())]).await;
        assert_eq!(a.body, "0", "{bad}");
    }
    let schedule = json!({"calldate": "2015-10-11 15:00:00", "campaign": "Ventas->", "destination": "098344484",
                          "alternatives": "099124484:099121212", "agentphone": "1001", "data": "Par1=Val1:Par2=Val2"});
    let a = post(&app, "Dialers/ScheduleDialerCall", Some(&token), &[("callschedule", &schedule.to_string())]).await;
    assert_eq!(a.body, "1");
    for bad in [with(schedule.clone(), "calldate", json!(null)), without(schedule.clone(), "agentphone")] {
        let a = post(&app, "Dialers/ScheduleDialerCall", Some(&token), &[("callschedule", &bad.to_string())]).await;
        assert_eq!(a.body, "0", "{bad}");
    }
    let view = emu.view();
    assert_eq!(view.respools[0].contact, 222);
    assert_eq!(view.schedules[0].alternatives, "099124484:099121212");

    // RemoveScheduleDialerCall drops it by date range.
    let remove = |from: &'static str, to: &'static str| {
        let app = app.clone();
        let token = token.clone();
        async move {
            post(
                &app,
                "Dialers/RemoveScheduleDialerCall",
                Some(&token),
                &[("campaign", "Ventas->"), ("destination", "098344484"), ("from", from), ("to", to)],
            )
            .await
        }
    };
    assert_eq!(remove("2015-10-12 00:00:00", "2015-10-13 00:00:00").await.body, "1");
    assert_eq!(emu.view().schedules.len(), 1);
    assert_eq!(remove("2015-10-11 00:00:00", "2015-10-10 00:00:00").await.body, "0", "from after to");
    assert_eq!(remove("2015-10-11", "2015-10-12 00:00:00").await.body, "0");
    assert_eq!(remove("2015-10-11 00:00:00", "2015-10-11 23:59:59").await.body, "1");
    let view = emu.view();
    assert!(view.schedules.is_empty());
    assert_eq!(view.removed_schedules[1].removed, 1);
}

#[tokio::test]
async fn remove_contact() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let a = post(&app, "Dialers/DialerTask", Some(&token), &[("call", &task().to_string())]).await;
    assert_eq!(a.body, "1");
    let a =
        post(&app, "Dialers/RemoveContact", Some(&token), &[("campaign", "Soporte<-"), ("number", "12-345-678")]).await;
    assert_eq!(a.body, "1");
    let view = emu.view();
    assert!(view.dialer_tasks.is_empty());
    assert_eq!(view.removed_contacts[0].removed, 1);
    let a = post(&app, "Dialers/RemoveContact", Some(&token), &[("campaign", "Nope<-"), ("number", "1")]).await;
    assert_eq!(a.body, "0");
    let a = post(&app, "Dialers/RemoveContact", Some(&token), &[("campaign", "Soporte<-")]).await;
    assert_eq!(a.body, "0");
}

#[tokio::test]
async fn add_black() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let black = json!({"phone": "098344484", "campaign": "*", "username": "agent1", "company": "ACME", "job_title": "", "name": "Juan"});
    let a = post(&app, "admin/addblack", Some(&token), &[("black", &black.to_string())]).await;
    assert_eq!(a.body, "1");
    let a = post(
        &app,
        "admin/addblack",
        Some(&token),
        &[("black", &with(black.clone(), "campaign", json!("Ventas->")).to_string())],
    )
    .await;
    assert_eq!(a.body, "1");
    for bad in [
        with(black.clone(), "campaign", json!("Ventas")),
        with(black.clone(), "phone", json!("")),
        without(black.clone(), "job_title"),
        with(black.clone(), "jobTitle", json!("")),
        with(black.clone(), "company", json!(null)),
    ] {
        let a = post(&app, "admin/addblack", Some(&token), &[("black", &bad.to_string())]).await;
        assert_eq!(a.body, "0", "{bad}");
    }
    assert_eq!(emu.view().blacklist.len(), 2);
}
