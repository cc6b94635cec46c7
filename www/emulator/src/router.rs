//! The axum transport of the emulator (feature `server`): a `Router` whose routes hand every
//! request to `Emulator::handle` (`exchange.rs`, where all behaviour lives) and carry out its
//! answer: the delay with tokio's timer, pieces and dropped connections with the bodies below.
//! Every route is absolute, so the router can be merged into the sandbox server's own.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::any;
use axum::Router;

use crate::control::ControlRoute;
use crate::emulator::Emulator;
use crate::endpoints::{API_PREFIX, ENDPOINTS};
use crate::exchange::{self, Answer, Delivery, Step};
use crate::recordings::{BACKUP_PREFIX, TELEPHONY_PREFIX};

/// All emulator routes: `POST /Integra/resources/…` (the API), `GET`/`HEAD` `/records/…` and
/// `/backup/records/…` (recordings), `/__emulator/…` (test control), with CORS on all of them.
/// Other methods on these paths get 405; other paths are left to the caller's fallback.
pub fn router(emu: Emulator) -> Router {
    let mut paths: Vec<String> = ENDPOINTS.iter().map(|ep| format!("{API_PREFIX}{}", ep.path)).collect();
    paths.push(format!("{TELEPHONY_PREFIX}/{{*file}}"));
    paths.push(format!("{BACKUP_PREFIX}/{{*file}}"));
    paths.extend(ControlRoute::PATHS.iter().map(|p| format!("/__emulator/{p}")));
    let mut app: Router<Emulator> = Router::new();
    for path in &paths {
        app = app.route(path, any(handle));
    }
    app.with_state(emu)
}

async fn handle(State(emu): State<Emulator>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    // Past the limit (or unreadable), the core is told there is no body: the API answers 413.
    let body = axum::body::to_bytes(body, emu.body_limit()).await.ok().map(|b| b.to_vec());
    let request = exchange::Request {
        method: parts.method,
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers,
        body,
    };
    let answer = match emu.handle(request) {
        Some(Step::Done(answer)) => answer,
        Some(Step::Wait(wait)) => {
            tokio::time::sleep(wait.delay()).await;
            wait.finish(&emu)
        }
        // Not reached: every route above is a path the core serves.
        None => Answer::new(StatusCode::NOT_FOUND, None, Vec::new()),
    };
    response(answer)
}

fn response(answer: Answer) -> Response {
    let body = match answer.delivery {
        Delivery::Whole => Body::from(answer.body),
        Delivery::Pieces(n) => Body::new(PiecesBody { rest: Bytes::from(answer.body), piece: n }),
        Delivery::Drop => Body::new(FailingBody),
    };
    let mut r = Response::new(body);
    *r.status_mut() = answer.status;
    *r.headers_mut() = answer.headers;
    r
}

/// A response body that fails on its first read, which makes hyper abort the connection
/// before it flushes the head. Through `tower::ServiceExt::oneshot` the response arrives but
/// collecting its body fails.
struct FailingBody;

impl http_body::Body for FailingBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, io::Error>>> {
        Poll::Ready(Some(Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "integra emulator: injected connection drop",
        ))))
    }
}

/// A body sent in pieces of a fixed size, of unknown length to hyper (so no `Content-Length`:
/// chunked transfer on HTTP/1.1).
struct PiecesBody {
    rest: Bytes,
    piece: usize,
}

impl http_body::Body for PiecesBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, io::Error>>> {
        if self.rest.is_empty() {
            return Poll::Ready(None);
        }
        let n = self.piece.clamp(1, self.rest.len());
        let piece = self.rest.split_to(n);
        Poll::Ready(Some(Ok(http_body::Frame::data(piece))))
    }
}
