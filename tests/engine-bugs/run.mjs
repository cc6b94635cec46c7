// Runs one engine-bug repro page in WebKit and prints what it found, load by load.
//
//   xvfb-run -a -s "-screen 0 1280x1024x24" node tests/engine-bugs/run.mjs <repro dir> \
//     [--engine webkitgtk|wpe] [--loads N] [--query 'rounds=300'] [JSC_option=value ...]
//
// Serves the repro's directory on 127.0.0.1 (a free port, for this run only), starts the
// engine's WebDriver with the JSC_* options in its environment (it passes them on to the
// browser, whose JavaScriptCore reads them at start), opens index.html once per load in a
// fresh browser, and waits for the page's `window.result`. WebKitGTK needs a display
// (xvfb-run); WPE runs headless through cog. Each load's result is printed as JSON, then a
// total line. Exits 0 either way: it measures, it does not judge.
import http from 'node:http';
import net from 'node:net';
import { readFile } from 'node:fs/promises';
import { join, extname, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Builder } from 'selenium-webdriver';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const BROWSERS = {
  webkitgtk: {
    driver: '/usr/bin/WebKitWebDriver',
    caps: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    },
  },
  wpe: {
    driver: '/usr/bin/WPEWebDriver',
    caps: {
      browserName: 'cog',
      'wpe:browserOptions': { binary: '/usr/bin/cog', args: ['--automation', '--platform=headless'] },
    },
  },
};

function parseArgs(argv) {
  const o = { dir: null, engine: 'webkitgtk', loads: 3, query: '', env: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--engine') o.engine = argv[++i];
    else if (a === '--loads') o.loads = Number(argv[++i]);
    else if (a === '--query') o.query = argv[++i];
    else if (/^JSC_\w+=/.test(a)) {
      const [k, v] = a.split('=');
      o.env[k] = v;
    } else o.dir = resolve(a);
  }
  if (!o.dir || !BROWSERS[o.engine])
    throw new Error('usage: run.mjs <repro dir> [--engine webkitgtk|wpe] [--loads N] [--query q] [JSC_x=v ...]');
  return o;
}

function freePort() {
  return new Promise((ok) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => ok(port));
    });
  });
}

/** Serves `dir` (no listing, no paths out of it) on a free loopback port. */
async function serve(dir) {
  const srv = http.createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    try {
      const body = await readFile(join(dir, path === '/' ? 'index.html' : path));
      res
        .writeHead(200, {
          'content-type': TYPES[extname(path)] || 'application/octet-stream',
          'cache-control': 'no-store',
        })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => srv.listen(0, '127.0.0.1', () => ok(srv)));
  return srv;
}

/** One fresh browser with `env`, one page load; the page's `window.result`. */
async function load(o, url) {
  const b = BROWSERS[o.engine];
  const port = await freePort();
  // Its own process group, so that stopping it also stops the browser it started.
  const driver = spawn(b.driver, [`--port=${port}`], {
    env: { ...process.env, ...o.env },
    stdio: 'ignore',
    detached: true,
  });
  try {
    await sleep(300);
    const session = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(b.caps).build();
    try {
      await session.get(url);
      for (;;) {
        const r = await session.executeScript('return window.result || null');
        if (r) return r;
        await sleep(200);
      }
    } finally {
      await session.quit().catch(() => {});
    }
  } finally {
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

const o = parseArgs(process.argv.slice(2));
const srv = await serve(o.dir);
const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (srv.address()).port}/index.html${o.query ? '?' + o.query : ''}`;
const sums = {};
try {
  for (let i = 0; i < o.loads; i++) {
    const r = await load(o, url);
    console.log(`load ${i}: ${JSON.stringify(r)}`);
    // Counts add up over loads; positions (`first…`) do not.
    for (const [k, v] of Object.entries(r))
      if (typeof v === 'number' && !k.startsWith('first')) sums[k] = (sums[k] || 0) + v;
  }
} finally {
  srv.close();
}
const env =
  Object.entries(o.env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ') || 'default tiers';
console.log(`total: ${JSON.stringify(sums)} engine=${o.engine} loads=${o.loads} (${env})`);
