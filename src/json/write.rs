//! JSON text exactly as `JSON.stringify` prints it (no spaces).
//!
//! Strings are escaped the way ECMAScript's `QuoteJSONString` does for well-formed text: `"`,
//! `\` and the C0 controls are escaped (`\b \t \n \f \r` by name, the rest as lowercase
//! `\u00xx`) and everything else, DEL, U+2028 and non-ASCII included, is written as is.
//! Numbers are written as their text (see [`super::Number`]); objects in key order.

use super::value::{Map, Value};
use alloc::string::String;

/// Appends `v` as JSON text.
pub fn value(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => object(map, out),
    }
}

/// Appends `map` as a JSON object.
pub fn object(map: &Map, out: &mut String) {
    out.push('{');
    for (i, (k, item)) in map.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(k, out);
        out.push(':');
        value(item, out);
    }
    out.push('}');
}

/// Appends `s` as a quoted JSON string.
pub fn string(s: &str, out: &mut String) {
    out.push('"');
    escaped(s, out);
    out.push('"');
}

/// Appends the inside of `s`'s JSON string (without the quotes).
pub fn escaped(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let named = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // Only ASCII bytes are escaped, so `run..i` and `i + 1..` stay on char boundaries (`get`
        // cannot fail here, and keeps the panic machinery out of the wasm build).
        out.push_str(s.get(run..i).unwrap_or_default());
        if named.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push_str(named);
        }
        run = i + 1;
    }
    out.push_str(s.get(run..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    #[test]
    fn like_json_stringify() {
        // Expected texts written out the way JSON.stringify prints them.
        let cases = [
            (r#"{"a" : [1, 2.50, -0, 1E5] , "b":{}}"#, r#"{"a":[1,2.50,-0,1E5],"b":{}}"#),
            (
                "\"q\\\"b\\\\s\\/\\u0001\\n\\t\u{7f}é\u{2028}😀\\u001f\\b\\f\\r\"",
                "\"q\\\"b\\\\s/\\u0001\\n\\t\u{7f}é\u{2028}😀\\u001f\\b\\f\\r\"",
            ),
            ("[true,false,null]", "[true,false,null]"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input).unwrap().to_json(), expected);
        }
    }
}
