// The `emitter` layer: node:test tests of src/web/emitter.js, the subscriber lists every class
// keeps (tests/emitter/*.test.mjs), each printed as it ends; then one line
// `emitter: N passed, N failed` for scripts/test.sh. Needs no build: the tests load the source
// file (and minify it as the build does, with terser from node_modules).
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => join(here, f));

let passed = 0;
let failed = 0;
const stream = run({ files });
stream.on('test:pass', (t) => {
  if (t.details.type !== 'suite') passed++;
});
stream.on('test:fail', (t) => {
  if (t.details.type !== 'suite') failed++;
});
stream.compose(/** @type {any} */ (spec)).pipe(process.stdout);
stream.on('end', () => {
  console.log(`emitter: ${passed} passed, ${failed} failed`);
  process.exitCode = failed || !passed ? 1 : 0;
});
