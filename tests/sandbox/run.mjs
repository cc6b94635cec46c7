// The `sandbox` layer: node:test tests of the sandbox server (tests/sandbox/*.test.mjs), each
// printed as it ends; then the command's startup, measured (ten runs from spawning
// `ucontact-sandbox` to its `ready` line, printed as a figure, never asserted); then one line
// `sandbox: N passed, N failed` for scripts/test.sh.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', '..', 'pkg-template', 'bin', 'ucontact-sandbox.mjs');
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => join(here, f));

/** Milliseconds from spawning the command (free ports) to its `ready` line; null if it never
 *  said it. */
function startup() {
  return new Promise((ok) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [BIN, '--portal-port', '0', '--crm-port', '0', '--instance-port', '0', '--exit-after', '0'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let out = '',
      at = null;
    child.stdout.on('data', (b) => {
      out += b;
      if (at === null && /\nready\n/.test(out)) at = performance.now() - t0;
    });
    child.on('exit', () => ok(at));
  });
}

let passed = 0,
  failed = 0;
const stream = run({ files, concurrency: 1 });
stream.on('test:pass', (t) => {
  if (t.details.type !== 'suite' && t.nesting === 0) passed++;
});
stream.on('test:fail', (t) => {
  if (t.details.type !== 'suite' && t.nesting === 0) failed++;
});
// Node 20 takes the reporter as it is exported (its types want an instance, as later versions do).
stream.compose(/** @type {any} */ (spec)).pipe(process.stdout);
stream.on('end', async () => {
  const times = [];
  for (let i = 0; i < 10; i++) times.push(await startup());
  const ms = times.filter((t) => t !== null).sort((a, b) => a - b);
  if (ms.length !== times.length) {
    failed++;
    console.log(`✖ startup: ${times.length - ms.length} of ${times.length} runs never said ready`);
  }
  if (ms.length) {
    console.log(
      `figure: sandbox-startup runs=${ms.length} median-ms=${Math.round(ms[ms.length >> 1])} min-ms=${Math.round(ms[0])} max-ms=${Math.round(ms.at(-1))} (spawn to ready)`,
    );
  }
  console.log(`sandbox: ${passed} passed, ${failed} failed`);
  process.exitCode = failed || !passed ? 1 : 0;
});
