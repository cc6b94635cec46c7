//! Sealed CTI records for JavaScript: `readCtiFromStorage`, `encryptCti`, `generateCtiKey`, and
//! how `decodeCti` opens text when the build has sealed envelopes (`key`, `acceptPlain`).

use wasm_bindgen::prelude::*;

use crate::cti::{self, view, Cti, Key, PlainPolicy};
use crate::error::Error;
use crate::shapes;
use crate::web::convert::{self, Obj};
use crate::web::storage;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("ts/sealed.d.ts");

/// Where records are looked for in `localStorage` unless `storageKey` says otherwise. The
/// portal's own key is not public, so the integrator names it; this default is ours.
pub const DEFAULT_STORAGE_KEY: &str = "ucontact-bridge.cti";

/// The `key` and `acceptPlain` options.
fn keyed(o: &Obj<'_>) -> Result<(Option<Key>, PlainPolicy), Error> {
    let key = o.opt_str("key")?.as_deref().map(Key::parse).transpose()?;
    let policy = if o.flag("acceptPlain")? { PlainPolicy::Accept } else { PlainPolicy::RefuseWhenKeyed };
    Ok((key, policy))
}

/// Opens CTI text with `decodeCti`'s options: a sealed envelope with `key`, plain JSON unless a
/// key is set (then only with `acceptPlain`).
pub(crate) fn open(text: &str, options: &Obj<'_>) -> Result<Cti, Error> {
    let (key, policy) = keyed(options)?;
    cti::decode_record_with(text, key.as_ref(), policy)
}

/// Opens plain CTI text (the legacy global).
pub(crate) fn open_plain(text: &str) -> Result<Cti, Error> {
    cti::decode_record_with(text, None, PlainPolicy::Accept)
}

/// Reads and decodes the record kept in `localStorage` under `storageKey` (default
/// `ucontact-bridge.cti`). Options: `{ storageKey?, key?, acceptPlain? }`. Throws
/// `STORAGE_UNAVAILABLE` when the browser blocks storage (cross-site frames, private modes),
/// `NOT_FOUND` when nothing is stored, and the decoding errors of `decodeCti`.
#[wasm_bindgen(js_name = readCtiFromStorage, unchecked_return_type = "CtiRecord")]
pub fn read_cti_from_storage(
    #[wasm_bindgen(unchecked_optional_param_type = "ReadCtiOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    Ok(convert::to_js(&view::typed(&from_storage(&options)?)))
}

/// The record in storage, per `ReadCtiOptions`.
pub(crate) fn from_storage(options: &JsValue) -> Result<Cti, Error> {
    let o = Obj::read("options", options, shapes::READ_CTI_OPTIONS.keys, true)?;
    let (key, policy) = keyed(&o)?;
    let name = o.opt_str("storageKey")?;
    let text = storage::read(name.as_deref().unwrap_or(DEFAULT_STORAGE_KEY))?;
    cti::decode_record_with(&text, key.as_ref(), policy)
}

/// Seals a record (a JSON string) into the `ucb2.` AES-256-GCM envelope with `key` (base64 or
/// hex of 32 bytes). Throws `BAD_KEY`, `BAD_JSON` (not a JSON object), `RANDOM_UNAVAILABLE`.
#[wasm_bindgen(js_name = encryptCti)]
pub fn encrypt_cti(record: &str, key: &str) -> Result<String, JsValue> {
    Cti::from_json_str(record)?;
    Ok(cti::encrypt(&Key::parse(key)?, record)?)
}

/// A new random AES-256 key, base64. Keep it secret; never log it.
#[wasm_bindgen(js_name = generateCtiKey)]
pub fn generate_cti_key() -> Result<String, JsValue> {
    Ok(Key::generate().map(|k| k.expose_base64())?)
}
