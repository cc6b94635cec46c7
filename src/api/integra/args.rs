//! The REST methods' arguments as JavaScript passes them, read into the core's endpoint values.
//! Each reader takes its keys from `crate::shapes` (declared once, checked against the `.d.ts`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::Error;
use crate::rest::{
    AddBlack, AgentCall, AgentCallWithData, AgentLogoff, AgentUnBreak, BaseFile, BaseFileWriter, BaseRow, Convert,
    DialerTask, DispositionCall, HangupPhone, RecordingHosts, RemoveContact, RemoveScheduleDialerCall,
    ScheduleDialerCall, ScheduleDialerSms, SmsMessage, TagRecord,
};
use crate::shapes;
use crate::text::num;
use crate::web::convert::{self, Obj};
use crate::web::utf8::Utf8Reader;

/// `{ callerid, agent, phone, tech, context, outqueue, destination }`.
pub fn agent_call(v: &JsValue) -> Result<AgentCall, Error> {
    agent_call_from(&Obj::read("agentCall", v, shapes::AGENT_CALL_ARGS.keys, false)?)
}

fn agent_call_from(a: &Obj<'_>) -> Result<AgentCall, Error> {
    use crate::shapes::agent_call_args as k;
    Ok(AgentCall {
        callerid: a.str(k::callerid)?,
        agent: a.str(k::agent)?,
        phone: a.str(k::phone)?,
        tech: a.str(k::tech)?,
        context: a.str(k::context)?,
        outqueue: a.str(k::outqueue)?,
        destination: a.str(k::destination)?,
    })
}

/// `agentCall`'s arguments plus `data?` and `form?`.
pub fn agent_call_with_data(v: &JsValue) -> Result<AgentCallWithData, Error> {
    use crate::shapes::agent_call_with_data_args as k;
    let a = Obj::read("agentCallWithData", v, shapes::AGENT_CALL_WITH_DATA_ARGS.keys, false)?;
    Ok(AgentCallWithData { call: agent_call_from(&a)?, data: a.str_or_empty(k::data)?, form: a.str_or_empty(k::form)? })
}

/// `{ phone }`.
pub fn hangup_phone(v: &JsValue) -> Result<HangupPhone, Error> {
    let a = Obj::read("hangupPhone", v, shapes::HANGUP_PHONE_ARGS.keys, false)?;
    Ok(HangupPhone { phone: a.str(shapes::hangup_phone_args::phone)? })
}

/// `{ phone, guid, data }`.
pub fn tag_record(v: &JsValue) -> Result<TagRecord, Error> {
    use crate::shapes::tag_record_args as k;
    let a = Obj::read("tagRecord", v, shapes::TAG_RECORD_ARGS.keys, false)?;
    Ok(TagRecord { phone: a.str(k::phone)?, guid: a.str(k::guid)?, data: a.str(k::data)? })
}

/// `{ campaign, agent, callerid, guid, l1, l2?, l3?, d1?, d2?, comment?, schedule?,
/// camptoreschedule?, tag? }`.
pub fn disposition_call(v: &JsValue) -> Result<DispositionCall, Error> {
    use crate::shapes::disposition_call_args as k;
    let a = Obj::read("dispositionCall", v, shapes::DISPOSITION_CALL_ARGS.keys, false)?;
    let o = |key| a.str_or_empty(key);
    Ok(DispositionCall {
        campaign: a.str(k::campaign)?,
        agent: a.str(k::agent)?,
        callerid: a.str(k::callerid)?,
        guid: a.str(k::guid)?,
        l1: a.str(k::l1)?,
        l2: o(k::l2)?,
        l3: o(k::l3)?,
        d1: o(k::d1)?,
        d2: o(k::d2)?,
        comment: o(k::comment)?,
        schedule: o(k::schedule)?,
        camptoreschedule: o(k::camptoreschedule)?,
        tag: o(k::tag)?,
    })
}

/// `{ destination, message, campaign, agent?, source? }` of `sendSms` and `sendSmsV1`.
pub fn sms_message(v: &JsValue) -> Result<SmsMessage, Error> {
    use crate::shapes::send_sms_args as k;
    let a = Obj::read("sendSms", v, shapes::SEND_SMS_ARGS.keys, false)?;
    Ok(SmsMessage {
        destination: a.str(k::destination)?,
        message: a.str(k::message)?,
        campaign: a.str(k::campaign)?,
        agent: a.str_or_empty(k::agent)?,
        source: a.str_or_empty(k::source)?,
    })
}

