//! Capabilities are Cargo features, and a feature gate may stand only where a reader of the
//! code expects one: on a `mod` or `use` line (a module and its TypeScript fragment come and go
//! together), nowhere else. What differs between builds inside a module is a module of its own
//! (the errors of a capability: `src/error/`; the panic handler: `src/panic.rs`). This test reads
//! every source file and holds the rule.
#![cfg(not(target_arch = "wasm32"))]
// Test code: unwrapping and panicking is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source tree") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The feature gates that break the rule: `file:line: text`.
fn violations(file: &str, source: &str) -> Vec<String> {
    let lines: Vec<&str> = source.lines().collect();
    let mut bad = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        // A Cargo feature (`feature = …`), not `target_feature`.
        let cargo_feature = t.match_indices("feature").any(|(at, _)| !t[..at].ends_with('_'));
        if !(t.starts_with("#[cfg(") && cargo_feature) {
            continue;
        }
        // The item it gates: the next line that is not another attribute.
        let item = lines[i + 1..].iter().map(|l| l.trim()).find(|l| !l.starts_with("#[")).unwrap_or("");
        let item = item.strip_prefix("pub(crate) ").or_else(|| item.strip_prefix("pub ")).unwrap_or(item);
        let on_module_line = item.starts_with("mod ") || item.starts_with("use ");
        if !on_module_line {
            bad.push(format!("{file}:{}: {t} (gates `{item}`)", i + 1));
        }
    }
    bad
}

#[test]
fn feature_gates_stand_only_on_module_lines() {
    let mut files = Vec::new();
    rust_files(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    let mut bad = Vec::new();
    for f in &files {
        bad.extend(violations(&f.display().to_string(), &fs::read_to_string(f).expect("utf-8 source")));
    }
    assert!(bad.is_empty(), "feature gates outside mod/use lines:\n{}", bad.join("\n"));
}

#[test]
fn the_rule_reads_what_it_should() {
    let ok = "#[cfg(feature = \"rest\")]\npub mod rest;\n#[cfg(all(test, feature = \"sealed\"))]\nmod t;\n#[cfg(feature = \"x\")]\npub use a::b;\n#[cfg(not(feature = \"x\"))]\n#[path = \"absent.rs\"]\nmod x;\n#[cfg(not(feature = \"x\"))]\npub use absent::F as X;\n";
    assert!(violations("ok.rs", ok).is_empty(), "{:?}", violations("ok.rs", ok));
    let bad = "fn g() {\n    #[cfg(feature = \"x\")]\n    let a = 1;\n}\n#[cfg(not(feature = \"x\"))]\nfn h() {}\n";
    assert_eq!(violations("bad.rs", bad).len(), 2);
    // A comment above a gate excuses nothing.
    assert_eq!(violations("bad.rs", "// gate: only with x\n#[cfg(feature = \"x\")]\nfn f() {}\n").len(), 1);
    assert!(violations("t.rs", "#[cfg(test)]\nfn x() {}\n#[cfg(target_arch = \"wasm32\")]\nfn y() {}\n").is_empty());
    assert!(violations("t.rs", "#[cfg(not(target_feature = \"atomics\"))]\nstatic A: u8 = 0;\n").is_empty());
}
