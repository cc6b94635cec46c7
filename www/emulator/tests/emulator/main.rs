//! End-to-end tests of the emulator's router, driven with `tower::ServiceExt::oneshot`
//! (and one real socket for the dropped connection).

mod common;

mod agents;
mod auth;
mod bases;
mod cdr;
mod control;
mod cors;
mod dialers;
mod disposition;
mod faults;
mod recordings;
mod sms;
mod strictness;
mod supervisor;
