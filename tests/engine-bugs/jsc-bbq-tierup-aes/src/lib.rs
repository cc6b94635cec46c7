//! AES-256 of one block, again and again, checked against the FIPS-197 answer (appendix C.3).
//! Exports `run(iters)`: how many of `iters` encryptions came out wrong (a correct engine: 0),
//! and `bad_word(i)`: word `i` (0..4, little-endian) of the first wrong block.
#![no_std]

use aes::cipher::{BlockCipherEncrypt, KeyInit};
use core::cell::Cell;

const PLAINTEXT: [u8; 16] =
    [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff];
const CIPHERTEXT: [u8; 16] =
    [0x8e, 0xa2, 0xb7, 0xca, 0x51, 0x67, 0x45, 0xbf, 0xea, 0xfc, 0x49, 0x90, 0x4b, 0x49, 0x60, 0x89];

struct FirstBad(Cell<Option<[u8; 16]>>);
// SAFETY: a wasm32 module without threads has one thread.
unsafe impl Sync for FirstBad {}
static FIRST_BAD: FirstBad = FirstBad(Cell::new(None));

#[no_mangle]
pub extern "C" fn run(iters: u32) -> u32 {
    let mut key = [0u8; 32];
    for (i, k) in key.iter_mut().enumerate() {
        *k = i as u8;
    }
    let cipher = aes::Aes256::new(&key.into());
    let mut wrong = 0;
    for _ in 0..iters {
        let mut block = PLAINTEXT.into();
        cipher.encrypt_block(&mut block);
        let got: [u8; 16] = block.into();
        if got != CIPHERTEXT {
            wrong += 1;
            if FIRST_BAD.0.get().is_none() {
                FIRST_BAD.0.set(Some(got));
            }
        }
    }
    wrong
}

#[no_mangle]
pub extern "C" fn bad_word(i: u32) -> u32 {
    let b = FIRST_BAD.0.get().unwrap_or_default();
    let i = (i as usize % 4) * 4;
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
