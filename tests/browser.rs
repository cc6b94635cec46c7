//! wasm tests in headless Chromium: a real window, real postMessage between frames.
#![cfg(all(target_arch = "wasm32", feature = "full"))]
// Test code: unwrapping and panicking is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{js, rejection_code};
use js_sys::Promise;
use ucontact_bridge::api::PortalChannel;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Adds a same-origin child frame named `name` whose page answers Porthole envelopes the way
/// the portal does (`{guid}` for calls, `{CTI}` for CTI) after `delay_ms`.
async fn responder_frame(name: &str, delay_ms: u32) {
    let html = format!(
        r#"<script>
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
    </script>"#
    );
    let f = js_sys::Function::new_with_args(
        "name,html",
        r#"return new Promise(function (ok) {
        var old = document.getElementById(name); if (old) old.remove();
        addEventListener('message', function l(e) { if (e.data === 'loaded:' + name) { removeEventListener('message', l); ok(); } });
        var i = document.createElement('iframe'); i.id = name; i.name = name; i.srcdoc = html; document.body.appendChild(i);
      });"#,
    );
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
    assert_eq!(rejection_code(ch.hangup(JsValue::UNDEFINED)).await, "NO_PORTAL");
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
    // The portal's JSON string arrives typed, with the record as sent under `raw`.
    let field = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).unwrap();
    assert_eq!(field(&cti, "guid").as_string().as_deref(), Some("x"));
    assert_eq!(field(&field(&cti, "raw"), "Guid").as_string().as_deref(), Some("x"));
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
    assert_eq!(rejection_code(ch.hangup(JsValue::UNDEFINED)).await, "DESTROYED");
    assert_eq!(ch.pending(), 0);
    assert!(!ch.is_listening());
}

// PortalHost is the testing entry's (`host`), which the default features build beside `full`.
#[cfg(feature = "host")]
mod host {
    use super::*;
    use ucontact_bridge::api::PortalHost;

    #[wasm_bindgen_test]
    fn host_rejects_bad_options() {
        assert!(PortalHost::new(js("{}")).is_err());
        assert!(PortalHost::new(js("{ crmOrigins: ['http://x/'] }")).is_err());
        let host = PortalHost::new(js("{ crmOrigins: [location.origin] }")).unwrap();
        assert!(host.handle("dial".into(), js("function () {}")).is_err());
        host.destroy();
    }
}

mod cti {
    use super::*;
    use js_sys::Reflect;
    use ucontact_bridge::api::{
        decode_cti, encrypt_cti, generate_cti_key, read_cti_from_storage, read_legacy_cti, CtiKey, JsRespool as Respool,
    };

    const RECORD: &str = r#"{"Guid":"7e4e7db9-f080-494e-b04b-7c8e47711558","Screen":"TRUE","Campaign":"Ventas->","Callerid":"098344484","ParAndValues":"idcustomer=7:name=Seba","Beep":"FALSE","Answer":"TRUE","Dialer":{"campaign":"Ventas->","destination":"098344484","dialerbase":"basetest","status":1,"data":"Par1=Val1","alternatives":"098124484:099111222","contact":222,"retries":2,"priority":9999,"agentphone":"1001"}}"#;

    fn code(e: JsValue) -> String {
        Reflect::get(&e, &"code".into()).unwrap().as_string().unwrap()
    }
    fn get(v: &JsValue, path: &str) -> JsValue {
        path.split('.').fold(v.clone(), |o, k| Reflect::get(&o, &k.into()).unwrap())
    }
    fn storage() -> web_sys::Storage {
        web_sys::window().unwrap().local_storage().unwrap().unwrap()
    }
    fn opts(s: &str) -> JsValue {
        js(s)
    }
    /// Text as the JS string a page passes.
    fn s(text: &str) -> JsValue {
        text.into()
    }

