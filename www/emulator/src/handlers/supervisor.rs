//! `Supervisor/convert`, `Supervisor/queuesummary`, `Supervisor/campaignstatus`.
//!
//! Statistics are computed from the emulator's agents and call records, in the shapes the
//! vendor page shows. Agent counts: available = NOT_INUSE (1) and not paused; not available =
//! UNKNOWN/INVALID/UNAVAILABLE (0, 4, 5); busy = INUSE/BUSY/RINGING/RINGINUSE/ONHOLD (2, 3, 6,
//! 7, 8), split by pause; on wrap-up = WRAPUP (9); logged = all members but the not available.

use serde_json::{json, Map, Value};

use crate::clock::DateTime;
use crate::config::{AudioFormat, CampaignConfig, RecordingPlace};
use crate::form::Form;
use crate::handlers::checks;
use crate::ids::is_guid;
use crate::pipeline::{Ctx, Outcome, Reply};
use crate::recordings::recording_path;
use crate::records::{AgentState, ConversionRecord};
use crate::state::State;

/// Converts the `.gsm` recording of `guid` to `.mp3` next to it, on the telephony host and on
/// the backup host, in `folder` (`YYYYMMDD`) or, with `folder` empty, in the root places.
/// `1` when there was a `.gsm` to convert (or it was already converted), `0` otherwise.
pub(crate) fn convert(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let guid = form.required("guid")?;
    let folder = form.present("folder")?;
    if !is_guid(guid) {
        return Err(format!("`guid` is not a lowercase GUID: `{guid}`"));
    }
    if !folder.is_empty() && DateTime::parse_folder(folder).is_none() {
        return Err(format!("`folder` must be a date as YYYYMMDD, got `{folder}`"));
    }
    let places = if folder.is_empty() {
        [RecordingPlace::TelephonyRoot, RecordingPlace::BackupRoot]
    } else {
        [RecordingPlace::TelephonyDated, RecordingPlace::BackupDated]
    };
    let mut found = false;
    let mut created = Vec::new();
    for place in places {
        if ctx.st.files.contains(&recording_path(place, folder, guid, AudioFormat::Gsm)) {
            found = true;
            let mp3 = recording_path(place, folder, guid, AudioFormat::Mp3);
            if ctx.st.files.insert(mp3.clone()) {
                created.push(mp3);
            }
        }
    }
    if !found {
        return Err(format!("no .gsm recording of `{guid}` in folder `{folder}`"));
    }
    ctx.st.conversions.push(ConversionRecord { guid: guid.to_owned(), folder: folder.to_owned(), created });
    Ok(Reply::Text("1".to_owned()))
}

fn members<'a>(st: &'a State, campaign: &'a str) -> impl Iterator<Item = &'a AgentState> + 'a {
    st.agents.iter().filter(move |a| a.campaigns.iter().any(|c| c == campaign))
}

fn not_available(a: &AgentState) -> bool {
    matches!(a.status, 0 | 4 | 5)
}

fn busy(a: &AgentState) -> bool {
    matches!(a.status, 2 | 3 | 6 | 7 | 8)
}

fn action_id(st: &State) -> String {
    let n = st.counters.values().sum::<u64>();
    format!("1982468278_{n}")
}

fn hms(secs: u64) -> String {
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

fn campaign_stats(st: &State, c: &CampaignConfig) -> Value {
    let count = |f: &dyn Fn(&AgentState) -> bool| members(st, &c.name).filter(|a| f(a)).count();
    let total = members(st, &c.name).count();
    let unavailable = count(&not_available);
    let completed = st.cdrs.iter().filter(|r| r.campaign == c.name && r.duration > 0).count();
    let abandoned = st.cdrs.iter().filter(|r| r.campaign == c.name && r.duration == 0).count();
    json!({
        "campaign": c.name,
        "availables": count(&|a| a.status == 1 && !a.paused),
        "notavailables": unavailable,
        "paused": count(&|a| a.paused && !not_available(a) && !busy(a)),
        "busy": count(&|a| busy(a) && !a.paused),
        "busypaused": count(&|a| busy(a) && a.paused),
        "totalagents": total,
        "logged": total - unavailable,
        "onwrapup": count(&|a| a.status == 9),
        "completed": completed,
        "abandoned": abandoned,
        "talked": "00:00:00-0",
        "hold": "00:00:00-0",
        "abandonedlevel": "0",
        "totalcalls": completed + abandoned,
        "acd": 0,
        "servicelevel": "0.0",
        "servicelevel2": "0.0",
        "strategy": c.strategy,
        "slevelthreshold": c.slevelthreshold,
        "wrapup": c.wrapup,
    })
}

/// A JSON array with one summary per campaign, then an element with only
/// `internalActionId` and `dateReceived`, as the vendor page shows.
pub(crate) fn queue_summary(ctx: &mut Ctx<'_>, _form: &Form) -> Outcome {
    let st = &*ctx.st;
    let id = action_id(st);
    let date = DateTime::now().java_medium();
    let mut list: Vec<Value> = st
        .config
        .campaigns
        .iter()
        .map(|c| {
            let mine: Vec<u32> = st.cdrs.iter().filter(|r| r.campaign == c.name).map(|r| r.duration).collect();
            let talk =
                if mine.is_empty() { 0 } else { mine.iter().map(|d| u64::from(*d)).sum::<u64>() / mine.len() as u64 };
            json!({
                "queue": c.name,
                "loggedIn": members(st, &c.name).filter(|a| !not_available(a)).count(),
                "available": members(st, &c.name).filter(|a| a.status == 1 && !a.paused).count(),
                "callers": st.calls.iter().filter(|k| k.active && k.outqueue == c.name).count(),
                "holdTime": 0,
                "talkTime": talk,
                "longestHoldTime": 0,
                "internalActionId": id,
                "dateReceived": date,
            })
        })
        .collect();
    list.push(json!({ "internalActionId": id, "dateReceived": date }));
    Ok(Reply::Json(Value::Array(list)))
}

/// `queue` empty: an object keyed by campaign name with each campaign's statistics. `queue` a
/// campaign: that campaign's entry plus one entry per member agent keyed by its interface
/// (`SIP/1010`). An unknown campaign: `0`.
pub(crate) fn campaign_status(ctx: &mut Ctx<'_>, form: &Form) -> Outcome {
    let queue = form.present("queue")?;
    let st = &*ctx.st;
    let mut out = Map::new();
    if queue.is_empty() {
        for c in &st.config.campaigns {
            out.insert(c.name.clone(), campaign_stats(st, c));
        }
        return Ok(Reply::Json(Value::Object(out)));
    }
    let c = checks::campaign(st, "queue", queue)?;
    out.insert(c.name.clone(), campaign_stats(st, c));
    let id = action_id(st);
    let date = DateTime::now().java_medium();
    let uptime = hms(st.started.elapsed().as_secs());
    for a in members(st, &c.name) {
        let incall = st.calls.iter().filter(|k| k.active && k.phone == a.phone).count();
        out.insert(
            a.interface.clone(),
            json!({
                "queue": c.name,
                "location": a.interface,
                "membership": "",
                "name": a.name,
                "penalty": 0,
                "callsTaken": a.calls_taken,
                "lastCall": 0,
                "status": a.status,
                "paused": a.paused,
                "stateinterface": a.interface,
                "incall": incall,
                "pausedreason": if a.paused { "[]" } else { "" },
                "internalActionId": id,
                "dateReceived": date,
                "server": uptime,
            }),
        );
    }
    Ok(Reply::Json(Value::Object(out)))
}
