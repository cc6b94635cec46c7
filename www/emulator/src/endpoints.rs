//! The Integra endpoints the emulator serves: path, auth, accepted fields, refusal style and
//! handler. All are `POST` with a form body, under `/Integra/resources/`.
//!
//! | endpoint | fields (all others refused) | refusal |
//! |---|---|---|
//! | `auth/getUserToken` (no token) | user, password | `0` |
//! | `auth/EndSession` | user, token | `0` |
//! | `Agents/AgentCall` | callerid, agent, phone, tech, context, outqueue, destination | `0` |
//! | `Agents/AgentCallwithData` | the 7 above + data, form | `0` |
//! | `Agents/HangupPhone` | phone | `0` |
//! | `Agents/TagRecord` | phone, guid, data | `0` |
//! | `api/DispositionCall` | campaign, agent, callerid, guid, l1, l2, l3, d1, d2, comment, schedule, camptoreschedule, tag | HTTP 400 text |
//! | `admin/addblack` | black | `0` |
//! | `Cdr/getrecords` | lastrow, searchLimit, filter, Random (optional, `1`) | `0` |
//! | `Supervisor/convert` | guid, folder | `0` |
//! | `Supervisor/queuesummary` | (none) | `0` |
//! | `Supervisor/campaignstatus` | queue | `0` |
//! | `Dialers/Respool` | callspool | `0` |
//! | `Dialers/ScheduleDialerCall` | callschedule | `0` |
//! | `Dialers/DialerTask` | call | `0` |
//! | `Dialers/RemoveContact` | campaign, number | `0` |
//! | `Dialers/RemoveScheduleDialerCall` | campaign, destination, from, to | `0` |
//! | `Dialers/uploadbase` | filename, fileb64, campaign, cant, username | `0` |
//! | `Dialers/uploadbasewithtimezone` | the 5 above + timezone | `0` |
//! | `SMS/SendSMS` | destination, message, campaign, agent, source | `ERROR` |
//! | `SMS/SendSMSv2` | the 5 above | `ERROR` |
//! | `SMS/ScheduleDialerSMS` | sms | `0` |
//! | `api/AgentLogoff` | agent, interface, message | `0` |
//! | `api/AgentUnBreak` | agent, interface, motive, message | `0` |

use crate::handlers::{admin, agents, bases, cdr, dialers, disposition, session, sms, supervisor};
use crate::pipeline::{Endpoint, Refusal};

/// Path prefix of every endpoint.
pub const API_PREFIX: &str = "/Integra/resources/";

const fn ep(
    path: &'static str,
    fields: &'static [&'static str],
    handle: fn(&mut crate::pipeline::Ctx<'_>, &crate::form::Form) -> crate::pipeline::Outcome,
) -> Endpoint {
    Endpoint { path, auth: true, fields, refusal: Refusal::Zero, handle }
}

pub(crate) static ENDPOINTS: [Endpoint; 24] = [
    Endpoint {
        path: "auth/getUserToken",
        auth: false,
        fields: &["user", "password"],
        refusal: Refusal::Zero,
        handle: session::get_user_token,
    },
    ep("auth/EndSession", &["user", "token"], session::end_session),
    ep("Agents/AgentCall", agents::CALL_FIELDS, agents::agent_call),
    ep("Agents/AgentCallwithData", agents::CALL_WITH_DATA_FIELDS, agents::agent_call_with_data),
    ep("Agents/HangupPhone", &["phone"], agents::hangup_phone),
    ep("Agents/TagRecord", &["phone", "guid", "data"], agents::tag_record),
    Endpoint {
        path: "api/DispositionCall",
        auth: true,
        fields: disposition::FIELDS,
        refusal: Refusal::BadRequest,
        handle: disposition::disposition_call,
    },
    ep("admin/addblack", &["black"], admin::add_black),
    ep("Cdr/getrecords", &["lastrow", "searchLimit", "filter", "Random"], cdr::get_records),
    ep("Supervisor/convert", &["guid", "folder"], supervisor::convert),
    ep("Supervisor/queuesummary", &[], supervisor::queue_summary),
    ep("Supervisor/campaignstatus", &["queue"], supervisor::campaign_status),
    ep("Dialers/Respool", &["callspool"], dialers::respool),
    ep("Dialers/ScheduleDialerCall", &["callschedule"], dialers::schedule_dialer_call),
    ep("Dialers/DialerTask", &["call"], dialers::dialer_task),
    ep("Dialers/RemoveContact", &["campaign", "number"], dialers::remove_contact),
    ep("Dialers/RemoveScheduleDialerCall", &["campaign", "destination", "from", "to"], dialers::remove_schedule),
    ep("Dialers/uploadbase", bases::FIELDS, bases::upload_base),
    ep("Dialers/uploadbasewithtimezone", bases::FIELDS_WITH_TIMEZONE, bases::upload_base_with_timezone),
    Endpoint {
        path: "SMS/SendSMS",
        auth: true,
        fields: sms::SEND_FIELDS,
        refusal: Refusal::ErrorWord,
        handle: sms::send_sms,
    },
    Endpoint {
        path: "SMS/SendSMSv2",
        auth: true,
        fields: sms::SEND_FIELDS,
        refusal: Refusal::ErrorWord,
        handle: sms::send_sms_v2,
    },
    ep("SMS/ScheduleDialerSMS", &["sms"], sms::schedule_dialer_sms),
    ep("api/AgentLogoff", &["agent", "interface", "message"], sms::agent_logoff),
    ep("api/AgentUnBreak", &["agent", "interface", "motive", "message"], sms::agent_unbreak),
];

/// The key an endpoint is counted and faulted under: the path below `/Integra/resources/`.
/// Accepts that key itself, the full path, or `records`/`backup/records`.
pub(crate) fn endpoint_key(text: &str) -> &str {
    text.strip_prefix(API_PREFIX)
        .or_else(|| text.strip_prefix(&API_PREFIX[1..]))
        .unwrap_or(text)
        .trim_start_matches('/')
}

/// Whether `key` names something that can be counted or faulted.
pub(crate) fn is_known_key(key: &str) -> bool {
    key == "*" || ENDPOINTS.iter().any(|e| e.path == key)
}
