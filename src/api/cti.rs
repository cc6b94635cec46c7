//! CTI for JavaScript: the typed record from the portal's reply, a plain record or the legacy
//! global `CTI`, and `Respool`, the dialer row with only the edits uContact documents.
//! (Sealed records, read with a key, come with the `sealed` capability: see `sealed.rs`.)

use alloc::borrow::ToOwned;
use alloc::string::String;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use super::opener;
use crate::cti::{self, view, Cti};
use crate::error::Error;
use crate::shapes;
use crate::web::convert::{self, Obj};

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("ts/cti.d.ts");

/// Reads a CTI input: a typed record from `decodeCti` (read back from its `raw`), a record
/// object, or text (plain JSON, a JSON string holding it, or a sealed envelope where the
/// build reads them).
pub(crate) fn decode_input(input: &JsValue, options: &JsValue) -> Result<Cti, Error> {
    let o = Obj::read("options", options, shapes::DECODE_CTI_OPTIONS.keys, true)?;
    // A typed record (it has `isVoice` and the original under `raw`) is read back from `raw`,
    // so `Respool.fromCti(decodeCti(x))` works as one expects.
    if input.is_object() && Reflect::get(input, &"isVoice".into()).is_ok_and(|v| v.as_bool().is_some()) {
        if let Some(raw) = convert::get(input, "raw").filter(JsValue::is_object) {
            return Cti::from_value(convert::from_js("cti", &raw)?);
        }
    }
    match input.as_string() {
        Some(text) => opener::open(&text, &o),
        None if input.is_object() => Cti::from_value(convert::from_js("cti", input)?),
        None => Err(Error::NotFound { reason: "the CTI value is neither a string nor an object" }),
    }
}

/// Decodes a CTI record: the portal's `CTI` reply (a JSON string or an object), plain JSON, or
/// (in the full build, with `{ key }`) a sealed `ucb2.` envelope. Returns the typed record
/// (`guid`, `campaign`, `parAndValues` as `[key, value]` pairs, `beep`/`answer` booleans,
/// `channel`, `dialer` or `null`, and `raw`, the record as received). Throws `BAD_JSON`,
/// `WRONG_KEY`, `TAMPERED`, `TRUNCATED`, `BAD_BASE64`, `UNSUPPORTED_ENVELOPE`, `BAD_KEY`.
#[wasm_bindgen(js_name = decodeCti, unchecked_return_type = "CtiRecord")]
pub fn decode_cti(
    #[wasm_bindgen(unchecked_param_type = "CtiInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DecodeCtiOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    Ok(convert::parse_js(&view::typed_json(&decode_input(&input, &options)?)))
}

/// Decodes the legacy global `CTI` string that v5 forms receive (plain JSON). Throws
/// `NOT_FOUND` when there is no such global, and `BAD_JSON` when it is malformed.
#[wasm_bindgen(js_name = readLegacyCti, unchecked_return_type = "CtiRecord")]
pub fn read_legacy_cti() -> Result<JsValue, JsValue> {
    Ok(convert::parse_js(&view::typed_json(&legacy()?)))
}

/// The legacy global `CTI` record.
pub(crate) fn legacy() -> Result<Cti, Error> {
    let global = convert::get(&convert::global(), "CTI").filter(|v| !v.is_null());
    let Some(global) = global else { return Err(Error::NotFound { reason: "there is no global `CTI`" }) };
    match global.as_string() {
        Some(text) => opener::open_plain(&text),
        None => decode_input(&global, &JsValue::UNDEFINED),
    }
}

/// A dialer row with only the edits uContact documents. Campaign, status, contact and
/// dialerbase are read-only (no setter exists) and travel unchanged. Pass it to
/// `channel.respool(r)` or `channel.schedule(date, r)` as it is.
#[wasm_bindgen(js_name = Respool)]
pub struct JsRespool {
    inner: cti::Respool,
}

