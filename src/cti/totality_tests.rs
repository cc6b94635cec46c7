//! Every decoder is total: arbitrary text, bytes and JSON never make it panic.

use proptest::prelude::*;
use serde_json::{Map, Value};

use super::*;

/// Names the decoders look for, so random objects often hit the interesting paths.
const NAMES: &[&str] = &[
    "Guid",
    "Screen",
    "Form",
    "Campaign",
    "Callerid",
    "ParAndValues",
    "Beep",
    "Answer",
    "Channel",
    "Dialer",
    "campaign",
    "destination",
    "dialerbase",
    "status",
    "data",
    "alternatives",
    "contact",
    "retries",
    "priority",
    "agentphone",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (proptest::sample::select(NAMES), any::<u32>()).prop_map(|(name, mask)| {
            name.chars()
                .enumerate()
                .map(|(i, c)| if (mask >> (i % 32)) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect()
        }),
        1 => ".{0,8}",
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop_oneof![Just("TRUE".to_owned()), Just("1".to_owned()), "[0-9:]{0,12}", ".{0,12}", "[a-z=:]{0,12}"]
            .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((key(), inner.clone()), 0..10)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<String, Value>>())),
            // A nested record as a string of JSON.
            proptest::collection::vec((key(), inner), 0..6)
                .prop_map(|pairs| Value::String(Value::Object(pairs.into_iter().collect()).to_string())),
        ]
    })
}

fn exercise(cti: &Cti) {
    let _ = (cti.guid(), cti.par_and_values().pairs().count(), cti.extra().len(), cti.to_json());
    if let Ok(r) = Respool::from_cti(cti) {
        let mut r = r;
        let _ = r.to_json();
        let _ = r.promote(0);
        let _ = r.schedule("2024-02-29 23:59:59").map(|s| s.to_json());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_json_value(value in json()) {
        let value = crate::json::testing::from_serde(value);
        if let Ok(cti) = Cti::from_value(value.clone()) {
            exercise(&cti);
            // Lossless: the record re-serializes to what came in.
            let text = value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string());
            let reparsed = crate::json::parse(&text).unwrap();
            prop_assert_eq!(cti.to_value(), reparsed);
        }
        let _ = Cti::from_json_str(&value.to_string());
    }

    #[test]
    fn any_text(text in any::<String>()) {
        let key = Key::from_bytes([3; 32]);
        let _ = Cti::from_json_str(&text);
        let _ = decode_record(&text, None);
        let _ = decode_record(&text, Some(&key));
        let _ = decode_record_with(&text, Some(&key), PlainPolicy::Accept);
        let _ = decode_record(&format!("ucb2.{text}"), Some(&key));
        let _ = parse_pairs(&text);
        let _ = Key::parse(&text);
        let _ = Key::from_hex(&text);
        let _ = Key::from_base64(&text);
    }

    #[test]
    fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Cti::from_json_str(&text);
        let _ = decode_record(&text, Some(&Key::from_bytes([3; 32])));
        let _ = Key::from_slice(&bytes);
    }

    #[test]
    fn encrypted_random_json(value in json()) {
        let value = crate::json::testing::from_serde(value);
        let key = Key::from_bytes([4; 32]);
        let env = encrypt(&key, &value.to_string()).unwrap();
        let direct = Cti::from_value(value);
        let via = decode_record(&env, Some(&key));
        prop_assert_eq!(direct.is_ok(), via.is_ok());
    }
}
