//! Cross-cutting properties: every parser is total, encodings round-trip, secrets never leak.

use proptest::prelude::*;

use crate::json::{Number, Value};

use super::test_support::{every_request, token, GUID, RAW_TOKEN};
use super::*;

/// Runs every parser of the module over one response; only panics matter.
fn parse_everything(resp: &Response) {
    let creds = Credentials::new("ana", "pw");
    let call = AgentCall {
        callerid: "1".into(),
        agent: "a".into(),
        phone: "1".into(),
        tech: "SIP".into(),
        context: "c".into(),
        outqueue: "q".into(),
        destination: "1".into(),
    };
    let _ = GetUserToken(&creds).parse(resp);
    let _ = parse_user_token(resp);
    let _ = parse_user_login(resp);
    let _ = EndSession { user: "a".into(), token: token() }.parse(resp);
    let _ = call.parse(resp);
    let _ = AgentCallWithData { call, data: String::new(), form: String::new() }.parse(resp);
    let _ = HangupPhone { phone: "1".into() }.parse(resp);
    let _ = TagRecord { phone: "1".into(), guid: GUID.into(), data: "d".into() }.parse(resp);
    let _ = DispositionCall::default().parse(resp);
    let _ = AddBlack::default().parse(resp);
    let _ = GetRecords { filter: CdrFilter::default(), lastrow: 0, search_limit: 1 }.parse(resp);
    let _ = Convert { guid: GUID.into(), folder: "20160101".into() }.parse(resp);
    let row =
        crate::cti::Respool::from_value(&crate::json::testing::json!({"campaign":"c","destination":"1","priority":5}));
    let _ = row.map(|r| DialersRespool::from(r).parse(resp));
    let _ = ScheduleDialerCall::default().parse(resp);
    let _ = DialerTask::priority("c", "1").parse(resp);
    let _ = RemoveContact { campaign: "c".into(), number: "1".into() }.parse(resp);
    let _ = RemoveScheduleDialerCall {
        campaign: "c".into(),
        destination: "1".into(),
        from: String::new(),
        to: String::new(),
    }
    .parse(resp);
    let upload = UploadBase {
        filename: "f".into(),
        fileb64: "eA==".into(),
        campaign: "c".into(),
        cant: 1,
        username: "u".into(),
    };
    let _ = upload.parse(resp);
    let _ = UploadBaseWithTimezone { upload, timezone: "UTC".into() }.parse(resp);
    let _ = QueueSummary.parse(resp);
    let _ = CampaignStatus::all().parse(resp);
    if let Ok(e) = GetUserToken(&creds).parse(resp).map_err(|e| e.to_string()) {
        let _ = e.login();
    }
}

/// Keys the parsers look for, so that generated objects reach the deep paths.
const KEYS: &[&str] = &[
    "queue",
    "status",
    "location",
    "stateinterface",
    "paused",
    "loggedIn",
    "callers",
    "guid",
    "Guid",
    "calldate",
    "Result",
    "result",
    "txtcode",
    "campaign",
    "availables",
    "talked",
    "internalActionId",
    "SIP/1010",
];

/// JSON numbers: whole ones, floats as Rust prints them, and free-form texts with fractions
/// and exponents (the lenient integer reader's decimal paths).
fn json_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(|n| Value::Number(Number::from_i64(n))),
        any::<u64>().prop_map(|n| Value::Number(Number::from_u64(n))),
        any::<f64>().prop_map(|f| Number::parse(&format!("{f:?}")).map_or(Value::Null, Value::Number)),
        "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,22})?"
            .prop_map(|t| Number::parse(&t).map_or(Value::Null, Value::Number)),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        json_number(),
        "[0-9]{0,3}".prop_map(Value::String),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        let key = prop_oneof![proptest::sample::select(KEYS).prop_map(str::to_owned), ".{0,6}"];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..8).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        ".*",
        json_value().prop_map(|v| v.to_json()),
        Just("0".to_owned()),
        Just("1".to_owned()),
        Just(String::new()),
        "\"[ -~]{0,80}\"",
        "[0-9a-f-]{30,40}",
        prop::collection::vec(any::<u8>(), 0..64).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![Just(200u16), Just(204), Just(400), Just(401), Just(404), Just(500), any::<u16>()]
}

