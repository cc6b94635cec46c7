// Shortens the names the .wasm and its wasm-bindgen glue share privately, in both files at once:
// every import is renamed (`./ucontact-bridge_bg.js` / `__wbg_setTimeout_5b19abb3aa52eb0c`
// become `a` / `b`, …), and the `producers` and `target_features` custom sections, which no
// browser reads, are dropped. The hashed import names are about 1.5 KB of incompressible gzip
// per build (each appears in both files); nothing else changes, and the code of both files is
// untouched. The exports are shortened later (scripts/minify-exports.mjs), after the rewriters
// that find the glue's calls by export name.
//
// Usage: node scripts/minify-imports.mjs WASM JS   (both rewritten in place; run on the glue
//        wasm-bindgen wrote, before it is minified)
import { readFileSync, writeFileSync } from 'node:fs';
import { assemble, escape, leb, name, readName, sections, short, uleb } from './wasm-sections.mjs';

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

const renamed = new Map();
let module = null;
const MODULE = 'a';
const kept = [];
for (let { id, body } of sections(bytes, () => fail(`${wasmPath} is not a wasm module`))) {
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
      if (kind === 0)
        [, p] = leb(body, p); // function: type index
      else if (kind === 1 || kind === 2) {
        // table (reftype first) or memory: limits
        if (kind === 1) p++;
        const flags = body[p++];
        [, p] = leb(body, p);
        if (flags & 1) [, p] = leb(body, p);
      } else if (kind === 3)
        p += 2; // global: valtype, mutability
      else fail(`import kind ${kind} of ${field}`);
      if (!renamed.has(field)) renamed.set(field, short(renamed.size));
      out.push(name(MODULE), name(renamed.get(field)), body.subarray(from, p));
    }
    body = Buffer.concat(out);
  }
  kept.push({ id, body });
}

// The glue names each import once, as a key of the imports object it builds.
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
writeFileSync(wasmPath, assemble(bytes, kept));
writeFileSync(jsPath, js);
