//! `FormBridge`: a form running inside the uContact v6 Inbox. A thin class over
//! [`crate::web::v6::forms::Form`]: it reads the arguments and settles a promise from the
//! form's callback.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::shapes;
use crate::web::convert::{self, CallOptions, Obj};
use crate::web::log::Log;
use crate::web::v6::forms::{self, Form, Settle};
use crate::wire::origin;

/// The form's end of the v6 Inbox: the interaction it was opened for, and `close` / `sent`.
///
/// ```js
/// const inbox = new FormBridge({ inboxOrigins: ['https://acme.ucontactcloud.com'] });
/// const interaction = await inbox.getInteraction();      // normalized, every channel alike
/// fill(interaction.clientId, interaction.data);
/// inbox.sent();
/// ```
#[wasm_bindgen]
pub struct FormBridge {
    form: Form<Promised>,
}

/// A `getInteraction()` promise's two functions.
struct Promised {
    resolve: Function,
    reject: Function,
}

impl Settle for Promised {
    fn settle(self, result: &Result<JsValue, Error>) {
        let _ = match result {
            Ok(v) => self.resolve.call1(&JsValue::NULL, v),
            Err(e) => self.reject.call1(&JsValue::NULL, &convert::error(e)),
        };
    }
}

#[wasm_bindgen]
impl FormBridge {
    /// `new FormBridge({ inboxOrigins, timeoutMs?, log?, debug? })`: `inboxOrigins` are the exact
    /// origins the Inbox may have; only messages from the parent window **and** those origins
    /// are read, and the form posts to the one that frames it. `timeoutMs` is the default wait
    /// of `getInteraction` (5000). Throws `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FormBridgeOptions")] options: JsValue,
    ) -> Result<FormBridge, JsValue> {
        use crate::shapes::form_bridge_options as k;
        let o = Obj::read("options", &options, shapes::FORM_BRIDGE_OPTIONS.keys, false)?;
        let origins = o.strings(k::inboxOrigins)?;
        if origins.is_empty() {
            return Err(Error::invalid(
                "inboxOrigins",
                "is required: the Inbox's origin(s), e.g. ['https://acme.ucontactcloud.com']",
            )
            .into());
        }
        for inbox in &origins {
            origin::check("inboxOrigins", inbox)?;
        }
        let timeout_ms = convert::positive("timeoutMs", o.opt_f64(k::timeoutMs)?, forms::DEFAULT_TIMEOUT_MS)?;
        let log = Log::read(&o, "FormBridge")?;
        Ok(FormBridge { form: Form::new(origins, timeout_ms, log)? })
    }

    /// The interaction this form was opened for, normalized (`guid`, `channel`, `campaign`,
    /// `clientId`, …, `data` with string booleans as booleans and `CAMPAIGN`/`CONTACT` decoded,
    /// `dialer`, `lastMessage`, `messages`, `extraInfo`, and `raw`). Calls made while one is
    /// outstanding share its request. Options `{ timeoutMs?, signal? }`. Rejects with
    /// `NO_INTERACTION` at once when the form is not inside the Inbox, `TIMEOUT` when none
    /// arrives in time (a form in test mode gets none), `ABORTED`, `BAD_MESSAGE`, `DESTROYED`.
    #[wasm_bindgen(js_name = getInteraction, unchecked_return_type = "Promise<Interaction>")]
    pub fn get_interaction(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let mut fns = None;
        let promise = Promise::new(&mut |resolve, reject| fns = Some((resolve, reject)));
        if let Some((resolve, reject)) = fns {
            let done = Promised { resolve, reject };
            match CallOptions::from_js(&options) {
                Ok(o) => self.form.get_interaction(&o, done),
                Err(e) => done.settle(&Err(e)),
            }
        }
        promise
    }

    /// Asks the Inbox to close the form (`{ action: 'close' }`). Throws `NO_PORTAL` outside the
    /// Inbox, `DESTROYED`.
    pub fn close(&self) -> Result<(), JsValue> {
        Ok(self.form.close()?)
    }

    /// Tells the Inbox the form was submitted (`{ action: 'sent' }`). Throws like `close`.
    pub fn sent(&self) -> Result<(), JsValue> {
        Ok(self.form.sent()?)
    }

    /// Callers waiting for the interaction.
    #[wasm_bindgen(getter)]
    pub fn pending(&self) -> usize {
        self.form.pending()
    }

    /// Rejects what is pending with `DESTROYED`, removes the listener and the timer.
    pub fn destroy(&self) {
        self.form.destroy();
    }
}
