use axum::http::StatusCode;
use integra_emulator::DialerAction;

use crate::common::*;

fn fields<'a>(over: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut base = vec![
        ("campaign", "Ventas->"),
        ("agent", "agent1"),
        ("callerid", "098344484"),
        ("guid", "f9b7ada3-a4e5-4795-834d-aa1c1a37ee57"),
        ("l1", "Venta"),
        ("l2", "Credito"),
        ("l3", ""),
        ("d1", ""),
        ("d2", ""),
        ("comment", "ok"),
        ("schedule", ""),
        ("camptoreschedule", ""),
        ("tag", ""),
    ];
    for (k, v) in over {
        match base.iter_mut().find(|(bk, _)| bk == k) {
            Some(slot) => slot.1 = v,
            None => base.push((k, v)),
        }
    }
    base
}

#[tokio::test]
async fn success_is_json_with_result_and_txtcode() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let a = post(&app, "api/DispositionCall", Some(&token), &fields(&[])).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(json(&a), serde_json::json!({"Result": "ok", "txtcode": "VTA-CRED"}));
    let d = emu.view().dispositions[0].clone();
    assert_eq!((d.tag.as_str(), d.action), ("Venta|Credito", DialerAction::None));
    // Optional fields may be left out entirely.
    let minimal = [("campaign", "Soporte<-"), ("agent", "agent1"), ("callerid", "1"), ("guid", "g"), ("l1", "Reclamo")];
    let a = post(&app, "api/DispositionCall", Some(&token), &minimal).await;
    assert_eq!(json(&a)["txtcode"], "RECL");
}

#[tokio::test]
async fn documented_400_messages() {
    let (_emu, app) = setup();
    let token = agent1(&app).await;
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (fields(&[("campaign", "")]), "Wrong parameters:  Empty campaign."),
        (fields(&[("callerid", "")]), "Wrong parameters: Empty callerid"),
        (fields(&[("guid", "")]), "Wrong parameters: Empty guid"),
        (fields(&[("agent", "")]), "Wrong parameters: Empty agent"),
        (fields(&[("l1", "")]), "Wrong parameters: Empty value1"),
        (fields(&[("campaign", ""), ("l1", "")]), "Wrong parameters:  Empty campaign."),
        (
            fields(&[("l2", "Contado"), ("l3", "x")]),
            "Disposition not found for level1: Venta, level2: Contado level3: x",
        ),
        (fields(&[("campaign", "Soporte<-")]), "Disposition not found for level1: Venta, level2: Credito level3: "),
        (fields(&[("schedule", "2019-02-26T13:45:00")]), "The schedule date format is not well formed"),
        (fields(&[("schedule", "26/02/2019 13:45")]), "The schedule date format is not well formed"),
        (fields(&[("l1", "Rellamar"), ("l2", "")]), "Wrong parameters: Empty schedule date."),
    ];
    for (form, message) in cases {
        let a = post(&app, "api/DispositionCall", Some(&token), &form).await;
        assert_eq!((a.status, a.body.as_str()), (StatusCode::BAD_REQUEST, message));
    }
    let missing: Vec<(&str, &str)> = fields(&[]).into_iter().filter(|(k, _)| *k != "guid").collect();
    let a = post(&app, "api/DispositionCall", Some(&token), &missing).await;
    assert_eq!(a.body, "Wrong parameters: Empty guid");
}

#[tokio::test]
async fn strict_refusals_are_400_naming_the_field() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let a = post(&app, "api/DispositionCall", Some(&token), &fields(&[("level1", "Venta")])).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("level1"), "{}", a.body);
    // The vendor sample repeats d2: refused here.
    let body = format!("{}&d2=", encode(&fields(&[])));
    let a = post_raw(&app, "api/DispositionCall", Some(&token), &body).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("d2"), "{}", a.body);
    // A campaign sent without percent-encoding survives (`>` is not special in a form)...
    let raw = encode(&fields(&[])).replace("Ventas-%3E", "Ventas->");
    assert_eq!(post_raw(&app, "api/DispositionCall", Some(&token), &raw).await.status, StatusCode::OK);
    // ...but a double-encoded one is wrong data.
    let double = encode(&fields(&[])).replace("Ventas-%3E", "Ventas-%253E");
    let a = post_raw(&app, "api/DispositionCall", Some(&token), &double).await;
    assert_eq!(a.body, "Disposition not found for level1: Venta, level2: Credito level3: ");
    assert_eq!(emu.view().dispositions.len(), 1);
}

#[tokio::test]
async fn actions_reschedule_and_blacklist() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let a = post(
        &app,
        "api/DispositionCall",
        Some(&token),
        &fields(&[("l1", "Rellamar"), ("l2", ""), ("schedule", "2019-02-26 13:45:00"), ("tag", "volver a llamar")]),
    )
    .await;
    assert_eq!(json(&a)["txtcode"], "RELL");
    let a = post(&app, "api/DispositionCall", Some(&token), &fields(&[("l1", "No llamar"), ("l2", "")])).await;
    assert_eq!(json(&a)["txtcode"], "NOLLAM");
    let view = emu.view();
    assert_eq!(view.schedules[0].calldate, "2019-02-26 13:45:00");
    assert_eq!(view.schedules[0].destination, "098344484");
    assert_eq!(view.dispositions[0].tag, "volver a llamar");
    assert_eq!(view.blacklist[0].phone, "098344484");
    let a = post(&app, "api/DispositionCall", Some(&token), &fields(&[("camptoreschedule", "Nope->")])).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
}
