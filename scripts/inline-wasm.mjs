// Inlines a .wasm into a single-file script as text that gzip compresses almost as well as the
// .wasm itself (base64 costs about a third more after gzip: its 6-bit symbols hide the byte
// patterns gzip would match).
//
// Every byte becomes one printable ASCII character, or two for the rarest: the bytes are ranked
// by how often they occur; the first 90 ranks are written as the 90 "safe" characters (printable
// ASCII but `"`, `\`, `<`, `}` and `~`), the next 90 as `}` + a safe character, the rest as
// `~` + a safe character. The text therefore needs no escaping inside a double-quoted literal,
// holds no `</script` or `<!--` (no `<` at all) and is the same in every ASCII-compatible page
// encoding. The ranking travels with it as 512 hex digits. pkg-template/single-inflate.js decodes
// it (with a 128-byte wasm decoder); this script runs that decoder on its own output and checks
// that it gives the .wasm back.
//
// Usage: node scripts/inline-wasm.mjs WASM SCRIPT
//   replaces the identifiers UCB_WASM_TEXT__ and UCB_WASM_ORDER__ (each must occur once) in
//   the minified SCRIPT, in place, with string literals: the encoded .wasm and its ranking.
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, scriptPath] = process.argv.slice(2);
if (!wasmPath || !scriptPath) {
  console.error('usage: node scripts/inline-wasm.mjs WASM SCRIPT');
  process.exit(2);
}
const fail = (msg) => {
  console.error(`inline-wasm: ${msg}`);
  process.exit(1);
};

const wasm = readFileSync(wasmPath);
// The safe characters, in code order: what the loader computes too.
const SAFE = [];
for (let c = 32; c < 127; c++) if (!'"\\<~}'.includes(String.fromCharCode(c))) SAFE.push(c);
const N = SAFE.length;
const PREFIX = [null, 125, 126]; // none, `}`, `~`: rank group g is written (124 + g) + char
if (3 * N < 256) fail('not enough codes');

// Ranks: most frequent first, ties by byte value (so the output is deterministic).
const count = new Array(256).fill(0);
for (const b of wasm) count[b]++;
const order = [...Array(256).keys()].sort((a, b) => count[b] - count[a] || a - b);
const code = new Array(256);
order.forEach((byte, rank) => {
  const prefix = PREFIX[Math.floor(rank / N)];
  const ch = String.fromCharCode(SAFE[rank % N]);
  code[byte] = prefix === null ? ch : String.fromCharCode(prefix) + ch;
});
let text = '';
for (const b of wasm) text += code[b];
const hex = order.map((b) => b.toString(16).padStart(2, '0')).join('');

// The loader's decoding, run as it runs there (its wasm decoder, read from
// pkg-template/single-inflate.js): the text must give the .wasm back.
const inflate = readFileSync(new URL('../pkg-template/single-inflate.js', import.meta.url), 'utf8');
const decoder = inflate.match(/atob\(\s*'([A-Za-z0-9+/=]+)',?\s*\)/);
if (!decoder) fail('pkg-template/single-inflate.js has no decoder module');
const x = /** @type {{ m: WebAssembly.Memory, d: (n: number) => number }} */ (
  new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(decoder[1], 'base64'))).exports
);
x.m.grow(Math.ceil((384 + text.length) / 65536));
const mem = new Uint8Array(x.m.buffer);
for (let rank = 0; rank < 256; rank++)
  mem[128 * Math.floor(rank / N) + SAFE[rank % N]] = parseInt(hex.substr(2 * rank, 2), 16);
new TextEncoder().encodeInto(text, mem.subarray(384));
const back = mem.subarray(384, 384 + x.d(text.length));
if (Buffer.compare(back, wasm) !== 0) fail('the encoded text does not decode back to the .wasm');
if (/["\\<]/.test(text) || /[^\x20-\x7e]/.test(text)) fail('the encoded text has a character it must not');

let script = readFileSync(scriptPath, 'utf8');
for (const [name, value] of [
  ['UCB_WASM_TEXT__', text],
  ['UCB_WASM_ORDER__', hex],
]) {
  const re = new RegExp(`(?<![\\w$])${name}(?![\\w$])`, 'g');
  const n = (script.match(re) || []).length;
  if (n !== 1) fail(`${scriptPath} names ${name} ${n} times, not once`);
  script = script.replace(re, () => `"${value}"`);
}
writeFileSync(scriptPath, script);
