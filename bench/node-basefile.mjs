// A quick A/B of buildBaseFile outside the browser: loads each given package directory's full
// ES module in node (initSync, no browser), builds the same 100,000-row base file 7 times and
// prints the median and the fastest build per directory. For comparing two builds of the
// reading path (the bench's base-file figure, in Chromium against a naive builder, is the one
// BENCHMARKS.md reports); directories are measured in turn, so run it twice to see the noise.
//
// Usage: node bench/node-basefile.mjs [DIR...]   (default target/pkg/full/esm)
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const dirs = process.argv.slice(2);
if (dirs.length === 0) dirs.push(join(ROOT, 'target', 'pkg', 'full', 'esm'));
const rows = Array.from({ length: 100000 }, (_, i) => ({
  campaign: 'Ventas->',
  number: String(90000000 + i),
  data: { name: `n${i}`, id: String(i) },
  alternatives: [`091${i}`, `092${i}`],
  priority: 5,
  agentphone: '1001',
}));
for (const dir of dirs.map((d) => resolve(d))) {
  const m = await import(pathToFileURL(join(dir, 'ucontact-bridge.js')).href);
  m.initSync({ module: readFileSync(join(dir, 'ucontact-bridge_bg.wasm')) });
  const times = [];
  for (let k = 0; k < 7; k++) {
    const t = performance.now();
    m.buildBaseFile(rows);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${dir}: median ${times[3].toFixed(0)} ms, fastest ${times[0].toFixed(0)} ms (7 builds of 100,000 rows)`);
}
