// Puts the library's own JavaScript parts into the glue wasm-bindgen wrote (before minifying):
// `UcbEmitter` (src/web/emitter.js), the subscriber lists of every class that emits events, and
// `ucbLog` (src/web/log.js), which writes the `log` option's entries. The Rust side imports
// them without a module (`new UcbEmitter()`, `ucbLog(...)` in the glue), which finds them by
// name in the glue's own scope: nothing is added to the page's globals, and
// the ES module and script-tag glues get the same code. wasm-bindgen's `inline_js` would do
// this for the ES module only (its no-modules target has no snippets).
//
// A glue that names a part gets it once; one that does not is left alone. Fails if a part is
// named but its file does not define it.
// Usage: node scripts/glue-parts.mjs JS   (rewritten in place)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [jsPath] = process.argv.slice(2);
if (!jsPath) {
  console.error('usage: node scripts/glue-parts.mjs JS');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = [
  { name: 'UcbEmitter', file: 'src/web/emitter.js', use: /\bnew UcbEmitter\(/, def: /^class UcbEmitter \{/m },
  { name: 'ucbLog', file: 'src/web/log.js', use: /\bucbLog\(/, def: /^function ucbLog\(/m },
];

let js = readFileSync(jsPath, 'utf8');
for (const { name, file, use, def } of PARTS) {
  if (!use.test(js)) continue;
  if (def.test(js)) {
    console.error(`glue-parts: ${jsPath} already defines ${name}`);
    process.exit(1);
  }
  const part = readFileSync(join(root, file), 'utf8');
  if (!def.test(part)) {
    console.error(`glue-parts: ${file} does not define ${name}`);
    process.exit(1);
  }
  // After the ES module's `@ts-self-types` comment, which stays the first line.
  const head = js.match(/^\/\* @ts-self-types="[^"]*" \*\/\n/);
  const at = head ? head[0].length : 0;
  js = `${js.slice(0, at)}${part}\n${js.slice(at)}`;
}
writeFileSync(jsPath, js);
