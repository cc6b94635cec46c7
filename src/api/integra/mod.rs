//! `IntegraClient`: the Integra REST API for JavaScript, a thin class over
//! [`crate::web::session::Client`].
//!
//! * `args.rs`: the methods' arguments read into the core's endpoint values;
//! * `answers.rs`: endpoint answers as JS values;
//! * `pages.rs`: `records()`, the CDR pages as an async iterator;
//! * `base_file.rs`: `buildBaseFile`.

mod answers;
mod args;
mod base_file;
mod pages;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use self::answers::{candidate, IntoJs};
pub use self::base_file::build_base_file;
pub use self::pages::CdrPages;
use crate::error::Error;
use crate::error::Failure;
use crate::json::Value;
use crate::rest::{
    build, CampaignStatus, CdrFilter, Credentials, DialersRespool, Endpoint, GetRecords, ProbePlan, QueueSummary,
    Request, Response, ScheduleDialerCall, SendSms, SendSmsV2, Token, UploadBase, UploadBaseWithTimezone,
};
use crate::shapes;
use crate::web::convert::{self, CallOptions, Obj};
use crate::web::log::Log;
use crate::web::session::{self, Client, Job};
use crate::web::task::promise;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("../ts/rest.d.ts");

/// The client settings of `IntegraClientOptions` (also `rest` of `BridgeOptions`).
pub(crate) fn client_config(v: &JsValue, log: &Log) -> Result<session::Config, Error> {
    use crate::shapes::integra_client_options as k;
    let o = Obj::read("options", v, shapes::INTEGRA_CLIENT_OPTIONS.keys, false)?;
    let mut c = session::Config::new(&o.str(k::baseUrl)?)?;
    let own = Log::read(&o, "IntegraClient")?;
    c.log = if own.is_on() { own } else { log.clone() };
    c.token = o.opt_str(k::token)?.map(Token::new).transpose()?;
    c.credentials = match (o.opt_str(k::user)?, o.opt_str(k::password)?) {
        (Some(user), Some(password)) => Some(Credentials::new(user, password)),
        (None, None) => None,
        _ => return Err(Error::invalid("user", "`user` and `password` go together")),
    };
    c.timeout_ms = convert::positive("timeoutMs", o.opt_f64(k::timeoutMs)?, session::DEFAULT_TIMEOUT_MS)?;
    c.hosts = o.value(k::recordingHosts).map(|h| args::hosts(&h)).transpose()?;
    if let Some(n) = o.opt_u32(k::maxInFlight)? {
        if n == 0 {
            return Err(Error::invalid("maxInFlight", "must be at least 1"));
        }
        c.max_in_flight = n;
    }
    if let Some(n) = o.opt_u32(k::maxResponseBytes)? {
        if n < 1024 {
            return Err(Error::invalid("maxResponseBytes", "must be at least 1024"));
        }
        c.max_response_bytes = n;
    }
    Ok(c)
}

