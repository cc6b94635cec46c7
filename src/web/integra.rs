//! `IntegraClient`: the Integra REST API from JavaScript.
//!
//! The pure core (`crate::rest`) builds every request and reads every answer; this file holds
//! the session (token, optional credentials) and runs the exchange rule:
//!
//! 1. get a token: the one given, or log in with the credentials (one login at a time, shared
//!    by every request waiting for it);
//! 2. send the request once ([`fetch::send`], deadline + caller's `AbortSignal`);
//! 3. on HTTP 401 only, and only when credentials were given, log in again and send once more
//!    ([`may_retry_after`]); nothing else is ever repeated, since a request that may have run
//!    must not run twice;
//! 4. scrub the token and password from any server text an error carries.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Promise;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::fetch::{self, Limits};
use super::js::{self, CallOptions, Interrupted};
use crate::error::Error;
use crate::rest::{
    build, may_retry_after, redact_secrets, AddBlack, AgentCall, AgentCallWithData, BaseFile, BaseRow, CampaignStatus,
    CampaignStatusReport, CdrFilter, CdrPager, CdrRecord, Convert, Credentials, DialerTask, DispositionCall,
    DispositionOutcome, EndSession, Endpoint, GetRecords, GetUserToken, HangupPhone, ProbePlan, ProbeState,
    QueueSummary, QueueSummaryReport, RecordingCandidate, RecordingHosts, RemoveContact, RemoveScheduleDialerCall,
    Request, Respool, ScheduleDialerCall, TagRecord, Token, UploadBase, UploadBaseWithTimezone,
};

/// Default deadline of one REST exchange.
pub const DEFAULT_TIMEOUT_MS: f64 = 20_000.0;
/// Default page size of `records()`.
const DEFAULT_PAGE_SIZE: u32 = 100;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    base_url: String,
    #[serde(default)]
    token: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    timeout_ms: Option<f64>,
    #[serde(default)]
    recording_hosts: Option<HostsArgs>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HostsArgs {
    telephony: String,
    #[serde(default)]
    backup: Option<String>,
}

impl From<HostsArgs> for RecordingHosts {
    fn from(h: HostsArgs) -> Self {
        RecordingHosts { telephony: h.telephony, backup: h.backup }
    }
}

/// The session shared by a client and the work it started.
pub(crate) struct Session {
    base: String,
    timeout_ms: f64,
    credentials: Option<Credentials>,
    token: RefCell<Option<Token>>,
    /// The login in flight, shared by every request waiting for a token.
    login: RefCell<Option<Promise>>,
    /// Why the last shared login failed (its promise carries only a JS value).
    login_error: RefCell<Option<Error>>,
    hosts: Option<RecordingHosts>,
}

impl Session {
    fn create(o: Options) -> Result<Session, Error> {
        let base = o.base_url.trim().trim_end_matches('/').to_owned();
        if !(base.starts_with("https://") || base.starts_with("http://")) || base.len() <= "https://".len() {
            return Err(Error::invalid(
                "baseUrl",
                "must be the instance's origin, e.g. https://acme.ucontactcloud.com",
            ));
        }
        let token = o.token.map(Token::new).transpose()?;
        let credentials = match (o.user, o.password) {
            (Some(user), Some(password)) => Some(Credentials::new(user, password)),
            (None, None) => None,
            _ => return Err(Error::invalid("user", "`user` and `password` go together")),
        };
        let timeout_ms = js::positive("timeoutMs", o.timeout_ms, DEFAULT_TIMEOUT_MS)?;
        Ok(Session {
            base,
            timeout_ms,
            credentials,
            token: RefCell::new(token),
            login: RefCell::new(None),
            login_error: RefCell::new(None),
            hosts: o.recording_hosts.map(Into::into),
        })
    }

