//! The TypeScript `ErrorCode` union (src/api/ts/common.d.ts) lists exactly the codes of
//! `ALL_CODES`, in the same order: a code added, renamed or removed on one side only fails here.
#![cfg(not(target_arch = "wasm32"))]
// Test code: unwrapping and panicking is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ucontact_bridge::error::ALL_CODES;

const TYPES: &str = include_str!("../src/api/ts/common.d.ts");

/// The string literals of `export type <name> = 'A' | 'B' | …;`, in order.
fn union_members(source: &str, name: &str) -> Vec<String> {
    let head = format!("export type {name} =");
    let start =
        source.find(&head).unwrap_or_else(|| panic!("`{head}` not found in src/api/ts/common.d.ts")) + head.len();
    let end = start + source[start..].find(';').expect("the union ends with `;`");
    let body = &source[start..end];
    let mut members = Vec::new();
    for part in body.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        let literal = part
            .strip_prefix('\'')
            .and_then(|p| p.strip_suffix('\''))
            .unwrap_or_else(|| panic!("`{part}` in `{name}` is not a single-quoted string literal"));
        members.push(literal.to_owned());
    }
    members
}

#[test]
fn typescript_error_code_union_is_all_codes() {
    let union = union_members(TYPES, "ErrorCode");
    let missing: Vec<_> = ALL_CODES.iter().filter(|c| !union.iter().any(|u| u == *c)).collect();
    let extra: Vec<_> = union.iter().filter(|u| !ALL_CODES.contains(&u.as_str())).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "ErrorCode in src/api/ts/common.d.ts: missing {missing:?}, not in ALL_CODES {extra:?}"
    );
    assert_eq!(union, ALL_CODES, "ErrorCode in src/api/ts/common.d.ts lists the codes in another order (or twice)");
}

#[test]
fn union_parser_reads_literals_in_order() {
    let src = "export type X =\n  | 'A'\n  | 'B_C';\nexport type Y = 'Z';";
    assert_eq!(union_members(src, "X"), ["A", "B_C"]);
    assert_eq!(union_members(src, "Y"), ["Z"]);
}
