// The portal channel (issue: eight actions, wire-exact with porthole.js 1.0.0 both ways). The
// wire tests run the CRM side on every entry of scripts/entries.tsv (`[entry channel]`,
// `[entry full]` in their names), same-site and cross-site.
import { readFileSync } from 'node:fs';
import { hostileProbe, test, crmFrame, assert, assertEq, ENTRIES, SITES, wasmLoaded } from './harness.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RESPOOL = {
  campaign: 'Ventas->',
  destination: '098344484',
  dialerbase: 'basetest',
  status: 1,
  data: 'Par1=Val1:Par2=Val2',
  alternatives: '098124484',
  contact: 222,
  retries: 0,
  priority: 9999,
  agentphone: '1001',
};
const TAG_GUID = '7e4e7db9-f080-494e-b04b-7c8e47711558';

// The eight actions: how this library is called, and the payload porthole.js users post.
const ACTIONS = [
  [
    'call',
    `channel.call({ campaign: 'Ventas->', callerid: '1001', destination: '091000000' })`,
    { action: 'call', campaign: 'Ventas->', callerid: '1001', destination: '091000000' },
  ],
  [
    'callWithPhone',
    `channel.callWithPhone({ destination: '091000000', campaign: 'Sale->' })`,
    { action: 'callWithPhone', destination: '091000000', campaign: 'Sale->' },
  ],
  ['hangup', `channel.hangup()`, { action: 'hangup' }],
  [
    'tag',
    `channel.tag({ guid: '${TAG_GUID}', message: 'venta ñ "ok" \\\\ / \\u2028' })`,
    { action: 'tag', guid: TAG_GUID, message: 'venta ñ "ok" \\ / \u2028' },
  ],
  ['CTI', `channel.cti()`, { action: 'CTI' }],
  ['respool', `channel.respool(${JSON.stringify(RESPOOL)})`, { action: 'respool', objetoRespool: RESPOOL }],
  [
    'schedule',
    `channel.schedule('2030-01-15 10:30:00', ${JSON.stringify(RESPOOL)})`,
    { action: 'schedule', callDate: '2030-01-15 10:30:00', objectDialer: RESPOOL },
  ],
  // The Omnichannel page's action: a WhatsApp/SMS message, fire-and-forget like `tag`.
  [
    'sms',
    `channel.sms({ campaign: 'WhatsApp->', message: 'Hola ñ "ok" \\\\ / \\u2028 😀', destination: '+598 98 344 484' })`,
    { action: 'sms', campaign: 'WhatsApp->', message: 'Hola ñ "ok" \\ / \u2028 😀', destination: '+598 98 344 484' },
  ],
];

/** An attacker frame on a third origin: it forges porthole envelopes to the CRM frame. */
export const EVIL_PAGES = { '/evil.html': readFileSync(new URL('./pages/evil.html', import.meta.url), 'utf8') };

/** Opens `url` and waits for the CRM frame on `crmOrigin`; with `entry`, also checks that the
 *  frame runs that entry's build (the portal page passes its `entry=` on to the frame). */
async function open(ctx, url, crmOrigin, entry) {
  const page = await ctx.browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  const frame = await crmFrame(page, crmOrigin);
  if (entry)
    assertEq(
      await wasmLoaded(frame),
      [`/pkg/${entry}/esm/ucontact-bridge_bg.wasm`],
      'the wasm of the entry under test',
    );
  return { page, frame, errors };
}

// Interop 2: the CRM frame is a vendor-style porthole.js page (no wasm at all) and the portal
// page's PortalHost is always the testing build (`ucontact-bridge/testing`, the only entry with
// PortalHost), so `entry=` changes nothing there: it runs once per site, on the portal side. The same eight actions with
// our own CRM side, per entry, are the `PortalChannel ↔ PortalHost` test below.
for (const { crmHost, site } of SITES) {
  test(`channel/${site} [PortalHost, entry testing]: interop 2, a vendor-style porthole.js CRM round-trips all eight actions with PortalHost`, async (ctx) => {
    const crmOrigin = `http://${crmHost}:${ctx.crmPort}`;
    const { page, frame, errors } = await open(
      ctx,
      `http://127.0.0.1:${ctx.portalPort}/?crm=/porthole.html&crmHost=${crmHost}`,
      crmOrigin,
    );
    try {
      assertEq(await wasmLoaded(frame), [], 'the vendor-style CRM page loads no wasm');
      for (const [name, , payload] of ACTIONS) {
        const before = await frame.evaluate(() => window.replies.length);
        await frame.evaluate((p) => window.send(p), payload);
        await page.waitForFunction((n) => window.actions.length >= n, ACTIONS.findIndex((a) => a[0] === name) + 1);
        const seen = await page.evaluate(() => window.actions[window.actions.length - 1]);
        assertEq(seen.action, name, 'action the host dispatched');
        assertEq(seen.data, payload, `${name}: data the host decoded`);
        assertEq(seen.origin, crmOrigin, 'origin the host saw');
        if (name === 'call' || name === 'callWithPhone') {
          await frame.waitForFunction((n) => window.replies.length > n, before);
          const reply = await frame.evaluate(() => window.replies[window.replies.length - 1]);
          assert(GUID.test(reply.guid), `${name} reply: ${JSON.stringify(reply)}`);
        } else if (name === 'CTI') {
          await frame.waitForFunction((n) => window.replies.length > n, before);
          const reply = await frame.evaluate(() => window.replies[window.replies.length - 1]);
          assertEq(JSON.parse(reply.CTI).Campaign, 'Ventas->', 'CTI reply read as messageEvent.data.CTI');
        }
      }
      // No reply for the five fire-and-forget actions: 3 replies in all.
      assertEq(await frame.evaluate(() => window.replies.length), 3, 'replies the porthole CRM got');
      assertEq(errors, [], 'no uncaught exceptions');
    } finally {
      await page.close();
    }
  });
}

