//! Removing from dialers: `Dialers/RemoveContact` (a number from a campaign) and
//! `Dialers/RemoveScheduleDialerCall` (scheduled calls to a number within a date range).

use crate::error::Result;
use crate::validate;

use super::checks::datetime_range;
use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::expect_one;
use super::request::Response;

/// `POST Dialers/RemoveContact` (form `campaign`, `number`) → `1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoveContact {
    /// The campaign.
    pub campaign: String,
    /// The number to remove.
    pub number: String,
}

impl Endpoint for RemoveContact {
    type Output = ();
    const PATH: &'static str = "Dialers/RemoveContact";
    const NAME: &'static str = "RemoveContact";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        validate::required_text("campaign", &self.campaign)?;
        validate::phone("number", &self.number)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("campaign", self.campaign.as_str()).push("number", self.number.as_str());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        expect_one(Self::NAME, resp)
    }
}

/// `POST Dialers/RemoveScheduleDialerCall` (form `campaign`, `destination`, `from`, `to`; dates
/// `YYYY-MM-DD HH:MM:SS`) → `1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoveScheduleDialerCall {
    /// The campaign.
    pub campaign: String,
    /// The scheduled number.
    pub destination: String,
    /// Start of the range.
    pub from: String,
    /// End of the range, not before `from`.
    pub to: String,
}

impl Endpoint for RemoveScheduleDialerCall {
    type Output = ();
    const PATH: &'static str = "Dialers/RemoveScheduleDialerCall";
    const NAME: &'static str = "RemoveScheduleDialerCall";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        validate::required_text("campaign", &self.campaign)?;
        validate::phone("destination", &self.destination)?;
        datetime_range("from", &self.from, "to", &self.to)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("campaign", self.campaign.as_str())
            .push("destination", self.destination.as_str())
            .push("from", self.from.as_str())
            .push("to", self.to.as_str());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        expect_one(Self::NAME, resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    #[test]
    fn remove_contact() {
        let ep = RemoveContact { campaign: "Ventas->".into(), number: "098 344 484".into() };
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!(req.path(), "Dialers/RemoveContact");
        assert_eq!(req.body(), "campaign=Ventas-%3E&number=098+344+484");
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "RemoveContact" }));
        assert_eq!(ep.parse(&Response::new(200, "")).unwrap_err().code(), "BAD_RESPONSE");
        assert_common_errors(&ep, "RemoveContact");
        for (field, bad) in [
            ("campaign", RemoveContact { campaign: "".into(), ..ep.clone() }),
            ("number", RemoveContact { number: "n".into(), ..ep.clone() }),
        ] {
            assert!(matches!(build(&bad, Some(&token())), Err(Error::InvalidArgument { field: f, .. }) if f == field));
        }
    }

    #[test]
    fn remove_schedule() {
        let ep = RemoveScheduleDialerCall {
            campaign: "Ventas->".into(),
            destination: "098344484".into(),
            from: "2016-10-10 00:00:00".into(),
            to: "2016-10-10 23:59:59".into(),
        };
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!(req.path(), "Dialers/RemoveScheduleDialerCall");
        assert_eq!(req.form().names(), ["campaign", "destination", "from", "to"]);
        assert_eq!(
            req.body(),
            "campaign=Ventas-%3E&destination=098344484&from=2016-10-10+00%3A00%3A00&to=2016-10-10+23%3A59%3A59"
        );
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "RemoveScheduleDialerCall" }));
        assert_common_errors(&ep, "RemoveScheduleDialerCall");
        for (field, bad) in [
            ("from", RemoveScheduleDialerCall { from: "2016-10-10".into(), ..ep.clone() }),
            ("to", RemoveScheduleDialerCall { to: "2016-10-09 00:00:00".into(), ..ep.clone() }),
            ("destination", RemoveScheduleDialerCall { destination: "".into(), ..ep.clone() }),
        ] {
            assert!(
                matches!(build(&bad, Some(&token())), Err(Error::InvalidArgument { field: f, .. }) if f == field),
                "{field}"
            );
        }
    }
}
