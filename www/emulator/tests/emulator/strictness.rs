use axum::http::StatusCode;

use crate::common::*;

#[tokio::test]
async fn wrong_content_type_is_415_with_a_text() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let body = encode(&call_fields());
    for ct in [
        None,
        Some("application/json"),
        Some("text/plain;charset=UTF-8"),
        Some("multipart/form-data; boundary=x"),
        Some("application/x-www-form-urlencoded; charset=ISO-8859-1"),
    ] {
        let a = send(&app, raw_request(&api("Agents/AgentCall"), Some(&token), ct, body.clone())).await;
        assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct:?}");
        assert!(a.body.contains("application/x-www-form-urlencoded"), "{}", a.body);
    }
    let a = send(
        &app,
        raw_request(&api("Agents/AgentCall"), Some(&token), Some("application/x-www-form-urlencoded"), body),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "charset is optional");
    assert_eq!(emu.count("Agents/AgentCall"), 6);
}

#[tokio::test]
async fn unknown_fields_and_bad_encoding_answer_zero_with_a_reason() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let mut fields = call_fields();
    fields.push(("campaign", "Ventas->"));
    let a = post(&app, "Agents/AgentCall", Some(&token), &fields).await;
    assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "0"));
    assert!(a.reason().contains("campaign"), "{}", a.reason());

    let good = encode(&call_fields());
    for body in [
        format!("{good}&destination=1"),
        good.replace("outqueue=Ventas-%3E", "outqueue=Ventas-%3"),
        good.replace("outqueue=Ventas-%3E", "outqueue=Ventas%-%3E"),
        good.replace("context=agentes", "context=%FF"),
        good.replace("callerid", "callerId"),
    ] {
        let a = post_raw(&app, "Agents/AgentCall", Some(&token), &body).await;
        assert_eq!(a.body, "0", "{body}");
        assert!(!a.reason().is_empty());
    }
    // Parameters in the query string do not count.
    let a = send(
        &app,
        raw_request(&format!("{}?phone=1001", api("Agents/HangupPhone")), Some(&token), Some(FORM), String::new()),
    )
    .await;
    assert_eq!(a.body, "0");
    assert!(a.reason().contains("query string"));
    // A raw `+` is a space: the number is then wrong data.
    let a = post_raw(&app, "Agents/AgentCall", Some(&token), &good.replace("098344484", "+59898344484")).await;
    assert_eq!(a.body, "0");
    let a = post_raw(&app, "Agents/AgentCall", Some(&token), &good.replace("098344484", "%2B59898344484")).await;
    assert_eq!(a.body.len(), 36);
    assert_eq!(emu.view().calls[0].destination, "+59898344484");
}

#[tokio::test]
async fn paths_and_methods_are_exact() {
    let (_emu, app) = setup();
    let token = agent1(&app).await;
    let a = post(&app, "Agents/AgentCallWithData", Some(&token), &call_fields()).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    let a = send(&app, get(&api("Supervisor/queuesummary"))).await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn never_panics_on_odd_bytes() {
    let (_emu, app) = setup();
    let token = agent1(&app).await;
    let odd = [
        "%",
        "&&&",
        "=",
        "a",
        "%%%%",
        "\u{0}",
        "filter=%7B",
        "call=%7B%22calldate%22%3A1e999%7D",
        "cant=99999999999999999999",
    ];
    for endpoint in
        ["Dialers/DialerTask", "Cdr/getrecords", "Dialers/uploadbase", "api/DispositionCall", "auth/getUserToken"]
    {
        for body in odd {
            let a = post_raw(&app, endpoint, Some(&token), body).await;
            assert!(
                a.status == StatusCode::OK || a.status == StatusCode::BAD_REQUEST,
                "{endpoint} {body}: {}",
                a.status
            );
        }
    }
}
