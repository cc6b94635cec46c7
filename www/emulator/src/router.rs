//! The axum `Router` of the emulator. Every route is absolute, so the router can be merged
//! into the sandbox server's own.

use axum::extract::{Request, State};
use axum::routing::{get, post};
use axum::Router;

use crate::control;
use crate::cors::cors;
use crate::emulator::Emulator;
use crate::endpoints::{API_PREFIX, ENDPOINTS};
use crate::pipeline::run;
use crate::recordings::{serve_recording, BACKUP_PREFIX, TELEPHONY_PREFIX};

/// All emulator routes: `POST /Integra/resources/…` (the API), `GET`/`HEAD` `/records/…` and
/// `/backup/records/…` (recordings), `/__emulator/…` (test control), with CORS on all of them.
/// Other methods on these paths get 405; other paths are left to the caller's fallback.
pub fn router(emu: Emulator) -> Router {
    let mut app: Router<Emulator> = Router::new();
    for ep in ENDPOINTS.iter() {
        let path = format!("{API_PREFIX}{}", ep.path);
        app = app.route(&path, post(move |State(emu): State<Emulator>, req: Request| run(emu, ep, req)));
    }
    let recordings = get(|State(emu): State<Emulator>, req: Request| serve_recording(emu, req));
    app = app
        .route(&format!("{TELEPHONY_PREFIX}/{{*file}}"), recordings.clone())
        .route(&format!("{BACKUP_PREFIX}/{{*file}}"), recordings)
        .merge(control::routes());
    app.layer(axum::middleware::from_fn_with_state(emu.clone(), cors)).with_state(emu)
}
