//! What every build exports: the version, and the shared TypeScript types (errors, options).

use alloc::borrow::ToOwned;
use alloc::string::String;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("ts/common.d.ts");

/// Bytes of wasm memory the library holds now: diagnostics for leak tests (the memory's own
/// size only grows, so it cannot tell). Not part of the typed API.
#[wasm_bindgen(js_name = __heapInUse, skip_typescript)]
pub fn heap_in_use() -> f64 {
    crate::heap::in_use() as f64
}

/// The library version (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
