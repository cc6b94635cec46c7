//! Where a call's recording may be, in which order to look, and `Supervisor/convert`.
//!
//! A recording is a file named after the call's GUID, on the telephony server or on the backup
//! server, either directly under `/records/` or in a folder named after the call date
//! (`YYYYMMDD`: the date of the record's `calldate` without dashes or time — the server keeps
//! millions of files, so they are spread into daily folders).
//!
//! The order, for each format (MP3 first, then GSM):
//!
//! 1. `https://<telephony>/records/<guid>.mp3`
//! 2. `https://<telephony>/records/<YYYYMMDD>/<guid>.mp3`
//! 3. `https://<backup>/records/<YYYYMMDD>/<guid>.mp3`
//! 4. `https://<backup>/records/<guid>.mp3`
//!
//! The vendor page gives this list twice. The first copy repeats line 1 in place of line 2
//! (`https://Telefonía/records/guid.mp3` twice) while announcing "4 places"; the second copy,
//! after `convert`, has the dated telephony folder as line 2. The second copy is the one used
//! here: it is the only reading that has four distinct places.
//!
//! If no MP3 is found, the page offers two ways on: look for `.gsm` in the same four places (if
//! the player can play GSM), or ask the server to convert the GSM file with [`Convert`] and look
//! for the MP3 again. [`ProbePlan`] walks the candidates; doing the HTTP requests is the
//! executor's job.

use crate::cat;
use crate::error::{Error, Result};
use crate::json::{Map, Value};
use crate::validate;

use super::endpoint::Endpoint;
use super::form::Form;
use super::outcome::expect_one;
use super::request::Response;

/// An audio format a recording may be stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioFormat {
    /// `.mp3`, tried first.
    Mp3,
    /// `.gsm`, the raw format before conversion.
    Gsm,
}

impl AudioFormat {
    /// Both formats, in the order they are tried.
    pub const ALL: [AudioFormat; 2] = [AudioFormat::Mp3, AudioFormat::Gsm];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            AudioFormat::Mp3 => "mp3",
            AudioFormat::Gsm => "gsm",
        }
    }
}

/// One of the four places a recording may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordingPlace {
    /// `<telephony>/records/<guid>.<ext>`
    Telephony,
    /// `<telephony>/records/<YYYYMMDD>/<guid>.<ext>`
    TelephonyDated,
    /// `<backup>/records/<YYYYMMDD>/<guid>.<ext>`
    BackupDated,
    /// `<backup>/records/<guid>.<ext>`
    Backup,
}

impl RecordingPlace {
    /// The place's name, as the variant is spelt (`Telephony`, `TelephonyDated`, …).
    pub fn name(self) -> &'static str {
        match self {
            RecordingPlace::Telephony => "Telephony",
            RecordingPlace::TelephonyDated => "TelephonyDated",
            RecordingPlace::BackupDated => "BackupDated",
            RecordingPlace::Backup => "Backup",
        }
    }
}

/// A URL to try, with where and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordingCandidate {
    /// The absolute URL.
    pub url: String,
    /// Its format.
    pub format: AudioFormat,
    /// Its place.
    pub place: RecordingPlace,
}

impl RecordingCandidate {
    /// The candidate as a JSON object: `{ "url": …, "format": "mp3", "place": "Telephony" }`
    /// (the format as its extension, the place as [`RecordingPlace::name`]).
    pub fn to_value(&self) -> Value {
        let mut m = Map::with_capacity(3);
        m.push_new("url", self.url.as_str());
        m.push_new("format", self.format.extension());
        m.push_new("place", self.place.name());
        Value::Object(m)
    }
}

/// The servers that hold recordings. Each is a host name (`pbx.example.com`, HTTPS assumed) or
/// an origin with a scheme (`http://10.0.0.5:8080`); trailing slashes are ignored. Without a
/// backup server only the two telephony places are tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordingHosts {
    /// The telephony server.
    pub telephony: String,
    /// The recordings backup server, if the instance has one.
    pub backup: Option<String>,
}

impl RecordingHosts {
    /// Hosts with a backup server.
    pub fn new(telephony: impl Into<String>, backup: impl Into<String>) -> Self {
        Self { telephony: telephony.into(), backup: Some(backup.into()) }
    }

