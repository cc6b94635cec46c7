//! A class that listens: the part every one of them shares (`PortalChannel`, `PortalHost`,
//! `UPhone`, `FormBridge`, `UContactEvents`). Its window `message` listener ([`Messenger`]),
//! its subscribers ([`Emitter`]), whether it was destroyed, and the order of its teardown.
//!
//! The owner holds a `Listening` and is the messenger's [`Peer`]: the listener holds the owner,
//! as the browser holds an event listener, so an object that listens stays alive while it
//! listens; [`destroy`](Listening::destroy) drops the messenger, which breaks that cycle.

use alloc::rc::Rc;
use core::cell::Cell;

use super::emitter::Emitter;
use super::messenger::{Data, Messenger, Origins, Peer};
use crate::error::Error;

/// The messenger, the subscribers and the destroyed flag of one listening object.
pub struct Listening {
    events: Emitter,
    /// A `Cell`, not a `RefCell`: it is only ever put, taken or peeked at, never borrowed.
    messenger: Cell<Option<Messenger>>,
    destroyed: Cell<bool>,
}

impl Listening {
    /// Not listening yet, with these event names (none for a class with no `on`).
    pub fn new(events: &'static [&'static str]) -> Listening {
        Listening { events: Emitter::new(events), messenger: Cell::new(None), destroyed: Cell::new(false) }
    }

    /// Starts listening to the window's messages for `peer` (the owner of this `Listening`):
    /// once, as the owner is made. `NO_PORTAL` where there is no window.
    pub fn listen<P: Peer>(&self, peer: Rc<P>, origins: Origins, data: Data) -> Result<(), Error> {
        // What it replaces is the `None` of `new`: nothing to drop (which saves the drop code).
        core::mem::forget(self.messenger.replace(Some(Messenger::listen(peer, origins, data)?)));
        Ok(())
    }

    /// The subscribers (`on`, `once`, `off`, `emit`).
    pub fn events(&self) -> &Emitter {
        &self.events
    }

    /// Whether [`destroy`](Self::destroy) was called.
    pub fn is_destroyed(&self) -> bool {
        self.destroyed.get()
    }

    /// `DESTROYED` once destroyed: the check before anything is sent or started.
    pub fn alive(&self) -> Result<(), Error> {
        if self.destroyed.get() {
            Err(Error::Destroyed)
        } else {
            Ok(())
        }
    }

    /// Whether the `message` listener is registered.
    pub fn is_listening(&self) -> bool {
        let messenger = self.messenger.take();
        let listening = messenger.as_ref().is_some_and(Messenger::is_listening);
        self.messenger.set(messenger);
        listening
    }

    /// The teardown, once: marks the object destroyed, removes the `message` listener, runs
    /// `settle` (the owner's own teardown: reject what is pending, drop its other listeners and
    /// timers), then ends every subscription, so subscribers still hear what `settle` emits.
    /// A second call does nothing.
    pub fn destroy(&self, settle: impl FnOnce()) {
        if self.destroyed.replace(true) {
            return;
        }
        drop(self.messenger.take());
        settle();
        self.events.clear();
    }
}
