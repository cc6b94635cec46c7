//! How CTI text is opened in a build without sealed envelopes (the `channel` entry): plain
//! JSON only. `sealed.rs` replaces this module when the `sealed` capability is on.

use wasm_bindgen::prelude::*;

use crate::cti::Cti;
use crate::error::Error;
use crate::web::convert::Obj;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("ts/plain.d.ts");

/// Opens CTI text with `decodeCti`'s options: only plain records here, so a `key` is refused
/// with a pointer to the build that has it.
pub(crate) fn open(text: &str, options: &Obj<'_>) -> Result<Cti, Error> {
    use crate::shapes::decode_cti_options as k;
    if options.get(k::key).is_some() || options.get(k::acceptPlain).is_some() {
        return Err(Error::invalid(
            "key",
            "sealed records are read by the full build: import from 'ucontact-bridge', not 'ucontact-bridge/channel'",
        ));
    }
    open_plain(text)
}

/// Opens plain CTI text: the record object, or a JSON string holding it.
pub(crate) fn open_plain(text: &str) -> Result<Cti, Error> {
    Cti::from_stored_text(text)
}