for (const entry of ENTRIES)
  for (const { crmHost, site } of SITES) {
    const kind = `${site} [entry ${entry}]`;

    test(`channel/${kind}: interop 1, all eight actions are byte-identical to porthole.js's own envelopes`, async (ctx) => {
      const crmOrigin = `http://${crmHost}:${ctx.crmPort}`;
      const portalOrigin = `http://127.0.0.1:${ctx.portalPort}`;
      const { page, frame, errors } = await open(
        ctx,
        `${portalOrigin}/porthole.html?crmHost=${crmHost}&entry=${entry}`,
        crmOrigin,
        entry,
      );
      try {
        // Real porthole.js in the CRM frame computes what it would post for the same payload.
        await frame.addScriptTag({ url: '/vendor/porthole.js' });
        for (const [name, call, payload] of ACTIONS) {
          const before = await page.evaluate(() => window.received.length);
          const value = await frame.evaluate(
            `(async () => { const v = await window.${call}; return v === undefined ? null : v; })()`,
          );
          if (name === 'call' || name === 'callWithPhone') assert(GUID.test(value), `${name} resolved with ${value}`);
          else if (name === 'CTI')
            assertEq([value.campaign, value.raw.Campaign], ['Ventas->', 'Ventas->'], 'CTI record, typed');
          else assertEq(value, null, `${name} resolves with undefined once posted`);
          await page.waitForFunction((n) => window.received.length > n, before);
          const ours = await page.evaluate((n) => window.received[n], before);
          const theirs = await frame.evaluate(
            ({ payload, target }) => {
              const out = [];
              const proxy = new Porthole.WindowProxy('ignored');
              proxy.getTargetWindow = () => ({ postMessage: (s) => out.push(s) });
              proxy.post(payload, target);
              return out[0];
            },
            { payload, target: portalOrigin },
          );
          assertEq(ours, theirs, `${name}: raw event.data`);
        }
        assertEq(errors, [], 'no uncaught exceptions');
      } finally {
        await page.close();
      }
    });

    test(`channel/${kind}: PortalChannel round-trips all eight actions with PortalHost (testing build on the portal side)`, async (ctx) => {
      const crmOrigin = `http://${crmHost}:${ctx.crmPort}`;
      const { page, frame, errors } = await open(
        ctx,
        `http://127.0.0.1:${ctx.portalPort}/?crmHost=${crmHost}&entry=${entry}`,
        crmOrigin,
        entry,
      );
      try {
        const record = JSON.parse(await page.inputValue('#cti')); // what PortalHost answers CTI with
        for (const [i, [name, call, payload]] of ACTIONS.entries()) {
          const value = await frame.evaluate(
            `(async () => { const v = await window.${call}; return v === undefined ? null : v; })()`,
          );
          await page.waitForFunction((n) => window.actions.length > n, i);
          const seen = await page.evaluate(() => window.actions[window.actions.length - 1]);
          assertEq(seen.action, name, 'action the host dispatched');
          assertEq(seen.data, payload, `${name}: data the host decoded`);
          assertEq(seen.origin, crmOrigin, 'origin the host saw');
          if (name === 'call' || name === 'callWithPhone') assert(GUID.test(value), `${name} resolved with ${value}`);
          else if (name === 'CTI') {
            assertEq(
              [value.guid, value.campaign, value.dialer.destination],
              [record.Guid, 'Ventas->', '098344484'],
              'CTI record, typed',
            );
          } else assertEq(value, null, `${name} resolves with undefined once posted`);
        }
        assertEq(await page.evaluate(() => window.actions.length), ACTIONS.length, 'one dispatch per action');
        assertEq(await frame.evaluate(() => window.channel.pending), 0, 'nothing pending');
        assertEq(errors, [], 'no uncaught exceptions');
      } finally {
        await page.close();
      }
    });

    test(`channel/${kind}: a forged {guid} from a third-origin frame is ignored and the real reply wins`, async (ctx) => {
      const crmOrigin = `http://${crmHost}:${ctx.crmPort}`;
      const portalOrigin = `http://127.0.0.1:${ctx.portalPort}`;
      const { page, frame, errors } = await open(
        ctx,
        `${portalOrigin}/porthole.html?crmHost=${crmHost}&delay=400&entry=${entry}`,
        crmOrigin,
        entry,
      );
      try {
        const evilFrame = await page.evaluate(
          (src) =>
            new Promise((ok) => {
              const f = document.createElement('iframe');
              f.name = 'evil';
              f.src = src;
              f.onload = () => ok(true);
              document.body.appendChild(f);
            }),
          `http://127.0.0.1:${ctx.evilPort}/evil.html`,
        );
        assert(evilFrame, 'attacker frame loaded');
        const evil = (await page.frames()).find((f) => f.url().includes(`:${ctx.evilPort}/`));
        await frame.evaluate(() => {
          window.raw = [];
          addEventListener('message', (e) => window.raw.push(e.origin + ' ' + String(e.data).slice(0, 120)));
          window.pendingCall = window.channel.call({
            campaign: 'Ventas->',
            callerid: '1001',
            destination: '091000000',
          });
        });
        const FORGED = '66666666-6666-4666-8666-666666666666';
        // Lies about its origin inside the envelope; the browser's event.origin tells the truth.
        await evil.evaluate(
          ({ g, o }) => {
            for (let i = 0; i < 5; i++) window.forge({ guid: g }, o);
          },
          { g: FORGED, o: portalOrigin },
        );
        const guid = await frame.evaluate(() => window.pendingCall);
        assert(guid !== FORGED, 'forged guid was accepted');
        const forgedSeen = await frame.evaluate((g) => window.raw.filter((r) => r.includes(g)).length, FORGED);
        assertEq(forgedSeen, 5, 'the forgeries did reach the CRM window');
        assert(GUID.test(guid), `real guid: ${guid}`);
        assertEq(await frame.evaluate(() => window.channel.pending), 0, 'nothing pending');
        assertEq(errors, [], 'no uncaught exceptions');
      } finally {
        await page.close();
      }
    });
  }

