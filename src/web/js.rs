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
    if let Error::HttpStatus { status, body, .. } = e {
        // Already scrubbed of the session's secrets by the REST executor.
        let _ = Reflect::set(&err, &"status".into(), &(*status).into());
        let _ = Reflect::set(&err, &"body".into(), &body.as_str().into());
    }
    err.into()
}

/// Reads a JS options object into a Rust struct; a wrong shape is `INVALID_ARGUMENT`.
///
/// Goes through a JSON value on purpose: serde-wasm-bindgen reads only the fields a struct
/// declares, so a misspelt option (`timeout` for `timeoutMs`) would be silently ignored; via
/// `serde_json::Value` every key is seen and `deny_unknown_fields` rejects the typo.
///
/// An object with a `toJSON` method (a `Respool`, a `Date`…) is read through it, as
/// `JSON.stringify` would. A member set to `undefined` counts as absent, as in
/// `JSON.stringify` and TypeScript's optional properties (`{ debug: undefined }` is `{}`).
pub fn from_js<T: DeserializeOwned>(field: &'static str, v: JsValue) -> Result<T, Error> {
    let v = match Reflect::get(&v, &"toJSON".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        Some(to_json) => to_json.call0(&v).map_err(|_| Error::invalid(field, "its toJSON() threw"))?,
        None => v,
    };
    let mut value: serde_json::Value =
        serde_wasm_bindgen::from_value(v.clone()).map_err(|e| Error::invalid(field, e.to_string()))?;
    if has_null(&value) {
        drop_undefined(&v, &mut value);
    }
    serde_json::from_value(value).map_err(|e| Error::invalid(field, e.to_string()))
}

/// Reads an object whose members are all strings: exactly `keys`, in that order. The rules are
/// `from_js`'s (a member set to `undefined` is absent, an unknown member is refused), without
/// serde or an intermediate JSON value: this is the channel's per-call path.
pub fn strings<const N: usize>(
    field: &'static str,
    v: &JsValue,
    keys: [&'static str; N],
) -> Result<[String; N], Error> {
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(Error::invalid(field, format!("expected an object with {}", keys.join(", "))));
    }
    for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
        let name = key.as_string().unwrap_or_default();
        if !keys.contains(&name.as_str()) && !Reflect::get(v, &key).unwrap_or(JsValue::UNDEFINED).is_undefined() {
            return Err(Error::invalid(field, format!("unknown field `{name}`, expected one of {}", keys.join(", "))));
        }
    }
    let mut out: [String; N] = std::array::from_fn(|_| String::new());
    for (slot, key) in out.iter_mut().zip(keys) {
        let value = Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        *slot = match value.as_string() {
            Some(s) => s,
            None if value.is_undefined() => return Err(Error::invalid(field, format!("missing field `{key}`"))),
            None => return Err(Error::invalid(field, format!("`{key}` must be a string"))),
        };
    }
    Ok(out)
}

/// A copy of a plain object's own enumerable members, read with `Reflect` (a throwing getter
/// leaves its member out instead of throwing through the wasm).
pub fn shallow_copy(obj: &JsValue) -> Object {
    let copy = Object::new();
    if obj.is_object() {
        for key in Object::keys(obj.unchecked_ref::<Object>()).iter() {
            if let Ok(value) = Reflect::get(obj, &key) {
                let _ = Reflect::set(&copy, &key, &value);
            }
        }
    }
    copy
}

/// Whether `value` holds a `null` anywhere: only then can a member have been `undefined`.
fn has_null(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::Object(map) => map.values().any(has_null),
        serde_json::Value::Array(items) => items.iter().any(has_null),
        _ => false,
    }
}

/// Removes from `value` (converted from `js`) the object members that were `undefined` in
/// `js`; serde-wasm-bindgen turned them into `null`, which a non-optional field would refuse.
fn drop_undefined(js: &JsValue, value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => map.retain(|key, member| {
            let original = Reflect::get(js, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
            if original.is_undefined() {
                return false;
            }
            drop_undefined(&original, member);
            true
        }),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let original = Reflect::get_u32(js, i as u32).unwrap_or(JsValue::UNDEFINED);
                drop_undefined(&original, item);
            }
        }
        _ => {}
    }
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

