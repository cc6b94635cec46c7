// Package trees side by side in Chromium, Firefox and WebKit: the full entry's sealed-record,
// Respool-edit and messaging paths, timed in each engine. Made for the reference-types decision
// (docs/decisions/no-reference-types.md); any builds compare the same way (`UCB_PKG_ROOT=DIR
// scripts/build.sh full` makes a second tree).
//
// Every engine is driven the same way, through classic WebDriver (selenium-webdriver and each
// engine's own driver, started here on a free loopback port), and the pages time themselves.
// Per engine one browser, and per round fresh pages:
//   ab-paths.html  every tree's module in one page: `--records` sealed records opened with a
//                  CtiKey, and `--edits` rounds of Respool edits (every setter, one refused
//                  value, toJSON)
//   portal.html    framing crm-ours.html on a second origin (same site), per tree in turn:
//                  `--calls` sequential `call` round trips and `--tags` fire-and-forget tags
// Each page does one untimed run, then `--runs` timed runs, the trees alternating run by run
// (ab-paths.html) or page by page (the order alternating round by round). Runs are short and
// compared in pairs (the k-th run of a tree against the k-th of the first tree, in the same
// round), so that a slow spell on this shared machine lands on both sides of a pair.
// Wrong results are counted, not timed away: a record read wrong, an edit not read back, a
// refused value accepted, or any error (a trap), with the first error's text.
//
// Usage: node bench/ab-engines.mjs PKG... [--engine E ...] [--rounds N] [--runs N]
//                                 [--records N] [--edits N] [--calls N] [--tags N]
//   PKG       trees laid out as target/pkg (the full entry's ES module is used)
//   --engine  chromium (chromedriver), firefox (Firefox ESR, geckodriver), webkit (WebKitGTK's
//             MiniBrowser, WebKitWebDriver, under xvfb-run when there is no display), wpe (WPE
//             WebKit's cog, WPEWebDriver, headless); default chromium, firefox, webkit
//   defaults: --rounds 5, --runs 10, --records 500, --edits 500, --calls 500, --tags 1000
// Prints per engine and tree the median µs per record, edit round, call and tag; for the other
// trees also the median of the pairs' ratios to the first tree, and their interquartile range
// (below 1 is faster); the count of wrong results, and of pages that failed (the driver's or
// browser's errors and hangs, after which the browser is started afresh), with the first text
// of each kind of error.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Builder, By } from 'selenium-webdriver';
import { startOrigins } from './serve.mjs';
import { CHROMIUM_ARGS, median, withQuery } from './launch.mjs';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
// Each engine: its driver (command and arguments before the port flag) and the capabilities
// that make the driver start the browser installed here (scripts/setup.sh, TOOLCHAIN notes).
const ENGINES = {
  chromium: {
    driver: [process.env.CHROMEDRIVER || '/usr/bin/chromedriver'],
    caps: {
      browserName: 'chrome',
      'goog:chromeOptions': { binary: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS },
    },
  },
  firefox: {
    driver: [process.env.GECKODRIVER || 'geckodriver'],
    caps: { browserName: 'firefox', 'moz:firefoxOptions': { binary: '/usr/bin/firefox-esr', args: ['-headless'] } },
  },
  webkit: {
    // No headless mode: a virtual display unless there is one.
    driver: [...(process.env.DISPLAY ? [] : ['xvfb-run', '-a', '-s', '-screen 0 1280x1024x24']), 'WebKitWebDriver'],
    caps: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } },
  },
  wpe: {
    driver: ['WPEWebDriver'],
    caps: {
      browserName: 'cog',
      'wpe:browserOptions': { binary: '/usr/bin/cog', args: ['--automation', '--platform=headless'] },
    },
  },
};

const usage = (msg) => {
  console.error(
    `ab-engines: ${msg}\nusage: node bench/ab-engines.mjs PKG... [--engine E ...] [--rounds N] [--runs N] [--records N] [--edits N] [--calls N] [--tags N]`,
  );
  process.exit(2);
};
const trees = [],
  engines = [];
const opts = { rounds: 5, runs: 10, records: 500, edits: 500, calls: 500, tags: 1000 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const key = a.slice(2);
  if (a === '--engine') {
    const e = process.argv[++i];
    if (!ENGINES[e]) usage(`unknown engine ${e} (one of ${Object.keys(ENGINES).join(', ')})`);
    engines.push(e);
  } else if (a.startsWith('--') && key in opts) {
    const v = Number(process.argv[++i]);
    opts[key] = Number.isInteger(v) && v > 0 ? v : usage(`${a} takes a positive whole number`);
  } else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else trees.push(resolve(a));
}
if (trees.length === 0) usage('name at least one package tree');
if (engines.length === 0) engines.push('chromium', 'firefox', 'webkit');

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => ok(port));
    });
  });

