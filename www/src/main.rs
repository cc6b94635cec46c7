//! `ucontact-sandbox`: one command that plays the uContact side of an integration locally.
//!
//! * a **portal** origin (default `http://127.0.0.1:8700`) serving `www/portal/`, the pages that
//!   play the uContact agent portal and frame the CRM page;
//! * a **CRM** origin (default `http://127.0.0.1:8701`) serving `www/crm/`, the integrator's page;
//! * a uContact v6 **instance** origin (default `http://127.0.0.1:8702`) serving `www/instance/`:
//!   uPhone (`/uphone`), the Inbox (`/inbox.html`) and the whole instance (`/`, Events API),
//!   each playing its side for the v6 CRM pages under `www/crm/v6/`;
//! * all serve the built wasm package under `/pkg/`, porthole.js 1.0.0 under
//!   `/vendor/porthole.js` and their own `/config.js` (the origins, so pages need no edits when
//!   ports change).
//!
//! Listens on 127.0.0.1 only. `localhost` reaches the same listeners, which gives the pages a
//! cross-site pair of origins (`127.0.0.1` vs `localhost`) without a second interface.

mod config;
mod site;

use std::process::ExitCode;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let cfg = match config::Config::from_env_and_args(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("ucontact-sandbox: {msg}\n\n{}", config::USAGE);
            return ExitCode::from(2);
        }
    };
    match site::run(cfg).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ucontact-sandbox: {e}");
            ExitCode::FAILURE
        }
    }
}
