// Where the synchronous time of a same-site `call` round trip goes, on the CRM side: see
// bench/pages/split.html. Prints, per round, the mean µs of a round trip, of `channel.call()`
// returning (send), of the channel's `message` listener (receive), of `channel.tag()`, and of a
// plain `postMessage` of a JSON envelope (the floor of any send). The first round warms up.
//
// Usage: node bench/split.mjs [--entry channel|full] [--n N] [--rounds R]   (builds in target/pkg)
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startOrigins } from './serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const opts = { entry: 'channel', n: 2000, rounds: 4 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--entry') opts.entry = process.argv[++i];
  else if (a === '--n') opts.n = Number(process.argv[++i]);
  else if (a === '--rounds') opts.rounds = Number(process.argv[++i]);
  else { console.error(`split: unknown option ${a}`); process.exit(2); }
}
const servers = await startOrigins({ root: ROOT, ports: [0, 0], isolate: true, exitAfterMs: 5 * 60 * 1000 });
const [A, B] = servers.origins;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.goto(`${A}/portal.html?peer=${encodeURIComponent(B)}&crm=${encodeURIComponent(`/split.html?entry=${opts.entry}&peer=${A}`)}`);
  let frame;
  for (let t = 0; !(frame = page.frames().find((f) => f.url().startsWith(B))); t++) {
    if (t > 100) throw new Error('split: the CRM frame did not load');
    await new Promise((r) => setTimeout(r, 100));
  }
  await frame.waitForFunction(() => typeof window.split === 'function');
  for (let r = 0; r < opts.rounds; r++) {
    const out = await frame.evaluate((n) => window.split(n), opts.n);
    console.log(`round ${r + 1}${r === 0 ? ' (warm-up)' : ''}: ` + Object.entries(out).map(([k, v]) => `${k}=${v.toFixed(1)}`).join(' '));
  }
} finally {
  await browser.close();
  servers.stop();
}
