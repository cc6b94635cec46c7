//! Shared fixtures for the REST tests.

use crate::error::Error;

use crate::error::RestError;

use super::*;

/// base64("Vcisneros:6747c823-f9fb-4643-9574-cc22a99ad4e1")
pub(crate) const RAW_TOKEN: &str = "VmNpc25lcm9zOjY3NDdjODIzLWY5ZmItNDY0My05NTc0LWNjMjJhOTlhZDRlMQ==";

pub(crate) fn token() -> Token {
    Token::new(RAW_TOKEN).expect("fixture token")
}

/// The status mapping every endpoint shares: 401, 400 (message verbatim), 500 and other
/// statuses (body cut to 512 bytes).
pub(crate) fn assert_common_errors<E: Endpoint>(ep: &E, name: &'static str) {
    assert_eq!(E::NAME, name);
    assert_eq!(
        ep.parse(&Response::new(401, "Unauthorized")).err(),
        Some(Error::Rest(RestError::Unauthorized)),
        "{name} 401"
    );
    assert_eq!(
        ep.parse(&Response::new(400, "Wrong parameters:  Empty campaign.")).err(),
        Some(Error::Rest(RestError::BadRequest { message: "Wrong parameters:  Empty campaign.".into() })),
        "{name} 400"
    );
    let big = "x".repeat(2000);
    assert_eq!(
        ep.parse(&Response::new(500, big.clone())).err(),
        Some(Error::Rest(RestError::HttpStatus { endpoint: name, status: 500, body: "x".repeat(512).into() })),
        "{name} 500"
    );
    assert_eq!(
        ep.parse(&Response::new(404, "Not Found")).err(),
        Some(Error::Rest(RestError::HttpStatus { endpoint: name, status: 404, body: "Not Found".into() })),
        "{name} 404"
    );
}

pub(crate) const GUID: &str = "7e4e7db9-f080-494e-b04b-7c8e47711558";

fn agent_call() -> AgentCall {
    AgentCall {
        callerid: "24008000".into(),
        agent: "Vcisneros".into(),
        phone: "1001".into(),
        tech: "SIP".into(),
        context: "agentes".into(),
        outqueue: "campana->".into(),
        destination: "091000000".into(),
    }
}

/// A valid request of every endpoint that acts or reads with a session token (all but the two
/// session endpoints, which are tested on their own).
pub(crate) fn every_request() -> Vec<Request> {
    let t = token();
    let t = Some(&t);
    let file = BaseFile::build(&[BaseRow::new("c", "1")]).expect("base");
    let upload = UploadBase::new("f.txt", "c", "u", &file);
    vec![
        build(&agent_call(), t),
        build(&AgentCallWithData { call: agent_call(), data: "{}".into(), form: "f".into() }, t),
        build(&HangupPhone { phone: "1001".into() }, t),
        build(&TagRecord { phone: "1001".into(), guid: GUID.into(), data: "x".into() }, t),
        build(
            &DispositionCall {
                campaign: "c".into(),
                agent: "a".into(),
                callerid: "1".into(),
                guid: GUID.into(),
                l1: "l".into(),
                ..Default::default()
            },
            t,
        ),
        build(&AddBlack { phone: "1".into(), campaign: "*".into(), username: "u".into(), ..Default::default() }, t),
        build(
            &GetRecords {
                filter: CdrFilter::between("2016-01-01 00:00:00", "2016-01-02 00:00:00"),
                lastrow: 0,
                search_limit: 5,
            },
            t,
        ),
        build(&Convert { guid: GUID.into(), folder: "20160101".into() }, t),
        build(&DialersRespool::from(respool("c", "1")), t),
        build(
            &ScheduleDialerCall {
                calldate: "2016-01-01 00:00:00".into(),
                campaign: "c".into(),
                destination: "1".into(),
                ..Default::default()
            },
            t,
        ),
        build(&DialerTask::priority("c", "1"), t),
        build(&DialerTask::click_to_call("c", "1"), t),
        build(&DialerTask::add_to_dialer("c", "1"), t),
        build(&DialerTask::schedule("2016-01-01 00:00:00", "c", "1"), t),
        build(&RemoveContact { campaign: "c".into(), number: "1".into() }, t),
        build(
            &RemoveScheduleDialerCall {
                campaign: "c".into(),
                destination: "1".into(),
                from: "2016-01-01 00:00:00".into(),
                to: "2016-01-01 00:00:00".into(),
            },
            t,
        ),
        build(&upload, t),
        build(&UploadBaseWithTimezone { upload: upload.clone(), timezone: "America/Montevideo".into() }, t),
        build(&QueueSummary, t),
        build(&CampaignStatus::all(), t),
    ]
    .into_iter()
    .map(|r| r.expect("fixture request builds"))
    .collect()
}

/// A typed Respool of a documented row with this campaign and destination.
pub fn respool(campaign: &str, destination: &str) -> crate::cti::Respool {
    let row = crate::json::testing::json!({"campaign": campaign, "destination": destination, "dialerbase": "b",
        "status": 1, "data": "", "alternatives": "", "contact": 2, "retries": 0, "priority": 5, "agentphone": ""});
    crate::cti::Respool::from_value(&row).expect("respool")
}