test('channel: junk from the portal window itself is dropped without exceptions while a call is pending', async (ctx) => {
  const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
  const { page, frame, errors } = await open(
    ctx,
    `http://127.0.0.1:${ctx.portalPort}/porthole.html?delay=500`,
    crmOrigin,
  );
  try {
    await frame.evaluate(() => {
      window.rawCount = 0;
      addEventListener('message', () => {
        window.rawCount++;
      });
      window.unsolicited = [];
      window.channel.on('message', (m) => window.unsolicited.push(m));
      window.pendingCall = window.channel.call({ campaign: 'Ventas->', callerid: '1001', destination: '091000000' });
    });
    await page.evaluate((origin) => {
      const crm = frames['crm'];
      const junk = [
        'not json',
        '',
        '{"x":1}',
        '{"sourceOrigin":"a","targetOrigin":"b","sourceWindowName":"","targetWindowName":""}',
        '[1,2,3]',
        '42',
        'null',
        '"str"',
        '{"data":{"guid":"x"},"sourceOrigin":1}',
        'x'.repeat(10 * 1024 * 1024),
        JSON.stringify({
          data: { guid: '1' },
          sourceOrigin: '',
          targetOrigin: '',
          sourceWindowName: '',
          targetWindowName: '',
          extra: 1,
        }),
      ];
      for (const j of junk) crm.postMessage(j, origin);
      for (const v of [{ guid: '11111111-1111-4111-8111-111111111111' }, [1], 7, null, undefined, true])
        crm.postMessage(v, origin);
    }, crmOrigin);
    const guid = await frame.evaluate(() => window.pendingCall);
    assert(GUID.test(guid) && guid !== '11111111-1111-4111-8111-111111111111', `the real reply: ${guid}`);
    assertEq(await frame.evaluate(() => window.unsolicited), [], 'junk is not delivered as messages');
    assertEq(await frame.evaluate(() => window.rawCount), 17 + 1, 'all 17 junk messages and the real reply arrived');
    assertEq(errors, [], 'no uncaught exceptions');
  } finally {
    await page.close();
  }
});

test('channel: no reply rejects TIMEOUT naming the action; destroy() rejects everything pending with DESTROYED', async (ctx) => {
  const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
  const { page, frame } = await open(ctx, `http://127.0.0.1:${ctx.portalPort}/porthole.html?silent=1`, crmOrigin);
  try {
    const timeout = await frame.evaluate(() =>
      window.channel
        .call({ campaign: 'Ventas->', callerid: '1001', destination: '091000000' }, { timeoutMs: 200 })
        .then(
          () => 'resolved',
          (e) => [e.name, e.code, e.message],
        ),
    );
    assertEq(timeout, ['UContactError', 'TIMEOUT', 'timed out waiting for the portal to answer `call`'], 'timeout');
    const destroyed = await frame.evaluate(async () => {
      const ch = window.channel;
      const all = [ch.callWithPhone({ destination: '091', campaign: 'C->' }), ch.cti(), ch.cti()];
      const pendingBefore = ch.pending;
      ch.destroy();
      const codes = await Promise.all(
        all.map((p) =>
          p.then(
            () => 'resolved',
            (e) => e.code,
          ),
        ),
      );
      const later = await ch.hangup().then(
        () => 'resolved',
        (e) => e.code,
      );
      return { pendingBefore, codes, later, pendingAfter: ch.pending, listening: ch.isListening };
    });
    assertEq(
      destroyed,
      {
        pendingBefore: 3,
        codes: ['DESTROYED', 'DESTROYED', 'DESTROYED'],
        later: 'DESTROYED',
        pendingAfter: 0,
        listening: false,
      },
      'destroy',
    );
  } finally {
    await page.close();
  }
});

test('channel: an AbortSignal rejects with ABORTED before and during a call, and frees the entry', async (ctx) => {
  const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
  const { page, frame, errors } = await open(
    ctx,
    `http://127.0.0.1:${ctx.portalPort}/porthole.html?delay=400`,
    crmOrigin,
  );
  try {
    const r = await frame.evaluate(async () => {
      const ch = window.channel;
      const args = { campaign: 'Ventas->', callerid: '1001', destination: '091000000' };
      const early = new AbortController();
      early.abort();
      const before = await ch.call(args, { signal: early.signal }).then(
        () => 'resolved',
        (e) => e.code,
      );
      const tagBefore = await ch
        .tag({ guid: '7e4e7db9-f080-494e-b04b-7c8e47711558', message: 'x' }, { signal: early.signal })
        .then(
          () => 'resolved',
          (e) => e.code,
        );
      const ac = new AbortController();
      const p = ch.call(args, { signal: ac.signal, timeoutMs: 5000 });
      const pendingDuring = ch.pending;
      setTimeout(() => ac.abort(), 50);
      const during = await p.then(
        () => 'resolved',
        (e) => e.code,
      );
      const ctiAc = new AbortController();
      const c = ch.cti({ signal: ctiAc.signal });
      ctiAc.abort();
      const ctiCode = await c.then(
        () => 'resolved',
        (e) => e.code,
      );
      const bad = await ch.cti({ signal: 'nope' }).then(
        () => 'resolved',
        (e) => e.code,
      );
      return { before, tagBefore, pendingDuring, during, ctiCode, bad, pendingAfter: ch.pending };
    });
    assertEq(
      r,
      {
        before: 'ABORTED',
        tagBefore: 'ABORTED',
        pendingDuring: 1,
        during: 'ABORTED',
        ctiCode: 'ABORTED',
        bad: 'INVALID_ARGUMENT',
        pendingAfter: 0,
      },
      'abort',
    );
    // The aborted call was posted; only that one and the CTI reached the portal.
    const sent = await page.evaluate(() => window.received.map((m) => JSON.parse(m).data.action));
    assertEq(sent, ['call', 'CTI'], 'what the portal received');
    assertEq(errors, [], 'no uncaught exceptions');
  } finally {
    await page.close();
  }
});

