//! What every build exports: the version, and the shared TypeScript types (errors, options).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("ts/common.d.ts");

/// The library version (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
