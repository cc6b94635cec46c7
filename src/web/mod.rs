//! The browser edge: the only code that names `web_sys`, `js_sys` or `JsValue`.
//!
//! Everything here is glue: it reads the browser (windows, origins, clocks), hands the facts
//! to the pure core, and carries out what the core decides. Every listener and timer has an
//! owner that removes it on `Drop`; nothing is leaked with `Closure::forget`.

mod bridge;
mod channel;
mod cti;
mod fetch;
mod host;
mod integra;
mod js;
mod resources;
mod types;

pub use bridge::Bridge;
pub use channel::PortalChannel;
pub use cti::{decode_cti, encrypt_cti, generate_cti_key, read_cti_from_storage, read_legacy_cti, Respool};
pub use host::PortalHost;
pub use integra::{build_base_file, CdrPages, IntegraClient};

use wasm_bindgen::prelude::*;

/// The library version (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