/// `{ calldate, campaign, destination, data }` of `scheduleSms`.
pub fn schedule_sms(v: &JsValue) -> Result<ScheduleDialerSms, Error> {
    use crate::shapes::schedule_sms_args as k;
    let a = Obj::read("scheduleSms", v, shapes::SCHEDULE_SMS_ARGS.keys, false)?;
    Ok(ScheduleDialerSms {
        calldate: a.str(k::calldate)?,
        campaign: a.str(k::campaign)?,
        destination: a.str(k::destination)?,
        data: a.str(k::data)?,
    })
}

/// `{ agent, interface, message? }` of `agentLogoff`.
pub fn agent_logoff(v: &JsValue) -> Result<AgentLogoff, Error> {
    use crate::shapes::agent_logoff_args as k;
    let a = Obj::read("agentLogoff", v, shapes::AGENT_LOGOFF_ARGS.keys, false)?;
    Ok(AgentLogoff { agent: a.str(k::agent)?, interface: a.str(k::interface)?, message: a.str_or_empty(k::message)? })
}

/// `{ agent, interface, motive, message? }` of `agentUnbreak`.
pub fn agent_unbreak(v: &JsValue) -> Result<AgentUnBreak, Error> {
    use crate::shapes::agent_unbreak_args as k;
    let a = Obj::read("agentUnbreak", v, shapes::AGENT_UNBREAK_ARGS.keys, false)?;
    Ok(AgentUnBreak {
        agent: a.str(k::agent)?,
        interface: a.str(k::interface)?,
        motive: a.str(k::motive)?,
        message: a.str_or_empty(k::message)?,
    })
}

/// `{ phone, campaign, username, company?, jobTitle?, name? }`.
pub fn add_black(v: &JsValue) -> Result<AddBlack, Error> {
    use crate::shapes::add_black_args as k;
    let a = Obj::read("addBlack", v, shapes::ADD_BLACK_ARGS.keys, false)?;
    Ok(AddBlack {
        phone: a.str(k::phone)?,
        campaign: a.str(k::campaign)?,
        username: a.str(k::username)?,
        company: a.str_or_empty(k::company)?,
        job_title: a.str_or_empty(k::jobTitle)?,
        name: a.str_or_empty(k::name)?,
    })
}

/// `{ lastrow?, searchLimit }` of `getRecords`.
pub fn page(v: &JsValue) -> Result<(u64, u32), Error> {
    use crate::shapes::cdr_page as k;
    let a = Obj::read("page", v, shapes::CDR_PAGE.keys, false)?;
    let lastrow = match a.opt_f64(k::lastrow)? {
        None => 0,
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 => n as u64,
        Some(_) => return Err(Error::invalid("page", "`lastrow` must be a whole number ≥ 0")),
    };
    let limit = a.opt_u32(k::searchLimit)?.ok_or_else(|| Error::invalid("page", "missing field `searchLimit`"))?;
    Ok((lastrow, limit))
}

/// `{ guid, calldate }` of `convert`.
pub fn convert(v: &JsValue) -> Result<Convert, Error> {
    use crate::shapes::convert_args as k;
    let a = Obj::read("convert", v, shapes::CONVERT_ARGS.keys, false)?;
    Convert::for_call(a.str(k::guid)?, &a.str(k::calldate)?)
}

/// `{ calldate, campaign, destination, alternatives?, agentphone?, data? }`.
pub fn schedule_dialer_call(v: &JsValue) -> Result<ScheduleDialerCall, Error> {
    use crate::shapes::schedule_dialer_call_args as k;
    let a = Obj::read("scheduleDialerCall", v, shapes::SCHEDULE_DIALER_CALL_ARGS.keys, false)?;
    Ok(ScheduleDialerCall {
        calldate: a.str(k::calldate)?,
        campaign: a.str(k::campaign)?,
        destination: a.str(k::destination)?,
        alternatives: a.str_or_empty(k::alternatives)?,
        agentphone: a.str_or_empty(k::agentphone)?,
        data: a.str_or_empty(k::data)?,
    })
}

