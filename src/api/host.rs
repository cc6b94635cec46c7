//! `PortalHost`: the portal's end of the channel. It plays the uContact portal in the sandbox
//! and in tests: it accepts Porthole envelopes from allowed CRM origins, hands each action to a
//! handler the page registers, and answers in porthole's envelope to the window that asked.
//! A thin class over [`crate::web::host::Host`].

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::cat;
use crate::error::Error;
use crate::shapes;
use crate::web::convert::{self, Obj};
use crate::web::host::{Config, Host};
use crate::web::log::Log;
use crate::wire::ActionName;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("ts/host.d.ts");

/// The uContact portal's end of the Porthole channel, for tests (the `testing` entry,
/// `ucontact-bridge/testing`): a test page plays the agent portal with it, frames the CRM page
/// under test, answers each action with what the test decides and sees every action it sent.
/// It answers the way the portal and porthole.js 1.0.0 do, byte for byte.
#[wasm_bindgen]
pub struct PortalHost {
    host: Host,
}

#[wasm_bindgen]
impl PortalHost {
    /// `new PortalHost({ crmOrigins, log?, debug? })`: listens to the window's messages at once
    /// and accepts envelopes only from `crmOrigins` (exact origins, `scheme://host[:port]`).
    /// Throws `INVALID_ARGUMENT` for bad options (no `crmOrigins`, or one that is not an exact
    /// lowercase origin: `*`, a path, a trailing slash)
    /// and `NO_PORTAL` where there is no window (Node).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PortalHostOptions")] options: JsValue,
    ) -> Result<PortalHost, JsValue> {
        let o = Obj::read("options", &options, shapes::PORTAL_HOST_OPTIONS.keys, false)?;
        let mut config = Config::new(o.strings(shapes::portal_host_options::crmOrigins)?)?;
        config.log = Log::read(&o, "PortalHost")?;
        Ok(PortalHost { host: Host::new(config)? })
    }

    /// Only accept messages whose `event.source` is this window (an iframe's `contentWindow`
    /// or any window). Without it, any window on an allowed origin is answered. Give an iframe
    /// once it is in the document: its window is read now, and stays the same across the
    /// frame's navigations (set `src` before or after).
    #[wasm_bindgen(js_name = setFrame)]
    pub fn set_frame(&self, #[wasm_bindgen(unchecked_param_type = "HTMLIFrameElement | Window")] frame: JsValue) {
        self.host.set_frame(frame);
    }

    /// Registers the handler for an action (`call`, `callWithPhone`, `hangup`, `tag`, `CTI`,
    /// `respool`, `schedule`, `sms`). It receives the action's `data` object and may return a value or
    /// a Promise: the guid for `call`/`callWithPhone`, the CTI record for `CTI`; the return value
    /// of the other actions is ignored (the portal sends no reply to them).
    // Typed in ts/host.d.ts, generic over the action name (see `interface PortalHost`).
    #[wasm_bindgen(skip_typescript)]
    pub fn handle(&self, action: JsValue, handler: JsValue) -> Result<(), JsValue> {
        let action = convert::arg_str("action", &action)?;
        let name = ActionName::parse(&action)
            .ok_or_else(|| Error::invalid("action", cat!["unknown action `", action, "`"]))?;
        self.host.handle(name, convert::arg_fn("handler", &handler)?);
        Ok(())
    }

    /// Subscribes to `'action'` (`{action, data, origin}` for each accepted action) or
    /// `'rejected'` (`{origin, reason}` for each envelope from an allowed origin that was refused).
    #[wasm_bindgen(skip_typescript)]
    pub fn on(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.host.events().on(&event, &listener, &options)?)
    }

    /// `on` for the first event only (as `{ once: true }`); returns the unsubscribe function.
    #[wasm_bindgen(skip_typescript)]
    pub fn once(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.host.events().once(&event, &listener, &options)?)
    }

    /// Removes a subscription made with `on`.
    #[wasm_bindgen(skip_typescript)]
    pub fn off(&self, event: JsValue, listener: JsValue) {
        self.host.events().off(&event, &listener);
    }

    /// Posts an unsolicited message (any JSON value) to the CRM frame that last spoke, in
    /// porthole's envelope, as the portal pushes a new CTI record (a `PortalChannel` emits it
    /// as `'message'`). Resolves once posted. Rejects with `NO_PORTAL` when no CRM frame has
    /// spoken yet, `INVALID_ARGUMENT` for a value that is not JSON, `DESTROYED` after `destroy()`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn post(&self, #[wasm_bindgen(unchecked_param_type = "JsonValue")] data: JsValue) -> Promise {
        let sent = convert::from_js("data", &data).and_then(|v| self.host.post(&v));
        match sent {
            Ok(()) => Promise::resolve(&JsValue::UNDEFINED),
            Err(e) => Promise::reject(&e.into()),
        }
    }

    /// Removes the message listener, the handlers and every subscription: nothing more is
    /// received or answered, not even a reply still waiting on a handler's promise, and `post`
    /// rejects with `DESTROYED`. A second call does nothing; `free()` is `destroy()` and then
    /// the release of the object's memory.
    pub fn destroy(&self) {
        self.host.destroy();
    }
}
