//! [`WasmPages`]: the module's own memory, for the wasm build's global allocator.

use core::ptr::{self, NonNull};

use crate::{Classes, Pages, PAGE};

/// The module's own memory, grown with `memory.grow`.
pub struct WasmPages;

// SAFETY: `memory.grow` adds `n` pages after the module's memory and returns where they begin
// (the old size), or fails; nothing in the module grows its memory otherwise (the library's
// build links this allocator as its only one), and pages once added are never taken back. A
// Rust module's memory is never empty (its stack is in it), so the address is not 0; `NonNull`
// keeps the promise regardless. Linear memory is not an allocation of the Rust abstract
// machine: pointers into it carry the exposed provenance of the whole memory, which covers
// every later grant too.
unsafe impl Pages for WasmPages {
    fn grow(&self, n: usize) -> Option<NonNull<u8>> {
        match core::arch::wasm32::memory_grow(0, n) {
            usize::MAX => None,
            old => NonNull::new(ptr::with_exposed_provenance_mut(old.checked_mul(PAGE)?)),
        }
    }
}

// SAFETY: a wasm32 module built without the `atomics` target feature runs on one thread, so
// the allocator's cells are never reached from two. (The module that declares this allocator
// global refuses a build with `atomics`.)
unsafe impl Sync for Classes<WasmPages> {}