/// `{ mode, campaign, destination, calldate? (schedule only), alternatives?, agent?, data?, source? }`.
pub fn dialer_task(v: &JsValue) -> Result<DialerTask, Error> {
    use crate::shapes::dialer_task_args as k;
    let a = Obj::read("dialerTask", v, shapes::DIALER_TASK_ARGS.keys, false)?;
    let (c, d) = (a.str(k::campaign)?, a.str(k::destination)?);
    let mode = a.str(k::mode)?;
    let task = match (mode.as_str(), a.opt_str(k::calldate)?) {
        ("schedule", Some(date)) => DialerTask::schedule(date, c, d),
        ("schedule", None) => return Err(Error::invalid("calldate", "is required when mode is 'schedule'")),
        ("priority" | "clickToCall" | "addToDialer", Some(_)) => {
            return Err(Error::invalid("calldate", "is only for mode 'schedule'"))
        }
        ("priority", None) => DialerTask::priority(c, d),
        ("clickToCall", None) => DialerTask::click_to_call(c, d),
        ("addToDialer", None) => DialerTask::add_to_dialer(c, d),
        _ => return Err(Error::invalid("mode", "must be 'priority', 'clickToCall', 'addToDialer' or 'schedule'")),
    };
    let task = task
        .alternatives(a.str_or_empty(k::alternatives)?)
        .agent(a.str_or_empty(k::agent)?)
        .data(a.str_or_empty(k::data)?);
    Ok(match a.opt_str(k::source)? {
        Some(s) => task.source(s),
        None => task,
    })
}

/// `{ campaign, number }`.
pub fn remove_contact(v: &JsValue) -> Result<RemoveContact, Error> {
    use crate::shapes::remove_contact_args as k;
    let a = Obj::read("removeContact", v, shapes::REMOVE_CONTACT_ARGS.keys, false)?;
    Ok(RemoveContact { campaign: a.str(k::campaign)?, number: a.str(k::number)? })
}

/// `{ campaign, destination, from, to }`.
pub fn remove_schedule_dialer_call(v: &JsValue) -> Result<RemoveScheduleDialerCall, Error> {
    use crate::shapes::remove_schedule_dialer_call_args as k;
    let a = Obj::read("removeScheduleDialerCall", v, shapes::REMOVE_SCHEDULE_DIALER_CALL_ARGS.keys, false)?;
    Ok(RemoveScheduleDialerCall {
        campaign: a.str(k::campaign)?,
        destination: a.str(k::destination)?,
        from: a.str(k::from)?,
        to: a.str(k::to)?,
    })
}

/// `{ telephony, backup? }`.
pub fn hosts(v: &JsValue) -> Result<RecordingHosts, Error> {
    use crate::shapes::recording_hosts as k;
    let a = Obj::read("recordingHosts", v, shapes::RECORDING_HOSTS.keys, false)?;
    Ok(RecordingHosts { telephony: a.str(k::telephony)?, backup: a.opt_str(k::backup)? })
}

/// `uploadBase`'s arguments: `{ filename, campaign, username, rows, timezone? }`, the rows
/// already checked and written into the file.
pub struct Upload {
    pub filename: String,
    pub campaign: String,
    pub username: String,
    pub timezone: Option<String>,
    pub file: BaseFile,
}

/// Reads `uploadBase`'s arguments, writing the rows into the file one at a time like
/// `buildBaseFile` (no list of rows is kept).
pub fn upload(v: &JsValue) -> Result<Upload, Error> {
    use crate::shapes::upload_base_args as k;
    let a = Obj::read("uploadBase", v, shapes::UPLOAD_BASE_ARGS.keys, false)?;
    let rows = a.get(k::rows).ok_or_else(|| Error::invalid("uploadBase", "missing field `rows`"))?;
    let (filename, campaign, username, timezone) =
        (a.str(k::filename)?, a.str(k::campaign)?, a.str(k::username)?, a.opt_str(k::timezone)?);
    let mut file = BaseFileWriter::new();
    write_rows(&rows, &mut file, |_| {})?;
    Ok(Upload { filename, campaign, username, timezone, file: file.into_file() })
}

/// Rows handed to `JSON.stringify` at a time by [`write_rows`]: enough that the calls across
/// the boundary are few, few enough that one batch's text stays small in wasm memory.
const BATCH: u32 = 1024;

