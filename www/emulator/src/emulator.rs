//! The handle tests and the sandbox hold: cheap to clone, shared with the router.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use crate::config::EmulatorConfig;
use crate::endpoints::endpoint_key;
use crate::faults::Fault;
use crate::state::{State, View};

/// A running emulated instance (in memory). Clones share the same instance.
#[derive(Clone, Debug)]
pub struct Emulator {
    inner: Arc<Mutex<State>>,
}

impl Emulator {
    /// An instance seeded from `config`.
    pub fn new(config: EmulatorConfig) -> Emulator {
        Emulator { inner: Arc::new(Mutex::new(State::new(config))) }
    }

    /// Runs `f` on the locked state. A panic elsewhere never leaves the state unusable: a
    /// poisoned lock is taken over as is.
    pub(crate) fn with_state<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let mut guard = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }

    /// A copy of the whole state.
    pub fn view(&self) -> View {
        self.with_state(|st| st.view())
    }

    /// Requests received by `endpoint` (faulted and refused ones included). `endpoint` is the
    /// path under `/Integra/resources/` (`Agents/AgentCall`), the full path, or `records` /
    /// `backup/records` for the recording hosts.
    pub fn count(&self, endpoint: &str) -> u64 {
        let key = endpoint_key(endpoint);
        self.with_state(|st| st.counters.get(key).copied().unwrap_or(0))
    }

    /// All non-zero counters.
    pub fn counters(&self) -> BTreeMap<String, u64> {
        self.with_state(|st| st.counters.clone())
    }

    /// Sets (replaces) the fault of `endpoint` (same keys as `count`, or `*` for every endpoint
    /// without its own). A fault with no knob set removes the entry.
    pub fn set_fault(&self, endpoint: &str, fault: Fault) {
        let key = endpoint_key(endpoint).to_owned();
        self.with_state(|st| st.faults.set(&key, fault));
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.with_state(|st| st.faults.entries.clear());
    }

    /// The faults still armed.
    pub fn faults(&self) -> BTreeMap<String, Fault> {
        self.with_state(|st| st.faults.entries.clone())
    }

    /// Makes every token issued so far invalid (the next request with one gets 401).
    pub fn expire_all_tokens(&self) {
        self.with_state(|st| st.sessions.expire_all());
    }

    /// Back to the freshly seeded instance: sessions, records, faults, counters and the log
    /// are cleared; the configuration stays.
    pub fn reset(&self) {
        self.with_state(|st| st.reset());
    }

    /// Sets an agent's device state (0–9) and pause flag; false if there is no such agent.
    pub fn set_agent_status(&self, name: &str, status: u8, paused: bool) -> bool {
        self.with_state(|st| match st.agent_mut(name) {
            Some(agent) if status <= 9 => {
                agent.status = status;
                agent.paused = paused;
                true
            }
            _ => false,
        })
    }

    /// Whether a recording file exists at this URL path (`/records/…` or `/backup/records/…`).
    pub fn has_recording(&self, path: &str) -> bool {
        self.with_state(|st| st.files.contains(path))
    }

    /// The CORS allow-list in force.
    pub fn allowed_origins(&self) -> Vec<String> {
        self.with_state(|st| st.config.allowed_origins.clone())
    }
}
