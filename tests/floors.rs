//! `src/api/` holds exports and argument reading only: the browser plumbing of a class (its
//! callbacks, timers, the iframes it makes) lives on the Rust-level floor, `src/web/`, where
//! Rust code can use it and where its owners clean up on `Drop` (issue 33). This test reads
//! every file under `src/api/` and fails on a `Closure`, a timer or iframe creation there.
#![cfg(not(target_arch = "wasm32"))]
// Test code: unwrapping and panicking is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

/// What only the Rust-level floor may use: wasm-bindgen callbacks, timers, iframe creation.
const FORBIDDEN: &[&str] =
    &["Closure", "Timeout", "setTimeout", "set_timeout", "setInterval", "set_interval", "create_element", "\"iframe\""];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source tree") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `word` occurs in `line` as a whole identifier (so `probeTimeoutMs` is not
/// `Timeout`), and not as the error variant `Error::Timeout`.
fn names(line: &str, word: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        let whole = word.starts_with('"') || (!before.is_some_and(ident) && !after.is_some_and(ident));
        whole && !line[..at].ends_with("Error::")
    })
}

/// The lines that break the rule: `file:line: text`. Comments are prose, not code.
fn violations(file: &str, source: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let t = line.trim();
        if t.starts_with("//") {
            continue;
        }
        if let Some(word) = FORBIDDEN.iter().find(|w| names(t, w)) {
            bad.push(format!("{file}:{}: `{word}` in: {t}", i + 1));
        }
    }
    bad
}

#[test]
fn api_holds_only_exports_and_argument_reading() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/api"));
    let mut files = Vec::new();
    rust_files(root, &mut files);
    assert!(files.len() > 5, "src/api/ was read");
    let mut bad = Vec::new();
    for f in &files {
        bad.extend(violations(&f.display().to_string(), &fs::read_to_string(f).expect("utf-8 source")));
    }
    assert!(bad.is_empty(), "browser plumbing in src/api/ (move it to src/web/):\n{}", bad.join("\n"));
}

#[test]
fn the_rule_reads_what_it_should() {
    let bad = "let c = Closure::new(|| {});\nlet t = Timeout::schedule(f, 1.0);\ndoc.create_element(\"iframe\");\nsetTimeout(f, 0);\n";
    assert_eq!(violations("bad.rs", bad).len(), 4);
    let ok = "// a Closure in a comment\n/// Timeout in a doc\nlet e = Error::Timeout { action: \"x\" };\nlet ms = o.opt_f64(\"probeTimeoutMs\")?;\nlet f: Function = arg_fn(\"listener\", v)?;\n";
    assert!(violations("ok.rs", ok).is_empty(), "{:?}", violations("ok.rs", ok));
}
