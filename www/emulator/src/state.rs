//! The emulated instance's memory: configuration, sessions, agents, call records, recording
//! files, everything accepted requests created, faults, counters and the request log.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;

use crate::auth::Sessions;
use crate::clock::{DateTime, Moment};
use crate::config::{CampaignConfig, EmulatorConfig, RecordingPlace};
use crate::faults::{Fault, FaultTable};
use crate::recordings::recording_path;
use crate::records::*;

/// How many request log entries are kept.
const LOG_LIMIT: usize = 1000;

#[derive(Debug)]
pub(crate) struct State {
    pub config: EmulatorConfig,
    pub started: Moment,
    pub sessions: Sessions,
    pub agents: Vec<AgentState>,
    pub cdrs: Vec<Cdr>,
    /// URL paths of the recording files that exist.
    pub files: BTreeSet<String>,
    pub calls: Vec<CallRecord>,
    pub hangups: Vec<HangupRecord>,
    pub tags: Vec<TagRecord>,
    pub sms: Vec<SmsRecord>,
    pub agent_api: Vec<AgentApiRecord>,
    pub dispositions: Vec<DispositionRecord>,
    pub blacklist: Vec<BlacklistEntry>,
    pub respools: Vec<RespoolRecord>,
    pub schedules: Vec<ScheduleRecord>,
    pub dialer_tasks: Vec<DialerTaskRecord>,
    pub removed_contacts: Vec<RemovedContact>,
    pub removed_schedules: Vec<RemovedSchedules>,
    pub bases: Vec<BaseUpload>,
    pub conversions: Vec<ConversionRecord>,
    pub faults: FaultTable,
    pub counters: BTreeMap<String, u64>,
    pub log: VecDeque<LogEntry>,
}

/// A copy of everything the emulator holds, for assertions (`Emulator::view`) and for
/// `GET /__emulator/state` (the same value as camelCase JSON).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct View {
    pub sessions: Vec<SessionInfo>,
    pub agents: Vec<AgentState>,
    pub campaigns: Vec<CampaignConfig>,
    pub calls: Vec<CallRecord>,
    pub hangups: Vec<HangupRecord>,
    pub tags: Vec<TagRecord>,
    pub sms: Vec<SmsRecord>,
    pub agent_api: Vec<AgentApiRecord>,
    pub dispositions: Vec<DispositionRecord>,
    pub blacklist: Vec<BlacklistEntry>,
    pub respools: Vec<RespoolRecord>,
    pub schedules: Vec<ScheduleRecord>,
    pub dialer_tasks: Vec<DialerTaskRecord>,
    pub removed_contacts: Vec<RemovedContact>,
    pub removed_schedules: Vec<RemovedSchedules>,
    pub bases: Vec<BaseUpload>,
    pub conversions: Vec<ConversionRecord>,
    pub cdrs: Vec<Cdr>,
    /// URL paths of the recording files that exist.
    pub recordings: Vec<String>,
    pub faults: BTreeMap<String, Fault>,
    pub counters: BTreeMap<String, u64>,
    pub log: Vec<LogEntry>,
}

impl State {
    pub fn new(config: EmulatorConfig) -> State {
        let agents = config
            .agents
            .iter()
            .map(|a| AgentState {
                name: a.name.clone(),
                phone: a.phone.clone(),
                interface: a.interface(),
                status: a.status,
                paused: a.paused,
                calls_taken: 0,
                campaigns: a.campaigns.clone(),
            })
            .collect();
        let mut files = BTreeSet::new();
        let mut cdrs = Vec::new();
        for seed in &config.cdrs {
            if let Some(rec) = seed.recording {
                // A seed with an unreadable date keeps its recording in the root folder.
                let place = match (DateTime::parse(&seed.calldate), rec.place) {
                    (None, RecordingPlace::TelephonyDated) => RecordingPlace::TelephonyRoot,
                    (None, RecordingPlace::BackupDated) => RecordingPlace::BackupRoot,
                    (_, place) => place,
                };
                let folder = DateTime::parse(&seed.calldate).map(|d| d.folder()).unwrap_or_default();
                files.insert(recording_path(place, &folder, &seed.guid, rec.format));
            }
            cdrs.push(Cdr {
                guid: seed.guid.clone(),
                calldate: seed.calldate.clone(),
                agent: seed.agent.clone(),
                campaign: seed.campaign.clone(),
                source: seed.source.clone(),
                destination: seed.destination.clone(),
                duration: seed.duration,
                data: seed.data.clone(),
                rating: seed.rating.clone(),
            });
        }
        State {
            config,
            started: Moment::now(),
            sessions: Sessions::default(),
            agents,
            cdrs,
            files,
            calls: Vec::new(),
            hangups: Vec::new(),
            tags: Vec::new(),
            sms: Vec::new(),
            agent_api: Vec::new(),
            dispositions: Vec::new(),
            blacklist: Vec::new(),
            respools: Vec::new(),
            schedules: Vec::new(),
            dialer_tasks: Vec::new(),
            removed_contacts: Vec::new(),
            removed_schedules: Vec::new(),
            bases: Vec::new(),
            conversions: Vec::new(),
            faults: FaultTable::default(),
            counters: BTreeMap::new(),
            log: VecDeque::new(),
        }
    }

    /// Back to the state `new` built from the same configuration.
    pub fn reset(&mut self) {
        *self = State::new(self.config.clone());
    }

    pub fn count(&mut self, endpoint: &str) {
        *self.counters.entry(endpoint.to_owned()).or_insert(0) += 1;
    }

    pub fn record(&mut self, endpoint: &str, status: u16, outcome: &str) {
        if self.log.len() >= LOG_LIMIT {
            self.log.pop_front();
        }
        self.log.push_back(LogEntry { endpoint: endpoint.to_owned(), status, outcome: outcome.to_owned() });
    }

    pub fn campaign(&self, name: &str) -> Option<&CampaignConfig> {
        self.config.campaign(name)
    }

    pub fn agent_mut(&mut self, name: &str) -> Option<&mut AgentState> {
        self.agents.iter_mut().find(|a| a.name == name)
    }

    pub fn view(&self) -> View {
        View {
            sessions: self.sessions.infos(self.config.token_ttl),
            agents: self.agents.clone(),
            campaigns: self.config.campaigns.clone(),
            calls: self.calls.clone(),
            hangups: self.hangups.clone(),
            tags: self.tags.clone(),
            sms: self.sms.clone(),
            agent_api: self.agent_api.clone(),
            dispositions: self.dispositions.clone(),
            blacklist: self.blacklist.clone(),
            respools: self.respools.clone(),
            schedules: self.schedules.clone(),
            dialer_tasks: self.dialer_tasks.clone(),
            removed_contacts: self.removed_contacts.clone(),
            removed_schedules: self.removed_schedules.clone(),
            bases: self.bases.clone(),
            conversions: self.conversions.clone(),
            cdrs: self.cdrs.clone(),
            recordings: self.files.iter().cloned().collect(),
            faults: self.faults.entries.clone(),
            counters: self.counters.clone(),
            log: self.log.iter().cloned().collect(),
        }
    }
}
