//! Diagnostics for the soak layer's leak checks, not part of the typed API. Only the full build
//! is soaked, so only it carries them (`mod.rs` gates this module); the channel and v6 builds
//! keep their export lists.

use wasm_bindgen::prelude::*;

/// JavaScript values the library holds now (closures, windows, resolvers…): wasm-bindgen's own
/// count, whichever way its glue keeps them (an externref table with wasm reference types, a
/// JavaScript array without, as the builds ship). Diagnostics for the soak layer's leak
/// checks, beside `__heapInUse`; not part of the typed API. Only the full build is soaked, so
/// only it carries this probe (the channel and v6 builds keep their export lists).
#[wasm_bindgen(js_name = __refsInUse, skip_typescript)]
pub fn refs_in_use() -> u32 {
    wasm_bindgen::externref_heap_live_count()
}
