//! The pure CTI core: the interaction record the uContact portal keeps, its encrypted envelope,
//! and the dialer row edits uContact allows (Respool, ScheduleDialerCall).
//!
//! No I/O, no browser: everything here is plain Rust, tested natively. Every decoder is total:
//! any input gives a value or an [`Error`](crate::error::Error), never a panic, and never a
//! partial result.
//!
//! - [`data`]: the `k=v:k=v` parameter codec.
//! - [`record`]: [`Cti`], the interaction record (lossless, case-insensitive keys).
//! - [`dialer`]: [`Dialer`], the dialer row inside a record, and where it is looked for.
//! - [`envelope`]: the `ucb2.` AES-256-GCM envelope and [`Key`].
//! - [`decode`]: [`decode_record`], stored text (envelope or plain JSON) to [`Cti`].
//! - [`respool`]: [`Respool`], the documented edits of a dialer row.
//! - [`schedule`]: [`Schedule`], the ScheduleDialerCall object.

pub mod data;
#[cfg(feature = "sealed")]
pub mod decode;
pub mod dialer;
#[cfg(feature = "sealed")]
pub mod envelope;
mod fields;
pub mod record;
pub mod respool;
pub mod schedule;
#[cfg(all(test, feature = "sealed"))]
mod totality_tests;
pub mod view;

pub use data::{encode_pairs, parse_pairs, DataParams};
#[cfg(feature = "sealed")]
pub use decode::{decode_record, decode_record_with, decode_with_cipher, PlainPolicy};
pub use dialer::Dialer;
#[cfg(feature = "sealed")]
pub use envelope::{decrypt, encrypt, encrypt_with_nonce, Cipher, Key};
pub use record::{is_sealed, Cti, MAX_RECORD_BYTES};
pub use respool::{Alternative, Respool};
pub use schedule::Schedule;
