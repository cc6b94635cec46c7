//! The Integra REST session at the Rust level: [`Client`] runs endpoints over `fetch` under
//! the pure session rule (`rest::session`): one shared login, forget only the token that was
//! used, one re-login and resend after a 401, nothing else resent. Errors are scrubbed of the
//! token and password before they leave.
//!
//! **Within the browser's limits.** At most `max_in_flight` requests of a client are on the
//! network at once (default [`DEFAULT_MAX_IN_FLIGHT`]); the rest wait in a first-in, first-out
//! queue. Thousands of concurrent calls then complete instead of tripping the browser's own
//! limit (Chromium fails the excess with `ERR_INSUFFICIENT_RESOURCES`). A queued request keeps
//! its deadline and its `AbortSignal`: it fails `REQUEST_TIMEOUT` or `ABORTED` with `sent:
//! false`, since nothing left the page.

use alloc::collections::VecDeque;
use alloc::rc::Rc;
use core::cell::{Cell, RefCell};

use wasm_bindgen::JsValue;

use super::convert::{self, CallOptions};
use super::fetch::{self, Limits};
use super::log::Log;
use super::oneshot;
use super::wait::{first_or_none, sleep, unless_aborted, Aborted};
use crate::error::Error;
use crate::error::Failure;
use crate::error::RestError;
use crate::rest::session::{After, Attempt, Next, Session};
use crate::rest::{
    build, redact_secrets, Credentials, EndSession, Endpoint, GetUserToken, ProbePlan, ProbeState, RecordingCandidate,
    RecordingHosts, Request, Response, Token,
};

/// Default deadline of one REST call (queue time included).
pub const DEFAULT_TIMEOUT_MS: f64 = 20_000.0;
/// Default cap on a client's requests on the network at once (`maxInFlight`), chosen by
/// measurement (docs/decisions/rest-concurrency-cap.md; the soak's `soak-rest-cap` figures).
///
/// Browsers open six connections per host over HTTP/1.1 (uContact's API and the sandbox speak
/// HTTP/1.1), so a higher cap only moves the queue into the browser, where a request counts as
/// sent (`sent: true`) although it has not left, and where Chromium refuses the excess with
/// `ERR_INSUFFICIENT_RESOURCES`: 2,000 calls uncapped, or as raw `fetch`, lost up to 28 % of them.
/// Caps of 16 and 64 never failed but were not faster than 6 beyond the noise between rounds;
/// 1 and 2 were slower. Raise it for an HTTP/2 server, which multiplexes one connection.
pub const DEFAULT_MAX_IN_FLIGHT: u32 = 6;

/// Default bound on one response body: 32 MiB. The largest answers the docs describe are CDR
/// pages (`searchLimit` rows of a few hundred bytes each: 10,000 rows are ~3 MiB) and
/// recordings lists; a body past this is more likely a misrouted download or a hostile
/// server than an answer, and would cost several times its size in wasm memory once parsed.
pub const DEFAULT_MAX_RESPONSE_BYTES: u32 = 32 << 20;

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
    /// Requests on the network at once (the rest queue).
    pub max_in_flight: u32,
    /// The largest response body read (`RESPONSE_TOO_LARGE` past it).
    pub max_response_bytes: u32,
    /// Where exchanges are logged: endpoint names, statuses and error codes only (`log`, `debug`).
    pub log: Log,
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
        Ok(Config {
            base_url: base,
            token: None,
            credentials: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            hosts: None,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            log: Log::off("IntegraClient"),
        })
    }
}

struct Inner {
    config: Config,
    session: RefCell<Session>,
    /// Requests waiting for the running login.
    waiting: RefCell<Vec<oneshot::Sender<()>>>,
    /// Requests on the network now.
    busy: Cell<u32>,
    /// Requests waiting for a place on the network, in arrival order: (ticket, wake-up).
    queue: RefCell<VecDeque<(u64, oneshot::Sender<()>)>>,
    next_ticket: Cell<u64>,
    /// Fired (then dropped) by `destroy()`: stops every exchange of this client.
    stop: RefCell<Option<web_sys::AbortController>>,
    destroyed: Cell<bool>,
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
        Client {
            inner: Rc::new(Inner {
                config,
                session: RefCell::new(session),
                waiting: RefCell::new(Vec::new()),
                busy: Cell::new(0),
                queue: RefCell::new(VecDeque::new()),
                next_ticket: Cell::new(0),
                stop: RefCell::new(web_sys::AbortController::new().ok()),
                destroyed: Cell::new(false),
            }),
        }
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

