//! `Dialers/Respool`: puts a dialer record back in the dialer, edited (main number swapped with
//! an alternative, retries reset, new priority, new workflow data, another agent phone).
//!
//! The single form field `callspool` holds the Respool object as JSON. Its keys are sent in the
//! documented order — `campaign`, `destination`, `dialerbase`, `status`, `data`,
//! `alternatives`, `contact`, `retries`, `priority`, `agentphone` — whatever order the given
//! value had; unknown keys follow, in their own order. The object itself is built elsewhere (the
//! typed Respool of the CTI helpers, or any JSON object) and handed over as a JSON value
//! ([`Respool::from_value`]).
//!
//! Do not change `campaign`, `status`, `contact` or `dialerbase` of a record taken from the CTI:
//! the vendor warns it can break the dialer.

use crate::error::{Error, Result};
use crate::json::{Map, Value};
use crate::validate;

use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::expect_one;
use super::request::Response;

/// The documented key order of the Respool object: the dialer row's names, declared once in
/// the CTI module that reads them.
pub use crate::cti::dialer::DIALER_KEYS as RESPOOL_KEYS;

/// `POST Dialers/Respool` → `1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Respool {
    callspool: Map,
}

impl Respool {
    /// Wraps a Respool JSON object; anything else is rejected.
    pub fn from_value(value: Value) -> Result<Self> {
        let Value::Object(map) = value else {
            return Err(Error::invalid("callspool", "is not a JSON object"));
        };
        let mut known: [Option<(String, Value)>; RESPOOL_KEYS.len()] = Default::default();
        let mut rest = Vec::new();
        for (k, v) in map {
            match RESPOOL_KEYS.iter().position(|name| *name == k).and_then(|i| known.get_mut(i)) {
                Some(slot) => *slot = Some((k, v)),
                None => rest.push((k, v)),
            }
        }
        let callspool = known.into_iter().flatten().chain(rest).collect();
        Ok(Self { callspool })
    }

    /// The object as it will be sent.
    pub fn callspool(&self) -> &Map {
        &self.callspool
    }
}

impl Endpoint for Respool {
    type Output = ();
    const PATH: &'static str = "Dialers/Respool";
    const NAME: &'static str = "Respool";
    const IDEMPOTENT: bool = false;

    /// `campaign` must be a non-empty string and `destination` a phone number; the other keys
    /// are passed through as given.
    fn validate(&self) -> Result<()> {
        let text = |key: &'static str| match self.callspool.get(key) {
            Some(Value::String(s)) => Ok(s.as_str()),
            Some(_) => Err(Error::invalid(key, "is not a string")),
            None => Err(Error::invalid(key, "is required")),
        };
        validate::required_text("campaign", text("campaign")?)?;
        validate::phone("destination", text("destination")?)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("callspool", Value::Object(self.callspool.clone()).to_json());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        expect_one(Self::NAME, resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    const DOC_JSON: &str = r#"{"campaign":"Ventas->","destination":"098344484","dialerbase":"basetest","status":1,"data":"Par1=Val1:Par2=Val2","alternatives":"098124484","contact":222,"retries":0,"priority":9999,"agentphone":"1001"}"#;

    #[test]
    fn request_keeps_documented_order() {
        // Given out of order, with an extra key, as a built value and as parsed text.
        let shuffled = json!({"agentphone":"1001","x-extra":true,"priority":9999,"retries":0,"contact":222,
            "alternatives":"098124484","data":"Par1=Val1:Par2=Val2","status":1,"dialerbase":"basetest",
            "destination":"098344484","campaign":"Ventas->"});
        let ep = Respool::from_value(shuffled).unwrap();
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!(req.path(), "Dialers/Respool");
        assert_eq!(req.form().names(), ["callspool"]);
        let want = format!("{},\"x-extra\":true}}", DOC_JSON.trim_end_matches('}'));
        assert_eq!(req.form().get("callspool").unwrap(), want);
        assert!(req.body().starts_with("callspool=%7B%22campaign%22%3A%22Ventas-%3E%22%2C%22destination%22"));

        let typed = Respool::from_value(json!({"campaign": "Ventas->", "destination": "098344484"})).unwrap();
        assert_eq!(
            build(&typed, Some(&token())).unwrap().body(),
            "callspool=%7B%22campaign%22%3A%22Ventas-%3E%22%2C%22destination%22%3A%22098344484%22%7D"
        );

        let doc = Respool::from_value(crate::json::parse(DOC_JSON).unwrap()).unwrap();
        assert_eq!(build(&doc, Some(&token())).unwrap().form().get("callspool").unwrap(), DOC_JSON);
    }

    #[test]
    fn validation_and_responses() {
        assert!(matches!(Respool::from_value(json!([1, 2])), Err(Error::InvalidArgument { field: "callspool", .. })));
        for (field, v) in [
            ("campaign", json!({"destination":"1"})),
            ("campaign", json!({"campaign":7,"destination":"1"})),
            ("destination", json!({"campaign":"c"})),
            ("destination", json!({"campaign":"c","destination":"abc"})),
        ] {
            let ep = Respool::from_value(v).unwrap();
            assert!(
                matches!(build(&ep, Some(&token())), Err(Error::InvalidArgument { field: f, .. }) if f == field),
                "{field}"
            );
        }
        let ep = Respool::from_value(json!({"campaign":"c","destination":"1"})).unwrap();
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "Respool" }));
        assert_eq!(ep.parse(&Response::new(200, "{}")).unwrap_err().code(), "BAD_RESPONSE");
        assert_common_errors(&ep, "Respool");
    }
}
