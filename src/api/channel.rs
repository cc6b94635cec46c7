//! `PortalChannel`: the CRM page's end of the Porthole channel, for JavaScript. A thin class
//! over [`crate::web::Portal`]: it reads the arguments, builds the action, and settles a
//! promise from the portal's callback (no futures runtime on this path).

use alloc::boxed::Box;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::cti::view;
use crate::error::Error;
use crate::error::Failure;
use crate::shapes;
use crate::web::convert::{self, CallOptions, Obj};
use crate::web::log::Log;
use crate::web::portal::{self, Answer, Config, Done, Portal, Target};
use crate::wire::{Action, ReplyKind};

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("ts/channel.d.ts");

/// The CRM page's channel to the uContact portal (Porthole 1.0.0 wire format).
///
/// Create it with the portal's origin(s); it listens for the portal's replies at once.
/// `call`/`callWithPhone` resolve with the call's guid, `cti` with the typed CTI record,
/// `hangup`/`tag`/`respool`/`schedule` once the message is posted. Failures reject with an
/// `Error` whose `name` is `UContactError` and whose `code` says what happened.
#[wasm_bindgen]
pub struct PortalChannel {
    portal: Portal,
}

#[wasm_bindgen]
impl PortalChannel {
    /// `new PortalChannel({ portalOrigins, target?, allowAnyOrigin?, timeoutMs?, quarantineMs?, debug? })`.
    ///
    /// * `portalOrigins`: the exact origins the portal may have (e.g. `['https://acme.ucontactcloud.com']`).
    ///   Messages are sent to, and accepted from, these origins only.
    /// * `target`: `'parent'` (default), `'top'`, `'opener'` (a CRM page the portal opened in a
    ///   pop-up), or the name of a frame, like porthole's target window name.
    /// * `allowAnyOrigin`: send with `targetOrigin '*'` and accept any origin from the portal window.
    ///   Dangerous: whoever navigates the portal window receives your messages. Off by default.
    /// * `timeoutMs`: how long `call`/`callWithPhone`/`cti` wait for the reply (default 15000).
    /// * `quarantineMs`: after a timed-out call, how long the call lane stays closed so a late
    ///   reply cannot be taken for the next call's (default 60000; `Infinity` = until it arrives).
    ///
    /// Throws `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PortalChannelOptions")] options: JsValue,
    ) -> Result<PortalChannel, JsValue> {
        let o = Obj::read("options", &options, shapes::PORTAL_CHANNEL_OPTIONS.keys, false)?;
        Ok(PortalChannel { portal: Portal::new(config(&o, Log::read(&o, "PortalChannel")?)?)? })
    }

    /// Places a call through the portal: `{ campaign, callerid, destination }` (all strings).
    /// Resolves with the call's guid. Rejects with `INVALID_ARGUMENT`, `TIMEOUT`, `REFUSED`,
    /// `NO_PORTAL`, `ABORTED`, `DESTROYED`.
    ///
    /// Every action takes a last, optional `{ timeoutMs?, signal? }`: `timeoutMs` overrides the
    /// channel's wait for this reply; an `AbortSignal` rejects the call with `ABORTED` and
    /// removes it (a call already posted keeps the call lane closed for `quarantineMs`, since
    /// its reply may still come). Fire-and-forget actions only check the signal before posting.
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(call_action(&args), &options)
    }

    /// Places a call with the portal's own phone: `{ destination, campaign }`.
    /// Resolves with the call's guid; rejects like `call`.
    #[wasm_bindgen(js_name = callWithPhone, unchecked_return_type = "Promise<string>")]
    pub fn call_with_phone(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallWithPhoneArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(call_with_phone_action(&args), &options)
    }

    /// Hangs up the current call. Resolves (with `undefined`) once posted; the portal sends no reply.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn hangup(&self, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue) -> Promise {
        self.send(Ok(Action::hangup()), &options)
    }

    /// Tags the recording of a call: `{ guid, message }`. Resolves once posted.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn tag(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TagArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(tag_action(&args), &options)
    }

    /// Sends a WhatsApp or SMS message to the customer through the portal, as the logged-in
    /// agent: `{ campaign, message, destination }`. Resolves once posted: the portal documents
    /// no reply, so like `tag` it settles when the message leaves the page (`sent: true`).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn sms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SmsArgs")] args: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(sms_action(&args), &options)
    }

    /// Asks the portal for the current interaction record. Resolves with the typed record, as
    /// `decodeCti` gives it (`guid`, `campaign`, `parAndValues`, `dialer`, …, and `raw`, the
    /// record exactly as the portal sent it). Rejects with `TIMEOUT`, `BAD_JSON` (the portal's
    /// record is malformed), `NO_PORTAL`, `ABORTED`, `DESTROYED`.
    #[wasm_bindgen(unchecked_return_type = "Promise<CtiRecord>")]
    pub fn cti(&self, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue) -> Promise {
        self.send(Ok(Action::cti()), &options)
    }

    /// Sends a dialer record back to the dialer (`objetoRespool`). Resolves once posted.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn respool(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Respool | RespoolJson")] respool: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(convert::from_js("respool", &respool).and_then(Action::respool), &options)
    }

    /// Schedules a dialer call: `callDate` is `YYYY-MM-DD HH:MM:SS`, `objectDialer` a Respool
    /// object. Resolves once posted.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn schedule(
        &self,
        #[wasm_bindgen(js_name = callDate, unchecked_param_type = "string")] call_date: JsValue,
        #[wasm_bindgen(js_name = objectDialer, unchecked_param_type = "Respool | RespoolJson")] object_dialer: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(schedule_action(&call_date, &object_dialer), &options)
    }

    /// Subscribes to `'message'` (portal messages that answer nothing pending) or `'late'`
    /// (a reply that arrived after its request timed out or was aborted).
    /// Throws `INVALID_ARGUMENT` for other event names.
    // Typed in ts/channel.d.ts, generic over the event name (see `interface PortalChannel`).
    #[wasm_bindgen(skip_typescript)]
    pub fn on(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.portal.events().on(&event, &listener, &options)?)
    }

    /// `on` for the first event only (as `{ once: true }`); returns the unsubscribe function.
    #[wasm_bindgen(skip_typescript)]
    pub fn once(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.portal.events().once(&event, &listener, &options)?)
    }

    /// Removes a subscription made with `on`.
    #[wasm_bindgen(skip_typescript)]
    pub fn off(&self, event: JsValue, listener: JsValue) {
        self.portal.events().off(&event, &listener);
    }

    /// Rejects everything pending with `DESTROYED`, removes the listener and the timer; later
    /// calls reject at once with `DESTROYED`. Safe to call more than once.
    pub fn destroy(&self) {
        self.portal.destroy();
    }

    /// How many requests are waiting for a reply (for diagnostics and tests).
    #[wasm_bindgen(getter)]
    pub fn pending(&self) -> usize {
        self.portal.pending()
    }

    /// Whether a `message` listener is currently registered (for diagnostics and tests).
    #[wasm_bindgen(getter, js_name = isListening)]
    pub fn is_listening(&self) -> bool {
        self.portal.is_listening()
    }
}

