//! Tests shared by the node and the browser suites (each file under tests/ is its own binary;
//! this module is included by both).

use js_sys::{Function, Promise, Reflect};
use ucontact_bridge::wire::{envelope, Action, EnvelopeMeta};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

/// Awaits a promise and returns the rejection's `code`, failing if it resolved (the browser suite uses it).
#[allow(dead_code)]
pub async fn rejection_code(p: Promise) -> String {
    match JsFuture::from(p).await {
        Ok(v) => panic!("expected a rejection, got {v:?}"),
        Err(e) => {
            assert_eq!(
                Reflect::get(&e, &"name".into()).unwrap().as_string().as_deref(),
                Some("UContactError"),
                "{e:?}"
            );
            Reflect::get(&e, &"code".into()).unwrap().as_string().expect("code is a string")
        }
    }
}

/// Builds a JS value from a JS expression.
pub fn js(expr: &str) -> JsValue {
    Function::new_no_args(&format!("return ({expr});")).call0(&JsValue::NULL).unwrap()
}

#[wasm_bindgen_test]
fn envelope_encoding_in_wasm_matches_json_stringify() {
    // The same bytes porthole.js produces with JSON.stringify, computed by the JS engine here.
    let meta = EnvelopeMeta {
        source_origin: "http://crm.example".into(),
        target_origin: "https://acme.ucontactcloud.com".into(),
        source_window_name: "crm".into(),
        target_window_name: String::new(),
    };
    let action = Action::call("Ventas->", "1001", "091 000 000").unwrap();
    let ours = envelope::encode_with(&meta, |out| action.write_json(out));
    let theirs = js(
        r#"JSON.stringify({data: {action: 'call', campaign: 'Ventas->', callerid: '1001', destination: '091 000 000'},
        sourceOrigin: 'http://crm.example', targetOrigin: 'https://acme.ucontactcloud.com', sourceWindowName: 'crm', targetWindowName: ''})"#,
    );
    assert_eq!(Some(ours), theirs.as_string());
    let weird = "tab\t nl\n quote\" bs\\ ctl\u{1} del\u{7f} é 😀 \u{2028}";
    let mut data = ucontact_bridge::json::Map::new();
    data.insert("m", weird);
    let ours = envelope::encode(&data.into(), &EnvelopeMeta::default());
    let f = Function::new_with_args("m", "return JSON.stringify({data: {m: m}, sourceOrigin: '', targetOrigin: '', sourceWindowName: '', targetWindowName: ''});");
    assert_eq!(Some(ours), f.call1(&JsValue::NULL, &weird.into()).unwrap().as_string());
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(ucontact_bridge::api::version(), env!("CARGO_PKG_VERSION"));
}
