//! Every builder that reads foreign text takes time proportional to its size.
//!
//! A wide object or a long list from the portal, the network or storage must not freeze the
//! page: for each builder, the time per member at 1,000, 10,000 and 100,000 members may not
//! grow more than 3× (a quadratic builder grows 100×). Ratios within one run, never a wall-clock
//! bound: each size does the same total work (the small inputs are run more often) and keeps
//! the least of several trials, with the sizes taking turns, so a busy machine slows all sizes
//! alike. The tests of this file run one at a time (cargo runs test files one after another),
//! so they do not time each other.

#![cfg(not(target_arch = "wasm32"))]
// Test code: unwrapping is how a test fails, and the figures are printed for the log.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::hint::black_box;
use std::sync::Mutex;
use std::time::Instant;

use ucontact_bridge::cti::{Cti, DataParams};
use ucontact_bridge::json::{self, Value};
use ucontact_bridge::text::push_u64;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const TRIALS: usize = 3;
const MAX_GROWTH: f64 = 3.0;

/// Asserts that `run` over `make(n)` costs at most [`MAX_GROWTH`] times more per member at the
/// largest sizes than at the smallest; prints the figures.
fn linear<T>(name: &str, make: impl Fn(usize) -> T, run: impl Fn(&T)) {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let inputs: Vec<T> = SIZES.iter().map(|&n| make(n)).collect();
    let mut best = [f64::INFINITY; SIZES.len()];
    // Sizes take turns within each trial, so a noisy moment slows one trial of each alike.
    for _ in 0..TRIALS {
        for ((n, input), best) in SIZES.iter().zip(&inputs).zip(&mut best) {
            let repeat = SIZES[SIZES.len() - 1] / n;
            let t = Instant::now();
            for _ in 0..repeat {
                run(black_box(input));
            }
            *best = best.min(t.elapsed().as_secs_f64() * 1e9 / (repeat * n) as f64);
        }
    }
    let growth: Vec<f64> = best.iter().map(|p| p / best[0]).collect();
    println!("scaling {name}: ns per member {best:.1?} at {SIZES:?}, growth {growth:.2?}");
    for (n, g) in SIZES.iter().zip(&growth) {
        assert!(*g <= MAX_GROWTH, "{name}: {n} members cost {g:.2}x per member what 1,000 do (ns: {best:.1?})");
    }
}

/// `{"k0":0,"k1":1,…}` with `n` members whose keys are `key(i)`.
fn object(n: usize, key: impl Fn(usize) -> usize) -> String {
    let mut s = String::from("{");
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str("\"k");
        push_u64(&mut s, key(i) as u64);
        s.push_str("\":");
        push_u64(&mut s, i as u64);
    }
    s.push('}');
    s
}

/// `[item(0),item(1),…]`.
fn list(n: usize, item: impl Fn(usize) -> String) -> String {
    let items: Vec<String> = (0..n).map(item).collect();
    let mut s = String::from("[");
    s.push_str(&items.join(","));
    s.push(']');
    s
}

/// `k0=v0:k1=v1:…`.
fn pairs(n: usize) -> String {
    (0..n).map(|i| format!("k{i}=v{i}")).collect::<Vec<_>>().join(":")
}

fn parse(text: &str) -> Value {
    json::parse(text).unwrap()
}

#[test]
fn objects_with_distinct_keys() {
    linear("object, distinct keys", |n| object(n, |i| i), |t| assert!(parse(t).is_object()));
}

#[test]
fn objects_with_every_key_four_times() {
    linear(
        "object, every key 4 times",
        |n| (object(n, |i| i % (n / 4)), n / 4),
        |(t, keys)| assert_eq!(parse(t).as_object().unwrap().len(), *keys),
    );
}

#[test]
fn objects_with_one_key_repeated() {
    linear("object, one key n times", |n| object(n, |_| 7), |t| assert_eq!(parse(t).as_object().unwrap().len(), 1));
}

