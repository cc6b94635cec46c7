// Scripting the sandbox from a test (issue 32 items 2 and 3): every behaviour of the handle
// `startSandbox()` returns, through that public API only (as a user's test drives it), against
// the sandbox's own pages in the browser. Each test starts its own sandbox, so what one scripts
// never leaks into another.
import { test, crmFrame, assert, assertEq, requireCan } from './harness.mjs';
import { startSandbox } from '../../pkg-template/testing/index.mjs';

const CALL = { campaign: 'Ventas->', callerid: '1001', destination: '091000000' };
const GUID = '0b6c3f2e-4d1a-4f5e-9a7b-123456789abc';
const RECORD = {
  Guid: '5f1d2c3b-aaaa-4bbb-8ccc-0123456789ab',
  Screen: 'TRUE',
  Form: 'f.html',
  Campaign: 'Scripted->',
  Callerid: '099000111',
  ParAndValues: 'k=v',
  Beep: 'FALSE',
  Answer: 'TRUE',
};

/** A fresh sandbox and page; the portal open, its CRM frame ready. */
async function portalOpen(ctx, fn) {
  const sb = await startSandbox({ exitAfter: 120 });
  const page = await ctx.browser.context.newPage();
  try {
    await page.goto(sb.urls.portal);
    await page.waitForFunction(() => document.body.dataset.ready === 'wasm');
    const crm = await crmFrame(page, sb.urls.crm.replace(/\/$/, ''));
    await fn(sb, page, crm);
  } finally {
    await page.close();
    await sb.close();
  }
}

/** Runs a channel call in the CRM frame: `['ok', value]` or `['err', code]`. */
const run = (crm, what, args) =>
  crm.evaluate(
    ([w, a]) => {
      const p = w === 'cti' ? window.channel.cti(a) : window.channel[w](...a);
      return p.then(
        (v) => ['ok', v],
        (e) => ['err', e.code],
      );
    },
    [what, args],
  );

test('script/portal: a scripted guid reaches call(), a scripted record reaches cti(), both as a JSON string too', (ctx) =>
  portalOpen(ctx, async (sb, _page, crm) => {
    sb.portal.answer('call', GUID);
    assertEq(await run(crm, 'call', [CALL]), ['ok', GUID], 'call() resolves with the scripted guid');
    sb.portal.answer('CTI', RECORD);
    const rec = await run(crm, 'cti', {});
    assertEq(
      [rec[0], rec[1].guid, rec[1].campaign, rec[1].callerid],
      ['ok', RECORD.Guid, 'Scripted->', '099000111'],
      'cti() gives the scripted record',
    );
    sb.portal.answer('CTI', JSON.stringify({ ...RECORD, Campaign: 'AsString->' }));
    assertEq((await run(crm, 'cti', {}))[1].campaign, 'AsString->', 'a record given as a JSON string');
    // Back to the portal's own answer: a fresh guid, not the scripted one.
    sb.portal.answer('call', undefined);
    const own = await run(crm, 'call', [CALL]);
    assert(own[0] === 'ok' && own[1] !== GUID && /^[0-9a-f-]{36}$/.test(own[1]), `the portal's own guid again: ${own}`);
  }));

test('script/portal: silence gives TIMEOUT; REFUSED and BAD_MESSAGE errors reach the caller', (ctx) =>
  portalOpen(ctx, async (sb, _page, crm) => {
    sb.portal.answer('callWithPhone', { error: 'REFUSED' });
    assertEq(
      await run(crm, 'callWithPhone', [{ destination: '091000001', campaign: 'Ventas->' }]),
      ['err', 'REFUSED'],
      'the portal refused',
    );
    sb.portal.answer('call', { error: 'BAD_MESSAGE' });
    assertEq(await run(crm, 'call', [CALL]), ['err', 'BAD_MESSAGE'], 'a guid that is none');
    sb.portal.answer('call', { silent: true });
    assertEq(await run(crm, 'call', [CALL, { timeoutMs: 400 }]), ['err', 'TIMEOUT'], 'a silent portal');
    sb.portal.answer('CTI', { silent: true });
    assertEq(await run(crm, 'cti', { timeoutMs: 400 }), ['err', 'TIMEOUT'], 'a silent portal, CTI');
    assertEq(
      sb.portal.received().map((r) => r.action),
      ['callWithPhone', 'call', 'call', 'CTI'],
      'silence still records the action',
    );
    let threw = null;
    try {
      sb.portal.answer('hangup', GUID);
    } catch (e) {
      threw = e.name;
    }
    assertEq(threw, 'TypeError', 'an action the portal never answers cannot be scripted');
  }));

