//! `Bridge` for JavaScript: a thin class over [`crate::web::bridge::Bridge`]. It reads the
//! options (the portal's with the channel's readers, the REST client's with the client's, so
//! a nested error keeps its own code) and turns each Rust future into a promise.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::channel::{answer_js, call_action, call_with_phone_action, config as portal_config, sms_action, tag_action};
use super::integra::{client_config, IntegraClient};
use super::{cti, sealed};
use crate::bridge::Requested;
use crate::cti::Respool;
use crate::error::Error;
use crate::error::Failure;
use crate::error::SealedError;
use crate::shapes;
use crate::web::bridge::{self as web, Agent, Bridge as RustBridge, Config};
use crate::web::convert::{self, CallOptions, Obj};
use crate::web::log::Log;
use crate::web::portal::Portal;
use crate::web::session::Client;
use crate::web::task::{self, promise};
use crate::wire::Action;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("ts/bridge.d.ts");

/// One entry point for CRM pages: the portal when the page runs inside it, the Integra REST API
/// otherwise.
///
/// ```js
/// const bridge = new Bridge({ portalOrigins: ['https://acme.ucontactcloud.com'],
///   rest: { baseUrl: 'https://acme.ucontactcloud.com', user, password },
///   agent: { agent: 'ana', phone: '1001', context: 'from-internal' } });
/// bridge.on('lost', () => showBanner('portal not answering'));
/// const mode = await bridge.ready;               // 'portal' or 'rest'
/// const guid = await bridge.call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' });
/// ```
#[wasm_bindgen]
pub struct Bridge {
    bridge: RustBridge,
    ready: Promise,
}

