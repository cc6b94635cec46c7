//! Sealed CTI records for JavaScript: `CtiKey`, `readCtiFromStorage`, `encryptCti`,
//! `generateCtiKey`, and how `decodeCti` opens text when the build has sealed envelopes (`key`,
//! `acceptPlain`).

use wasm_bindgen::prelude::*;

use super::cti::JsRespool;
use crate::cti::{self, view, Cipher, Cti, Key, PlainPolicy};
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
fn keyed(o: &Obj<'_>) -> Result<(Option<Cipher>, PlainPolicy), Error> {
    let key = o.opt_str(shapes::decode_cti_options::key)?.as_deref().map(Key::parse).transpose()?;
    Ok((key.as_ref().map(Cipher::new), policy(o)?))
}

/// The `acceptPlain` option.
fn policy(o: &Obj<'_>) -> Result<PlainPolicy, Error> {
    Ok(if o.flag(shapes::decode_cti_options::acceptPlain)? {
        PlainPolicy::Accept
    } else {
        PlainPolicy::RefuseWhenKeyed
    })
}

/// Opens CTI text with `decodeCti`'s options: a sealed envelope with `key`, plain JSON unless a
/// key is set (then only with `acceptPlain`).
pub(crate) fn open(text: &str, options: &Obj<'_>) -> Result<Cti, Error> {
    let (key, policy) = keyed(options)?;
    cti::decode_with_cipher(text, key.as_ref(), policy)
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
    Ok(convert::parse_js(&view::typed_json(&from_storage(&options)?)))
}

/// The record in storage, per `ReadCtiOptions`.
pub(crate) fn from_storage(options: &JsValue) -> Result<Cti, Error> {
    let o = Obj::read("options", options, shapes::READ_CTI_OPTIONS.keys, true)?;
    let (key, policy) = keyed(&o)?;
    let name = o.opt_str(shapes::read_cti_options::storageKey)?;
    let text = storage::read(name.as_deref().unwrap_or(DEFAULT_STORAGE_KEY))?;
    cti::decode_with_cipher(&text, key.as_ref(), policy)
}

/// Seals a record (a JSON string) into the `ucb2.` AES-256-GCM envelope with `key` (base64 or
/// hex of 32 bytes). Throws `BAD_KEY`, `BAD_JSON` (not a JSON object), `RANDOM_UNAVAILABLE`.
#[wasm_bindgen(js_name = encryptCti)]
pub fn encrypt_cti(
    #[wasm_bindgen(unchecked_param_type = "string")] record: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
) -> Result<String, JsValue> {
    let (record, key) = (convert::arg_str("record", &record)?, convert::arg_str("key", &key)?);
    Cti::from_json_str(&record)?;
    Ok(cti::encrypt(&Key::parse(&key)?, &record)?)
}

/// A new random AES-256 key, base64. Keep it secret; never log it.
#[wasm_bindgen(js_name = generateCtiKey)]
pub fn generate_cti_key() -> Result<String, JsValue> {
    Ok(Key::generate().map(|k| k.expose_base64())?)
}

/// An AES-256 key imported once, like a `CryptoKey`: its round keys, GCM hash key and check
/// value are computed when it is made, so opening many records costs no key work per record.
/// Synchronous. The key text is not kept; `free()` releases the expanded key.
#[wasm_bindgen]
pub struct CtiKey {
    cipher: Cipher,
}

#[wasm_bindgen]
impl CtiKey {
    /// Imports a key: 32 bytes as base64 or 64 hex digits. Throws `BAD_KEY`.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "string")] key: JsValue) -> Result<CtiKey, JsValue> {
        Ok(CtiKey { cipher: Cipher::new(&Key::parse(&convert::arg_str("key", &key)?)?) })
    }

    /// `decodeCti(text, { key })` with this key: a sealed `ucb2.` envelope (or, with
    /// `acceptPlain`, plain JSON) to the typed record.
    #[wasm_bindgen(unchecked_return_type = "CtiRecord")]
    pub fn decode(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CtiKeyOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        Ok(convert::parse_js(&view::typed_json(&self.read(&text, &options)?)))
    }

    /// One pass from an envelope to the typed record and its `Respool` (`null` when the record
    /// has no dialer row): `{ record, respool }`.
    #[wasm_bindgen(unchecked_return_type = "CtiOpened")]
    pub fn open(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CtiKeyOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let record = self.read(&text, &options)?;
        let respool = match record.dialer() {
            Some(_) => JsValue::from(JsRespool::from_record(&record)?),
            None => JsValue::NULL,
        };
        let out = js_sys::Object::new();
        convert::set(&out, "record", &convert::parse_js(&view::typed_json(&record)));
        convert::set(&out, "respool", &respool);
        Ok(out.into())
    }

    /// `Respool.fromCti(text, { key })` with this key.
    #[wasm_bindgen(js_name = respool)]
    pub fn respool(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CtiKeyOptions")] options: JsValue,
    ) -> Result<JsRespool, JsValue> {
        Ok(JsRespool::from_record(&self.read(&text, &options)?)?)
    }

    /// Seals a record (a JSON object as text) into a `ucb2.` envelope. Throws `BAD_JSON`,
    /// `RANDOM_UNAVAILABLE`.
    pub fn seal(&self, #[wasm_bindgen(unchecked_param_type = "string")] record: JsValue) -> Result<String, JsValue> {
        let record = convert::arg_str("record", &record)?;
        Cti::from_json_str(&record)?;
        Ok(self.cipher.seal(&record)?)
    }

    /// The key check value (8 hex digits): safe to show, to confirm two systems hold the same
    /// key.
    #[wasm_bindgen(getter, js_name = checkValue)]
    pub fn check_value(&self) -> String {
        let mut out = String::with_capacity(8);
        for b in self.cipher.check_value() {
            for nibble in [b >> 4, b & 15] {
                out.push(char::from(if nibble < 10 { b'0' + nibble } else { b'a' + nibble - 10 }));
            }
        }
        out
    }
}

impl CtiKey {
    /// The record in `text`, per `CtiKeyOptions`.
    fn read(&self, text: &JsValue, options: &JsValue) -> Result<Cti, Error> {
        let text = convert::arg_str("text", text)?;
        let o = Obj::read("options", options, shapes::CTI_KEY_OPTIONS.keys, true)?;
        cti::decode_with_cipher(&text, Some(&self.cipher), policy(&o)?)
    }
}
