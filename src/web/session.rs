//! The Integra REST session at the Rust level: [`Client`] runs endpoints over `fetch` under
//! the pure session rule (`rest::session`): one shared login, forget only the token that was
//! used, one re-login and resend after a 401, nothing else resent. Errors are scrubbed of the
//! token and password before they leave.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::convert::CallOptions;
use super::fetch::{self, Limits};
use super::oneshot;
use super::wait::{unless_aborted, Aborted};
use crate::error::Error;
use crate::rest::session::{After, Attempt, Next, Session};
use crate::rest::{
    build, redact_secrets, Credentials, EndSession, Endpoint, GetUserToken, ProbePlan, ProbeState, RecordingCandidate,
    RecordingHosts, Request, Response, Token,
};

/// Default deadline of one REST exchange.
pub const DEFAULT_TIMEOUT_MS: f64 = 20_000.0;

/// How a [`Client`] is set up.
pub struct Config {
    /// The instance's origin, `https://acme.ucontactcloud.com`.
    pub base_url: String,
    /// A session token to start with.
    pub token: Option<Token>,
    /// User and password, to log in when needed.
    pub credentials: Option<Credentials>,
    /// Deadline of each exchange.
    pub timeout_ms: f64,
    /// Where recordings are kept.
    pub hosts: Option<RecordingHosts>,
}

impl Config {
    /// Checks the base URL (an `http(s)://` origin; a trailing `/` is dropped).
    pub fn new(base_url: &str) -> Result<Config, Error> {
        let base = base_url.trim().trim_end_matches('/').to_owned();
        if !(base.starts_with("https://") || base.starts_with("http://")) || base.len() <= "https://".len() {
            return Err(Error::invalid(
                "baseUrl",
                "must be the instance's origin, e.g. https://acme.ucontactcloud.com",
            ));
        }
        Ok(Config { base_url: base, token: None, credentials: None, timeout_ms: DEFAULT_TIMEOUT_MS, hosts: None })
    }
}

struct Inner {
    config: Config,
    session: RefCell<Session>,
    /// Requests waiting for the running login.
    waiting: RefCell<Vec<oneshot::Sender<()>>>,
}

/// A client of one instance's Integra REST API; clones share the session.
#[derive(Clone)]
pub struct Client {
    inner: Rc<Inner>,
}

/// An endpoint with its type erased down to what the exchange loop needs, so the loop (an
/// async state machine, the largest code in the module) is compiled once per output type
/// rather than once per endpoint.
pub trait Job<T> {
    /// The request to send with `token`.
    fn request(&self, token: Option<&Token>) -> Result<Request, Error>;
    /// The answer read from a response.
    fn answer(&self, resp: &Response) -> Result<T, Error>;
}

impl<E: Endpoint> Job<E::Output> for E {
    fn request(&self, token: Option<&Token>) -> Result<Request, Error> {
        build(self, token)
    }

    fn answer(&self, resp: &Response) -> Result<E::Output, Error> {
        self.parse(resp)
    }
}

impl Client {
    /// A client; nothing is sent until a method runs.
    pub fn new(config: Config) -> Client {
        let session = Session::new(config.token.clone(), config.credentials.is_some());
        Client { inner: Rc::new(Inner { config, session: RefCell::new(session), waiting: RefCell::new(Vec::new()) }) }
    }

    /// The instance's origin.
    pub fn base_url(&self) -> &str {
        &self.inner.config.base_url
    }

    /// Whether the session holds a token now.
    pub fn has_token(&self) -> bool {
        self.inner.session.borrow().token().is_some()
    }

    /// The configured recording hosts.
    pub fn hosts(&self) -> Option<&RecordingHosts> {
        self.inner.config.hosts.as_ref()
    }