test('channel: two concurrent calls each get their own guid, in order', async (ctx) => {
  const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
  const { page, frame } = await open(ctx, `http://127.0.0.1:${ctx.portalPort}/porthole.html?delay=50`, crmOrigin);
  try {
    const got = await frame.evaluate(() =>
      Promise.all([
        window.channel.call({ campaign: 'A->', callerid: '1001', destination: '0911' }),
        window.channel.call({ campaign: 'B->', callerid: '1001', destination: '0922' }),
      ]),
    );
    assert(got[0] !== got[1] && got.every((g) => GUID.test(g)), `guids: ${got}`);
    const seen = await page.evaluate(() => window.actions.map((a) => a.campaign));
    assertEq(seen, ['A->', 'B->'], 'the second call is sent only after the first is answered');
  } finally {
    await page.close();
  }
});

test('channel: portal-initiated messages reach on("message") subscribers, and off() stops them', async (ctx) => {
  const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
  const { page, frame } = await open(ctx, `http://127.0.0.1:${ctx.portalPort}/`, crmOrigin);
  try {
    await frame.evaluate(() => {
      window.got = [];
      window.sub = (m) => window.got.push(m);
      window.channel.on('message', window.sub);
    });
    await frame.click('#btn-CTI'); // the host learns which frame to post to
    await frame.waitForFunction(() => document.getElementById('result').textContent.startsWith('CTI →'));
    await page.evaluate(() => window.host.post({ event: 'agentPaused', reason: 'lunch' }));
    await frame.waitForFunction(() => window.got.length === 1);
    assertEq(
      await frame.evaluate(() => window.got),
      [{ event: 'agentPaused', reason: 'lunch' }],
      'unsolicited message',
    );
    await frame.evaluate(() => window.channel.off('message', window.sub));
    await page.evaluate(() => window.host.post({ event: 'again' }));
    await page.waitForTimeout(150);
    assertEq(await frame.evaluate(() => window.got.length), 1, 'nothing after off()');
  } finally {
    await page.close();
  }
});

// Re-entrancy: a subscriber that frees or destroys the channel while the channel is delivering
// to it, and a settled call whose continuation frees it. Nothing throws into the page, the
// other subscribers still run, and later messages are ignored quietly.
test('channel: a subscriber may destroy() or free() the channel from inside its callback; free() and [Symbol.dispose] tear down like destroy(), twice is nothing', async (ctx) => {
  const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
  const { page, frame, errors } = await open(ctx, `http://127.0.0.1:${ctx.portalPort}/`, crmOrigin);
  try {
    await frame.evaluate(async () => {
      const { PortalChannel } = window.bridge;
      window.got = [];
      const a = new PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
      const b = new PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
      a.on('message', () => {
        window.got.push('a1');
        a.destroy();
      });
      a.on('message', () => {
        window.got.push('a2');
      });
      b.on('message', () => {
        window.got.push('b1');
        b.free();
      });
      b.on('message', () => {
        window.got.push('b2');
      });
      // A call whose continuation frees its channel while the reply is being delivered.
      const c = new PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
      const guid = await c.call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' });
      c.free();
      window.guid = guid;
      // free() is destroy() and then the release: pending calls reject with DESTROYED, the
      // subscribers go; [Symbol.dispose] (what `using` calls) is free(), and a second is nothing.
      // An engine without Symbol.dispose (WebKit 2.50) has no such method: free() alone.
      const d = new PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
      d.on('message', () => window.got.push('d'));
      const pending = d.call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' }).catch((e) => e.code);
      if (typeof Symbol.dispose === 'symbol') {
        d[Symbol.dispose]();
        d[Symbol.dispose]();
      }
      d.free();
      window.pendingCode = await pending;
    });
    await frame.click('#btn-CTI'); // the host learns which frame to post to
    await frame.waitForFunction(() => document.getElementById('result').textContent.startsWith('CTI →'));
    await page.evaluate(() => window.host.post({ event: 'first' }));
    await frame.waitForFunction(() => window.got.length >= 4);
    await page.evaluate(() => window.host.post({ event: 'second' }));
    await page.waitForTimeout(200);
    const got = await frame.evaluate(() => window.got);
    assertEq(got.slice().sort(), ['a1', 'a2', 'b1', 'b2'], 'each subscriber ran once; nothing after destroy()/free()');
    assert(
      /^[0-9a-f-]{36}$/.test(await frame.evaluate(() => window.guid)),
      'the call resolved before its channel was freed',
    );
    assertEq(await frame.evaluate(() => window.pendingCode), 'DESTROYED', 'free() rejects what is pending');
    assertEq(errors, [], 'no uncaught exceptions');
  } finally {
    await page.close();
  }
});

