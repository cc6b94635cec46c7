use serde_json::{json, Value};

use crate::common::*;

fn filter(over: Value) -> String {
    let mut f = json!({"calldatei": "2024-03-01 00:00:00", "calldatef": "2024-03-31 23:59:59", "agent": "", "campaign": "",
                       "source": "", "destination": "", "data": "", "range": "", "rating": "", "mindur": "",
                       "exclude": "", "type": "record", "cont": ""});
    if let (Some(f), Some(o)) = (f.as_object_mut(), over.as_object()) {
        for (k, v) in o {
            f.insert(k.clone(), v.clone());
        }
    }
    f.to_string()
}

async fn page(app: &axum::Router, token: &str, lastrow: &str, limit: &str, f: &str) -> Vec<Value> {
    let a =
        post(app, "Cdr/getrecords", Some(token), &[("lastrow", lastrow), ("searchLimit", limit), ("filter", f)]).await;
    json(&a).as_array().cloned().unwrap_or_else(|| panic!("array expected: {}", a.body))
}

#[tokio::test]
async fn pages_through_the_seeded_records() {
    let (_emu, app) = setup();
    let token = agent1(&app).await;
    let f = filter(json!({}));
    let first = page(&app, &token, "0", "50", &f).await;
    let second = page(&app, &token, "50", "50", &f).await;
    let third = page(&app, &token, "100", "50", &f).await;
    assert_eq!((first.len(), second.len(), third.len()), (50, 10, 0));
    let dates: Vec<&str> = first.iter().map(|r| r["calldate"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    for key in ["guid", "calldate", "agent", "campaign", "source", "destination", "duration", "data", "rating"] {
        assert!(first[0].get(key).is_some(), "{key}");
    }
    let a = post(
        &app,
        "Cdr/getrecords",
        Some(&token),
        &[("lastrow", "0"), ("searchLimit", "50"), ("filter", &f), ("Random", "1")],
    )
    .await;
    assert_eq!(json(&a).as_array().map(Vec::len), Some(50));
}

#[tokio::test]
async fn filters_by_date_agent_campaign_destination() {
    let (_emu, app) = setup();
    let token = agent1(&app).await;
    let all = |over: Value| {
        let app = app.clone();
        let token = token.clone();
        async move { page(&app, &token, "0", "1000", &filter(over)).await }
    };
    let old = all(json!({"calldatei": "2016-01-18 00:00:00", "calldatef": "2016-01-18 23:59:59"})).await;
    assert_eq!(old.len(), 2);
    let agent2 = all(json!({"agent": "agent2"})).await;
    assert_eq!(agent2.len(), 20);
    assert!(agent2.iter().all(|r| r["agent"] == "agent2"));
    let sales = all(json!({"campaign": "Ventas->"})).await;
    assert_eq!(sales.len(), 20);
    let dest = all(json!({"destination": "091001111"})).await;
    assert!(!dest.is_empty() && dest.iter().all(|r| r["destination"].as_str().unwrap().contains("091001111")));
    let long = all(json!({"mindur": "300"})).await;
    assert!(long.iter().all(|r| r["duration"].as_u64().unwrap() >= 300));
    let morning = all(json!({"range": "06-12"})).await;
    assert!(!morning.is_empty());
    assert!(morning.iter().all(|r| {
        let h = &r["calldate"].as_str().unwrap()[11..13];
        ("06".."12").contains(&h)
    }));
    assert!(all(json!({"agent": "nobody"})).await.is_empty());
}

#[tokio::test]
async fn refuses_bad_paging_and_filters() {
    let (_emu, app) = setup();
    let token = agent1(&app).await;
    let f = filter(json!({}));
    for (lastrow, limit) in [("-1", "50"), ("0", "0"), ("0", "5000"), ("x", "50"), ("0", " 50")] {
        let a =
            post(&app, "Cdr/getrecords", Some(&token), &[("lastrow", lastrow), ("searchLimit", limit), ("filter", &f)])
                .await;
        assert_eq!(a.body, "0", "{lastrow} {limit}");
    }
    for over in [
        json!({"type": "call"}),
        json!({"calldatei": "2024-03-01"}),
        json!({"calldatei": "2024-04-01 00:00:00"}),
        json!({"range": "8-12"}),
        json!({"mindur": 30}),
        json!({"extra": ""}),
    ] {
        let a = post(
            &app,
            "Cdr/getrecords",
            Some(&token),
            &[("lastrow", "0"), ("searchLimit", "50"), ("filter", &filter(over.clone()))],
        )
        .await;
        assert_eq!(a.body, "0", "{over}");
    }
    let mut partial: Value = serde_json::from_str(&f).unwrap();
    partial.as_object_mut().unwrap().remove("cont");
    let a = post(
        &app,
        "Cdr/getrecords",
        Some(&token),
        &[("lastrow", "0"), ("searchLimit", "50"), ("filter", &partial.to_string())],
    )
    .await;
    assert_eq!(a.body, "0");
    let a = post(
        &app,
        "Cdr/getrecords",
        Some(&token),
        &[("lastrow", "0"), ("searchLimit", "50"), ("filter", &f), ("Random", "2")],
    )
    .await;
    assert_eq!(a.body, "0");
}
