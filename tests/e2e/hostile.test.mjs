// Hostile frames (issue #9, item 1). While real calls are pending on the CRM's PortalChannel,
// or on a Bridge on the portal path, windows that are not the portal post forged replies, replay
// the portal's own envelopes byte for byte, and send malformed and oversized messages:
//   third     a frame on a third origin (its own loopback port);
//   sibling   a frame on the portal's other allowed spelling (localhost): an allowed origin,
//             but not the portal window;
//   blank     an about:blank frame the portal page adds: the portal's exact origin, wrong window;
//   popup     a pop-up the portal page opens on its own origin;
//   self      the CRM window posting to itself;
//   portal    the portal window itself, with junk only (nothing that decodes as an envelope).
// The portal (real porthole.js) holds its replies back until every hostile message has reached
// the CRM window, then answers. Figures: forged or replayed messages accepted (a pending call
// resolved with their guid or record, or a `message`/`late` event carrying them) = 0; exceptions
// (uncaught errors and console errors in any page or frame) = 0; the pending calls resolve with
// exactly the guids and the record the portal posted.
// Cases: PortalChannel on every entry of scripts/entries.tsv, and Bridge (full entry only: the
// channel entry has none), each with the CRM frame same-site and cross-site to the portal.
import {
  test,
  crmFrame,
  assert,
  assertEq,
  startStatic,
  freePorts,
  logLine,
  ENTRIES,
  SITES,
  wasmLoaded,
  engineCan,
} from './harness.mjs';

const CALL = { campaign: 'Ventas->', callerid: '1001', destination: '091000000' };
const WAIT = { timeout: 60000 }; // generous: positive conditions only, on a busy machine

const THIRD_PAGES = {
  '/third.html':
    '<!doctype html><link rel="icon" href="data:,"><title>third origin</title><p>an unrelated site, framed by the portal page</p>',
};

/** A porthole 1.0.0 envelope, keys in porthole's order. */
const envelope = (data, sourceOrigin, targetOrigin, targetWindowName = 'crm') =>
  JSON.stringify({ data, sourceOrigin, targetOrigin, sourceWindowName: '', targetWindowName });

let serial = 0;
/** A fresh forged guid / record guid: each forged message carries its own, so any acceptance is
 *  traced back to the message that caused it. */
const forgedGuid = (prefix) => `${prefix}-6666-4666-8666-${String(++serial).padStart(12, '0')}`;

/**
 * The messages one hostile sender posts. Each is a small spec the sender's page turns into a
 * value of its own realm (so a Blob is the sender's Blob). Forged ones record their ids.
 */