// Re-entrancy on the portal's side: a PortalHost handler that destroys or frees its host while
// it handles an action, and a subscriber of its 'action' event that does. The page sees no
// error; the CRM's call gets no reply and times out; a new host then answers.
test('host: a handler or subscriber may destroy() or free() the PortalHost while it handles an action', async (ctx) => {
  const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
  const { page, frame, errors } = await open(ctx, `http://127.0.0.1:${ctx.portalPort}/`, crmOrigin);
  const portalErrors = [];
  page.on('pageerror', (e) => portalErrors.push(String(e)));
  try {
    const outcomes = [];
    for (const how of ['handler-destroy', 'handler-free', 'subscriber-destroy', 'subscriber-free']) {
      await page.evaluate((how) => {
        const PortalHost = (window.HostClass ||= window.host.constructor);
        window.host.destroy();
        const host = (window.host = new PortalHost({ crmOrigins: SANDBOX.crmOrigins }));
        host.setFrame(document.querySelector('iframe'));
        const end = () => (how.endsWith('free') ? host.free() : host.destroy());
        host.handle('call', () => {
          if (how.startsWith('handler')) end();
          return crypto.randomUUID();
        });
        host.on('action', () => {
          if (how.startsWith('subscriber')) end();
        });
      }, how);
      outcomes.push([
        how,
        await frame.evaluate(() =>
          window.channel
            .call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' }, { timeoutMs: 400 })
            .then(
              (g) => (/^[0-9a-f-]{36}$/.test(g) ? 'guid' : g),
              (e) => e.code,
            ),
        ),
      ]);
    }
    // The call lane may be quarantined after a timeout: a fresh host and a fresh channel answer.
    await page.evaluate(() => {
      const host = (window.host = new window.HostClass({ crmOrigins: SANDBOX.crmOrigins }));
      host.setFrame(document.querySelector('iframe'));
      host.handle('call', () => crypto.randomUUID());
    });
    const after = await frame.evaluate(() =>
      new window.bridge.PortalChannel({ portalOrigins: SANDBOX.portalOrigins }).call({
        campaign: 'Ventas->',
        callerid: '1001',
        destination: '099123456',
      }),
    );
    // That host has a CRM window to post to; once destroyed it posts nothing.
    await frame.evaluate(() => {
      window.heard = [];
      window.channel.on('message', (m) => window.heard.push(m));
    });
    const posts = await page.evaluate(async () => {
      const live = await window.host.post({ posted: 'live' }).then(
        () => 'resolved',
        (e) => e.code,
      );
      window.host.destroy();
      const dead = await window.host.post({ posted: 'destroyed' }).then(
        () => 'resolved',
        (e) => e.code,
      );
      return [live, dead];
    });
    assertEq(posts, ['resolved', 'DESTROYED'], 'post() before and after destroy()');
    await frame.waitForFunction(() => window.heard.length > 0);
    await new Promise((ok) => setTimeout(ok, 200));
    assertEq(await frame.evaluate(() => window.heard), [{ posted: 'live' }], "the CRM heard the live host's post only");
    // A destroyed host sends nothing more, not even the reply of the action it was handling.
    for (const [how, got] of outcomes) assertEq(got, 'TIMEOUT', how);
    assert(/^[0-9a-f-]{36}$/.test(after), `a new host answers: ${after}`);
    assertEq(portalErrors, [], 'no uncaught exceptions in the portal page');
    assertEq(errors, [], 'no uncaught exceptions');
  } finally {
    await page.close();
  }
});

