//! What an emulated uContact instance is made of: its users, campaigns with their
//! dispositions, agents, seeded call records with recordings, and the CORS allow-list.
//! `EmulatorConfig::default()` gives the seeded instance described in `seed.rs`.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Settings of one emulated instance. Every field is public: start from `default()` and adjust.
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    /// Logins accepted by `auth/getUserToken`.
    pub users: Vec<UserConfig>,
    /// Origins (exact `scheme://host[:port]`) allowed to call the API cross-origin. Empty by
    /// default: the sandbox names the CRM page origins it serves.
    pub allowed_origins: Vec<String>,
    /// Lifetime of a token from its login; `None` (the default) means until ended or expired
    /// through `Emulator::expire_all_tokens`.
    pub token_ttl: Option<Duration>,
    /// Campaigns (queues) and the dispositions configured on each.
    pub campaigns: Vec<CampaignConfig>,
    /// Agents, their phones and the campaigns they belong to.
    pub agents: Vec<AgentConfig>,
    /// Call records present at start (and after a reset), with their recording files.
    pub cdrs: Vec<CdrSeed>,
    /// Largest accepted request body, in bytes (bases travel base64-encoded in a form field).
    pub max_body_bytes: usize,
}

impl EmulatorConfig {
    /// Adds `origin` to the CORS allow-list.
    pub fn allow_origin(mut self, origin: impl Into<String>) -> Self {
        self.allowed_origins.push(origin.into());
        self
    }

    /// Adds (or replaces the password of) a login.
    pub fn user(mut self, login: impl Into<String>, password: impl Into<String>) -> Self {
        let login = login.into();
        self.users.retain(|u| u.login != login);
        self.users.push(UserConfig { login, password: password.into() });
        self
    }

    /// Sets the token lifetime.
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.token_ttl = Some(ttl);
        self
    }

    pub(crate) fn campaign(&self, name: &str) -> Option<&CampaignConfig> {
        self.campaigns.iter().find(|c| c.name == name)
    }
}

/// A login. The password never shows in `Debug`.
#[derive(Clone)]
pub struct UserConfig {
    pub login: String,
    pub password: String,
}

impl fmt::Debug for UserConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserConfig").field("login", &self.login).field("password", &"<redacted>").finish()
    }
}

/// A campaign (an Asterisk queue). Names end in `->` (outbound) or `<-` (inbound) by convention.
/// JSON (in and out): these field names; the Node module's `campaigns` option takes a list.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignConfig {
    pub name: String,
    /// Queue strategy shown by `Supervisor/campaignstatus`, e.g. `leastrecent`.
    pub strategy: String,
    /// Service-level threshold in seconds, as the text `campaignstatus` prints.
    pub slevelthreshold: String,
    /// Wrap-up seconds.
    pub wrapup: u32,
    /// The (level1, level2, level3) combinations `api/DispositionCall` accepts.
    #[serde(default)]
    pub dispositions: Vec<DispositionConfig>,
}

/// One configured disposition. Missing levels are empty strings.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DispositionConfig {
    pub level1: String,
    #[serde(default)]
    pub level2: String,
    #[serde(default)]
    pub level3: String,
    /// The `txtcode` answered on success.
    pub code: String,
    /// The dialer action the disposition triggers.
    #[serde(default)]
    pub action: DialerAction,
}

/// Dialer action tied to a disposition (the four the vendor page lists, or none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DialerAction {
    #[default]
    None,
    Respool,
    RespoolAlternative,
    Blacklist,
    Reschedule,
}

/// An agent: the name used as `agent` in API calls, its phone (extension) and technology.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentConfig {
    pub name: String,
    pub phone: String,
    /// Usually `SIP`; the interface is `<tech>/<phone>`, e.g. `SIP/1010`.
    pub tech: String,
    /// Asterisk device state code 0–9 (see `AgentStatus`).
    pub status: u8,
    #[serde(default)]
    pub paused: bool,
    #[serde(default)]
    pub campaigns: Vec<String>,
}

impl AgentConfig {
    /// The queue member interface, e.g. `SIP/1010`.
    pub fn interface(&self) -> String {
        format!("{}/{}", self.tech, self.phone)
    }
}

/// Asterisk device states as `Supervisor/campaignstatus` reports them.
pub struct AgentStatus;

impl AgentStatus {
    pub const UNKNOWN: u8 = 0;
    pub const NOT_INUSE: u8 = 1;
    pub const INUSE: u8 = 2;
    pub const BUSY: u8 = 3;
    pub const INVALID: u8 = 4;
    pub const UNAVAILABLE: u8 = 5;
    pub const RINGING: u8 = 6;
    pub const RINGINUSE: u8 = 7;
    pub const ONHOLD: u8 = 8;
    pub const WRAPUP: u8 = 9;
}

/// A call record present from the start.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CdrSeed {
    pub guid: String,
    /// `YYYY-MM-DD HH:MM:SS`; its date names the recording folder.
    pub calldate: String,
    pub agent: String,
    pub campaign: String,
    pub source: String,
    pub destination: String,
    /// Seconds.
    pub duration: u32,
    /// Tag data of the call.
    #[serde(default)]
    pub data: String,
    /// Quality rating, empty when unrated.
    #[serde(default)]
    pub rating: String,
    /// Where its recording file lies, if anywhere.
    #[serde(default)]
    pub recording: Option<RecordingSeed>,
}

/// A seeded recording: its format and where it is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordingSeed {
    pub format: AudioFormat,
    pub place: RecordingPlace,
}

/// Recording file formats (JSON: `mp3`, `gsm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AudioFormat {
    Mp3,
    Gsm,
}

impl AudioFormat {
    pub fn extension(self) -> &'static str {
        match self {
            AudioFormat::Mp3 => "mp3",
            AudioFormat::Gsm => "gsm",
        }
    }
}

/// The four places the vendor page lists for a recording (JSON: `telephonyRoot`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RecordingPlace {
    /// The telephony host, `/records/<guid>.<ext>`.
    TelephonyRoot,
    /// The telephony host, `/records/<YYYYMMDD>/<guid>.<ext>`.
    TelephonyDated,
    /// The backup host, `/backup/records/<YYYYMMDD>/<guid>.<ext>`.
    BackupDated,
    /// The backup host, `/backup/records/<guid>.<ext>`.
    BackupRoot,
}