    /// The deadline of a call starting now.
    fn deadline(&self, o: &CallOptions) -> f64 {
        convert::now() + o.timeout_ms.unwrap_or(self.inner.config.timeout_ms)
    }

    /// Requests waiting for a place on the network.
    pub fn queued(&self) -> usize {
        self.inner.queue.borrow().len()
    }

    /// Requests on the network.
    pub fn in_flight(&self) -> u32 {
        self.inner.busy.get()
    }

    /// Stops everything: requests on the network and in the queue fail `DESTROYED`, and so
    /// does every later call. Safe to call more than once.
    pub fn destroy(&self) {
        self.inner.destroyed.set(true);
        for (_, w) in core::mem::take(&mut *self.inner.queue.borrow_mut()) {
            w.send(());
        }
        for w in core::mem::take(&mut *self.inner.waiting.borrow_mut()) {
            w.send(());
        }
        // Aborted with a plain value, then dropped (see the Bridge: a reasonless abort's
        // DOMException keeps the page's objects alive while Rust holds the controller).
        let stop = self.inner.stop.borrow_mut().take();
        if let Some(c) = stop {
            c.abort_with_reason(&JsValue::from_str("destroyed"));
        }
    }

    /// Whether `destroy()` was called.
    pub fn is_destroyed(&self) -> bool {
        self.inner.destroyed.get()
    }

    /// Waits for a place on the network (first come, first served), until `deadline`, the
    /// caller's signal or `destroy()`. Nothing is sent while waiting, so every failure here
    /// is one that can be retried.
    async fn place(&self, endpoint: &'static str, o: &CallOptions, deadline: f64) -> Result<Place, Error> {
        if self.inner.destroyed.get() {
            return Err(Error::Destroyed);
        }
        if self.inner.busy.get() < self.inner.config.max_in_flight.max(1) && self.inner.queue.borrow().is_empty() {
            self.inner.busy.set(self.inner.busy.get() + 1);
            return Ok(Place(self.clone()));
        }
        let ticket = self.inner.next_ticket.get();
        self.inner.next_ticket.set(ticket + 1);
        let (tx, rx) = oneshot::channel();
        self.inner.queue.borrow_mut().push_back((ticket, tx));
        // Leaving the queue early (timeout, abort) removes the ticket; a place handed over at
        // the same moment is passed on, so none is lost.
        let mut guard = Ticket { client: self.clone(), ticket, handed: false };
        let woken = unless_aborted(first_or_none(rx, sleep(deadline - convert::now())), o.signal.as_ref()).await;
        match woken {
            Ok(Some(_)) if self.inner.destroyed.get() => Err(Error::Destroyed),
            Ok(Some(_)) => {
                guard.handed = true;
                Ok(Place(self.clone()))
            }
            Ok(None) => Err(self.failed(endpoint, Error::Rest(RestError::RequestTimeout { endpoint }))),
            Err(Aborted) => Err(Error::Aborted),
        }
    }

    /// A place on the network was freed: hand it to the first waiter, or give it back.
    fn release(&self) {
        let next = self.inner.queue.borrow_mut().pop_front();
        match next {
            Some((_, wake)) => wake.send(()),
            None => self.inner.busy.set(self.inner.busy.get().saturating_sub(1)),
        }
    }