    /// The candidates for `guid` recorded on `calldate`, for each of `formats` in turn, each in
    /// the four-place order of the module docs.
    pub fn candidates(&self, guid: &str, calldate: &str, formats: &[AudioFormat]) -> Result<Vec<RecordingCandidate>> {
        validate::guid("guid", guid)?;
        let folder = recording_folder(calldate)?;
        let telephony = origin("telephony", &self.telephony)?;
        let backup = self.backup.as_deref().map(|b| origin("backup", b)).transpose()?;
        let mut places: Vec<(RecordingPlace, &str, bool)> =
            vec![(RecordingPlace::Telephony, &telephony, false), (RecordingPlace::TelephonyDated, &telephony, true)];
        if let Some(b) = backup.as_deref() {
            places.push((RecordingPlace::BackupDated, b, true));
            places.push((RecordingPlace::Backup, b, false));
        }
        let mut out = Vec::with_capacity(places.len() * formats.len());
        for &format in formats {
            for &(place, host, dated) in &places {
                let mut url = String::with_capacity(host.len() + 60);
                url.push_str(host);
                url.push_str("/records/");
                if dated {
                    url.push_str(&folder);
                    url.push('/');
                }
                url.push_str(guid);
                url.push('.');
                url.push_str(format.extension());
                out.push(RecordingCandidate { url, format, place });
            }
        }
        Ok(out)
    }
}

/// A host or origin as `scheme://host[:port]`, without trailing slashes.
fn origin(field: &'static str, host: &str) -> Result<String> {
    let h = host.trim().trim_end_matches('/');
    if h.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    if h.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#')) {
        return Err(Error::invalid(field, "is not a host name or origin"));
    }
    Ok(if crate::text::find(h, "://").is_some() { h.to_owned() } else { cat!["https://", h] })
}

/// The recordings folder of a call date: `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD` or `YYYYMMDD`
/// gives `YYYYMMDD`.
pub fn recording_folder(calldate: &str) -> Result<String> {
    let d = calldate.trim();
    let full = match d.len() {
        19 => d.to_owned(),
        10 => cat![d, " 00:00:00"],
        8 if d.bytes().all(|b| b.is_ascii_digit()) => {
            cat![d.get(0..4).unwrap_or(""), "-", d.get(4..6).unwrap_or(""), "-", d.get(6..8).unwrap_or(""), " 00:00:00"]
        }
        _ => String::new(),
    };
    match validate::parse_datetime(&full) {
        Some((y, m, day, ..)) => {
            let mut folder = String::with_capacity(8);
            push_padded(&mut folder, y.into(), 4);
            push_padded(&mut folder, m.into(), 2);
            push_padded(&mut folder, day.into(), 2);
            Ok(folder)
        }
        None => Err(Error::invalid("calldate", "is not a date `YYYY-MM-DD[ HH:MM:SS]` or `YYYYMMDD`")),
    }
}

/// Appends `n` in decimal, with leading zeros up to `width` digits.
fn push_padded(out: &mut String, n: u64, width: usize) {
    let digits = crate::text::num(n);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

/// The documented candidates for a recording: the four places with `.mp3`, then the same four
/// with `.gsm`.
pub fn recording_candidates(guid: &str, calldate: &str, hosts: &RecordingHosts) -> Result<Vec<RecordingCandidate>> {
    hosts.candidates(guid, calldate, &AudioFormat::ALL)
}

/// Where a [`ProbePlan`] stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeState<'a> {
    /// Request this candidate next, then [`ProbePlan::report`] the result.
    Try(&'a RecordingCandidate),
    /// This candidate exists; the search is over.
    Found(&'a RecordingCandidate),
    /// No candidate exists.
    NotFound,
}

/// Tries candidates in order; the first that exists wins.
///
/// ```
/// # use ucontact_bridge::rest::{ProbePlan, ProbeState, RecordingHosts};
/// let hosts = RecordingHosts::new("pbx.example.com", "backup.example.com");
/// let mut plan = ProbePlan::new("7e4e7db9-f080-494e-b04b-7c8e47711558", "2016-01-18 10:00:00", &hosts).unwrap();
/// while let ProbeState::Try(candidate) = plan.state() {
///     let status = if candidate.url.ends_with("/20160118/7e4e7db9-f080-494e-b04b-7c8e47711558.mp3") { 200 } else { 404 };
///     plan.report_status(status); // the executor's HEAD/GET result
/// }
/// assert_eq!(plan.found().unwrap().url, "https://pbx.example.com/records/20160118/7e4e7db9-f080-494e-b04b-7c8e47711558.mp3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbePlan {
    candidates: Vec<RecordingCandidate>,
    next: usize,
    found: Option<usize>,
}

impl ProbePlan {
    /// The documented plan (MP3 in four places, then GSM in four places).
    pub fn new(guid: &str, calldate: &str, hosts: &RecordingHosts) -> Result<Self> {
        Ok(Self::from_candidates(recording_candidates(guid, calldate, hosts)?))
    }

    /// A plan over any candidate list, e.g. MP3 only after a [`Convert`].
    pub fn from_candidates(candidates: Vec<RecordingCandidate>) -> Self {
        Self { candidates, next: 0, found: None }
    }

    /// What to do now.
    pub fn state(&self) -> ProbeState<'_> {
        if let Some(c) = self.found.and_then(|i| self.candidates.get(i)) {
            return ProbeState::Found(c);
        }
        match self.candidates.get(self.next) {
            Some(c) => ProbeState::Try(c),
            None => ProbeState::NotFound,
        }
    }

    /// Reports whether the candidate of [`ProbeState::Try`] exists. Ignored once finished.
    pub fn report(&mut self, exists: bool) {
        if self.found.is_some() || self.next >= self.candidates.len() {
            return;
        }
        if exists {
            self.found = Some(self.next);
        }
        self.next += 1;
    }

    /// Reports the HTTP status of the probe: any 2xx (200, or 206 for a range request) means
    /// the file exists; anything else means try the next place.
    pub fn report_status(&mut self, status: u16) {
        self.report((200..=299).contains(&status));
    }

    /// The winning candidate, once found.
    pub fn found(&self) -> Option<&RecordingCandidate> {
        self.found.and_then(|i| self.candidates.get(i))
    }

    /// `true` once found or exhausted.
    pub fn is_finished(&self) -> bool {
        !matches!(self.state(), ProbeState::Try(_))
    }

    /// All candidates, in order.
    pub fn candidates(&self) -> &[RecordingCandidate] {
        &self.candidates
    }
}

