//! Crossing the JS boundary: errors out, option objects and JSON values both ways.
//!
//! Foreign values are read by hand (no serde visitors: they would bring `core::fmt` and float
//! printing into the build). The rules every reader here keeps:
//!
//! * an object member set to `undefined` counts as absent, as in `JSON.stringify` and
//!   TypeScript's optional properties;
//! * a key the reader does not know is `INVALID_ARGUMENT` (a misspelt option must not be
//!   ignored silently);
//! * a getter that throws is read as absent, never thrown through the wasm.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;
use js_sys::{Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::cat;
use crate::error::Error;
use crate::json::{self, Value};
use crate::shapes;

// What an `Obj` keeps of its shape's keys: the keys themselves where reads are checked against
// them (debug builds: the tests), nothing in release builds, which then carry neither the
// check nor the slice.
#[cfg(debug_assertions)]
use declared::Checked as Declared;
#[cfg(not(debug_assertions))]
use declared::Unchecked as Declared;

/// A crate error as a JS `Error` with `name = "UContactError"` and a stable `code`.
impl From<Error> for JsValue {
    // Out of line: every export converts errors, and one copy serves them all.
    #[inline(never)]
    fn from(e: Error) -> JsValue {
        error(&e)
    }
}

/// A crate error as a JS `Error` with `name = "UContactError"`, `code`, and for `HTTP_STATUS`
/// the `status` and `body` (already scrubbed of the session's secrets by the REST executor).
/// The shipped glue makes this `Error::new` a `new UContactError(...)` (scripts/error-values.mjs),
/// so every error is an instance of the exported class; the test builds keep a plain `Error`.
#[inline(never)]
pub fn error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.message());
    err.set_name("UContactError");
    set(&err, "code", &e.code().into());
    // Without the REST client a `Rest` error cannot exist, and this is dead code.
    if let Some((status, body)) = if let Error::Rest(r) = e { r.http_status() } else { None } {
        set(&err, "status", &JsValue::from(status));
        set(&err, "body", &JsValue::from_str(body));
    }
    err.into()
}

/// A crate error as a JS error that also says whether its request left the page (`sent`):
/// `false` means nothing was posted or sent, so it is safe to retry.
pub fn failure(e: &Error, sent: bool) -> JsValue {
    let err = error(e);
    set(&err, "sent", &JsValue::from_bool(sent));
    err
}

/// How many property names [`key`] keeps as JS strings.
const KEYS_KEPT: usize = 64;

/// Property names already made into JS strings: the readers look up the same few dozen names
/// (option and row fields) again and again, and making a JS string from Rust text costs a
/// `TextDecoder` call each time.
static KEYS: OneThread<RefCell<Vec<Kept>>> = OneThread(RefCell::new(Vec::new()));

/// A property name and its JS string.
type Kept = (Box<str>, JsValue);

/// A `static` of the module's one thread (what `thread_local!` is with std, which the
/// `no_std` builds do not have).
struct OneThread<T>(T);

// SAFETY: a wasm32 module built without the `atomics` target feature runs on exactly one
// thread, so the value is never reached from two. (With `atomics` this impl is absent and the
// `static` does not compile.)
#[cfg(not(target_feature = "atomics"))]
#[allow(unsafe_code)]
unsafe impl<T> Sync for OneThread<T> {}

/// `name` as a JS string, made once per name (the first [`KEYS_KEPT`] names; others each time).
pub fn key(name: &str) -> JsValue {
    let Ok(mut keys) = KEYS.0.try_borrow_mut() else { return JsValue::from_str(name) };
    if let Some((_, v)) = keys.iter().find(|(k, _)| **k == *name) {
        return v.clone();
    }
    let v = JsValue::from_str(name);
    if keys.len() < KEYS_KEPT {
        keys.push((name.into(), v.clone()));
    }
    v
}

/// `obj[key] = value`, ignoring failure (a frozen object keeps its members).
pub fn set(obj: &JsValue, name: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &key(name), value);
}

/// `obj[key]`, unless it is `undefined` or reading it throws.
pub fn get(obj: &JsValue, name: &str) -> Option<JsValue> {
    if !obj.is_object() && !obj.is_function() {
        return None;
    }
    Reflect::get(obj, &key(name)).ok().filter(|v| !v.is_undefined())
}

/// A JSON value as a JS value. Strings and booleans cross directly; everything else as JSON
/// text that `JSON.parse` reads, in one step and with JavaScript's own number conversion.
#[inline(never)]
pub fn to_js(v: &Value) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::String(s) => JsValue::from_str(s),
        other => parse_js(&other.to_json()),
    }
}

/// `JSON.parse(text)` of text this crate wrote (so it cannot fail; `undefined` if it did).
pub fn parse_js(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or(JsValue::UNDEFINED)
}

