//! `Dialers/Respool`: puts a dialer record back in the dialer, edited (main number swapped with
//! an alternative, retries reset, new priority, new workflow data, another agent phone).
//!
//! The single form field `callspool` holds the Respool object as JSON, written from the typed
//! [`Respool`] of the CTI module (which holds the edits uContact documents, and nothing else):
//! its ten keys in the documented order — `campaign`, `destination`, `dialerbase`, `status`,
//! `data`, `alternatives`, `contact`, `retries`, `priority`, `agentphone`. The request takes the
//! typed row as it is ([`DialersRespool::from`]); the form field is the only JSON it becomes.
//!
//! Do not change `campaign`, `status`, `contact` or `dialerbase` of a record taken from the CTI:
//! the vendor warns it can break the dialer.

use crate::cti::Respool;
use crate::error::Result;
use crate::validate;

use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::expect_one;
use super::request::Response;

/// The documented key order of the Respool object: the dialer row's names, declared once in
/// the CTI module that reads them.
pub use crate::cti::dialer::DIALER_KEYS as RESPOOL_KEYS;

/// `POST Dialers/Respool` → `1`: a [`Respool`] sent back to the dialer.
#[derive(Debug, Clone, PartialEq)]
pub struct DialersRespool {
    respool: Respool,
}

/// The request that respools this row.
impl From<Respool> for DialersRespool {
    fn from(respool: Respool) -> Self {
        Self { respool }
    }
}

impl DialersRespool {
    /// The row it sends.
    pub fn respool(&self) -> &Respool {
        &self.respool
    }
}

impl Endpoint for DialersRespool {
    type Output = ();
    const PATH: &'static str = "Dialers/Respool";
    const NAME: &'static str = "Respool";
    const IDEMPOTENT: bool = false;

    /// `campaign` must be a non-empty string and `destination` a phone number.
    fn validate(&self) -> Result<()> {
        validate::required_text("campaign", self.respool.campaign())?;
        validate::phone("destination", self.respool.destination())
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("callspool", self.respool.to_json());
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
    use crate::json::testing::json;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, respool, token};

    const DOC_JSON: &str = r#"{"campaign":"Ventas->","destination":"098344484","dialerbase":"basetest","status":1,"data":"Par1=Val1:Par2=Val2","alternatives":"098124484","contact":222,"retries":0,"priority":9999,"agentphone":"1001"}"#;

    fn request(v: crate::json::Value) -> DialersRespool {
        DialersRespool::from(Respool::from_value(&v).unwrap())
    }

    #[test]
    fn request_keeps_documented_order() {
        // Given out of order: the typed row writes the documented order.
        let shuffled = json!({"agentphone":"1001","priority":9999,"retries":0,"contact":222,
            "alternatives":"098124484","data":"Par1=Val1:Par2=Val2","status":1,"dialerbase":"basetest",
            "destination":"098344484","campaign":"Ventas->"});
        let req = build(&request(shuffled), Some(&token())).unwrap();
        assert_eq!(req.path(), "Dialers/Respool");
        assert_eq!(req.form().names(), ["callspool"]);
        assert_eq!(req.form().get("callspool").unwrap(), DOC_JSON);
        assert!(req.body().starts_with("callspool=%7B%22campaign%22%3A%22Ventas-%3E%22%2C%22destination%22"));

        let doc = request(crate::json::parse(DOC_JSON).unwrap());
        assert_eq!(build(&doc, Some(&token())).unwrap().form().get("callspool").unwrap(), DOC_JSON);
        assert_eq!(doc.respool().to_json(), DOC_JSON);
    }

    #[test]
    fn validation_and_responses() {
        // The typed row holds a campaign and a destination number; an edited destination that
        // is no phone number is refused before sending.
        let ep = DialersRespool::from(respool("c", "1"));
        assert!(build(&ep, Some(&token())).is_ok());
        let blank = DialersRespool::from(respool(" ", "1"));
        assert!(matches!(build(&blank, Some(&token())), Err(Error::InvalidArgument { field: "campaign", .. })));
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "Respool" }));
        assert_eq!(ep.parse(&Response::new(200, "{}")).unwrap_err().code(), "BAD_RESPONSE");
        assert_common_errors(&ep, "Respool");
    }
}
