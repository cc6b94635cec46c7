use axum::http::StatusCode;
use integra_emulator::*;

use crate::common::*;

#[tokio::test]
async fn each_seeded_recording_is_in_exactly_one_place() {
    let (emu, app) = setup();
    let places = |guid: &str, folder: &str, ext: &str| {
        vec![
            format!("/records/{guid}.{ext}"),
            format!("/records/{folder}/{guid}.{ext}"),
            format!("/backup/records/{folder}/{guid}.{ext}"),
            format!("/backup/records/{guid}.{ext}"),
        ]
    };
    let expected = [
        (GUID_MP3_TELEPHONY_ROOT, "20160118", "mp3", 0),
        (GUID_MP3_TELEPHONY_DATED, "20160118", "mp3", 1),
        (GUID_MP3_BACKUP_DATED, "20160119", "mp3", 2),
        (GUID_MP3_BACKUP_ROOT, "20160119", "mp3", 3),
        (GUID_GSM_TELEPHONY_DATED, "20160120", "gsm", 1),
        (GUID_GSM_BACKUP_DATED, "20160121", "gsm", 2),
    ];
    for (guid, folder, ext, at) in expected {
        for (i, path) in places(guid, folder, ext).iter().enumerate() {
            let a = send(&app, get(path)).await;
            let want = if i == at { StatusCode::OK } else { StatusCode::NOT_FOUND };
            assert_eq!(a.status, want, "{path}");
        }
        let other = if ext == "mp3" { "gsm" } else { "mp3" };
        for path in places(guid, folder, other) {
            assert_eq!(send(&app, get(&path)).await.status, StatusCode::NOT_FOUND, "{path}");
        }
    }
    for path in places(GUID_NO_RECORDING, "20160121", "mp3") {
        assert_eq!(send(&app, get(&path)).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert!(emu.count("records") > 0 && emu.count("backup/records") > 0);
}

#[tokio::test]
async fn bytes_types_and_head() {
    let (_emu, app) = setup();
    let mp3 = format!("/records/{GUID_MP3_TELEPHONY_ROOT}.mp3");
    let a = send(&app, get(&mp3)).await;
    assert_eq!(a.headers["content-type"], "audio/mpeg");
    assert!(a.body.starts_with("ID3"));
    assert!(a.body.ends_with(GUID_MP3_TELEPHONY_ROOT));
    let h = send(&app, head(&mp3)).await;
    assert_eq!(h.status, StatusCode::OK);
    assert!(h.body.is_empty());
    let gsm = format!("/records/20160120/{GUID_GSM_TELEPHONY_DATED}.gsm");
    assert_eq!(send(&app, get(&gsm)).await.headers["content-type"], "audio/x-gsm");
    assert_eq!(send(&app, head("/records/nope.mp3")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(send(&app, get("/records/2016/01/x.mp3")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(recording_path(RecordingPlace::TelephonyRoot, "", "g", AudioFormat::Mp3), "/records/g.mp3");
    assert_eq!(fake_audio(AudioFormat::Gsm, "g")[0], 0xD0);
}