#[wasm_bindgen]
impl Bridge {
    /// `new Bridge({ mode?, portalOrigins?, target?, allowAnyOrigin?, timeoutMs?, quarantineMs?,
    /// probeTimeoutMs?, heartbeatMs?, log?, debug?, rest?, agent?, cti? })`.
    ///
    /// * `mode`: `'auto'` (default): the portal if the portal window is there (the page is
    ///   framed, or was opened by the portal with `target: 'opener'`) and the portal answers a
    ///   probe (a `CTI` request, which changes nothing) within `probeTimeoutMs` (default 2000);
    ///   otherwise REST. `'portal'` or `'rest'` force a path.
    /// * `portalOrigins`, `target`, `allowAnyOrigin`, `timeoutMs`, `quarantineMs`, `log`,
    ///   `debug`: as for `PortalChannel`; the log has the entries of both paths.
    /// * `heartbeatMs`: on the portal path, probe this often to notice a portal that stopped
    ///   answering (default 15000; `0` turns it off).
    /// * `rest`: `IntegraClient` options (`baseUrl`, `token` or `user` + `password`, …).
    /// * `agent`: `{ agent, phone, tech? ('SIP'), context }`, which REST `call`, `hangup` and
    ///   `tag` need.
    /// * `cti`: `readCtiFromStorage` options for `cti()` on the REST path.
    ///
    /// Throws `INVALID_ARGUMENT` for bad options (and the nested option's own code, such as a
    /// bad REST token).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "BridgeOptions")] options: JsValue) -> Result<Bridge, JsValue> {
        let bridge = RustBridge::new(config(&options)?)?;
        let waiting = bridge.clone();
        let ready = promise(async move {
            let mode = waiting.ready().await?;
            Ok(JsValue::from_str(mode.as_str()))
        });
        // Made before anyone asks for it, so its rejection (destroyed while choosing, no portal
        // and no REST) must not be reported as unhandled when the page never reads `ready`; a
        // page that does read it still sees the rejection on what it chains.
        task::handled(&ready);
        Ok(Bridge { bridge, ready })
    }

    /// Resolves with the chosen path, `'portal'` or `'rest'`, once decided; rejects with
    /// `NO_PORTAL` when `auto` found no answering portal and no REST settings.
    #[wasm_bindgen(getter, unchecked_return_type = "Promise<BridgeMode>")]
    pub fn ready(&self) -> Promise {
        self.ready.clone()
    }

    /// `'choosing'`, `'portal'` or `'rest'`.
    #[wasm_bindgen(getter, unchecked_return_type = "BridgeMode | 'choosing'")]
    pub fn mode(&self) -> String {
        self.bridge.mode().as_str().to_owned()
    }

    /// `'connecting'`, `'connected'`, `'lost'` (the portal stopped answering) or `'destroyed'`.
    #[wasm_bindgen(getter, unchecked_return_type = "BridgeState")]
    pub fn state(&self) -> String {
        self.bridge.state().to_owned()
    }

    /// The REST client (sharing this bridge's session) for REST-only operations:
    /// dispositions, blacklist, dialer tasks, bases, recordings, supervisor. `undefined`
    /// without `rest` settings.
    #[wasm_bindgen(getter)]
    pub fn rest(&self) -> Option<IntegraClient> {
        self.bridge.rest().cloned().map(IntegraClient::from_client)
    }

    /// Places a call: `{ campaign, callerid, destination }`. Resolves with the guid.
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(call_action(&args), &options)
    }

    /// Places a call with the portal's own phone: `{ destination, campaign }`. Portal only:
    /// on the REST path it rejects with `PORTAL_REQUIRED`.
    #[wasm_bindgen(js_name = callWithPhone, unchecked_return_type = "Promise<string>")]
    pub fn call_with_phone(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallWithPhoneArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(call_with_phone_action(&args), &options)
    }

    /// Hangs up the agent's current call.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn hangup(&self, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue) -> Promise {
        self.send(Ok(Action::hangup()), &options)
    }

    /// Sends a WhatsApp or SMS message: `{ campaign, message, destination }`. On the portal path
    /// it is the portal's `sms` action and resolves with `undefined` once posted (the portal
    /// documents no reply); on the REST path it is `SMS/SendSMSv2` (the sending agent from the
    /// `agent` profile, if given) and resolves with the message's id. Never both, never twice.
    #[wasm_bindgen(unchecked_return_type = "Promise<string | undefined>")]
    pub fn sms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SmsArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(sms_action(&args), &options)
    }

    /// Tags a call's recording: `{ guid, message }`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn tag(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TagArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(tag_action(&args), &options)
    }

    /// Sends a dialer row back to the dialer: a `Respool` (or its JSON), checked first on
    /// both paths.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn respool(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Respool | RespoolJson")] respool: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(respool_arg(&respool).map(Action::respool_row), &options)
    }

    /// Schedules a dialer row: `callDate` (`YYYY-MM-DD HH:MM:SS`) and a `Respool`, checked
    /// first on both paths.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn schedule(
        &self,
        #[wasm_bindgen(js_name = callDate, unchecked_param_type = "string")] call_date: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Respool | RespoolJson")] respool: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let action = convert::arg_str("callDate", &call_date)
            .and_then(|call_date| Action::schedule_row(&call_date, respool_arg(&respool)?));
        self.send(action, &options)
    }

    /// The current interaction record, typed like `decodeCti`: from the portal (`CTI`), or on
    /// the REST path from localStorage (`cti` options), else the legacy global `CTI`.
    #[wasm_bindgen(unchecked_return_type = "Promise<CtiRecord>")]
    pub fn cti(&self, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue) -> Promise {
        self.send(Ok(Action::cti()), &options)
    }

    /// Subscribes to `'connected'` (`{ mode }`), `'lost'`, `'restored'`, or the portal's
    /// `'message'` / `'late'`. Throws `INVALID_ARGUMENT` for other names.
    // Typed in ts/bridge.d.ts, generic over the event name (see `interface Bridge`).
    #[wasm_bindgen(skip_typescript)]
    pub fn on(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.events_of(&event).on(&event, &listener, &options)?)
    }

    /// `on` for the first event only (as `{ once: true }`); returns the unsubscribe function.
    #[wasm_bindgen(skip_typescript)]
    pub fn once(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.events_of(&event).once(&event, &listener, &options)?)
    }

    /// Removes a subscription made with `on`.
    #[wasm_bindgen(skip_typescript)]
    pub fn off(&self, event: JsValue, listener: JsValue) {
        if let Some(p) = self.bridge.portal() {
            p.events().off(&event, &listener);
        }
        self.bridge.events().off(&event, &listener);
    }

    /// Stops probing, destroys the channel and aborts the REST requests in flight: every
    /// pending call rejects with `DESTROYED`, and so do later calls. Safe to call more than once.
    pub fn destroy(&self) {
        self.bridge.destroy();
    }

    /// Calls made on this bridge that have not settled yet (both paths).
    #[wasm_bindgen(getter)]
    pub fn pending(&self) -> usize {
        self.bridge.pending()
    }
}

