//! JSON, small and exact: the one data model of the pure core.
//!
//! The portal speaks JSON strings, the CTI record is JSON, the REST API answers JSON. The core
//! reads and writes all of it with this module instead of serde_json, for three reasons:
//!
//! 1. **Exact.** Objects keep their key order and numbers keep their text, so a value passes
//!    through unchanged, and [`Value::to_json`] prints what `JSON.stringify` prints for the
//!    same value (numbers that came from JavaScript are JavaScript's own text).
//! 2. **Small.** A strict parser and a writer with no float parsing or printing and no
//!    `core::fmt`: a few kilobytes of wasm where serde_json costs tens.
//! 3. **The same code everywhere.** Natively tested and fuzzed (differentially, against
//!    serde_json), and the same code runs in the browser.
//!
//! * [`Value`], [`Map`], [`Number`]: the data.
//! * [`parse`]: text to [`Value`], strict, depth-bounded, never panics.
//! * [`write`](mod@write): [`Value`] to text; [`write::string`] quotes a string.

// pub(crate): the base-file reader uses its number grammar.
pub(crate) mod parse;
#[cfg(test)]
pub(crate) mod testing;
mod value;
pub mod write;

pub use parse::{parse, ParseError, MAX_DEPTH};
pub use value::{Map, Number, Value};
