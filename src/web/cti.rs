//! CTI in the browser: decode the interaction record from the portal's reply, from
//! `localStorage`, or from the legacy global `CTI` string; seal records; edit a `Respool`.

use js_sys::Reflect;
use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

use super::js;
use crate::cti::{self, Cti, DataParams, Key, PlainPolicy};
use crate::error::Error;

/// Where records are looked for in `localStorage` unless `storageKey` says otherwise. The
/// portal's own key is not public, so the integrator names it; this default is ours.
pub const DEFAULT_STORAGE_KEY: &str = "ucontact-bridge.cti";

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct DecodeOptions {
    /// AES-256 key, base64 or hex of 32 bytes.
    key: Option<String>,
    /// Accept plain JSON even though a key is configured.
    accept_plain: bool,
    /// The localStorage key (readCtiFromStorage only).
    storage_key: Option<String>,
}

impl DecodeOptions {
    fn read(options: JsValue) -> Result<(DecodeOptions, Option<Key>), Error> {
        let o: DecodeOptions = if options.is_undefined() || options.is_null() {
            DecodeOptions::default()
        } else {
            js::from_js("options", options)?
        };
        let key = o.key.as_deref().map(Key::parse).transpose()?;
        Ok((o, key))
    }

    fn policy(&self) -> PlainPolicy {
        if self.accept_plain {
            PlainPolicy::Accept
        } else {
            PlainPolicy::RefuseWhenKeyed
        }
    }
}

fn pairs(d: &DataParams) -> Value {
    Value::Array(d.pairs().map(|(k, v)| json!([k, v])).collect())
}

/// The typed view of a record handed to JavaScript.
fn view(c: &Cti) -> Value {
    let dialer = c.dialer().map(|d| {
        json!({
            "campaign": d.campaign(), "destination": d.destination(), "dialerbase": d.dialerbase(),
            "status": d.status(), "data": pairs(d.data()), "alternatives": d.alternatives(),
            "contact": d.contact(), "retries": d.retries(), "priority": d.priority(), "agentphone": d.agentphone(),
        })
    });
    json!({
        "guid": c.guid(), "screen": c.screen(), "form": c.form(), "campaign": c.campaign(), "callerid": c.callerid(),
        "parAndValues": pairs(c.par_and_values()), "beep": c.beep(), "answer": c.answer(), "channel": c.channel(),
        "isVoice": c.is_voice(), "dialer": dialer, "raw": c.to_value(),
    })
}

/// The portal's reply to the `CTI` action as the typed record `decodeCti` gives. The reply
/// is a JSON string or an object; a malformed one is `BAD_JSON`, never a panic.
pub(crate) fn typed(reply: Value) -> Result<Value, Error> {
    let record = match reply {
        Value::String(text) => cti::decode_record_with(&text, None, PlainPolicy::Accept)?,
        other => Cti::from_value(other)?,
    };
    Ok(view(&record))
}

fn decode_value(input: &JsValue, key: Option<&Key>, policy: PlainPolicy) -> Result<Cti, Error> {
    // A typed record from decodeCti (it has `isVoice` and the original under `raw`) is read
    // back from `raw`, so `Respool.fromCti(decodeCti(x))` works as one expects.
    if input.is_object() && Reflect::get(input, &"isVoice".into()).is_ok_and(|v| v.as_bool().is_some()) {
        let raw = Reflect::get(input, &"raw".into()).unwrap_or(JsValue::UNDEFINED);
        if raw.is_object() {
            return Cti::from_value(js::from_js::<Value>("cti", raw)?);
        }
    }
    match input.as_string() {
        Some(text) => cti::decode_record_with(&text, key, policy),
        None if input.is_object() => Cti::from_value(js::from_js::<Value>("cti", input.clone())?),
        None => Err(Error::NotFound { reason: "the CTI value is neither a string nor an object" }),
    }
}