/// A JS value as JSON, the way `JSON.stringify` sees it: `toJSON` is honoured, `undefined`
/// members are left out, numbers keep JavaScript's own text. `field` names the argument in
/// the `INVALID_ARGUMENT` for what JSON cannot hold (a cycle, a `BigInt`, a bare function).
#[inline(never)]
pub fn from_js(field: &'static str, v: &JsValue) -> Result<Value, Error> {
    let text = JSON::stringify(v).map_err(|_| Error::invalid(field, "cannot be written as JSON"))?;
    let text = text.as_string().ok_or_else(|| Error::invalid(field, "is missing or not JSON"))?;
    if text.len() > MAX_JSON_BYTES {
        return Err(Error::invalid(field, "is larger than 4 MiB as JSON"));
    }
    json::parse(&text).map_err(|_| Error::invalid(field, "cannot be written as JSON"))
}

/// The largest JSON text read from a JS value (an argument, an option object, a v6 message):
/// 4 MiB of UTF-8, refused before it is parsed.
pub const MAX_JSON_BYTES: usize = 4 << 20;

#[wasm_bindgen]
extern "C" {
    /// `globalThis` (what `js_sys::global()` finds first, without its fallbacks to `self`,
    /// `window` and `global`, which every engine that runs this wasm has no need of).
    #[wasm_bindgen(thread_local_v2, js_name = globalThis)]
    static GLOBAL_THIS: JsValue;
}

/// The global object: the window in a page.
pub fn global() -> JsValue {
    GLOBAL_THIS.with(JsValue::clone)
}

/// This page's window; `None` outside a browser page (as `web_sys::window()`).
pub fn window() -> Option<web_sys::Window> {
    global().dyn_into().ok()
}

/// `obj[key]` when it is a string (a window's `name`, a location's `host`, …). Read through
/// `Reflect.get` like every other member, rather than one binding per getter.
pub fn get_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).and_then(|v| v.as_string())
}

/// This page's origin the way porthole.js computes it (`location.protocol + '//' + location.host`).
pub fn own_origin(window: &web_sys::Window) -> String {
    let loc = get(window, "location").unwrap_or(JsValue::UNDEFINED);
    cat![get_string(&loc, "protocol").unwrap_or_default(), "//", get_string(&loc, "host").unwrap_or_default()]
}

/// Milliseconds since the epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// Reports an exception thrown by an integrator's callback without letting it escape.
pub fn report(context: &str, err: &JsValue) {
    web_sys::console::error_2(&JsValue::from_str(context), err);
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

/// An options or arguments object being read: its keys checked once against the ones the
/// reader knows, its members then read by type.
///
/// The known keys are a shape's (`crate::shapes`, checked against the `.d.ts`), and a member
/// may be read only by one of them: a reader that misspells a key fails a debug assertion the
/// first time it runs (the wasm tests run every reader), instead of reading the member as
/// absent. Release builds leave the check out, and keep no keys.
pub struct Obj<'a> {
    field: &'static str,
    v: &'a JsValue,
    known: Declared<'a>,
}

/// The keys an [`Obj`] may be read by, kept or not (see `Declared` above).
pub mod declared {
    use core::marker::PhantomData;

    /// The shape's keys, and a read by any other key fails a debug assertion.
    pub struct Checked<'a>(&'a [&'a str]);

    impl<'a> Checked<'a> {
        /// Keeps `keys`.
        pub fn new(keys: &'a [&'a str]) -> Self {
            Checked(keys)
        }

        /// Asserts that `key` is one of the keys.
        pub fn check(&self, field: &str, key: &str) {
            debug_assert!(self.0.contains(&key), "`{field}` reads `{key}`, which its shape does not declare");
        }
    }

    /// Nothing kept, nothing checked.
    pub struct Unchecked<'a>(PhantomData<&'a ()>);

    impl<'a> Unchecked<'a> {
        /// Keeps nothing of `keys`.
        pub fn new(_keys: &'a [&'a str]) -> Self {
            Unchecked(PhantomData)
        }

        /// Checks nothing.
        #[inline(always)]
        pub fn check(&self, _field: &str, _key: &str) {}
    }
}

