//! `Dialers/Respool`, `Dialers/ScheduleDialerCall`, `Dialers/DialerTask`,
//! `Dialers/RemoveContact`, `Dialers/RemoveScheduleDialerCall`. All answer `1` or `0`.
//!
//! The JSON objects must carry exactly the documented keys with the documented JSON types
//! (numbers as numbers, booleans as booleans, dates as `YYYY-MM-DD HH:MM:SS`); campaigns must
//! exist; numbers must be phone numbers, alternatives `:`-separated numbers, data `k=v:k=v`.

use crate::clock::DateTime;
use crate::form::Form;
use crate::handlers::checks;
use crate::jsonfield::{self, Kind};
use crate::pipeline::{Ctx, Outcome, Reply};
use crate::records::{DialerTaskRecord, RemovedContact, RemovedSchedules, RespoolRecord, ScheduleRecord};

fn one() -> Outcome {
    Ok(Reply::Text("1".to_owned()))
}

const CALLSPOOL: &[(&str, Kind)] = &[
    ("campaign", Kind::NonEmpty),
    ("destination", Kind::NonEmpty),
    ("dialerbase", Kind::Text),
    ("status", Kind::Int),
    ("data", Kind::Text),
    ("alternatives", Kind::Text),
    ("contact", Kind::Int),
    ("retries", Kind::Int),
    ("priority", Kind::Int),
    ("agentphone", Kind::Text),
];

/// Puts a dialer record back in the queue. `status` must be 1 (the page: always 1),
/// `retries` and `contact` non-negative, `priority` above 1 (1 is for scheduled calls).
pub(crate) fn respool(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let o = jsonfield::parse("callspool", form.required("callspool")?, CALLSPOOL)?;
    let r = RespoolRecord {
        campaign: o.text("campaign"),
        destination: o.text("destination"),
        dialerbase: o.text("dialerbase"),
        status: o.int("status"),
        data: o.text("data"),
        alternatives: o.text("alternatives"),
        contact: o.int("contact"),
        retries: o.int("retries"),
        priority: o.int("priority"),
        agentphone: o.text("agentphone"),
    };
    checks::campaign(ctx.st, "callspool.campaign", &r.campaign)?;
    checks::phone("callspool.destination", &r.destination)?;
    checks::phone_list("callspool.alternatives", &r.alternatives)?;
    checks::kv_data("callspool.data", &r.data)?;
    checks::extension("callspool.agentphone", &r.agentphone)?;
    if r.status != 1 {
        return Err(format!("`callspool.status` must be 1, got {}", r.status));
    }
    if r.retries < 0 || r.contact < 0 {
        return Err("`callspool.retries` and `callspool.contact` must not be negative".to_owned());
    }
    if r.priority < 2 {
        return Err(format!("`callspool.priority` must be above 1, got {}", r.priority));
    }
    ctx.st.respools.push(r);
    one()
}

const CALLSCHEDULE: &[(&str, Kind)] = &[
    ("calldate", Kind::Stamp),
    ("campaign", Kind::NonEmpty),
    ("destination", Kind::NonEmpty),
    ("alternatives", Kind::Text),
    ("agentphone", Kind::Text),
    ("data", Kind::Text),
];

/// Schedules a dialer call at `calldate`.
pub(crate) fn schedule_dialer_call(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let o = jsonfield::parse("callschedule", form.required("callschedule")?, CALLSCHEDULE)?;
    let r = ScheduleRecord {
        calldate: o.text("calldate"),
        campaign: o.text("campaign"),
        destination: o.text("destination"),
        alternatives: o.text("alternatives"),
        agentphone: o.text("agentphone"),
        data: o.text("data"),
        origin: "Dialers/ScheduleDialerCall".to_owned(),
    };
    checks::campaign(ctx.st, "callschedule.campaign", &r.campaign)?;
    checks::phone("callschedule.destination", &r.destination)?;
    checks::phone_list("callschedule.alternatives", &r.alternatives)?;
    checks::extension("callschedule.agentphone", &r.agentphone)?;
    checks::kv_data("callschedule.data", &r.data)?;
    ctx.st.schedules.push(r);
    one()
}

