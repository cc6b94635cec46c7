//! `admin/addblack`: adds a number to the black list of one campaign, or of all with `*`.
//!
//! The single form field `black` holds a JSON text with the keys, in this order: `phone`,
//! `campaign`, `username`, `company`, `job_title`, `name`.

use crate::error::Result;
use crate::json::{Map, Value};
use crate::validate;

use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::expect_one;
use super::request::Response;

/// The campaign value that blacklists a number in every campaign.
pub const ALL_CAMPAIGNS: &str = "*";

/// `POST admin/addblack` → `1`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddBlack {
    /// The number to block (required).
    pub phone: String,
    /// The campaign, or [`ALL_CAMPAIGNS`] (required).
    pub campaign: String,
    /// The user who entered the number (required).
    pub username: String,
    /// Customer datum: company.
    pub company: String,
    /// Customer datum: job title.
    pub job_title: String,
    /// The contact's name.
    pub name: String,
}

impl AddBlack {
    /// The `black` object: every field as a string, in declaration order.
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(6);
        m.push_new("phone", self.phone.as_str());
        m.push_new("campaign", self.campaign.as_str());
        m.push_new("username", self.username.as_str());
        m.push_new("company", self.company.as_str());
        m.push_new("job_title", self.job_title.as_str());
        m.push_new("name", self.name.as_str());
        Value::Object(m)
    }
}

impl Endpoint for AddBlack {
    type Output = ();
    const PATH: &'static str = "admin/addblack";
    const NAME: &'static str = "addblack";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        validate::phone("phone", &self.phone)?;
        validate::required_text("campaign", &self.campaign)?;
        validate::required_text("username", &self.username)?;
        validate::optional_text("company", &self.company)?;
        // Named as the caller spells it (`addBlacklist({ jobTitle })`); `job_title` is the wire key.
        validate::optional_text("jobTitle", &self.job_title)?;
        validate::optional_text("name", &self.name)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("black", self.to_value().to_json());
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
    fn request() {
        let ep = AddBlack {
            phone: "098344484".into(),
            campaign: ALL_CAMPAIGNS.into(),
            username: "supervisor".into(),
            company: "ACME \"SA\"".into(),
            job_title: String::new(),
            name: "Iñaki".into(),
        };
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!(req.path(), "admin/addblack");
        assert_eq!(req.form().names(), ["black"]);
        assert_eq!(
            req.form().get("black").unwrap(),
            r#"{"phone":"098344484","campaign":"*","username":"supervisor","company":"ACME \"SA\"","job_title":"","name":"Iñaki"}"#
        );
        assert!(req.body().starts_with("black=%7B%22phone%22%3A%22098344484%22%2C%22campaign%22%3A%22*%22"));
        assert!(req.body().contains("I%C3%B1aki"));

        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "addblack" }));
        assert_eq!(ep.parse(&Response::new(200, "[]")).unwrap_err().code(), "BAD_RESPONSE");
        assert_common_errors(&ep, "addblack");

        for (field, bad) in [
            ("phone", AddBlack { phone: "n/a".into(), ..ep.clone() }),
            ("campaign", AddBlack { campaign: String::new(), ..ep.clone() }),
            ("username", AddBlack { username: String::new(), ..ep.clone() }),
            // The JavaScript key, which is what the caller wrote and the error must name.
            ("jobTitle", AddBlack { job_title: "a\u{0}b".into(), ..ep.clone() }),
        ] {
            assert!(
                matches!(build(&bad, Some(&token())), Err(Error::InvalidArgument { field: f, .. }) if f == field),
                "{field}"
            );
        }
    }

    #[test]
    fn escapes_like_serde_json() {
        // What serde_json::to_string wrote for the same value, before the move to crate::json.
        let ep = AddBlack { phone: "1\"\\/\u{8}\u{c}\n\r\t\u{1f}\u{7f}\u{2028}😀".into(), ..AddBlack::default() };
        let want = concat!(
            r#"{"phone":"1\"\\/\b\f\n\r\t\u001f"#,
            "\u{7f}\u{2028}😀",
            r#"","campaign":"","username":"","company":"","job_title":"","name":""}"#
        );
        assert_eq!(ep.to_value().to_json(), want);
    }
}
