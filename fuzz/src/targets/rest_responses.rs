//! Every Integra REST response parser (`Endpoint::parse` of each endpoint in `rest`, plus
//! `parse_user_token` and `parse_user_login`), and `rest::redact_secrets`.
//!
//! Each case is one body (the input, sometimes with a random secret spliced in) and one HTTP
//! status (mostly 200, 400, 401 or 500; sometimes any of 0..=999), run through all 26 parsers.
//!
//! Checks, from the status table in `rest/outcome.rs` and each endpoint's docs:
//! 1. Errors are only `REFUSED`, `LOGIN_FAILED`, `UNAUTHORIZED`, `BAD_REQUEST`, `HTTP_STATUS`,
//!    `BAD_RESPONSE`, and their text is bounded whatever the body's size.
//! 2. 401 is `UNAUTHORIZED` (`LOGIN_FAILED` for the login parsers); 400 is `BAD_REQUEST` with at
//!    most 512 bytes of the trimmed body; any other non-2xx status is `HTTP_STATUS` carrying that
//!    status, the endpoint's name and at most 512 bytes (a prefix of the body).
//! 3. On 2xx, `0` / `"0"` is `REFUSED` (`LOGIN_FAILED` when logging in). Endpoints answering
//!    `1` accept exactly `1` / `"1"` (TagRecord and EndSession also the empty body); the call
//!    endpoints accept exactly a GUID, bare or quoted; SendSMS exactly `OK` and refuses `ERROR` /
//!    `ERRO`; SendSMSv2 gives a non-empty id exactly when the body is one `id` member (strict JSON,
//!    or the vendor's `{ id:"…" }`), the id found verbatim in the body; the Agent API calls accept
//!    the empty body, `1` and `OK`; the JSON reports account for every element,
//!    and fail with `malformed JSON: <reason at byte n>` exactly when `json::parse` refuses the
//!    body (the library's parser is the oracle; serde_json differs on `1e400` and on depth 128).
//! 4. Secrets: the login parser redacts the password and EndSession its token by themselves;
//!    `redact_secrets` with a secret leaves it in no error's message (`Display`) raw or
//!    JSON-escaped (reasons quote body excerpts as JSON strings) nor raw in its `Debug`, keeps the
//!    error's code, and leaves no head of a secret cut by a length limit: not at the end of a
//!    512-byte `HttpStatus` / `BadRequest` text, nor JSON-escaped at the end of a `BadResponse`
//!    excerpt cut with `…`.
//! 5. Outputs are usable: a parsed token prints as `***`; every CDR record's recording plan is
//!    built or refused without panicking, and a probe of it ends within its candidate count.

use ucontact_bridge::error::Error;

use ucontact_bridge::error::RestError;
use ucontact_bridge::json::{self, Map, Value};
use ucontact_bridge::rest::{
    parse_user_login, parse_user_token, redact_secrets, AddBlack, AgentCall, AgentCallWithData, CampaignStatus,
    CdrFilter, Convert, Credentials, DialerTask, DialersRespool, DispositionCall, EndSession, Endpoint, GetRecords,
    GetUserToken, HangupPhone, ProbeState, QueueSummary, RecordingHosts, RemoveContact, RemoveScheduleDialerCall,
    Response, ScheduleDialerCall, TagRecord, Token, UploadBase, UploadBaseWithTimezone, MAX_ERROR_BODY,
};
use ucontact_bridge::rest::{AgentLogoff, AgentUnBreak, ScheduleDialerSms, SendSms, SendSmsV2, SmsMessage};
use ucontact_bridge::validate::is_guid;

use super::{ensure, Outcome, Target};
use crate::rng::Rng;
use crate::stats::{hit, hit_if};

/// How an endpoint reads a 2xx body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Answer {
    /// `1` or `0` only.
    One,
    /// Empty, `1` or `0` (TagRecord, EndSession).
    EmptyOrOne,
    /// A GUID, bare or quoted, or `0` (AgentCall, AgentCallwithData).
    Guid,
    /// `1`, `OK` or a JSON object with `Result` (DispositionCall).
    Disposition,
    /// A JSON document (getrecords, queuesummary, campaignstatus).
    Json,
    /// A login answer: `0` and 401 are `LOGIN_FAILED`.
    Login,
    /// `OK`, or `ERROR` / `ERRO` refused (SendSMS).
    SmsOk,
    /// An id (SendSMSv2); `ERROR` / `ERRO` refused.
    SmsId,
    /// Empty, `1` or `OK`; `ERROR` / `ERRO` refused (the Agent API calls).
    AgentDone,
}