test('script/portal: received() lists every action in order with its exact envelope', (ctx) =>
  portalOpen(ctx, async (sb, page, crm) => {
    const crmOrigin = await crm.evaluate(() => location.origin);
    const portalOrigin = new URL(sb.urls.portal).origin;
    assertEq((await run(crm, 'call', [CALL]))[0], 'ok', 'call');
    await crm.evaluate(() => {
      window.channel.tag({ guid: '0b6c3f2e-4d1a-4f5e-9a7b-123456789abc', message: 'sale' });
      window.channel.hangup();
    });
    const got = await sb.portal.waitForReceived(3);
    assertEq(
      got.map((r) => r.action),
      ['call', 'tag', 'hangup'],
      'the actions, in order',
    );
    assertEq(got[0].data, { action: 'call', ...CALL }, "the call's data");
    assertEq(
      got.map((r) => r.origin),
      [crmOrigin, crmOrigin, crmOrigin],
      'the origin each came from',
    );
    for (const r of got) {
      const env = JSON.parse(r.envelope);
      assertEq(
        Object.keys(env),
        ['data', 'sourceOrigin', 'targetOrigin', 'sourceWindowName', 'targetWindowName'],
        'a porthole envelope',
      );
      assertEq(env.data, r.data, 'the envelope carries the data');
      assertEq([env.sourceOrigin, env.targetOrigin], [crmOrigin, portalOrigin], 'its origins');
    }
    // What PortalHost's own 'action' event gave in the page, the same.
    const events = await page.evaluate(() => window.actions);
    assertEq(
      got.map(({ action, data, origin }) => ({ action, data, origin })),
      events,
      "PortalHost's action events",
    );
    assertEq(sb.portal.received(), got, 'received() once they are in');
  }));

test('script/portal: reload() reloads the portal; the CRM frame comes back and is answered', (ctx) =>
  portalOpen(ctx, async (sb, page, crm) => {
    await page.evaluate(() => {
      window.beforeReload = true;
    });
    sb.portal.answer('call', GUID);
    assertEq(await run(crm, 'call', [CALL]), ['ok', GUID], 'before the reload');
    await sb.portal.reload();
    assertEq(await page.evaluate(() => window.beforeReload), undefined, 'a new portal document');
    const again = await crmFrame(page, sb.urls.crm.replace(/\/$/, ''));
    assertEq(await run(again, 'call', [CALL]), ['ok', GUID], 'after the reload, still scripted');
    assertEq(
      sb.portal.received().map((r) => r.action),
      ['call', 'call'],
      'both calls received',
    );
  }));

test('script/portal: the portal with the CRM page in a pop-up (urls.portalPopup); the pop-up outlives reload(), losePopup() closes it, the next load opens a new one', async (ctx) => {
  requireCan(ctx.engine, 'popups');
  const sb = await startSandbox({ exitAfter: 120 });
  const page = await ctx.browser.context.newPage();
  let crm = null;
  try {
    const opened = page.waitForEvent('popup');
    await page.goto(sb.urls.portalPopup);
    crm = await opened;
    await crm.waitForFunction(() => document.body && document.body.dataset.ready);
    assertEq(await page.evaluate(() => document.getElementById('crm')), null, 'no CRM frame in the portal');
    sb.portal.answer('call', GUID);
    const call = () =>
      crm.evaluate(
        (c) =>
          window.channel.call(c, { timeoutMs: 20000 }).then(
            (v) => ['ok', v],
            (e) => ['err', e.code],
          ),
        CALL,
      );
    assertEq(await call(), ['ok', GUID], 'the pop-up (target opener) is answered');
    await crm.evaluate(() => {
      window.survived = true;
    });
    await sb.portal.reload();
    assertEq(await crm.evaluate(() => window.survived), true, 'the same pop-up document after the reload');
    assertEq(await call(), ['ok', GUID], 'the reloaded portal answers it');
    assertEq(
      sb.portal.received().map((r) => r.action),
      ['call', 'call'],
      'both calls received',
    );
    // Losing the pop-up: it closes; the next portal load opens a new one, answered too.
    await sb.portal.losePopup();
    const gone = crm;
    for (let i = 0; !gone.isClosed(); i++) {
      assert(i < 200, 'the pop-up never closed');
      await page.waitForTimeout(25);
    }
    const reopened = page.waitForEvent('popup');
    await sb.portal.reload();
    crm = await reopened;
    await crm.waitForFunction(() => document.body && document.body.dataset.ready);
    assertEq(await crm.evaluate(() => window.survived), undefined, 'a new pop-up document');
    assertEq(await call(), ['ok', GUID], 'the new pop-up is answered');
  } finally {
    if (crm && !crm.isClosed()) await crm.close();
    await page.close();
    await sb.close();
  }
});

