//! wasm tests in headless Chromium: a real window, real postMessage between frames.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{js, rejection_code};
use js_sys::Promise;
use ucontact_bridge::web::{PortalChannel, PortalHost};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Adds a same-origin child frame named `name` whose page answers Porthole envelopes the way
/// the portal does (`{guid}` for calls, `{CTI}` for CTI) after `delay_ms`.
async fn responder_frame(name: &str, delay_ms: u32) {
    let html = format!(r#"<script>
      addEventListener('message', function (e) {{
        var env = JSON.parse(e.data), a = env.data.action, reply = null;
        if (a === 'call' || a === 'callWithPhone') reply = {{guid: crypto.randomUUID()}};
        if (a === 'CTI') reply = {{CTI: JSON.stringify({{Guid: 'x'}})}};
        if (!reply) return;
        setTimeout(function () {{
          e.source.postMessage(JSON.stringify({{data: reply, sourceOrigin: self.origin, targetOrigin: e.origin,
            sourceWindowName: window.name, targetWindowName: env.sourceWindowName}}), e.origin);
        }}, {delay_ms});
      }});
      parent.postMessage('loaded:' + window.name, '*');
    </script>"#);
    let f = js_sys::Function::new_with_args("name,html", r#"return new Promise(function (ok) {
        var old = document.getElementById(name); if (old) old.remove();
        addEventListener('message', function l(e) { if (e.data === 'loaded:' + name) { removeEventListener('message', l); ok(); } });
        var i = document.createElement('iframe'); i.id = name; i.name = name; i.srcdoc = html; document.body.appendChild(i);
      });"#);
    JsFuture::from(Promise::from(f.call2(&JsValue::NULL, &name.into(), &html.into()).unwrap())).await.unwrap();
}

fn channel(target: &str, extra: &str) -> PortalChannel {
    PortalChannel::new(js(&format!("{{ portalOrigins: [location.origin], target: '{target}' {extra} }}"))).unwrap()
}

fn call_args() -> JsValue {
    js("{ campaign: 'Ventas->', callerid: '1001', destination: '091000000' }")
}

#[wasm_bindgen_test]
async fn unframed_page_rejects_with_no_portal() {
    let ch = PortalChannel::new(js("{ portalOrigins: [location.origin] }")).unwrap();
    assert_eq!(rejection_code(ch.call(call_args(), JsValue::UNDEFINED)).await, "NO_PORTAL");
    assert_eq!(rejection_code(ch.hangup()).await, "NO_PORTAL");
    assert_eq!(ch.pending(), 0);
    ch.destroy();
}

#[wasm_bindgen_test]
async fn call_round_trip_through_a_real_frame() {
    responder_frame("portal1", 0).await;
    let ch = channel("portal1", "");
    let guid = JsFuture::from(ch.call(call_args(), JsValue::UNDEFINED)).await.unwrap().as_string().unwrap();
    assert!(ucontact_bridge::validate::is_guid(&guid), "{guid}");
    let cti = JsFuture::from(ch.cti(JsValue::UNDEFINED)).await.unwrap();
    assert_eq!(cti.as_string().as_deref(), Some(r#"{"Guid":"x"}"#));
    assert_eq!(ch.pending(), 0);
    ch.destroy();
    assert!(!ch.is_listening());
}

#[wasm_bindgen_test]
async fn no_reply_times_out_and_destroy_rejects_pending() {
    responder_frame("portal2", 10_000).await;
    let ch = channel("portal2", ", timeoutMs: 50");
    assert_eq!(rejection_code(ch.call(call_args(), JsValue::UNDEFINED)).await, "TIMEOUT");
    let ch = channel("portal2", "");
    let a = ch.call(call_args(), JsValue::UNDEFINED);
    let b = ch.cti(JsValue::UNDEFINED);
    assert_eq!(ch.pending(), 2);
    ch.destroy();
    assert_eq!(rejection_code(a).await, "DESTROYED");
    assert_eq!(rejection_code(b).await, "DESTROYED");
    assert_eq!(rejection_code(ch.hangup()).await, "DESTROYED");
    assert_eq!(ch.pending(), 0);
    assert!(!ch.is_listening());
}

#[wasm_bindgen_test]
fn host_rejects_bad_options() {
    assert!(PortalHost::new(js("{}")).is_err());
    assert!(PortalHost::new(js("{ crmOrigins: ['http://x/'] }")).is_err());
    let host = PortalHost::new(js("{ crmOrigins: [location.origin] }")).unwrap();
    assert!(host.handle("dial", js("function () {}").into()).is_err());
    host.destroy();
}