/// One parser's verdict, with the output reduced to what the checks need.
struct Verdict {
    name: &'static str,
    answer: Answer,
    /// Whether the parser redacts a secret by itself (then its texts are not plain prefixes).
    redacts: bool,
    result: Result<(), Error>,
}

pub struct RestResponses {
    hosts: RecordingHosts,
    call: AgentCall,
}

impl RestResponses {
    pub fn new() -> Self {
        let call = AgentCall {
            callerid: "24008000".into(),
            agent: "ana".into(),
            phone: "1001".into(),
            tech: "SIP".into(),
            context: "agentes".into(),
            outqueue: "Ventas->".into(),
            destination: "091000000".into(),
        };
        Self { hosts: RecordingHosts::new("pbx.example.com", "backup.example.com"), call }
    }
}

const DICTIONARY: &[&str] = &[
    "\"queue\":",
    "\"status\":",
    "\"location\":",
    "\"stateinterface\":",
    "\"paused\":",
    "\"loggedIn\":",
    "\"callers\":",
    "\"guid\":",
    "\"Guid\":",
    "\"calldate\":",
    "\"Result\":",
    "\"result\":",
    "\"txtcode\":",
    "\"campaign\":",
    "\"availables\":",
    "\"talked\":",
    "\"internalActionId\":",
    "\"dateReceived\":",
    "\"SIP/1010\":",
    "\"ok\"",
    "OK",
    "\"2016-01-18 10:00:00\"",
    "\"20160118\"",
    "7e4e7db9-f080-494e-b04b-7c8e47711558",
    "Wrong parameters: ",
    "VmNpc25lcm9zOjY3NDdjODIz",
    "<html>",
    "\"[]\"",
    "{ id:\"",
    "\"id\":",
    "“",
    "”",
    "ERROR",
    "ERRO",
];

/// The codes a response parser may fail with.
const CODES: &[&str] = &["REFUSED", "LOGIN_FAILED", "UNAUTHORIZED", "BAD_REQUEST", "HTTP_STATUS", "BAD_RESPONSE"];

/// Characters of a generated secret: what a token may hold (visible ASCII) minus `*`, the
/// redaction mark itself (a secret made of stars would "reappear" after redaction).
const SECRET_CHARS: &[u8] =
    b"!\"#$%&'()+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

impl Target for RestResponses {
    fn dictionary(&self) -> &'static [&'static str] {
        DICTIONARY
    }

    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let status = match rng.below(10) {
            0..=3 => 200,
            4 => 400,
            5 => 401,
            6 => 500,
            7 => *rng.pick(&[0, 1, 201, 204, 299, 300, 302, 404, 503, 999]),
            _ => rng.below(1000) as u16,
        };
        // A random secret, spliced into the body literally or JSON-escaped, or not at all.
        let secret: String = (0..rng.range(10, 24)).map(|_| char::from(*rng.pick(SECRET_CHARS))).collect();
        // Positions are taken in the original body and filled from the back, so that no copy is
        // split by another (a split copy would leave a genuine head of the secret in the body).
        let escaped = rng.one_in(5);
        let copy = if escaped { format!("\\u{:04x}{}", secret.as_bytes()[0], &secret[1..]) } else { secret.clone() };
        let mut at: Vec<usize> = (0..rng.small(2))
            .map(|_| {
                let mut i = rng.below(input.len() + 1);
                while !input.is_char_boundary(i) {
                    i -= 1;
                }
                i
            })
            .collect();
        at.sort_unstable_by(|a, b| b.cmp(a));
        let mut body = input.to_owned();
        for i in at {
            body.insert_str(i, &copy);
        }
        let resp = Response::new(status, body);

        hit_if(resp.body.contains(&secret), "secret-in-body");
        let verdicts = self.parse_all(&resp, &secret, rng)?;
        for v in &verdicts {
            if v.result.is_ok() {
                hit(v.name);
            }
            check_status_table(v, &resp)?;
            if let Err(e) = &v.result {
                check_redaction(v, e, &resp, &secret, escaped)?;
            }
        }
        Ok(())
    }
}

