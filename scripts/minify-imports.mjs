// Shortens the names the .wasm and its wasm-bindgen glue share privately, in both files at once:
// every import is renamed (`./ucontact-bridge_bg.js` / `__wbg_setTimeout_5b19abb3aa52eb0c`
// become `a` / `b`, …), and the `producers` and `target_features` custom sections, which no
// browser reads, are dropped. The hashed import names are about 1.5 KB of incompressible gzip
// per build (each appears in both files); nothing else changes: exports (which the typed
// `InitOutput` declares) keep their names, and the code of both files is untouched.
//
// Usage: node scripts/minify-imports.mjs WASM JS   (both rewritten in place; run on the glue
//        wasm-bindgen wrote, before it is minified)
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, jsPath] = process.argv.slice(2);
if (!wasmPath || !jsPath) {
  console.error('usage: node scripts/minify-imports.mjs WASM JS');
  process.exit(2);
}
const fail = (msg) => {
  console.error(`minify-imports: ${msg}`);
  process.exit(1);
};

const bytes = readFileSync(wasmPath);
let js = readFileSync(jsPath, 'utf8');

function leb(buf, at) {
  let n = 0, shift = 0;
  for (;;) {
    const b = buf[at++];
    n += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [n, at];
  }
}
function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}
const name = (s) => Buffer.concat([uleb(Buffer.byteLength(s)), Buffer.from(s)]);
const readName = (buf, at) => {
  const [len, start] = leb(buf, at);
  return [buf.toString('utf8', start, start + len), start + len];
};
// Short names: a, b, …, Z, aa, ab, …
const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const short = (i) => (i < ALPHA.length ? ALPHA[i] : short(Math.floor(i / ALPHA.length) - 1) + ALPHA[i % ALPHA.length]);

if (bytes.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);
const parts = [bytes.subarray(0, 8)];
const renamed = new Map();
let module = null;
const MODULE = 'a';
for (let at = 8; at < bytes.length;) {
  const id = bytes[at];
  const [size, start] = leb(bytes, at + 1);
  const end = start + size;
  let body = bytes.subarray(start, end);
  at = end;
  if (id === 0) {
    const [section] = readName(body, 0);
    if (section === 'producers' || section === 'target_features') continue;
  } else if (id === 2) {
    // The import section: (module name, field name, kind and type) per import.
    let [count, p] = leb(body, 0);
    const out = [uleb(count)];
    for (let i = 0; i < count; i++) {
      let mod, field;
      [mod, p] = readName(body, p);
      [field, p] = readName(body, p);
      if (module === null) module = mod;
      if (mod !== module) fail(`imports from two modules (${module}, ${mod})`);
      const from = p;
      const kind = body[p++];
      if (kind === 0) [, p] = leb(body, p); // function: type index
      else if (kind === 1 || kind === 2) { // table (reftype first) or memory: limits
        if (kind === 1) p++;
        const flags = body[p++];
        [, p] = leb(body, p);
        if (flags & 1) [, p] = leb(body, p);
      } else if (kind === 3) p += 2; // global: valtype, mutability
      else fail(`import kind ${kind} of ${field}`);
      if (!renamed.has(field)) renamed.set(field, short(renamed.size));
      out.push(name(MODULE), name(renamed.get(field)), body.subarray(from, p));
    }
    body = Buffer.concat(out);
  }
  parts.push(Buffer.from([id]), uleb(body.length), body);
}

// The glue names each import once, as a key of the imports object it builds.
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
for (const [from, to] of renamed) {
  const re = new RegExp(`(?<![\\w$])${escape(from)}(?![\\w$])`, 'g');
  const n = (js.match(re) || []).length;
  if (n !== 1) fail(`the glue names the import ${from} ${n} times, not once`);
  js = js.replace(re, to);
}
if (module !== null) {
  const re = new RegExp(`(["'])${escape(module)}\\1`, 'g');
  const n = (js.match(re) || []).length;
  if (n !== 1) fail(`the glue names the import module ${module} ${n} times, not once`);
  js = js.replace(re, `"${MODULE}"`);
}
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(jsPath, js);