function forgeries(sender, { portalOrigin, crmOrigin, captured, ids }) {
  const out = [];
  const guid = () => {
    const g = forgedGuid('66666666');
    ids.forged.add(g);
    return g;
  };
  const record = () => {
    const g = forgedGuid('77777777');
    ids.forged.add(g);
    return JSON.stringify({
      Guid: g,
      Campaign: 'Forged->',
      Callerid: '099999999',
      ParAndValues: 'evil=1',
      Beep: 'FALSE',
      Answer: 'TRUE',
    });
  };
  const str = (s) => out.push({ kind: 'string', s });
  // Forged replies in exact porthole envelopes: lying about the origin, honest about it, and
  // with porthole's defaults; as strings (what porthole posts) and as objects.
  for (const [so, to, tw] of [
    [portalOrigin, crmOrigin, 'crm'],
    [sender.origin, '*', 'crm'],
    [portalOrigin, '*', ''],
  ]) {
    str(envelope({ guid: guid() }, so, to, tw));
    str(envelope({ CTI: record() }, so, to, tw));
  }
  str(envelope({ CTI: JSON.parse(record()) }, portalOrigin, crmOrigin)); // CTI as an object
  // What an answer to `sms` might look like (the portal documents none): an id, and the action
  // echoed back. Sent after an `sms` resolved: nothing may surface.
  str(envelope({ id: guid() }, portalOrigin, crmOrigin));
  str(
    envelope(
      { action: 'sms', campaign: 'Forged->', message: guid(), destination: '099999999' },
      portalOrigin,
      crmOrigin,
    ),
  );
  out.push({ kind: 'value', v: JSON.parse(envelope({ guid: guid() }, portalOrigin, crmOrigin)) }); // an object, not a string
  out.push({ kind: 'value', v: { guid: guid() } }); // bare data, as an object
  str(JSON.stringify({ guid: guid() })); // bare data, as a string
  out.push({ kind: 'pad', s: envelope({ guid: guid() }, portalOrigin, crmOrigin), bytes: 2 * 1024 * 1024 }); // valid but > 1 MiB
  // The portal's own envelopes, byte for byte.
  for (const raw of captured) out.push({ kind: 'string', s: raw, replay: true });
  // Malformed: not JSON, wrong types, huge numbers, deep nesting, non-string data.
  for (const s of [
    'not json',
    '',
    '{',
    '{"data":',
    'null',
    'true',
    '42',
    '"str"',
    '[]',
    '1e999999',
    '123456789012345678901234567890123456789012345678901234567890',
    envelope({ guid: 42 }, portalOrigin, crmOrigin),
    envelope({ guid: null }, portalOrigin, crmOrigin),
    envelope({ guid: [guid()] }, portalOrigin, crmOrigin),
    envelope({ CTI: 12 }, portalOrigin, crmOrigin),
    envelope('a string', portalOrigin, crmOrigin),
    envelope(null, portalOrigin, crmOrigin),
    `{"data":{"guid":1e999999},"sourceOrigin":"${portalOrigin}","targetOrigin":"*","sourceWindowName":"","targetWindowName":"crm"}`,
    JSON.stringify({
      data: { guid: guid() },
      sourceOrigin: 7,
      targetOrigin: '*',
      sourceWindowName: '',
      targetWindowName: 'crm',
    }),
  ])
    str(s);
  out.push({ kind: 'deep', open: '[', close: ']', depth: 100000 });
  out.push({ kind: 'deep', open: '{"data":{"a":', close: '}}', depth: 5000, tail: '1' });
  for (const v of [null, 0, 1e308, -Infinity, true, [1, 2], { data: null }]) out.push({ kind: 'value', v });
  out.push({ kind: 'undefined' }, { kind: 'nan' });
  out.push({ kind: 'blob', s: envelope({ guid: guid() }, portalOrigin, crmOrigin) });
  out.push({ kind: 'buffer', s: envelope({ guid: guid() }, portalOrigin, crmOrigin) });
  out.push({ kind: 'bytes', s: envelope({ CTI: record() }, portalOrigin, crmOrigin) });
  out.push({ kind: 'pad', s: 'x', bytes: 4 * 1024 * 1024 }); // 4 MiB of junk
  return out;
}

/** Junk the portal window itself may send by mistake: nothing here decodes as an envelope. */
function portalJunk() {
  const out = [];
  for (const s of ['not json', '', '{', '1e999999', '[[[', '"\\ud800"', '{"data":1}', '{"data":{},"sourceOrigin":1}'])
    out.push({ kind: 'string', s });
  out.push({ kind: 'deep', open: '[', close: ']', depth: 100000 });
  out.push({ kind: 'deep', open: '{"a":', close: '}', depth: 20000, tail: '1' });
  for (const v of [null, 0, -0, 1e308, false, [], { guid: '11111111-1111-4111-8111-111111111111' }])
    out.push({ kind: 'value', v });
  out.push(
    { kind: 'undefined' },
    { kind: 'blob', s: '{}' },
    { kind: 'buffer', s: '{}' },
    { kind: 'pad', s: '"x"', bytes: 3 * 1024 * 1024 },
  );
  return out;
}

/** Runs in the sender's page: builds each message in its own realm and posts it to `target`. */
function postAll({ target, messages }) {
  const to = new Function(`return ${target};`)();
  for (const m of messages) {
    let v;
    switch (m.kind) {
      case 'string':
        v = m.s;
        break;
      case 'value':
        v = m.v;
        break;
      case 'undefined':
        v = undefined;
        break;
      case 'nan':
        v = NaN;
        break;
      case 'deep':
        v = m.open.repeat(m.depth) + (m.tail || '') + m.close.repeat(m.depth);
        break;
      case 'pad':
        v = ' '.repeat(m.bytes) + m.s;
        break;
      case 'blob':
        v = new Blob([m.s], { type: 'application/json' });
        break;
      case 'buffer':
        v = new TextEncoder().encode(m.s).buffer;
        break;
      case 'bytes':
        v = new TextEncoder().encode(m.s);
        break;
      default:
        throw new Error('unknown kind ' + m.kind);
    }
    to.postMessage(v, '*');
  }
  return messages.length;
}