impl RestResponses {
    /// Runs every parser over `resp`, checking the typed outputs on the way.
    fn parse_all(&self, resp: &Response, secret: &str, rng: &mut Rng) -> Result<Vec<Verdict>, String> {
        fn unit<T>(r: Result<T, Error>) -> Result<(), Error> {
            r.map(|_| ())
        }
        let v = |name, answer, result| Verdict { name, answer, redacts: false, result };
        let upload = UploadBase {
            filename: "f.txt".into(),
            fileb64: "eA==".into(),
            campaign: "c".into(),
            cant: 1,
            username: "u".into(),
        };
        let mut out = vec![
            v(HangupPhone::NAME, Answer::One, HangupPhone { phone: "1001".into() }.parse(resp)),
            v(AddBlack::NAME, Answer::One, AddBlack::default().parse(resp)),
            v(Convert::NAME, Answer::One, Convert { guid: GUID.into(), folder: "20160118".into() }.parse(resp)),
            v(ScheduleDialerCall::NAME, Answer::One, ScheduleDialerCall::default().parse(resp)),
            v(DialerTask::NAME, Answer::One, DialerTask::click_to_call("c", "1").parse(resp)),
            v(RemoveContact::NAME, Answer::One, RemoveContact { campaign: "c".into(), number: "1".into() }.parse(resp)),
            v(
                RemoveScheduleDialerCall::NAME,
                Answer::One,
                RemoveScheduleDialerCall {
                    campaign: "c".into(),
                    destination: "1".into(),
                    from: String::new(),
                    to: String::new(),
                }
                .parse(resp),
            ),
            v(UploadBase::NAME, Answer::One, upload.parse(resp)),
            v(
                UploadBaseWithTimezone::NAME,
                Answer::One,
                UploadBaseWithTimezone { upload, timezone: "UTC".into() }.parse(resp),
            ),
            v(
                TagRecord::NAME,
                Answer::EmptyOrOne,
                TagRecord { phone: "1".into(), guid: GUID.into(), data: "d".into() }.parse(resp),
            ),
            v(DispositionCall::NAME, Answer::Disposition, unit(DispositionCall::default().parse(resp))),
            v(ScheduleDialerSms::NAME, Answer::One, ScheduleDialerSms::default().parse(resp)),
            v(SendSms::NAME, Answer::SmsOk, SendSms(SmsMessage::default()).parse(resp)),
            v(AgentLogoff::NAME, Answer::AgentDone, AgentLogoff::default().parse(resp)),
            v(AgentUnBreak::NAME, Answer::AgentDone, AgentUnBreak::default().parse(resp)),
        ];
        // SendSMSv2: the id is the body's, never invented: the `id` member's value when the body
        // is JSON (escapes decoded), else text found verbatim in the body.
        let id = SendSmsV2(SmsMessage::default()).parse(resp);
        if let Ok(id) = &id {
            let from_json = match json::parse(resp.body.trim()) {
                Ok(Value::Object(m)) => match m.get("id") {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Number(n)) => Some(n.as_str().to_owned()),
                    _ => None,
                },
                _ => None,
            };
            let found = from_json.map_or_else(|| resp.body.contains(id.as_str()), |want| &want == id);
            ensure!(
                !id.trim().is_empty() && id.len() <= 256 && found,
                "SendSMSv2 returned the id {id:?}, which is not the body's"
            );
        }
        out.push(v(SendSmsV2::NAME, Answer::SmsId, unit(id)));
        let row: Map = [
            ("campaign", Value::from("c")),
            ("destination", Value::from("1")),
            ("dialerbase", Value::from("b")),
            ("status", Value::from(1u32)),
            ("contact", Value::from(2u32)),
            ("priority", Value::from(5u32)),
        ]
        .into_iter()
        .collect();
        match ucontact_bridge::cti::Respool::from_map(&row).map(DialersRespool::from) {
            Ok(r) => out.push(v(DialersRespool::NAME, Answer::One, r.parse(resp))),
            Err(e) => return Err(format!("{}:{}: the harness Respool is invalid: {e}", file!(), line!())),
        }

