// A Chromium with no DevTools session attached: started for one URL, stopped as soon as the page
// writes a line matching `pattern` to its console (read from Chromium's log on stderr). Used by
// bench/run.mjs (messaging without DevTools), bench/parts.mjs and bench/devtools-depth.mjs; the
// Chromium flags, the URL helper and the median every bench script shares live here too.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The flags every bench browser starts with: headless, and none of Chromium's own background
 *  work (network, updates, sync) competing with what is timed. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `path?query`, the query from an object. */
export const withQuery = (path, query) => `${path}?${new URLSearchParams(query)}`;

/** The median of `xs` (the mean of the middle two for an even count): what the A/B tools
 *  (`ab-*.mjs`) report per tree. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Resolves with the first capture group of `pattern` in the page's console output. */
export function consoleResult(url, pattern, { args = [], timeoutMs = 120000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ucb-bench-auto-'));
  return new Promise((resolve, reject) => {
    // Its own process group, so that the browser and every helper process it started stop
    // together. TMPDIR: the socket directory Chromium makes beside its profile goes inside it.
    const child = spawn(
      process.env.CHROMIUM || '/usr/bin/chromium',
      [...args, '--enable-logging=stderr', '--v=0', `--user-data-dir=${dir}`, url],
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true, env: { ...process.env, TMPDIR: dir } },
    );
    let log = '',
      done = false;
    const group = (signal) => {
      try {
        process.kill(-child.pid, signal);
        return true;
      } catch {
        return false;
      }
    };
    const finish = async (err, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // A polite stop first; whatever is left after 3 s is killed.
      group('SIGTERM');
      for (let i = 0; i < 60 && group(0); i++) await new Promise((r) => setTimeout(r, 50));
      group('SIGKILL');
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
      } catch {
        /* a temp dir left */
      }
      err ? reject(err) : resolve(value);
    };
    const timer = setTimeout(() => finish(new Error(`no result from ${url} in ${timeoutMs / 1000} s`)), timeoutMs);
    child.once('error', (e) => finish(e));
    child.stderr.on('data', (d) => {
      log += d;
      const m = pattern.exec(log);
      if (m) finish(null, m[1]);
    });
  });
}