test('script/portal: losePopup() on a portal that frames the page rejects, saying why', (ctx) =>
  portalOpen(ctx, async (sb) => {
    let msg = null;
    try {
      await sb.portal.losePopup();
    } catch (e) {
      msg = e.message;
    }
    assert(/portalPopup/.test(String(msg)), `the rejection names urls.portalPopup: ${msg}`);
  }));

/** A fresh sandbox and a page on `url(sb)`, ready (its `data-ready`). */
async function opened(ctx, url, fn) {
  const sb = await startSandbox({ exitAfter: 120 });
  const page = await ctx.browser.context.newPage();
  try {
    await page.goto(url(sb));
    await page.waitForFunction(() => document.body.dataset.ready === 'wasm');
    await fn(sb, page);
  } finally {
    await page.close();
    await sb.close();
  }
}

test('script/uphone: fire() reaches a UPhone listener; a command the CRM page sends is recorded by commands()', (ctx) =>
  opened(
    ctx,
    (sb) => sb.urls.v6UphoneCrm,
    async (sb, page) => {
      await crmFrame(page, new URL(sb.urls.uphone).origin); // the uPhone frame is up
      const guid = '3a1e2b3c-1111-4222-8333-444455556666';
      await sb.uphone.fire({
        action: 'gettingCall',
        params: { guid, number: '098765432', campaign: 'Ventas->', direction: 'I' },
      });
      await page.waitForFunction(() => window.seen.length >= 1);
      const seen = await page.evaluate(() => window.seen.map((e) => [e.action, e.params.guid, e.params.number]));
      assertEq(seen, [['gettingCall', guid, '098765432']], 'the UPhone listener got the fired event');
      await page.evaluate(() => window.phone.makeCall({ number: '091234567', campaign: 'Ventas->' }));
      const cmds = await sb.uphone.waitForCommands(1);
      assertEq(cmds.length, 1, 'one command');
      assertEq(
        [cmds[0].action, cmds[0].params.number, cmds[0].fromParent, cmds[0].origin],
        ['makeCall', '091234567', true, new URL(sb.urls.v6UphoneCrm).origin],
        'the command, from the CRM page',
      );
    },
  ));

test('script/inbox: a scripted interaction (a channel, an object) reaches FormBridge.getInteraction(); silence gives TIMEOUT', async (ctx) => {
  const sb = await startSandbox({ exitAfter: 120 });
  const page = await ctx.browser.context.newPage();
  try {
    sb.inbox.interaction('webchat');
    await page.goto(`${sb.urls.inbox}?form=${encodeURIComponent('/v6/form.html?auto=0')}`);
    const form = await crmFrame(page, new URL(sb.urls.crm).origin);
    const get = (opts) =>
      form.evaluate(
        (o) =>
          window.bridge.getInteraction(o).then(
            (i) => ['ok', i.channel, i.guid, i.clientId],
            (e) => ['err', e.code],
          ),
        opts,
      );
    assertEq(await get({}), ['ok', 'webchat', 'w-1', 'ana@example.com'], 'the webchat example');
    sb.inbox.interaction({ guid: 'scripted-1', channel: 'whatsapp', campaign: 'WA<-', clientId: '59899111222' });
    assertEq(await get({}), ['ok', 'whatsapp', 'scripted-1', '59899111222'], 'the scripted object');
    sb.inbox.interaction({ silent: true });
    assertEq(await get({ timeoutMs: 400 }), ['err', 'TIMEOUT'], 'a silent Inbox');
    assertEq(sb.inbox.requests(), 3, 'three getInteraction requests');
  } finally {
    await page.close();
    await sb.close();
  }
});

