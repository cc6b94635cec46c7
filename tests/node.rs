//! wasm tests in node (no window): the shared suite plus what must hold outside a browser.
#![cfg(target_arch = "wasm32")]

mod common;

use js_sys::Reflect;
use ucontact_bridge::web::PortalChannel;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn a_channel_outside_a_browser_is_a_typed_error_not_a_panic() {
    let err = PortalChannel::new(common::js("{ portalOrigins: ['https://acme.ucontactcloud.com'] }")).err().expect("no window in node");
    assert_eq!(Reflect::get(&err, &"code".into()).unwrap().as_string().as_deref(), Some("NO_PORTAL"));
}

#[wasm_bindgen_test]
fn bad_options_are_invalid_argument() {
    for opts in ["{}", "{ portalOrigins: ['*'] }", "{ portalOrigins: ['https://a.b/'] }", "{ portalOrigins: 'https://a.b' }",
                 "{ portalOrigins: ['https://a.b'], timeoutMs: -1 }", "{ portalOrigins: ['https://a.b'], typo: 1 }", "42"] {
        let err = PortalChannel::new(common::js(opts)).err().unwrap_or_else(|| panic!("{opts} accepted"));
        assert_eq!(Reflect::get(&err, &"code".into()).unwrap().as_string().as_deref(), Some("INVALID_ARGUMENT"), "{opts}");
    }
}