    fn limits<'a>(&self, o: &'a CallOptions) -> Limits<'a> {
        Limits { timeout_ms: o.timeout_ms.unwrap_or(self.timeout_ms), signal: o.signal.as_ref() }
    }

    /// Texts no error may carry: the token in use and the password.
    fn secrets<'a>(&'a self, token: Option<&'a Token>) -> Vec<&'a str> {
        let mut s: Vec<&str> = token.map(Token::expose).into_iter().collect();
        s.extend(self.credentials.as_ref().map(Credentials::expose_password));
        s
    }

    /// Forgets `used` if it is still the current token (a concurrent login may have replaced it).
    fn forget(&self, used: &Token) {
        let mut t = self.token.borrow_mut();
        if t.as_ref() == Some(used) {
            *t = None;
        }
    }

    /// The current token, logging in first if there is none and credentials were given.
    async fn token(self: &Rc<Self>, o: &CallOptions) -> Result<Token, Error> {
        if let Some(t) = self.token.borrow().clone() {
            return Ok(t);
        }
        if self.credentials.is_none() {
            return Err(Error::Unauthorized);
        }
        self.shared_login(o).await?;
        self.token.borrow().clone().ok_or(Error::Unauthorized)
    }

    /// Joins (or starts) the one login in flight. The login itself runs with the client's
    /// deadline and no caller signal, since other requests may be waiting for it; this caller
    /// stops waiting as soon as its own signal fires.
    async fn shared_login(self: &Rc<Self>, o: &CallOptions) -> Result<(), Error> {
        let running = self.login.borrow().clone();
        let promise = match running {
            Some(p) => p,
            None => {
                let s = self.clone();
                let p = future_to_promise(async move {
                    let result = s.login_now(&CallOptions::default()).await;
                    s.login.borrow_mut().take();
                    result.map(|()| JsValue::UNDEFINED).map_err(|e| {
                        let js = js::error(&e);
                        *s.login_error.borrow_mut() = Some(e);
                        js
                    })
                });
                *self.login.borrow_mut() = Some(p.clone());
                p
            }
        };
        match js::until_aborted(promise, o.signal.as_ref()).await {
            Ok(_) => Ok(()),
            Err(Interrupted::Aborted) => Err(Error::Aborted),
            Err(Interrupted::Rejected(_)) => Err(self.login_error.borrow().clone().unwrap_or(Error::LoginFailed)),
        }
    }

    /// Logs in now with the credentials and keeps the token.
    async fn login_now(self: &Rc<Self>, o: &CallOptions) -> Result<(), Error> {
        let creds = self
            .credentials
            .as_ref()
            .ok_or_else(|| Error::invalid("user", "no credentials were given to log in with"))?;
        let token = self.exchange(&GetUserToken(creds), None, o).await?;
        *self.token.borrow_mut() = Some(token);
        Ok(())
    }

    /// One request/response, errors scrubbed of secrets.
    async fn exchange<T>(&self, job: &dyn Job<T>, token: Option<&Token>, o: &CallOptions) -> Result<T, Error> {
        let req = job.request(token)?;
        self.send(job, &req, token, o).await
    }

    async fn send<T>(
        &self,
        job: &dyn Job<T>,
        req: &Request,
        token: Option<&Token>,
        o: &CallOptions,
    ) -> Result<T, Error> {
        let resp = fetch::send(&self.base, req, self.limits(o)).await?;
        job.answer(&resp).map_err(|e| redact_secrets(e, &resp, &self.secrets(token)))
    }

    /// Runs an authenticated endpoint with the exchange rule of the module docs.
    pub(crate) async fn run<T>(self: &Rc<Self>, job: &dyn Job<T>, o: &CallOptions) -> Result<T, Error> {
        let mut retries = 0;
        loop {
            let token = self.token(o).await?;
            let req = job.request(Some(&token))?;
            match self.send(job, &req, Some(&token), o).await {
                Err(e) if matches!(e, Error::Unauthorized) => {
                    self.forget(&token);
                    if self.credentials.is_some() && may_retry_after(&req, &e, retries) {
                        retries += 1;
                        continue;
                    }
                    return Err(e);
                }
                other => return other,
            }
        }
    }

    /// Ends the session on the server and forgets the token. Without a token there is nothing
    /// to end.
    async fn end(self: &Rc<Self>, o: &CallOptions) -> Result<(), Error> {
        let Some(token) = self.token.borrow().clone() else { return Ok(()) };
        let end = match &self.credentials {
            Some(c) => EndSession { user: c.user().to_owned(), token: token.clone() },
            None => EndSession::for_token(&token)?,
        };
        let result = self.exchange(&end, Some(&token), o).await;
        if matches!(result, Ok(()) | Err(Error::Unauthorized)) {
            self.forget(&token);
        }
        result
    }

    /// Probes the candidates in order; the first that answers 2xx wins. A candidate that
    /// cannot be reached counts as absent, but if nothing is found and some could not be
    /// reached the answer is that network error, not "no recording".
    async fn find_recording(&self, mut plan: ProbePlan, o: &CallOptions) -> Result<Option<RecordingCandidate>, Error> {
        let mut unreachable = None;
        loop {
            match plan.state() {
                ProbeState::Found(c) => return Ok(Some(c.clone())),
                ProbeState::NotFound => return unreachable.map_or(Ok(None), Err),
                ProbeState::Try(c) => {
                    let url = c.url.clone();
                    match fetch::probe(&url, self.limits(o)).await {
                        Ok(status) => plan.report_status(status),
                        Err(e @ Error::Network { .. }) => {
                            unreachable.get_or_insert(e);
                            plan.report(false);
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }
}

// ---- arguments as JavaScript passes them ---------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentCallArgs {
    callerid: String,
    agent: String,
    phone: String,
    tech: String,
    context: String,
    outqueue: String,
    destination: String,
}

impl From<AgentCallArgs> for AgentCall {
    fn from(a: AgentCallArgs) -> Self {
        AgentCall {
            callerid: a.callerid,
            agent: a.agent,
            phone: a.phone,
            tech: a.tech,
            context: a.context,
            outqueue: a.outqueue,
            destination: a.destination,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentCallWithDataArgs {
    callerid: String,
    agent: String,
    phone: String,
    tech: String,
    context: String,
    outqueue: String,
    destination: String,
    #[serde(default)]
    data: String,
    #[serde(default)]
    form: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhoneArgs {
    phone: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagRecordArgs {
    phone: String,
    guid: String,
    data: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DispositionArgs {
    campaign: String,
    agent: String,
    callerid: String,
    guid: String,
    l1: String,
    #[serde(default)]
    l2: String,
    #[serde(default)]
    l3: String,
    #[serde(default)]
    d1: String,
    #[serde(default)]
    d2: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    schedule: String,
    #[serde(default)]
    camptoreschedule: String,
    #[serde(default)]
    tag: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AddBlackArgs {
    phone: String,
    campaign: String,
    username: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    job_title: String,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PageArgs {
    #[serde(default)]
    lastrow: u64,
    search_limit: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConvertArgs {
    guid: String,
    calldate: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduleArgs {
    calldate: String,
    campaign: String,
    destination: String,
    #[serde(default)]
    alternatives: String,
    #[serde(default)]
    agentphone: String,
    #[serde(default)]
    data: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
enum ModeArg {
    Priority,
    ClickToCall,
    AddToDialer,
    Schedule,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DialerTaskArgs {
    mode: ModeArg,
    campaign: String,
    destination: String,
    #[serde(default)]
    calldate: Option<String>,
    #[serde(default)]
    alternatives: String,
    #[serde(default)]
    agent: String,
    #[serde(default)]
    data: String,
    #[serde(default)]
    source: Option<String>,
}

impl DialerTaskArgs {
    fn into_task(self) -> Result<DialerTask, Error> {
        let (c, d) = (self.campaign, self.destination);
        let task = match (self.mode, self.calldate) {
            (ModeArg::Schedule, Some(date)) => DialerTask::schedule(date, c, d),
            (ModeArg::Schedule, None) => return Err(Error::invalid("calldate", "is required when mode is 'schedule'")),
            (_, Some(_)) => return Err(Error::invalid("calldate", "is only for mode 'schedule'")),
            (ModeArg::Priority, None) => DialerTask::priority(c, d),
            (ModeArg::ClickToCall, None) => DialerTask::click_to_call(c, d),
            (ModeArg::AddToDialer, None) => DialerTask::add_to_dialer(c, d),
        };
        let task = task.alternatives(self.alternatives).agent(self.agent).data(self.data);
        Ok(match self.source {
            Some(s) => task.source(s),
            None => task,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemoveContactArgs {
    campaign: String,
    number: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemoveScheduleArgs {
    campaign: String,
    destination: String,
    from: String,
    to: String,
}

/// A base-file row as JavaScript writes it. `data` is an object (insertion order kept) or a
/// list of `[key, value]` pairs.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowArgs {
    campaign: String,
    number: String,
    #[serde(default)]
    data: Option<Value>,
    #[serde(default)]
    alternatives: Vec<String>,
    #[serde(default)]
    priority: Option<u32>,
    #[serde(default)]
    agentphone: Option<String>,
}

impl RowArgs {
    fn into_row(self) -> Result<BaseRow, Error> {
        let data = match self.data {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Object(m)) => m
                .into_iter()
                .map(|(k, v)| match v {
                    Value::String(s) => Ok((k, s)),
                    Value::Number(n) => Ok((k, n.to_string())),
                    _ => Err(Error::invalid("data", format!("the value of `{k}` is not a string or number"))),
                })
                .collect::<Result<_, _>>()?,
            Some(Value::Array(pairs)) => pairs
                .into_iter()
                .map(|p| {
                    serde_json::from_value::<(String, String)>(p)
                        .map_err(|_| Error::invalid("data", "each pair must be [key, value] strings"))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(Error::invalid("data", "must be an object or a list of [key, value] pairs")),
        };
        Ok(BaseRow {
            campaign: self.campaign,
            number: self.number,
            data,
            alternatives: self.alternatives,
            priority: self.priority,
            agentphone: self.agentphone,
        })
    }
}

/// A `Respool` class instance or the documented Respool JSON, checked.
pub(crate) fn respool_arg(value: JsValue) -> Result<crate::cti::Respool, Error> {
    crate::cti::Respool::from_value(&js::from_js::<Value>("respool", value)?)
}

/// `uploadBase`'s arguments but its rows.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UploadArgs {
    filename: String,
    campaign: String,
    username: String,
    #[serde(default)]
    timezone: Option<String>,
}

/// Reads `uploadBase`'s arguments: the rows through [`rows_from_js`], one at a time, like
/// `buildBaseFile`; the other members as usual.
fn upload_from_js(args: &JsValue) -> Result<(UploadArgs, Vec<BaseRow>), Error> {
    if !args.is_object() {
        return Err(Error::invalid(
            "uploadBase",
            "expected an object { filename, campaign, username, rows, timezone? }",
        ));
    }
    let rest = js::shallow_copy(args);
    let _ = js_sys::Reflect::delete_property(&rest, &"rows".into());
    let a = js::from_js::<UploadArgs>("uploadBase", rest.into())?;
    let rows = js::prop(args, "rows").ok_or_else(|| Error::invalid("uploadBase", "missing field `rows`"))?;
    Ok((a, rows_from_js(&rows)?))
}

// ---- answers as JavaScript gets them --------------------------------------------------------

/// An endpoint's output as a plain JS value.
trait IntoJs {
    fn into_js(self) -> JsValue;
}

impl IntoJs for () {
    fn into_js(self) -> JsValue {
        JsValue::UNDEFINED
    }
}

impl IntoJs for JsValue {
    fn into_js(self) -> JsValue {
        self
    }
}

impl IntoJs for Option<Value> {
    fn into_js(self) -> JsValue {
        self.map_or(JsValue::NULL, |v| js::to_js(&v))
    }
}

impl IntoJs for String {
    fn into_js(self) -> JsValue {
        self.into()
    }
}

impl IntoJs for DispositionOutcome {
    fn into_js(self) -> JsValue {
        js::to_js(&serde_json::json!({ "txtcode": self.txtcode }))
    }
}

impl IntoJs for Vec<CdrRecord> {
    fn into_js(self) -> JsValue {
        let records: Vec<Value> = self.into_iter().map(record_value).collect();
        js::to_js(&records)
    }
}

impl IntoJs for QueueSummaryReport {
    fn into_js(self) -> JsValue {
        js::to_js(&serde_json::json!({ "queues": self.queues, "markers": self.markers }))
    }
}

impl IntoJs for CampaignStatusReport {
    fn into_js(self) -> JsValue {
        fn keyed<T: Serialize>(entries: Vec<(String, T)>) -> Map<String, Value> {
            entries.into_iter().map(|(k, v)| (k, serde_json::to_value(v).unwrap_or(Value::Null))).collect()
        }
        js::to_js(&serde_json::json!({
            "campaigns": keyed(self.campaigns),
            "agents": keyed(self.agents),
            "other": keyed(self.other),
        }))
    }
}

/// A call record as one object: `guid` and `calldate` first, then every other key in order.
fn record_value(r: CdrRecord) -> Value {
    let mut m = Map::with_capacity(r.extra.len() + 2);
    if let Some(g) = r.guid {
        m.insert("guid".into(), g.into());
    }
    if let Some(d) = r.calldate {
        m.insert("calldate".into(), d.into());
    }
    m.extend(r.extra);
    Value::Object(m)
}

fn candidate_value(c: &RecordingCandidate) -> Value {
    serde_json::json!({ "url": c.url, "format": c.format.extension(), "place": format!("{:?}", c.place) })
}

// ---- the class ------------------------------------------------------------------------------

/// A client of one uContact instance's Integra REST API.
///
/// Every method returns a promise that settles exactly once. Failures reject with an `Error`
/// whose `name` is `UContactError` and whose `code` says what happened (`REFUSED`,
/// `BAD_REQUEST`, `UNAUTHORIZED`, `LOGIN_FAILED`, `HTTP_STATUS`, `NETWORK`, `REQUEST_TIMEOUT`,
/// `BAD_RESPONSE`, `ABORTED`, `INVALID_ARGUMENT`). Only a 401 is retried, once, after logging in
/// again; nothing that may have run on the server is ever sent twice.
#[wasm_bindgen]
pub struct IntegraClient {
    session: Rc<Session>,
}

#[wasm_bindgen]
impl IntegraClient {
    /// `new IntegraClient({ baseUrl, token?, user?, password?, timeoutMs?, recordingHosts? })`.
    ///
    /// * `baseUrl`: the instance's origin, `https://acme.ucontactcloud.com`.
    /// * `token`: a session token you already have; or `user` + `password` to log in when
    ///   needed (and again, once, when the server answers 401).
    /// * `timeoutMs`: deadline of each request (default 20000).
    /// * `recordingHosts`: `{ telephony, backup? }` where recordings are kept, for
    ///   `recordingCandidates` / `findRecording`.
    ///
    /// Throws `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "IntegraClientOptions")] options: JsValue,
    ) -> Result<IntegraClient, JsValue> {
        js::from_js::<Options>("options", options)
            .and_then(Session::create)
            .map(|s| IntegraClient { session: Rc::new(s) })
            .map_err(|e| js::error(&e))
    }

    /// The instance's origin, as configured.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.session.base.clone()
    }

    /// Whether the client currently holds a session token.
    #[wasm_bindgen(getter, js_name = hasToken)]
    pub fn has_token(&self) -> bool {
        self.session.token.borrow().is_some()
    }

    /// `auth/getUserToken` with the configured `user` and `password`; keeps the token.
    /// Rejects with `LOGIN_FAILED` when the server refuses them.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn login(&self, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue) -> Promise {
        let s = self.session.clone();
        self.spawn(options, move |o| async move { s.shared_login(&o).await })
    }

    /// `auth/EndSession` for the current token, then forgets it.
    #[wasm_bindgen(js_name = endSession, unchecked_return_type = "Promise<void>")]
    pub fn end_session(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let s = self.session.clone();
        self.spawn(options, move |o| async move { s.end(&o).await })
    }

    /// `Agents/AgentCall`: `{ callerid, agent, phone, tech, context, outqueue, destination }`.
    /// Resolves with the new call's guid.
    #[wasm_bindgen(js_name = agentCall, unchecked_return_type = "Promise<string>")]
    pub fn agent_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AgentCallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.endpoint::<AgentCallArgs, _>("agentCall", args, options, |a| Ok::<AgentCall, _>(a.into()))
    }

    /// `Agents/AgentCallwithData`: like `agentCall` plus `data` (`k=v:k=v`) and `form`.
    /// Resolves with the guid.
    #[wasm_bindgen(js_name = agentCallWithData, unchecked_return_type = "Promise<string>")]
    pub fn agent_call_with_data(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AgentCallWithDataArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.endpoint::<AgentCallWithDataArgs, _>("agentCallWithData", args, options, |a| {
            let call = AgentCall {
                callerid: a.callerid,
                agent: a.agent,
                phone: a.phone,
                tech: a.tech,
                context: a.context,
                outqueue: a.outqueue,
                destination: a.destination,
            };
            Ok(AgentCallWithData { call, data: a.data, form: a.form })
        })
    }

    /// `Agents/HangupPhone`: `{ phone }` (the agent's phone).
    #[wasm_bindgen(js_name = hangupPhone, unchecked_return_type = "Promise<void>")]
    pub fn hangup_phone(
        &self,
        #[wasm_bindgen(unchecked_param_type = "HangupPhoneArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.endpoint::<PhoneArgs, _>("hangupPhone", args, options, |a| Ok(HangupPhone { phone: a.phone }))
    }

    /// `Agents/TagRecord`: `{ phone, guid, data }`.
    #[wasm_bindgen(js_name = tagRecord, unchecked_return_type = "Promise<void>")]
    pub fn tag_record(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TagRecordArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.endpoint::<TagRecordArgs, _>("tagRecord", args, options, |a| {
            Ok(TagRecord { phone: a.phone, guid: a.guid, data: a.data })
        })
    }

    /// `api/DispositionCall`: `{ campaign, agent, callerid, guid, l1, l2?, l3?, d1?, d2?,
    /// comment?, schedule?, camptoreschedule?, tag? }`. Resolves with `{ txtcode }`.
    #[wasm_bindgen(js_name = dispositionCall, unchecked_return_type = "Promise<DispositionResult>")]
    pub fn disposition_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DispositionCallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.endpoint::<DispositionArgs, _>("dispositionCall", args, options, |a| {
            Ok(DispositionCall {
                campaign: a.campaign,
                agent: a.agent,
                callerid: a.callerid,
                guid: a.guid,
                l1: a.l1,
                l2: a.l2,
                l3: a.l3,
                d1: a.d1,
                d2: a.d2,
                comment: a.comment,
                schedule: a.schedule,
                camptoreschedule: a.camptoreschedule,
                tag: a.tag,
            })
        })
    }

    /// `admin/addblack`: `{ phone, campaign ('*' = every campaign), username, company?,
    /// jobTitle?, name? }`.
    #[wasm_bindgen(js_name = addBlack, unchecked_return_type = "Promise<void>")]
    pub fn add_black(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AddBlackArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.endpoint::<AddBlackArgs, _>("addBlack", args, options, |a| {
            Ok(AddBlack {
                phone: a.phone,
                campaign: a.campaign,
                username: a.username,
                company: a.company,
                job_title: a.job_title,
                name: a.name,
            })
        })
    }

    /// `Cdr/getrecords`, one page: `filter` (`{ calldatei, calldatef, agent?, … }`) and
    /// `{ lastrow?, searchLimit }`. Resolves with the records. See `records` for all pages.
    #[wasm_bindgen(js_name = getRecords, unchecked_return_type = "Promise<CdrRecord[]>")]
    pub fn get_records(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CdrFilter")] filter: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CdrPage")] page: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let call = Call::new("getRecords", &[&filter, &page]);
        let ep = js::from_js::<CdrFilter>("filter", filter).and_then(|filter| {
            let p = js::from_js::<PageArgs>("page", page)?;
            Ok(GetRecords { filter, lastrow: p.lastrow, search_limit: p.search_limit })
        });
        self.run(call, ep, options)
    }

    /// Every record matching `filter`, page by page: an async iterator of arrays, for
    /// `for await (const page of client.records(filter, { pageSize: 100 }))`. Options:
    /// `pageSize` (default 100), `signal`, `timeoutMs`. Throws `INVALID_ARGUMENT` at once for
    /// a bad filter.
    #[wasm_bindgen(unchecked_return_type = "CdrPages")]
    pub fn records(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CdrFilter")] filter: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RecordsOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        CdrPages::create(self.session.clone(), filter, options).map(make_async_iterable).map_err(|e| js::error(&e))
    }

    /// `Supervisor/convert`: `{ guid, calldate }` converts that call's GSM recording to MP3.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn convert(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ConvertArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.endpoint::<ConvertArgs, _>("convert", args, options, |a| Convert::for_call(a.guid, &a.calldate))
    }

    /// Where a call's recording may be, in the documented order (MP3 in four places, then
    /// GSM): `[{ url, format, place }]`. Needs `recordingHosts`, or pass `hosts`.
    #[wasm_bindgen(js_name = recordingCandidates, unchecked_return_type = "RecordingCandidate[]")]
    pub fn recording_candidates(
        &self,
        guid: &str,
        calldate: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "RecordingHosts | null")] hosts: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.plan(guid, calldate, hosts)
            .map(|p| js::to_js(&p.candidates().iter().map(candidate_value).collect::<Vec<_>>()))
            .map_err(|e| js::error(&e))
    }

    /// Probes the candidates with `HEAD` requests, in order; resolves with the first that
    /// exists (`{ url, format, place }`) or `null`. Rejects with `NETWORK` when nothing was
    /// found and some place could not be reached.
    #[wasm_bindgen(js_name = findRecording, unchecked_return_type = "Promise<RecordingCandidate | null>")]
    pub fn find_recording(
        &self,
        guid: &str,
        calldate: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let plan = self.plan(guid, calldate, JsValue::UNDEFINED);
        let s = self.session.clone();
        self.spawn(options, move |o| async move {
            let found = s.find_recording(plan?, &o).await?;
            Ok(found.as_ref().map(candidate_value))
        })
    }

    /// `Dialers/Respool`: a `Respool` object (or its plain JSON) back to the dialer. The
    /// object is checked and sent with exactly the documented keys, in order.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn respool(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Respool | RespoolJson")] respool: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let call = Call::new("respool", &[&respool]);
        self.run(call, respool_arg(respool).and_then(|r| Respool::from_value(r.to_value())), options)
    }

    /// `Dialers/ScheduleDialerCall` from a `Respool` object: calls that row at `callDate`
    /// (`YYYY-MM-DD HH:MM:SS`), like the portal's `schedule` action.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn schedule(
        &self,
        #[wasm_bindgen(js_name = callDate)] call_date: &str,
        #[wasm_bindgen(unchecked_param_type = "Respool | RespoolJson")] respool: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let call = Call::new("schedule", &[&call_date.into(), &respool]);
        self.run(call, respool_arg(respool).and_then(|r| r.schedule(call_date)).map(|s| s.to_request()), options)
    }

    /// `Dialers/ScheduleDialerCall`: `{ calldate, campaign, destination, alternatives?,
    /// agentphone?, data? }`.
    #[wasm_bindgen(js_name = scheduleDialerCall, unchecked_return_type = "Promise<void>")]
    pub fn schedule_dialer_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScheduleDialerCallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.endpoint::<ScheduleArgs, _>("scheduleDialerCall", args, options, |a| {
            Ok(ScheduleDialerCall {
                calldate: a.calldate,
                campaign: a.campaign,
                destination: a.destination,
                alternatives: a.alternatives,
                agentphone: a.agentphone,
                data: a.data,
            })
        })
    }

    /// `Dialers/DialerTask`: `{ mode: 'priority' | 'clickToCall' | 'addToDialer' | 'schedule',
    /// campaign, destination, calldate? (schedule only), alternatives?, agent?, data?, source? }`.
    #[wasm_bindgen(js_name = dialerTask, unchecked_return_type = "Promise<void>")]
    pub fn dialer_task(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DialerTaskArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.endpoint::<DialerTaskArgs, _>("dialerTask", args, options, DialerTaskArgs::into_task)
    }

    /// `Dialers/RemoveContact`: `{ campaign, number }`.
    #[wasm_bindgen(js_name = removeContact, unchecked_return_type = "Promise<void>")]
    pub fn remove_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RemoveContactArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.endpoint::<RemoveContactArgs, _>("removeContact", args, options, |a| {
            Ok(RemoveContact { campaign: a.campaign, number: a.number })
        })
    }

    /// `Dialers/RemoveScheduleDialerCall`: `{ campaign, destination, from, to }`.
    #[wasm_bindgen(js_name = removeScheduleDialerCall, unchecked_return_type = "Promise<void>")]
    pub fn remove_schedule_dialer_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RemoveScheduleDialerCallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.endpoint::<RemoveScheduleArgs, _>("removeScheduleDialerCall", args, options, |a| {
            Ok(RemoveScheduleDialerCall { campaign: a.campaign, destination: a.destination, from: a.from, to: a.to })
        })
    }

    /// `Dialers/uploadbase` (or `uploadbasewithtimezone` when `timezone` is given):
    /// `{ filename, campaign, username, rows: [{ campaign, number, data?, alternatives?,
    /// priority?, agentphone? }], timezone? }`. The file is built and checked here first.
    #[wasm_bindgen(js_name = uploadBase, unchecked_return_type = "Promise<void>")]
    pub fn upload_base(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UploadBaseArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let call = Call::new("uploadBase", &[&args]);
        let upload = upload_from_js(&args).and_then(|(a, rows)| {
            let file = BaseFile::build(&rows)?;
            Ok((UploadBase::new(a.filename, a.campaign, a.username, &file), a.timezone))
        });
        match upload {
            Ok((upload, Some(timezone))) => self.run(call, Ok(UploadBaseWithTimezone { upload, timezone }), options),
            Ok((upload, None)) => self.run(call, Ok(upload), options),
            Err(e) => self.run(call, Err::<UploadBase, _>(e), options),
        }
    }

    /// `Supervisor/queuesummary`: resolves with `{ queues, markers }`.
    #[wasm_bindgen(js_name = queueSummary, unchecked_return_type = "Promise<QueueSummary>")]
    pub fn queue_summary(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("queueSummary", &[]), Ok(QueueSummary), options)
    }

    /// `Supervisor/campaignstatus`: every campaign, or one `queue` with its agents (keyed like
    /// `SIP/1010`). Resolves with `{ campaigns, agents, other }`.
    #[wasm_bindgen(js_name = campaignStatus, unchecked_return_type = "Promise<CampaignStatusReport>")]
    pub fn campaign_status(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] queue: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let call = Call::new("campaignStatus", &[&queue.clone().map_or(JsValue::UNDEFINED, JsValue::from)]);
        let ep = match queue {
            Some(q) => CampaignStatus::queue(q),
            None => CampaignStatus::all(),
        };
        self.run(call, Ok(ep), options)
    }
}

impl IntegraClient {
    /// Another handle on the same session (token, login, settings).
    pub(crate) fn share(&self) -> IntegraClient {
        IntegraClient { session: self.session.clone() }
    }

    fn plan(&self, guid: &str, calldate: &str, hosts: JsValue) -> Result<ProbePlan, Error> {
        let given = if hosts.is_undefined() || hosts.is_null() {
            None
        } else {
            Some(js::from_js::<HostsArgs>("hosts", hosts)?.into())
        };
        let hosts = given
            .or_else(|| self.session.hosts.clone())
            .ok_or_else(|| Error::invalid("recordingHosts", "is not configured: pass { telephony, backup? }"))?;
        ProbePlan::new(guid, calldate, &hosts)
    }

    /// Reads `args` as `A`, turns it into an endpoint and runs it.
    fn endpoint<A, E>(
        &self,
        field: &'static str,
        args: JsValue,
        options: JsValue,
        make: impl FnOnce(A) -> Result<E, Error>,
    ) -> Promise
    where
        A: DeserializeOwned,
        E: Endpoint + 'static,
        E::Output: IntoJs,
    {
        let call = Call::new(field, &[&args]);
        self.run(call, js::from_js::<A>(field, args).and_then(make), options)
    }

    /// Runs an endpoint (or rejects with the error that prevented building it). `call` is the
    /// method and the arguments it was given, handed back on failure (see [`failure`]).
    fn run<E>(&self, call: Call, ep: Result<E, Error>, options: JsValue) -> Promise
    where
        E: Endpoint + 'static,
        E::Output: IntoJs,
    {
        let sent = Rc::new(Cell::new(false));
        let job = ep.map(|ep| Box::new(AnswerJs { ep, sent: sent.clone() }) as Box<dyn Job<JsValue>>);
        self.run_job(E::PATH, call, job, sent, options)
    }

    /// The one promise-making exchange every endpoint method shares (not one per endpoint).
    fn run_job(
        &self,
        path: &'static str,
        call: Call,
        job: Result<Box<dyn Job<JsValue>>, Error>,
        sent: Rc<Cell<bool>>,
        options: JsValue,
    ) -> Promise {
        let s = self.session.clone();
        future_to_promise(async move {
            let result = async {
                let o = CallOptions::from_js(&options)?;
                s.run(job?.as_ref(), &o).await
            };
            result.await.map_err(|e| failure(&e, path, &call, sent.get()))
        })
    }

    /// Reads the per-call options and runs `work` as a promise.
    fn spawn<F, Fut, T>(&self, options: JsValue, work: F) -> Promise
    where
        F: FnOnce(CallOptions) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<T, Error>> + 'static,
        T: IntoJs,
    {
        future_to_promise(
            async move {
                let o = CallOptions::from_js(&options)?;
                work(o).await.map(IntoJs::into_js)
            }
            .map_err_js(),
        )
    }
}

/// An endpoint with its type erased down to what the exchange loop needs, so the loop (an
/// async state machine, the largest code in the module) is compiled once per output type
/// rather than once per endpoint.
pub(crate) trait Job<T> {
    /// The request to send with `token`.
    fn request(&self, token: Option<&Token>) -> Result<Request, Error>;
    /// The answer read from a response.
    fn answer(&self, resp: &crate::rest::Response) -> Result<T, Error>;
}

impl<E: Endpoint> Job<E::Output> for E {
    fn request(&self, token: Option<&Token>) -> Result<Request, Error> {
        build(self, token)
    }

    fn answer(&self, resp: &crate::rest::Response) -> Result<E::Output, Error> {
        self.parse(resp)
    }
}

/// An endpoint whose answer is handed to JavaScript; `sent` turns true once a request was
/// built for the network.
struct AnswerJs<E> {
    ep: E,
    sent: Rc<Cell<bool>>,
}

impl<E: Endpoint> Job<JsValue> for AnswerJs<E>
where
    E::Output: IntoJs,
{
    fn request(&self, token: Option<&Token>) -> Result<Request, Error> {
        let req = build(&self.ep, token)?;
        self.sent.set(true);
        Ok(req)
    }

    fn answer(&self, resp: &crate::rest::Response) -> Result<JsValue, Error> {
        self.ep.parse(resp).map(IntoJs::into_js)
    }
}

/// An endpoint method as called: its JS name and its arguments (options left out).
struct Call {
    method: &'static str,
    args: Vec<JsValue>,
}

impl Call {
    fn new(method: &'static str, args: &[&JsValue]) -> Call {
        Call { method, args: args.iter().map(|a| (*a).clone()).collect() }
    }
}

/// The error a failed endpoint method rejects with. Besides `code` and `message` it hands back
/// everything needed to retry deliberately: `endpoint` (the documented path), `method` and
/// `args` (so `client[e.method](...e.args)` sends it again), and `sent`: `false` when nothing
/// left the page (bad arguments, no token, aborted before sending), `true` when the request
/// went out and may have acted on the server, so check before sending it again.
fn failure(e: &Error, path: &'static str, call: &Call, sent: bool) -> JsValue {
    let err = js::error(e);
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&err, &key.into(), value);
    };
    set("endpoint", &path.into());
    set("method", &call.method.into());
    set("args", &call.args.iter().collect::<js_sys::Array>());
    set("sent", &sent.into());
    err
}

