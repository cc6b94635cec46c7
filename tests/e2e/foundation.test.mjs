// The foundation: the sandbox serves both origins, the CRM frame's wasm starts, and a Porthole
// envelope crosses origins both ways with the real porthole.js 1.0.0 on the portal side; for
// every entry of scripts/entries.tsv (the CRM page loads that build), same-site and cross-site.
import { test, crmFrame, assert, assertEq, ENTRIES, SITES, wasmLoaded } from './harness.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

for (const entry of ENTRIES)
  for (const { crmHost, site } of SITES) {
    const kind = `${site} [entry ${entry}]`;

    test(`foundation/${kind}: sandbox serves both origins and the CRM frame's wasm initializes`, async (ctx) => {
      const page = await ctx.browser.context.newPage();
      try {
        const res = await page.goto(
          `http://127.0.0.1:${ctx.portalPort}/porthole.html?crmHost=${crmHost}&entry=${entry}`,
        );
        assertEq(res.status(), 200, 'portal page status');
        const frame = await crmFrame(page, `http://${crmHost}:${ctx.crmPort}/`);
        const status = await frame.textContent('#status');
        assert(/ucontact-bridge \d+\.\d+\.\d+ ready/.test(status), `status line: ${status}`);
        assertEq(await frame.evaluate(() => location.origin), `http://${crmHost}:${ctx.crmPort}`, 'CRM origin');
        assertEq(
          await wasmLoaded(frame),
          [`/pkg/${entry}/esm/ucontact-bridge_bg.wasm`],
          'the wasm of the entry under test',
        );
      } finally {
        await page.close();
      }
    });

    test(`foundation/${kind}: call crosses to real porthole.js and the guid comes back to the wasm`, async (ctx) => {
      const page = await ctx.browser.context.newPage();
      try {
        await page.goto(`http://127.0.0.1:${ctx.portalPort}/porthole.html?crmHost=${crmHost}&entry=${entry}`);
        const frame = await crmFrame(page, `http://${crmHost}:${ctx.crmPort}/`);
        const guid = await frame.evaluate(() =>
          window.channel.call({ campaign: 'Ventas->', callerid: '1001', destination: '091000000' }),
        );
        assert(GUID.test(guid), `guid from the portal: ${guid}`);
        const received = await page.evaluate(() => window.received);
        assertEq(received.length, 1, 'one message reached the portal');
        assertEq(
          JSON.parse(received[0]).data,
          { action: 'call', campaign: 'Ventas->', callerid: '1001', destination: '091000000' },
          'payload',
        );
      } finally {
        await page.close();
      }
    });
  }

// The portal page's PortalHost is always the testing build (no other entry has it); the CRM
// frame loads the entry under test.
for (const entry of ENTRIES)
  test(`foundation [entry ${entry}]: the sandbox portal (PortalHost) answers the CRM page and logs each action`, async (ctx) => {
    const page = await ctx.browser.context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${ctx.portalPort}/?entry=${entry}`);
      await page.waitForFunction(() => document.body.dataset.ready === 'wasm');
      const frame = await crmFrame(page, `http://127.0.0.1:${ctx.crmPort}/`);
      assertEq(
        await wasmLoaded(frame),
        [`/pkg/${entry}/esm/ucontact-bridge_bg.wasm`],
        'the wasm of the entry under test',
      );
      await frame.click('#btn-call');
      await frame.waitForFunction(() => /call → "[0-9a-f-]{36}"/.test(document.getElementById('result').textContent));
      const actions = await page.evaluate(() => window.actions.map((a) => a.action));
      assertEq(actions, ['call'], 'actions the portal saw');
      assert(
        (await page.textContent('#log')).includes('call {"action":"call","campaign":"Ventas->"'),
        'log panel shows the call',
      );
    } finally {
      await page.close();
    }
  });
