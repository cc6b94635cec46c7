//! `localStorage`, read with every failure typed: blocked storage (cross-site frames, private
//! modes, sandboxes) is `STORAGE_UNAVAILABLE`, an absent item `NOT_FOUND`.

use crate::error::{Error, Text};

use crate::error::SealedError;

/// The item stored under `name`.
pub fn read(name: &str) -> Result<String, Error> {
    let window = super::convert::window()
        .ok_or(Error::Sealed(SealedError::StorageUnavailable { reason: "there is no window".into() }))?;
    let storage = match window.local_storage() {
        Ok(Some(s)) => s,
        Ok(None) => {
            return Err(Error::Sealed(SealedError::StorageUnavailable {
                reason: "localStorage is not available".into(),
            }))
        }
        Err(e) => {
            let why = super::convert::get(&e, "message").and_then(|m| m.as_string());
            return Err(Error::Sealed(SealedError::StorageUnavailable {
                reason: why.map_or_else(|| "access denied".into(), Text::from),
            }));
        }
    };
    storage
        .get_item(name)
        .map_err(|_| Error::Sealed(SealedError::StorageUnavailable { reason: "localStorage read failed".into() }))?
        .ok_or(Error::NotFound { reason: "nothing stored under the storage key" })
}