/// A client of one uContact instance's Integra REST API.
///
/// Every method returns a promise that settles exactly once. Failures reject with an `Error`
/// whose `name` is `UContactError` and whose `code` says what happened (`REFUSED`,
/// `BAD_REQUEST`, `UNAUTHORIZED`, `LOGIN_FAILED`, `HTTP_STATUS`, `NETWORK`, `REQUEST_TIMEOUT`,
/// `BAD_RESPONSE`, `ABORTED`, `INVALID_ARGUMENT`). Only a 401 is retried, once, after logging in
/// again; nothing that may have run on the server is ever sent twice.
#[wasm_bindgen]
pub struct IntegraClient {
    client: Client,
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
    /// * `maxInFlight`: the concurrency cap, requests on the network at once (default 6, what a
    ///   browser opens per host over HTTP/1.1; chosen by measurement); the rest wait in a
    ///   first-in, first-out queue, keeping their deadline and signal. Raise it for an HTTP/2
    ///   server; thousands of calls uncapped fail in Chromium.
    /// * `maxResponseBytes`: the largest response body read (default 33554432, 32 MiB; at least
    ///   1024); a larger one is abandoned and the call rejects `RESPONSE_TOO_LARGE` (`sent: true`).
    /// * `log`, `debug`: where each exchange is logged (`LogEntry`: endpoint names, HTTP
    ///   statuses, error codes; never the form, the token or the body).
    ///
    /// Throws `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "IntegraClientOptions")] options: JsValue,
    ) -> Result<IntegraClient, JsValue> {
        Ok(IntegraClient { client: Client::new(client_config(&options, &Log::off("IntegraClient"))?) })
    }

    /// The instance's origin, as configured.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.client.base_url().to_owned()
    }

    /// Requests waiting for a place on the network (see `maxInFlight`).
    #[wasm_bindgen(getter)]
    pub fn queued(&self) -> usize {
        self.client.queued()
    }

    /// Stops the client: requests on the network and in the queue reject with `DESTROYED`
    /// (queued ones with `sent: false`), and so does every later call. Safe to call more than
    /// once. A client shared with a `Bridge` (`bridge.rest`) is stopped for both.
    pub fn destroy(&self) {
        self.client.destroy();
    }

    /// Whether the client currently holds a session token.
    #[wasm_bindgen(getter, js_name = hasToken)]
    pub fn has_token(&self) -> bool {
        self.client.has_token()
    }

    /// `auth/getUserToken` with the configured `user` and `password`; keeps the token.
    /// Rejects with `LOGIN_FAILED` when the server refuses them.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn login(&self, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue) -> Promise {
        let (c, o) = (self.client.clone(), CallOptions::from_js(&options));
        promise(async move { Ok(c.login(&o?).await.map(IntoJs::into_js)?) })
    }

    /// `auth/EndSession` for the current token, then forgets it.
    #[wasm_bindgen(js_name = endSession, unchecked_return_type = "Promise<void>")]
    pub fn end_session(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let (c, o) = (self.client.clone(), CallOptions::from_js(&options));
        promise(async move { Ok(c.end(&o?).await.map(IntoJs::into_js)?) })
    }

    /// `Agents/AgentCall`: `{ callerid, agent, phone, tech, context, outqueue, destination }`.
    /// Resolves with the new call's guid.
    #[wasm_bindgen(js_name = agentCall, unchecked_return_type = "Promise<string>")]
    pub fn agent_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AgentCallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("agentCall", &[&args]), args::agent_call(&args), &options)
    }

    /// `Agents/AgentCallwithData`: like `agentCall` plus `data` (`k=v:k=v`) and `form`.
    /// Resolves with the guid.
    #[wasm_bindgen(js_name = agentCallWithData, unchecked_return_type = "Promise<string>")]
    pub fn agent_call_with_data(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AgentCallWithDataArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("agentCallWithData", &[&args]), args::agent_call_with_data(&args), &options)
    }

    /// `Agents/HangupPhone`: `{ phone }` (the agent's phone).
    #[wasm_bindgen(js_name = hangupPhone, unchecked_return_type = "Promise<void>")]
    pub fn hangup_phone(
        &self,
        #[wasm_bindgen(unchecked_param_type = "HangupPhoneArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("hangupPhone", &[&args]), args::hangup_phone(&args), &options)
    }

    /// `Agents/TagRecord`: `{ phone, guid, data }`.
    #[wasm_bindgen(js_name = tagRecord, unchecked_return_type = "Promise<void>")]
    pub fn tag_record(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TagRecordArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("tagRecord", &[&args]), args::tag_record(&args), &options)
    }

    /// `api/DispositionCall`: `{ campaign, agent, callerid, guid, l1, l2?, l3?, d1?, d2?,
    /// comment?, schedule?, camptoreschedule?, tag? }`. Resolves with `{ txtcode }`.
    #[wasm_bindgen(js_name = dispositionCall, unchecked_return_type = "Promise<DispositionResult>")]
    pub fn disposition_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DispositionCallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("dispositionCall", &[&args]), args::disposition_call(&args), &options)
    }

    /// `admin/addblack`: `{ phone, campaign ('*' = every campaign), username, company?,
    /// jobTitle?, name? }`.
    #[wasm_bindgen(js_name = addBlack, unchecked_return_type = "Promise<void>")]
    pub fn add_black(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AddBlackArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("addBlack", &[&args]), args::add_black(&args), &options)
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
        let ep = convert::from_js("filter", &filter).and_then(|f| CdrFilter::from_value(&f)).and_then(|filter| {
            let (lastrow, search_limit) = args::page(&page)?;
            Ok(GetRecords { filter, lastrow, search_limit })
        });
        self.run(Call::new("getRecords", &[&filter, &page]), ep, &options)
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
        Ok(pages::make_async_iterable(CdrPages::create(self.client.clone(), &filter, &options)?))
    }

    /// `Supervisor/convert`: `{ guid, calldate }` converts that call's GSM recording to MP3.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn convert(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ConvertArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("convert", &[&args]), args::convert(&args), &options)
    }

    /// Where a call's recording may be, in the documented order (MP3 in four places, then
    /// GSM): `[{ url, format, place }]`. Needs `recordingHosts`, or pass `hosts`.
    #[wasm_bindgen(js_name = recordingCandidates, unchecked_return_type = "RecordingCandidate[]")]
    pub fn recording_candidates(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] guid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] calldate: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RecordingHosts | null")] hosts: JsValue,
    ) -> Result<JsValue, JsValue> {
        let plan = self.plan(&guid, &calldate, &hosts)?;
        Ok(convert::to_js(&Value::Array(plan.candidates().iter().map(candidate).collect())))
    }

    /// Probes the candidates with `HEAD` requests, in order; resolves with the first that
    /// exists (`{ url, format, place }`) or `null`. Rejects with `NETWORK` when nothing was
    /// found and some place could not be reached.
    #[wasm_bindgen(js_name = findRecording, unchecked_return_type = "Promise<RecordingCandidate | null>")]
    pub fn find_recording(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] guid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] calldate: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let plan = self.plan(&guid, &calldate, &JsValue::UNDEFINED);
        let (c, o) = (self.client.clone(), CallOptions::from_js(&options));
        promise(async move {
            let found = c.find_recording(plan?, &o?).await?;
            Ok(found.as_ref().map_or(JsValue::NULL, |f| convert::to_js(&candidate(f))))
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
        let ep = respool_arg(&respool).map(DialersRespool::from);
        self.run(Call::new("respool", &[&respool]), ep, &options)
    }

    /// `Dialers/ScheduleDialerCall` from a `Respool` object: calls that row at `callDate`
    /// (`YYYY-MM-DD HH:MM:SS`), like the portal's `schedule` action.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn schedule(
        &self,
        #[wasm_bindgen(js_name = callDate, unchecked_param_type = "string")] call_date: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Respool | RespoolJson")] respool: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let ep = convert::arg_str("callDate", &call_date)
            .and_then(|date| respool_arg(&respool).and_then(|r| r.schedule(&date)))
            .map(|s| ScheduleDialerCall::from(&s));
        self.run(Call::new("schedule", &[&call_date, &respool]), ep, &options)
    }

    /// `Dialers/ScheduleDialerCall`: `{ calldate, campaign, destination, alternatives?,
    /// agentphone?, data? }`.
    #[wasm_bindgen(js_name = scheduleDialerCall, unchecked_return_type = "Promise<void>")]
    pub fn schedule_dialer_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScheduleDialerCallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("scheduleDialerCall", &[&args]), args::schedule_dialer_call(&args), &options)
    }

    /// `SMS/SendSMSv2`: sends a WhatsApp or SMS message, `{ destination, message, campaign,
    /// agent?, source? }`; resolves with the message's id. Never repeated automatically (a 401
    /// included): it may have reached the customer. An instance without SendSMSv2 answers
    /// `HTTP_STATUS` 404 (`sent: true`, nothing went out): use `sendSmsV1` there.
    #[wasm_bindgen(js_name = sendSms, unchecked_return_type = "Promise<string>")]
    pub fn send_sms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendSmsArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("sendSms", &[&args]), args::sms_message(&args).map(SendSmsV2), &options)
    }

    /// `SMS/SendSMS`: the same message through the older endpoint, which answers `OK` and no id.
    #[wasm_bindgen(js_name = sendSmsV1, unchecked_return_type = "Promise<void>")]
    pub fn send_sms_v1(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendSmsArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("sendSmsV1", &[&args]), args::sms_message(&args).map(SendSms), &options)
    }

    /// `SMS/ScheduleDialerSMS`: `{ calldate, campaign, destination, data }` (`data` is the text;
    /// `calldate` is `YYYY-MM-DD HH:MM:SS`), for the SMS dialer to send then.
    #[wasm_bindgen(js_name = scheduleSms, unchecked_return_type = "Promise<void>")]
    pub fn schedule_sms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScheduleSmsArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("scheduleSms", &[&args]), args::schedule_sms(&args), &options)
    }

    /// `api/AgentLogoff` (the Agent API: a client made with the agent's own `token`):
    /// `{ agent, interface, message? }`.
    #[wasm_bindgen(js_name = agentLogoff, unchecked_return_type = "Promise<void>")]
    pub fn agent_logoff(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AgentLogoffArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("agentLogoff", &[&args]), args::agent_logoff(&args), &options)
    }

    /// `api/AgentUnBreak` (the Agent API): `{ agent, interface, motive, message? }`.
    #[wasm_bindgen(js_name = agentUnbreak, unchecked_return_type = "Promise<void>")]
    pub fn agent_unbreak(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AgentUnbreakArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("agentUnbreak", &[&args]), args::agent_unbreak(&args), &options)
    }

    /// `Dialers/DialerTask`: `{ mode: 'priority' | 'clickToCall' | 'addToDialer' | 'schedule',
    /// campaign, destination, calldate? (schedule only), alternatives?, agent?, data?, source? }`.
    #[wasm_bindgen(js_name = dialerTask, unchecked_return_type = "Promise<void>")]
    pub fn dialer_task(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DialerTaskArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("dialerTask", &[&args]), args::dialer_task(&args), &options)
    }

    /// `Dialers/RemoveContact`: `{ campaign, number }`.
    #[wasm_bindgen(js_name = removeContact, unchecked_return_type = "Promise<void>")]
    pub fn remove_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RemoveContactArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("removeContact", &[&args]), args::remove_contact(&args), &options)
    }

    /// `Dialers/RemoveScheduleDialerCall`: `{ campaign, destination, from, to }`.
    #[wasm_bindgen(js_name = removeScheduleDialerCall, unchecked_return_type = "Promise<void>")]
    pub fn remove_schedule_dialer_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RemoveScheduleDialerCallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("removeScheduleDialerCall", &[&args]), args::remove_schedule_dialer_call(&args), &options)
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
        // The file's text is dropped once its base64 is in the request.
        let upload =
            args::upload(&args).map(|a| (UploadBase::new(a.filename, a.campaign, a.username, &a.file), a.timezone));
        match upload {
            Ok((upload, Some(timezone))) => self.run(call, Ok(UploadBaseWithTimezone { upload, timezone }), &options),
            Ok((upload, None)) => self.run(call, Ok(upload), &options),
            Err(e) => self.run(call, Err::<UploadBase, _>(e), &options),
        }
    }

    /// `Supervisor/queuesummary`: resolves with `{ queues, markers }`.
    #[wasm_bindgen(js_name = queueSummary, unchecked_return_type = "Promise<QueueSummary>")]
    pub fn queue_summary(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(Call::new("queueSummary", &[]), Ok(QueueSummary), &options)
    }

    /// `Supervisor/campaignstatus`: every campaign, or one `queue` with its agents (keyed like
    /// `SIP/1010`). Resolves with `{ campaigns, agents, other }`.
    #[wasm_bindgen(js_name = campaignStatus, unchecked_return_type = "Promise<CampaignStatusReport>")]
    pub fn campaign_status(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] queue: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let ep = if queue.is_undefined() || queue.is_null() {
            Ok(CampaignStatus::all())
        } else {
            convert::arg_str("queue", &queue).map(CampaignStatus::queue)
        };
        self.run(Call::new("campaignStatus", &[&queue]), ep, &options)
    }
}