impl PortalChannel {
    fn send(&self, action: Result<Action, Error>, options: &JsValue) -> Promise {
        let (action, o) = match CallOptions::from_js(options).and_then(|o| Ok((action?, o))) {
            Ok(ready) => ready,
            Err(e) => return unsent(&e),
        };
        if action.name().reply_kind() == ReplyKind::None {
            // Settled as soon as it is posted: an already settled promise, with no callback
            // and no executor (the per-message cost of `tag` bursts).
            return match self.portal.post_now(&action, &o) {
                Ok(()) => Promise::resolve(&JsValue::UNDEFINED),
                Err(e) => unsent(&e),
            };
        }
        let portal = &self.portal;
        settle_with(move |done| portal.submit(action, &o, done))
    }
}

/// The portal settings of `PortalChannel` (and `Bridge`) options.
pub(crate) fn config(o: &Obj<'_>, log: Log) -> Result<Config, Error> {
    use crate::shapes::portal_channel_options as k;
    let origins = o.strings(k::portalOrigins)?;
    let any = o.flag(k::allowAnyOrigin)?;
    let mut c = Config::new(origins, any, Target::parse(o.opt_str(k::target)?.as_deref())?)?;
    c.timeout_ms = convert::positive("timeoutMs", o.opt_f64(k::timeoutMs)?, portal::DEFAULT_TIMEOUT_MS)?;
    c.quarantine_ms = convert::positive("quarantineMs", o.opt_f64(k::quarantineMs)?, portal::DEFAULT_QUARANTINE_MS)?;
    c.log = log;
    Ok(c)
}

