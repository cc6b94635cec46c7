//! `buildBaseFile`: a dialer base file built and checked from rows, with no request.

use js_sys::JsString;
use wasm_bindgen::prelude::*;

use super::args::write_rows;
use crate::rest::BaseFileWriter;
use crate::web::convert;

/// Text written in wasm memory before it is handed to JavaScript (with its base64): the
/// memory a build needs stays about this size, however many rows there are.
const PIECE: usize = 512 * 1024;

/// Builds a dialer base file from rows and checks it: returns `{ rows, text, base64 }`.
/// Throws `INVALID_ARGUMENT` naming the row and field at fault. Rows are read as
/// `JSON.stringify` reads them (see `BaseRowInput`).
#[wasm_bindgen(js_name = buildBaseFile, unchecked_return_type = "BaseFileResult")]
pub fn build_base_file(
    #[wasm_bindgen(unchecked_param_type = "BaseRowInput[]")] rows: JsValue,
) -> Result<JsValue, JsValue> {
    // Rows are read and written a batch at a time; once PIECE bytes are written, the text and its
    // base64 go to JavaScript as strings and are joined there, so neither the rows nor the whole
    // file are ever held in wasm memory.
    let mut file = BaseFileWriter::new();
    let (mut text, mut base64) = (JsString::from(""), JsString::from(""));
    let mut hand = |t: &str, b: &str| {
        text = text.concat(&JsValue::from_str(t));
        base64 = base64.concat(&JsValue::from_str(b));
    };
    write_rows(&rows, &mut file, |file| {
        if file.buffered() >= PIECE {
            file.drain(&mut hand);
        }
    })?;
    let count = file.finish(&mut hand);
    let out = js_sys::Object::new();
    convert::set(&out, "rows", &JsValue::from(count as f64));
    convert::set(&out, "text", &text);
    convert::set(&out, "base64", &base64);
    Ok(out.into())
}
