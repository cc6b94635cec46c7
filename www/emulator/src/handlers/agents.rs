//! `Agents/AgentCall`, `Agents/AgentCallwithData`, `Agents/HangupPhone`, `Agents/TagRecord`.
//!
//! A call is placed for a configured agent from its own phone: `agent` must name an agent,
//! `phone` must be that agent's extension and `tech` its technology (`SIP`); `outqueue` must be
//! a campaign; `callerid` and `destination` must be phone numbers; `context` any non-empty
//! text. The call stays active (agent INUSE) until `HangupPhone` on that phone, which ends it,
//! files a call record and puts its `.mp3` in `/records/<YYYYMMDD>/`.

use crate::clock::DateTime;
use crate::config::{AgentStatus, AudioFormat, RecordingPlace};
use crate::form::Form;
use crate::handlers::checks;
use crate::ids::{is_guid, new_guid};
use crate::pipeline::{Ctx, Outcome, Reply};
use crate::recordings::recording_path;
use crate::records::{CallRecord, Cdr, HangupRecord, TagRecord};

pub(crate) const CALL_FIELDS: &[&str] = &["callerid", "agent", "phone", "tech", "context", "outqueue", "destination"];
pub(crate) const CALL_WITH_DATA_FIELDS: &[&str] =
    &["callerid", "agent", "phone", "tech", "context", "outqueue", "destination", "data", "form"];

fn place_call(ctx: &mut Ctx<'_>, form: &Form, with_data: bool) -> Outcome {
    let callerid = form.required("callerid")?;
    let agent_name = form.required("agent")?;
    let phone = form.required("phone")?;
    let tech = form.required("tech")?;
    let context = form.required("context")?;
    let outqueue = form.required("outqueue")?;
    let destination = form.required("destination")?;
    // AgentCallwithData: both fields must be sent; either may be empty.
    let (data, popup) = if with_data {
        (Some(form.present("data")?.to_owned()), Some(form.present("form")?.to_owned()))
    } else {
        (None, None)
    };
    checks::phone("callerid", callerid)?;
    checks::phone("destination", destination)?;
    checks::campaign(ctx.st, "outqueue", outqueue)?;
    let agent = ctx
        .st
        .agent_mut(agent_name)
        .ok_or_else(|| format!("`agent` names no agent of this instance: `{agent_name}`"))?;
    if agent.phone != phone {
        return Err(format!("`phone` `{phone}` is not the phone of agent `{agent_name}`"));
    }
    let agent_tech = agent.interface.split('/').next().unwrap_or("");
    if agent_tech != tech {
        return Err(format!("`tech` must be `{agent_tech}` for this agent, got `{tech}`"));
    }
    agent.status = AgentStatus::INUSE;
    agent.calls_taken = agent.calls_taken.saturating_add(1);
    let guid = new_guid();
    let record = CallRecord {
        guid: guid.clone(),
        callerid: callerid.to_owned(),
        agent: agent_name.to_owned(),
        phone: phone.to_owned(),
        tech: tech.to_owned(),
        context: context.to_owned(),
        outqueue: outqueue.to_owned(),
        destination: destination.to_owned(),
        data,
        form: popup,
        started: DateTime::now().to_string(),
        active: true,
        user: ctx.user.clone().unwrap_or_default(),
    };
    ctx.st.calls.push(record);
    Ok(Reply::Text(guid))
}

/// Answers the new call's GUID (plain text, no quotes).
pub(crate) fn agent_call(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    place_call(ctx, form, false)
}

/// Like `agent_call`, with `data` and `form` recorded.
pub(crate) fn agent_call_with_data(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    place_call(ctx, form, true)
}

/// Ends the active call on agent phone `phone`: `1`; `0` when no agent has that phone or it
/// has no call in progress.
pub(crate) fn hangup_phone(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let phone = form.required("phone")?;
    let st = &mut *ctx.st;
    let agent =
        st.agents.iter_mut().find(|a| a.phone == phone).ok_or_else(|| format!("no agent has phone `{phone}`"))?;
    let call = st
        .calls
        .iter_mut()
        .rev()
        .find(|c| c.phone == phone && c.active)
        .ok_or_else(|| format!("no call in progress on phone `{phone}`"))?;
    call.active = false;
    agent.status = AgentStatus::NOT_INUSE;
    let now = DateTime::now();
    let started = DateTime::parse(&call.started).unwrap_or(now);
    let duration = u32::try_from((now.to_unix() - started.to_unix()).max(0)).unwrap_or(u32::MAX);
    st.files.insert(recording_path(RecordingPlace::TelephonyDated, &started.folder(), &call.guid, AudioFormat::Mp3));
    st.cdrs.push(Cdr {
        guid: call.guid.clone(),
        calldate: call.started.clone(),
        agent: call.agent.clone(),
        campaign: call.outqueue.clone(),
        source: call.phone.clone(),
        destination: call.destination.clone(),
        duration,
        data: String::new(),
        rating: String::new(),
    });
    st.hangups.push(HangupRecord { phone: phone.to_owned(), guid: call.guid.clone(), at: now.to_string() });
    Ok(Reply::Text("1".to_owned()))
}

/// Tags a call's recording. The service works asynchronously and answers an empty body;
/// malformed requests (missing field, `guid` not a lowercase GUID, `phone` not a number) get `0`.
pub(crate) fn tag_record(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let phone = form.required("phone")?;
    let guid = form.required("guid")?;
    let data = form.required("data")?;
    checks::phone("phone", phone)?;
    if !is_guid(guid) {
        return Err(format!("`guid` is not a lowercase GUID: `{guid}`"));
    }
    let known_call = ctx.st.calls.iter().any(|c| c.guid == guid) || ctx.st.cdrs.iter().any(|c| c.guid == guid);
    ctx.st.tags.push(TagRecord { phone: phone.to_owned(), guid: guid.to_owned(), data: data.to_owned(), known_call });
    Ok(Reply::Empty)
}
