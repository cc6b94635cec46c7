//! The one window `message` adapter every class sits on.
//!
//! Every inbound message is hostile until proven otherwise. In order, a message must:
//! 1. come from the peer window itself (`event.source`), so another frame on an allowed origin,
//!    or a pop-up, cannot speak for the peer;
//! 2. come from an allowed origin (`event.origin`), so a peer window navigated elsewhere cannot
//!    speak either;
//! 3. carry data of the expected kind: for Porthole a string of bounded size (the bound is
//!    checked before the text is copied into wasm memory).
//!
//! Anything else is dropped and reported to the owner with the reason (for debug logs and the
//! host's `rejected` event); nothing here throws. Outbound messages go to a concrete origin;
//! `'*'` only when the owner's allow-list is explicitly "any".

use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::resources::Listener;
use crate::error::Error;

/// The origins a peer may have.
#[derive(Clone, Debug)]
pub enum Origins {
    /// Exactly these.
    List(Vec<String>),
    /// Any origin (the integrator's explicit choice; see the security notes).
    Any,
}

impl Origins {
    /// Whether `origin` is allowed.
    pub fn allows(&self, origin: &str) -> bool {
        match self {
            Origins::List(list) => list.iter().any(|o| o == origin),
            Origins::Any => true,
        }
    }
}

/// What a message's data must be.
#[derive(Clone, Copy, Debug)]
pub enum Data {
    /// A string of at most this many UTF-16 units (Porthole's JSON text).
    Text { max: usize },
    /// Any value (structured-clone objects, as v6 posts them).
    Any,
}

/// Why a message was dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dropped {
    /// `event.source` is not the peer window.
    NotPeer,
    /// `event.origin` is not allowed.
    Origin,
    /// The data is not a string.
    NotText,
    /// The string is over the size bound.
    TooLarge,
}

impl Dropped {
    /// The reason in words (debug logs, the host's `rejected` event).
    pub fn reason(self) -> &'static str {
        match self {
            Dropped::NotPeer => "not sent by the portal window",
            Dropped::Origin => "origin not allowed",
            Dropped::NotText => "not a string",
            Dropped::TooLarge => "too large",
        }
    }
}

/// A message that passed the checks.
pub struct Inbound {
    /// The data: for [`Data::Text`] a JS string.
    pub data: JsValue,
    /// For [`Data::Text`], the text copied into wasm.
    pub text: String,
    /// `event.origin`.
    pub origin: String,
    /// `event.source` (the peer window).
    pub source: JsValue,
}

/// The owner of a messenger: it says which window is its peer and takes what arrives.
pub trait Peer: 'static {
    /// Whether `source` is the peer window (looked up afresh: an opener or a named frame can
    /// change).
    fn is_peer(&self, source: &JsValue) -> bool;
    /// A message that passed every check.
    fn receive(&self, message: Inbound);
    /// A message that did not; `origin` as the event gave it.
    fn dropped(&self, why: Dropped, origin: &str);
}

/// A registered `message` listener on this window, removed on drop or [`Messenger::close`].
pub struct Messenger {
    listener: Option<Listener>,
    // Lives as long as the messenger, so it is never freed while it runs (see `resources`).
    _callback: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Messenger {
    /// Starts listening for `peer`.
    ///
    /// The listener holds `peer` strongly, as the browser holds an event listener: an object
    /// that listens stays alive while it listens, even when the page keeps no reference to it
    /// (a page that only subscribes, `new UContactEvents(…).on(…)`, must go on hearing). The
    /// peer usually owns its messenger, so that is a cycle on purpose: dropping the messenger
    /// (`destroy()`) breaks it, and then the object is collected like any other.
    pub fn listen<P: Peer>(peer: Rc<P>, origins: Origins, data: Data) -> Result<Messenger, Error> {
        let window =
            super::convert::window().ok_or(Error::NoPortal { reason: "there is no window (not a browser page)" })?;
        let callback = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            check(&*peer, &origins, data, &ev);
        });
        let listener = Listener::add(window.into(), "message", callback.as_ref().unchecked_ref())
            .map_err(|_| Error::NoPortal { reason: "cannot listen for messages" })?;
        Ok(Messenger { listener: Some(listener), _callback: callback })
    }

    /// Stops listening (for good).
    pub fn close(&mut self) {
        self.listener = None;
    }

    /// Whether the listener is registered.
    pub fn is_listening(&self) -> bool {
        self.listener.is_some()
    }
}

fn check<P: Peer>(peer: &P, origins: &Origins, data: Data, ev: &web_sys::MessageEvent) {
    let origin = ev.origin();
    let source = match ev.source() {
        Some(s) if peer.is_peer(&s) => JsValue::from(s),
        _ => return peer.dropped(Dropped::NotPeer, &origin),
    };
    if !origins.allows(&origin) {
        return peer.dropped(Dropped::Origin, &origin);
    }
    let value = ev.data();
    let text = match data {
        Data::Any => String::new(),
        Data::Text { max } => {
            let Some(s) = value.dyn_ref::<JsString>() else { return peer.dropped(Dropped::NotText, &origin) };
            // Bound the copy into wasm memory: a UTF-16 unit is at least one UTF-8 byte.
            if s.length() as usize > max {
                return peer.dropped(Dropped::TooLarge, &origin);
            }
            String::from(s)
        }
    };
    peer.receive(Inbound { data: value, text, origin, source });
}

/// Posts `message` to `window` for `target_origin` (a concrete origin, or `'*'` when the
/// owner allows any).
pub fn post(window: &JsValue, message: &JsValue, target_origin: &str) -> Result<(), Error> {
    post_to(window, message, &JsValue::from_str(target_origin))
}

/// [`post`] with the origin already a JS string: a channel that posts many messages to one
/// origin makes that string once, instead of decoding it from wasm memory for every message.
pub fn post_to(window: &JsValue, message: &JsValue, target_origin: &JsValue) -> Result<(), Error> {
    window
        .unchecked_ref::<MessageTarget>()
        .post_message(message, target_origin)
        .map_err(|_| Error::NoPortal { reason: "postMessage to the peer window failed" })
}

#[wasm_bindgen]
extern "C" {
    /// A window, as far as posting to it goes.
    type MessageTarget;
    #[wasm_bindgen(method, catch, js_name = postMessage)]
    fn post_message(this: &MessageTarget, message: &JsValue, target_origin: &JsValue) -> Result<(), JsValue>;
}