    #[wasm_bindgen_test]
    fn sealed_record_round_trips_through_real_local_storage() {
        let key = generate_cti_key().unwrap();
        let sealed = encrypt_cti(s(RECORD), s(&key)).unwrap();
        assert!(sealed.starts_with("ucb2."));
        storage().set_item("crm.cti", &sealed).unwrap();
        let o = opts(&format!("{{ storageKey: 'crm.cti', key: '{key}' }}"));
        let cti = read_cti_from_storage(o).unwrap();
        assert_eq!(get(&cti, "guid").as_string().as_deref(), Some("7e4e7db9-f080-494e-b04b-7c8e47711558"));
        assert_eq!(get(&cti, "answer").as_bool(), Some(true));
        assert_eq!(get(&cti, "beep").as_bool(), Some(false));
        assert_eq!(get(&cti, "dialer.contact").as_f64(), Some(222.0));
        // Wrong key, tampering, nothing stored, plain JSON where a key is configured.
        let other = generate_cti_key().unwrap();
        assert_eq!(
            code(read_cti_from_storage(opts(&format!("{{ storageKey: 'crm.cti', key: '{other}' }}"))).unwrap_err()),
            "WRONG_KEY"
        );
        let mut bytes = sealed.into_bytes();
        let i = bytes.len() - 10;
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        storage().set_item("crm.cti", &String::from_utf8(bytes).unwrap()).unwrap();
        assert_eq!(
            code(read_cti_from_storage(opts(&format!("{{ storageKey: 'crm.cti', key: '{key}' }}"))).unwrap_err()),
            "TAMPERED"
        );
        storage().set_item("crm.cti", RECORD).unwrap();
        assert_eq!(
            code(read_cti_from_storage(opts(&format!("{{ storageKey: 'crm.cti', key: '{key}' }}"))).unwrap_err()),
            "UNSUPPORTED_ENVELOPE"
        );
        assert!(read_cti_from_storage(opts(&format!("{{ storageKey: 'crm.cti', key: '{key}', acceptPlain: true }}")))
            .is_ok());
        assert!(read_cti_from_storage(opts("{ storageKey: 'crm.cti' }")).is_ok(), "plain JSON without a key");
        storage().remove_item("crm.cti").unwrap();
        assert_eq!(code(read_cti_from_storage(opts("{ storageKey: 'crm.cti' }")).unwrap_err()), "NOT_FOUND");
        assert_eq!(
            code(read_cti_from_storage(opts("{ storageKey: 'crm.cti', key: 'short' }")).unwrap_err()),
            "BAD_KEY"
        );
    }