/// Turns a future's crate error into the JS error value.
trait MapErrJs: std::future::Future<Output = Result<JsValue, Error>> + Sized {
    fn map_err_js(self) -> impl std::future::Future<Output = Result<JsValue, JsValue>> {
        async move { self.await.map_err(|e| js::error(&e)) }
    }
}

impl<F: std::future::Future<Output = Result<JsValue, Error>>> MapErrJs for F {}

/// The pages of a `records()` search; an async iterator of arrays of records.
#[wasm_bindgen]
pub struct CdrPages {
    session: Rc<Session>,
    pager: Rc<RefCell<CdrPager>>,
    busy: Rc<std::cell::Cell<bool>>,
    options: CallOptions,
}

impl CdrPages {
    fn create(session: Rc<Session>, filter: JsValue, options: JsValue) -> Result<CdrPages, Error> {
        let filter: CdrFilter = js::from_js("filter", filter)?;
        let call = CallOptions::read(&options, &["pageSize"])?;
        let page_size = match js::prop(&options, "pageSize") {
            None => DEFAULT_PAGE_SIZE,
            Some(v) => v
                .as_f64()
                .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= f64::from(u32::MAX))
                .map(|n| n as u32)
                .ok_or_else(|| Error::invalid("pageSize", "must be a whole number ≥ 1"))?,
        };
        let pager = CdrPager::new(filter, page_size)?;
        Ok(CdrPages { session, pager: Rc::new(RefCell::new(pager)), busy: Rc::new(false.into()), options: call })
    }
}

