// Reading and writing the parts of a .wasm file the build's rewriters touch: LEB128 numbers,
// names, sections, and the short names they give (scripts/minify-imports.mjs,
// scripts/minify-exports.mjs).

/** The unsigned LEB128 number at `at`, and the offset after it. */
export function leb(buf, at) {
  let n = 0,
    shift = 0;
  for (;;) {
    const b = buf[at++];
    n += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [n, at];
  }
}

/** `n` as unsigned LEB128. */
export function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}

/** A name as the binary format writes it: its byte length, then UTF-8. */
export const name = (s) => Buffer.concat([uleb(Buffer.byteLength(s)), Buffer.from(s)]);

/** The name at `at`, and the offset after it. */
export function readName(buf, at) {
  const [len, start] = leb(buf, at);
  return [buf.toString('utf8', start, start + len), start + len];
}

/** Each section of a module: `{ id, body }` in file order; fails unless `bytes` is a module. */
export function sections(bytes, fail) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) fail('not a wasm module');
  const out = [];
  for (let at = 8; at < bytes.length;) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    out.push({ id, body: bytes.subarray(start, start + size) });
    at = start + size;
  }
  return out;
}

/** A module made of the first 8 bytes of `bytes` (magic and version) and these sections. */
export function assemble(bytes, list) {
  return Buffer.concat([
    bytes.subarray(0, 8),
    ...list.flatMap(({ id, body }) => [Buffer.from([id]), uleb(body.length), body]),
  ]);
}

// Short names: a, b, …, Z, aa, ab, …
const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const short = (i) =>
  i < ALPHA.length ? ALPHA[i] : short(Math.floor(i / ALPHA.length) - 1) + ALPHA[i % ALPHA.length];

/** `s` escaped for a RegExp. */
export const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