impl<'a> Obj<'a> {
    /// Reads `v` as an object with members among `known`. `undefined` and `null` read as an
    /// empty object when `optional`, and are `INVALID_ARGUMENT` otherwise, like arrays and
    /// non-objects.
    #[inline(never)]
    pub fn read(field: &'static str, v: &'a JsValue, known: &'a [&'a str], optional: bool) -> Result<Obj<'a>, Error> {
        if v.is_undefined() || v.is_null() {
            return if optional {
                Ok(Obj { field, v, known: Declared::new(known) })
            } else {
                Err(Error::invalid(
                    field,
                    cat!["expected an object with ", crate::text::join(known.iter().copied(), ", ")],
                ))
            };
        }
        if !v.is_object() || is_array(v) {
            return Err(Error::invalid(
                field,
                cat!["expected an object with ", crate::text::join(known.iter().copied(), ", ")],
            ));
        }
        let names = object_keys(v).map_err(|_| unreadable(field))?;
        // Fast path: every own enumerable member is a known one (counted by name, no text
        // crosses the boundary). Otherwise look at each name.
        let known_present = known.iter().filter(|k| own_enumerable(v, &key(k)).unwrap_or(false)).count();
        if known_present == names.length() as usize {
            return Ok(Obj { field, v, known: Declared::new(known) });
        }
        for key in names.iter() {
            let Some(name) = key.as_string() else { continue };
            if !known.contains(&name.as_str()) && get(v, &name).is_some() {
                return Err(Error::invalid(
                    field,
                    cat![
                        "unknown field `",
                        name,
                        "`, expected one of ",
                        crate::text::join(known.iter().copied(), ", ")
                    ],
                ));
            }
        }
        Ok(Obj { field, v, known: Declared::new(known) })
    }

    /// The member, if present (not `undefined`). `key` must be one of the known keys.
    pub fn get(&self, key: &str) -> Option<JsValue> {
        self.known.check(self.field, key);
        get(self.v, key)
    }

    /// The member, present and not `null`.
    pub fn value(&self, key: &str) -> Option<JsValue> {
        self.get(key).filter(|v| !v.is_null())
    }

    fn wrong(&self, key: &str, what: &str) -> Error {
        Error::invalid(self.field, cat!["`", key, "` must be ", what])
    }

    /// A required string member.
    #[inline(never)]
    pub fn str(&self, key: &str) -> Result<String, Error> {
        match self.get(key) {
            None => Err(Error::invalid(self.field, cat!["missing field `", key, "`"])),
            Some(v) => v.as_string().ok_or_else(|| self.wrong(key, "a string")),
        }
    }

    /// An optional string member (`null` is absent).
    #[inline(never)]
    pub fn opt_str(&self, key: &str) -> Result<Option<String>, Error> {
        self.value(key).map(|v| v.as_string().ok_or_else(|| self.wrong(key, "a string"))).transpose()
    }

    /// An optional string member, `""` when absent.
    pub fn str_or_empty(&self, key: &str) -> Result<String, Error> {
        Ok(self.opt_str(key)?.unwrap_or_default())
    }

    /// An optional boolean member, `false` when absent.
    pub fn flag(&self, key: &str) -> Result<bool, Error> {
        self.value(key).map_or(Ok(false), |v| v.as_bool().ok_or_else(|| self.wrong(key, "a boolean")))
    }

    /// An optional number member.
    pub fn opt_f64(&self, key: &str) -> Result<Option<f64>, Error> {
        self.value(key).map(|v| v.as_f64().ok_or_else(|| self.wrong(key, "a number"))).transpose()
    }

    /// An optional whole number from 0 to 4294967295.
    pub fn opt_u32(&self, key: &str) -> Result<Option<u32>, Error> {
        match self.opt_f64(key)? {
            None => Ok(None),
            Some(n) => whole_u32(n).map(Some).ok_or_else(|| self.wrong(key, "a whole number from 0 to 4294967295")),
        }
    }

    /// An optional `signal` member: an `AbortSignal` (`INVALID_ARGUMENT` for anything else).
    pub fn signal(&self) -> Result<Option<web_sys::AbortSignal>, Error> {
        match self.value(shapes::call_options::signal) {
            None => Ok(None),
            Some(s) => match s.dyn_into::<web_sys::AbortSignal>() {
                // A proxy passes `instanceof` but not the browser's own getters.
                Ok(s) if aborted_checked(&s).is_ok() => Ok(Some(s)),
                _ => Err(Error::invalid("signal", "is not an AbortSignal")),
            },
        }
    }

    /// An optional array of strings (`[]` when absent).
    pub fn strings(&self, key: &str) -> Result<Vec<String>, Error> {
        match self.value(key) {
            None => Ok(Vec::new()),
            Some(v) => strings(&v).ok_or_else(|| self.wrong(key, "an array of strings")),
        }
    }
}

/// An array of strings, or `None` if `v` is not one.
pub fn strings(v: &JsValue) -> Option<Vec<String>> {
    items(v)?.iter().map(|s| s.as_string()).collect()
}

