//! The ScheduleDialerCall object: a call of a dialer row scheduled for a given date.
//!
//! - REST `Dialers/ScheduleDialerCall` takes the form field `callschedule` holding
//!   `{calldate, campaign, destination, alternatives, agentphone, data}` in that order; that is
//!   this type's JSON form ([`Schedule::to_json`], `Serialize`).
//! - The proxy action `schedule` sends `{callDate, objectDialer}` instead, where `objectDialer`
//!   is the whole Respool object; [`Schedule::call_date`] and [`Schedule::respool`] give those
//!   two parts.
//!
//! The date is checked with [`crate::validate::datetime`] (`YYYY-MM-DD HH:MM:SS`, a real
//! calendar date): uContact answers a malformed date with an error only after the fact.

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::respool::Respool;
use crate::error::Result;
use crate::validate;

/// A dialer call to schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    call_date: String,
    respool: Respool,
}

impl Schedule {
    /// Schedules `respool`'s row at `call_date` (`YYYY-MM-DD HH:MM:SS`).
    pub fn new(respool: Respool, call_date: &str) -> Result<Self> {
        validate::datetime("callDate", call_date)?;
        Ok(Self { call_date: call_date.to_owned(), respool })
    }

    /// The date (`callDate` of the proxy action, `calldate` of the REST object).
    pub fn call_date(&self) -> &str {
        &self.call_date
    }

    /// The row (`objectDialer` of the proxy action).
    pub fn respool(&self) -> &Respool {
        &self.respool
    }

    /// The REST ScheduleDialerCall object.
    pub fn to_value(&self) -> Value {
        let r = &self.respool;
        let mut m = Map::new();
        m.insert("calldate".into(), Value::String(self.call_date.clone()));
        m.insert("campaign".into(), Value::String(r.campaign().to_owned()));
        m.insert("destination".into(), Value::String(r.destination().to_owned()));
        m.insert("alternatives".into(), Value::String(r.alternatives_text()));
        m.insert("agentphone".into(), Value::String(r.agentphone().to_owned()));
        m.insert("data".into(), Value::String(r.data().encode()));
        Value::Object(m)
    }

    /// The `Dialers/ScheduleDialerCall` request for this schedule.
    pub fn to_request(&self) -> crate::rest::ScheduleDialerCall {
        let r = &self.respool;
        crate::rest::ScheduleDialerCall {
            calldate: self.call_date.clone(),
            campaign: r.campaign().to_owned(),
            destination: r.destination().to_owned(),
            alternatives: r.alternatives_text(),
            agentphone: r.agentphone().to_owned(),
            data: r.data().encode(),
        }
    }

    /// The REST ScheduleDialerCall object as JSON text (the `callschedule` form field).
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}

impl Serialize for Schedule {
    fn serialize<S: Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cti::Cti;
    use serde_json::json;

    fn respool() -> Respool {
        let cti = Cti::from_value(json!({
            "Guid": "g", "Campaign": "Ventas->", "destination": "098344484", "dialerbase": "b", "status": 1,
            "data": "Par1=Val1:Par2=Val2", "alternatives": "099124484:099121212", "contact": 222,
            "priority": 9999, "agentphone": "1001",
        }))
        .unwrap();
        Respool::from_cti(&cti).unwrap()
    }

    #[test]
    fn rest_shape_in_documented_order() {
        let s = respool().schedule("2015-10-11 15:00:00").unwrap();
        assert_eq!(
            s.to_json(),
            r#"{"calldate":"2015-10-11 15:00:00","campaign":"Ventas->","destination":"098344484","alternatives":"099124484:099121212","agentphone":"1001","data":"Par1=Val1:Par2=Val2"}"#
        );
        assert_eq!(serde_json::to_string(&s).unwrap(), s.to_json());
    }

    #[test]
    fn proxy_parts() {
        let s = Schedule::new(respool(), "2016-10-10 15:00:00").unwrap();
        let proxy = json!({"action": "schedule", "callDate": s.call_date(), "objectDialer": s.respool()});
        assert_eq!(proxy["objectDialer"], respool().to_value());
        assert_eq!(proxy["callDate"], "2016-10-10 15:00:00");
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in ["", "2016-10-10", "2016-10-10T15:00:00", "2023-02-29 10:00:00", "<2016-10-10 15:00:00>"] {
            let e = respool().schedule(bad).unwrap_err();
            assert_eq!(e.code(), "INVALID_ARGUMENT", "{bad}");
            assert!(e.to_string().contains("callDate"));
        }
    }

    #[test]
    fn rest_request_matches_the_rest_object() {
        let s = respool().schedule("2030-01-15 10:30:00").unwrap();
        let req = crate::rest::build(&s.to_request(), Some(&crate::rest::Token::new("dG9rZW4=").unwrap())).unwrap();
        let field = req.form().get("callschedule").unwrap().to_owned();
        assert_eq!(serde_json::from_str::<Value>(&field).unwrap(), s.to_value());
    }

    #[test]
    fn a_respool_reads_back_from_its_json() {
        let r = respool();
        assert_eq!(Respool::from_value(&r.to_value()).unwrap(), r);
        assert_eq!(Respool::from_value(&serde_json::json!([1])).unwrap_err().code(), "INVALID_ARGUMENT");
        assert_eq!(Respool::from_value(&serde_json::json!({"campaign": "x"})).unwrap_err().code(), "INVALID_ARGUMENT");
    }
}