/** Starts `engine`'s driver and a session in it; `quit()` ends both (the driver's whole
 *  process group: xvfb-run and its X server too). */
async function openBrowser(engine) {
  const { driver: cmd, caps } = ENGINES[engine];
  const port = await freePort();
  const child = spawn(cmd[0], [...cmd.slice(1), `--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stderr.on('data', (d) => {
    log = (log + d).slice(-4000);
  });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let t = 0; ; t += 100) {
      const up = await fetch(`${url}/status`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (t > 20000 || child.exitCode !== null) throw new Error(`${engine}: ${cmd.join(' ')} did not start\n${log}`);
      await sleep(100);
    }
    const driver = await new Builder().usingServer(url).withCapabilities(caps).build();
    // A run takes seconds: one that takes minutes has hung (seen once in WPE).
    await driver.manage().setTimeouts({ script: 120000, pageLoad: 60000 });
    // A hung browser may never answer `quit`: its process group is ended after 10 s anyway.
    const quit = async () => {
      await Promise.race([driver.quit().catch(() => {}), sleep(10000)]);
      stop();
    };
    return { driver, quit };
  } catch (e) {
    stop();
    throw e;
  }
}

/** Runs `fn(...args)` in the current frame and resolves with its (awaited) result. */
const run = (driver, fn, ...args) => driver.executeScript(`return (${fn})(...arguments)`, ...args);
const waitReady = async (driver, what) => {
  for (let t = 0; !(await run(driver, () => document.body && document.body.dataset.ready === '1')); t += 50) {
    if (t > 60000) throw new Error(`${what} did not get ready`);
    await sleep(50);
  }
};

const FIGURES = ['open', 'edit', 'call', 'tag'];
const results = {}; // engine -> per tree { figure: [[µs per run] per round], wrong, failed, errors }
const versions = {}; // engine -> the browser's version, as its driver reports it
const RUNS = () => [...Array(opts.runs + 1).keys()]; // run 0 warms up, the others are timed

/** A round's sealed records and Respool edits: every tree in one fresh page (ab-paths.html),
 *  the trees alternating run by run. */
async function paths(driver, origin, per, round) {
  await driver.get(withQuery(`${origin}/ab-paths.html`, { trees: trees.map((_, t) => `t${t}`).join(',') }));
  await waitReady(driver, 'ab-paths.html');
  await run(driver, (n) => window.bench.prepare(n), opts.records);
  for (const k of RUNS()) {
    const order = trees.map((_, t) => t);
    if ((round + k) % 2) order.reverse();
    for (const t of order) {
      const open = await run(driver, (i) => window.bench.open(i), t);
      const edit = await run(driver, (i, n) => window.bench.edits(i, n), t, opts.edits);
      const r = per[t];
      r.wrong += open.wrong + edit.wrong;
      if (open.wrong && !open.firstError) r.errors.push('CtiKey.open read a record wrong');
      for (const e of [open.firstError, edit.firstError]) if (e) r.errors.push(e);
      if (k === 0) continue;
      (r.open[round] ??= []).push(open.perRecordMs * 1000);
      (r.edit[round] ??= []).push(edit.perRoundMs * 1000);
    }
  }
}

/** A round's messaging for one tree: portal.html framing crm-ours.html (the tree's full ES
 *  module) on the tree's second origin. */
/** @param {any} driver @param {string[]} origins @param {any} r @param {number} round */
async function messaging(driver, [A, B], r, round) {
  await driver.get(
    withQuery(`${A}/portal.html`, { peer: B, crm: withQuery('/crm-ours.html', { peer: A, entry: 'full' }) }),
  );
  await driver.switchTo().frame(await driver.findElement(By.id('crm')));
  try {
    await waitReady(driver, 'crm-ours.html');
    for (const k of RUNS()) {
      const callMs = await run(driver, (n) => window.bench.roundTrips(n).then((x) => x.totalMs), opts.calls);
      const tagMs = await run(driver, (n) => window.bench.tags(n), opts.tags);
      if (k === 0) continue;
      (r.call[round] ??= []).push((callMs / opts.calls) * 1000);
      (r.tag[round] ??= []).push((tagMs / opts.tags) * 1000);
    }
  } finally {
    await driver.switchTo().defaultContent();
  }
}

// One origin serves every tree for ab-paths.html (as /pkg/t0/, /pkg/t1/, …: links in a temporary
// folder); each tree also gets two origins of its own for the messaging pages.
const linkDir = mkdtempSync(join(tmpdir(), 'ucb-ab-engines-'));
trees.forEach((tree, t) => symlinkSync(tree, join(linkDir, `t${t}`)));
const serve = (pkg, ports) => startOrigins({ root: ROOT, pkg, ports, isolate: true, exitAfterMs: 2 * 60 * 60 * 1000 });
const shared = await serve(linkDir, [0]);
const servers = await Promise.all(trees.map((pkg) => serve(pkg, [0, 0])));
try {
  for (const engine of engines) {
    const per = trees.map(() => ({ open: [], edit: [], call: [], tag: [], wrong: 0, failed: 0, errors: [] }));
    results[engine] = per;
    let browser = await openBrowser(engine);
    try {
      versions[engine] = (await browser.driver.getCapabilities()).get('browserVersion');
      console.error(`${engine} ${versions[engine]}: ${opts.rounds} rounds`);
      // A page that fails (a driver or browser error, a hang) is counted for its tree(s) apart
      // from wrong results, and the browser is started afresh; the run goes on.
      /** @param {string} what @param {number[]} ts @param {(driver: any) => Promise<unknown>} fn */
      const counted = async (what, ts, fn) => {
        try {
          await fn(browser.driver);
        } catch (e) {
          for (const t of ts) {
            per[t].failed++;
            per[t].errors.push(`${what}: ${e.name}: ${String(e.message).split('\n')[0]}`);
          }
          await browser.quit();
          browser = await openBrowser(engine);
        }
      };
      for (let round = 0; round < opts.rounds; round++) {
        await counted(
          'ab-paths.html',
          trees.map((_, t) => t),
          (driver) => paths(driver, shared.origins[0], per, round),
        );
        const order = trees.map((_, t) => t);
        if (round % 2) order.reverse();
        for (const t of order)
          await counted('portal.html', [t], (driver) => messaging(driver, servers[t].origins, per[t], round));
      }
    } finally {
      await browser.quit();
    }
  }
} finally {
  shared.stop();
  servers.forEach((s) => s.stop());
  rmSync(linkDir, { recursive: true, force: true });
}

// A tree's figure: the median of all its timed runs; for the other trees also the ratio of
// each run to the same run of the first tree in the same round: median and interquartile range.
const quantile = (xs, q) => {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(q * v.length))];
};
const pairs = (r, ref, f) =>
  r[f].flatMap((xs, i) => (xs && ref[f][i] ? xs.map((x, k) => x / ref[f][i][k]).filter(Number.isFinite) : []));
const cell = (r, ref, f) => {
  const all = r[f].flat();
  if (all.length === 0) return '-';
  const v = median(all).toFixed(2);
  const q = ref ? pairs(r, ref, f) : [];
  if (q.length === 0) return v;
  return `${v} ${median(q).toFixed(2)}× (${quantile(q, 0.25).toFixed(2)}-${quantile(q, 0.75).toFixed(2)})`;
};
console.log(
  'median µs per: open = sealed record (CtiKey.open), edit = Respool edit round, call = round trip, tag = tag;',
);
console.log('other trees: × the first, median (interquartile range) of run-by-run ratios; below 1 is faster');
console.log(
  `${opts.records} records, ${opts.edits} edit rounds, ${opts.calls} calls, ${opts.tags} tags per run; ${opts.rounds} rounds × ${opts.runs} runs\n`,
);
console.log(
  `${'engine'.padEnd(18)}${FIGURES.map((f) => f.padStart(26)).join('')}${'wrong'.padStart(8)}${'failed'.padStart(8)}   tree`,
);
for (const engine of engines) {
  const per = results[engine];
  for (const [t, r] of per.entries()) {
    const cells = FIGURES.map((f) => cell(r, t > 0 ? per[0] : null, f).padStart(26));
    console.log(
      `${`${engine} ${versions[engine] ?? ''}`.padEnd(18)}${cells.join('')}${String(r.wrong).padStart(8)}${String(r.failed).padStart(8)}   ${trees[t]}`,
    );
    for (const e of new Set(r.errors)) console.log(`    ${e}`);
  }
}