    fn limits<'a>(&self, o: &'a CallOptions) -> Limits<'a> {
        Limits { timeout_ms: o.timeout_ms.unwrap_or(self.inner.config.timeout_ms), signal: o.signal.as_ref() }
    }

    /// Texts no error may carry: the token in use and the password.
    fn secrets<'a>(&'a self, token: Option<&'a Token>) -> Vec<&'a str> {
        let mut s: Vec<&str> = token.map(Token::expose).into_iter().collect();
        s.extend(self.inner.config.credentials.as_ref().map(Credentials::expose_password));
        s
    }

    /// One request and its answer, errors scrubbed of secrets.
    async fn exchange<T>(
        &self,
        job: &dyn Job<T>,
        req: &Request,
        token: Option<&Token>,
        o: &CallOptions,
    ) -> Result<T, Error> {
        let resp = fetch::send(&self.inner.config.base_url, req, self.limits(o)).await?;
        job.answer(&resp).map_err(|e| redact_secrets(e, &resp, &self.secrets(token)))
    }

    /// Runs an authenticated endpoint under the session rule. `sent` turns true once a
    /// request was handed to the network (so a failure says whether the server may have acted).
    pub async fn run<T>(&self, job: &dyn Job<T>, o: &CallOptions, sent: &Cell<bool>) -> Result<T, Error> {
        let mut attempt = Attempt::default();
        loop {
            let next = self.inner.session.borrow_mut().next(&attempt);
            let token = match next {
                Next::Send(t) => t,
                Next::StartLogin => {
                    self.start_login();
                    self.wait_login(o, &mut attempt).await?;
                    continue;
                }
                Next::JoinLogin => {
                    self.wait_login(o, &mut attempt).await?;
                    continue;
                }
                Next::Fail(e) => return Err(e),
            };
            let req = job.request(Some(&token))?;
            sent.set(true);
            let result = self.exchange(job, &req, Some(&token), o).await;
            match self.inner.session.borrow_mut().answered(&token, &req, &result, &mut attempt) {
                After::Done => return result,
                After::Resend => continue,
            }
        }
    }

    /// Starts the shared login. It runs with the client's deadline and no caller's signal,
    /// since other requests may be waiting for it.
    fn start_login(&self) {
        let me = self.clone();
        super::task::spawn(async move {
            let result = me.login_now().await;
            me.inner.session.borrow_mut().login_ended(result);
            let waiting = std::mem::take(&mut *me.inner.waiting.borrow_mut());
            for w in waiting {
                w.send(());
            }
        });
    }

    /// Waits for the running login; stops waiting (`ABORTED`) when the caller's signal fires.
    async fn wait_login(&self, o: &CallOptions, attempt: &mut Attempt) -> Result<(), Error> {
        let (tx, rx) = oneshot::channel();
        self.inner.waiting.borrow_mut().push(tx);
        unless_aborted(rx, o.signal.as_ref()).await.map_err(|Aborted| Error::Aborted)?;
        self.inner.session.borrow().after_login(attempt);
        Ok(())
    }

    async fn login_now(&self) -> Result<Token, Error> {
        let creds = self.inner.config.credentials.as_ref().ok_or(Error::Unauthorized)?;
        let login = GetUserToken(creds);
        let req = build(&login, None)?;
        self.exchange(&login, &req, None, &CallOptions::default()).await
    }

    /// `auth/getUserToken` with the configured credentials (joins a login already running).
    pub async fn login(&self, o: &CallOptions) -> Result<(), Error> {
        if self.inner.config.credentials.is_none() {
            return Err(Error::invalid("user", "no credentials were given to log in with"));
        }
        let mut attempt = Attempt::default();
        // An explicit login replaces the token even when one is held; it joins one running.
        if self.inner.session.borrow_mut().begin_login() {
            self.start_login();
        }
        self.wait_login(o, &mut attempt).await?;
        match self.inner.session.borrow_mut().next(&attempt) {
            Next::Fail(e) => Err(e),
            _ => Ok(()),
        }
    }

    /// Ends the session on the server and forgets the token. Without a token there is nothing
    /// to end.
    pub async fn end(&self, o: &CallOptions) -> Result<(), Error> {
        let Some(token) = self.inner.session.borrow().token().cloned() else { return Ok(()) };
        let end = match &self.inner.config.credentials {
            Some(c) => EndSession { user: c.user().to_owned(), token: token.clone() },
            None => EndSession::for_token(&token)?,
        };
        let req = build(&end, Some(&token))?;
        let result = self.exchange(&end, &req, Some(&token), o).await;
        if matches!(result, Ok(()) | Err(Error::Unauthorized)) {
            self.inner.session.borrow_mut().ended(&token);
        }
        result
    }

    /// Probes the candidates in order; the first that answers 2xx wins. A candidate that
    /// cannot be reached counts as absent, but if nothing is found and some could not be
    /// reached the answer is that network error, not "no recording".
    pub async fn find_recording(
        &self,
        mut plan: ProbePlan,
        o: &CallOptions,
    ) -> Result<Option<RecordingCandidate>, Error> {
        let mut unreachable = None;
        loop {
            match plan.state() {
                ProbeState::Found(c) => return Ok(Some(c.clone())),
                ProbeState::NotFound => return unreachable.map_or(Ok(None), Err),
                ProbeState::Try(c) => {
                    let url = c.url.clone();
                    match fetch::probe(&url, self.limits(o)).await {
                        Ok(status) => plan.report_status(status),
                        Err(e @ Error::Network { .. }) => {
                            unreachable.get_or_insert(e);
                            plan.report(false);
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }
}
