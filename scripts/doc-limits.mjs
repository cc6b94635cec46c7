// The working docs stay short, so history goes where it belongs (CHANGELOG.md, docs/decisions/):
// the contributor README at most 10 KB, BENCHMARKS.md at most 300 lines. Part of the lint layer.
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const limits = [
  { file: 'README.md', what: 'bytes', max: 10240, measure: (/** @type {string} */ t) => Buffer.byteLength(t) },
  { file: 'BENCHMARKS.md', what: 'lines', max: 300, measure: (/** @type {string} */ t) => t.split('\n').length - 1 },
];
let failed = 0;
for (const { file, what, max, measure } of limits) {
  const n = measure(readFileSync(new URL(file, root), 'utf8'));
  const ok = n <= max;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}: ${n} ${what} (at most ${max})`);
}
process.exitCode = failed ? 1 : 0;
