// Where the synchronous time of a same-site `call` round trip goes, on the CRM side: see
// bench/pages/split.html. Prints, per round, the mean µs of a round trip, of `channel.call()`
// returning (send), of the channel's `message` listener (receive), of `channel.tag()`, and of a
// plain `postMessage` of a JSON envelope (the floor of any send). The first round warms up.
// Driven through Playwright, so a DevTools session is attached (which makes `postMessage` cost
// more, BENCHMARKS.md "How it runs"); bench/parts.mjs times the same parts with none, and
// porthole.js's beside them. This one can also profile (--profile).
//
// Usage: node bench/split.mjs [--entry channel|full] [--n N] [--rounds R] [--names DIR]
//                             [--profile call|tag|real]
//   --names DIR     serve the builds from DIR instead of target/pkg (a names-kept build, as for
//                   bench/profile.mjs)
//   --profile FN    after the rounds, one more round under the CPU profiler, printing the time
//                   spent inside the glue's function FN (`call`, `tag`, or `real`: the message
//                   listener's closure) per call, split by every function below it (inclusive)
import { join, dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startOrigins } from './serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const opts = { entry: 'channel', n: 2000, rounds: 4, names: null, profile: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--entry') opts.entry = process.argv[++i];
  else if (a === '--n') opts.n = Number(process.argv[++i]);
  else if (a === '--rounds') opts.rounds = Number(process.argv[++i]);
  else if (a === '--names') opts.names = resolvePath(process.argv[++i]);
  else if (a === '--profile') opts.profile = process.argv[++i];
  else {
    console.error(`split: unknown option ${a}`);
    process.exit(2);
  }
}
const pkg = opts.names || join(ROOT, 'target', 'pkg');
const servers = await startOrigins({ root: ROOT, pkg, ports: [0, 0], isolate: true, exitAfterMs: 5 * 60 * 1000 });
const [A, B] = servers.origins;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox'],
});
try {
  const page = await browser.newPage();
  await page.goto(
    `${A}/portal.html?peer=${encodeURIComponent(B)}&crm=${encodeURIComponent(`/split.html?entry=${opts.entry}&peer=${A}`)}`,
  );
  let frame;
  for (let t = 0; !(frame = page.frames().find((f) => f.url().startsWith(B))); t++) {
    if (t > 100) throw new Error('split: the CRM frame did not load');
    await new Promise((r) => setTimeout(r, 100));
  }
  await frame.waitForFunction(() => typeof window.split === 'function');
  for (let r = 0; r < opts.rounds; r++) {
    const out = await frame.evaluate((n) => window.split(n), opts.n);
    console.log(
      `round ${r + 1}${r === 0 ? ' (warm-up)' : ''}: ` +
        Object.entries(out)
          .map(([k, v]) => `${k}=${v.toFixed(1)}`)
          .join(' '),
    );
  }
  if (opts.profile) await inclusive(page, frame, opts.profile);
} finally {
  await browser.close();
  servers.stop();
}

/** One more round under the profiler: time inside the glue function `name`, by callee. */
async function inclusive(page, frame, name) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await frame.evaluate((n) => window.split(n), opts.n);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) || 0) + (profile.timeDeltas[i] || 0)));
  const label = (n) => n.callFrame.functionName || `(anonymous):${n.callFrame.lineNumber}`;
  const within = new Map();
  let total = 0;
  for (const [id, t] of self) {
    const chain = [];
    let hit = false;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      chain.push(label(n));
      if (n.callFrame.functionName === name && n.callFrame.url.includes('ucontact-bridge.js')) {
        hit = true;
        break;
      }
    }
    if (!hit) continue;
    total += t;
    for (const k of new Set(chain)) within.set(k, (within.get(k) || 0) + t);
  }
  console.log(
    `profile: inside ${name}, ${(total / opts.n).toFixed(1)} µs per call (sampled; the profiler slows everything)`,
  );
  for (const [k, t] of [...within].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`${(t / opts.n).toFixed(2).padStart(8)} µs  ${k.slice(0, 110)}`);
  }
  await cdp.detach();
}
