use axum::http::StatusCode;
use integra_emulator::{AgentStatus, GUID_GSM_BACKUP_DATED, GUID_GSM_TELEPHONY_DATED, GUID_MP3_TELEPHONY_ROOT};

use crate::common::*;

#[tokio::test]
async fn queuesummary_lists_campaigns_then_a_trailing_element() {
    let (_emu, app) = setup();
    let token = agent1(&app).await;
    let a = post(&app, "Supervisor/queuesummary", Some(&token), &[]).await;
    assert_eq!(a.status, StatusCode::OK);
    let list = json(&a);
    let list = list.as_array().unwrap();
    let first = list[0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "queue",
            "loggedIn",
            "available",
            "callers",
            "holdTime",
            "talkTime",
            "longestHoldTime",
            "internalActionId",
            "dateReceived"
        ]
    );
    assert_eq!(first["queue"], "Ventas->");
    let last = list.last().unwrap().as_object().unwrap();
    assert_eq!(last.keys().map(String::as_str).collect::<Vec<_>>(), ["internalActionId", "dateReceived"]);
    let date = last["dateReceived"].as_str().unwrap();
    assert!(date.ends_with(" AM") || date.ends_with(" PM"), "{date}");
    let a = post(&app, "Supervisor/queuesummary", Some(&token), &[("queue", "")]).await;
    assert_eq!(a.body, "0", "no fields accepted");
}

#[tokio::test]
async fn campaignstatus_all_and_one() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let all = json(&post(&app, "Supervisor/campaignstatus", Some(&token), &[("queue", "")]).await);
    let all = all.as_object().unwrap();
    assert_eq!(all.len(), 5);
    let power = &all["Power<-"];
    assert_eq!(power["campaign"], "Power<-");
    for key in [
        "availables",
        "notavailables",
        "paused",
        "busy",
        "busypaused",
        "totalagents",
        "logged",
        "onwrapup",
        "completed",
        "abandoned",
        "talked",
        "hold",
        "abandonedlevel",
        "totalcalls",
        "acd",
        "servicelevel",
        "servicelevel2",
        "strategy",
        "slevelthreshold",
        "wrapup",
    ] {
        assert!(power.get(key).is_some(), "{key}");
    }
    assert_eq!((power["totalagents"].as_u64(), power["notavailables"].as_u64()), (Some(2), Some(1)));

    assert!(emu.set_agent_status("Daniel", AgentStatus::RINGING, false));
    let one = json(&post(&app, "Supervisor/campaignstatus", Some(&token), &[("queue", "test->")]).await);
    let one = one.as_object().unwrap();
    assert_eq!(one.keys().map(String::as_str).collect::<Vec<_>>(), ["test->", "SIP/1001", "SIP/1010"]);
    assert_eq!(one["SIP/1010"]["status"], 6);
    assert_eq!(one["SIP/1010"]["name"], "Daniel");
    assert_eq!(one["SIP/1010"]["location"], "SIP/1010");
    assert_eq!(one["SIP/1010"]["paused"], false);
    assert_eq!(one["test->"]["busy"], 1);

    let a = post(&app, "Supervisor/campaignstatus", Some(&token), &[("queue", "nope->")]).await;
    assert_eq!(a.body, "0");
    let a = post(&app, "Supervisor/campaignstatus", Some(&token), &[]).await;
    assert_eq!(a.body, "0", "queue must be sent, even empty");
}

#[tokio::test]
async fn convert_makes_the_mp3_appear() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let mp3 = format!("/records/20160120/{GUID_GSM_TELEPHONY_DATED}.mp3");
    assert_eq!(send(&app, get(&mp3)).await.status, StatusCode::NOT_FOUND);
    let a =
        post(&app, "Supervisor/convert", Some(&token), &[("guid", GUID_GSM_TELEPHONY_DATED), ("folder", "20160121")])
            .await;
    assert_eq!(a.body, "0", "wrong folder: nothing to convert");
    let a =
        post(&app, "Supervisor/convert", Some(&token), &[("guid", GUID_GSM_TELEPHONY_DATED), ("folder", "20160120")])
            .await;
    assert_eq!(a.body, "1");
    let got = send(&app, get(&mp3)).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.headers["content-type"], "audio/mpeg");
    assert!(emu.has_recording(&format!("/records/20160120/{GUID_GSM_TELEPHONY_DATED}.gsm")), "the gsm stays");

    let a = post(&app, "Supervisor/convert", Some(&token), &[("guid", GUID_GSM_BACKUP_DATED), ("folder", "20160121")])
        .await;
    assert_eq!(a.body, "1");
    assert!(emu.has_recording(&format!("/backup/records/20160121/{GUID_GSM_BACKUP_DATED}.mp3")));
    assert_eq!(emu.view().conversions.len(), 2);

    for (guid, folder) in [(GUID_MP3_TELEPHONY_ROOT, ""), (GUID_GSM_TELEPHONY_DATED, "2016-01-20"), ("x", "20160120")] {
        let a = post(&app, "Supervisor/convert", Some(&token), &[("guid", guid), ("folder", folder)]).await;
        assert_eq!(a.body, "0", "{guid} {folder}");
    }
}