    #[wasm_bindgen_test]
    fn a_cti_key_imported_once_opens_records_and_their_respool_in_one_pass() {
        let text = generate_cti_key().unwrap();
        let key = CtiKey::new(s(&text)).unwrap();
        let sealed = encrypt_cti(s(RECORD), s(&text)).unwrap();
        // open: the typed record as decodeCti gives it, and the Respool as Respool.fromCti builds it.
        let opened = key.open(s(&sealed), JsValue::UNDEFINED).unwrap();
        let by_options = decode_cti(sealed.clone().into(), opts(&format!("{{ key: '{text}' }}"))).unwrap();
        let stringify = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
        assert_eq!(stringify(&get(&opened, "record")), stringify(&by_options));
        assert_eq!(stringify(&key.decode(s(&sealed), JsValue::UNDEFINED).unwrap()), stringify(&by_options));
        let respool = get(&opened, "respool");
        let via_options = Respool::from_cti(sealed.clone().into(), opts(&format!("{{ key: '{text}' }}"))).unwrap();
        assert_eq!(
            stringify(
                &js_sys::Reflect::apply(&get(&respool, "toJSON").into(), &respool, &js_sys::Array::new()).unwrap()
            ),
            stringify(&via_options.to_json())
        );
        assert_eq!(key.respool(s(&sealed), JsValue::UNDEFINED).unwrap().destination(), "098344484");
        // The same key opens many records; seal and encryptCti interoperate both ways.
        for i in 0..20 {
            let record = RECORD.replace("idcustomer=7", &format!("idcustomer={i}"));
            let mine = key.seal(s(&record)).unwrap();
            let decoded = decode_cti(mine.into(), opts(&format!("{{ key: '{text}' }}"))).unwrap();
            assert_eq!(stringify(&get(&decoded, "parAndValues.0")), format!(r#"["idcustomer","{i}"]"#));
            let theirs = encrypt_cti(s(&record), s(&text)).unwrap();
            assert_eq!(
                stringify(&get(&key.decode(s(&theirs), JsValue::UNDEFINED).unwrap(), "parAndValues.0")),
                format!(r#"["idcustomer","{i}"]"#)
            );
        }
        // A record without a dialer row: respool is null in open, NOT_DIALER in respool.
        let voice = key.seal(s(r#"{"Guid":"g-voice","Campaign":"In<-"}"#)).unwrap();
        let opened = key.open(s(&voice), JsValue::UNDEFINED).unwrap();
        assert!(get(&opened, "respool").is_null());
        assert_eq!(get(&opened, "record.guid").as_string().as_deref(), Some("g-voice"));
        assert_eq!(code(key.respool(s(&voice), JsValue::UNDEFINED).err().unwrap()), "NOT_DIALER");
        // Errors: the key, the envelope, plain JSON (refused unless acceptPlain), bad options.
        assert_eq!(code(CtiKey::new(s("short")).err().unwrap()), "BAD_KEY");
        let other = CtiKey::new(s(&generate_cti_key().unwrap())).unwrap();
        assert_ne!(other.check_value(), key.check_value());
        assert_eq!(key.check_value().len(), 8);
        assert_eq!(code(other.open(s(&sealed), JsValue::UNDEFINED).unwrap_err()), "WRONG_KEY");
        let mut bytes = sealed.clone().into_bytes();
        let i = bytes.len() - 10;
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        assert_eq!(code(key.open(s(&String::from_utf8(bytes).unwrap()), JsValue::UNDEFINED).unwrap_err()), "TAMPERED");
        assert_eq!(code(key.open(s("ucb2."), JsValue::UNDEFINED).unwrap_err()), "TRUNCATED");
        assert_eq!(code(key.open(s("ucb2.@@@@"), JsValue::UNDEFINED).unwrap_err()), "BAD_BASE64");
        assert_eq!(code(key.open(s("ucb1.AAAA"), JsValue::UNDEFINED).unwrap_err()), "UNSUPPORTED_ENVELOPE");
        assert_eq!(code(key.open(s(RECORD), JsValue::UNDEFINED).unwrap_err()), "UNSUPPORTED_ENVELOPE");
        assert_eq!(
            get(&key.open(s(RECORD), opts("{ acceptPlain: true }")).unwrap(), "record.guid"),
            get(&by_options, "guid")
        );
        assert_eq!(code(key.open(s(&sealed), opts("{ key: 'x' }")).unwrap_err()), "INVALID_ARGUMENT");
        assert_eq!(code(key.seal(s("[1]")).unwrap_err()), "BAD_JSON");
    }

    #[wasm_bindgen_test]
    fn legacy_global_and_portal_reply_decode_alike() {
        assert_eq!(code(read_legacy_cti().unwrap_err()), "NOT_FOUND");
        Reflect::set(&js_sys::global(), &"CTI".into(), &RECORD.into()).unwrap();
        let legacy = read_legacy_cti().unwrap();
        Reflect::delete_property(&js_sys::global(), &"CTI".into()).unwrap();
        let reply = decode_cti(js(RECORD), JsValue::UNDEFINED).unwrap();
        for path in ["guid", "campaign", "callerid", "dialer.destination", "dialer.priority"] {
            assert_eq!(format!("{:?}", get(&legacy, path)), format!("{:?}", get(&reply, path)), "{path}");
        }
        assert_eq!(
            js_sys::JSON::stringify(&get(&reply, "parAndValues")).unwrap().as_string().as_deref(),
            Some(r#"[["idcustomer","7"],["name","Seba"]]"#)
        );
        assert_eq!(code(decode_cti("{not json".into(), JsValue::UNDEFINED).unwrap_err()), "BAD_JSON");
    }

    #[wasm_bindgen_test]
    fn respool_edits_are_the_documented_ones_and_read_only_fields_survive() {
        let mut r = Respool::from_cti(RECORD.into(), JsValue::UNDEFINED).unwrap();
        r.promote("099111222".into()).unwrap();
        assert_eq!(r.destination(), "099111222");
        assert_eq!(r.retries(), 0);
        assert_eq!(code(r.set_priority(1.into()).unwrap_err()), "INVALID_ARGUMENT");
        r.set_data("note".into(), "vip".into()).unwrap();
        assert_eq!(code(r.set_data("bad:key".into(), "v".into()).unwrap_err()), "INVALID_ARGUMENT");
        // Arguments of the wrong type: INVALID_ARGUMENT, not a count wrapped to 32 bits.
        for bad in [JsValue::from(-1), JsValue::from(2.5), JsValue::from(1e10), JsValue::from("7"), JsValue::NULL] {
            assert_eq!(code(r.set_retries(bad.clone()).unwrap_err()), "INVALID_ARGUMENT", "{bad:?}");
            assert_eq!(code(r.set_priority(bad).unwrap_err()), "INVALID_ARGUMENT");
        }
        assert_eq!(code(r.promote(JsValue::from(98124484)).unwrap_err()), "INVALID_ARGUMENT");
        assert_eq!(code(r.reorder_alternatives(js("[1, 2]")).unwrap_err()), "INVALID_ARGUMENT");
        let json = js_sys::JSON::stringify(&r.to_json()).unwrap().as_string().unwrap();
        assert_eq!(
            json,
            r#"{"campaign":"Ventas->","destination":"099111222","dialerbase":"basetest","status":1,"data":"Par1=Val1:note=vip","alternatives":"098124484:098344484","contact":222,"retries":0,"priority":9999,"agentphone":"1001"}"#
        );
        // The typed record from decodeCti works as input too.
        let typed = decode_cti(RECORD.into(), JsValue::UNDEFINED).unwrap();
        assert_eq!(Respool::from_cti(typed, JsValue::UNDEFINED).unwrap().destination(), "098344484");
        let voice = r#"{"Guid":"7e4e7db9-f080-494e-b04b-7c8e47711558"}"#;
        assert_eq!(code(Respool::from_cti(voice.into(), JsValue::UNDEFINED).err().unwrap()), "NOT_DIALER");
        let typed_voice = decode_cti(voice.into(), JsValue::UNDEFINED).unwrap();
        assert_eq!(code(Respool::from_cti(typed_voice, JsValue::UNDEFINED).err().unwrap()), "NOT_DIALER");
    }
}

// Every IntegraClient argument reader, run once over an object holding every key its shape
// declares. The readers may read a member only by a declared key (`Obj::get` asserts it in
// debug builds, which these tests are), so a reader that misspelt a key panics here instead of
// reading the member as absent. Nothing reaches the network: the client has neither a token nor
// credentials, so each call that its reader accepted rejects `UNAUTHORIZED` before sending.
#[cfg(feature = "rest")]
mod integra_readers {
    use super::*;
    use ucontact_bridge::api::{build_base_file, IntegraClient};

    const GUID: &str = "'7e4e7db9-f080-494e-b04b-7c8e47711558'";
    const OPTIONS: &str = "{ signal: new AbortController().signal, timeoutMs: 5000 }";

    fn client() -> IntegraClient {
        IntegraClient::new(js("{ baseUrl: 'https://acme.example' }")).unwrap()
    }

    async fn unauthorized(what: &str, p: Promise) {
        assert_eq!(rejection_code(p).await, "UNAUTHORIZED", "{what}: its reader refused the arguments");
    }

    #[wasm_bindgen_test]
    fn the_constructor_reads_every_option() {
        let all = "{ baseUrl: 'https://acme.example', token: 'tok', user: 'u', password: 'p', timeoutMs: 1000, \
                   recordingHosts: { telephony: 'https://tel.example', backup: 'https://bk.example' }, \
                   maxInFlight: 2, maxResponseBytes: 4096, log: () => {} }";
        IntegraClient::new(js(all)).unwrap().destroy();
        // `debug` is read when there is no `log`.
        IntegraClient::new(js("{ baseUrl: 'https://acme.example', debug: true }")).unwrap().destroy();
    }

    #[wasm_bindgen_test]
    async fn every_call_reader_accepts_every_declared_key() {
        let c = client();
        let call = "callerid: '1001', agent: 'ag', phone: '1001', tech: 'SIP', context: 'ctx', outqueue: 'Ventas->', \
                    destination: '098344484'";
        unauthorized("agentCall", c.agent_call(js(&format!("{{ {call} }}")), js(OPTIONS))).await;
        let with_data = format!("{{ {call}, data: 'a=1', form: 'f' }}");
        unauthorized("agentCallWithData", c.agent_call_with_data(js(&with_data), JsValue::UNDEFINED)).await;
        unauthorized("hangupPhone", c.hangup_phone(js("{ phone: '1001' }"), JsValue::UNDEFINED)).await;
        let tag = format!("{{ phone: '1001', guid: {GUID}, data: 'note' }}");
        unauthorized("tagRecord", c.tag_record(js(&tag), JsValue::UNDEFINED)).await;
        let disposition = format!(
            "{{ campaign: 'Ventas->', agent: 'ag', callerid: '1001', guid: {GUID}, l1: 'a', l2: 'b', l3: 'c', \
             d1: 'd', d2: 'e', comment: 'f', schedule: '2030-01-15 10:30:00', camptoreschedule: 'Ventas->', tag: 't' }}"
        );
        unauthorized("dispositionCall", c.disposition_call(js(&disposition), JsValue::UNDEFINED)).await;
        let black = "{ phone: '098344484', campaign: '*', username: 'u', company: 'c', jobTitle: 'j', name: 'n' }";
        unauthorized("addBlack", c.add_black(js(black), JsValue::UNDEFINED)).await;
        let filter = "{ calldatei: '2024-01-01 00:00:00', calldatef: '2024-01-02 00:00:00' }";
        let page = "{ lastrow: 0, searchLimit: 10 }";
        unauthorized("getRecords", c.get_records(js(filter), js(page), JsValue::UNDEFINED)).await;
        let convert = format!("{{ guid: {GUID}, calldate: '2024-01-15 10:30:00' }}");
        unauthorized("convert", c.convert(js(&convert), JsValue::UNDEFINED)).await;
        let schedule = "{ calldate: '2030-01-15 10:30:00', campaign: 'Ventas->', destination: '098344484', \
                        alternatives: '099111111', agentphone: '1001', data: 'a=1' }";
        unauthorized("scheduleDialerCall", c.schedule_dialer_call(js(schedule), JsValue::UNDEFINED)).await;
        let sms = "{ destination: '098344484', message: 'hola', campaign: 'SMS', agent: 'ag', source: 'src' }";
        unauthorized("sendSms", c.send_sms(js(sms), JsValue::UNDEFINED)).await;
        unauthorized("sendSmsV1", c.send_sms_v1(js(sms), JsValue::UNDEFINED)).await;
        let later = "{ calldate: '2030-01-15 10:30:00', campaign: 'SMS', destination: '098344484', data: 'hola' }";
        unauthorized("scheduleSms", c.schedule_sms(js(later), JsValue::UNDEFINED)).await;
        let logoff = "{ agent: 'ag', interface: 'SIP/1001', message: 'bye' }";
        unauthorized("agentLogoff", c.agent_logoff(js(logoff), JsValue::UNDEFINED)).await;
        let unbreak = "{ agent: 'ag', interface: 'SIP/1001', motive: 'lunch', message: 'back' }";
        unauthorized("agentUnbreak", c.agent_unbreak(js(unbreak), JsValue::UNDEFINED)).await;
        let task =
            "{ mode: 'schedule', campaign: 'Ventas->', destination: '098344484', calldate: '2030-01-15 10:30:00', \
                    alternatives: '099111111', agent: 'ag', data: 'a=1', source: 'src' }";
        unauthorized("dialerTask", c.dialer_task(js(task), JsValue::UNDEFINED)).await;
        let remove = "{ campaign: 'Ventas->', number: '098344484' }";
        unauthorized("removeContact", c.remove_contact(js(remove), JsValue::UNDEFINED)).await;
        let unschedule = "{ campaign: 'Ventas->', destination: '098344484', from: '2030-01-01 00:00:00', \
                          to: '2030-01-31 00:00:00' }";
        unauthorized("removeScheduleDialerCall", c.remove_schedule_dialer_call(js(unschedule), JsValue::UNDEFINED))
            .await;
        c.destroy();
    }

    /// A row `JSON.stringify` cannot write as one (its `toJSON` says `null`), so the reader of
    /// single rows reads it, every key given.
    const ROW: &str = "new (class { constructor() { Object.assign(this, { campaign: 'Ventas->', number: '098344484', \
                       data: { a: 'x', b: 2 }, alternatives: ['099111111'], priority: 5, agentphone: '1001' }); } \
                       toJSON() { return null; } })()";

    #[wasm_bindgen_test]
    async fn the_upload_and_row_readers_accept_every_declared_key() {
        let c = client();
        let upload =
            format!("{{ filename: 'base.csv', campaign: 'Ventas->', username: 'u', rows: [{ROW}], timezone: 'UTC' }}");
        unauthorized("uploadBase", c.upload_base(js(&upload), JsValue::UNDEFINED)).await;
        assert!(build_base_file(js(&format!("[{ROW}]"))).is_ok());
        c.destroy();
    }

    #[wasm_bindgen_test]
    fn the_options_and_hosts_readers_accept_every_declared_key() {
        let c = client();
        let filter = js("{ calldatei: '2024-01-01 00:00:00', calldatef: '2024-01-02 00:00:00' }");
        let options = js("{ pageSize: 10, signal: new AbortController().signal, timeoutMs: 5000 }");
        assert!(c.records(filter, options).is_ok());
        let hosts = js("{ telephony: 'https://tel.example', backup: 'https://bk.example' }");
        assert!(c.recording_candidates(GUID.trim_matches('\'').into(), "2024-01-15 10:30:00".into(), hosts).is_ok());
        c.destroy();
    }
}

// The Bridge reads its REST client's options with IntegraClient's reader, and its own (portal
// settings, agent profile, `cti`) beside them; the same debug check holds them to their shapes.
#[cfg(feature = "bridge")]
mod bridge_readers {
    use super::*;

    #[wasm_bindgen_test]
    fn the_bridge_options_readers_accept_every_declared_key() {
        let all = "{ mode: 'auto', portalOrigins: [location.origin], target: 'parent', allowAnyOrigin: false, \
                   timeoutMs: 1000, quarantineMs: 1000, probeTimeoutMs: 100, heartbeatMs: 0, log: () => {}, \
                   rest: { baseUrl: 'https://acme.example', debug: true }, \
                   agent: { agent: 'ag', phone: '1001', tech: 'SIP', context: 'ctx' }, \
                   cti: { acceptPlain: true, storageKey: 'record' } }";
        ucontact_bridge::api::Bridge::new(js(all)).unwrap().destroy();
        ucontact_bridge::api::Bridge::new(js(
            "{ mode: 'rest', debug: true, rest: { baseUrl: 'https://acme.example' } }",
        ))
        .unwrap()
        .destroy();
    }
}
