//! Uploading a contact list to a dialer: `Dialers/uploadbase` and
//! `Dialers/uploadbasewithtimezone`.
//!
//! Form fields, in order: `filename`, `fileb64` (the [`BaseFile`] as base64), `campaign`,
//! `cant` (its row count), `username` (who uploads), and for the second endpoint `timezone`
//! (one of the time zones enabled in uContact, e.g. `America/Montevideo`). Both answer `1`; the
//! server then loads the list asynchronously.

use crate::error::{Error, Result};
use crate::validate;

use super::base_file::BaseFile;
use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::expect_one;
use super::request::Response;

/// `POST Dialers/uploadbase` → `1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadBase {
    /// The list's file name.
    pub filename: String,
    /// The file's content, standard base64.
    pub fileb64: String,
    /// The dialer campaign.
    pub campaign: String,
    /// The number of rows in the file.
    pub cant: usize,
    /// The user uploading the list.
    pub username: String,
}

impl UploadBase {
    /// An upload of `file`, with `fileb64` and `cant` taken from it.
    pub fn new(
        filename: impl Into<String>,
        campaign: impl Into<String>,
        username: impl Into<String>,
        file: &BaseFile,
    ) -> Self {
        Self {
            filename: filename.into(),
            fileb64: file.to_base64(),
            campaign: campaign.into(),
            cant: file.rows(),
            username: username.into(),
        }
    }

    fn check(&self) -> Result<()> {
        validate::required_text("filename", &self.filename)?;
        // Standard alphabet with padding, so a whole number of 4-character groups.
        let b = self.fileb64.as_bytes();
        if b.is_empty() {
            return Err(Error::invalid("fileb64", "is required"));
        }
        let whole_groups = b.chunks_exact(4).remainder().is_empty();
        if !whole_groups || !b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=')) {
            return Err(Error::invalid("fileb64", "is not standard base64"));
        }
        validate::required_text("campaign", &self.campaign)?;
        if self.cant == 0 {
            return Err(Error::invalid("cant", "must be at least 1"));
        }
        validate::required_text("username", &self.username)
    }

    fn write(&self, out: &mut Form) {
        out.push("filename", self.filename.as_str())
            .push("fileb64", self.fileb64.as_str())
            .push("campaign", self.campaign.as_str())
            .push("cant", crate::text::num(self.cant as u64))
            .push("username", self.username.as_str());
    }
}

impl Endpoint for UploadBase {
    type Output = ();
    const PATH: &'static str = "Dialers/uploadbase";
    const NAME: &'static str = "uploadbase";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        self.check()
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        self.write(out);
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        expect_one(Self::NAME, resp)
    }
}

/// `POST Dialers/uploadbasewithtimezone` → `1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadBaseWithTimezone {
    /// The upload.
    pub upload: UploadBase,
    /// The contacts' time zone.
    pub timezone: String,
}

impl Endpoint for UploadBaseWithTimezone {
    type Output = ();
    const PATH: &'static str = "Dialers/uploadbasewithtimezone";
    const NAME: &'static str = "uploadbasewithtimezone";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        self.upload.check()?;
        validate::required_text("timezone", &self.timezone)
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        self.upload.write(out);
        out.push("timezone", self.timezone.as_str());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        expect_one(Self::NAME, resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rest::base_file::BaseRow;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    fn file() -> BaseFile {
        BaseFile::build(&[BaseRow::new("prueba1", "098344484"), BaseRow::new("prueba1", "099124484")]).unwrap()
    }

    #[test]
    fn upload_base() {
        let ep = UploadBase::new("base enero.txt", "prueba1", "supervisor", &file());
        assert_eq!(ep.cant, 2);
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!(req.path(), "Dialers/uploadbase");
        assert_eq!(req.form().names(), ["filename", "fileb64", "campaign", "cant", "username"]);
        // base64 of "prueba1;098344484;;\nprueba1;099124484;;\n"; `=` is percent-encoded.
        assert_eq!(
            req.body(),
            "filename=base+enero.txt&fileb64=cHJ1ZWJhMTswOTgzNDQ0ODQ7Owpwcn\
             VlYmExOzA5OTEyNDQ4NDs7Cg%3D%3D&campaign=prueba1&cant=2&username=supervisor"
        );
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "uploadbase" }));
        assert_eq!(ep.parse(&Response::new(200, "")).unwrap_err().code(), "BAD_RESPONSE");
        assert_common_errors(&ep, "uploadbase");

        for (field, bad) in [
            ("filename", UploadBase { filename: String::new(), ..ep.clone() }),
            ("fileb64", UploadBase { fileb64: String::new(), ..ep.clone() }),
            ("fileb64", UploadBase { fileb64: "abc".into(), ..ep.clone() }),
            ("fileb64", UploadBase { fileb64: "ab c".into(), ..ep.clone() }),
            ("campaign", UploadBase { campaign: String::new(), ..ep.clone() }),
            ("cant", UploadBase { cant: 0, ..ep.clone() }),
            ("username", UploadBase { username: String::new(), ..ep.clone() }),
        ] {
            assert!(
                matches!(build(&bad, Some(&token())), Err(Error::InvalidArgument { field: f, .. }) if f == field),
                "{field}"
            );
        }
    }

    #[test]
    fn upload_base_with_timezone() {
        let ep = UploadBaseWithTimezone {
            upload: UploadBase::new("b.txt", "prueba1", "supervisor", &file()),
            timezone: "America/Montevideo".into(),
        };
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!(req.path(), "Dialers/uploadbasewithtimezone");
        assert_eq!(req.form().names(), ["filename", "fileb64", "campaign", "cant", "username", "timezone"]);
        assert!(req.body().ends_with("&timezone=America%2FMontevideo"));
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "uploadbasewithtimezone" }));
        assert_common_errors(&ep, "uploadbasewithtimezone");
        let bad = UploadBaseWithTimezone { timezone: String::new(), ..ep };
        assert!(matches!(build(&bad, Some(&token())), Err(Error::InvalidArgument { field: "timezone", .. })));
    }
}
