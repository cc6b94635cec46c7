use base64::Engine;

use crate::common::*;

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[tokio::test]
async fn upload_base_stores_rows() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let file = "Ventas->;098344484;var1=val1:var2=val2;099124484:099111111;9999;1001\nVentas->;098000111;;\nVentas->;098000222;nombre=Ñandú;;5\n";
    let fileb64 = b64(file);
    let a = post(
        &app,
        "Dialers/uploadbase",
        Some(&token),
        &[
            ("filename", "base.txt"),
            ("fileb64", &fileb64),
            ("campaign", "Ventas->"),
            ("cant", "3"),
            ("username", "agent1"),
        ],
    )
    .await;
    assert_eq!(a.body, "1", "{}", a.reason());
    let a = post(
        &app,
        "Dialers/uploadbasewithtimezone",
        Some(&token),
        &[
            ("filename", "base.txt"),
            ("fileb64", &fileb64),
            ("campaign", "Ventas->"),
            ("cant", "3"),
            ("username", "agent1"),
            ("timezone", "America/Montevideo"),
        ],
    )
    .await;
    assert_eq!(a.body, "1", "{}", a.reason());
    let bases = emu.view().bases;
    assert_eq!(bases[0].rows.len(), 3);
    assert_eq!(bases[0].rows[0].priority, Some(9999));
    assert_eq!(bases[0].rows[0].agentphone.as_deref(), Some("1001"));
    assert_eq!(bases[0].rows[2].data, "nombre=Ñandú");
    assert_eq!(bases[1].timezone.as_deref(), Some("America/Montevideo"));
}

#[tokio::test]
async fn upload_base_refuses_bad_files() {
    let (emu, app) = setup();
    let token = agent1(&app).await;
    let good = "Ventas->;098344484;;\n";
    let upload = |file: String, cant: &'static str, extra: Option<(&'static str, &'static str)>| {
        let app = app.clone();
        let token = token.clone();
        async move {
            let mut fields = vec![
                ("filename", "b.txt"),
                ("fileb64", file.as_str()),
                ("campaign", "Ventas->"),
                ("cant", cant),
                ("username", "agent1"),
            ];
            fields.extend(extra);
            post(&app, "Dialers/uploadbase", Some(&token), &fields).await
        }
    };
    assert_eq!(upload(b64(good), "1", None).await.body, "1");
    for (file, cant) in [
        ("Ventas->;098344484;;", "1"),
        ("Ventas->;098344484;;\r\n", "1"),
        ("Ventas->;098344484;;\n\n", "1"),
        ("Ventas->;098344484;;\n", "2"),
        ("Otra->;098344484;;\n", "1"),
        ("Ventas->,098344484,,\n", "1"),
        ("Ventas->;098344484;;;\n", "1"),
        ("", "0"),
    ] {
        let a = upload(b64(file), cant, None).await;
        assert_eq!(a.body, "0", "{file:?} cant={cant}");
    }
    assert_eq!(upload("not base64!".to_owned(), "1", None).await.body, "0");
    assert_eq!(upload(b64(good), "-1", None).await.body, "0");
    assert_eq!(upload(b64(good), "1", Some(("timezone", "UTC"))).await.body, "0", "no timezone on uploadbase");

    // A `+` in the base64 text sent unencoded arrives as a space.
    let tricky = "Ventas->;098344484;k=>>>;\n";
    let encoded = b64(tricky);
    assert!(encoded.contains('+'), "{encoded}");
    let body = format!("filename=b.txt&fileb64={encoded}&campaign=Ventas-%3E&cant=1&username=agent1");
    let a = post_raw(&app, "Dialers/uploadbase", Some(&token), &body).await;
    assert_eq!(a.body, "0");
    assert!(a.reason().contains("space"), "{}", a.reason());
    assert_eq!(emu.view().bases.len(), 1);
}
