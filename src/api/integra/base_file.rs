//! `buildBaseFile`: a dialer base file built and checked from rows, with no request.

use wasm_bindgen::prelude::*;

use super::args::rows_from_js;
use crate::rest::BaseFile;
use crate::web::convert;

/// Builds a dialer base file from rows and checks it: returns `{ rows, text, base64 }`.
/// Throws `INVALID_ARGUMENT` naming the row and field at fault.
#[wasm_bindgen(js_name = buildBaseFile, unchecked_return_type = "BaseFileResult")]
pub fn build_base_file(
    #[wasm_bindgen(unchecked_param_type = "BaseRowInput[]")] rows: JsValue,
) -> Result<JsValue, JsValue> {
    let file = BaseFile::build(&rows_from_js(&rows)?)?;
    // Set member by member: the text and its base64 (megabytes for a big base) go to JS once,
    // without a JSON value copy on the way.
    let out = js_sys::Object::new();
    convert::set(&out, "rows", &JsValue::from(file.rows() as f64));
    convert::set(&out, "text", &JsValue::from_str(file.text()));
    convert::set(&out, "base64", &JsValue::from_str(&file.to_base64()));
    Ok(out.into())
}
