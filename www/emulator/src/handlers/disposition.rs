//! `api/DispositionCall`: classifies a call and runs the disposition's dialer action.
//!
//! Answers like the vendor page documents: HTTP 200 `{"Result":"ok","txtcode":"<code>"}`, or
//! HTTP 400 with one of these texts, checked in this order:
//! `Wrong parameters:  Empty campaign.` (two spaces and a dot, verbatim), `Wrong parameters:
//! Empty callerid`, `… Empty guid`, `… Empty agent`, `… Empty value1`, then
//! `Disposition not found for level1: <l1>, level2: <l2> level3: <l3>` when the campaign has
//! no such (l1, l2, l3), `The schedule date format is not well formed` for a `schedule` that
//! is not `yyyy-MM-dd HH:mm:ss`, and `Wrong parameters: Empty schedule date.` when the
//! disposition reschedules and no `schedule` was sent. An unknown campaign is reported as a
//! disposition not found. Emulator-specific 400s (`Wrong parameters: <reason>`): an unknown
//! field, a field sent twice, bad percent-encoding, an unknown `camptoreschedule`.
//!
//! Actions: RESCHEDULE files a schedule for `callerid` at `schedule` in `camptoreschedule` (or
//! the campaign); BLACKLIST blacklists `callerid` in the campaign; RESPOOL and
//! RESPOOLALTERNATIVE are only recorded. The stored tag is `tag`, or the non-empty levels
//! joined by `|`.

use serde_json::json;

use crate::clock::DateTime;
use crate::config::DialerAction;
use crate::form::Form;
use crate::pipeline::{Ctx, Outcome, Reply};
use crate::records::{BlacklistEntry, DispositionRecord, ScheduleRecord};

pub(crate) const FIELDS: &[&str] = &[
    "campaign",
    "agent",
    "callerid",
    "guid",
    "l1",
    "l2",
    "l3",
    "d1",
    "d2",
    "comment",
    "schedule",
    "camptoreschedule",
    "tag",
];

fn bad(text: &str) -> Outcome {
    Ok(Reply::BadRequest(text.to_owned()))
}

pub(crate) fn disposition_call(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let field = |name| form.optional(name).to_owned();
    let (campaign, callerid, guid, agent, l1) =
        (field("campaign"), field("callerid"), field("guid"), field("agent"), field("l1"));
    let (l2, l3) = (field("l2"), field("l3"));
    if campaign.is_empty() {
        return bad("Wrong parameters:  Empty campaign.");
    }
    if callerid.is_empty() {
        return bad("Wrong parameters: Empty callerid");
    }
    if guid.is_empty() {
        return bad("Wrong parameters: Empty guid");
    }
    if agent.is_empty() {
        return bad("Wrong parameters: Empty agent");
    }
    if l1.is_empty() {
        return bad("Wrong parameters: Empty value1");
    }
    let found = ctx.st.campaign(&campaign).and_then(|c| {
        c.dispositions
            .iter()
            .find(|d| d.level1 == l1 && d.level2 == l2 && d.level3 == l3)
            .map(|d| (d.code.clone(), d.action))
    });
    let Some((txtcode, action)) = found else {
        return bad(&format!("Disposition not found for level1: {l1}, level2: {l2} level3: {l3}"));
    };
    let schedule = field("schedule");
    if !schedule.is_empty() && DateTime::parse(&schedule).is_none() {
        return bad("The schedule date format is not well formed");
    }
    if action == DialerAction::Reschedule && schedule.is_empty() {
        return bad("Wrong parameters: Empty schedule date.");
    }
    let camptoreschedule = field("camptoreschedule");
    if !camptoreschedule.is_empty() && ctx.st.campaign(&camptoreschedule).is_none() {
        return Err(format!("`camptoreschedule` names no campaign of this instance: `{camptoreschedule}`"));
    }
    let tag = match field("tag") {
        t if t.is_empty() => [l1.as_str(), l2.as_str(), l3.as_str()]
            .iter()
            .filter(|l| !l.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("|"),
        t => t,
    };
    match action {
        DialerAction::Reschedule => ctx.st.schedules.push(ScheduleRecord {
            calldate: schedule.clone(),
            campaign: if camptoreschedule.is_empty() { campaign.clone() } else { camptoreschedule.clone() },
            destination: callerid.clone(),
            alternatives: String::new(),
            agentphone: String::new(),
            data: String::new(),
            origin: "api/DispositionCall".to_owned(),
        }),
        DialerAction::Blacklist => ctx.st.blacklist.push(BlacklistEntry {
            phone: callerid.clone(),
            campaign: campaign.clone(),
            username: agent.clone(),
            company: String::new(),
            job_title: String::new(),
            name: String::new(),
        }),
        DialerAction::None | DialerAction::Respool | DialerAction::RespoolAlternative => {}
    }
    ctx.st.dispositions.push(DispositionRecord {
        campaign,
        agent,
        callerid,
        guid,
        l1,
        l2,
        l3,
        d1: field("d1"),
        d2: field("d2"),
        comment: field("comment"),
        schedule,
        camptoreschedule,
        tag,
        txtcode: txtcode.clone(),
        action,
    });
    Ok(Reply::Json(json!({ "Result": "ok", "txtcode": txtcode })))
}
