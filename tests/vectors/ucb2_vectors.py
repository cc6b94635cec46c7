#!/usr/bin/env python3
"""Known-answer vectors for the `ucb2.` CTI envelope (src/cti/envelope.rs), computed
independently of the Rust code with the `cryptography` package (OpenSSL's AES and AES-GCM).

Run:  pip install cryptography && python3 tests/vectors/ucb2_vectors.py

It prints the vectors (key, nonce, plaintext, H = AES_K(0^128), kcv, envelope) as the Rust
`VECTORS` table that the tests of src/cti/envelope.rs hold verbatim (indented one level). It
also rebuilds the retired `ucb1.` envelope the tests keep as a refused input, to show that its
check value was the first 4 bytes of H.

Format, as this script implements it:
  envelope = "ucb2." base64(kcv[4] || nonce[12] || ciphertext || tag[16])   (standard, padded)
  kcv      = AES-256_K(b"ucb2 kcv" || 8 zero bytes)[:4]
  sealed   = AES-256-GCM(K, nonce, plaintext, associated data = b"ucb2." || kcv)
"""

import base64

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KCV_BLOCK = b"ucb2 kcv" + bytes(8)
assert len(KCV_BLOCK) == 16 and KCV_BLOCK[12:] == bytes(4) and KCV_BLOCK != bytes(16)


def aes_block(key: bytes, block: bytes) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return enc.update(block) + enc.finalize()


def envelope(prefix: bytes, kcv: bytes, key: bytes, nonce: bytes, plaintext: bytes) -> str:
    sealed = AESGCM(key).encrypt(nonce, plaintext, prefix + kcv)  # ciphertext || tag
    return (prefix + base64.b64encode(kcv + nonce + sealed)).decode("ascii")


def rust_str(text: str) -> str:
    """A Rust string literal for `text`."""
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def ucb2(key: bytes, nonce: bytes, plaintext: bytes) -> tuple[bytes, str]:
    kcv = aes_block(key, KCV_BLOCK)[:4]
    return kcv, envelope(b"ucb2.", kcv, key, nonce, plaintext)


VECTORS = [
    # (name, key, nonce, plaintext)
    ("ZERO", bytes(32), bytes(12), bytes(16)),
    (
        "RECORD",
        bytes(range(32)),
        bytes.fromhex("cafebabefacedbaddecaf888"),
        '{"Guid":"7e4e7db9-f080-494e-b04b-7c8e47711558","Campaign":"Ventas->","Nombre":"Ñandú"}'.encode(),
    ),
    ("EMPTY", bytes([0x42]) * 32, bytes([0xFF]) * 12, b""),
]

print("const VECTORS: [Vector; %d] = [" % len(VECTORS))
for name, key, nonce, plaintext in VECTORS:
    h = aes_block(key, bytes(16))
    kcv, env = ucb2(key, nonce, plaintext)
    assert kcv != h[:4]
    print(f"    // {name}")
    print("    Vector {")
    print(f'        key: "{key.hex()}",')
    print(f'        nonce: "{nonce.hex()}",')
    print(f"        plaintext: {rust_str(plaintext.decode())},")
    print(f'        h: "{h.hex()}",')
    print(f'        kcv: "{kcv.hex()}",')
    print(f'        envelope: "{env}",')
    print("    },")
print("];")
print()

# The retired format, for the refusal test: kcv = AES_K(0^128)[:4] = the first 4 bytes of H.
zero_h = aes_block(bytes(32), bytes(16))
ucb1 = envelope(b"ucb1.", zero_h[:4], bytes(32), bytes(12), bytes(16))
print("/// The retired format: zero key, zero nonce, 16 zero bytes; its check value is H's first 4 bytes.")
print(f'const UCB1_ZERO: &str = "{ucb1}";')