    fn limits<'a>(&'a self, o: &'a CallOptions, deadline: f64, stop: Option<&'a web_sys::AbortSignal>) -> Limits<'a> {
        Limits {
            timeout_ms: (deadline - convert::now()).max(0.0),
            signal: o.signal.as_ref(),
            stop,
            max_bytes: self.inner.config.max_response_bytes,
            log: &self.inner.config.log,
        }
    }

    /// Texts no error may carry: the token in use and the password.
    fn secrets<'a>(&'a self, token: Option<&'a Token>) -> Vec<&'a str> {
        let mut s: Vec<&str> = token.map(Token::expose).into_iter().collect();
        s.extend(self.inner.config.credentials.as_ref().map(Credentials::expose_password));
        s
    }

    /// One request and its answer, errors scrubbed of secrets. Waits for a place on the
    /// network first; a failure says whether the request had been handed to `fetch` (`sent`).
    async fn exchange<T>(
        &self,
        job: &dyn Job<T>,
        req: &Request,
        token: Option<&Token>,
        o: &CallOptions,
        deadline: f64,
    ) -> Result<T, Failure> {
        let _place = self.place(req.endpoint(), o, deadline).await?;
        let stop = self.inner.stop.borrow().as_ref().map(web_sys::AbortController::signal);
        let resp = fetch::send(&self.inner.config.base_url, req, self.limits(o, deadline, stop.as_ref()))
            .await
            .map_err(|e| Failure::sent(self.failed(req.endpoint(), e)))?;
        job.answer(&resp)
            .map_err(|e| Failure::sent(self.failed(req.endpoint(), redact_secrets(e, &resp, &self.secrets(token)))))
    }

    // The log of an exchange (`fetch::send` logs what goes out and the status): the endpoint's
    // name, the status and error codes, never the request's form (credentials, token) nor the
    // response body. Out of line: `exchange` is compiled once per answer type.

    /// Logs `e` as the failure (or timeout) of `what`, and gives it back.
    #[inline(never)]
    fn failed(&self, what: &'static str, e: Error) -> Error {
        self.inner.config.log.failed(what, &e);
        e
    }

    /// Runs an authenticated endpoint under the session rule. A failure says whether a request
    /// was handed to the network on the way (so whether the server may have acted), also when
    /// the request that went out was answered 401 and its resend failed before leaving.
    pub async fn run<T>(&self, job: &dyn Job<T>, o: &CallOptions) -> Result<T, Failure> {
        if self.inner.destroyed.get() {
            return Err(Failure::unsent(Error::Destroyed));
        }
        let deadline = self.deadline(o);
        let mut attempt = Attempt::default();
        let mut sent = false;
        let failed = |error, sent| Failure { error, sent };
        loop {
            let next = self.inner.session.borrow_mut().next(&attempt);
            let token = match next {
                Next::Send(t) => t,
                Next::StartLogin => {
                    self.start_login();
                    self.wait_login(o, &mut attempt).await.map_err(|e| failed(e, sent))?;
                    continue;
                }
                Next::JoinLogin => {
                    self.wait_login(o, &mut attempt).await.map_err(|e| failed(e, sent))?;
                    continue;
                }
                Next::Fail(e) => return Err(failed(e, sent)),
            };
            let req = job.request(Some(&token)).map_err(|e| failed(e, sent))?;
            let result = self.exchange(job, &req, Some(&token), o, deadline).await;
            sent |= result.as_ref().map_or_else(|f| f.sent, |_| true);
            let after = self.inner.session.borrow_mut().answered(
                &token,
                &req,
                result.as_ref().err().map(|f| &f.error),
                &mut attempt,
            );
            match after {
                After::Done => return result.map_err(|f| failed(f.error, sent)),
                After::Resend => {
                    self.inner.config.log.write(
                        "retry",
                        "what",
                        req.endpoint(),
                        "reason",
                        &JsValue::from_str("the token expired"),
                    );
                    continue;
                }
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
            let waiting = core::mem::take(&mut *me.inner.waiting.borrow_mut());
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
        if self.inner.destroyed.get() {
            return Err(Error::Destroyed);
        }
        self.inner.session.borrow().after_login(attempt);
        Ok(())
    }

    async fn login_now(&self) -> Result<Token, Error> {
        let creds = self.inner.config.credentials.as_ref().ok_or(Error::Rest(RestError::Unauthorized))?;
        let login = GetUserToken(creds);
        let req = build(&login, None)?;
        let o = CallOptions::default();
        self.exchange(&login, &req, None, &o, self.deadline(&o)).await.map_err(|f| f.error)
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
        let result = self.exchange(&end, &req, Some(&token), o, self.deadline(o)).await.map_err(|f| f.error);
        if matches!(result, Ok(()) | Err(Error::Rest(RestError::Unauthorized))) {
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
                    let deadline = self.deadline(o);
                    let stop = self.inner.stop.borrow().as_ref().map(web_sys::AbortController::signal);
                    let place = self.place("recording", o, deadline).await?;
                    let probed = fetch::probe(&url, self.limits(o, deadline, stop.as_ref())).await;
                    drop(place);
                    match probed {
                        Ok(status) => plan.report_status(status),
                        Err(e @ Error::Rest(RestError::Network { .. })) => {
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

/// A place on the network, given back when dropped.
struct Place(Client);

impl Drop for Place {
    fn drop(&mut self) {
        self.0.release();
    }
}

/// A waiter's ticket in the queue, withdrawn if the waiter leaves; a place handed to it at the
/// moment it left is passed on to the next waiter.
struct Ticket {
    client: Client,
    ticket: u64,
    handed: bool,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if self.handed {
            return;
        }
        let mut queue = self.client.inner.queue.borrow_mut();
        if let Some(at) = queue.iter().position(|(t, _)| *t == self.ticket) {
            queue.remove(at);
        } else {
            // Already popped: a place was handed to this waiter, which no longer wants it.
            drop(queue);
            if !self.client.inner.destroyed.get() {
                self.client.release();
            }
        }
    }
}