/// `POST Supervisor/convert` (form `guid`, `folder` = `YYYYMMDD`) → `1` when the GSM recording
/// was converted to MP3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Convert {
    /// The recording's call GUID.
    pub guid: String,
    /// The recording's folder, `YYYYMMDD`.
    pub folder: String,
}

impl Convert {
    /// The conversion request for a call, the folder taken from its call date.
    pub fn for_call(guid: impl Into<String>, calldate: &str) -> Result<Self> {
        Ok(Self { guid: guid.into(), folder: recording_folder(calldate)? })
    }
}

impl Endpoint for Convert {
    type Output = ();
    const PATH: &'static str = "Supervisor/convert";
    const NAME: &'static str = "convert";
    const IDEMPOTENT: bool = false;

    fn validate(&self) -> Result<()> {
        validate::guid("guid", &self.guid)?;
        let f = &self.folder;
        if f.len() != 8 || !f.bytes().all(|b| b.is_ascii_digit()) || recording_folder(f).is_err() {
            return Err(Error::invalid("folder", "is not a date `YYYYMMDD`"));
        }
        Ok(())
    }

    fn form(&self, out: &mut Form) -> Result<()> {
        out.push("guid", self.guid.as_str()).push("folder", self.folder.as_str());
        Ok(())
    }

    fn parse(&self, resp: &Response) -> Result<()> {
        expect_one(Self::NAME, resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rest::build;
    use crate::rest::test_support::{assert_common_errors, token};

    const GUID: &str = "7e4e7db9-f080-494e-b04b-7c8e47711558";

    #[test]
    fn folders() {
        for (input, want) in [
            ("2016-01-18 10:11:12", "20160118"),
            ("2016-01-18", "20160118"),
            ("20160118", "20160118"),
            (" 2024-02-29 23:59:59 ", "20240229"),
        ] {
            assert_eq!(recording_folder(input).unwrap(), want, "{input}");
        }
        for bad in ["", "2016-13-01", "2016011", "2016-01-18T10:11:12", "20230229", "ññññ"] {
            assert!(matches!(recording_folder(bad), Err(Error::InvalidArgument { field: "calldate", .. })), "{bad}");
        }
    }

    #[test]
    fn candidates_in_documented_order() {
        let hosts = RecordingHosts::new("pbx.example.com/", "https://backup.example.com");
        let urls: Vec<_> =
            recording_candidates(GUID, "2016-01-18 10:00:00", &hosts).unwrap().into_iter().map(|c| c.url).collect();
        let want: Vec<String> = ["mp3", "gsm"]
            .iter()
            .flat_map(|ext| {
                [
                    format!("https://pbx.example.com/records/{GUID}.{ext}"),
                    format!("https://pbx.example.com/records/20160118/{GUID}.{ext}"),
                    format!("https://backup.example.com/records/20160118/{GUID}.{ext}"),
                    format!("https://backup.example.com/records/{GUID}.{ext}"),
                ]
            })
            .collect();
        assert_eq!(urls, want);

        let only_pbx = RecordingHosts { telephony: "http://10.0.0.5:8080".into(), backup: None };
        let c = only_pbx.candidates(GUID, "2016-01-18", &[AudioFormat::Mp3]).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].url, format!("http://10.0.0.5:8080/records/20160118/{GUID}.mp3"));
        assert_eq!((c[1].place, c[1].format), (RecordingPlace::TelephonyDated, AudioFormat::Mp3));

        assert!(matches!(
            recording_candidates("x", "2016-01-18", &hosts),
            Err(Error::InvalidArgument { field: "guid", .. })
        ));
        let bad = RecordingHosts::new(" ", "b");
        assert!(matches!(
            recording_candidates(GUID, "2016-01-18", &bad),
            Err(Error::InvalidArgument { field: "telephony", .. })
        ));
        let bad = RecordingHosts::new("a", "b c");
        assert!(matches!(
            recording_candidates(GUID, "2016-01-18", &bad),
            Err(Error::InvalidArgument { field: "backup", .. })
        ));
    }

