//! Recording files and the two hosts that serve them.
//!
//! The vendor page lists four places for `<guid>.mp3` (and, failing those, `<guid>.gsm`): the
//! telephony host's `/records/` and `/records/<YYYYMMDD>/`, and the same two on the recordings
//! backup host. The emulator serves both hosts from the portal origin: the telephony host at
//! `/records/…` and the backup host at `/backup/records/…`. Files are small fake audio (an
//! ID3 tag and a few MPEG frame headers, or a few GSM 06.10 frames) naming their GUID.
//! GET and HEAD; 404 when absent. No token is needed (an `<audio>` element sends none).

use http::{header, HeaderValue, StatusCode};

use crate::clock::DateTime;
use crate::config::{AudioFormat, RecordingPlace};
use crate::emulator::Emulator;
use crate::exchange::Answer;
use crate::ids::is_guid;

/// URL path prefix of the telephony host's recordings.
pub const TELEPHONY_PREFIX: &str = "/records";
/// URL path prefix of the backup host's recordings.
pub const BACKUP_PREFIX: &str = "/backup/records";

/// The URL path of a recording in `place`; `folder` is `YYYYMMDD` (ignored for root places).
pub fn recording_path(place: RecordingPlace, folder: &str, guid: &str, format: AudioFormat) -> String {
    let ext = format.extension();
    match place {
        RecordingPlace::TelephonyRoot => format!("{TELEPHONY_PREFIX}/{guid}.{ext}"),
        RecordingPlace::TelephonyDated => format!("{TELEPHONY_PREFIX}/{folder}/{guid}.{ext}"),
        RecordingPlace::BackupDated => format!("{BACKUP_PREFIX}/{folder}/{guid}.{ext}"),
        RecordingPlace::BackupRoot => format!("{BACKUP_PREFIX}/{guid}.{ext}"),
    }
}

/// The fake audio bytes of a recording.
pub fn fake_audio(format: AudioFormat, guid: &str) -> Vec<u8> {
    let mut out = Vec::new();
    match format {
        AudioFormat::Mp3 => {
            // ID3v2.3 header with a zero-size tag, then MPEG-1 Layer III 128 kbit/s 8 kHz-ish frame headers.
            out.extend_from_slice(b"ID3\x03\x00\x00\x00\x00\x00\x00");
            for _ in 0..4 {
                out.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
                out.extend_from_slice(&[0u8; 28]);
            }
        }
        AudioFormat::Gsm => {
            // GSM 06.10 frames are 33 bytes, each starting with the 0xD signature nibble.
            for _ in 0..4 {
                out.push(0xD0);
                out.extend_from_slice(&[0x55u8; 32]);
            }
        }
    }
    out.extend_from_slice(b"integra-emulator:");
    out.extend_from_slice(guid.as_bytes());
    out
}

/// Which format a served path names, if it is a well-formed recording path at all.
fn parse_request_path(path: &str) -> Option<AudioFormat> {
    let rest = path.strip_prefix(BACKUP_PREFIX).or_else(|| path.strip_prefix(TELEPHONY_PREFIX))?.strip_prefix('/')?;
    let file = match rest.split_once('/') {
        Some((folder, file)) => {
            DateTime::parse_folder(folder)?;
            file
        }
        None => rest,
    };
    let (guid, ext) = file.rsplit_once('.')?;
    if !is_guid(guid) {
        return None;
    }
    match ext {
        "mp3" => Some(AudioFormat::Mp3),
        "gsm" => Some(AudioFormat::Gsm),
        _ => None,
    }
}

/// Serves `GET`/`HEAD` on both recording prefixes (`path` is the URL path).
pub(crate) fn serve_recording(emu: &Emulator, path: &str) -> Answer {
    let key = if path.starts_with(BACKUP_PREFIX) { "backup/records" } else { "records" };
    let found = emu.with_state(|st| {
        st.count(key);
        let found = parse_request_path(path).filter(|_| st.files.contains(path));
        st.record(key, if found.is_some() { 200 } else { 404 }, path);
        found
    });
    let mut answer = match found {
        Some(format) => {
            let guid = path.rsplit('/').next().unwrap_or("").split('.').next().unwrap_or("");
            let mime = match format {
                AudioFormat::Mp3 => "audio/mpeg",
                AudioFormat::Gsm => "audio/x-gsm",
            };
            Answer::new(StatusCode::OK, Some(mime), fake_audio(format, guid))
        }
        None => Answer::new(StatusCode::NOT_FOUND, Some("text/plain;charset=UTF-8"), "Not Found"),
    };
    answer.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let g = "7e4e7db9-f080-494e-b04b-7c8e47711558";
        assert_eq!(
            recording_path(RecordingPlace::BackupDated, "20160118", g, AudioFormat::Gsm),
            format!("/backup/records/20160118/{g}.gsm")
        );
        assert_eq!(parse_request_path(&format!("/records/{g}.mp3")), Some(AudioFormat::Mp3));
        assert_eq!(parse_request_path(&format!("/backup/records/20160118/{g}.gsm")), Some(AudioFormat::Gsm));
        assert_eq!(parse_request_path(&format!("/records/2016011/{g}.mp3")), None);
        assert_eq!(parse_request_path(&format!("/records/{g}.wav")), None);
        assert_eq!(parse_request_path("/records/../etc/passwd"), None);
    }
}