test('script/events: emit() reaches UContactEvents on the CRM page', (ctx) =>
  opened(
    ctx,
    (sb) => sb.urls.v6EventsCrm,
    async (sb, page) => {
      await crmFrame(page, new URL(sb.urls.instance).origin);
      const data = { guid: 'e-1', campaign: 'WA<-', channel: 'whatsapp', clientId: '59899000001' };
      await sb.events.emit({ event: 'assignedInteraction', data });
      await page.waitForFunction(() => window.seen.length >= 1);
      const seen = await page.evaluate(() => window.seen.map((e) => [e.event, e.data.guid, e.data.clientId]));
      assertEq(seen, [['assignedInteraction', 'e-1', '59899000001']], 'the event, typed');
    },
  ));

test('script/hostile: a sibling frame forging portal replies is ignored; the pending call times out, the next is answered', (ctx) =>
  portalOpen(ctx, async (sb, _page, crm) => {
    sb.portal.answer('call', { silent: true });
    await crm.evaluate((call) => {
      window.foreign = 0; // messages from windows other than the portal's
      addEventListener('message', (e) => {
        if (e.source !== parent) window.foreign++;
      });
      window.events = [];
      // A channel whose call lane reopens soon after the timeout below (the default waits 60 s).
      window.channel.destroy();
      window.channel = new window.bridge.PortalChannel({ portalOrigins: SANDBOX.portalOrigins, quarantineMs: 100 });
      window.channel.on('message', (m) => window.events.push(m));
      window.pendingCall = window.channel.call(call, { timeoutMs: 3000 }).then(
        (v) => ['ok', v],
        (e) => ['err', e.code],
      );
    }, CALL);
    await sb.portal.waitForReceived(1);
    const sib = await sb.hostile.addSibling({ forge: 'reply' });
    assertEq(sib.origin, sb.origins.portal[1], "the sibling is on the portal's other spelling");
    assertEq(sib.posted.length, 2, 'a forged guid and a forged record');
    await crm.waitForFunction((n) => window.foreign >= n, sib.posted.length);
    assertEq(
      await crm.evaluate(() => window.channel.pending),
      1,
      'the call is still pending after the forgeries arrived',
    );
    assertEq(await crm.evaluate(() => window.pendingCall), ['err', 'TIMEOUT'], 'the forged guid never answered it');
    assertEq(await crm.evaluate(() => window.events), [], 'no forged message surfaced');
    sb.portal.answer('call', GUID);
    assertEq(await run(crm, 'call', [CALL, { timeoutMs: 20000 }]), ['ok', GUID], 'the real portal still answers');
  }));

for (const [kind, url, frameOrigin, fire] of /** @type {const} */ ([
  [
    'Events API',
    (sb) => sb.urls.v6EventsCrm,
    (sb) => sb.urls.instance,
    (sb) => sb.events.emit({ event: 'changedTheme', data: { theme: 'dark' } }),
  ],
  [
    'uPhone',
    (sb) => sb.urls.v6UphoneCrm,
    (sb) => sb.urls.uphone,
    (sb) => sb.uphone.fire({ action: 'agentLogin', params: { agent: 'ana' } }),
  ],
])) {
  test(`script/hostile: a frame on another origin forging v6 events at the ${kind} CRM page is ignored; the real ones arrive`, (ctx) =>
    opened(ctx, url, async (sb, page) => {
      await crmFrame(page, new URL(frameOrigin(sb)).origin);
      await page.evaluate(() => {
        window.foreign = 0; // messages from windows other than the instance's frame
        const own = document.querySelector('iframe').contentWindow;
        addEventListener('message', (e) => {
          if (e.source !== own) window.foreign++;
        });
      });
      const sib = await sb.hostile.addSibling({ forge: 'v6-event' });
      assertEq(sib.origin, new URL(sb.urls.portal).origin, "the forger is on another origin (the portal's)");
      await page.waitForFunction((n) => window.foreign >= n, sib.posted.length);
      await fire(sb);
      await page.waitForFunction(() => window.seen.length >= 1);
      const seen = await page.evaluate(() => window.seen.map((e) => e.event || e.action));
      assertEq(seen, [kind === 'uPhone' ? 'agentLogin' : 'changedTheme'], 'only the real event');
    }));
}
