//! `UContactEvents`: a CRM page that embeds the whole uContact v6 instance and listens to its
//! Events API.

use alloc::rc::Rc;
use alloc::vec;
use core::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::frame;
use crate::shapes;
use crate::v6::events::{read, KNOWN};
use crate::web::convert::{self, Obj};
use crate::web::emitter::Emitter;
use crate::web::log::Log;
use crate::web::messenger::{Data, Dropped, Inbound, Messenger, Origins, Peer};

/// The five documented events, and `event` for every event (unknown ones included).
const EVENTS: &[&str] =
    &["assignedInteraction", "finishedInteraction", "sentDisposition", "changedTheme", "changedLanguage", "event"];

struct Inner {
    frame: web_sys::HtmlIFrameElement,
    log: Log,
    events: Emitter,
    messenger: RefCell<Option<Messenger>>,
}

/// The Events API of an embedded uContact v6 instance: typed `{ event, data }` events from the
/// instance's frame and its exact origin only.
///
/// ```js
/// const ucontact = new UContactEvents({ frame: document.querySelector('#ucontact'), instanceOrigin: 'https://acme.ucontactcloud.com' });
/// ucontact.on('assignedInteraction', ({ data }) => openCustomer(data.clientId));
/// ```
#[wasm_bindgen]
pub struct UContactEvents {
    inner: Rc<Inner>,
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
        let origin = o.str("instanceOrigin")?;
        let frame = frame::frame(&o, &origin, "/", None)?;
        let inner = Rc::new(Inner {
            frame,
            log: Log::read(&o, "UContactEvents")?,
            events: Emitter::new(EVENTS),
            messenger: RefCell::new(None),
        });
        let messenger = Messenger::listen(inner.clone(), Origins::List(vec![origin]), Data::Any)?;
        *inner.messenger.borrow_mut() = Some(messenger);
        Ok(UContactEvents { inner })
    }

    /// The instance's `<iframe>`.
    #[wasm_bindgen(getter)]
    pub fn frame(&self) -> web_sys::HtmlIFrameElement {
        self.inner.frame.clone()
    }

    /// Subscribes to an event (see `UContactEventMap`). Throws `INVALID_ARGUMENT` for other names.
    #[wasm_bindgen(skip_typescript)]
    pub fn on(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.inner.events.on(&event, &listener, &options)?)
    }

    /// `on` for the first event only (as `{ once: true }`); returns the unsubscribe function.
    #[wasm_bindgen(skip_typescript)]
    pub fn once(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.inner.events.once(&event, &listener, &options)?)
    }

    /// Removes a subscription made with `on`.
    #[wasm_bindgen(skip_typescript)]
    pub fn off(&self, event: JsValue, listener: JsValue) {
        self.inner.events.off(&event, &listener);
    }

    /// Removes the listener and every subscription. Safe to call more than once.
    pub fn destroy(&self) {
        *self.inner.messenger.borrow_mut() = None;
        self.inner.events.clear();
    }
}

impl Peer for Inner {
    fn is_peer(&self, source: &JsValue) -> bool {
        frame::is_frame_window(&self.frame, source)
    }

    fn receive(&self, message: Inbound) {
        let Ok(value) = convert::from_js("message", &message.data) else {
            return self.log.dropped("not JSON-like data");
        };
        let Some(e) = read(&value) else {
            return self.log.dropped("not an { event, data } message");
        };
        self.log.received(&e.event);
        let detail = js_sys::Object::new();
        convert::set(&detail, "event", &JsValue::from_str(&e.event));
        convert::set(&detail, "data", &convert::to_js(&e.data));
        convert::set(&detail, "raw", &message.data);
        if KNOWN.contains(&e.event.as_str()) {
            self.events.emit(&e.event, &detail);
        }
        self.events.emit("event", &detail);
    }

    fn dropped(&self, why: Dropped, _origin: &str) {
        let why = match why {
            Dropped::NotPeer => "not sent by the instance frame",
            other => other.reason(),
        };
        self.log.dropped(why);
    }
}