/// Decodes a CTI record: the portal's `CTI` reply (a JSON string or an object), a sealed
/// `ucb2.` envelope, or plain JSON. Options: `{ key?, acceptPlain? }`. Returns the typed record
/// (`guid`, `campaign`, `parAndValues` as `[key, value]` pairs, `beep`/`answer` booleans,
/// `channel`, `dialer` or `null`, and `raw`, the record as received). Throws `BAD_JSON`,
/// `WRONG_KEY`, `TAMPERED`, `TRUNCATED`, `BAD_BASE64`, `UNSUPPORTED_ENVELOPE`, `BAD_KEY`.
#[wasm_bindgen(js_name = decodeCti, unchecked_return_type = "CtiRecord")]
pub fn decode_cti(
    #[wasm_bindgen(unchecked_param_type = "CtiInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DecodeCtiOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<Value, Error> {
        let (o, key) = DecodeOptions::read(options)?;
        Ok(view(&decode_value(&input, key.as_ref(), o.policy())?))
    };
    run().map(|v| js::to_js(&v)).map_err(|e| js::error(&e))
}

/// Reads and decodes the record kept in `localStorage` under `storageKey` (default
/// `ucontact-bridge.cti`). Options: `{ storageKey?, key?, acceptPlain? }`. Throws
/// `STORAGE_UNAVAILABLE` when the browser blocks storage (cross-site frames, private modes),
/// `NOT_FOUND` when nothing is stored, and the decoding errors of `decodeCti`.
#[wasm_bindgen(js_name = readCtiFromStorage, unchecked_return_type = "CtiRecord")]
pub fn read_cti_from_storage(
    #[wasm_bindgen(unchecked_optional_param_type = "ReadCtiOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<Value, Error> {
        let (o, key) = DecodeOptions::read(options)?;
        let window = web_sys::window().ok_or(Error::StorageUnavailable { reason: "there is no window".into() })?;
        let storage = match window.local_storage() {
            Ok(Some(s)) => s,
            Ok(None) => return Err(Error::StorageUnavailable { reason: "localStorage is not available".into() }),
            Err(e) => {
                return Err(Error::StorageUnavailable {
                    reason: js::string_prop(&e, "message").unwrap_or_else(|| "access denied".into()),
                })
            }
        };
        let name = o.storage_key.as_deref().unwrap_or(DEFAULT_STORAGE_KEY);
        let text = storage
            .get_item(name)
            .map_err(|_| Error::StorageUnavailable { reason: "localStorage read failed".into() })?
            .ok_or(Error::NotFound { reason: "nothing stored under the storage key" })?;
        Ok(view(&cti::decode_record_with(&text, key.as_ref(), o.policy())?))
    };
    run().map(|v| js::to_js(&v)).map_err(|e| js::error(&e))
}

/// Decodes the legacy global `CTI` string that v5 forms receive (plain JSON). Throws
/// `NOT_FOUND` when there is no such global, and `BAD_JSON` when it is malformed.
#[wasm_bindgen(js_name = readLegacyCti, unchecked_return_type = "CtiRecord")]
pub fn read_legacy_cti() -> Result<JsValue, JsValue> {
    let run = || -> Result<Value, Error> {
        let global = Reflect::get(&js::global(), &"CTI".into()).unwrap_or(JsValue::UNDEFINED);
        if global.is_undefined() || global.is_null() {
            return Err(Error::NotFound { reason: "there is no global `CTI`" });
        }
        Ok(view(&decode_value(&global, None, PlainPolicy::Accept)?))
    };
    run().map(|v| js::to_js(&v)).map_err(|e| js::error(&e))
}

/// Seals a record (a JSON string) into the `ucb2.` AES-256-GCM envelope with `key` (base64 or
/// hex of 32 bytes). Throws `BAD_KEY`, `BAD_JSON` (not a JSON object), `RANDOM_UNAVAILABLE`.
#[wasm_bindgen(js_name = encryptCti)]
pub fn encrypt_cti(record: &str, key: &str) -> Result<String, JsValue> {
    let run = || -> Result<String, Error> {
        Cti::from_json_str(record)?;
        cti::encrypt(&Key::parse(key)?, record)
    };
    run().map_err(|e| js::error(&e))
}

/// A new random AES-256 key, base64. Keep it secret; never log it.
#[wasm_bindgen(js_name = generateCtiKey)]
pub fn generate_cti_key() -> Result<String, JsValue> {
    Key::generate().map(|k| k.expose_base64()).map_err(|e| js::error(&e))
}

