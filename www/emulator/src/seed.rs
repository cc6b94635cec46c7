//! The seeded instance `EmulatorConfig::default()` describes.
//!
//! Logins: `agent1`/`secret1`, `agent2`/`secret2`, `supervisor`/`secret3`.
//! Campaigns: `Ventas->`, `Soporte<-`, `Power<-`, `test->`, `campana->` (the vendor examples' names).
//! Agents: `agent1` (SIP/1001), `agent2` (SIP/1002), `Daniel` (SIP/1010, unavailable),
//! `Santiago` (SIP/1011, paused).
//! Call records: six with recordings in each documented place (see `RECORDING_GUIDS`), plus 60
//! more in `Ventas->`/`Soporte<-` during 2024-03 for paging and filtering.

use crate::config::{
    AgentConfig, AgentStatus, AudioFormat, CampaignConfig, CdrSeed, DialerAction, DispositionConfig, EmulatorConfig,
    RecordingPlace, RecordingSeed, UserConfig,
};
use crate::ids::seeded_guid;

/// Seeded call with an `.mp3` at `/records/<guid>.mp3` (the vendor page's example GUID), 2016-01-18.
pub const GUID_MP3_TELEPHONY_ROOT: &str = "7e4e7db9-f080-494e-b04b-7c8e47711558";
/// Seeded call with an `.mp3` only at `/records/20160118/<guid>.mp3`.
pub const GUID_MP3_TELEPHONY_DATED: &str = "1b0c6a53-2f0e-4c55-9a57-6a1e0d3f4b21";
/// Seeded call with an `.mp3` only at `/backup/records/20160119/<guid>.mp3`.
pub const GUID_MP3_BACKUP_DATED: &str = "2c1d7b64-3a1f-4d66-8b68-7b2f1e4a5c32";
/// Seeded call with an `.mp3` only at `/backup/records/<guid>.mp3`.
pub const GUID_MP3_BACKUP_ROOT: &str = "3d2e8c75-4b2a-4e77-9c79-8c3a2f5b6d43";
/// Seeded call with only a `.gsm`, at `/records/20160120/<guid>.gsm`.
pub const GUID_GSM_TELEPHONY_DATED: &str = "4e3f9d86-5c3b-4f88-ad8a-9d4b3a6c7e54";
/// Seeded call with only a `.gsm`, at `/backup/records/20160121/<guid>.gsm`.
pub const GUID_GSM_BACKUP_DATED: &str = "5f4a0e97-6d4c-4a99-be9b-ae5c4b7d8f65";
/// Seeded call with no recording anywhere.
pub const GUID_NO_RECORDING: &str = "6a5b1fa8-7e5d-4baa-8fac-bf6d5c8e9a76";

/// All seeded GUIDs that have a recording somewhere.
pub const RECORDING_GUIDS: [&str; 6] = [
    GUID_MP3_TELEPHONY_ROOT,
    GUID_MP3_TELEPHONY_DATED,
    GUID_MP3_BACKUP_DATED,
    GUID_MP3_BACKUP_ROOT,
    GUID_GSM_TELEPHONY_DATED,
    GUID_GSM_BACKUP_DATED,
];

fn s(text: &str) -> String {
    text.to_owned()
}

fn disposition(l1: &str, l2: &str, l3: &str, code: &str, action: DialerAction) -> DispositionConfig {
    DispositionConfig { level1: s(l1), level2: s(l2), level3: s(l3), code: s(code), action }
}

fn campaign(
    name: &str,
    strategy: &str,
    threshold: &str,
    wrapup: u32,
    dispositions: Vec<DispositionConfig>,
) -> CampaignConfig {
    CampaignConfig { name: s(name), strategy: s(strategy), slevelthreshold: s(threshold), wrapup, dispositions }
}

fn agent(name: &str, phone: &str, status: u8, paused: bool, campaigns: &[&str]) -> AgentConfig {
    AgentConfig {
        name: s(name),
        phone: s(phone),
        tech: s("SIP"),
        status,
        paused,
        campaigns: campaigns.iter().map(|c| s(c)).collect(),
    }
}

#[allow(clippy::too_many_arguments)]
fn cdr(
    guid: &str,
    calldate: &str,
    agent: &str,
    campaign: &str,
    source: &str,
    destination: &str,
    duration: u32,
    recording: Option<(AudioFormat, RecordingPlace)>,
) -> CdrSeed {
    CdrSeed {
        guid: s(guid),
        calldate: s(calldate),
        agent: s(agent),
        campaign: s(campaign),
        source: s(source),
        destination: s(destination),
        duration,
        data: String::new(),
        rating: String::new(),
        recording: recording.map(|(format, place)| RecordingSeed { format, place }),
    }
}

