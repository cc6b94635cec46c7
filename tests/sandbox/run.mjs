// The `sandbox` layer: node:test tests of the sandbox server (tests/sandbox/*.test.mjs), each
// printed as it ends, then one line `sandbox: N passed, N failed` for scripts/test.sh.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs')).map((f) => join(here, f));
let passed = 0, failed = 0;
const stream = run({ files, concurrency: 1 });
stream.on('test:pass', (t) => { if (t.details.type !== 'suite' && t.nesting === 0) passed++; });
stream.on('test:fail', (t) => { if (t.details.type !== 'suite' && t.nesting === 0) failed++; });
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  console.log(`sandbox: ${passed} passed, ${failed} failed`);
  process.exitCode = failed || !passed ? 1 : 0;
});
