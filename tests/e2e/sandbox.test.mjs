// The sandbox framing the user's page served elsewhere (`ucontact-sandbox --crm URL`, a dev
// server): both portals (PortalHost and porthole.js) frame it and answer it, same-site and
// cross-site. The page is served by a server of the test's own, with its own copy of the
// library, as a dev server serves a user's app.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, crmFrame, assert, assertEq, SITES, ROOT } from './harness.mjs';
import { startSandbox } from '../../pkg-template/testing/index.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const LIB = join(ROOT, 'target', 'pkg', 'full', 'esm');

/** A "dev server" on a free loopback port: /app/ is a CRM page using PortalChannel, trusting
 *  the portal origins set on the returned object (known once the sandbox listens). */
async function devServer() {
  const dev = { portalOrigins: [] };
  const page = () => `<!doctype html><meta charset="utf-8"><title>my CRM (dev server)</title><body>
<script type="module">
import init, { PortalChannel } from '/lib/ucontact-bridge.js';
await init();
window.channel = new PortalChannel({ portalOrigins: ${JSON.stringify(dev.portalOrigins)} });
document.body.dataset.ready = 'dev';
</script>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/app/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page());
    }
    const file = {
      '/lib/ucontact-bridge.js': 'ucontact-bridge.js',
      '/lib/ucontact-bridge_bg.wasm': 'ucontact-bridge_bg.wasm',
    }[path];
    if (!file) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
    res.end(readFileSync(join(LIB, file)));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
  dev.port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  dev.close = () =>
    new Promise((ok) => {
      server.close(ok);
      server.closeAllConnections();
    });
  return dev;
}

for (const { crmHost, site } of SITES) {
  test(`sandbox --crm/${site}: both portals frame the page at the URL and answer its calls (its origin trusted)`, async (ctx) => {
    const dev = await devServer();
    const sandbox = await startSandbox({ crm: `http://127.0.0.1:${dev.port}/app/`, exitAfter: 120 });
    dev.portalOrigins = sandbox.origins.portal;
    const page = await ctx.browser.context.newPage();
    try {
      const devOrigin = `http://${crmHost}:${dev.port}`;
      // PortalHost's portal: the default page, `?crmHost=` swapping the URL's host.
      await page.goto(`${sandbox.urls.portal}?crmHost=${crmHost}`);
      await page.waitForFunction(() => document.body.dataset.ready === 'wasm');
      let frame = await crmFrame(page, `${devOrigin}/app/`);
      let guid = await frame.evaluate(() =>
        window.channel.call({ campaign: 'Ventas->', callerid: '1001', destination: '091000000' }),
      );
      assert(GUID.test(guid), `guid from PortalHost: ${guid}`);
      assertEq(await page.evaluate(() => window.actions.map((a) => a.action)), ['call'], 'actions PortalHost saw');
      // The porthole.js portal frames the same page and answers it too.
      await page.goto(`${sandbox.urls.porthole}?crmHost=${crmHost}`);
      frame = await crmFrame(page, `${devOrigin}/app/`);
      guid = await frame.evaluate(() =>
        window.channel.call({ campaign: 'Ventas->', callerid: '1001', destination: '091000000' }),
      );
      assert(GUID.test(guid), `guid from porthole.js: ${guid}`);
      const received = await page.evaluate(() => window.received);
      assertEq(
        received.map((r) => JSON.parse(r).data.action),
        ['call'],
        'what the porthole.js portal received',
      );
      // The sandbox's own CRM origin is not what either portal framed.
      assert(
        !(await page.frames()).some((f) => f.url().includes(`:${sandbox.ports.crm}/`)),
        'no frame on the CRM origin',
      );
    } finally {
      await page.close();
      await sandbox.close();
      await dev.close();
    }
  });
}
