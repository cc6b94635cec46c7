//! The `log` option of every class: structured entries for the integrator's function, or the
//! console with `debug: true`.
//!
//! An entry is a plain object `{ kind, source, ... }` (`LogEntry` in the `.d.ts`): `sent`,
//! `received`, `dropped`, `retry`, `timeout` or `failed`, with only names, reasons, codes and
//! HTTP statuses beside. Callers hand over those and nothing else: no payload, no form body, no
//! URL with a query, so no token, password or key can reach a log (the secret-scan layer
//! checks it).
//!
//! Cheap when off: every entry goes through [`Log::write`], out of line, which returns at once
//! when no log is set; call sites pass constant names. When on, the entry's members cross as
//! they are and `ucbLog` (`log.js`, put into the glue by `scripts/glue-parts.mjs`) makes the
//! object: the console's line (`ucontact-bridge {"kind":…}`) or the log function's argument. A
//! log function that throws is reported on the console (`console.error`) and the library goes on.

use wasm_bindgen::prelude::*;

use super::convert::Obj;
use crate::error::Error;

#[wasm_bindgen]
extern "C" {
    /// `ucbLog` of `log.js`: writes one entry `{ kind, source, [key]: value, [key2]: value2 }`
    /// (no `key2` member when it is empty) to `sink`, a function or `true` (the console).
    #[wasm_bindgen(js_name = ucbLog)]
    fn ucb_log(sink: &JsValue, kind: &str, source: &str, key: &str, value: &str, key2: &str, value2: &JsValue);
}

/// Where one object's entries go (`undefined`: nowhere; `true`: the console; else the
/// integrator's function), and the class it names as their `source`.
#[derive(Clone, Debug)]
pub struct Log {
    sink: JsValue,
    source: &'static str,
}

impl Log {
    /// No log.
    pub fn off(source: &'static str) -> Log {
        Log { sink: JsValue::UNDEFINED, source }
    }

    /// Reads `log` (a function) and `debug` (the console) of an options object; `log` wins
    /// when both are given.
    #[inline(never)]
    pub fn read(o: &Obj<'_>, source: &'static str) -> Result<Log, Error> {
        use crate::shapes::portal_channel_options as k;
        let sink = match o.value(k::log) {
            Some(f) if f.is_function() => f,
            Some(_) => return Err(Error::invalid("log", "must be a function")),
            None if o.flag(k::debug)? => JsValue::TRUE,
            None => JsValue::UNDEFINED,
        };
        Ok(Log { sink, source })
    }

    /// Whether entries go anywhere.
    pub fn is_on(&self) -> bool {
        !self.sink.is_undefined()
    }

    /// One entry: `{ kind, source, [key]: value }`, and `[key2]: value2` unless `key2` is empty.
    /// Nothing crosses when off.
    #[inline(never)]
    pub fn write(&self, kind: &str, key: &str, value: &str, key2: &str, value2: &JsValue) {
        if self.is_on() {
            ucb_log(&self.sink, kind, self.source, key, value, key2, value2);
        }
    }

    /// `sent`: a message posted or a request handed to `fetch` (`what`: action, command or endpoint).
    #[inline(never)]
    pub fn sent(&self, what: &str) {
        self.write("sent", "what", what, "", &JsValue::UNDEFINED);
    }

    /// `received`: an answer or a message taken in.
    #[inline(never)]
    pub fn received(&self, what: &str) {
        self.write("received", "what", what, "", &JsValue::UNDEFINED);
    }

    /// `dropped`: a message refused, and why.
    #[inline(never)]
    pub fn dropped(&self, reason: &str) {
        self.write("dropped", "reason", reason, "", &JsValue::UNDEFINED);
    }

    /// `received` with the HTTP `status` (REST).
    #[inline(never)]
    pub fn status(&self, what: &str, status: u16) {
        if self.is_on() {
            self.write("received", "what", what, "status", &JsValue::from(status));
        }
    }

    /// `failed`: `what` ended with the error `code`; `timeout` when that error is a timeout.
    #[inline(never)]
    pub fn failed(&self, what: &str, e: &Error) {
        if self.is_on() {
            let code = e.code();
            // TIMEOUT (the portal) and REQUEST_TIMEOUT (REST).
            let kind = if code.ends_with("TIMEOUT") { "timeout" } else { "failed" };
            self.write(kind, "what", what, "code", &JsValue::from_str(code));
        }
    }
}