impl IntegraClient {
    /// Another handle on a session (the Bridge's `rest`).
    pub(crate) fn from_client(client: Client) -> IntegraClient {
        IntegraClient { client }
    }

    fn plan(&self, guid: &JsValue, calldate: &JsValue, hosts: &JsValue) -> Result<ProbePlan, Error> {
        let (guid, calldate) = (convert::arg_str("guid", guid)?, convert::arg_str("calldate", calldate)?);
        let given = if hosts.is_undefined() || hosts.is_null() { None } else { Some(args::hosts(hosts)?) };
        let hosts = given
            .or_else(|| self.client.hosts().cloned())
            .ok_or_else(|| Error::invalid("recordingHosts", "is not configured: pass { telephony, backup? }"))?;
        ProbePlan::new(&guid, &calldate, &hosts)
    }

    /// Runs an endpoint (or rejects with the error that prevented building it). `call` is the
    /// method and the arguments it was given, handed back on failure (see [`failure`]).
    fn run<E>(&self, call: Call, ep: Result<E, Error>, options: &JsValue) -> Promise
    where
        E: Endpoint + 'static,
        E::Output: IntoJs,
    {
        let job = ep.map(|ep| Box::new(AnswerJs(ep)) as Box<dyn Job<JsValue>>);
        self.run_job(E::PATH, call, job, options)
    }