/// Decodes `application/x-www-form-urlencoded` text (test oracle only).
fn form_decode(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_parser_is_total(status in status(), body in body()) {
        parse_everything(&Response::new(status, body));
    }

    #[test]
    fn form_encoding_round_trips(s in any::<String>()) {
        let mut enc = String::new();
        form::encode_component(&s, &mut enc);
        prop_assert!(enc.bytes().all(|b| b.is_ascii_alphanumeric() || b"*-._+%".contains(&b)));
        prop_assert!(!enc.contains("%20"));
        prop_assert_eq!(form_decode(&enc), s.as_bytes());
    }

    #[test]
    fn base_file_is_total(rows in prop::collection::vec(
        (".{0,6}", ".{0,6}", prop::collection::vec((".{0,4}", ".{0,4}"), 0..3),
         prop::collection::vec(".{0,4}", 0..3), any::<Option<u32>>(), any::<Option<String>>()),
        0..6))
    {
        let rows: Vec<BaseRow> = rows.into_iter().map(|(campaign, number, data, alternatives, priority, agentphone)|
            BaseRow { campaign, number, data, alternatives, priority, agentphone }).collect();
        if let Ok(file) = BaseFile::build(&rows) {
            prop_assert_eq!(file.text().matches('\n').count(), rows.len());
            prop_assert_eq!(file.rows(), rows.len());
            for (line, row) in file.text().split_terminator('\n').zip(&rows) {
                let cols: Vec<&str> = line.split(';').collect();
                prop_assert!((4..=6).contains(&cols.len()));
                prop_assert_eq!(cols[0], row.campaign.as_str());
                prop_assert_eq!(cols[1], row.number.as_str());
            }
        }
    }

    #[test]
    fn recording_folder_is_total(s in ".{0,24}") {
        let _ = recording_folder(&s);
    }
}

#[test]
fn secrets_never_leak() {
    const PASSWORD: &str = "Zx9!pass word";
    let creds = Credentials::new("ana", PASSWORD);
    let t = token();
    let mut seen = Vec::new();

    seen.push(format!("{t:?} {t} {creds:?}"));
    let login = build(&GetUserToken(&creds), None).unwrap();
    seen.push(format!("{login:?}"));
    seen.push(format!("{:?}", build(&EndSession { user: "ana".into(), token: t.clone() }, Some(&t)).unwrap()));
    for req in every_request() {
        seen.push(format!("{req:?}"));
    }

    // Every error a login-related parser can give, including bodies that echo the secrets.
    // What the parsers can know: a token is only ever the body of a 2xx login answer (a refused
    // login mints none), so login parsers never quote 2xx bodies; a sloppy server might echo
    // the password at any status, so `GetUserToken` scrubs the password it sent; `EndSession`
    // scrubs its token at any status. The stand-alone parsers know no password.
    let bodies = [
        String::new(),
        "0".into(),
        RAW_TOKEN.into(),
        format!("\"{RAW_TOKEN}"),
        format!("[1,2,\"{RAW_TOKEN} \"]"),
        format!("login failed for ana/{PASSWORD}"),
        format!("\"{PASSWORD}\""),
        format!("{}{PASSWORD}", "x".repeat(505)),
        format!("{}{RAW_TOKEN}", "y".repeat(500)),
    ];
    for status in [200, 204, 302, 400, 401, 403, 500, 503] {
        for body in &bodies {
            let resp = Response::new(status, body.clone());
            seen.push(format!("{resp:?}"));
            let token_possible = (200..=299).contains(&status) || !body.contains(RAW_TOKEN);
            let knows_nothing = token_possible && !body.contains(PASSWORD);
            let errors = [
                GetUserToken(&creds).parse(&resp).err().filter(|_| token_possible),
                parse_user_token(&resp).err().filter(|_| knows_nothing),
                parse_user_login(&resp).err().filter(|_| knows_nothing),
                EndSession { user: "ana".into(), token: t.clone() }
                    .parse(&resp)
                    .err()
                    .filter(|_| !body.contains(PASSWORD)),
            ];
            for e in errors.into_iter().flatten() {
                seen.push(format!("{e} {e:?}"));
            }
        }
    }
    for bad in [RAW_TOKEN.replace('V', " "), format!("{RAW_TOKEN}\n")] {
        let e = Token::new(bad).unwrap_err();
        seen.push(format!("{e} {e:?}"));
    }
    let e = build(&GetUserToken(&Credentials::new("", PASSWORD)), None).unwrap_err();
    seen.push(format!("{e} {e:?}"));
    let e = build(&GetUserToken(&Credentials::new("ana", format!("{PASSWORD}\u{0}"))), None).unwrap_err();
    seen.push(format!("{e} {e:?}"));

    for text in &seen {
        assert!(!text.contains(RAW_TOKEN), "token leaked: {text}");
        assert!(!text.contains("VmNpc25lcm9z"), "token prefix leaked: {text}");
        assert!(!text.contains(PASSWORD), "password leaked: {text}");
        assert!(!text.contains("Zx9!"), "password prefix leaked: {text}");
    }
}