/// `{ campaign, callerid, destination }` as the `call` action.
pub(crate) fn call_action(args: &JsValue) -> Result<Action, Error> {
    use crate::shapes::call_args as k;
    let a = Obj::read("call", args, shapes::CALL_ARGS.keys, false)?;
    Action::call(&a.str(k::campaign)?, &a.str(k::callerid)?, &a.str(k::destination)?)
}

/// `{ destination, campaign }` as the `callWithPhone` action.
pub(crate) fn call_with_phone_action(args: &JsValue) -> Result<Action, Error> {
    use crate::shapes::call_with_phone_args as k;
    let a = Obj::read("callWithPhone", args, shapes::CALL_WITH_PHONE_ARGS.keys, false)?;
    Action::call_with_phone(&a.str(k::destination)?, &a.str(k::campaign)?)
}

/// `{ guid, message }` as the `tag` action.
pub(crate) fn tag_action(args: &JsValue) -> Result<Action, Error> {
    use crate::shapes::tag_args as k;
    let a = Obj::read("tag", args, shapes::TAG_ARGS.keys, false)?;
    Action::tag(&a.str(k::guid)?, &a.str(k::message)?)
}

/// `{ campaign, message, destination }` as the `sms` action.
pub(crate) fn sms_action(args: &JsValue) -> Result<Action, Error> {
    use crate::shapes::sms_args as k;
    let a = Obj::read("sms", args, shapes::SMS_ARGS.keys, false)?;
    Action::sms(&a.str(k::campaign)?, &a.str(k::message)?, &a.str(k::destination)?)
}

/// `(callDate, objectDialer)` as the `schedule` action.
pub(crate) fn schedule_action(call_date: &JsValue, object_dialer: &JsValue) -> Result<Action, Error> {
    let date = call_date.as_string().ok_or_else(|| Error::invalid("callDate", "is not a string"))?;
    Action::schedule(&date, convert::from_js("objectDialer", object_dialer)?)
}

/// A promise settled by the [`Done`] callback that `start` hands on: the answer turned into
/// its JS value (a guid string, the typed CTI record, `undefined`), or the error.
pub(crate) fn settle_with(start: impl FnOnce(Done)) -> Promise {
    let mut fns = None;
    let promise = Promise::new(&mut |resolve, reject| fns = Some((resolve, reject)));
    if let Some((resolve, reject)) = fns {
        start(Box::new(move |result| {
            let _ = match result.and_then(answer_js) {
                Ok(v) => resolve.call1(&JsValue::NULL, &v),
                Err(f) => reject.call1(&JsValue::NULL, &convert::failure(&f.error, f.sent)),
            };
        }));
    }
    promise
}

/// A promise rejected with `error`, nothing having been posted (`sent: false`).
fn unsent(error: &Error) -> Promise {
    Promise::reject(&convert::failure(error, false))
}

/// An answer as JavaScript gets it. A CTI record that does not decode is `BAD_JSON` (the
/// request was answered, so `sent`).
pub(crate) fn answer_js(answer: Answer) -> Result<JsValue, Failure> {
    Ok(match answer {
        Answer::Guid(g) => JsValue::from_str(&g),
        Answer::Cti(raw) => {
            let record = view::from_reply(raw).map_err(Failure::sent)?;
            convert::parse_js(&view::typed_json(&record))
        }
        Answer::Posted => JsValue::UNDEFINED,
    })
}
