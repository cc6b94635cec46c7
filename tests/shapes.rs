//! Every argument and options object the JavaScript API reads has its keys declared once in
//! Rust (`src/shapes.rs`, which the readers use) and once in TypeScript (the `.d.ts` fragments
//! in `src/api/ts/`). This test keeps the two equal, as `error_codes.rs` does for the codes.
#![cfg(not(target_arch = "wasm32"))]
// Test code: unwrapping and panicking is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use ucontact_bridge::shapes::ALL;

const FRAGMENTS: &[(&str, &str)] = &[
    ("common.d.ts", include_str!("../src/api/ts/common.d.ts")),
    ("channel.d.ts", include_str!("../src/api/ts/channel.d.ts")),
    ("cti.d.ts", include_str!("../src/api/ts/cti.d.ts")),
    ("plain.d.ts", include_str!("../src/api/ts/plain.d.ts")),
    ("sealed.d.ts", include_str!("../src/api/ts/sealed.d.ts")),
    ("host.d.ts", include_str!("../src/api/ts/host.d.ts")),
    ("rest.d.ts", include_str!("../src/api/ts/rest.d.ts")),
    ("bridge.d.ts", include_str!("../src/api/ts/bridge.d.ts")),
    ("v6.d.ts", include_str!("../src/api/ts/v6.d.ts")),
];

/// The text between the `{` at `open` and its matching `}`.
fn braced(src: &str, open: usize) -> &str {
    let mut depth = 0;
    for (i, c) in src[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &src[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced braces");
}

/// The member names of an object type body: `name?: …;` at the body's top level (comments and
/// nested object types skipped).
fn members(body: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut depth = 0i32;
    let mut in_comment = false;
    for line in body.lines() {
        let t = line.trim();
        if in_comment {
            in_comment = !t.contains("*/");
            continue;
        }
        if t.starts_with("/*") {
            in_comment = !t.contains("*/");
            continue;
        }
        if t.starts_with("//") {
            continue;
        }
        if depth == 0 {
            for part in t.split(';') {
                let p = part.trim();
                if let Some(colon) = p.find(':') {
                    let name = p[..colon].trim().trim_end_matches('?');
                    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                        out.insert(name.to_owned());
                    }
                }
            }
        }
        depth += t.matches('{').count() as i32 - t.matches('}').count() as i32;
    }
    out
}

/// The keys of a TypeScript name: an interface (with the keys of what it extends, and of every
/// declaration merged into it across fragments) or a type alias of intersections and unions of
/// interfaces and object literals.
fn keys(name: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut found = false;
    for (_, src) in FRAGMENTS {
        let head = format!("export interface {name} ");
        let mut from = 0;
        while let Some(at) = src[from..].find(&head) {
            let at = from + at;
            found = true;
            let open = at + src[at..].find('{').expect("interface body");
            let between = &src[at + head.len()..open];
            if let Some(bases) = between.trim().strip_prefix("extends") {
                for base in bases.split(',') {
                    out.extend(keys(base.trim()));
                }
            }
            out.extend(members(braced(src, open)));
            from = open;
        }
        let alias = format!("export type {name} =");
        if let Some(at) = src.find(&alias) {
            found = true;
            let start = at + alias.len();
            let end = start + src[start..].find(";\n").expect("alias ends");
            let def = &src[start..end];
            let mut i = 0;
            while i < def.len() {
                let c = def[i..].chars().next().unwrap();
                if c == '{' {
                    let body = braced(def, i);
                    out.extend(members(body));
                    i += body.len() + 2;
                } else if c.is_ascii_uppercase() {
                    let word: String = def[i..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                    if word != "Exclude" {
                        out.extend(keys(&word));
                    }
                    i += word.len();
                } else {
                    i += c.len_utf8();
                }
            }
        }
    }
    assert!(found, "no TypeScript declaration of `{name}` in src/api/ts/");
    out
}

#[test]
fn every_shape_has_the_keys_of_its_typescript_declaration() {
    let mut problems = Vec::new();
    for shape in ALL {
        let rust: BTreeSet<String> = shape.keys.iter().map(|k| (*k).to_owned()).collect();
        let ts = keys(shape.ts);
        if rust != ts {
            let only_rust: Vec<_> = rust.difference(&ts).collect();
            let only_ts: Vec<_> = ts.difference(&rust).collect();
            problems.push(format!("{}: only in Rust {only_rust:?}, only in TypeScript {only_ts:?}", shape.ts));
        }
        assert_eq!(shape.keys.len(), rust.len(), "{}: a key is listed twice", shape.ts);
    }
    assert!(problems.is_empty(), "shapes out of step:\n{}", problems.join("\n"));
}

#[test]
fn the_key_reader_sees_interfaces_aliases_and_extends() {
    assert_eq!(keys("CallArgs"), ["callerid", "campaign", "destination"].map(String::from).into());
    let with_data = keys("AgentCallWithDataArgs");
    assert!(with_data.contains("outqueue") && with_data.contains("form"), "{with_data:?}");
    let client = keys("IntegraClientOptions");
    assert!(client.contains("baseUrl") && client.contains("user") && client.contains("password"), "{client:?}");
    let decode = keys("DecodeCtiOptions");
    assert!(decode.contains("key"), "merged across fragments: {decode:?}");
}

/// The `Obj` readers (`web::convert::Obj`), whose first argument is a key.
const READERS: &[&str] = &["str", "opt_str", "str_or_empty", "flag", "opt_f64", "opt_u32", "strings", "get", "value"];

/// Reads of an argument object that spell the key as a string (`o.str("campaign")`) instead of
/// naming its shape's constant (`o.str(k::campaign)`): `file:line: text`.
fn literal_reads(file: &str, source: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let t = line.trim();
        if t.starts_with("//") {
            continue;
        }
        if READERS.iter().any(|r| t.contains(&format!(".{r}(\""))) {
            bad.push(format!("{file}:{}: {t}", i + 1));
        }
    }
    bad
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn readers_name_keys_through_their_shapes() {
    let mut files = Vec::new();
    for dir in ["src/api", "src/web"] {
        rust_files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    }
    assert!(files.len() > 20, "the edge was read");
    let mut bad = Vec::new();
    for f in &files {
        bad.extend(literal_reads(&f.display().to_string(), &std::fs::read_to_string(f).unwrap()));
    }
    assert!(bad.is_empty(), "keys spelled again instead of read from src/shapes.rs:\n{}", bad.join("\n"));
    // The check itself: it sees a literal key, not a constant or a comment.
    assert_eq!(
        literal_reads("x.rs", "let a = o.str(\"campaign\")?;\nlet b = o.opt_f64(k::timeoutMs)?;\n// o.get(\"x\")\n")
            .len(),
        1
    );
}