/// A duration option: `default` when absent, else a positive number of milliseconds
/// (`Infinity` allowed).
pub fn positive(field: &'static str, v: Option<f64>, default: f64) -> Result<f64, Error> {
    match v {
        None => Ok(default),
        Some(ms) if ms > 0.0 => Ok(ms),
        Some(_) => Err(Error::invalid(field, "must be a positive number of milliseconds")),
    }
}

/// `obj[key]`, unless absent (`undefined`).
pub fn prop(obj: &JsValue, key: &str) -> Option<JsValue> {
    if !obj.is_object() {
        return None;
    }
    Reflect::get(obj, &key.into()).ok().filter(|v| !v.is_undefined())
}

/// The options every async method takes last: `{ signal?: AbortSignal, timeoutMs?: number }`.
///
/// Read by hand, not through serde: an `AbortSignal` is a live object, not JSON.
#[derive(Clone, Default)]
pub struct CallOptions {
    pub signal: Option<web_sys::AbortSignal>,
    pub timeout_ms: Option<f64>,
}

impl CallOptions {
    /// Reads `{ signal?, timeoutMs? }`; `undefined` and `null` mean none. Any other key is
    /// `INVALID_ARGUMENT` (a misspelt option must not be ignored silently).
    pub fn from_js(v: &JsValue) -> Result<Self, Error> {
        Self::read(v, &[])
    }

    /// Like [`CallOptions::from_js`], also allowing the method's own `extra` keys (read by the
    /// caller).
    pub fn read(v: &JsValue, extra: &[&str]) -> Result<Self, Error> {
        if v.is_undefined() || v.is_null() {
            return Ok(Self::default());
        }
        if !v.is_object() {
            return Err(Error::invalid("options", "must be an object"));
        }
        for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !matches!(key.as_str(), "signal" | "timeoutMs") && !extra.contains(&key.as_str()) {
                return Err(Error::invalid("options", format!("unknown option `{key}`")));
            }
        }
        let signal = match prop(v, "signal") {
            None => None,
            Some(s) if s.is_null() => None,
            Some(s) => Some(
                s.dyn_into::<web_sys::AbortSignal>().map_err(|_| Error::invalid("signal", "is not an AbortSignal"))?,
            ),
        };
        let timeout_ms = match prop(v, "timeoutMs") {
            None => None,
            Some(t) => Some(positive("timeoutMs", Some(t.as_f64().unwrap_or(f64::NAN)), 0.0)?),
        };
        Ok(Self { signal, timeout_ms })
    }
}

/// How waiting for a promise ended, when it did not resolve.
pub enum Interrupted {
    /// The caller's signal fired first.
    Aborted,
    /// The promise rejected with this value.
    Rejected(JsValue),
}

/// Waits for `promise`, or stops as soon as `signal` fires (the promise itself runs on).
pub async fn until_aborted(
    promise: js_sys::Promise,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<JsValue, Interrupted> {
    use wasm_bindgen_futures::JsFuture;
    let Some(signal) = signal else {
        return JsFuture::from(promise).await.map_err(Interrupted::Rejected);
    };
    if signal.aborted() {
        return Err(Interrupted::Aborted);
    }
    let mut listener = None;
    // The abort listener is the promise's own `reject` (a JS function): no Rust closure to own.
    let aborted = js_sys::Promise::new(&mut |_resolve, reject| {
        listener = super::resources::Listener::add(signal.clone().into(), "abort", &reject).ok();
    });
    let raced = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&promise, &aborted))).await;
    drop(listener);
    raced.map_err(|e| if signal.aborted() { Interrupted::Aborted } else { Interrupted::Rejected(e) })
}

/// The `code` of a JS error value from this library (`UContactError`), if it has one.
pub fn code_of(err: &JsValue) -> Option<String> {
    string_prop(err, "code")
}