#[wasm_bindgen]
impl CdrPages {
    /// The iterator protocol: resolves with `{ done: false, value: records[] }` per page, then
    /// `{ done: true }` after the first short page.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<CdrRecord[], undefined>>")]
    pub fn next(&self) -> Promise {
        let (s, pager, busy, o) = (self.session.clone(), self.pager.clone(), self.busy.clone(), self.options.clone());
        future_to_promise(
            async move {
                if busy.replace(true) {
                    return Err(Error::invalid("next", "the previous page is still loading"));
                }
                let request = pager.borrow().next_request();
                let result = match request {
                    None => Ok(None),
                    Some(ep) => s.run(&ep, &o).await.map(Some),
                };
                busy.set(false);
                let page = result?;
                let done = page.is_none();
                if let Some(p) = &page {
                    pager.borrow_mut().accept(p);
                }
                let step = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&step, &"done".into(), &done.into());
                let value = page.map_or(JsValue::UNDEFINED, IntoJs::into_js);
                let _ = js_sys::Reflect::set(&step, &"value".into(), &value);
                Ok(step.into())
            }
            .map_err_js(),
        )
    }

    /// Records received so far.
    #[wasm_bindgen(getter)]
    pub fn lastrow(&self) -> f64 {
        self.pager.borrow().lastrow() as f64
    }

    /// Whether the last page was received.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.pager.borrow().is_done()
    }
}

