// Why bench/run.mjs times messages a second time with no DevTools session attached: while a
// DevTools session is attached (as Playwright attaches one to every page it drives), Chromium's
// postMessage costs more the deeper the calling stack is; without a session, depth costs
// nothing. A PortalChannel posts from inside its WebAssembly, a few frames deeper than
// porthole.js posts from, so a Playwright-driven figure charges it for the session.
//
// A same-site pair of pages (parent on one loopback port echoing every message, child on
// another) times round trips whose postMessage is made at three depths of plain JavaScript
// frames: directly, under 20 frames, under 60. Run once through Playwright and once in a
// Chromium started without remote debugging (the page writes its figures to the console, read
// from Chromium's log).
//
// Usage: node bench/devtools-depth.mjs [--rounds R] [--n N]
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { consoleResult } from './launch.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROUNDS = arg('--rounds', 7),
  N = arg('--n', 1000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

// The parent passes its own query (`?auto` or nothing) on to its frame.
const parentPage = (child, query) => `<!doctype html><script>
addEventListener('message', (e) => e.source.postMessage(e.data, e.origin));
</script><iframe src="${child}/child${query}"></iframe>`;

// Each depth is timed in rounds that take turns; the figure is the median round's mean round trip.
const childPage = (parent) => `<!doctype html><script>
const PARENT = ${JSON.stringify(parent)};
const target = window.parent;
function post() { target.postMessage('{"data":{"action":"call"}}', PARENT); }
function under(frames) { if (frames > 0) { under(frames - 1); return frames; } post(); return 0; }
let settle = null;
addEventListener('message', (e) => { if (e.origin === PARENT && settle) { const s = settle; settle = null; s(); } });
const once = (send) => new Promise((resolve) => { settle = resolve; send(); });
const depths = { 'depth 0': () => post(), 'depth 20': () => under(20), 'depth 60': () => under(60) };
window.measure = async (rounds, n) => {
  const runs = Object.fromEntries(Object.keys(depths).map((k) => [k, []]));
  for (const send of Object.values(depths)) for (let i = 0; i < 200; i++) await once(send);
  for (let r = 0; r < rounds; r++) {
    for (const [name, send] of Object.entries(depths)) {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await once(send);
      runs[name].push((performance.now() - t0) / n * 1000);
    }
  }
  return Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.sort((a, b) => a - b)[v.length >> 1]]));
};
if (new URLSearchParams(location.search).has('auto')) {
  window.measure(${ROUNDS}, ${N}).then((r) => console.log('depth-result ' + JSON.stringify(r) + ' depth-end'));
}
</script>`;

function serve(page) {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(page(new URL(req.url, 'http://x').search));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
let parentOrigin = '',
  childOrigin = '';
const parentServer = await serve((query) => parentPage(childOrigin, query));
const childServer = await serve(() => childPage(parentOrigin));
parentOrigin = `http://127.0.0.1:${parentServer.address().port}`;
childOrigin = `http://127.0.0.1:${childServer.address().port}`;
const stop = setTimeout(
  () => {
    console.error('devtools-depth: gave up after 5 minutes');
    process.exit(1);
  },
  5 * 60 * 1000,
);

async function withDevtools() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(parentOrigin);
    let frame;
    while (!(frame = page.frames().find((f) => f.url().startsWith(childOrigin)))) await page.waitForTimeout(20);
    await frame.waitForFunction(() => typeof window.measure === 'function');
    return await frame.evaluate(([r, n]) => window.measure(r, n), [ROUNDS, N]);
  } finally {
    await browser.close();
  }
}

async function withoutDevtools() {
  return JSON.parse(await consoleResult(parentOrigin + '/?auto', /depth-result (\{.*?\}) depth-end/, { args: ARGS }));
}

const fmt = (r) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v.toFixed(1)} µs`)
    .join(', ');
const attached = await withDevtools();
console.log(`round trip, postMessage made at each depth, DevTools session attached: ${fmt(attached)}`);
const detached = await withoutDevtools();
console.log(`round trip, postMessage made at each depth, no DevTools session:       ${fmt(detached)}`);
clearTimeout(stop);
parentServer.close();
childServer.close();
