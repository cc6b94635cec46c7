// Consumer test of issue 31, item 6: `on()`'s unsubscribe function, `{ once: true }` and
// `{ signal }`, through the packed tarball as a Vite app bundles it (vite-app/listeners.js),
// framed by the sandbox's porthole.js portal. Imported by run.mjs, which builds the app.
import { test, crmFrame, assertEq } from '../e2e/harness.mjs';

/** Posts `{ n }` from the portal page to the CRM frame, as a Porthole message nothing awaits. */
const post = (tab, n) =>
  tab.evaluate((k) => {
    const frame = document.querySelector('iframe');
    new window.Porthole.WindowProxy(frame.src, frame.name).post({ n: k }, new URL(frame.src).origin);
  }, n);

test('consumer: on() through the package: unsubscribe, once and signal end subscriptions (Bridge and PortalChannel)', async (ctx) => {
  const tab = await ctx.browser.context.newPage();
  try {
    await tab.goto(
      `http://127.0.0.1:${ctx.portalPort}/porthole.html?crm=${encodeURIComponent('/vite/listeners.html')}`,
    );
    const frame = await crmFrame(tab, `http://127.0.0.1:${ctx.crmPort}/`);
    await frame.waitForFunction(() => document.body.dataset.ready === 'app', null, { timeout: 15000 });
    const heardUntil = async (n) => {
      await frame.waitForFunction(
        (k) => ['bridge', 'channel'].every((o) => window.app.heard.includes(`${o}:control:${k}`)),
        n,
        { timeout: 15000 },
      );
      return frame.evaluate((k) => window.app.heard.filter((h) => h.endsWith(`:${k}`)).sort(), n);
    };
    await post(tab, 1);
    assertEq(
      await heardUntil(1),
      [
        'bridge:control:1',
        'bridge:on:1',
        'bridge:once:1',
        'bridge:signal:1',
        'channel:control:1',
        'channel:on:1',
        'channel:once:1',
        'channel:signal:1',
      ],
      'the first message',
    );
    await post(tab, 2);
    assertEq(
      await heardUntil(2),
      ['bridge:control:2', 'bridge:on:2', 'bridge:signal:2', 'channel:control:2', 'channel:on:2', 'channel:signal:2'],
      'the second: the once subscriptions ended',
    );
    await frame.evaluate(() => window.app.end());
    await post(tab, 3);
    assertEq(
      await heardUntil(3),
      ['bridge:control:3', 'channel:control:3'],
      'after unsubscribe and abort: the controls only',
    );
    await frame.evaluate(() => window.app.destroy());
  } finally {
    await tab.close();
  }
});
