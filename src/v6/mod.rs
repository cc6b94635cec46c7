//! uContact v6 ("uContact X") in the browser, pure: the messages of its three surfaces, typed,
//! and the decisions made over them. No browser here; `web::v6` carries them out.
//!
//! * [`uphone`]: the uPhone softphone's `{ action, params }` events, typed.
//! * [`state`]: the agent's and the call's state derived from those events.
//! * [`forms`]: the Inbox's `interaction` object, normalized for a form.
//! * [`events`]: the Events API's `{ event, data }` messages, typed.
//! * [`frame`]: the page in a v6 frame: commands that wait for it, first load or reload.
//!
//! What is known about these surfaces, and how sure, is in the project's v6 fact sheet; every
//! choice made where the facts stop is documented beside the code that makes it.

pub mod events;
pub mod forms;
pub mod frame;
pub mod state;
pub mod uphone;