/** Collects uncaught exceptions and console errors of every page and frame of the context. */
function watchErrors(context) {
  const errors = [];
  const dropped = [];
  const onConsole = (m) => {
    // The browser's own favicon probe of a sandbox origin (404) is not an error of any page.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
      errors.push(`console.error ${m.location().url}: ${m.text()}`);
    // `debug: true` logs each entry as `ucontact-bridge {json}`.
    const d = /^ucontact-bridge (\{.*\})$/.exec(m.text());
    const e = d && JSON.parse(d[1]);
    if (e && e.kind === 'dropped' && (e.source === 'PortalChannel' || e.source === 'Bridge')) dropped.push(e.reason);
  };
  const onError = (e) => errors.push(`pageerror ${e.page()?.url()}: ${e.error()}`);
  context.on('console', onConsole);
  context.on('weberror', onError);
  return {
    errors,
    dropped,
    stop: () => {
      context.off('console', onConsole);
      context.off('weberror', onError);
    },
  };
}

/**
 * One scenario: the CRM page (`crmHost`) framed by the porthole.js portal, running the build of
 * `entry`; `kind` is 'channel' (a PortalChannel) or 'bridge' (a Bridge, portal path). Prints the
 * figures.
 */
async function scenario(ctx, { kind, crmHost, site, entry }) {
  const portalOrigin = `http://127.0.0.1:${ctx.portalPort}`;
  const crmOrigin = `http://${crmHost}:${ctx.crmPort}`;
  const [thirdPort] = await freePorts(1);
  const third = await startStatic(thirdPort, THIRD_PAGES);
  const context = ctx.browser.context;
  const watch = watchErrors(context);
  const page = await context.newPage();
  try {
    await page.goto(`${portalOrigin}/porthole.html?crmHost=${crmHost}&entry=${entry}`);
    const crm = await crmFrame(page, crmOrigin);
    assertEq(await wasmLoaded(crm), [`/pkg/${entry}/esm/ucontact-bridge_bg.wasm`], 'the wasm of the entry under test');

    // The CRM side: our own channel or bridge, with debug on (so each dropped message is logged
    // and counted), every raw delivery counted, and the portal's own envelopes captured.
    await crm.evaluate(
      async ({ kind, call }) => {
        window.channel.destroy();
        const B = window.bridge;
        const h = (window.hostile = /** @type {Record<string, any>} */ ({
          raw: 0,
          fromPortal: [],
          events: [],
          results: {},
        }));
        addEventListener('message', (e) => {
          h.raw++;
          if (e.source === parent && typeof e.data === 'string') h.fromPortal.push(e.data);
        });
        const opts = { portalOrigins: SANDBOX.portalOrigins, debug: true, timeoutMs: 600000 };
        const api = (h.api =
          kind === 'channel' ? new B.PortalChannel(opts) : new B.Bridge({ ...opts, heartbeatMs: 0 }));
        for (const ev of ['message', 'late']) api.on(ev, (m) => h.events.push([ev, JSON.stringify(m)]));
        if (kind === 'bridge') h.mode = await api.ready;
        // A call and a CTI read answered normally: their envelopes are what the attackers replay.
        h.warm = [await api.call(call), (await api.cti()).guid];
      },
      { kind, call: CALL },
    );
    const warm = await crm.evaluate(() => window.hostile);
    if (kind === 'bridge') assertEq(warm.mode, 'portal', 'the bridge took the portal path');
    const captured = warm.fromPortal.filter((s) => s.includes('"guid"') || s.includes('"CTI"'));
    assert(
      captured.some((s) => s.includes(warm.warm[0])),
      `captured the real guid envelope: ${captured.join(' | ').slice(0, 300)}`,
    );
    const replayedIds = new Set(warm.warm);

    // The portal holds its answers; a new record, so a replayed CTI envelope is told apart.
    const realRecordGuid = await page.evaluate(() => {
      window.setHold(true);
      window.record.Guid = window.record.Guid.replace(/^.{8}/, 'abcdef01');
      return window.record.Guid;
    });
    const repliesBefore = await page.evaluate(() => window.replies.length);
    const actionsBefore = await page.evaluate(() => window.actions.length);
    await crm.evaluate(
      ({ call }) => {
        const h = window.hostile;
        h.raw = 0;
        const keep = (name, p) =>
          p.then(
            (v) => {
              h.results[name] = ['ok', v === undefined ? null : typeof v === 'string' ? v : v.guid];
            },
            (e) => {
              console.log(`${e.name} ${e.code}: ${e.message}`);
              h.results[name] = ['err', e.code];
            },
          );
        keep('call', h.api.call(call));
        keep('callWithPhone', h.api.callWithPhone({ destination: '091000001', campaign: 'Ventas->' })); // queued behind `call`
        keep('cti', h.api.cti());
        keep('sms', h.api.sms({ campaign: 'WhatsApp->', message: 'Hola', destination: '099123456' })); // resolves once posted
      },
      { call: CALL },
    );
    // The portal has the call and the CTI request (callWithPhone waits for the call's answer).
    await page.waitForFunction((n) => window.actions.length >= n + 2, actionsBefore, WAIT);
    if (kind === 'channel')
      assertEq(await crm.evaluate(() => window.hostile.api.pending), 3, 'pending before the attack');

    // The hostile windows.
    // A pop-up too where the engine's driver can open one (not WebKit's: engines.mjs).
    const popups = engineCan(ctx.engine, 'popups');
    const popupOpened = popups ? page.waitForEvent('popup', WAIT) : null;
    await page.evaluate(
      ({ third, sibling, popups }) => {
        const add = (name, src) => {
          const f = document.createElement('iframe');
          f.name = name;
          if (src) f.src = src;
          document.body.appendChild(f);
        };
        add('third', third);
        add('sibling', sibling);
        add('blank', null); // about:blank: the portal's own origin
        if (popups) window.sibPopup = window.open('/sibling.html', 'sibpopup');
      },
      {
        third: `http://127.0.0.1:${thirdPort}/third.html`,
        sibling: `http://localhost:${ctx.portalPort}/sibling.html`,
        popups,
      },
    );
    const popup = popups ? await popupOpened : null;
    if (popup) await popup.waitForLoadState('load');
    const frameBy = async (pred, what) => {
      const deadline = Date.now() + WAIT.timeout;
      for (;;) {
        const f = (await page.frames()).find(pred);
        if (f) {
          await f.waitForLoadState('load');
          return f;
        }
        assert(Date.now() < deadline, `${what} frame never appeared`);
        await page.waitForTimeout(50);
      }
    };
    const senders = [
      {
        name: 'third',
        origin: `http://127.0.0.1:${thirdPort}`,
        frame: await frameBy((f) => f.url().startsWith(`http://127.0.0.1:${thirdPort}/`), 'third'),
        target: "parent.frames['crm']",
      },
      {
        name: 'sibling',
        origin: `http://localhost:${ctx.portalPort}`,
        frame: await frameBy((f) => f.url().startsWith(`http://localhost:${ctx.portalPort}/sibling`), 'sibling'),
        target: "parent.frames['crm']",
      },
      {
        name: 'blank',
        origin: portalOrigin,
        frame: await frameBy((f) => f.name() === 'blank', 'blank'),
        target: "parent.frames['crm']",
      },
      ...(popup
        ? [{ name: 'popup', origin: portalOrigin, frame: popup.mainFrame(), target: "opener.frames['crm']" }]
        : []),
      { name: 'self', origin: crmOrigin, frame: crm, target: 'window' },
    ];
    const ids = { forged: new Set() };
    let sent = 0;
    const wave = async (withPortalJunk) => {
      let n = 0;
      for (const s of senders) {
        n += await s.frame.evaluate(postAll, {
          target: s.target,
          messages: forgeries(s, { portalOrigin, crmOrigin, captured, ids }),
        });
      }
      if (withPortalJunk) n += await page.evaluate(postAll, { target: "frames['crm']", messages: portalJunk() });
      return n;
    };
    // Wave 1: while the three requests are pending.
    const wave1 = await wave(true);
    sent += wave1;
    await crm.waitForFunction((n) => window.hostile.raw >= n, wave1, WAIT);
    const during = await crm.evaluate(() => ({
      results: window.hostile.results,
      events: window.hostile.events,
      pending: window.hostile.api.pending,
    }));
    assertEq(
      during.results,
      { sms: ['ok', null] },
      'nothing settled while the portal held its answers but the sms, which is done once posted',
    );
    assertEq(during.events, [], 'no message or late event for hostile messages');
    if (kind === 'channel') assertEq(during.pending, 3, 'pending after the attack');

    // The portal answers: the call, the CTI read, then the queued callWithPhone (the sms is done).
    await page.evaluate(() => window.setHold(false));
    await crm.waitForFunction(() => Object.keys(window.hostile.results).length === 4, null, WAIT);
    const results = await crm.evaluate(() => window.hostile.results);
    const replies = (await page.evaluate(() => window.replies)).slice(repliesBefore);
    const realGuids = replies.filter((r) => r.guid).map((r) => r.guid);
    assertEq(realGuids.length, 2, `the portal answered call and callWithPhone: ${JSON.stringify(replies)}`);

    // Wave 2: nothing pending any more; hostile messages must not surface as `message` events.
    const rawBefore = await crm.evaluate(() => window.hostile.raw);
    const wave2 = await wave(false);
    sent += wave2;
    await crm.waitForFunction((n) => window.hostile.raw >= n, rawBefore + wave2, WAIT);
    const after = await crm.evaluate(
      (k) => ({ events: window.hostile.events, pending: k === 'channel' ? window.hostile.api.pending : 0 }),
      kind,
    );

    // Every hostile message was logged as dropped (debug), for the right reason.
    const expectDropped = sent;
    const deadline = Date.now() + WAIT.timeout;
    while (watch.dropped.length < expectDropped && Date.now() < deadline) await page.waitForTimeout(100);

    const got = Object.values(results).map((r) => r[1]);
    const forgedAccepted =
      got.filter((v) => ids.forged.has(v)).length +
      after.events.filter(([, m]) => [...ids.forged].some((g) => m.includes(g))).length;
    const replayedAccepted =
      got.filter((v) => replayedIds.has(v)).length +
      after.events.filter(([, m]) => [...replayedIds].some((g) => m.includes(g))).length;
    const want = {
      call: ['ok', realGuids[0]],
      callWithPhone: ['ok', realGuids[1]],
      cti: ['ok', realRecordGuid],
      sms: ['ok', null],
    };
    const delivered = Object.entries(want).filter(([k, v]) => JSON.stringify(results[k]) === JSON.stringify(v)).length;
    const bySource = watch.dropped.filter((r) => r === 'not sent by the portal window').length;
    const junkDropped = watch.dropped.length - bySource;
    watch.stop();
    const label = `${kind}/${site} entry=${entry}`;
    // Exceptions are seen where the driver reports page errors and console lines (engines.mjs).
    const exceptions = engineCan(ctx.engine, 'pageErrors') ? watch.errors.length : 'unseen';
    const figure =
      `figure: hostile case=${label} forged-accepted=${forgedAccepted} replayed-accepted=${replayedAccepted} ` +
      `exceptions=${exceptions} real-delivered=${delivered}/${Object.keys(want).length} messages-sent=${sent} senders=${senders.map((x) => x.name).join('+')}`;
    console.log(figure);
    logLine(`${label}: dropped by source ${bySource}, portal junk dropped ${junkDropped}`);

    assertEq(forgedAccepted, 0, 'forged messages accepted');
    assertEq(replayedAccepted, 0, 'replayed messages accepted');
    assertEq(watch.errors, [], 'no exceptions, no console errors');
    assertEq(
      Object.keys(want).map((k) => results[k]),
      Object.values(want),
      'the pending requests got exactly what the portal posted',
    );
    assertEq(after.events, [], 'no message or late event at all');
    assertEq(after.pending, 0, 'nothing pending at the end');
    const hostileCount = sent - portalJunk().length;
    assertEq(
      bySource,
      hostileCount,
      'every message from a hostile window was dropped for not coming from the portal window',
    );
    assertEq(junkDropped, portalJunk().length, "every piece of the portal window's junk was dropped");
    await crm.evaluate(() => window.hostile.api.destroy());
  } finally {
    watch.stop();
    await page.close();
    for (const p of await context.pages()) if (p.url().endsWith('/sibling.html')) await p.close();
    third.stop();
  }
}

for (const entry of ENTRIES) {
  for (const { crmHost, site } of SITES) {
    test(`hostile [entry ${entry}]: forged, replayed, malformed and oversized messages while PortalChannel calls are pending (${site})`, (ctx) =>
      scenario(ctx, { kind: 'channel', crmHost, site, entry }));
  }
}
for (const { crmHost, site } of SITES) {
  test(`hostile [entry full]: forged, replayed, malformed and oversized messages while Bridge calls are pending (portal path, ${site})`, (ctx) =>
    scenario(ctx, { kind: 'bridge', crmHost, site, entry: 'full' }));
}
