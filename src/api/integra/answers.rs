//! Endpoint answers as JavaScript gets them.

use wasm_bindgen::prelude::*;

use crate::json::{Map, Value};
use crate::rest::{
    CampaignStatusReport, CdrRecord, DispositionOutcome, QueueSummaryReport, RecordingCandidate, RecordingPlace,
};
use crate::web::convert::to_js;

/// An endpoint's output as a plain JS value.
pub trait IntoJs {
    fn into_js(self) -> JsValue;
}

impl IntoJs for () {
    fn into_js(self) -> JsValue {
        JsValue::UNDEFINED
    }
}

impl IntoJs for String {
    fn into_js(self) -> JsValue {
        JsValue::from_str(&self)
    }
}

impl IntoJs for DispositionOutcome {
    fn into_js(self) -> JsValue {
        to_js(&self.to_value())
    }
}

impl IntoJs for Vec<CdrRecord> {
    fn into_js(self) -> JsValue {
        to_js(&Value::Array(self.iter().map(CdrRecord::to_value).collect()))
    }
}

impl IntoJs for QueueSummaryReport {
    fn into_js(self) -> JsValue {
        to_js(&self.to_value())
    }
}

impl IntoJs for CampaignStatusReport {
    fn into_js(self) -> JsValue {
        to_js(&self.to_value())
    }
}

/// `{ url, format, place }`.
pub fn candidate(c: &RecordingCandidate) -> Value {
    let place = match c.place {
        RecordingPlace::Telephony => "Telephony",
        RecordingPlace::TelephonyDated => "TelephonyDated",
        RecordingPlace::BackupDated => "BackupDated",
        RecordingPlace::Backup => "Backup",
    };
    let mut m = Map::with_capacity(3);
    m.push_new("url", c.url.as_str());
    m.push_new("format", c.format.extension());
    m.push_new("place", place);
    Value::Object(m)
}
