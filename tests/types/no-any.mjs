// Fails when the generated .d.ts has an `any` type anywhere but in `interface InitOutput`.
//
// `InitOutput` lists the raw wasm exports, which wasm-bindgen writes itself and no annotation
// reaches (a build with wasm reference types has `any` there for each externref argument; the
// builds today have none). Everything else is the public API. The check
// walks the TypeScript syntax tree, so the word "any" in doc comments does not count.
//
// Usage: node tests/types/no-any.mjs path/to/ucontact-bridge.d.ts
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');

const file = process.argv[2];
if (!file) {
  console.error('usage: node tests/types/no-any.mjs FILE.d.ts');
  process.exit(2);
}
const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
const ALLOWED = new Set(['InitOutput']);
const found = [];

function visit(node, allowed) {
  if (ts.isInterfaceDeclaration(node) && ALLOWED.has(node.name.text)) allowed = true;
  if (node.kind === ts.SyntaxKind.AnyKeyword && !allowed) {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${file}:${line + 1}: ${source.text.split('\n')[line].trim()}`);
  }
  ts.forEachChild(node, (child) => visit(child, allowed));
}
visit(source, false);

if (found.length) {
  console.log(`\`any\` in the public API (${found.length}):`);
  for (const f of found) console.log(`  ${f}`);
  process.exit(1);
}
console.log('no `any` in the public declarations (InitOutput, the raw wasm exports, excepted)');
