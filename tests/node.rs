//! wasm tests in node (no window): the shared suite plus what must hold outside a browser.
#![cfg(all(target_arch = "wasm32", feature = "full"))]
// Test code: unwrapping and panicking is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use js_sys::Reflect;
use ucontact_bridge::api::PortalChannel;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn a_channel_outside_a_browser_is_a_typed_error_not_a_panic() {
    let err = PortalChannel::new(common::js("{ portalOrigins: ['https://acme.ucontactcloud.com'] }"))
        .err()
        .expect("no window in node");
    assert_eq!(Reflect::get(&err, &"code".into()).unwrap().as_string().as_deref(), Some("NO_PORTAL"));
}

#[wasm_bindgen_test]
fn bad_options_are_invalid_argument() {
    for opts in [
        "{}",
        "{ portalOrigins: ['*'] }",
        "{ portalOrigins: ['https://a.b/'] }",
        "{ portalOrigins: 'https://a.b' }",
        "{ portalOrigins: ['https://a.b'], timeoutMs: -1 }",
        "{ portalOrigins: ['https://a.b'], typo: 1 }",
        "42",
    ] {
        let err = PortalChannel::new(common::js(opts)).err().unwrap_or_else(|| panic!("{opts} accepted"));
        assert_eq!(
            Reflect::get(&err, &"code".into()).unwrap().as_string().as_deref(),
            Some("INVALID_ARGUMENT"),
            "{opts}"
        );
    }
}

#[wasm_bindgen_test]
fn members_set_to_undefined_count_as_absent() {
    use ucontact_bridge::api::IntegraClient;
    let code = |e: wasm_bindgen::JsValue| Reflect::get(&e, &"code".into()).unwrap().as_string().unwrap_or_default();
    // Options parse (the error is the missing window, not the options).
    let err = PortalChannel::new(common::js(
        "{ portalOrigins: ['https://a.b'], debug: undefined, timeoutMs: undefined, target: undefined }",
    ))
    .err()
    .unwrap();
    assert_eq!(code(err), "NO_PORTAL");
    // Also nested, as TypeScript code spreading optional settings produces them.
    let client = IntegraClient::new(common::js(
        "{ baseUrl: 'https://acme.ucontactcloud.com', token: 'dG9rZW4=', user: undefined, password: undefined, \
           timeoutMs: undefined, recordingHosts: { telephony: 'https://rec.acme.com', backup: undefined } }",
    ));
    assert!(client.is_ok(), "{:?}", client.err());
    // An undefined required member is still missing, and says so.
    let err = IntegraClient::new(common::js("{ baseUrl: undefined, token: 'dG9rZW4=' }")).err().unwrap();
    assert_eq!(code(err.clone()), "INVALID_ARGUMENT");
    assert!(Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap().contains("baseUrl"), "{err:?}");
}

/// The allocator carves blocks from the end of wasm memory. Pages that something else added
/// (here, `memory.grow` called directly) are never handed out, and every block lies in memory.
#[wasm_bindgen_test]
fn memory_grown_by_someone_else_is_never_handed_out() {
    const PAGE: usize = 65_536;
    let before: Vec<Vec<u8>> = (0..4).map(|i| vec![1u8; 20_000 + i]).collect();
    let foreign = core::arch::wasm32::memory_grow(0, 1);
    assert_ne!(foreign, usize::MAX, "memory.grow refused");
    let (lo, hi) = (foreign * PAGE, (foreign + 1) * PAGE);
    let after: Vec<Vec<u8>> = (0..96).map(|i| vec![2u8; 1 << (i % 18)]).collect();
    let top = core::arch::wasm32::memory_size(0) * PAGE;
    for v in before.iter().chain(&after) {
        let (p, end) = (v.as_ptr() as usize, v.as_ptr() as usize + v.capacity());
        assert!(end <= lo || p >= hi, "a block of {} bytes at {p:#x} is in the foreign page {lo:#x}", v.len());
        assert!(end <= top, "a block at {p:#x} past the end of memory");
    }
    assert!(before.iter().all(|v| v.iter().all(|&b| b == 1)) && after.iter().all(|v| v.iter().all(|&b| b == 2)));
}