// Through the real glue, as plain JavaScript calls them: arguments of the wrong type are the
// library's INVALID_ARGUMENT (not the glue's TypeError, not a number silently wrapped to 32 bits)
// and leave the record as it was.
for (const entry of ENTRIES)
  test(`api [entry ${entry}]: arguments of the wrong type are INVALID_ARGUMENT and change nothing`, async (ctx) => {
    const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
    const { page, frame, errors } = await open(
      ctx,
      `http://127.0.0.1:${ctx.portalPort}/?entry=${entry}`,
      crmOrigin,
      entry,
    );
    try {
      const r = await frame.evaluate(async () => {
        const b = window.bridge;
        const rp = b.Respool.fromCti(await window.channel.cti());
        const before = JSON.stringify(rp);
        const f = () => {};
        /** @type {[string, () => unknown][]} */
        const cases = [
          ['promote(123)', () => rp.promote(123)],
          ['promote()', () => rp.promote()],
          ['promote({})', () => rp.promote({})],
          ['setData(1, 2)', () => rp.setData(1, 2)],
          ["setData('k')", () => rp.setData('k')],
          ['removeData(null)', () => rp.removeData(null)],
          ['setAgentphone(5)', () => rp.setAgentphone(5)],
          ["reorderAlternatives('x')", () => rp.reorderAlternatives('x')],
          ['reorderAlternatives([1])', () => rp.reorderAlternatives([1])],
          ['setRetries(-1)', () => rp.setRetries(-1)],
          ["setRetries('abc')", () => rp.setRetries('abc')],
          ['setRetries(2.5)', () => rp.setRetries(2.5)],
          ['setPriority(-5)', () => rp.setPriority(-5)],
          ['setPriority(1e10)', () => rp.setPriority(1e10)],
          ['channel.on(1, f)', () => window.channel.on(1, f)],
          ["channel.on('message', 1)", () => window.channel.on('message', 1)],
        ];
        if (b.CtiKey) {
          const key = b.generateCtiKey();
          cases.push(
            ['new CtiKey(1)', () => new b.CtiKey(1)],
            ['encryptCti({}, key)', () => b.encryptCti({}, key)],
            ['CtiKey.open(1)', () => new b.CtiKey(key).open(1)],
            ['CtiKey.seal(null)', () => new b.CtiKey(key).seal(null)],
          );
        }
        // Values whose own code throws when read (a proxy's traps, a getter, a member named like
        // the method the reader would call): typed errors too, and the objects stay usable.
        const proxy = new Proxy(
          {},
          {
            get() {
              throw new Error('trap');
            },
            ownKeys() {
              throw new Error('trap');
            },
            getOwnPropertyDescriptor() {
              throw new Error('trap');
            },
          },
        );
        const arrayProxy = new Proxy([], {
          get() {
            throw new Error('trap');
          },
        });
        const getter = Object.defineProperty({}, 'campaign', {
          enumerable: true,
          get() {
            throw new Error('getter');
          },
        });
        const shadow = { campaign: 'c', callerid: '1', destination: '099', propertyIsEnumerable: 1 };
        const signalProxy = new Proxy(new AbortController().signal, {});
        cases.push(
          ['reorderAlternatives(arrayProxy)', () => rp.reorderAlternatives(arrayProxy)],
          ['new PortalChannel(proxy)', () => new b.PortalChannel(proxy)],
          [
            'new PortalChannel({ portalOrigins: arrayProxy })',
            () => new b.PortalChannel({ portalOrigins: arrayProxy }),
          ],
        );
        const out = cases.map(([what, fn]) => {
          try {
            fn();
            return [what, 'returned'];
          } catch (e) {
            return [what, e.name, e.code];
          }
        });
        const rejected = [];
        for (const [what, fn] of /** @type {[string, () => unknown][]} */ ([
          ['call(proxy)', () => window.channel.call(proxy)],
          ['call(getter)', () => window.channel.call(getter)],
          ['call(shadow)', () => window.channel.call(shadow)],
          ['tag(proxy)', () => window.channel.tag(proxy)],
          ['respool(proxy)', () => window.channel.respool(proxy)],
          ["schedule('2030-01-01 10:00:00', getter)", () => window.channel.schedule('2030-01-01 10:00:00', getter)],
          ['call(ok, proxy)', () => window.channel.call({ campaign: 'c', callerid: '1', destination: '099' }, proxy)],
          [
            'call(ok, { signal: signalProxy })',
            () => window.channel.call({ campaign: 'c', callerid: '1', destination: '099' }, { signal: signalProxy }),
          ],
        ])) {
          try {
            await fn();
            rejected.push([what, 'resolved']);
          } catch (e) {
            rejected.push([what, e.name, e.code]);
          }
        }
        out.push(...rejected);
        const same = JSON.stringify(rp) === before;
        const after = {
          guid: await window.channel.call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' }),
          promote: (rp.promote('098124484'), rp.destination),
        };
        // off() with anything, like removeEventListener, is quietly nothing.
        let off = 'ok';
        try {
          window.channel.off(1, 1);
          window.channel.off('message', null);
        } catch (e) {
          off = String(e);
        }
        return { out, same, off, after };
      });
      assert(/^[0-9a-f-]{36}$/.test(r.after.guid), `the channel still calls after it all: ${r.after.guid}`);
      assertEq(r.after.promote, '098124484', 'the Respool still edits after it all');
      for (const [what, name, code] of r.out) assertEq([name, code], ['UContactError', 'INVALID_ARGUMENT'], what);
      assert(r.out.length >= 16, `cases run: ${r.out.length}`);
      assertEq(r.same, true, 'the Respool is unchanged');
      assertEq(r.off, 'ok', 'off() with anything throws nothing');
      assertEq(errors, [], 'no uncaught exceptions');
    } finally {
      await page.close();
    }
  });

// Every export of the entry, every method of its objects, each argument position given 24
// hostile values (wrong types, proxies whose traps throw, throwing getters and toJSON, a
// cyclic object, a 3 MiB string, a lone surrogate, ...): each call returns, or throws / rejects
// with a UContactError. Never the glue's TypeError, a wasm trap, or the caller's own exception.
for (const entry of ENTRIES)
  test(`api [entry ${entry}]: every export and method given hostile values fails only with UContactError`, async (ctx) => {
    const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
    const { page, frame, errors } = await open(
      ctx,
      `http://127.0.0.1:${ctx.portalPort}/?entry=${entry}`,
      crmOrigin,
      entry,
    );
    try {
      await frame.evaluate(async () => {
        const b = window.bridge;
        const cti = await window.channel.cti();
        window.__makers = { channel: () => window.channel, respool: () => b.Respool.fromCti(cti) };
        if (b.IntegraClient)
          window.__makers.client = () => new b.IntegraClient({ baseUrl: 'http://127.0.0.1:9', token: 'dG9rZW4=' });
        if (b.CtiKey) window.__makers.ctiKey = () => new b.CtiKey(b.generateCtiKey());
        if (b.Bridge) {
          const bridge = new b.Bridge({ mode: 'portal', portalOrigins: SANDBOX.portalOrigins, timeoutMs: 300 });
          window.__makers.bridge = () => bridge;
        }
        window.__extra = [
          ['Respool.fromCti', (w) => b.Respool.fromCti(w)],
          ['Respool.fromCti(cti, ·)', (w) => b.Respool.fromCti(cti, w)],
        ];
      });
      const r = await frame.evaluate(hostileProbe, 'bridge');
      r.guid = await frame.evaluate(() =>
        window.channel.call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' }),
      );
      assertEq(r.bad, [], `calls that failed otherwise than with UContactError (of ${r.calls})`);
      assert(r.calls > 1000, `calls made: ${r.calls}`);
      assert(/^[0-9a-f-]{36}$/.test(r.guid), `the channel still calls afterwards: ${r.guid}`);
      console.log(`figure: hostile-args entry=${entry} calls=${r.calls} not-typed=${r.bad.length}`);
      assertEq(errors, [], 'no uncaught exceptions');
    } finally {
      await page.close();
    }
  });

