//! The Events API of an embedded uContact v6 instance at the Rust level ([`Events`]): the
//! instance's `{ event, data }` messages, typed by the pure `v6::events`, emitted to the
//! subscribers of their name and of `event`.

use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec;

use wasm_bindgen::prelude::*;

use super::frame;
use crate::error::Error;
use crate::v6::events::{read, KNOWN};
use crate::web::convert;
use crate::web::emitter::Emitter;
use crate::web::listening::Listening;
use crate::web::log::Log;
use crate::web::messenger::{Data, Dropped, Inbound, Origins, Peer};

/// The five documented events, and `event` for every event (unknown ones included).
pub const EVENTS: &[&str] =
    &["assignedInteraction", "finishedInteraction", "sentDisposition", "changedTheme", "changedLanguage", "event"];

struct Inner {
    frame: web_sys::HtmlIFrameElement,
    log: Log,
    listening: Listening,
}

/// Listens to the instance in `frame`, on its exact origin only.
pub struct Events {
    inner: Rc<Inner>,
}

impl Events {
    /// Starts listening to the instance shown in `frame`, whose origin is `origin` (checked by
    /// the caller: see `frame::frame`). `NO_PORTAL` where there is no window.
    pub fn new(frame: web_sys::HtmlIFrameElement, origin: String, log: Log) -> Result<Events, Error> {
        let inner = Rc::new(Inner { frame, log, listening: Listening::new(EVENTS) });
        inner.listening.listen(inner.clone(), Origins::List(vec![origin]), Data::Any)?;
        Ok(Events { inner })
    }

    /// The instance's `<iframe>`.
    pub fn frame(&self) -> &web_sys::HtmlIFrameElement {
        &self.inner.frame
    }

    /// The subscribers.
    pub fn events(&self) -> &Emitter {
        self.inner.listening.events()
    }

    /// Removes the listener and every subscription. Safe to call more than once.
    pub fn destroy(&self) {
        self.inner.listening.destroy(|| {});
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
        let events = self.listening.events();
        if KNOWN.contains(&e.event.as_str()) {
            events.emit(&e.event, &detail);
        }
        events.emit("event", &detail);
    }

    fn dropped(&self, why: Dropped, _origin: &str) {
        let why = match why {
            Dropped::NotPeer => "not sent by the instance frame",
            other => other.reason(),
        };
        self.log.dropped(why);
    }
}