/// A dialer row with only the edits uContact documents. Campaign, status, contact and
/// dialerbase are read-only (no setter exists) and travel unchanged. Pass it to
/// `channel.respool(r)` or `channel.schedule(date, r)` as it is.
#[wasm_bindgen]
pub struct Respool {
    inner: cti::Respool,
}

#[wasm_bindgen]
impl Respool {
    /// Builds the Respool from a CTI record (anything `decodeCti` accepts, with the same
    /// options). Throws `NOT_DIALER` when the record has no dialer row.
    #[wasm_bindgen(js_name = fromCti)]
    pub fn from_cti(
        #[wasm_bindgen(unchecked_param_type = "CtiInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DecodeCtiOptions")] options: JsValue,
    ) -> Result<Respool, JsValue> {
        let run = || -> Result<Respool, Error> {
            let (o, key) = DecodeOptions::read(options)?;
            let record = decode_value(&input, key.as_ref(), o.policy())?;
            Ok(Respool { inner: cti::Respool::from_cti(&record)? })
        };
        run().map_err(|e| js::error(&e))
    }

    /// Makes an alternative number the main one; the old main joins the alternatives in its
    /// place and retries reset to 0. Throws `INVALID_ARGUMENT` if it is not an alternative.
    pub fn promote(&mut self, number: &str) -> Result<(), JsValue> {
        self.inner.promote(number).map_err(|e| js::error(&e))
    }

    /// Reorders the alternatives (a permutation of the current ones).
    #[wasm_bindgen(js_name = reorderAlternatives)]
    pub fn reorder_alternatives(&mut self, order: Vec<String>) -> Result<(), JsValue> {
        self.inner.reorder_alternatives(&order).map_err(|e| js::error(&e))
    }

    /// Sets the retry count of the main number.
    #[wasm_bindgen(js_name = setRetries)]
    pub fn set_retries(&mut self, retries: u32) {
        self.inner.set_retries(retries)
    }

    /// Sets the priority; must be greater than 1 (1 is reserved for scheduled calls).
    #[wasm_bindgen(js_name = setPriority)]
    pub fn set_priority(&mut self, priority: u32) -> Result<(), JsValue> {
        self.inner.set_priority(priority).map_err(|e| js::error(&e))
    }

    /// Adds or changes a data parameter (`k=v`); keys and values that cannot be represented
    /// (`:`, `=` in keys, line breaks) are refused, never mangled.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&mut self, key: &str, value: &str) -> Result<(), JsValue> {
        self.inner.set_data(key, value).map_err(|e| js::error(&e))
    }

    /// Removes a data parameter; returns whether it existed.
    #[wasm_bindgen(js_name = removeData)]
    pub fn remove_data(&mut self, key: &str) -> bool {
        self.inner.remove_data(key)
    }

    /// Assigns the call to another agent phone (progressive dialers).
    #[wasm_bindgen(js_name = setAgentphone)]
    pub fn set_agentphone(&mut self, phone: &str) -> Result<(), JsValue> {
        self.inner.set_agentphone(phone).map_err(|e| js::error(&e))
    }

    /// The dialer campaign (read-only).
    #[wasm_bindgen(getter)]
    pub fn campaign(&self) -> String {
        self.inner.campaign().to_owned()
    }

    /// The main number.
    #[wasm_bindgen(getter)]
    pub fn destination(&self) -> String {
        self.inner.destination().to_owned()
    }

    /// The alternative numbers, in order.
    #[wasm_bindgen(getter)]
    pub fn alternatives(&self) -> Vec<String> {
        self.inner.alternatives().to_vec()
    }

    /// The retry count of the main number.
    #[wasm_bindgen(getter)]
    pub fn retries(&self) -> u32 {
        self.inner.retries()
    }

    /// The priority.
    #[wasm_bindgen(getter)]
    pub fn priority(&self) -> u32 {
        self.inner.priority()
    }

    /// The documented Respool object (`campaign, destination, dialerbase, status, data,
    /// alternatives, contact, retries, priority, agentphone`), as sent to the portal and REST.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "RespoolJson")]
    pub fn to_json(&self) -> JsValue {
        js::to_js(&self.inner.to_value())
    }
}
