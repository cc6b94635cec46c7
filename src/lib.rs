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

// The wasm builds without the `std` feature (the `channel` and `v6` entries) are `no_std`:
// everything here uses `core` and `alloc` only (Cargo.toml says why).
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]

extern crate alloc;

#[cfg(feature = "bridge")]
pub mod bridge;
pub mod cti;
pub mod error;
pub mod json;
mod order;
#[cfg(feature = "rest")]
pub mod rest;
pub mod shapes;
pub mod text;
#[cfg(feature = "v6")]
pub mod v6;
pub mod validate;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod api;
pub mod heap;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, Result};

/// Without std a panic traps at once. The library has no panicking path of its own (clippy
/// denies them); what is left are the branches of `core` and wasm-bindgen that cannot be taken
/// (a `RefCell` borrowed twice, an index out of range). Such a trap reaches JavaScript as a
/// `RuntimeError`, as std's `panic = "abort"` does, but without the ~3 KB that format a message
/// nothing in a browser would print.
// gate: a build links exactly one panic handler: std's, or this one where std is absent.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