// What a caller hands over may run its own code when read: a getter, a proxy trap, an
// overridden method. An exception from it must not unwind through wasm (it would leave the
// object's borrow taken, so every later call on it fails), so every read that can run such
// code goes through a binding that catches, or through a fresh copy made by one.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array_checked(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = from, catch)]
    fn array_from(v: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(v: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = entries, catch)]
    fn object_entries(v: &JsValue) -> Result<js_sys::Array, JsValue>;
    // Not `v.propertyIsEnumerable(k)`: an object may have a member of that name.
    #[wasm_bindgen(js_namespace = ["Object", "prototype", "propertyIsEnumerable"], js_name = call, catch)]
    fn own_enumerable(v: &JsValue, key: &JsValue) -> Result<bool, JsValue>;
    /// An `AbortSignal` as far as reading `aborted` goes.
    type SignalLike;
    #[wasm_bindgen(method, getter, js_name = aborted, catch)]
    fn aborted_checked(this: &SignalLike) -> Result<bool, JsValue>;
}

fn aborted_checked(signal: &web_sys::AbortSignal) -> Result<bool, JsValue> {
    signal.unchecked_ref::<SignalLike>().aborted_checked()
}

/// `INVALID_ARGUMENT` for a value whose own code threw while it was read.
pub fn unreadable(field: &'static str) -> Error {
    Error::invalid(field, "could not be read (a getter or proxy of it threw)")
}

/// `Array.isArray(v)`; `false` when asking throws (a revoked proxy).
pub fn is_array(v: &JsValue) -> bool {
    is_array_checked(v).unwrap_or(false)
}

/// The items of an array, copied into a fresh array (so reading them runs no code of the
/// caller's); `None` if `v` is not an array or copying it threw.
pub fn items(v: &JsValue) -> Option<js_sys::Array> {
    if !is_array(v) {
        return None;
    }
    array_from(v).ok()
}

/// `Object.entries(v)`: fresh `[key, value]` pairs; `None` if reading `v` threw.
pub fn entries(v: &JsValue) -> Option<js_sys::Array> {
    object_entries(v).ok()
}

/// Whether `signal` has fired; a signal whose `aborted` cannot be read counts as fired.
pub fn signal_aborted(signal: &web_sys::AbortSignal) -> bool {
    aborted_checked(signal).unwrap_or(true)
}

/// A positional argument that must be a string (`INVALID_ARGUMENT` naming `field` otherwise,
/// instead of the `TypeError` the generated glue throws when it is handed a non-string).
#[inline(never)]
pub fn arg_str(field: &'static str, v: &JsValue) -> Result<String, Error> {
    v.as_string().ok_or_else(|| Error::invalid(field, "must be a string"))
}

/// A positional argument that must be a whole number from 0 to 4294967295 (the glue would
/// wrap `-1` to 4294967295 and truncate `2.5` without a word).
#[inline(never)]
pub fn arg_u32(field: &'static str, v: &JsValue) -> Result<u32, Error> {
    v.as_f64().and_then(whole_u32).ok_or_else(|| Error::invalid(field, "must be a whole number from 0 to 4294967295"))
}

/// `n` when it is a whole number from 0 to 4294967295 (not NaN, not infinite). Compared after
/// the cast rather than with `f64::fract`, which `core` does not have.
fn whole_u32(n: f64) -> Option<u32> {
    (n >= 0.0 && n <= f64::from(u32::MAX) && f64::from(n as u32) == n).then_some(n as u32)
}

/// A positional argument that must be a function.
pub fn arg_fn(field: &'static str, v: &JsValue) -> Result<js_sys::Function, Error> {
    v.dyn_ref::<js_sys::Function>().cloned().ok_or_else(|| Error::invalid(field, "must be a function"))
}

/// The options every async method takes last: `{ signal?: AbortSignal, timeoutMs?: number }`.
#[derive(Clone, Default)]
pub struct CallOptions {
    /// The caller's signal: aborting rejects with `ABORTED`.
    pub signal: Option<web_sys::AbortSignal>,
    /// Overrides the default wait for this call.
    pub timeout_ms: Option<f64>,
}

impl CallOptions {
    /// Reads `{ signal?, timeoutMs? }`; `undefined` and `null` mean none.
    #[inline(never)]
    pub fn from_js(v: &JsValue) -> Result<Self, Error> {
        Self::from_obj(&Obj::read("options", v, shapes::CALL_OPTIONS.keys, true)?)
    }

    /// Reads the two members from options that may hold more (the caller checked the keys).
    pub fn from_obj(o: &Obj<'_>) -> Result<Self, Error> {
        let signal = o.signal()?;
        let timeout_ms = match o.get(shapes::call_options::timeoutMs) {
            None => None,
            Some(t) => Some(positive("timeoutMs", Some(t.as_f64().unwrap_or(f64::NAN)), 0.0)?),
        };
        Ok(Self { signal, timeout_ms })
    }

    /// Whether the caller's signal has already fired.
    pub fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(signal_aborted)
    }
}