// The same for the testing entry, whose PortalHost the sandbox portal page runs: every export of
// that build and every method of a PortalHost, probed in the portal page (the build's own
// module, already started by the page).
test('api [entry testing]: every export and PortalHost method given hostile values fails only with UContactError', async (ctx) => {
  const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
  const { page, frame, errors } = await open(ctx, `http://127.0.0.1:${ctx.portalPort}/`, crmOrigin);
  const portalErrors = [];
  page.on('pageerror', (e) => portalErrors.push(String(e)));
  try {
    const loaded = await page.evaluate(async () => {
      window.testingBuild = await import('/pkg/testing/esm/ucontact-bridge.js');
      const host = new window.testingBuild.PortalHost({ crmOrigins: SANDBOX.crmOrigins });
      window.__makers = { host: () => host };
      return performance
        .getEntriesByType('resource')
        .map((r) => new URL(r.name).pathname)
        .filter((p) => p.endsWith('.wasm'));
    });
    assertEq(loaded, ['/pkg/testing/esm/ucontact-bridge_bg.wasm'], 'the portal page runs the testing build');
    const r = await page.evaluate(hostileProbe, 'testingBuild');
    // The page's own host still answers the CRM afterwards.
    r.guid = await frame.evaluate(() =>
      window.channel.call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' }),
    );
    assertEq(r.bad, [], `calls that failed otherwise than with UContactError (of ${r.calls})`);
    // The host's five methods, 24 values in 3 positions each, are 360 calls; the exports 264.
    assert(r.calls >= 600, `calls made: ${r.calls}`);
    assert(/^[0-9a-f-]{36}$/.test(r.guid), `the sandbox's host still answers afterwards: ${r.guid}`);
    console.log(`figure: hostile-args entry=testing calls=${r.calls} not-typed=${r.bad.length}`);
    assertEq(portalErrors, [], 'no uncaught exceptions in the portal page');
    assertEq(errors, [], 'no uncaught exceptions');
  } finally {
    await page.close();
  }
});

