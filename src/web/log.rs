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
//! when no log is set; call sites pass constant names. When on, the entry is written once as
//! JSON text: the console's line (`ucontact-bridge {"kind":…}`), or parsed into the object the
//! log function gets (one `JSON.parse` instead of a crossing per member). A log function that
//! throws is reported on the console (`console.error`) and the library goes on.

use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};

use super::convert::{self, Obj};
use crate::cat;
use crate::error::Error;
use crate::json::write;
use crate::text::num;

#[derive(Clone, Debug)]
enum Sink {
    Off,
    Console,
    Call(Function),
}

/// Where one object's entries go, and the class it names as their `source`.
#[derive(Clone, Debug)]
pub struct Log {
    sink: Sink,
    source: &'static str,
}

impl Log {
    /// No log.
    pub const fn off(source: &'static str) -> Log {
        Log { sink: Sink::Off, source }
    }

    /// Reads `log` (a function) and `debug` (the console) of an options object; `log` wins
    /// when both are given.
    #[inline(never)]
    pub fn read(o: &Obj<'_>, source: &'static str) -> Result<Log, Error> {
        let sink = match o.value("log") {
            Some(f) if f.is_function() => Sink::Call(f.unchecked_into()),
            Some(_) => return Err(Error::invalid("log", "must be a function")),
            None if o.flag("debug")? => Sink::Console,
            None => Sink::Off,
        };
        Ok(Log { sink, source })
    }

    /// Whether entries go anywhere.
    pub fn is_on(&self) -> bool {
        !matches!(self.sink, Sink::Off)
    }

    /// One entry: `{"kind":kind,"source":…,key:value` then `extra` (JSON members, each with its
    /// leading comma, or nothing). Nothing is built when off.
    #[inline(never)]
    pub fn write(&self, kind: &str, key: &str, value: &str, extra: &str) {
        if !self.is_on() {
            return;
        }
        let mut json = cat!["{\"kind\":\"", kind, "\",\"source\":\"", self.source, "\",\"", key, "\":"];
        write::string(value, &mut json);
        json.push_str(extra);
        json.push('}');
        match &self.sink {
            Sink::Off => {}
            // One string: the same text in every engine's console (and in test logs).
            Sink::Console => web_sys::console::debug_1(&JsValue::from_str(&cat!["ucontact-bridge ", json])),
            Sink::Call(f) => {
                if let Err(e) = f.call1(&JsValue::UNDEFINED, &convert::parse_js(&json)) {
                    convert::report("ucontact-bridge: the log function threw", &e);
                }
            }
        }
    }

    /// `sent`: a message posted or a request handed to `fetch` (`what`: action, command or endpoint).
    #[inline(never)]
    pub fn sent(&self, what: &str) {
        self.write("sent", "what", what, "");
    }

    /// `received`: an answer or a message taken in.
    #[inline(never)]
    pub fn received(&self, what: &str) {
        self.write("received", "what", what, "");
    }

    /// `dropped`: a message refused, and why.
    #[inline(never)]
    pub fn dropped(&self, reason: &str) {
        self.write("dropped", "reason", reason, "");
    }

    /// `received` with the HTTP `status` (REST).
    #[inline(never)]
    pub fn status(&self, what: &str, status: u16) {
        if self.is_on() {
            self.write("received", "what", what, &cat![",\"status\":", num(status.into())]);
        }
    }

    /// `failed`: `what` ended with the error `code`; `timeout` when that error is a timeout.
    #[inline(never)]
    pub fn failed(&self, what: &str, e: &Error) {
        if self.is_on() {
            let code = e.code();
            // TIMEOUT (the portal) and REQUEST_TIMEOUT (REST).
            let kind = if code.ends_with("TIMEOUT") { "timeout" } else { "failed" };
            self.write(kind, "what", what, &cat![",\"code\":\"", code, "\""]);
        }
    }
}
