//! What the portal posts back.
//!
//! The portal answers `call`/`callWithPhone` with `{guid}` and `CTI` with `{CTI}`; the vendor
//! examples read `messageEvent.data.guid` and `messageEvent.data.CTI`. Anything else the portal
//! posts is *unsolicited* and goes to subscribers untouched.

use crate::json::Value;
use alloc::string::String;

use crate::validate;

/// A classified `data` value from a trusted (origin- and source-checked) envelope.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// `{guid: "<uuid>"}`: a call was placed.
    Guid(String),
    /// `{guid: …}` whose value is not a GUID (`"0"`, `""`, a number…): the portal refused or
    /// failed the call; the raw value is kept for the error and for subscribers.
    BadGuid(Value),
    /// `{CTI: …}`: the interaction record, a JSON string or an object, as sent.
    Cti(Value),
    /// Anything else: not an answer to a request.
    Unsolicited(Value),
}

impl Reply {
    /// Classifies a `data` value. An object counts as a reply only when `guid` or `CTI` is its
    /// single key, so a message that merely *mentions* a guid is never taken as an answer.
    pub fn classify(data: Value) -> Reply {
        let Value::Object(obj) = &data else {
            return Reply::Unsolicited(data);
        };
        if obj.len() != 1 {
            return Reply::Unsolicited(data);
        }
        if let Some(g) = obj.get("guid") {
            return match g {
                Value::String(s) if validate::is_guid(s) => Reply::Guid(s.clone()),
                other => Reply::BadGuid(other.clone()),
            };
        }
        if let Some(c) = obj.get("CTI") {
            return match c {
                Value::String(_) | Value::Object(_) => Reply::Cti(c.clone()),
                _ => Reply::Unsolicited(data),
            };
        }
        Reply::Unsolicited(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::testing::json;

    #[test]
    fn classifies() {
        let g = "7e4e7db9-f080-494e-b04b-7c8e47711558";
        assert_eq!(Reply::classify(json!({"guid": g})), Reply::Guid(g.into()));
        assert_eq!(Reply::classify(json!({"guid": "0"})), Reply::BadGuid(json!("0")));
        assert_eq!(Reply::classify(json!({"guid": 5})), Reply::BadGuid(json!(5)));
        assert_eq!(Reply::classify(json!({"CTI": "{\"Guid\":\"x\"}"})), Reply::Cti(json!("{\"Guid\":\"x\"}")));
        assert_eq!(Reply::classify(json!({"CTI": {"Guid": "x"}})), Reply::Cti(json!({"Guid": "x"})));
        for other in [
            json!({"CTI": 1}),
            json!({"guid": g, "extra": 1}),
            json!({"event": "pause"}),
            json!([g]),
            json!(null),
            json!("guid"),
        ] {
            assert_eq!(Reply::classify(other.clone()), Reply::Unsolicited(other));
        }
    }
}
