//! The "API Omnichannel" page's `SMS/SendSMS`, `SMS/SendSMSv2`, `SMS/ScheduleDialerSMS`, and
//! the Agent API's `api/AgentLogoff` and `api/AgentUnBreak`.
//!
//! The sends refuse in the page's words: HTTP 200 `ERROR`. `destination`, `message` and
//! `campaign` (a configured campaign) are required; `agent` and `source` are sent but may be
//! empty, else name a configured agent and a phone number. Every documented field is sent by
//! the client (the optional ones empty), so a missing one is refused. SendSMSv2 answers the
//! page's own spelling, `{ id:"…" }` (not JSON). `ScheduleDialerSMS` takes one field `sms`,
//! JSON `{calldate, campaign, destination, data}`, and answers `1` or `0`. The Agent API calls
//! need the agent's `interface` as `TECH/phone` of that agent and answer `1` or `0`.

use crate::form::Form;
use crate::jsonfield::{self, Kind};
use crate::pipeline::{Ctx, Outcome, Reply};
use crate::records::{AgentApiRecord, SmsRecord};

use super::checks;

/// The fields of both sends, in the page's order.
pub(crate) const SEND_FIELDS: &[&str] = &["destination", "message", "campaign", "agent", "source"];

fn accept_send(ctx: &mut Ctx<'_>, form: &Form, endpoint: &str) -> Result<String, String> {
    let destination = form.required("destination")?;
    let message = form.required("message")?;
    let campaign = form.required("campaign")?;
    // All five are sent, as the page lists them; these two may be empty.
    let agent = form.present("agent")?;
    let source = form.present("source")?;
    checks::phone("destination", destination)?;
    if message.trim().is_empty() {
        return Err("`message` is empty".to_owned());
    }
    checks::campaign(ctx.st, "campaign", campaign)?;
    if !agent.is_empty() && ctx.st.agent_mut(agent).is_none() {
        return Err(format!("`agent` names no agent of this instance: `{agent}`"));
    }
    if !source.is_empty() {
        checks::phone("source", source)?;
    }
    let id = format!("sms-{}", ctx.st.sms.len() + 1);
    ctx.st.sms.push(SmsRecord {
        endpoint: endpoint.to_owned(),
        destination: destination.to_owned(),
        message: message.to_owned(),
        campaign: campaign.to_owned(),
        agent: agent.to_owned(),
        source: source.to_owned(),
        calldate: String::new(),
        id: id.clone(),
        user: ctx.user.clone().unwrap_or_default(),
    });
    Ok(id)
}

/// `SMS/SendSMS`: `OK`.
pub(crate) fn send_sms(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    accept_send(ctx, form, "SMS/SendSMS").map(|_| Reply::Text("OK".to_owned()))
}

/// `SMS/SendSMSv2`: `{ id:"sms-N" }`, as the page prints it.
pub(crate) fn send_sms_v2(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    accept_send(ctx, form, "SMS/SendSMSv2").map(|id| Reply::Text(format!("{{ id:\"{id}\" }}")))
}

const SMS: &[(&str, Kind)] = &[
    ("calldate", Kind::Stamp),
    ("campaign", Kind::NonEmpty),
    ("destination", Kind::NonEmpty),
    ("data", Kind::NonEmpty),
];

/// `SMS/ScheduleDialerSMS`: `1`.
pub(crate) fn schedule_dialer_sms(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let o = jsonfield::parse("sms", form.required("sms")?, SMS)?;
    let (calldate, campaign, destination, data) =
        (o.text("calldate"), o.text("campaign"), o.text("destination"), o.text("data"));
    checks::campaign(ctx.st, "sms.campaign", &campaign)?;
    checks::phone("sms.destination", &destination)?;
    let id = format!("sms-{}", ctx.st.sms.len() + 1);
    ctx.st.sms.push(SmsRecord {
        endpoint: "SMS/ScheduleDialerSMS".to_owned(),
        destination,
        message: data,
        campaign,
        agent: String::new(),
        source: String::new(),
        calldate,
        id,
        user: ctx.user.clone().unwrap_or_default(),
    });
    Ok(Reply::Text("1".to_owned()))
}

/// The agent named `agent`, whose interface must be `interface`.
fn agent_with_interface(ctx: &mut Ctx<'_>, agent: &str, interface: &str) -> Result<(), String> {
    let a = ctx.st.agent_mut(agent).ok_or_else(|| format!("`agent` names no agent of this instance: `{agent}`"))?;
    if a.interface != interface {
        return Err(format!("`interface` is not `{agent}`'s (`{}`): `{interface}`", a.interface));
    }
    Ok(())
}

/// `api/AgentLogoff`: `1`.
pub(crate) fn agent_logoff(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let agent = form.required("agent")?;
    let interface = form.required("interface")?;
    agent_with_interface(ctx, agent, interface)?;
    ctx.st.agent_api.push(AgentApiRecord {
        endpoint: "api/AgentLogoff".to_owned(),
        agent: agent.to_owned(),
        interface: interface.to_owned(),
        motive: String::new(),
        message: form.present("message")?.to_owned(),
    });
    Ok(Reply::Text("1".to_owned()))
}

/// `api/AgentUnBreak`: `1`; the agent is no longer paused.
pub(crate) fn agent_unbreak(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let agent = form.required("agent")?;
    let interface = form.required("interface")?;
    let motive = form.required("motive")?;
    if motive.trim().is_empty() {
        return Err("`motive` is empty".to_owned());
    }
    agent_with_interface(ctx, agent, interface)?;
    if let Some(a) = ctx.st.agent_mut(agent) {
        a.paused = false;
    }
    ctx.st.agent_api.push(AgentApiRecord {
        endpoint: "api/AgentUnBreak".to_owned(),
        agent: agent.to_owned(),
        interface: interface.to_owned(),
        motive: motive.to_owned(),
        message: form.present("message")?.to_owned(),
    });
    Ok(Reply::Text("1".to_owned()))
}
