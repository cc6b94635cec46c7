//! A bench instrument, not part of the library: the least a correct Porthole channel written in
//! Rust and compiled to WebAssembly must do per message, so `bench/floor.mjs` can measure what
//! the wasm boundary itself costs against porthole.js, beside the library's `PortalChannel`.
//!
//! Per `call` it reads the three members of its argument object, writes the envelope porthole.js
//! would write (JSON-escaped), posts it to `parent` with the one concrete portal origin, and
//! returns a promise; its `message` listener checks the origin and that the sender is `parent`,
//! finds the reply's `guid` by scanning the text, and settles the oldest waiting call. Timeouts
//! use one lazily armed timer, as the library does. No option reading, no argument checks, no
//! unknown-key refusal, no typed errors, no events: everything the library adds is left out.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    type Event;
    #[wasm_bindgen(method, getter)]
    fn origin(this: &Event) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn source(this: &Event) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn data(this: &Event) -> JsValue;

    type Win;
    #[wasm_bindgen(thread_local_v2, js_name = self)]
    static SELF: Win;
    #[wasm_bindgen(method, getter)]
    fn parent(this: &Win) -> Win;
    #[wasm_bindgen(method, getter)]
    fn name(this: &Win) -> String;
    #[wasm_bindgen(method, getter)]
    fn location(this: &Win) -> JsValue;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add_event_listener(this: &Win, kind: &str, f: &Function);
    #[wasm_bindgen(method, js_name = removeEventListener)]
    fn remove_event_listener(this: &Win, kind: &str, f: &Function);
    #[wasm_bindgen(method, js_name = setTimeout)]
    fn set_timeout(this: &Win, f: &Function, ms: f64) -> f64;
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_to(this: &Win, message: &str, target_origin: &JsValue);
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

const TIMEOUT_MS: f64 = 15_000.0;

struct Waiting {
    deadline: f64,
    resolve: Function,
    reject: Function,
}

struct State {
    waiting: VecDeque<Waiting>,
    armed: bool,
}

struct Inner {
    /// The portal's origin as a JS string: compared and posted with no copy.
    portal: JsValue,
    /// `,"sourceOrigin":"…","targetOrigin":"…","sourceWindowName":"…","targetWindowName":""}`
    tail: String,
    parent: Win,
    state: RefCell<State>,
    tick: std::cell::OnceCell<Closure<dyn FnMut()>>,
}

/// The floor channel: `new Floor(portalOrigin)`, `call({campaign, callerid, destination})`,
/// `tag({guid, message})`, `destroy()`.
#[wasm_bindgen]
pub struct Floor {
    inner: Rc<Inner>,
    listener: Closure<dyn FnMut(Event)>,
}