impl Bridge {
    /// Where subscriptions to `event` go: the portal's `message` and `late` are the channel's
    /// own events (when there is a channel); everything else, and those on a REST-only bridge
    /// (which never emits them), the bridge's.
    fn events_of(&self, event: &JsValue) -> &crate::web::emitter::Emitter {
        match (event.as_string().as_deref(), self.bridge.portal()) {
            (Some("message" | "late"), Some(p)) => p.events(),
            _ => self.bridge.events(),
        }
    }

    fn send(&self, action: Result<Action, Error>, options: &JsValue) -> Promise {
        let bridge = self.bridge.clone();
        let o = CallOptions::from_js(options);
        promise(async move {
            let sent = match (action, o) {
                (Ok(action), Ok(o)) => bridge.send(action, &o).await.and_then(answer_js),
                (Err(e), _) | (_, Err(e)) => Err(Failure::unsent(e)),
            };
            sent.map_err(|f| convert::failure(&f.error, f.sent))
        })
    }
}

/// A `Respool` instance or the documented Respool JSON, checked.
fn respool_arg(v: &JsValue) -> Result<Respool, Error> {
    Respool::from_value(&convert::from_js("respool", v)?)
}

fn config(options: &JsValue) -> Result<Config, Error> {
    use crate::shapes::bridge_options as k;
    let o = Obj::read("options", options, shapes::BRIDGE_OPTIONS.keys, false)?;
    let requested = Requested::parse(o.opt_str(k::mode)?.as_deref())?;
    let heartbeat_ms = match o.opt_f64(k::heartbeatMs)? {
        Some(0.0) => 0.0,
        other => convert::positive("heartbeatMs", other, web::DEFAULT_HEARTBEAT_MS)?,
    };
    let probe_timeout_ms =
        convert::positive("probeTimeoutMs", o.opt_f64(k::probeTimeoutMs)?, web::DEFAULT_PROBE_TIMEOUT_MS)?;
    // One log for both paths; a `log` or `debug` of the `rest` options wins for the REST one.
    let log = Log::read(&o, "Bridge")?;
    let rest = o.value(k::rest).map(|r| client_config(&r, &log).map(Client::new)).transpose()?;
    let wants_portal = requested != Requested::Rest;
    let portal = if wants_portal && (!o.strings(k::portalOrigins)?.is_empty() || o.flag(k::allowAnyOrigin)?) {
        Some(Portal::new(portal_config(&o, log)?)?)
    } else {
        None
    };
    let agent = o.value(k::agent).map(|a| agent(&a)).transpose()?;
    let cti_options = o.value(k::cti).unwrap_or(JsValue::UNDEFINED);
    // Checked now, so a bad `cti` option fails the constructor rather than every `cti()` call.
    Obj::read("cti", &cti_options, shapes::READ_CTI_OPTIONS.keys, true)?;
    Ok(Config {
        requested,
        portal,
        rest,
        agent,
        cti: Box::new(move || stored_cti(&cti_options)),
        probe_timeout_ms,
        heartbeat_ms,
    })
}

fn agent(v: &JsValue) -> Result<Agent, Error> {
    use crate::shapes::agent_profile as k;
    let a = Obj::read("agent", v, shapes::AGENT_PROFILE.keys, false)?;
    Ok(Agent {
        agent: a.str(k::agent)?,
        phone: a.str(k::phone)?,
        tech: a.opt_str(k::tech)?.unwrap_or_else(|| "SIP".into()),
        context: a.str(k::context)?,
    })
}

/// The REST path's record: the one in storage, else the legacy global; when neither exists,
/// the storage's reason.
fn stored_cti(options: &JsValue) -> Result<crate::cti::Cti, Error> {
    match sealed::from_storage(options) {
        Err(e @ (Error::NotFound { .. } | Error::Sealed(SealedError::StorageUnavailable { .. }))) => {
            match cti::legacy() {
                Err(Error::NotFound { .. }) => Err(e),
                other => other,
            }
        }
        other => other,
    }
}
