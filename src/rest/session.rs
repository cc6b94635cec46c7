//! The session rule, pure: who holds the token, when to log in, what a 401 means.
//!
//! The executor (in the browser, `web::session`) asks [`Session::next`] before each send and
//! reports what happened; it never decides on its own. The rule:
//!
//! 1. **A token, or a login.** A request uses the current token. Without one, and with
//!    credentials, it needs a login; without credentials it fails `UNAUTHORIZED` (nothing sent).
//! 2. **One login at a time, shared.** The first request that needs a login starts it
//!    ([`Next::StartLogin`]); requests that need one while it runs join it ([`Next::JoinLogin`]).
//!    When it ends, every waiter looks again: the new token, or the login's error.
//! 3. **Forget only the token that was used.** A 401 answered to a request sent with token *T*
//!    forgets *T* only if *T* is still the current token: a concurrent login may already have
//!    replaced it, and that newer token must survive.
//! 4. **One re-login and resend after a 401**, and only with credentials and for requests whose
//!    retry policy allows it ([`super::may_retry_after`]): a 401 means the server refused the token
//!    before acting, so the resend cannot double anything. Nothing else is ever resent.

use crate::error::Error;

use crate::error::RestError;

use super::auth::Token;
use super::request::Request;
use super::retry::may_retry_after;

/// What a request must do next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// Send with this token.
    Send(Token),
    /// Start the shared login, then ask again.
    StartLogin,
    /// Wait for the running login, then ask again.
    JoinLogin,
    /// Give up with this error (nothing more is sent).
    Fail(Error),
}

/// What to do after a request was answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum After {
    /// The request is finished (with its result, success or failure).
    Done,
    /// Log in again (or join the login) and send once more.
    Resend,
}

/// The session state of one client: the token, whether credentials exist, the login in flight.
#[derive(Debug, Default)]
pub struct Session {
    token: Option<Token>,
    credentials: bool,
    logging_in: bool,
    /// Why the last shared login failed, for the requests that waited on it.
    login_error: Option<Error>,
}

/// One request's own progress through the rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attempt {
    /// How many times it was resent after a 401.
    pub resends: u32,
    /// It waited on a login that failed: its error is the answer.
    waited_on_failed_login: bool,
}

impl Session {
    /// A session with an optional starting token; `credentials` says whether it can log in.
    pub fn new(token: Option<Token>, credentials: bool) -> Session {
        Session { token, credentials, logging_in: false, login_error: None }
    }

    /// The current token.
    pub fn token(&self) -> Option<&Token> {
        self.token.as_ref()
    }

    /// Whether a login is running.
    pub fn logging_in(&self) -> bool {
        self.logging_in
    }

    /// What `attempt` must do now (rules 1 and 2).
    pub fn next(&mut self, attempt: &Attempt) -> Next {
        if attempt.waited_on_failed_login {
            return Next::Fail(self.login_error.clone().unwrap_or(Error::Rest(RestError::LoginFailed)));
        }
        if let Some(t) = &self.token {
            return Next::Send(t.clone());
        }
        if !self.credentials {
            return Next::Fail(Error::Rest(RestError::Unauthorized));
        }
        if self.begin_login() {
            Next::StartLogin
        } else {
            Next::JoinLogin
        }
    }

    /// Claims the shared login: `true` if the caller must start it, `false` if one is running
    /// (join it). For an explicit login as well as for a request that needs a token.
    pub fn begin_login(&mut self) -> bool {
        !std::mem::replace(&mut self.logging_in, true)
    }

    /// The shared login ended (rule 2). Requests that waited on it ask [`Session::next`] again
    /// through [`Session::after_login`].
    pub fn login_ended(&mut self, result: Result<Token, Error>) {
        self.logging_in = false;
        match result {
            Ok(t) => {
                self.token = Some(t);
                self.login_error = None;
            }
            Err(e) => self.login_error = Some(e),
        }
    }

