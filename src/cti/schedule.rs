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

use crate::json::{Map, Value};
use alloc::borrow::ToOwned;
use alloc::string::String;

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
        let mut m = Map::with_capacity(6);
        m.push_new("calldate", self.call_date.as_str());
        m.push_new("campaign", r.campaign());
        m.push_new("destination", r.destination());
        m.push_new("alternatives", r.alternatives_text());
        m.push_new("agentphone", r.agentphone());
        m.push_new("data", r.data().encode());
        Value::Object(m)
    }

    /// The REST ScheduleDialerCall object as JSON text (the `callschedule` form field).
    pub fn to_json(&self) -> String {
        self.to_value().to_json()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cti::Cti;
    use crate::json::testing::json;

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
    }

    #[test]
    fn proxy_parts() {
        let s = Schedule::new(respool(), "2016-10-10 15:00:00").unwrap();
        let action = crate::wire::Action::schedule(s.call_date(), s.respool().to_value()).unwrap();
        let proxy = crate::json::parse(&action.to_json()).unwrap();
        assert_eq!(proxy.get("objectDialer"), Some(&respool().to_value()));
        assert_eq!(proxy.get("callDate").and_then(Value::as_str), Some("2016-10-10 15:00:00"));
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
    fn a_respool_reads_back_from_its_json() {
        let r = respool();
        assert_eq!(Respool::from_value(&r.to_value()).unwrap(), r);
        assert_eq!(Respool::from_value(&json!([1])).unwrap_err().code(), "INVALID_ARGUMENT");
        assert_eq!(Respool::from_value(&json!({"campaign": "x"})).unwrap_err().code(), "INVALID_ARGUMENT");
    }
}
