//! The TypeScript types of the public API: hand-written in `types.d.ts`, next to this file, and
//! emitted verbatim into the generated `.d.ts`. The signatures in the other files name them
//! through `unchecked_param_type` / `unchecked_optional_param_type` / `unchecked_return_type`.
//! `tests/error_codes.rs` checks `ErrorCode` against `ALL_CODES`; `scripts/types.sh` checks the
//! generated file against the golden copy and compiles a consumer that uses every method.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");
