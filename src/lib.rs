//! # ucontact-bridge
//!
//! A typed bridge from CRM pages to the uContact agent portal (Porthole over `postMessage`)
//! and to the Integra REST API, compiled to WebAssembly.
//!
//! The crate is a **pure core** that builds and tests natively, plus a **thin browser edge**
//! (wasm32 only). The core:
//!
//! * [`json`]: the one data model, a strict parser and a writer that prints what
//!   `JSON.stringify` prints.
//! * [`wire`]: the Porthole envelope, the eight proxy actions, replies, origins and the
//!   correlation policy.
//! * [`cti`]: the CTI record (plain, AES-256-GCM sealed, or the legacy global), its dialer row
//!   and the safely editable `Respool`.
//! * `rest` (`rest` capability): the Integra REST API, sans-I/O: a request value per endpoint
//!   and a parser per response; the browser edge does the `fetch` in between.
//! * `bridge` (`bridge`): the Bridge's decisions: the path table, probes, link transitions.
//! * `v6` (`v6`): uContact v6: uPhone's events, the agent/call state machine, the Inbox
//!   interaction, the Events API.
//! * [`sync`]: waiting without a runtime: the one-value channel between a callback and a
//!   future, and the races (first of two, unless aborted) that settle exactly once.
//! * [`error`], [`validate`], [`text`], [`shapes`]: the one error type with stable codes, field
//!   validators, messages without `core::fmt`, the keys of every argument object.
//!
//! The edge: `web`, browser adapters usable from Rust (the only code that touches `window`,
//! `postMessage`, `fetch`, storage and timers), and `api`, the `#[wasm_bindgen]` exports, thin,
//! over `web` and the core. `heap` declares the wasm build's allocator (the `ucb-heap` crate).

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
pub mod sync;
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

// A build links exactly one panic handler: std's, or this one where std is absent.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
mod panic;