    /// Called by a request that waited on (or ran) a login, before asking [`Session::next`]
    /// again: if no token came of it, the login's error is the request's answer.
    pub fn after_login(&self, attempt: &mut Attempt) {
        if self.token.is_none() {
            attempt.waited_on_failed_login = true;
        }
    }

    /// A request sent with `used` was answered, with `failed` its error if it failed (rules 3 and 4).
    pub fn answered(
        &mut self,
        used: &Token,
        request: &Request,
        failed: Option<&Error>,
        attempt: &mut Attempt,
    ) -> After {
        let Some(e @ Error::Rest(RestError::Unauthorized)) = failed else { return After::Done };
        if self.token.as_ref() == Some(used) {
            self.token = None;
        }
        if self.credentials && may_retry_after(request, e, attempt.resends) {
            attempt.resends += 1;
            After::Resend
        } else {
            After::Done
        }
    }

    /// The server ended the session of `used` (or said it was already gone): forget it if
    /// it is still the current token.
    pub fn ended(&mut self, used: &Token) {
        if self.token.as_ref() == Some(used) {
            self.token = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rest::test_support::token;
    use crate::rest::{build, Credentials, GetUserToken, HangupPhone};

    fn t(s: &str) -> Token {
        Token::new(s).unwrap()
    }

    fn hangup() -> Request {
        build(&HangupPhone { phone: "1001".into() }, Some(&token())).unwrap()
    }

    fn login_request() -> Request {
        build(&GetUserToken(&Credentials::new("u", "p")), None).unwrap()
    }

    #[test]
    fn a_token_is_used_as_is() {
        let mut s = Session::new(Some(t("A")), false);
        assert_eq!(s.next(&Attempt::default()), Next::Send(t("A")));
    }

    #[test]
    fn no_token_no_credentials_is_unauthorized_and_nothing_is_sent() {
        let mut s = Session::new(None, false);
        assert_eq!(s.next(&Attempt::default()), Next::Fail(Error::Rest(RestError::Unauthorized)));
        assert!(!s.logging_in());
    }

    #[test]
    fn one_login_is_shared_by_every_waiting_request() {
        let mut s = Session::new(None, true);
        let (mut a, mut b, mut c) = (Attempt::default(), Attempt::default(), Attempt::default());
        assert_eq!(s.next(&a), Next::StartLogin);
        assert_eq!(s.next(&b), Next::JoinLogin);
        assert_eq!(s.next(&c), Next::JoinLogin);
        s.login_ended(Ok(t("A")));
        for at in [&mut a, &mut b, &mut c] {
            s.after_login(at);
            assert_eq!(s.next(at), Next::Send(t("A")));
        }
    }

    #[test]
    fn a_failed_login_fails_every_waiter_with_its_error_and_the_next_request_tries_again() {
        let mut s = Session::new(None, true);
        let (mut a, mut b) = (Attempt::default(), Attempt::default());
        assert_eq!(s.next(&a), Next::StartLogin);
        assert_eq!(s.next(&b), Next::JoinLogin);
        s.login_ended(Err(Error::Rest(RestError::LoginFailed)));
        for at in [&mut a, &mut b] {
            s.after_login(at);
            assert_eq!(s.next(at), Next::Fail(Error::Rest(RestError::LoginFailed)));
        }
        let network = Error::Rest(RestError::Network { reason: "down".into() });
        let mut later = Attempt::default();
        assert_eq!(s.next(&later), Next::StartLogin, "a later request logs in afresh");
        s.login_ended(Err(network.clone()));
        s.after_login(&mut later);
        assert_eq!(s.next(&later), Next::Fail(network), "the waiter gets the login's own error");
    }

    #[test]
    fn a_401_forgets_the_used_token_and_resends_once_with_credentials() {
        let mut s = Session::new(Some(t("A")), true);
        let mut a = Attempt::default();
        let req = hangup();
        assert_eq!(s.next(&a), Next::Send(t("A")));
        assert_eq!(s.answered(&t("A"), &req, Some(&Error::Rest(RestError::Unauthorized)), &mut a), After::Resend);
        assert_eq!(s.token(), None);
        assert_eq!(s.next(&a), Next::StartLogin);
        s.login_ended(Ok(t("B")));
        s.after_login(&mut a);
        assert_eq!(s.next(&a), Next::Send(t("B")));
        // A second 401 is the answer: no third send.
        assert_eq!(s.answered(&t("B"), &req, Some(&Error::Rest(RestError::Unauthorized)), &mut a), After::Done);
        assert_eq!(s.token(), None);
    }

    #[test]
    fn a_401_never_forgets_a_newer_token() {
        let mut s = Session::new(Some(t("A")), true);
        let mut a = Attempt::default();
        // Meanwhile another request's login replaced A with B.
        s.login_ended(Ok(t("B")));
        assert_eq!(s.answered(&t("A"), &hangup(), Some(&Error::Rest(RestError::Unauthorized)), &mut a), After::Resend);
        assert_eq!(s.token(), Some(&t("B")), "B survives");
        assert_eq!(s.next(&a), Next::Send(t("B")), "the resend uses B without a login");
    }

    #[test]
    fn a_401_without_credentials_is_final() {
        let mut s = Session::new(Some(t("A")), false);
        let mut a = Attempt::default();
        assert_eq!(s.answered(&t("A"), &hangup(), Some(&Error::Rest(RestError::Unauthorized)), &mut a), After::Done);
        assert_eq!(s.token(), None);
        assert_eq!(s.next(&a), Next::Fail(Error::Rest(RestError::Unauthorized)));
    }

    #[test]
    fn login_endpoints_are_never_resent() {
        let mut s = Session::new(Some(t("A")), true);
        let mut a = Attempt::default();
        assert_eq!(
            s.answered(&t("A"), &login_request(), Some(&Error::Rest(RestError::Unauthorized)), &mut a),
            After::Done
        );
    }

    #[test]
    fn nothing_but_a_401_is_resent() {
        for e in [
            Error::Refused { endpoint: "e" },
            Error::Rest(RestError::BadRequest { message: "m".into() }),
            Error::Rest(RestError::HttpStatus { endpoint: "e", status: 500, body: Default::default() }),
            Error::Rest(RestError::Network { reason: "r".into() }),
            Error::Rest(RestError::RequestTimeout { endpoint: "e" }),
            Error::Rest(RestError::BadResponse { endpoint: "e", reason: "r".into() }),
            Error::Aborted,
            Error::Rest(RestError::LoginFailed),
        ] {
            let mut s = Session::new(Some(t("A")), true);
            let mut a = Attempt::default();
            assert_eq!(s.answered(&t("A"), &hangup(), Some(&e), &mut a), After::Done, "{e:?}");
            assert_eq!(s.token(), Some(&t("A")), "{e:?} keeps the token");
        }
        let mut s = Session::new(Some(t("A")), true);
        assert_eq!(s.answered(&t("A"), &hangup(), None, &mut Attempt::default()), After::Done);
    }

    #[test]
    fn an_explicit_login_joins_the_running_one() {
        let mut s = Session::new(Some(t("A")), true);
        assert!(s.begin_login(), "starts one even with a token");
        assert!(!s.begin_login(), "joins it");
        assert_eq!(s.next(&Attempt::default()), Next::Send(t("A")), "the old token serves meanwhile");
        s.login_ended(Ok(t("B")));
        assert!(s.begin_login());
    }

    #[test]
    fn ending_forgets_only_the_token_it_ended() {
        let mut s = Session::new(Some(t("A")), true);
        s.ended(&t("Z"));
        assert_eq!(s.token(), Some(&t("A")));
        s.ended(&t("A"));
        assert_eq!(s.token(), None);
    }
}
