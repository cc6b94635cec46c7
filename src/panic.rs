//! The panic handler of the builds without std.
//!
//! Without std a panic traps at once. The library has no panicking path of its own (clippy
//! denies them); what is left are the branches of `core` and wasm-bindgen that cannot be taken
//! (a `RefCell` borrowed twice, an index out of range). Such a trap reaches JavaScript as a
//! `RuntimeError`, as std's `panic = "abort"` does, but without the ~3 KB that format a message
//! nothing in a browser would print.

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