#[test]
fn arrays_of_objects() {
    linear(
        "array of objects",
        |n| list(n, |i| format!(r#"{{"a":{i},"b":"x","c":[true,null]}}"#)),
        |t| assert!(parse(t).as_array().is_some()),
    );
}

#[test]
fn the_k_v_reader() {
    linear("k=v reader", pairs, |t| {
        let p = DataParams::parse(t);
        assert!(p.get("k0").is_some());
        assert_eq!(p.encode().len(), t.len());
    });
}

/// The record's builder over an already parsed value: records are refused as text past
/// `MAX_RECORD_BYTES` (1 MiB), which the larger sizes here exceed.
fn record(text: String) -> Value {
    json::parse(&text).unwrap()
}

#[test]
fn cti_records_wide_and_with_long_data() {
    linear(
        "CTI record, n extra keys",
        |n| {
            let o = object(n, |i| i);
            record(format!(r#"{{"Guid":"g-1","Campaign":"Ventas->","ParAndValues":"a=1",{}"#, &o[1..]))
        },
        |v| drop(Cti::from_value(v.clone()).unwrap()),
    );
    linear(
        "CTI record, ParAndValues and dialer data of n pairs",
        |n| {
            let p = pairs(n);
            record(format!(
                r#"{{"Guid":"g-1","Campaign":"Ventas->","ParAndValues":"{p}","destination":"098","dialerbase":"b","status":1,"data":"{p}","alternatives":"","contact":2,"retries":"0","priority":1,"agentphone":""}}"#
            ))
        },
        |v| drop(Cti::from_value(v.clone()).unwrap()),
    );
}

#[cfg(feature = "rest")]
mod rest {
    use super::*;
    use ucontact_bridge::rest::{
        BaseFileWriter, CampaignStatus, CdrFilter, Endpoint, GetRecords, QueueSummary, Response,
    };

    #[test]
    fn base_file_rows_and_wide_data() {
        linear(
            "base-file rows",
            |n| list(n, |i| format!(r#"{{"campaign":"c","number":"{i}","data":{{"a":"1"}}}}"#)),
            |t| {
                let mut w = BaseFileWriter::new();
                assert!(matches!(w.push_json(t), Some(Ok(()))));
            },
        );
        linear(
            "base-file row, data of n keys",
            |n| {
                let o = object(n, |i| i);
                format!(r#"[{{"campaign":"c","number":"1","data":{o}}}]"#)
            },
            |t| {
                let mut w = BaseFileWriter::new();
                assert!(matches!(w.push_json(t), Some(Ok(()))));
            },
        );
    }

    #[test]
    fn rest_responses() {
        let records =
            GetRecords { filter: CdrFilter::between("2024-01-01", "2024-01-02"), lastrow: 0, search_limit: 50 };
        linear(
            "CDR page of n records",
            |n| {
                Response::new(
                    200,
                    list(n, |i| format!(r#"{{"guid":"g{i}","calldate":"2024-01-01 10:00:00","agent":"a"}}"#)),
                )
            },
            |r| assert!(records.parse(r).is_ok()),
        );
        linear(
            "CDR record of n extra keys",
            |n| Response::new(200, format!("[{}]", object(n, |i| i))),
            |r| assert!(records.parse(r).is_ok()),
        );
        linear(
            "queue summary of n queues",
            |n| Response::new(200, list(n, |i| format!(r#"{{"queue":"q{i}","loggedIn":1,"available":0,"x{i}":1}}"#))),
            |r| assert!(QueueSummary.parse(r).is_ok()),
        );
        linear(
            "campaign status of n campaigns",
            |n| {
                let o = list(n, |i| format!(r#""c{i}":{{"waiting":1,"strategy":"ringall","y":2}}"#));
                Response::new(200, format!("{{{}}}", &o[1..o.len() - 1]))
            },
            |r| assert!(CampaignStatus::all().parse(r).is_ok()),
        );
    }
}

#[cfg(feature = "v6")]
mod v6 {
    use super::*;

    #[test]
    fn the_v6_normalizer() {
        let normalized = |v: &Value| assert!(ucontact_bridge::v6::forms::normalize(v).is_ok());
        let interaction = |member: &str, value: String| {
            json::parse(&format!(
                r#"{{"guid":"w-1","channel":"webchat","campaign":"Web<-","clientId":"a","{member}":{value}}}"#
            ))
            .unwrap()
        };
        linear("v6 interaction, data of n keys", |n| interaction("data", object(n, |i| i)), normalized);
        linear(
            "v6 interaction, n messages",
            |n| interaction("messages", list(n, |i| format!(r#"{{"id":"m{i}","text":"hola","isAudio":"false"}}"#))),
            normalized,
        );
        linear("v6 interaction, extraInfo of n keys", |n| interaction("extraInfo", object(n, |i| i)), normalized);
    }
}

/// The figure in docs/decisions/own-json.md (not a check: wall-clock only, run by hand):
/// `cargo test --release --test scaling -- --ignored --nocapture`. An object of 95,000 keys
/// (about 1 MiB, the portal-message bound), read by this crate and by serde_json.
#[test]
#[ignore = "a figure to read, not a check; run it with --ignored"]
fn wide_object_beside_serde_json() {
    let text = object(95_000, |i| i);
    let best = |run: &dyn Fn()| {
        (0..7)
            .map(|_| {
                let t = Instant::now();
                run();
                t.elapsed().as_secs_f64() * 1e3
            })
            .fold(f64::INFINITY, f64::min)
    };
    let ours = best(&|| drop(black_box(json::parse(black_box(&text)).unwrap())));
    let serde = best(&|| drop(black_box(serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap())));
    let repeated = object(95_000, |i| i % 1000);
    let ours_repeated = best(&|| drop(black_box(json::parse(black_box(&repeated)).unwrap())));
    let serde_repeated =
        best(&|| drop(black_box(serde_json::from_str::<serde_json::Value>(black_box(&repeated)).unwrap())));
    println!(
        "wide object, 95,000 keys, {} bytes: ours {ours:.1} ms, serde_json {serde:.1} ms ({:.2}x); \
         every key 95 times: ours {ours_repeated:.1} ms, serde_json {serde_repeated:.1} ms ({:.2}x)",
        text.len(),
        ours / serde,
        ours_repeated / serde_repeated
    );
}
