//! The [`Endpoint`] trait every Integra resource implements, and [`build`], which turns an
//! endpoint's parameters into a [`Request`].

use crate::error::{Error, Result};

use crate::error::RestError;

use super::auth::Token;
use super::form::Form;
use super::request::{Method, Request, Response, RetryPolicy};

/// One Integra REST resource: its path, its parameters (the implementing value), how they are
/// validated and written as form fields, and how its response is read.
pub trait Endpoint {
    /// What a successful response yields.
    type Output;
    /// Path relative to `/Integra/resources/`, exactly as documented.
    const PATH: &'static str;
    /// Short name used in errors (`Refused { endpoint }`, …).
    const NAME: &'static str;
    /// `true` when the endpoint only reads (see [`Request::idempotent`]).
    const IDEMPOTENT: bool;
    /// `false` for the one endpoint sent without `Authorization` (`auth/getUserToken`).
    const AUTHENTICATED: bool = true;
    /// Whether a 401 may be followed by a re-login and one retry (see
    /// [`may_retry_after`](super::retry::may_retry_after)).
    const RETRY: RetryPolicy = RetryPolicy::ReloginOnce;

    /// Checks every parameter; an error names the field. Nothing is sent when this fails.
    fn validate(&self) -> Result<()>;

    /// Writes the form fields, in the documented order. Called only after [`Endpoint::validate`]
    /// succeeded.
    fn form(&self, out: &mut Form) -> Result<()>;

    /// Reads a response. Total: any status and any body give a value or an error, never a panic.
    fn parse(&self, resp: &Response) -> Result<Self::Output>;
}

/// Validates `endpoint` and builds its request.
///
/// Authenticated endpoints need a token: without one this fails with [`RestError::Unauthorized`]
/// (nothing was sent, and logging in first is the remedy, as after a 401). `auth/getUserToken`
/// never carries an `Authorization` header, even when a token is passed.
pub fn build<E: Endpoint>(endpoint: &E, token: Option<&Token>) -> Result<Request> {
    endpoint.validate()?;
    let token = if E::AUTHENTICATED { Some(token.ok_or(Error::Rest(RestError::Unauthorized))?.clone()) } else { None };
    let mut form = Form::new();
    endpoint.form(&mut form)?;
    Ok(Request {
        method: Method::Post,
        endpoint: E::NAME,
        path: E::PATH,
        token,
        form,
        idempotent: E::IDEMPOTENT,
        retry: E::RETRY,
    })
}

/// Parses `resp` as the answer to `endpoint` (the same as `endpoint.parse(resp)`).
pub fn parse<E: Endpoint>(endpoint: &E, resp: &Response) -> Result<E::Output> {
    endpoint.parse(resp)
}
