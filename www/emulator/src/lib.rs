//! A strict, in-memory emulator of uContact's Integra REST API, for integration tests and the
//! sandbox of `ucontact-bridge`.
//!
//! It answers like the real service (bodies `0`/`1`, GUIDs, JSON string tokens, DispositionCall's
//! documented 400 texts, 401 for bad tokens) and checks requests more strictly than the service
//! would need to, so a sloppy client fails here rather than in production: exact form field
//! names, servlet-exact form decoding, JSON-in-field objects with exactly the documented keys and
//! types, the form content type, `Authorization: Basic <token>`.
//!
//! The behaviour lives in a transport-neutral core (`Emulator::handle`: a request in, an answer
//! and what the transport must do with it out; `exchange.rs`). The axum router and `serve` are
//! its transport for Rust servers and tests (feature `server`, on by default); without that
//! feature the crate builds for wasm32-unknown-unknown, which `www/emulator-wasm` wraps for Node
//! (the npm package's testing kit).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use integra_emulator::{router, serve, Emulator, EmulatorConfig};
//! let emu = Emulator::new(EmulatorConfig::default().allow_origin("http://localhost:8002"));
//! let app: axum::Router = router(emu.clone()); // merge into the sandbox server's router
//! let served = serve("127.0.0.1:0".parse().unwrap(), emu.clone()).await?; // or serve alone
//! println!("emulator on http://{}", served.addr);
//! # Ok(()) }
//! ```
//!
//! Map of the crate:
//! - `config`, `seed`: what an instance holds (`EmulatorConfig::default()` is the seeded one);
//! - `emulator`, `state`, `records`: the shared handle, its memory and what tests inspect;
//! - `exchange`: the core's request and answer, routing, 405s; `router`: the axum transport;
//! - `endpoints`, `pipeline`: the endpoint table and the common request steps;
//! - `form`, `jsonfield`, `auth`: strict form decoding, JSON-in-field checks, sessions;
//! - `handlers::*`: one file per endpoint family;
//! - `recordings`: recording files on the telephony (`/records/`) and backup
//!   (`/backup/records/`) hosts;
//! - `faults`, `control`, `cors`: fault injection, `/__emulator/*` routes, CORS;
//! - `clock`, `ids`: dates, time and GUIDs; `serve`: a stand-alone server for tests.

mod auth;
mod clock;
mod config;
mod control;
mod cors;
mod emulator;
mod endpoints;
mod exchange;
mod faults;
mod form;
mod handlers;
mod ids;
mod jsonfield;
mod pipeline;
mod recordings;
mod records;
#[cfg(feature = "server")]
mod router;
mod seed;
#[cfg(feature = "server")]
mod serve;
mod state;

pub use config::{
    AgentConfig, AgentStatus, AudioFormat, CampaignConfig, CdrSeed, DialerAction, DispositionConfig, EmulatorConfig,
    RecordingPlace, RecordingSeed, UserConfig,
};
pub use emulator::Emulator;
pub use endpoints::API_PREFIX;
pub use exchange::{Answer, Delivery, Request, Step, Wait};
pub use faults::Fault;
pub use pipeline::REASON_HEADER;
pub use recordings::{fake_audio, recording_path, BACKUP_PREFIX, TELEPHONY_PREFIX};
pub use records::*;
#[cfg(feature = "server")]
pub use router::router;
pub use seed::*;
#[cfg(feature = "server")]
pub use serve::{serve, Served};
pub use state::View;
