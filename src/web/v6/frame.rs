//! The iframe a v6 class talks to: the one the page gives, or one it makes in a container.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::cat;
use crate::error::Error;
use crate::web::convert::Obj;
use crate::wire::origin;

/// The frame of `{ frame }` or `{ container, src? }`: a given `HTMLIFrameElement`, or a new one
/// appended to `container` with `src` (default `instanceOrigin + path`) and, when given, the
/// `allow` attribute (`camera;microphone` for uPhone: calls need it). The instance origin is
/// checked first: it is what every message is held to.
pub fn frame(
    o: &Obj<'_>,
    instance_origin: &str,
    path: &str,
    allow: Option<&str>,
) -> Result<web_sys::HtmlIFrameElement, Error> {
    use crate::shapes::uphone_options as k;
    origin::check("instanceOrigin", instance_origin)?;
    match (o.value(k::frame), o.value(k::container)) {
        (Some(f), None) => f
            .dyn_into::<web_sys::HtmlIFrameElement>()
            .map_err(|_| Error::invalid("frame", "is not an <iframe> element")),
        (None, Some(c)) => {
            let container =
                c.dyn_into::<web_sys::Element>().map_err(|_| Error::invalid("container", "is not an element"))?;
            let doc = web_sys::window()
                .and_then(|w| w.document())
                .ok_or(Error::NoPortal { reason: "there is no document" })?;
            let iframe = doc
                .create_element("iframe")
                .ok()
                .and_then(|e| e.dyn_into::<web_sys::HtmlIFrameElement>().ok())
                .ok_or(Error::NoPortal { reason: "cannot create an iframe" })?;
            let src = o.opt_str(k::src)?.unwrap_or_else(|| cat![instance_origin, path]);
            if origin::of_url(&src) != Some(instance_origin) {
                return Err(Error::invalid("src", "must be a URL on instanceOrigin"));
            }
            iframe.set_src(&src);
            if let Some(allow) = allow {
                let _ = iframe.set_attribute("allow", allow);
            }
            container.append_child(&iframe).map_err(|_| Error::invalid("container", "cannot hold an iframe"))?;
            Ok(iframe)
        }
        (Some(_), Some(_)) => Err(Error::invalid("frame", "give `frame` or `container`, not both")),
        (None, None) => {
            Err(Error::invalid("frame", "is required: the <iframe> element (or a `container` to create it in)"))
        }
    }
}

/// The frame's window now (a frame removed from the page has none).
pub fn window_of(frame: &web_sys::HtmlIFrameElement) -> Option<JsValue> {
    frame.content_window().map(JsValue::from)
}

/// Whether `source` is the frame's window.
pub fn is_frame_window(frame: &web_sys::HtmlIFrameElement, source: &JsValue) -> bool {
    window_of(frame).is_some_and(|w| w == *source)
}
