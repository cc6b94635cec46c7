// A small end-to-end harness: starts the sandbox, drives Debian's Chromium through
// playwright-core, runs named tests, and ends with one line `N passed, N failed`.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts the sandbox on the given ports; it stops by itself after `exitAfter` seconds. */
export async function startSandbox({ portalPort, crmPort, exitAfter = 600, args = [] }) {
  const bin = process.env.UCB_SANDBOX_BIN || join(ROOT, 'target', 'debug', 'ucontact-sandbox');
  const child = spawn(bin, ['--portal-port', String(portalPort), '--crm-port', String(crmPort), '--exit-after', String(exitAfter), ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sandbox did not start:\n' + out)), 20000);
    const onData = (b) => { out += b; if (out.includes('\nready')) { clearTimeout(timer); resolve(); } };
    child.stdout.on('data', onData);
    child.stderr.on('data', (b) => { out += b; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`sandbox exited (${code}):\n${out}`)); });
  });
  child.removeAllListeners('exit');
  return { output: () => out, stop: () => child.kill('SIGTERM') };
}

/** `n` distinct free ports on 127.0.0.1 (asked of the OS, then released). */
export async function freePorts(n) {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise((ok) => {
    const s = createServer(); s.listen(0, '127.0.0.1', () => ok(s));
  })));
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  return ports;
}

/** Serves fixed pages on 127.0.0.1:`port` (a third origin, e.g. an attacker frame). */
export async function startStatic(port, pages) {
  const server = createServer((req, res) => {
    const body = pages[new URL(req.url, 'http://x').pathname];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  server.unref();
  return { stop: () => server.close() };
}

/** Launches headless Chromium with a fresh profile. `allowThirdPartyStorage` lifts Chromium's
 *  default block on storage in cross-site iframes (as a user's setting would). */
export async function launch({ allowThirdPartyStorage = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ucb-e2e-'));
  if (allowThirdPartyStorage) {
    mkdirSync(join(dir, 'Default'), { recursive: true });
    writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  }
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { context, close: async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Waits for the frame whose URL starts with `origin` and whose page says it is ready. */
export async function crmFrame(page, origin, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const f = page.frames().find((fr) => fr.url().startsWith(origin));
    if (f) {
      try {
        await f.waitForFunction(() => document.body && document.body.dataset.ready, null, { timeout: Math.max(1, deadline - Date.now()) });
        return f;
      } catch (e) { if (Date.now() > deadline) throw e; }
    }
    if (Date.now() > deadline) throw new Error(`no ready frame on ${origin}; frames: ${page.frames().map((x) => x.url()).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function assert(cond, msg) { if (!cond) throw new Error('assertion failed: ' + msg); }
export function assertEq(a, b, msg) {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  if (x !== y) throw new Error(`${msg}\n  expected: ${y}\n  actual:   ${x}`);
}

const tests = [];
/** Registers a test. */
export function test(name, fn) { tests.push({ name, fn }); }

/** Runs every registered test (optionally filtered by UCB_E2E_FILTER), prints one line each and
 *  the summary; returns the failure count. */
export async function runAll(context) {
  let passed = 0, failed = 0;
  const filter = process.env.UCB_E2E_FILTER;
  for (const t of tests) {
    if (filter && !t.name.includes(filter)) continue;
    const t0 = Date.now();
    try {
      await t.fn(context);
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name}\n     ${String(e && e.stack || e).split('\n').join('\n     ')}`);
    }
  }
  return { passed, failed };
}
