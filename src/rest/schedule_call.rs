//! `Dialers/ScheduleDialerCall`: schedules a dialer call for a date-time.
//!
//! The single form field `callschedule` holds JSON with the keys, in order: `calldate`,
//! `campaign`, `destination`, `alternatives`, `agentphone`, `data`. The answer is `1` or `0`.

use crate::error::Result;
use crate::json::{Map, Value};
use crate::validate;

use super::checks::{alternatives, optional_phone};
use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::expect_one;
use super::request::Response;

/// `POST Dialers/ScheduleDialerCall` → `1`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleDialerCall {
    /// When to call, `YYYY-MM-DD HH:MM:SS` (required).
    pub calldate: String,
    /// The dialer campaign (required).
    pub campaign: String,
    /// The number to call (required).
    pub destination: String,
    /// Alternative numbers, `:`-separated; may be empty.
    pub alternatives: String,
    /// The agent's phone, for progressive dialers; may be empty.
    pub agentphone: String,
    /// Values for flows and forms, `Par1=Val1:Par2=Val2`; may be empty.
    pub data: String,
}

impl ScheduleDialerCall {
    /// The `callschedule` object: every field as a string, in declaration order.
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(6);
        m.push_new("calldate", self.calldate.as_str());
        m.push_new("campaign", self.campaign.as_str());
        m.push_new("destination", self.destination.as_str());
        m.push_new("alternatives", self.alternatives.as_str());
        m.push_new("agentphone", self.agentphone.as_str());
        m.push_new("data", self.data.as_str());
        Value::Object(m)
    }
}

impl Endpoint for ScheduleDialerCall {
    type Output = ();
    const PATH: &'static str = "Dialers/ScheduleDialerCall";
    const NAME: &'static str = "ScheduleDialerCall";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        validate::datetime("calldate", &self.calldate)?;
        validate::required_text("campaign", &self.campaign)?;
        validate::phone("destination", &self.destination)?;
        alternatives("alternatives", &self.alternatives)?;
        optional_phone("agentphone", &self.agentphone)?;
        validate::optional_text("data", &self.data)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("callschedule", self.to_value().to_json());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        expect_one(Self::NAME, resp)
    }
}

/// The request for a [`Schedule`](crate::cti::Schedule): its row at its date.
impl From<&crate::cti::Schedule> for ScheduleDialerCall {
    fn from(s: &crate::cti::Schedule) -> Self {
        let r = s.respool();
        ScheduleDialerCall {
            calldate: s.call_date().to_owned(),
            campaign: r.campaign().to_owned(),
            destination: r.destination().to_owned(),
            alternatives: r.alternatives_text(),
            agentphone: r.agentphone().to_owned(),
            data: r.data().encode(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    fn sample() -> ScheduleDialerCall {
        ScheduleDialerCall {
            calldate: "2015-10-11 15:00:00".into(),
            campaign: "Ventas->".into(),
            destination: "098344484".into(),
            alternatives: "099124484:099121212".into(),
            agentphone: "1001".into(),
            data: "Par1=Val1:Par2=Val2".into(),
        }
    }

    #[test]
    fn request() {
        let req = build(&sample(), Some(&token())).unwrap();
        assert_eq!(req.path(), "Dialers/ScheduleDialerCall");
        assert_eq!(req.form().names(), ["callschedule"]);
        assert_eq!(
            req.form().get("callschedule").unwrap(),
            r#"{"calldate":"2015-10-11 15:00:00","campaign":"Ventas->","destination":"098344484","alternatives":"099124484:099121212","agentphone":"1001","data":"Par1=Val1:Par2=Val2"}"#
        );
        assert!(req.body().starts_with(
            "callschedule=%7B%22calldate%22%3A%222015-10-11+15%3A00%3A00%22%2C%22campaign%22%3A%22Ventas-%3E%22"
        ));
    }

    #[test]
    fn validation_and_responses() {
        type Edit = fn(&mut ScheduleDialerCall);
        let table: [(&str, Edit); 6] = [
            ("calldate", |s| s.calldate = "2015-10-11".into()),
            ("campaign", |s| s.campaign.clear()),
            ("destination", |s| s.destination = "abc".into()),
            ("alternatives", |s| s.alternatives = "1::2".into()),
            ("agentphone", |s| s.agentphone = "agent".into()),
            ("data", |s| s.data = "\r".into()),
        ];
        for (field, edit) in table {
            let mut s = sample();
            edit(&mut s);
            assert!(
                matches!(build(&s, Some(&token())), Err(Error::InvalidArgument { field: f, .. }) if f == field),
                "{field}"
            );
        }
        let ep = sample();
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "ScheduleDialerCall" }));
        assert_eq!(ep.parse(&Response::new(200, "OK")).unwrap_err().code(), "BAD_RESPONSE");
        assert_common_errors(&ep, "ScheduleDialerCall");
    }

    #[test]
    fn escapes_like_serde_json() {
        // What serde_json::to_string wrote for the same value, before the move to crate::json.
        let s = ScheduleDialerCall { data: "\"\\\u{0}é".into(), ..ScheduleDialerCall::default() };
        assert_eq!(
            s.to_value().to_json(),
            r#"{"calldate":"","campaign":"","destination":"","alternatives":"","agentphone":"","data":"\"\\\u0000é"}"#
        );
    }

    #[test]
    fn built_from_a_schedule_it_sends_the_schedule_object() {
        use crate::cti::{Cti, Respool};
        let cti = Cti::from_json_str(r#"{"Guid":"g","Campaign":"C->","destination":"098","dialerbase":"b","status":1,"data":"a=1","alternatives":"099","contact":2,"priority":9,"agentphone":"1001"}"#).unwrap();
        let s = Respool::from_cti(&cti).unwrap().schedule("2030-01-15 10:30:00").unwrap();
        let req = build(&ScheduleDialerCall::from(&s), Some(&token())).unwrap();
        let field = req.form().get("callschedule").unwrap().to_owned();
        assert_eq!(crate::json::parse(&field).unwrap(), s.to_value());
    }
}