// A seeded random walk over the full entry's objects: 3,000 calls of random methods with
// random arguments (valid ones, wrong ones, hostile ones), objects made, destroyed and freed at
// random along the way, promises left to settle in the background. Every call returns or fails
// with a UContactError (a freed object's methods throw wasm-bindgen's own error, as documented);
// the page sees no uncaught error; afterwards a fresh channel still calls and the wasm heap is
// back near where it started once everything is destroyed.
test('api [entry full]: 3,000 random calls in random order fail only with UContactError and leave nothing behind', async (ctx) => {
  const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
  const { page, frame, errors } = await open(ctx, `http://127.0.0.1:${ctx.portalPort}/?entry=full`, crmOrigin, 'full');
  try {
    const r = await frame.evaluate(async () => {
      const b = window.bridge;
      const cti = await window.channel.cti();
      let seed = 20261201;
      const rnd = (n) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const pick = (a) => a[rnd(a.length)];
      const hostile = [
        undefined,
        null,
        0,
        -1,
        2.5,
        NaN,
        '',
        'x',
        {},
        [],
        [1],
        Symbol('s'),
        10n,
        () => {},
        new Proxy(
          {},
          {
            get() {
              throw new Error('trap');
            },
            ownKeys() {
              throw new Error('trap');
            },
          },
        ),
        Object.defineProperty({}, 'guid', {
          enumerable: true,
          get() {
            throw new Error('getter');
          },
        }),
      ];
      const valid = {
        call: () => ({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' }),
        callWithPhone: () => ({ destination: '099123456', campaign: 'Ventas->' }),
        tag: () => ({ guid: crypto.randomUUID(), message: 'note' }),
        sms: () => ({ campaign: 'Ventas->', message: 'hola', destination: '099123456' }),
        promote: () => '098124484',
        setData: () => 'k',
        removeData: () => 'k',
        setAgentphone: () => '1002',
        setRetries: () => 1,
        setPriority: () => 5,
        reorderAlternatives: () => ['099111222', '098124484'],
        on: () => 'message',
        off: () => 'message',
        schedule: () => '2030-01-01 10:00:00',
      };
      const opts = [
        undefined,
        { timeoutMs: 50 },
        { signal: AbortSignal.abort() },
        { signal: new AbortController().signal, timeoutMs: 80 },
      ];
      const makers = [
        () => new b.PortalChannel({ portalOrigins: SANDBOX.portalOrigins, timeoutMs: 100, quarantineMs: 50 }),
        () => b.Respool.fromCti(cti),
        () => new b.Bridge({ mode: 'portal', portalOrigins: SANDBOX.portalOrigins, timeoutMs: 100 }),
        () => new b.IntegraClient({ baseUrl: 'http://127.0.0.1:9', token: 'dG9rZW4=', timeoutMs: 100 }),
        () => new b.CtiKey(b.generateCtiKey()),
      ];
      const live = [];
      const settling = [];
      const bad = [];
      let freedErrors = 0,
        calls = 0;
      const heap0 = b.__heapInUse();
      // A Bridge destroyed while it is still choosing: its `ready` rejects for whoever reads it,
      // and is not reported as an unhandled rejection when nobody does.
      const early = new b.Bridge({ mode: 'portal', portalOrigins: SANDBOX.portalOrigins });
      early.destroy();
      new b.Bridge({ mode: 'portal', portalOrigins: SANDBOX.portalOrigins }).destroy();
      const earlyReady = await early.ready.then(
        () => 'resolved',
        (e) => e.code,
      );
      const run = (label, f) => {
        calls++;
        try {
          const out = f();
          if (out && typeof out.then === 'function') {
            settling.push(
              out.then(
                () => {},
                (e) => {
                  if (!(e && e.name === 'UContactError'))
                    bad.push(`${label} rejected ${e && e.name}: ${e && e.message}`);
                },
              ),
            );
          }
        } catch (e) {
          if (e && e.name === 'UContactError') return;
          if (e && /null pointer passed to rust/.test(e.message)) {
            freedErrors++;
            return;
          }
          bad.push(`${label} threw ${e && e.name}: ${e && e.message}`);
        }
      };
      for (let i = 0; i < 3000; i++) {
        const roll = rnd(100);
        if (live.length < 3 || roll < 6) {
          run('make', () => {
            live.push({ o: pick(makers)(), freed: false });
          });
          continue;
        }
        const entry = pick(live);
        if (roll < 9) {
          run('destroy', () => entry.o.destroy && entry.o.destroy());
          continue;
        }
        if (roll < 11) {
          run('free', () => {
            entry.o.free();
            entry.freed = true;
          });
          live.splice(live.indexOf(entry), 1);
          continue;
        }
        const proto = Object.getPrototypeOf(entry.o);
        const names = Object.getOwnPropertyNames(proto).filter(
          (n) =>
            typeof entry.o[n] === 'function' && !['constructor', 'free', 'destroy'].includes(n) && !n.startsWith('__'),
        );
        const m = pick(names);
        const arg = rnd(3) === 0 ? pick(hostile) : valid[m] ? valid[m]() : pick(hostile);
        const second =
          m === 'on' || m === 'off'
            ? rnd(2)
              ? () => {}
              : pick(hostile)
            : m === 'setData'
              ? pick(['v', 1])
              : m === 'schedule'
                ? b.Respool.fromCti(cti)
                : pick(opts);
        run(`${proto.constructor.name}.${m}`, () => entry.o[m](arg, second, pick(opts)));
      }
      await Promise.race([Promise.all(settling), new Promise((ok) => setTimeout(ok, 5000))]);
      for (const { o } of live) {
        try {
          if (o.destroy) o.destroy();
          o.free();
        } catch (e) {
          bad.push(`teardown ${e && e.name}: ${e && e.message}`);
        }
      }
      await new Promise((ok) => setTimeout(ok, 300));
      const guid = await new b.PortalChannel({ portalOrigins: SANDBOX.portalOrigins }).call({
        campaign: 'Ventas->',
        callerid: '1001',
        destination: '099123456',
      });
      return {
        calls,
        bad: bad.slice(0, 20),
        nBad: bad.length,
        freedErrors,
        guid,
        heapGrowth: b.__heapInUse() - heap0,
        settled: settling.length,
        earlyReady,
      };
    });
    assertEq(r.earlyReady, 'DESTROYED', 'a Bridge destroyed while choosing: its ready rejects');
    assertEq(r.bad, [], `failures other than UContactError (${r.nBad} of ${r.calls} calls)`);
    assert(/^[0-9a-f-]{36}$/.test(r.guid), `a fresh channel still calls: ${r.guid}`);
    assert(r.heapGrowth < 64 * 1024, `wasm heap in use after everything was destroyed: +${r.heapGrowth} bytes`);
    console.log(
      `figure: random-walk calls=${r.calls} promises=${r.settled} not-typed=${r.nBad} heap-growth=${r.heapGrowth}`,
    );
    assertEq(errors, [], 'no uncaught exceptions');
  } finally {
    await page.close();
  }
});

// decodeCti and Respool are in every entry: the CRM side runs on each.
for (const entry of ENTRIES)
  test(`cti [entry ${entry}]: the sandbox portal answers CTI with a dialer record; the CRM edits it and respools it`, async (ctx) => {
    const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
    const { page, frame, errors } = await open(
      ctx,
      `http://127.0.0.1:${ctx.portalPort}/?entry=${entry}`,
      crmOrigin,
      entry,
    );
    try {
      const sent = await frame.evaluate(async () => {
        const cti = await window.channel.cti(); // typed, as decodeCti gives it
        const r = window.bridge.Respool.fromCti(cti);
        r.promote('098124484');
        r.setData('outcome', 'callback');
        await window.channel.respool(r);
        await window.channel.schedule('2030-01-15 10:30:00', r);
        return { campaign: cti.campaign, dialer: cti.dialer.destination };
      });
      assertEq(sent, { campaign: 'Ventas->', dialer: '098344484' }, 'typed CTI');
      await page.waitForFunction(() => window.actions.length >= 3);
      const [, respool, schedule] = await page.evaluate(() => window.actions);
      assertEq(
        respool.data.objetoRespool,
        {
          campaign: 'Ventas->',
          destination: '098124484',
          dialerbase: 'basetest',
          status: 1,
          data: 'Par1=Val1:Par2=Val2:outcome=callback',
          alternatives: '098344484:099111222',
          contact: 222,
          retries: 0,
          priority: 9999,
          agentphone: '1001',
        },
        'the respool the portal received',
      );
      assertEq(schedule.data.callDate, '2030-01-15 10:30:00', 'schedule date');
      assertEq(schedule.data.objectDialer, respool.data.objetoRespool, 'schedule carries the same record');
      assertEq(errors, [], 'no uncaught exceptions');
    } finally {
      await page.close();
    }
  });