#[wasm_bindgen]
impl Floor {
    #[wasm_bindgen(constructor)]
    pub fn new(portal: String) -> Floor {
        // The window name is read once: the floor does the least per message (porthole.js reads
        // it at every post).
        let (parent, name, location) = SELF.with(|w| (w.parent(), w.name(), w.location()));
        let own = Reflect::get(&location, &"origin".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let mut tail = String::from(",\"sourceOrigin\":");
        quote(&mut tail, &own);
        tail.push_str(",\"targetOrigin\":");
        quote(&mut tail, &portal);
        tail.push_str(",\"sourceWindowName\":");
        quote(&mut tail, &name);
        tail.push_str(",\"targetWindowName\":\"\"}");
        let inner = Rc::new(Inner {
            portal: JsValue::from_str(&portal),
            tail,
            parent,
            state: RefCell::new(State { waiting: VecDeque::new(), armed: false }),
            tick: std::cell::OnceCell::new(),
        });
        let weak = Rc::downgrade(&inner);
        let listener = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
            if let Some(inner) = weak.upgrade() {
                inner.receive(&ev);
            }
        });
        let weak = Rc::downgrade(&inner);
        let _ = inner.tick.set(Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.expire();
            }
        }));
        SELF.with(|w| w.add_event_listener("message", listener.as_ref().unchecked_ref()));
        Floor { inner, listener }
    }

    /// Posts a `call` and resolves with the reply's guid.
    pub fn call(&self, args: &JsValue) -> Promise {
        let mut m = String::with_capacity(256);
        m.push_str("{\"data\":{\"action\":\"call\"");
        for key in ["campaign", "callerid", "destination"] {
            member(&mut m, args, key);
        }
        m.push('}');
        m.push_str(&self.inner.tail);
        let mut fns = None;
        let promise = Promise::new(&mut |resolve, reject| fns = Some((resolve, reject)));
        if let Some((resolve, reject)) = fns {
            let deadline = now() + TIMEOUT_MS;
            let arm = {
                let mut st = self.inner.state.borrow_mut();
                st.waiting.push_back(Waiting { deadline, resolve, reject });
                !std::mem::replace(&mut st.armed, true)
            };
            if arm {
                self.inner.arm(TIMEOUT_MS);
            }
            self.inner.parent.post_to(&m, &self.inner.portal);
        }
        promise
    }

    /// Posts a `tag`; resolves once posted.
    pub fn tag(&self, args: &JsValue) -> Promise {
        let mut m = String::with_capacity(192);
        m.push_str("{\"data\":{\"action\":\"tag\"");
        for key in ["guid", "message"] {
            member(&mut m, args, key);
        }
        m.push('}');
        m.push_str(&self.inner.tail);
        self.inner.parent.post_to(&m, &self.inner.portal);
        Promise::resolve(&JsValue::UNDEFINED)
    }

    /// Removes the listener.
    pub fn destroy(&self) {
        SELF.with(|w| w.remove_event_listener("message", self.listener.as_ref().unchecked_ref()));
    }
}

impl Inner {
    fn receive(&self, ev: &Event) {
        if ev.origin() != self.portal || ev.source() != *AsRef::<JsValue>::as_ref(&self.parent) {
            return;
        }
        let Some(text) = ev.data().as_string() else { return };
        let Some(guid) = guid_of(&text) else { return };
        let next = self.state.borrow_mut().waiting.pop_front();
        if let Some(w) = next {
            let _ = w.resolve.call1(&JsValue::NULL, &JsValue::from_str(guid));
        }
    }

    fn expire(&self) {
        let t = now();
        loop {
            let due = {
                let mut st = self.state.borrow_mut();
                match st.waiting.front() {
                    Some(w) if w.deadline <= t => st.waiting.pop_front(),
                    _ => None,
                }
            };
            match due {
                Some(w) => {
                    let _ = w.reject.call1(&JsValue::NULL, &JsValue::from_str("TIMEOUT"));
                }
                None => break,
            }
        }
        let next = {
            let mut st = self.state.borrow_mut();
            let next = st.waiting.front().map(|w| w.deadline - t);
            st.armed = next.is_some();
            next
        };
        if let Some(ms) = next {
            self.arm(ms);
        }
    }

    fn arm(&self, ms: f64) {
        if let Some(f) = self.tick.get() {
            SELF.with(|w| w.set_timeout(f.as_ref().unchecked_ref(), ms));
        }
    }
}

/// `,"key":"value"` with the value read from `args` (absent or not a string: `""`).
fn member(m: &mut String, args: &JsValue, key: &str) {
    let v = Reflect::get(args, &JsValue::from_str(key)).ok().and_then(|v| v.as_string()).unwrap_or_default();
    m.push_str(",\"");
    m.push_str(key);
    m.push_str("\":");
    quote(m, &v);
}

/// `s` as a JSON string.
fn quote(m: &mut String, s: &str) {
    m.push('"');
    for c in s.chars() {
        match c {
            '"' => m.push_str("\\\""),
            '\\' => m.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                m.push_str("\\u00");
                m.push(HEX[(c as usize) >> 4] as char);
                m.push(HEX[(c as usize) & 15] as char);
            }
            c => m.push(c),
        }
    }
    m.push('"');
}

/// The value of the first `"guid":"…"` of the reply text (porthole writes it unescaped).
fn guid_of(text: &str) -> Option<&str> {
    const KEY: &str = "\"guid\":\"";
    let b = text.as_bytes();
    let at = b.windows(KEY.len()).position(|w| w == KEY.as_bytes())? + KEY.len();
    let len = b.get(at..)?.iter().position(|&c| c == b'"')?;
    text.get(at..at + len)
}