        // The call endpoints: the GUID itself.
        let with_data = AgentCallWithData { call: self.call.clone(), data: String::new(), form: String::new() };
        for (name, r) in [(AgentCall::NAME, self.call.parse(resp)), (AgentCallWithData::NAME, with_data.parse(resp))] {
            if let Ok(guid) = &r {
                ensure!(is_guid(guid), "{name} returned the non-GUID {guid:?}");
            }
            out.push(v(name, Answer::Guid, unit(r)));
        }

        // The JSON reports: every element accounted for.
        let json = json::parse(resp.body.trim()).ok();
        let records = GetRecords { filter: CdrFilter::default(), lastrow: 0, search_limit: 50 }.parse(resp);
        if let Ok(records) = &records {
            ensure!(
                json.as_ref().and_then(Value::as_array).map(Vec::len) == Some(records.len()),
                "getrecords lost records"
            );
            for record in records {
                self.probe(record, rng)?;
            }
        }
        out.push(v(GetRecords::NAME, Answer::Json, unit(records)));
        let queues = QueueSummary.parse(resp);
        if let Ok(report) = &queues {
            let n = report.queues.len() + report.markers.len();
            ensure!(json.as_ref().and_then(Value::as_array).map(Vec::len) == Some(n), "queuesummary lost elements");
        }
        out.push(v(QueueSummary::NAME, Answer::Json, unit(queues)));
        let campaigns = CampaignStatus::all().parse(resp);
        if let Ok(report) = &campaigns {
            let n = report.campaigns.len() + report.agents.len() + report.other.len();
            ensure!(json.as_ref().and_then(Value::as_object).map(Map::len) == Some(n), "campaignstatus lost entries");
        }
        out.push(v(CampaignStatus::NAME, Answer::Json, unit(campaigns)));

        // Logins, with the secret as the password (the parser redacts it).
        let creds = Credentials::new("ana", secret);
        for (name, redacts, r) in [
            (GetUserToken::NAME, true, GetUserToken(&creds).parse(resp)),
            ("parse_user_token", false, parse_user_token(resp)),
            ("UserLogin", false, parse_user_login(resp)),
        ] {
            if let Ok(token) = &r {
                check_token(token)?;
            }
            out.push(Verdict { name, answer: Answer::Login, redacts, result: unit(r) });
        }

        // EndSession, with the secret as the token it ends (the parser redacts it).
        if let Ok(token) = Token::new(secret) {
            let end = EndSession { user: "ana".into(), token };
            out.push(Verdict {
                name: EndSession::NAME,
                answer: Answer::EmptyOrOne,
                redacts: true,
                result: end.parse(resp),
            });
        }
        Ok(out)
    }

    /// A CDR record's recording plan: built or refused, and a probe ends in time.
    fn probe(&self, record: &ucontact_bridge::rest::CdrRecord, rng: &mut Rng) -> Outcome {
        let Ok(mut plan) = record.recording_plan(&self.hosts) else { return Ok(()) };
        let n = plan.candidates().len();
        ensure!(n == 8, "a recording plan with {n} candidates");
        for c in plan.candidates() {
            ensure!(
                c.url.starts_with("https://") && record.guid.as_deref().is_some_and(|g| c.url.contains(g)),
                "bad candidate {}",
                c.url
            );
        }
        hit("recording-plan");
        let mut steps = 0;
        while let ProbeState::Try(_) = plan.state() {
            plan.report_status(*rng.pick(&[200, 206, 404, 500, 0]));
            steps += 1;
            ensure!(steps <= n, "a probe did not end after {n} candidates");
        }
        Ok(())
    }
}

const GUID: &str = "7e4e7db9-f080-494e-b04b-7c8e47711558";

fn check_token(token: &Token) -> Outcome {
    let raw = token.expose();
    ensure!(
        !raw.is_empty() && raw.len() <= 4096 && raw.bytes().all(|b| (0x21..=0x7e).contains(&b)),
        "a bad token was accepted"
    );
    ensure!(format!("{token:?}") == "Token(***)" && token.to_string() == "***", "a token prints itself");
    let _ = token.login();
    let _ = EndSession::for_token(token);
    Ok(())
}

