//! Wide objects and repeated keys: `json::parse` and `Map`'s bulk builders resolve repeated
//! keys once per object (a hash table, or a sort when keys collide); this checks them against
//! the obvious quadratic rule and against serde_json.
//!
//! The input steers the shape: how many members (up to about a thousand, so the pairwise scan
//! and the hash table are both taken; `order`'s unit tests force the sort), how many distinct keys (from one to all),
//! how keys are spelled (short, long, sharing prefixes, differing only at the end, escaped,
//! non-ASCII), and the values (numbers, strings, nested objects that repeat keys too).
//!
//! Checks:
//! 1. The parsed object equals the model: each key at its first position, with its last value
//!    (what `JSON.parse` does), built with a plain linear search per member.
//! 2. serde_json (`preserve_order`) reads the same keys in the same order and the same values.
//! 3. `Map::from_iter` and `Map::extend` over the raw members give the same object, and the
//!    parsed text written back parses to the same value.

use serde_json::Value as Reference;
use ucontact_bridge::json::{self, Map, Value};

use super::{ensure, Outcome, Target};
use crate::rng::{hash_str, Rng};
use crate::stats::hit;

pub struct JsonWide;

/// How keys are spelled, so every path of the key comparison is exercised.
fn spell(style: u8, k: usize) -> String {
    match style % 6 {
        0 => format!("k{k}"),
        // Long keys that differ only at the end.
        1 => format!("{}{k}", "x".repeat(40)),
        // Escapes that read as the same key as the plain spelling of another member.
        2 if k.is_multiple_of(2) => format!("\\u006b{k}"),
        2 => format!("k{k}"),
        3 => format!("é☎{k}😀"),
        // Keys of one to three letters: many members share few keys.
        4 => ((b'a' + (k % 26) as u8) as char).to_string().repeat(1 + k / 26 % 3),
        _ => format!("{k:0>8}"),
    }
}

/// What [`spell`] reads as.
fn decoded(style: u8, k: usize) -> String {
    match style % 6 {
        2 => format!("k{k}"),
        _ => spell(style, k),
    }
}

/// The value of member `i` as text: a number, a string, or a small object that repeats a key.
fn value(kind: u8, i: usize) -> String {
    match kind % 3 {
        0 => i.to_string(),
        1 => format!("\"v{i}\""),
        _ => format!("{{\"a\":{i},\"b\":[{i}],\"a\":\"{i}\"}}"),
    }
}

/// What [`value`] reads as, built without the parser.
fn value_read(kind: u8, i: usize) -> Value {
    match kind % 3 {
        0 => Value::from(i),
        1 => Value::String(format!("v{i}")),
        _ => {
            let mut m = Map::new();
            m.insert("a", i);
            m.insert("b", vec![i]);
            m.insert("a", i.to_string());
            Value::Object(m)
        }
    }
}

/// The quadratic rule: first position, last value.
fn model(members: &[(String, Value)]) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    for (k, v) in members {
        match out.iter_mut().find(|(ok, _)| ok == k) {
            Some(slot) => slot.1 = v.clone(),
            None => out.push((k.clone(), v.clone())),
        }
    }
    out
}

fn same(ours: &Value, theirs: &Reference) -> bool {
    match (ours, theirs) {
        (Value::Object(m), Reference::Object(r)) => {
            m.len() == r.len() && m.iter().zip(r).all(|((k, v), (rk, rv))| k == rk && same(v, rv))
        }
        (Value::Array(a), Reference::Array(r)) => a.len() == r.len() && a.iter().zip(r).all(|(x, y)| same(x, y)),
        (Value::String(s), Reference::String(r)) => s == r,
        (Value::Number(n), Reference::Number(r)) => n.as_str() == r.to_string(),
        (Value::Bool(a), Reference::Bool(b)) => a == b,
        (Value::Null, Reference::Null) => true,
        _ => false,
    }
}

impl Target for JsonWide {
    fn run(&self, input: &str, rng: &mut Rng) -> Outcome {
        let seed = hash_str(input);
        let b = |i: u32| (seed >> (8 * i)) as u8;
        // Up to ~1,000 members; 17 or more mostly, where the table (not the pairwise scan) runs.
        let members = match b(0) % 32 {
            0..=4 => usize::from(b(1)) % 17,
            5..=30 => 17 + usize::from(b(1)) % 64,
            _ => 17 + (usize::from(b(1)) << 2 | usize::from(b(2) & 3)),
        };
        let distinct = 1 + match b(3) % 3 {
            0 => members,
            1 => usize::from(b(4)) % members.max(1),
            _ => members / 4,
        };
        let (style, kind) = (b(5), b(6));
        let mut text = String::from("{");
        let mut raw = Vec::with_capacity(members);
        for i in 0..members {
            let k = if distinct > members { i } else { rng.below(distinct.max(1)) };
            let kind = kind.wrapping_add(rng.byte() % 2);
            if i > 0 {
                text.push(',');
            }
            text.push('"');
            text.push_str(&spell(style, k));
            text.push_str("\":");
            text.push_str(&value(kind, i));
            raw.push((decoded(style, k), value_read(kind, i)));
        }
        text.push('}');
        hit(if members > 16 { "hashed (more than 16 members)" } else { "pairwise (16 members or fewer)" });

        let parsed = json::parse(&text).map_err(|e| format!("a valid wide object was refused: {}", e.describe()))?;
        let Some(map) = parsed.as_object() else { return Err("not an object".into()) };
        let members = raw;
        let want = model(&members);
        if want.len() < members.len() {
            hit("repeated keys");
        }
        ensure!(map.len() == want.len(), "{} members, the model has {}", map.len(), want.len());
        for ((k, v), (wk, wv)) in map.iter().zip(&want) {
            ensure!(k == wk && v == wv, "member {k:?} differs from the model's {wk:?}");
        }

        let reference: Reference = serde_json::from_str(&text).map_err(|e| format!("serde_json refused: {e}"))?;
        ensure!(same(&parsed, &reference), "serde_json reads another object");

        let collected: Map = members.iter().cloned().collect();
        ensure!(&collected == map, "Map::from_iter differs from the parser");
        let mut extended = Map::new();
        let half = members.len() / 2;
        extended.extend(members.iter().take(half).cloned());
        extended.extend(members.iter().skip(half).cloned());
        ensure!(&extended == map, "Map::extend in two steps differs from the parser");
        ensure!(json::parse(&parsed.to_json()).ok().as_ref() == Some(&parsed), "written back, it reads differently");
        Ok(())
    }
}