    #[test]
    fn probe_plan() {
        let hosts = RecordingHosts::new("pbx", "bk");
        let mut plan = ProbePlan::new(GUID, "2016-01-18", &hosts).unwrap();
        let mut tried = 0;
        while let ProbeState::Try(c) = plan.state() {
            tried += 1;
            let hit = c.format == AudioFormat::Gsm && c.place == RecordingPlace::BackupDated;
            plan.report(hit);
        }
        assert_eq!(tried, 7);
        assert!(plan.is_finished());
        assert_eq!(plan.found().unwrap().url, format!("https://bk/records/20160118/{GUID}.gsm"));
        plan.report(false); // ignored once found
        assert!(matches!(plan.state(), ProbeState::Found(_)));

        let mut none = ProbePlan::new(GUID, "2016-01-18", &hosts).unwrap();
        for _ in 0..20 {
            none.report_status(404);
        }
        assert_eq!(none.state(), ProbeState::NotFound);
        assert_eq!(none.found(), None);
        assert_eq!(none.candidates().len(), 8);

        let mut ranged = ProbePlan::from_candidates(hosts.candidates(GUID, "20160118", &[AudioFormat::Mp3]).unwrap());
        ranged.report_status(206);
        assert_eq!(ranged.found().unwrap().place, RecordingPlace::Telephony);
        assert_eq!(ProbePlan::from_candidates(Vec::new()).state(), ProbeState::NotFound);
    }

    #[test]
    fn convert() {
        let ep = Convert::for_call(GUID, "2016-01-18 09:00:00").unwrap();
        let req = build(&ep, Some(&token())).unwrap();
        assert_eq!(req.path(), "Supervisor/convert");
        assert_eq!(req.body(), format!("guid={GUID}&folder=20160118"));
        assert_eq!(ep.parse(&Response::new(200, "1")), Ok(()));
        assert_eq!(ep.parse(&Response::new(200, "0")), Err(Error::Refused { endpoint: "convert" }));
        assert_eq!(ep.parse(&Response::new(200, "done")).unwrap_err().code(), "BAD_RESPONSE");
        assert_common_errors(&ep, "convert");
        for (field, bad) in [
            ("folder", Convert { folder: "2016-01-18".into(), ..ep.clone() }),
            ("folder", Convert { folder: "20161318".into(), ..ep.clone() }),
            ("guid", Convert { guid: "g".into(), ..ep.clone() }),
        ] {
            assert!(
                matches!(build(&bad, Some(&token())), Err(Error::InvalidArgument { field: f, .. }) if f == field),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn candidate_to_value() {
        // What the browser edge built with `json!({ "url", "format": extension, "place": {:?} })`.
        let hosts = RecordingHosts::new("pbx", "bk");
        let all = recording_candidates(GUID, "2016-01-18", &hosts).unwrap();
        for c in &all {
            assert_eq!(c.place.name(), format!("{:?}", c.place));
        }
        assert_eq!(
            all[6].to_value().to_json(),
            format!(r#"{{"url":"https://bk/records/20160118/{GUID}.gsm","format":"gsm","place":"BackupDated"}}"#)
        );
        let mut folder = String::new();
        push_padded(&mut folder, 7, 4);
        push_padded(&mut folder, 12345, 2);
        assert_eq!(folder, "000712345");
    }
}
