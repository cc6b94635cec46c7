//! The JavaScript surface: every `#[wasm_bindgen]` export, and nothing else. Read this file as
//! the table of contents of what each build exposes; each module carries its TypeScript
//! fragment (`ts/*.d.ts`) under the same capability, so a build's `.d.ts` declares exactly
//! what it exports.
//!
//! | capability | exports                                                        | entries        |
//! |------------|----------------------------------------------------------------|----------------|
//! | (always)   | `version`, `UContactError`, `ErrorCode`, `CallOptions` types   | all            |
//! | (glue)     | `UContactError`, `isUContactError`, `ErrorCode` at run time (scripts/error-values.mjs) | all |
//! | `channel`  | `PortalChannel`, `decodeCti`, `readLegacyCti`, `Respool`        | channel, full, testing |
//! | `sealed`   | `CtiKey`, `readCtiFromStorage`, `encryptCti`, `generateCtiKey`, `decodeCti({ key })` | full |
//! | `rest`     | `IntegraClient`, `CdrPages`, `buildBaseFile`                    | full           |
//! | `bridge`   | `Bridge`                                                       | full           |
//! | `host`     | `PortalHost`                                                   | testing        |
//! | `v6`       | `UPhone`, `FormBridge`, `UContactEvents`                       | v6             |
//!
//! The classes are thin: they read JavaScript arguments (`web::convert`) and call the
//! Rust-level APIs of `web` and the pure core.

mod common;
#[cfg(feature = "full")]
mod probes;

#[cfg(feature = "channel")]
pub mod channel;
#[cfg(feature = "channel")]
pub mod cti;
// How `decodeCti` opens text: plain JSON only, or with sealed envelopes too.
#[cfg(all(feature = "channel", not(feature = "sealed")))]
mod plain;
#[cfg(all(feature = "channel", not(feature = "sealed")))]
use plain as opener;
#[cfg(feature = "sealed")]
pub mod sealed;
#[cfg(feature = "sealed")]
use sealed as opener;
#[cfg(feature = "bridge")]
pub mod bridge;
#[cfg(feature = "host")]
pub mod host;
#[cfg(feature = "rest")]
pub mod integra;
#[cfg(feature = "v6")]
pub mod v6;

#[cfg(feature = "bridge")]
pub use bridge::Bridge;
#[cfg(feature = "channel")]
pub use channel::PortalChannel;
pub use common::version;
#[cfg(feature = "channel")]
pub use cti::{decode_cti, read_legacy_cti, JsRespool};
#[cfg(feature = "host")]
pub use host::PortalHost;
#[cfg(feature = "rest")]
pub use integra::{build_base_file, CdrPages, IntegraClient};
#[cfg(feature = "sealed")]
pub use sealed::{encrypt_cti, generate_cti_key, read_cti_from_storage, CtiKey};
#[cfg(feature = "v6")]
pub use v6::{FormBridge, UContactEvents, UPhone};
