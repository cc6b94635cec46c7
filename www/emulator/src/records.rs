//! What the emulator remembers of the requests it accepted. Tests read these through
//! `Emulator::view()` or `GET /__emulator/state` (same shapes, camelCase JSON).

use serde::Serialize;

use crate::config::DialerAction;

/// A call placed through `Agents/AgentCall` or `Agents/AgentCallwithData`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallRecord {
    pub guid: String,
    pub callerid: String,
    pub agent: String,
    pub phone: String,
    pub tech: String,
    pub context: String,
    pub outqueue: String,
    pub destination: String,
    /// Only for `AgentCallwithData`.
    pub data: Option<String>,
    /// Only for `AgentCallwithData`.
    pub form: Option<String>,
    pub started: String,
    /// False once `Agents/HangupPhone` ended it.
    pub active: bool,
    /// Login whose token placed the call.
    pub user: String,
}

/// An accepted `Agents/HangupPhone`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HangupRecord {
    pub phone: String,
    /// The call it ended.
    pub guid: String,
    pub at: String,
}

/// An accepted `Agents/TagRecord`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TagRecord {
    pub phone: String,
    pub guid: String,
    pub data: String,
    /// Whether the GUID names a call the emulator knows (placed or seeded).
    pub known_call: bool,
}

/// An accepted `SMS/SendSMS`, `SMS/SendSMSv2` or `SMS/ScheduleDialerSMS`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SmsRecord {
    /// Which of the three took it.
    pub endpoint: String,
    pub destination: String,
    /// The text (`data` of ScheduleDialerSMS).
    pub message: String,
    pub campaign: String,
    pub agent: String,
    pub source: String,
    /// ScheduleDialerSMS's date; empty for the sends.
    pub calldate: String,
    /// The id SendSMSv2 answers (`sms-N`).
    pub id: String,
    /// The login whose token sent it.
    pub user: String,
}

/// An accepted `api/AgentLogoff` or `api/AgentUnBreak`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentApiRecord {
    pub endpoint: String,
    pub agent: String,
    pub interface: String,
    /// AgentUnBreak's break name; empty for AgentLogoff.
    pub motive: String,
    pub message: String,
}

/// An accepted `api/DispositionCall`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DispositionRecord {
    pub campaign: String,
    pub agent: String,
    pub callerid: String,
    pub guid: String,
    pub l1: String,
    pub l2: String,
    pub l3: String,
    pub d1: String,
    pub d2: String,
    pub comment: String,
    pub schedule: String,
    pub camptoreschedule: String,
    /// The tag stored: the one sent, or `l1|l2|l3` (non-empty levels) when none was sent.
    pub tag: String,
    pub txtcode: String,
    pub action: DialerAction,
}

/// A blacklisted number, from `admin/addblack` or a BLACKLIST disposition.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BlacklistEntry {
    pub phone: String,
    /// A campaign name, or `*` for all.
    pub campaign: String,
    pub username: String,
    pub company: String,
    pub job_title: String,
    pub name: String,
}

/// An accepted `Dialers/Respool` object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RespoolRecord {
    pub campaign: String,
    pub destination: String,
    pub dialerbase: String,
    pub status: i64,
    pub data: String,
    pub alternatives: String,
    pub contact: i64,
    pub retries: i64,
    pub priority: i64,
    pub agentphone: String,
}

/// A scheduled dialer call, from `Dialers/ScheduleDialerCall` or a RESCHEDULE disposition.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleRecord {
    pub calldate: String,
    pub campaign: String,
    pub destination: String,
    pub alternatives: String,
    pub agentphone: String,
    pub data: String,
    /// The endpoint that created it.
    pub origin: String,
}

/// An accepted `Dialers/DialerTask` object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DialerTaskRecord {
    pub calldate: Option<String>,
    pub campaign: String,
    pub destination: String,
    pub alternatives: String,
    pub agent: String,
    pub data: String,
    pub source: String,
    pub bulk: bool,
    pub automatic: bool,
}

/// An accepted `Dialers/RemoveContact`, with what it removed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemovedContact {
    pub campaign: String,
    pub number: String,
    /// Dialer tasks and uploaded base rows dropped because of it.
    pub removed: usize,
}

/// An accepted `Dialers/RemoveScheduleDialerCall`, with how many schedules it removed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemovedSchedules {
    pub campaign: String,
    pub destination: String,
    pub from: String,
    pub to: String,
    pub removed: usize,
}

/// A base uploaded with `Dialers/uploadbase` or `Dialers/uploadbasewithtimezone`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BaseUpload {
    pub filename: String,
    pub campaign: String,
    pub username: String,
    pub timezone: Option<String>,
    pub rows: Vec<BaseRow>,
}

/// One line of an uploaded base: `campaign;number;k=v:k=v;alt1:alt2[;priority[;agentphone]]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BaseRow {
    pub campaign: String,
    pub number: String,
    pub data: String,
    pub alternatives: String,
    pub priority: Option<i64>,
    pub agentphone: Option<String>,
}

/// An accepted `Supervisor/convert` and the `.mp3` paths it created.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversionRecord {
    pub guid: String,
    pub folder: String,
    pub created: Vec<String>,
}

/// A call detail record as `Cdr/getrecords` answers it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cdr {
    pub guid: String,
    pub calldate: String,
    pub agent: String,
    pub campaign: String,
    pub source: String,
    pub destination: String,
    pub duration: u32,
    pub data: String,
    pub rating: String,
}

/// One request as the emulator answered it (newest last; the log keeps the last 1000).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    /// Endpoint key, e.g. `Agents/AgentCall` or `records`.
    pub endpoint: String,
    pub status: u16,
    /// `ok`, a refusal reason, or the fault applied. Never holds a secret.
    pub outcome: String,
}

/// Live state of an agent.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentState {
    pub name: String,
    pub phone: String,
    pub interface: String,
    pub status: u8,
    pub paused: bool,
    pub calls_taken: u32,
    pub campaigns: Vec<String>,
}

/// An open or closed session (never the token itself).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub user: String,
    pub valid: bool,
}