const CALL: &[(&str, Kind)] = &[
    ("calldate", Kind::StampOrNull),
    ("campaign", Kind::NonEmpty),
    ("destination", Kind::NonEmpty),
    ("alternatives", Kind::Text),
    ("agent", Kind::Text),
    ("data", Kind::Text),
    ("source", Kind::NonEmpty),
    ("bulk", Kind::Bool),
    ("automatic", Kind::Bool),
];

/// Adds a call to a dialer. All nine keys are required (the page: "all keys must be
/// included"); `agent` is empty or an agent's name or extension.
pub(crate) fn dialer_task(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let o = jsonfield::parse("call", form.required("call")?, CALL)?;
    let r = DialerTaskRecord {
        calldate: o.text_or_null("calldate"),
        campaign: o.text("campaign"),
        destination: o.text("destination"),
        alternatives: o.text("alternatives"),
        agent: o.text("agent"),
        data: o.text("data"),
        source: o.text("source"),
        bulk: o.bool("bulk"),
        automatic: o.bool("automatic"),
    };
    checks::campaign(ctx.st, "call.campaign", &r.campaign)?;
    checks::phone("call.destination", &r.destination)?;
    checks::phone_list("call.alternatives", &r.alternatives)?;
    checks::kv_data("call.data", &r.data)?;
    if !r.agent.is_empty() && !ctx.st.agents.iter().any(|a| a.name == r.agent || a.phone == r.agent) {
        return Err(format!("`call.agent` is neither an agent name nor an extension: `{}`", r.agent));
    }
    ctx.st.dialer_tasks.push(r);
    one()
}

/// Removes a number from a campaign's dialer: its pending dialer tasks and uploaded base rows.
pub(crate) fn remove_contact(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let campaign = form.required("campaign")?.to_owned();
    let number = form.required("number")?.to_owned();
    checks::campaign(ctx.st, "campaign", &campaign)?;
    checks::phone("number", &number)?;
    let before = ctx.st.dialer_tasks.len();
    ctx.st.dialer_tasks.retain(|t| !(t.campaign == campaign && t.destination == number));
    let mut removed = before - ctx.st.dialer_tasks.len();
    for base in &mut ctx.st.bases {
        let rows = base.rows.len();
        base.rows.retain(|r| !(r.campaign == campaign && r.number == number));
        removed += rows - base.rows.len();
    }
    ctx.st.removed_contacts.push(RemovedContact { campaign, number, removed });
    one()
}

/// Removes the scheduled calls to `destination` in `campaign` whose date is within
/// `from`..=`to` (both `YYYY-MM-DD HH:MM:SS`, `from` not after `to`).
pub(crate) fn remove_schedule(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let campaign = form.required("campaign")?.to_owned();
    let destination = form.required("destination")?.to_owned();
    let from_text = form.required("from")?.to_owned();
    let to_text = form.required("to")?.to_owned();
    checks::campaign(ctx.st, "campaign", &campaign)?;
    checks::phone("destination", &destination)?;
    let from = DateTime::parse(&from_text).ok_or("`from` must be `YYYY-MM-DD HH:MM:SS`")?;
    let to = DateTime::parse(&to_text).ok_or("`to` must be `YYYY-MM-DD HH:MM:SS`")?;
    if from > to {
        return Err("`from` is after `to`".to_owned());
    }
    let before = ctx.st.schedules.len();
    ctx.st.schedules.retain(|s| {
        let within = DateTime::parse(&s.calldate).is_some_and(|d| d >= from && d <= to);
        !(s.campaign == campaign && s.destination == destination && within)
    });
    let removed = before - ctx.st.schedules.len();
    ctx.st.removed_schedules.push(RemovedSchedules { campaign, destination, from: from_text, to: to_text, removed });
    one()
}
