//! The Integra REST client's sans-I/O core.
//!
//! Every endpoint of uContact's Integra API (`https://<instance>/Integra/resources/…`) is a
//! typed parameter value implementing [`Endpoint`]: [`build`] validates it and produces a
//! [`Request`] (method, path, headers, form body); the browser edge sends it with `fetch` and
//! hands back a [`Response`] (status, body text), which [`Endpoint::parse`] turns into a typed
//! output or an [`Error`](crate::error::Error). Nothing here does I/O, reads a clock or touches
//! the browser, so every request, every error mapping and every retry decision is a native
//! unit test.
//!
//! ```
//! use ucontact_bridge::rest::{build, Endpoint, HangupPhone, Response, Token};
//!
//! let token = Token::new("VmNpc25lcm9zOjY3NDdjODIz").unwrap();
//! let hangup = HangupPhone { phone: "1001".into() };
//! let request = build(&hangup, Some(&token)).unwrap();
//! assert_eq!(request.url("https://x.ucontactcloud.com"), "https://x.ucontactcloud.com/Integra/resources/Agents/HangupPhone");
//! assert_eq!(request.body(), "phone=1001");
//! // … the executor sends it and reads the answer …
//! assert!(hangup.parse(&Response::new(200, "1")).is_ok());
//! ```
//!
//! Responses follow one table (see `outcome.rs`): `0` is `Refused`, 400 is `BadRequest` with the
//! server's message, 401 is `Unauthorized`, other statuses are `HttpStatus`. Only a first 401 is
//! ever retried automatically ([`may_retry_after`]). Tokens and passwords never appear in
//! `Debug`, `Display` or errors.

mod agents;
mod auth;
mod base_file;
mod base_json;
mod blacklist;
mod campaign_status;
mod cdr;
mod checks;
mod dialer_remove;
mod dialer_task;
mod disposition;
mod endpoint;
mod form;
mod lenient;
mod outcome;
mod queue_summary;
mod recordings;
mod request;
mod respool;
mod retry;
mod schedule_call;
pub mod session;
mod sms;
mod upload;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod test_support;

pub use agents::{AgentCall, AgentCallWithData, HangupPhone, TagRecord};
pub use auth::{parse_user_login, parse_user_token, Credentials, EndSession, GetUserToken, Token};
pub use base_file::{BaseFile, BaseFileWriter, BaseRow};
pub use blacklist::{AddBlack, ALL_CAMPAIGNS};
pub use campaign_status::{AgentEntry, AgentStatus, CampaignStats, CampaignStatus, CampaignStatusReport};
pub use cdr::{CdrFilter, CdrPager, CdrRecord, GetRecords};
pub use dialer_remove::{RemoveContact, RemoveScheduleDialerCall};
pub use dialer_task::{DialerMode, DialerTask, DEFAULT_SOURCE};
pub use disposition::{DispositionCall, DispositionOutcome};
pub use endpoint::{build, parse, Endpoint};
pub use form::{encode_component, Form};
pub use outcome::{redact_secrets, MAX_ERROR_BODY};
pub use queue_summary::{QueueStats, QueueSummary, QueueSummaryReport, SummaryMarker};
pub use recordings::{
    recording_candidates, recording_folder, AudioFormat, Convert, ProbePlan, ProbeState, RecordingCandidate,
    RecordingHosts, RecordingPlace,
};
pub use request::{Method, Request, Response, RetryPolicy, CONTENT_TYPE, RESOURCES_PREFIX};
pub use respool::{DialersRespool, RESPOOL_KEYS};
pub use retry::may_retry_after;
pub use schedule_call::ScheduleDialerCall;
pub use sms::{AgentLogoff, AgentUnBreak, ScheduleDialerSms, SendSms, SendSmsV2, SmsMessage};
pub use upload::{UploadBase, UploadBaseWithTimezone};