/// Checks 1–3 of the module docs for one verdict.
fn check_status_table(v: &Verdict, resp: &Response) -> Outcome {
    let (name, status, body) = (v.name, resp.status, resp.body.trim());
    if let Err(e) = &v.result {
        ensure!(CODES.contains(&e.code()), "{name}: undocumented error {}", e.code());
        let shown = format!("{e} {e:?}");
        ensure!(shown.len() <= 4 * MAX_ERROR_BODY + 1024, "{name}: an error of {} bytes", shown.len());
    }
    let code = v.result.as_ref().err().map(Error::code);
    let login = v.answer == Answer::Login;
    match status {
        401 => ensure!(code == Some(if login { "LOGIN_FAILED" } else { "UNAUTHORIZED" }), "{name}: 401 gave {code:?}"),
        400 => match &v.result {
            Err(Error::Rest(RestError::BadRequest { message })) => {
                ensure!(message.len() <= MAX_ERROR_BODY, "{name}: a 400 message of {} bytes", message.len());
                if !body.starts_with('"') && !v.redacts {
                    ensure!(body.starts_with(message.as_str()), "{name}: the 400 message is not the body's start");
                }
            }
            _ => return Err(format!("{}:{}: {name}: 400 gave {code:?}", file!(), line!())),
        },
        200..=299 => check_answer(v, body)?,
        _ => match &v.result {
            Err(Error::Rest(RestError::HttpStatus { endpoint, status: s, body: kept })) => {
                ensure!(
                    *s == status && *endpoint == name_in_errors(name),
                    "{name}: HttpStatus {{{endpoint}, {s}}} for {status}"
                );
                ensure!(kept.len() <= MAX_ERROR_BODY, "{name}: an HttpStatus body of {} bytes", kept.len());
                if !v.redacts {
                    ensure!(
                        resp.body.starts_with(kept.as_str()),
                        "{name}: the HttpStatus body is not the body's start"
                    );
                    ensure!(resp.body.len() > MAX_ERROR_BODY || *kept == resp.body, "{name}: a short body was cut");
                }
            }
            _ => return Err(format!("{}:{}: {name}: status {status} gave {code:?}", file!(), line!())),
        },
    }
    Ok(())
}