/// Makes a `CdrPages` usable with `for await`: its `Symbol.asyncIterator` returns itself.
/// `Object.prototype.valueOf` is exactly "return this", so no code is generated at run time.
pub(crate) fn make_async_iterable(pages: CdrPages) -> JsValue {
    let value: JsValue = pages.into();
    let value_of = js_sys::Reflect::get(&js_sys::Object::new(), &"valueOf".into()).unwrap_or(JsValue::UNDEFINED);
    let _ = js_sys::Reflect::set(&value, &js_sys::Symbol::async_iterator(), &value_of);
    value
}

/// Builds a dialer base file from rows and checks it: resolves nothing, returns
/// `{ rows, text, base64 }`. Throws `INVALID_ARGUMENT` naming the row and field at fault.
#[wasm_bindgen(js_name = buildBaseFile, unchecked_return_type = "BaseFileResult")]
pub fn build_base_file(
    #[wasm_bindgen(unchecked_param_type = "BaseRowInput[]")] rows: JsValue,
) -> Result<JsValue, JsValue> {
    let file = rows_from_js(&rows).and_then(|rows| BaseFile::build(&rows)).map_err(|e| js::error(&e))?;
    // Set member by member: the text and its base64 (megabytes for a big base) go to JS once,
    // without a JSON value copy on the way.
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"rows".into(), &JsValue::from(file.rows() as f64));
    let _ = js_sys::Reflect::set(&out, &"text".into(), &JsValue::from_str(file.text()));
    let _ = js_sys::Reflect::set(&out, &"base64".into(), &JsValue::from_str(&file.to_base64()));
    Ok(out.into())
}

/// Reads the rows of a base one at a time, so only one row's intermediate JSON value exists
/// at once (read as a whole, 100,000 rows held ~150 MB of wasm memory). Errors name the row.
fn rows_from_js(rows: &JsValue) -> Result<Vec<BaseRow>, Error> {
    if !js_sys::Array::is_array(rows) {
        return Err(Error::invalid("rows", "must be an array of rows"));
    }
    let rows: &js_sys::Array = rows.unchecked_ref();
    let mut out = Vec::with_capacity(rows.length() as usize);
    for (i, row) in rows.iter().enumerate() {
        let read = js::from_js::<RowArgs>("rows", row).and_then(RowArgs::into_row);
        out.push(read.map_err(|e| match e {
            Error::InvalidArgument { field, reason } => Error::invalid(field, format!("row {}: {reason}", i + 1)),
            other => other,
        })?);
    }
    Ok(out)
}
