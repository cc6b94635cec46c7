//! Long JS strings into wasm memory as UTF-8 through the browser's `TextEncoder.encodeInto`.
//!
//! The generated glue passes a string by copying it one character at a time while it is ASCII;
//! for long texts (a batch of base-file rows as JSON, about 150 KB) the browser's own encoder
//! writing straight into wasm memory is several times faster. (For a sealed CTI envelope, about
//! a kilobyte, no gain could be measured.)

use js_sys::JsString;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The browser's `TextEncoder`, for its `encodeInto`.
    #[wasm_bindgen(js_name = TextEncoder)]
    type Encoder;
    #[wasm_bindgen(constructor, js_class = TextEncoder)]
    fn new() -> Encoder;
    #[wasm_bindgen(method, js_class = TextEncoder, js_name = encodeInto)]
    fn encode_into(this: &Encoder, text: &JsString, into: &mut [u8]) -> Encoded;
    /// `encodeInto`'s result.
    type Encoded;
    #[wasm_bindgen(method, getter)]
    fn read(this: &Encoded) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> u32;
}

/// Reads JS strings into one buffer, reused from text to text.
pub struct Utf8Reader {
    encoder: Encoder,
    bytes: Vec<u8>,
}

impl Default for Utf8Reader {
    fn default() -> Self {
        Self { encoder: Encoder::new(), bytes: Vec::new() }
    }
}

impl Utf8Reader {
    /// `text` as UTF-8 (valid until the next call); `None` if wasm memory cannot hold it.
    /// Lone surrogates become U+FFFD, as with every string handed to wasm.
    pub fn read(&mut self, text: &JsString) -> Option<&str> {
        let units = text.length();
        // One byte per UTF-16 unit is enough for ASCII, the usual case; otherwise three are (a
        // lone surrogate becomes U+FFFD, a pair four bytes), and the text is written again.
        let mut written = None;
        for per_unit in [1, 3] {
            let need = (units as usize).checked_mul(per_unit)?;
            if self.bytes.len() < need {
                self.bytes.try_reserve_exact(need - self.bytes.len()).ok()?;
                self.bytes.resize(need, 0);
            }
            let done = self.encoder.encode_into(text, self.bytes.get_mut(..need)?);
            if done.read() == units {
                written = Some(done.written() as usize);
                break;
            }
        }
        core::str::from_utf8(self.bytes.get(..written?)?).ok()
    }
}