    /// The one promise-making exchange every endpoint method shares (not one per endpoint).
    fn run_job(
        &self,
        path: &'static str,
        call: Call,
        job: Result<Box<dyn Job<JsValue>>, Error>,
        options: &JsValue,
    ) -> Promise {
        let (c, o) = (self.client.clone(), CallOptions::from_js(options));
        promise(async move {
            let result = match (job, o) {
                (Ok(job), Ok(o)) => c.run(job.as_ref(), &o).await,
                (Err(e), _) | (_, Err(e)) => Err(Failure::unsent(e)),
            };
            result.map_err(|f| failure(&f, path, &call))
        })
    }
}

/// An endpoint whose answer is handed to JavaScript.
struct AnswerJs<E>(E);

impl<E: Endpoint> Job<JsValue> for AnswerJs<E>
where
    E::Output: IntoJs,
{
    fn request(&self, token: Option<&Token>) -> Result<Request, Error> {
        build(&self.0, token)
    }

    fn answer(&self, resp: &Response) -> Result<JsValue, Error> {
        self.0.parse(resp).map(IntoJs::into_js)
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
fn failure(f: &Failure, path: &'static str, call: &Call) -> JsValue {
    let err = convert::failure(&f.error, f.sent);
    convert::set(&err, "endpoint", &JsValue::from_str(path));
    convert::set(&err, "method", &JsValue::from_str(call.method));
    convert::set(&err, "args", &call.args.iter().collect::<js_sys::Array>());
    err
}

/// A `Respool` instance or the documented Respool JSON, checked.
fn respool_arg(v: &JsValue) -> Result<crate::cti::Respool, Error> {
    crate::cti::Respool::from_value(&convert::from_js("respool", v)?)
}