/// The endpoint name errors carry (the free login parsers report as `getUserToken`).
fn name_in_errors(name: &'static str) -> &'static str {
    match name {
        "parse_user_token" | "UserLogin" => GetUserToken::NAME,
        other => other,
    }
}

/// Check 3: what a 2xx body gives.
fn check_answer(v: &Verdict, body: &str) -> Outcome {
    let name = v.name;
    let code = v.result.as_ref().err().map(Error::code);
    let refusal = matches!(body, "0" | "\"0\"");
    let one = matches!(body, "1" | "\"1\"");
    if refusal {
        let want = if v.answer == Answer::Login { "LOGIN_FAILED" } else { "REFUSED" };
        ensure!(code == Some(want), "{name}: `{body}` gave {code:?}");
        return Ok(());
    }
    let ok = v.result.is_ok();
    match v.answer {
        Answer::One => {
            ensure!(ok == one && (ok || code == Some("BAD_RESPONSE")), "{name}: body {body:?} gave {code:?}");
        }
        Answer::EmptyOrOne => {
            let want = one || body.is_empty();
            ensure!(ok == want && (ok || code == Some("BAD_RESPONSE")), "{name}: body {body:?} gave {code:?}");
        }
        Answer::Guid => {
            let unquoted = body.strip_prefix('"').and_then(|b| b.strip_suffix('"')).unwrap_or(body);
            let want = is_guid(unquoted);
            ensure!(ok == want && (ok || code == Some("BAD_RESPONSE")), "{name}: body {body:?} gave {code:?}");
        }
        Answer::Disposition => {
            if one || body.eq_ignore_ascii_case("ok") || body.eq_ignore_ascii_case("\"ok\"") {
                ensure!(ok, "{name}: body {body:?} gave {code:?}");
            }
        }
        Answer::Json => {
            // The library's own parser is the oracle (serde_json differs on documented cases:
            // `1e400`, nesting exactly 128 deep); the reason names what it found, and only then.
            let malformed = match &v.result {
                Err(Error::Rest(RestError::BadResponse { reason, .. })) => reason.strip_prefix("malformed JSON: "),
                _ => None,
            };
            match json::parse(body) {
                Err(e) => ensure!(
                    malformed == Some(e.describe().as_str()),
                    "{name}: a body that is not JSON ({}) gave {code:?} / {malformed:?}",
                    e.describe()
                ),
                Ok(_) => ensure!(malformed.is_none(), "{name}: a JSON body was called malformed: {malformed:?}"),
            }
        }
        Answer::Login => ensure!(ok || code == Some("BAD_RESPONSE"), "{name}: a 2xx login answer gave {code:?}"),
        Answer::SmsOk | Answer::SmsId | Answer::AgentDone => {
            let error_word = matches!(body, "ERROR" | "ERRO" | "\"ERROR\"" | "\"ERRO\"");
            let want_ok = match v.answer {
                Answer::SmsOk => matches!(body, "OK" | "\"OK\""),
                Answer::AgentDone => matches!(body, "" | "1" | "\"1\"" | "OK" | "\"OK\""),
                // An id needs a `{…}` body with `id` in it; the unit tests pin the spellings.
                _ => ok && body.starts_with('{') && body.ends_with('}') && body.contains("id"),
            };
            if error_word {
                ensure!(code == Some("REFUSED"), "{name}: `{body}` gave {code:?}");
            } else {
                ensure!(ok == want_ok && (ok || code == Some("BAD_RESPONSE")), "{name}: body {body:?} gave {code:?}");
            }
        }
    }
    Ok(())
}

/// Check 4 for one error.
fn check_redaction(v: &Verdict, e: &Error, resp: &Response, secret: &str, escaped: bool) -> Outcome {
    let name = v.name;
    // Error texts hold the body raw (`HttpStatus`, `BadRequest`) or quote an excerpt of it as a
    // JSON string (`BadResponse`), so the secret is looked for raw and JSON-escaped (escaped by
    // serde_json, the reference, not by the library's own writer).
    let quoted = json_escaped(secret);
    // `Debug` escapes `\` and `"` (Rust's way), so for a secret holding them it can print the
    // secret from a body that never held it (`\u005c"x` prints as `\\u005c\"x`): for those only
    // the message (what `Display` prints) is checked.
    let debug_checked = !secret.contains(['\\', '"']);
    let leaks = |e: &Error| {
        let message = e.message();
        message.contains(secret)
            || message.contains(quoted.as_str())
            || (debug_checked && format!("{e:?}").contains(secret))
    };
    ensure!(format!("{e}") == e.message(), "{name}: Display is not message()");
    if v.redacts {
        ensure!(!leaks(e), "{name} leaked its secret: {e:?}");
    }
    ensure!(redact_secrets(e.clone(), resp, &[]) == *e, "{name}: redacting nothing changed the error");
    ensure!(redact_secrets(e.clone(), resp, &[""]) == *e, "{name}: redacting \"\" changed the error");
    let r = redact_secrets(e.clone(), resp, &[secret]);
    ensure!(r.code() == e.code(), "{name}: redaction changed {} into {}", e.code(), r.code());
    ensure!(!leaks(&r), "{name}: the secret survived redact_secrets: {r:?}");
    // A secret cut by the 512-byte limit must not leave its head behind (texts rebuilt from the
    // whole body). Only meaningful when the secret was spliced in literally.
    let kept = match &r {
        Error::Rest(RestError::HttpStatus { body, .. }) => Some(body),
        Error::Rest(RestError::BadRequest { message }) => Some(message),
        _ => None,
    };
    if let (Some(kept), false) = (kept, escaped) {
        if kept.len() + 4 >= MAX_ERROR_BODY {
            for (cut, _) in secret.char_indices().skip(8) {
                ensure!(!kept.ends_with(&secret[..cut]), "{name}: {cut} bytes of a cut secret were kept");
            }
        }
    }
    // The same promise for the body excerpt a `BadResponse` quotes (`got "<excerpt>"…`): the
    // excerpt is cut on the raw body and then JSON-escaped, so a head shows escaped.
    if let (Error::Rest(RestError::BadResponse { reason, .. }), false) = (&r, escaped) {
        if reason.ends_with('…') {
            for (cut, _) in secret.char_indices().skip(8) {
                let head = json_escaped(&secret[..cut]);
                ensure!(!reason.ends_with(&format!("{head}\"…")), "{name}: {cut} bytes of a cut secret were kept");
            }
        }
    }
    Ok(())
}

/// `text` as it appears between the quotes of a JSON string, by serde_json.
fn json_escaped(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap_or_default();
    quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or_default().to_owned()
}
