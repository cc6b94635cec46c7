//! `UContactEvents`: a CRM page that embeds the whole uContact v6 instance and listens to its
//! Events API. A thin class over [`crate::web::v6::events::Events`].

use wasm_bindgen::prelude::*;

use crate::shapes;
use crate::web::convert::Obj;
use crate::web::log::Log;
use crate::web::v6::events::Events;
use crate::web::v6::frame;

/// The Events API of an embedded uContact v6 instance: typed `{ event, data }` events from the
/// instance's frame and its exact origin only.
///
/// ```js
/// const ucontact = new UContactEvents({ frame: document.querySelector('#ucontact'), instanceOrigin: 'https://acme.ucontactcloud.com' });
/// ucontact.on('assignedInteraction', ({ data }) => openCustomer(data.clientId));
/// ```
#[wasm_bindgen]
pub struct UContactEvents {
    events: Events,
}

#[wasm_bindgen]
impl UContactEvents {
    /// `new UContactEvents({ frame | container, instanceOrigin, src?, log?, debug? })`: the
    /// `<iframe>` showing the instance, or a `container` to create it in (`src` defaults to
    /// `instanceOrigin + '/'`). The page must be listed in the instance's frame-ancestors
    /// setting. Throws `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "UContactEventsOptions")] options: JsValue,
    ) -> Result<UContactEvents, JsValue> {
        let o = Obj::read("options", &options, shapes::UCONTACT_EVENTS_OPTIONS.keys, false)?;
        let origin = o.str(shapes::ucontact_events_options::instanceOrigin)?;
        let frame = frame::frame(&o, &origin, "/", None)?;
        let log = Log::read(&o, "UContactEvents")?;
        Ok(UContactEvents { events: Events::new(frame, origin, log)? })
    }

    /// The instance's `<iframe>`.
    #[wasm_bindgen(getter)]
    pub fn frame(&self) -> web_sys::HtmlIFrameElement {
        self.events.frame().clone()
    }

    /// Subscribes to an event (see `UContactEventMap`). Throws `INVALID_ARGUMENT` for other names.
    #[wasm_bindgen(skip_typescript)]
    pub fn on(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.events.events().on(&event, &listener, &options)?)
    }

    /// `on` for the first event only (as `{ once: true }`); returns the unsubscribe function.
    #[wasm_bindgen(skip_typescript)]
    pub fn once(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.events.events().once(&event, &listener, &options)?)
    }

    /// Removes a subscription made with `on`.
    #[wasm_bindgen(skip_typescript)]
    pub fn off(&self, event: JsValue, listener: JsValue) {
        self.events.events().off(&event, &listener);
    }

    /// Removes the listener and every subscription. Safe to call more than once.
    pub fn destroy(&self) {
        self.events.destroy();
    }
}
