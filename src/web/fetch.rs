//! One HTTP exchange with `fetch` (through gloo-net), bounded by a deadline and by the caller's
//! `AbortSignal`.
//!
//! Each exchange gets its own `AbortController`. The deadline timer and the listener on the
//! caller's signal both abort it, and remember which of them did, so the failure is reported
//! as `REQUEST_TIMEOUT` or `ABORTED` rather than as a network error. Reading the body is
//! covered by the same controller: a server that sends the head and then stalls still times
//! out. When the exchange ends, its timer and listener are removed (the [`Guard`] drops).
//!
//! The body is read as a stream and counted: once more than [`Limits::max_bytes`] have
//! arrived the exchange is aborted and fails `RESPONSE_TOO_LARGE`, so a server (or whatever
//! answers in its place) cannot make the page hold an answer of any size. (A `Content-Length`
//! is not trusted either way: the bytes are counted as they come.)

use alloc::rc::Rc;
use core::cell::Cell;

use gloo_net::http::{Method, RequestBuilder};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Blob, ReadableStreamDefaultReader};

use super::log::Log;
use super::resources::{Listener, Timeout};
use crate::error::Error;
use crate::error::RestError;
use crate::rest::{Request, Response};

/// Bounds on one exchange.
#[derive(Clone, Copy)]
pub struct Limits<'a> {
    /// Give up after this many milliseconds (`REQUEST_TIMEOUT`).
    pub timeout_ms: f64,
    /// The caller's signal; when it fires the exchange stops with `ABORTED`.
    pub signal: Option<&'a AbortSignal>,
    /// The client's own signal, fired by `destroy()`: the exchange stops with `DESTROYED`.
    pub stop: Option<&'a AbortSignal>,
    /// The largest body read (`RESPONSE_TOO_LARGE` past it).
    pub max_bytes: u32,
    /// The client's log: `send` logs the request going out and the status coming back.
    pub log: &'a Log,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Why {
    Running,
    TimedOut,
    Aborted,
    Destroyed,
}

/// The controller of one exchange, armed with its deadline and the caller's signal.
///
/// Field order matters: the timer and the listener drop (unregister) before the closures
/// they would call.
struct Guard {
    controller: AbortController,
    why: Rc<Cell<Why>>,
    _timeout: Timeout,
    _listeners: Vec<Listener>,
    _on_timeout: Closure<dyn FnMut()>,
    _on_abort: Closure<dyn FnMut()>,
    _on_stop: Closure<dyn FnMut()>,
}

impl Guard {
    fn arm(limits: Limits<'_>) -> Result<Guard, Error> {
        if limits.stop.is_some_and(AbortSignal::aborted) {
            return Err(Error::Destroyed);
        }
        if limits.signal.is_some_and(AbortSignal::aborted) {
            return Err(Error::Aborted);
        }
        let controller = AbortController::new()
            .map_err(|_| Error::Rest(RestError::Network { reason: "AbortController is not available".into() }))?;
        let why = Rc::new(Cell::new(Why::Running));
        let stopper = |reason: Why| {
            let (controller, why) = (controller.clone(), why.clone());
            Closure::<dyn FnMut()>::new(move || {
                if why.get() == Why::Running {
                    why.set(reason);
                    controller.abort();
                }
            })
        };
        let on_timeout = stopper(Why::TimedOut);
        let on_abort = stopper(Why::Aborted);
        let on_stop = stopper(Why::Destroyed);
        let timeout = Timeout::schedule(on_timeout.as_ref().unchecked_ref(), limits.timeout_ms);
        let mut listeners = Vec::with_capacity(2);
        for (signal, handler) in [(limits.signal, &on_abort), (limits.stop, &on_stop)] {
            if let Some(s) = signal {
                listeners.push(
                    Listener::add(s.clone().into(), "abort", handler.as_ref().unchecked_ref())
                        .map_err(|_| Error::invalid("signal", "is not an AbortSignal"))?,
                );
            }
        }
        Ok(Guard {
            controller,
            why,
            _timeout: timeout,
            _listeners: listeners,
            _on_timeout: on_timeout,
            _on_abort: on_abort,
            _on_stop: on_stop,
        })
    }

    fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// What a failed `fetch` means, given who (if anyone) aborted it.
    fn failure(&self, endpoint: &'static str, e: gloo_net::Error) -> Error {
        self.stopped(endpoint, network_reason(e))
    }

    /// What a failed step means: the deadline's or a signal's doing, else a network error.
    fn stopped(&self, endpoint: &'static str, reason: String) -> Error {
        match self.why.get() {
            Why::TimedOut => Error::Rest(RestError::RequestTimeout { endpoint }),
            Why::Aborted => Error::Aborted,
            Why::Destroyed => Error::Destroyed,
            Why::Running => Error::Rest(RestError::Network { reason: reason.into() }),
        }
    }

    /// Stops the exchange because its body is too large.
    fn too_large(&self, endpoint: &'static str) -> Error {
        if self.why.get() == Why::Running {
            self.controller.abort();
        }
        Error::Rest(RestError::ResponseTooLarge { endpoint })
    }
}

/// The body as text, read chunk by chunk and refused past `limit` bytes. The chunks stay in
/// JavaScript (they are only counted here) and are decoded as `Response.text()` decodes them:
/// UTF-8, a leading byte-order mark dropped, malformed bytes as U+FFFD.
async fn body(
    guard: &Guard,
    endpoint: &'static str,
    response: &gloo_net::http::Response,
    limit: u32,
) -> Result<String, Error> {
    let Some(stream) = response.body() else { return Ok(String::new()) };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let unreadable = || guard.stopped(endpoint, "the response body could not be read".into());
    let chunks = Array::new();
    let mut total = 0u64;
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(|_| unreadable())?;
        if super::convert::get(&step, "done").is_some_and(|d| d.is_truthy()) {
            break;
        }
        // A fetch body's chunks are `Uint8Array`s (the Fetch standard), so no type check here.
        let Some(chunk) = super::convert::get(&step, "value").map(JsCast::unchecked_into::<Uint8Array>) else {
            return Err(unreadable());
        };
        total += u64::from(chunk.length());
        if total > u64::from(limit) {
            // Cancelled first, so nothing waits on the stream when the abort errors it.
            let _ = reader.cancel();
            return Err(guard.too_large(endpoint));
        }
        chunks.push(&chunk);
    }
    let blob = Blob::new_with_u8_array_sequence(&chunks).map_err(|_| unreadable())?;
    let text = JsFuture::from(blob.text()).await.map_err(|_| unreadable())?;
    Ok(text.as_string().unwrap_or_default())
}

/// A network failure's text. Browsers say little ("Failed to fetch") on purpose; that is kept.
/// The browser's own words for a failed fetch (`Failed to fetch`, …), without `Display`.
fn network_reason(e: gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(js) => js.message,
        gloo_net::Error::GlooError(msg) => msg,
    }
}

/// Sends `req` to the instance at `base` and reads the whole answer.
pub async fn send(base: &str, req: &Request, limits: Limits<'_>) -> Result<Response, Error> {
    let endpoint = req.endpoint();
    let guard = Guard::arm(limits)?;
    let signal = guard.signal();
    let mut builder = RequestBuilder::new(&req.url(base)).method(Method::POST).abort_signal(Some(&signal));
    for (name, value) in req.headers() {
        builder = builder.header(name, &value);
    }
    let request = builder.body(req.body()).map_err(|e| guard.failure(endpoint, e))?;
    limits.log.sent(endpoint);
    let response = request.send().await.map_err(|e| guard.failure(endpoint, e))?;
    let status = response.status();
    let body = body(&guard, endpoint, &response, limits.max_bytes).await?;
    limits.log.status(endpoint, status);
    Ok(Response::new(status, body))
}

/// Asks whether `url` exists with a `HEAD` request; gives the HTTP status.
pub async fn probe(url: &str, limits: Limits<'_>) -> Result<u16, Error> {
    let guard = Guard::arm(limits)?;
    let signal = guard.signal();
    let response = RequestBuilder::new(url)
        .method(Method::HEAD)
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(|e| guard.failure("recording", e))?;
    Ok(response.status())
}
