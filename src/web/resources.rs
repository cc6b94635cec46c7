//! Owned browser resources: an event listener registration and a pending timeout, each undone
//! on `Drop`.
//!
//! The callbacks themselves (`Closure`s) are owned by the object that owns these handles and
//! live as long as it does. That way a callback can never be freed while it is running (for
//! example when an integrator calls `destroy()` from inside an event handler): dropping a
//! handle only unregisters, it never frees code that may be on the stack.

use js_sys::Function;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // Bound directly as globals (not through web_sys::Window) so they work in any realm,
    // node included, and pull in no extra bindings.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(f: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// An `addEventListener` registration, removed when dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    f: Function,
}

impl Listener {
    pub fn add(target: web_sys::EventTarget, kind: &'static str, f: &Function) -> Result<Self, JsValue> {
        target.add_event_listener_with_callback(kind, f)?;
        Ok(Listener { target, kind, f: f.clone() })
    }

    /// Whether this registration is on `target`.
    pub fn is_on(&self, target: &JsValue) -> bool {
        AsRef::<JsValue>::as_ref(&self.target) == target
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.kind, &self.f);
    }
}

/// A scheduled `setTimeout`, cleared when dropped.
pub struct Timeout(JsValue);

impl Timeout {
    pub fn schedule(f: &Function, ms: f64) -> Self {
        Timeout(set_timeout(f, ms.max(0.0)))
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        clear_timeout(&self.0);
    }
}