fn campaigns() -> Vec<CampaignConfig> {
    use DialerAction::*;
    let sales = vec![
        disposition("Venta", "Contado", "", "VTA-CONT", None),
        disposition("Venta", "Credito", "", "VTA-CRED", None),
        disposition("Venta", "Credito", "12 cuotas", "VTA-CRED-12", None),
        disposition("No contesta", "", "", "NOCONT", Respool),
        disposition("Numero equivocado", "", "", "NUMEQ", RespoolAlternative),
        disposition("Rellamar", "", "", "RELL", Reschedule),
        disposition("No llamar", "", "", "NOLLAM", Blacklist),
    ];
    let support = vec![
        disposition("Consulta", "Facturacion", "", "CON-FACT", None),
        disposition("Consulta", "Tecnica", "Internet", "CON-TEC-INT", None),
        disposition("Reclamo", "", "", "RECL", None),
        disposition("Rellamar", "", "", "RELL", Reschedule),
    ];
    vec![
        campaign("Ventas->", "leastrecent", "20", 5, sales),
        campaign("Soporte<-", "fewestcalls", "15", 10, support),
        campaign("Power<-", "leastrecent", "3", 0, vec![disposition("Contactado", "", "", "CONT", None)]),
        campaign("test->", "fewestcalls", "15", 3, vec![disposition("Tipificacion1", "", "", "TIP1", None)]),
        campaign("campana->", "leastrecent", "3", 0, vec![disposition("Tipificacion1", "", "", "TIP1", None)]),
    ]
}

fn agents() -> Vec<AgentConfig> {
    vec![
        agent("agent1", "1001", AgentStatus::NOT_INUSE, false, &["Ventas->", "Soporte<-", "test->", "campana->"]),
        agent("agent2", "1002", AgentStatus::NOT_INUSE, false, &["Soporte<-", "Power<-"]),
        agent("Daniel", "1010", AgentStatus::UNAVAILABLE, false, &["test->", "Power<-"]),
        agent("Santiago", "1011", AgentStatus::NOT_INUSE, true, &["Ventas->"]),
    ]
}

fn cdrs() -> Vec<CdrSeed> {
    use AudioFormat::*;
    use RecordingPlace::*;
    let mut list = vec![
        cdr(
            GUID_MP3_TELEPHONY_ROOT,
            "2016-01-18 10:15:00",
            "agent1",
            "Ventas->",
            "1001",
            "098344484",
            125,
            Some((Mp3, TelephonyRoot)),
        ),
        cdr(
            GUID_MP3_TELEPHONY_DATED,
            "2016-01-18 11:20:30",
            "agent1",
            "Ventas->",
            "1001",
            "099124484",
            64,
            Some((Mp3, TelephonyDated)),
        ),
        cdr(
            GUID_MP3_BACKUP_DATED,
            "2016-01-19 09:05:10",
            "agent2",
            "Soporte<-",
            "098111222",
            "1002",
            300,
            Some((Mp3, BackupDated)),
        ),
        cdr(
            GUID_MP3_BACKUP_ROOT,
            "2016-01-19 16:45:00",
            "agent2",
            "Soporte<-",
            "098333444",
            "1002",
            42,
            Some((Mp3, BackupRoot)),
        ),
        cdr(
            GUID_GSM_TELEPHONY_DATED,
            "2016-01-20 12:00:00",
            "agent1",
            "Ventas->",
            "1001",
            "098555666",
            90,
            Some((Gsm, TelephonyDated)),
        ),
        cdr(
            GUID_GSM_BACKUP_DATED,
            "2016-01-21 08:30:00",
            "Daniel",
            "test->",
            "1010",
            "098777888",
            15,
            Some((Gsm, BackupDated)),
        ),
        cdr(GUID_NO_RECORDING, "2016-01-21 18:00:00", "agent1", "Ventas->", "1001", "098999000", 0, None),
    ];
    // 60 more calls in March 2024: two campaigns, alternating agents, one every 3 hours.
    for i in 0..60u32 {
        let (agent, campaign, inbound) = match i % 3 {
            0 => ("agent1", "Ventas->", false),
            1 => ("agent2", "Soporte<-", true),
            _ => ("agent1", "Soporte<-", true),
        };
        let hours = i * 3;
        let calldate = format!("2024-03-{:02} {:02}:{:02}:00", 1 + hours / 24, hours % 24, (i * 7) % 60);
        let customer = format!("09{:07}", 1_000_000 + (i % 20) * 1_111);
        let phone = if agent == "agent1" { "1001" } else { "1002" };
        let (source, destination) =
            if inbound { (customer.clone(), phone.to_owned()) } else { (phone.to_owned(), customer.clone()) };
        let mut seed = cdr(
            &seeded_guid(u64::from(i) + 1),
            &calldate,
            agent,
            campaign,
            &source,
            &destination,
            30 + (i * 37) % 400,
            Some((Mp3, TelephonyDated)),
        );
        if i % 5 == 0 {
            seed.data = format!("idcustomer={}", 100 + i);
        }
        if i % 4 == 0 {
            seed.rating = format!("{}", 1 + i % 5);
        }
        list.push(seed);
    }
    list
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            users: vec![
                UserConfig { login: s("agent1"), password: s("secret1") },
                UserConfig { login: s("agent2"), password: s("secret2") },
                UserConfig { login: s("supervisor"), password: s("secret3") },
            ],
            allowed_origins: Vec::new(),
            token_ttl: None,
            campaigns: campaigns(),
            agents: agents(),
            cdrs: cdrs(),
            max_body_bytes: 16 * 1024 * 1024,
        }
    }
}