impl JsRespool {
    /// The Respool of a decoded record; `NOT_DIALER` when it has no dialer row.
    pub(crate) fn from_record(record: &Cti) -> Result<JsRespool, Error> {
        Ok(JsRespool { inner: cti::Respool::from_cti(record)? })
    }
}

#[wasm_bindgen(js_class = Respool)]
impl JsRespool {
    /// Builds the Respool from a CTI record (anything `decodeCti` accepts, with the same
    /// options). Throws `NOT_DIALER` when the record has no dialer row.
    #[wasm_bindgen(js_name = fromCti)]
    pub fn from_cti(
        #[wasm_bindgen(unchecked_param_type = "CtiInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DecodeCtiOptions")] options: JsValue,
    ) -> Result<JsRespool, JsValue> {
        Ok(JsRespool::from_record(&decode_input(&input, &options)?)?)
    }

    /// Makes an alternative number the main one; the old main joins the alternatives in its
    /// place and retries reset to 0. Throws `INVALID_ARGUMENT` if it is not an alternative.
    pub fn promote(&mut self, #[wasm_bindgen(unchecked_param_type = "string")] number: JsValue) -> Result<(), JsValue> {
        Ok(self.inner.promote(&convert::arg_str("number", &number)?)?)
    }

    /// Reorders the alternatives (a permutation of the current ones).
    #[wasm_bindgen(js_name = reorderAlternatives)]
    pub fn reorder_alternatives(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] order: JsValue,
    ) -> Result<(), JsValue> {
        let order = convert::strings(&order).ok_or_else(|| Error::invalid("order", "must be an array of strings"))?;
        Ok(self.inner.reorder_alternatives(&order)?)
    }

    /// Sets the retry count of the main number. Throws `INVALID_ARGUMENT` unless it is a whole
    /// number from 0 to 4294967295.
    #[wasm_bindgen(js_name = setRetries)]
    pub fn set_retries(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] retries: JsValue,
    ) -> Result<(), JsValue> {
        self.inner.set_retries(convert::arg_u32("retries", &retries)?);
        Ok(())
    }

    /// Sets the priority: a whole number greater than 1 (1 is reserved for scheduled calls).
    /// Throws `INVALID_ARGUMENT` otherwise.
    #[wasm_bindgen(js_name = setPriority)]
    pub fn set_priority(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] priority: JsValue,
    ) -> Result<(), JsValue> {
        Ok(self.inner.set_priority(convert::arg_u32("priority", &priority)?)?)
    }

    /// Adds or changes a data parameter (`k=v`); keys and values that cannot be represented
    /// (`:`, `=` in keys, line breaks) are refused, never mangled.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) -> Result<(), JsValue> {
        let (key, value) = (convert::arg_str("key", &key)?, convert::arg_str("value", &value)?);
        Ok(self.inner.set_data(&key, &value)?)
    }

    /// Removes a data parameter; returns whether it existed.
    #[wasm_bindgen(js_name = removeData)]
    pub fn remove_data(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
    ) -> Result<bool, JsValue> {
        Ok(self.inner.remove_data(&convert::arg_str("key", &key)?))
    }

    /// Assigns the call to another agent phone (progressive dialers).
    #[wasm_bindgen(js_name = setAgentphone)]
    pub fn set_agentphone(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] phone: JsValue,
    ) -> Result<(), JsValue> {
        Ok(self.inner.set_agentphone(&convert::arg_str("phone", &phone)?)?)
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
    // A fresh array of strings, made by the one JSON-to-JS path every typed value takes
    // (wasm-bindgen's own `Vec<String>` return would add its array-passing glue for this one
    // getter).
    #[wasm_bindgen(getter, unchecked_return_type = "string[]")]
    pub fn alternatives(&self) -> JsValue {
        convert::to_js(&crate::json::Value::from(self.inner.alternatives().to_vec()))
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
        convert::to_js(&self.inner.to_value())
    }
}
