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

/// JavaScript values the library holds now (closures, windows, resolvers…): wasm-bindgen's own
/// count, whichever way its glue keeps them (an externref table with wasm reference types, a
/// JavaScript array without, as the builds ship). Diagnostics for the soak layer's leak
/// checks, beside `__heapInUse`; not part of the typed API. Only the full build is soaked, so
/// only it carries this probe (the channel and v6 builds keep their export lists).
// gate: the full build only, the one tests/soak loads.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = __refsInUse, skip_typescript)]
pub fn refs_in_use() -> u32 {
    wasm_bindgen::externref_heap_live_count()
}

/// The library version (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