/// Checks the rows of a base and writes them into `file` in order (no list of rows is kept);
/// `between` sees the file after each batch (to hand text on). Errors name the row.
///
/// Rows are read in batches: the browser's `JSON.stringify` writes a batch as text and the core
/// reads that ([`BaseFileWriter::push_json`]), a few boundary crossings per batch instead of
/// about a dozen per row. So rows are read as `JSON.stringify` sees them: own enumerable
/// members, `toJSON` used, a member that is `undefined`, a function or a symbol left out. When
/// the text is not exactly a list of rows (stringify threw on a getter or a cycle; a member is
/// missing, unknown or of the wrong type), the batch is read again row by row with the member
/// readers, which say what is wrong.
pub fn write_rows(
    rows: &JsValue,
    file: &mut BaseFileWriter,
    mut between: impl FnMut(&mut BaseFileWriter),
) -> Result<(), Error> {
    if !convert::is_array(rows) {
        return Err(Error::invalid("rows", "must be an array of rows"));
    }
    let rows = convert::items(rows).ok_or_else(|| convert::unreadable("rows"))?;
    let (mut start, count) = (0, rows.length());
    let mut utf8 = Utf8Reader::default();
    while start < count {
        let end = count.min(start.saturating_add(BATCH));
        let written = js_sys::JSON::stringify(&rows.slice(start, end))
            .ok()
            .and_then(|text| utf8.read(&text))
            .and_then(|text| file.push_json(text));
        match written {
            Some(done) => done?,
            None => {
                for i in start..end {
                    let row = row_from_js(&rows.get(i)).map_err(|e| match e {
                        Error::InvalidArgument { field, reason } => {
                            Error::invalid(field, crate::cat!["row ", num(u64::from(i) + 1), ": ", reason])
                        }
                        other => other,
                    })?;
                    file.push(&row)?;
                }
            }
        }
        between(file);
        start = end;
    }
    Ok(())
}

/// One row: `{ campaign, number, data?, alternatives?, priority?, agentphone? }`; `data` is an
/// object (insertion order kept; values strings or numbers) or a list of `[key, value]` pairs.
fn row_from_js(v: &JsValue) -> Result<BaseRow, Error> {
    use crate::shapes::base_row_input as k;
    let a = Obj::read("rows", v, shapes::BASE_ROW_INPUT.keys, false)?;
    let data = match a.value(k::data) {
        None => Vec::new(),
        Some(d) if convert::is_array(&d) => {
            let pairs = convert::items(&d).ok_or_else(|| convert::unreadable("data"))?;
            pairs
                .iter()
                .map(|p| match convert::strings(&p).as_deref() {
                    Some([k, v]) => Ok((k.clone(), v.clone())),
                    _ => Err(Error::invalid("data", "each pair must be [key, value] strings")),
                })
                .collect::<Result<_, _>>()?
        }
        Some(d) if d.is_object() => {
            let entries = convert::entries(&d).ok_or_else(|| convert::unreadable("data"))?;
            entries
                .iter()
                .map(|e| {
                    let e: &js_sys::Array = e.unchecked_ref();
                    let (k, v) = (e.get(0).as_string().unwrap_or_default(), e.get(1));
                    match v.as_string() {
                        Some(s) => Ok((k, s)),
                        // Numbers as JavaScript prints them.
                        None if v.as_f64().is_some() => Ok((k, js_number_text(&v))),
                        None => {
                            Err(Error::invalid("data", crate::cat!["the value of `", k, "` is not a string or number"]))
                        }
                    }
                })
                .collect::<Result<_, _>>()?
        }
        Some(_) => return Err(Error::invalid("data", "must be an object or a list of [key, value] pairs")),
    };
    Ok(BaseRow {
        campaign: a.str(k::campaign)?,
        number: a.str(k::number)?,
        data,
        alternatives: a.strings(k::alternatives)?,
        priority: a.opt_u32(k::priority)?,
        agentphone: a.opt_str(k::agentphone)?,
    })
}

/// A JS number as JavaScript prints it (`String(n)`).
fn js_number_text(v: &JsValue) -> String {
    js_sys::Number::from(v.clone()).to_string_with_radix(10).map(String::from).unwrap_or_default()
}
