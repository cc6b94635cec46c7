// Shortens the export names of the .wasm, in it and in its glue at once, as
// scripts/minify-imports.mjs does for the imports: `portalchannel_callWithPhone`,
// `wasm_bindgen__convert__closures_____invoke__h070e62310a87df13`, `__wbindgen_malloc`, …
// become `a`, `b`, …, in export order (so two glues of the same module get the same names).
// Only the glue calls these functions (`wasm.NAME`); `memory` keeps its name, so what `init()`
// returns still has `memory`. The declarations follow: `InitOutput` in the .d.ts lists
// `memory` only (the rest are the glue's private calls), and `_bg.wasm.d.ts`, which describes
// the module file, gets the new names. About 500 B of gzip per build (`scripts/build.sh`).
//
// Run after the rewriters that find the glue's calls by export name (free-destroys,
// error-values), before minifying. Exports the glue does not call as `wasm.NAME` keep their
// names; fails if it calls none.
// Usage: node scripts/minify-exports.mjs WASM JS [DTS [WASM_DTS]]   (rewritten in place)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { assemble, escape, leb, name, readName, sections, short, uleb } from './wasm-sections.mjs';

const [wasmPath, jsPath, dtsPath, wasmDtsPath] = process.argv.slice(2);
if (!wasmPath || !jsPath) {
  console.error('usage: node scripts/minify-exports.mjs WASM JS [DTS [WASM_DTS]]');
  process.exit(2);
}
const fail = (msg) => {
  console.error(`minify-exports: ${msg}`);
  process.exit(1);
};
const KEEP = new Set(['memory']);

const bytes = readFileSync(wasmPath);
let js = readFileSync(jsPath, 'utf8');
const called = (field) => new RegExp(`\\bwasm\\.${escape(field)}(?![\\w$])`, 'g');
const renamed = new Map();
const list = sections(bytes, () => fail(`${wasmPath} is not a wasm module`)).map(({ id, body }) => {
  if (id !== 7) return { id, body };
  // The export section: (name, kind, index) per export.
  let [count, p] = leb(body, 0);
  const out = [uleb(count)];
  for (let i = 0; i < count; i++) {
    let field;
    [field, p] = readName(body, p);
    const from = p;
    p++;
    [, p] = leb(body, p);
    // Exports the glue never calls (wasm-bindgen's `__abort_handler`, …) keep their names.
    if (!KEEP.has(field) && called(field).test(js)) renamed.set(field, short(renamed.size));
    out.push(name(renamed.get(field) ?? field), body.subarray(from, p));
  }
  return { id, body: Buffer.concat(out) };
});
if (renamed.size === 0) fail(`${wasmPath}: the glue calls no export`);
for (const [from, to] of renamed) js = js.replace(called(from), `wasm.${to}`);
writeFileSync(wasmPath, assemble(bytes, list));
writeFileSync(jsPath, js);

if (dtsPath) {
  let dts = readFileSync(dtsPath, 'utf8');
  const re = /(export interface InitOutput \{\n)[^}]*(\})/;
  if (!re.test(dts)) fail(`${dtsPath} has no interface InitOutput`);
  dts = dts.replace(re, '$1    readonly memory: WebAssembly.Memory;\n$2');
  writeFileSync(dtsPath, dts);
}
if (wasmDtsPath && existsSync(wasmDtsPath)) {
  let dts = readFileSync(wasmDtsPath, 'utf8');
  for (const [from, to] of renamed) {
    dts = dts.replace(new RegExp(`(export const )${escape(from)}(?![\\w$])`, 'g'), `$1${to}`);
  }
  writeFileSync(wasmDtsPath, dts);
}
