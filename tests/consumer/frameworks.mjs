// The package README's React and Vue examples ("React and Vue"), as written but for the portal's
// origin, in a Vite app (tests/consumer/frameworks-app) that installs the packed tarball and the
// real react, react-dom and vue packages from npm, framed by the sandbox's porthole.js portal,
// same-site and cross-site. React is its development build, under StrictMode (which mounts every
// component twice there). Each test checks the component works (React: a call; Vue: a CTI read),
// that the page has exactly one more `message` listener while it is mounted (not two: the
// StrictMode rehearsal made no channel), and that every listener the instrumentation counts
// (tests/fixtures/listeners.js) is gone after unmount, also after a second mount.
// Registered by tests/consumer/run.mjs (`frameworkTests`), which runs them with its other tests.
import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SITES, INSTRUMENT, test, assert, assertEq } from '../e2e/harness.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const WAIT = { timeout: 15000 };

/** The first ```lang block of the README section `## title`. */
function example(readme, title, lang) {
  const section = readme.split(/^## /m).find((s) => s.startsWith(title + '\n'));
  if (!section) throw new Error(`README section "## ${title}" not found`);
  const m = section.match(new RegExp('```' + lang + '\\n([\\s\\S]*?)```'));
  if (!m) throw new Error(`README section "## ${title}" has no ${lang} block`);
  return m[1];
}

/** The example as written, its one portal origin the sandbox's. */
function asWritten(code) {
  const parts = code.split("['https://acme.ucontactcloud.com']");
  assertEq(parts.length - 1, 1, 'occurrences of the portal origins in the README example');
  return parts.join('window.SANDBOX.portalOrigins');
}

/** Builds the app into `<site>/frameworks` and registers its tests. `portalWith(ctx, page,
 *  crmHost)` opens the porthole.js portal framing a page of the site (run.mjs). */
export function frameworkTests({ work, site, tgz, readme, portalWith }) {
  const app = join(work, 'frameworks-app');
  cpSync(join(ROOT, 'tests', 'consumer', 'frameworks-app'), app, { recursive: true });
  writeFileSync(join(app, 'readme-react.tsx'), asWritten(example(readme, 'React and Vue', 'tsx')));
  writeFileSync(join(app, 'readme-vue.ts'), asWritten(example(readme, 'React and Vue', 'ts')));
  const run = (cmd, args, env = {}) =>
    execFileSync(cmd, args, {
      cwd: app,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
  // package.json's react, react-dom and vue, and the tarball.
  run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', tgz]);
  run(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--outDir', join(site, 'frameworks'), '--emptyOutDir'], {
    NODE_ENV: 'development',
  });

  // The listener counts (tests/fixtures/listeners.js) in every page the browser opens from now on;
  // these tests run after the consumer's others. (Outside Chromium the sandbox's /config.js
  // carries it already; the script runs once per page either way.)
  let instrumented = false;
  const open = async (ctx, page, crmHost) => {
    if (!instrumented) {
      await ctx.browser.context.addInitScript(INSTRUMENT);
      instrumented = true;
    }
    return portalWith(ctx, page, crmHost);
  };
  const listeners = (frame) => frame.evaluate(() => window.__ucbListeners());
  const enabled = (frame) =>
    frame.waitForFunction(
      () => {
        const b = document.querySelector('#root button');
        return b instanceof HTMLButtonElement && !b.disabled;
      },
      null,
      WAIT,
    );
  const label = (frame) => frame.evaluate(() => document.querySelector('#root button').textContent);

  for (const { crmHost, site: kind } of SITES) {
    test(`consumer/${kind}: the README's React hook (tarball, Vite, React StrictMode): one listener per mounted component, a call, none left after unmount`, async (ctx) => {
      const { tab, frame, errors } = await open(ctx, '/frameworks/react.html', crmHost);
      try {
        const before = await listeners(frame);
        for (const round of [1, 2]) {
          await frame.evaluate(() => window.app.mount());
          await enabled(frame);
          assertEq(
            await frame.evaluate(() => window.effects),
            2 * round,
            `round ${round}: StrictMode ran each effect twice (mount, unmount, mount)`,
          );
          assertEq(
            await listeners(frame),
            { ...before, message: before.message + 1 },
            `round ${round}: one message listener more while mounted (the rehearsal made no channel${round === 2 ? '; init() already resolved' : ''})`,
          );
          if (round === 1) {
            await frame.click('#root button');
            await frame.waitForFunction(
              () => /^Call \S/.test(document.querySelector('#root button').textContent),
              null,
              WAIT,
            );
            const guid = (await label(frame)).slice('Call '.length);
            assert(GUID.test(guid), `the button shows the call's guid: ${guid}`);
            assertEq(
              await tab.evaluate(() => window.actions.filter((a) => a.action === 'call').length),
              1,
              'the portal got one call',
            );
          }
          await frame.evaluate(() => window.app.unmount());
          assertEq(await listeners(frame), before, `round ${round}: every listener gone after unmount`);
        }
        assertEq(errors, [], 'no page errors');
      } finally {
        await tab.close();
      }
    });

    test(`consumer/${kind}: the README's Vue composable (tarball, Vite): one listener while mounted, a CTI read, none left after unmount`, async (ctx) => {
      const { tab, frame, errors } = await open(ctx, '/frameworks/vue.html', crmHost);
      try {
        const before = await listeners(frame);
        for (const round of [1, 2]) {
          await frame.evaluate(() => window.app.mount());
          await enabled(frame);
          assertEq(
            await listeners(frame),
            { ...before, message: before.message + 1 },
            `round ${round}: one message listener more while mounted`,
          );
          if (round === 1) {
            await frame.click('#root button');
            await frame.waitForFunction(
              () => document.querySelector('#root button').textContent !== 'Read CTI',
              null,
              WAIT,
            );
            assertEq(await label(frame), 'Ventas->', "the button shows the CTI record's campaign");
          }
          await frame.evaluate(() => window.app.unmount());
          assertEq(await listeners(frame), before, `round ${round}: every listener gone after unmount`);
        }
        assertEq(errors, [], 'no page errors');
      } finally {
        await tab.close();
      }
    });
  }
}
