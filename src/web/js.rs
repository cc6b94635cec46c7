//! Conversions at the JS boundary: errors, JSON values, option objects, the clock.

use js_sys::{Object, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::Error;

/// A crate error as a JS `Error` with `name = "UContactError"` and a stable `code`.
pub fn error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("UContactError");
    let _ = Reflect::set(&err, &"code".into(), &e.code().into());
    err.into()
}

/// Reads a JS options object into a Rust struct; a wrong shape is `INVALID_ARGUMENT`.
///
/// Goes through a JSON value on purpose: serde-wasm-bindgen reads only the fields a struct
/// declares, so a misspelt option (`timeout` for `timeoutMs`) would be silently ignored; via
/// `serde_json::Value` every key is seen and `deny_unknown_fields` rejects the typo.
///
/// An object with a `toJSON` method (a `Respool`, a `Date`…) is read through it, as
/// `JSON.stringify` would.
pub fn from_js<T: DeserializeOwned>(field: &'static str, v: JsValue) -> Result<T, Error> {
    let v = match Reflect::get(&v, &"toJSON".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        Some(to_json) => to_json.call0(&v).map_err(|_| Error::invalid(field, "its toJSON() threw"))?,
        None => v,
    };
    let value: serde_json::Value = serde_wasm_bindgen::from_value(v).map_err(|e| Error::invalid(field, e.to_string()))?;
    serde_json::from_value(value).map_err(|e| Error::invalid(field, e.to_string()))
}

/// A Rust value as a plain JS value (objects, not `Map`s).
pub fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::UNDEFINED)
}

/// Milliseconds since the epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// `obj[key]` if it is a string.
pub fn string_prop(obj: &JsValue, key: &str) -> Option<String> {
    Reflect::get(obj, &key.into()).ok()?.as_string()
}

/// The current global object (`window` in pages).
pub fn global() -> Object {
    js_sys::global()
}

/// Logs to `console.debug` (used only when the integrator turned `debug` on).
pub fn debug(msg: &str) {
    web_sys::console::debug_1(&msg.into());
}

/// Reports an exception thrown by an integrator's callback without letting it escape.
pub fn report(context: &str, err: &JsValue) {
    web_sys::console::error_2(&context.into(), err);
}

/// Calls each subscriber with `value`; one that throws is reported and the others still run.
pub fn notify(subscribers: Vec<js_sys::Function>, value: &JsValue) {
    for f in subscribers {
        if let Err(err) = f.call1(&JsValue::NULL, value) {
            report("ucontact-bridge: a subscriber threw", &err);
        }
    }
}

/// This page's origin the way porthole.js computes it (`location.protocol + '//' + location.host`).
pub fn own_origin(window: &web_sys::Window) -> String {
    let loc = window.location();
    format!("{}//{}", loc.protocol().unwrap_or_default(), loc.host().unwrap_or_default())
}
