//! # ucontact-bridge
//!
//! A typed bridge from CRM pages to the uContact agent portal (Porthole over `postMessage`)
//! and to the Integra REST API, compiled to WebAssembly.
//!
//! The crate is a **pure core** that builds and tests natively, plus a **thin browser edge**:
//!
//! * [`wire`]: the Porthole envelope, the seven proxy actions, replies and the correlation policy.
//! * [`rest`]: the Integra REST API, sans-I/O: a request value per endpoint and a parser per
//!   response; the browser edge does the `fetch` in between.
//! * [`cti`]: the CTI record (plain, AES-256-GCM sealed, or the legacy global), its dialer row
//!   and the safely editable `Respool`.
//! * [`error`]: the one error type, with stable codes.
//! * [`validate`]: field validators shared by every module.
//! * `web` (wasm32 only): the only code that touches `window`, `postMessage`, `fetch`,
//!   `localStorage` and timers, and the `#[wasm_bindgen]` exports.

#[cfg(feature = "bridge")]
pub mod bridge;
pub mod cti;
pub mod error;
pub mod json;
#[cfg(feature = "rest")]
pub mod rest;
pub mod shapes;
pub mod text;
pub mod validate;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub mod heap;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, Result};
