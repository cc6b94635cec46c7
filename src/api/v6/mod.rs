//! uContact v6 for JavaScript: `UPhone` (the softphone a CRM page embeds), `FormBridge` (a form
//! inside the v6 Inbox) and `UContactEvents` (a CRM page embedding the whole instance). Each is
//! a thin class over the pure `crate::v6` and the shared messenger and emitter: messages are
//! accepted only from the one frame they belong to **and** its exact origin, and posted only
//! to that origin, never `'*'`.

mod events;
mod forms;
mod uphone;

pub use events::UContactEvents;
pub use forms::FormBridge;
pub use uphone::UPhone;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("../ts/v6.d.ts");
