//! `UPhone`: the uContact v6 softphone embedded in a CRM page. A thin class over
//! [`crate::web::v6::uphone::Phone`].

use alloc::borrow::ToOwned;
use alloc::string::String;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::Error;
use crate::shapes;
use crate::v6::state::DEFAULT_HISTORY;
use crate::validate;
use crate::web::convert::{self, Obj};
use crate::web::log::Log;
use crate::web::v6::frame;
use crate::web::v6::uphone::Phone;

/// The uContact v6 softphone (uPhone) embedded in this page: typed events, the agent's and the
/// call's derived state, and click-to-dial.
///
/// ```js
/// const phone = new UPhone({ container: document.querySelector('#phone'), instanceOrigin: 'https://acme.ucontactcloud.com' });
/// phone.on('gettingCall', (e) => showCaller(e.params.number));
/// phone.on('change', (state) => render(state.call));
/// phone.makeCall({ number: '099123456', campaign: 'Ventas->' });
/// ```
#[wasm_bindgen]
pub struct UPhone {
    phone: Phone,
}

#[wasm_bindgen]
impl UPhone {
    /// `new UPhone({ frame | container, instanceOrigin, src?, makeCallAction?, historySize?, log?, debug? })`.
    ///
    /// * `frame`: the `<iframe>` showing `https://<instance>/uphone`; or `container`: an element
    ///   to create it in (with `allow="camera;microphone"`, which calls need; `src` defaults to
    ///   `instanceOrigin + '/uphone'`).
    /// * `instanceOrigin`: the exact origin of the instance (`https://acme.ucontactcloud.com`).
    ///   Only messages from the frame's window **and** this origin are read; commands go to this
    ///   origin only.
    /// * `makeCallAction`: `'makeCall'` (default, as documented) or `'makecall'` (the spelling
    ///   of the only public caller).
    /// * `historySize`: calls kept in `state.history` (default 20).
    /// * `log`, `debug`: where commands sent, events received and messages dropped are logged
    ///   (`LogEntry`: names and reasons, never the parameters).
    ///
    /// Throws `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "UPhoneOptions")] options: JsValue) -> Result<UPhone, JsValue> {
        use crate::shapes::uphone_options as k;
        let o = Obj::read("options", &options, shapes::UPHONE_OPTIONS.keys, false)?;
        let origin = o.str(k::instanceOrigin)?;
        let frame = frame::frame(&o, &origin, "/uphone", Some("camera;microphone"))?;
        let make_call_action = match o.opt_str(k::makeCallAction)?.as_deref() {
            None | Some("makeCall") => "makeCall",
            Some("makecall") => "makecall",
            Some(_) => return Err(Error::invalid("makeCallAction", "must be 'makeCall' or 'makecall'").into()),
        };
        let history = o.opt_u32(k::historySize)?.map_or(DEFAULT_HISTORY, |n| n as usize);
        let log = Log::read(&o, "UPhone")?;
        Ok(UPhone { phone: Phone::new(frame, origin, make_call_action, history, log)? })
    }

    /// Dials through uPhone: `{ number, campaign }` (`number` a phone number, string or number;
    /// it is sent as a string). Posts `{ action: 'makeCall', params: { number, campaign } }` to
    /// the instance origin; uPhone sends no reply (its `makeCall` event follows when the call
    /// starts). Called before the frame has loaded, the command waits for it (16 at most).
    /// Throws `INVALID_ARGUMENT` (nothing posted), `NO_PORTAL` (the frame has no window),
    /// `DESTROYED`.
    #[wasm_bindgen(js_name = makeCall)]
    pub fn make_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MakeCallArgs")] args: JsValue,
    ) -> Result<(), JsValue> {
        use crate::shapes::make_call_args as k;
        let a = Obj::read("makeCall", &args, shapes::MAKE_CALL_ARGS.keys, false)?;
        let number = match a.get(k::number) {
            Some(n) if n.as_f64().is_some() => {
                js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default()
            }
            Some(n) => n.as_string().ok_or_else(|| Error::invalid("number", "must be a string or a number"))?,
            None => return Err(Error::invalid("number", "is required").into()),
        };
        let number = number.trim().to_owned();
        validate::phone("number", &number)?;
        let campaign = a.str(k::campaign)?;
        validate::required_text("campaign", &campaign)?;
        Ok(self.phone.make_call(&number, &campaign)?)
    }

    /// Sends an SMS through uPhone: `{ action: 'makeSms', params }`. Its params are not public:
    /// every member is passed through as a string (numbers as JavaScript writes them). Throws
    /// `INVALID_ARGUMENT` for anything but strings and numbers, `NO_PORTAL`, `DESTROYED`.
    #[wasm_bindgen(js_name = makeSms)]
    pub fn make_sms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string | number>")] params: JsValue,
    ) -> Result<(), JsValue> {
        if !params.is_object() || convert::is_array(&params) {
            return Err(Error::invalid("makeSms", "expected an object of strings").into());
        }
        let out = js_sys::Object::new();
        for entry in convert::entries(&params).ok_or_else(|| convert::unreadable("makeSms"))?.iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            let (k, v) = (entry.get(0), entry.get(1));
            let text = match (v.as_string(), v.as_f64()) {
                (Some(s), _) => s,
                (None, Some(_)) => {
                    js_sys::Number::from(v).to_string_with_radix(10).map(String::from).unwrap_or_default()
                }
                _ if v.is_undefined() => continue,
                _ => return Err(Error::invalid("makeSms", "every member must be a string or a number").into()),
            };
            let _ = js_sys::Reflect::set(&out, &k, &JsValue::from_str(&text));
        }
        Ok(self.phone.command("makeSms", &out)?)
    }

    /// The derived state: `{ agent: 'unknown' | 'loggedIn' | 'loggedOut', call, history }`
    /// (see the README's state machine).
    #[wasm_bindgen(getter, unchecked_return_type = "UPhoneState")]
    pub fn state(&self) -> JsValue {
        convert::to_js(&self.phone.state())
    }

    /// The uPhone `<iframe>`.
    #[wasm_bindgen(getter)]
    pub fn frame(&self) -> web_sys::HtmlIFrameElement {
        self.phone.frame().clone()
    }

    /// Subscribes to an event (see `UPhoneEventMap`). Throws `INVALID_ARGUMENT` for other names.
    #[wasm_bindgen(skip_typescript)]
    pub fn on(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.phone.events().on(&event, &listener, &options)?)
    }

    /// `on` for the first event only (as `{ once: true }`); returns the unsubscribe function.
    #[wasm_bindgen(skip_typescript)]
    pub fn once(&self, event: JsValue, listener: JsValue, options: JsValue) -> Result<js_sys::Function, JsValue> {
        Ok(self.phone.events().once(&event, &listener, &options)?)
    }

    /// Removes a subscription made with `on`.
    #[wasm_bindgen(skip_typescript)]
    pub fn off(&self, event: JsValue, listener: JsValue) {
        self.phone.events().off(&event, &listener);
    }

    /// Removes every listener (the frame's messages and loads, the subscriptions); commands
    /// throw `DESTROYED` afterwards. The frame stays: the agent stays logged in. Safe to call
    /// more than once.
    pub fn destroy(&self) {
        self.phone.destroy();
    }
}
