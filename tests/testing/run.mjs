// The `testing` layer (scripts/test.sh): the npm package's testing kit under node:test, every
// *.test.mjs of this folder, one after another. Prints the spec reporter's output, then
// `testing: N passed, M failed` for the layer's count; exits non-zero on any failure.
import { readdirSync } from 'node:fs';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const dir = new URL('./', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => new URL(f, dir).pathname);
let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1 });
// Leaf tests only: a file's own pass/fail event is not a test.
stream.on('test:pass', (e) => {
  if (e.details?.type !== 'suite' && e.nesting >= 0 && !e.file?.endsWith(e.name)) passed++;
});
stream.on('test:fail', (e) => {
  if (e.details?.type !== 'suite' && !e.file?.endsWith(e.name)) failed++;
});
stream.compose(new spec()).pipe(process.stdout);
stream.on('end', () => {
  console.log(`testing: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
});
