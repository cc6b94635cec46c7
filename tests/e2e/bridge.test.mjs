// The Bridge: one object, the portal path when framed by an answering portal, REST otherwise.
import { test, crmFrame, assert, assertEq } from './harness.mjs';
import { emulator, restPage } from './rest.test.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RESPOOL = {
  campaign: 'Ventas->',
  destination: '098344484',
  dialerbase: 'basetest',
  status: 1,
  data: 'Par1=Val1',
  alternatives: '098124484',
  contact: 222,
  retries: 0,
  priority: 9999,
  agentphone: '1001',
};
const AGENT = { agent: 'agent1', phone: '1001', context: 'from-internal' };

/** Bridge options for a page of the sandbox: both paths configured. */
const options = (api, extra = {}) => ({
  portalOrigins: [api, api.replace('127.0.0.1', 'localhost')],
  rest: { baseUrl: api, user: 'agent1', password: 'secret1' },
  agent: AGENT,
  ...extra,
});

/** Every action once, in the page: `{ name: result or error code }`. */
const EIGHT = `
  const out = {};
  const take = async (name, p) => { try { const v = await p; out[name] = v === undefined ? null : v; } catch (e) { out[name] = e.code; } };
  await take('call', b.call({ campaign: 'Ventas->', callerid: '1001', destination: '098000111' }));
  await take('callWithPhone', b.callWithPhone({ destination: '098000112', campaign: 'Ventas->' }));
  await take('tag', b.tag({ guid: typeof out.call === 'string' && out.call.length === 36 ? out.call : '7e4e7db9-f080-494e-b04b-7c8e47711558', message: 'venta' }));
  await take('hangup', b.hangup());
  await take('respool', b.respool(${JSON.stringify(RESPOOL)}));
  await take('schedule', b.schedule('2030-01-15 10:30:00', ${JSON.stringify(RESPOOL)}));
  await take('cti', b.cti().then((c) => c.campaign));
  await take('sms', b.sms({ campaign: 'Ventas->', message: 'Hola\\nsu pedido', destination: '+59898344484' }));
  return out;`;

async function framed(ctx, query = '') {
  const page = await ctx.browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${ctx.portalPort}/porthole.html${query}`);
  const frame = await crmFrame(page, `http://127.0.0.1:${ctx.crmPort}/`);
  return { page, frame, errors };
}

test('bridge: framed in the portal, auto picks the portal path for all eight actions; nothing goes over REST', async (ctx) => {
  const emu = emulator(ctx);
  await emu.reset();
  const api = `http://127.0.0.1:${ctx.portalPort}`;
  const { page, frame, errors } = await framed(ctx);
  try {
    const r = await frame.evaluate(
      async ([opts, code]) => {
        const B = window.bridge;
        const events = [];
        const b = new B.Bridge(opts);
        b.on('connected', (d) => events.push(['connected', d.mode]));
        const modeBefore = b.mode;
        const ready = await b.ready;
        const out = await new Function('b', `return (async () => { ${code} })();`)(b);
        const rest = b.rest;
        b.destroy();
        return { modeBefore, ready, mode: b.mode, state: b.state, events, out, hasRest: !!rest };
      },
      [options(api), EIGHT],
    );
    assertEq([r.modeBefore, r.ready, r.mode, r.state], ['choosing', 'portal', 'portal', 'destroyed'], 'mode');
    assertEq(r.events, [['connected', 'portal']], 'connected event');
    assert(GUID.test(r.out.call) && GUID.test(r.out.callWithPhone), JSON.stringify(r.out));
    assertEq(
      [r.out.tag, r.out.hangup, r.out.respool, r.out.schedule, r.out.cti, r.out.sms],
      [null, null, null, null, 'Ventas->', null],
      'the rest of the eight',
    );
    assertEq(r.hasRest, true, 'REST-only operations stay reachable');
    const actions = await page.evaluate(() => window.actions.map((a) => a.action));
    // Each action once (CTI also answers the Bridge's probes).
    for (const a of ['call', 'callWithPhone', 'tag', 'hangup', 'respool', 'schedule', 'sms'])
      assertEq(actions.filter((x) => x === a).length, 1, `portal got ${a} once: ${actions}`);
    assert(actions.includes('CTI'), `portal got CTI: ${actions}`);
    const sms = await page.evaluate(() => window.actions.find((a) => a.action === 'sms'));
    assertEq(
      sms,
      { action: 'sms', campaign: 'Ventas->', message: 'Hola\nsu pedido', destination: '+59898344484' },
      'the sms the portal got',
    );
    const counters = await emu.counters();
    assertEq(
      Object.values(counters).reduce((x, y) => x + y, 0),
      0,
      `no REST request: ${JSON.stringify(counters)}`,
    );
    assertEq(errors, [], 'no page errors');
  } finally {
    await page.close();
  }
});

test('bridge: top-level, auto picks REST for seven actions; callWithPhone is PORTAL_REQUIRED', async (ctx) => {
  const emu = emulator(ctx);
  await emu.reset();
  const { page, run } = await restPage(ctx);
  try {
    const r = await run(`
      const key = B.generateCtiKey(); window.ucbSecret(key);  // for the secret scan
      localStorage.setItem('ucontact-bridge.cti', B.encryptCti(JSON.stringify({ Guid: '7e4e7db9-f080-494e-b04b-7c8e47711558', Campaign: 'Ventas->' }), key));
      const opts = ${JSON.stringify(options('API'))};
      opts.portalOrigins = [api]; opts.rest.baseUrl = api; opts.cti = { key };
      const b = new B.Bridge(opts);
      const events = [];
      b.on('connected', (d) => events.push(d.mode));
      const ready = await b.ready;
      const out = await (async () => { ${EIGHT} })();
      const why = await b.callWithPhone({ destination: '1', campaign: 'x' }).catch((e) => e.message);
      localStorage.removeItem('ucontact-bridge.cti');
      window.CTI = JSON.stringify({ Guid: '7e4e7db9-f080-494e-b04b-7c8e47711558', Campaign: 'Legacy->' });
      const legacy = (await b.cti()).campaign;
      delete window.CTI;
      const none = await b.cti().catch((e) => e.code);
      return { ready, mode: b.mode, events, out, why, legacy, none };`);
    assert(!r.code, `${r.code} ${r.message}`);
    const v = r.ok;
    assertEq([v.ready, v.mode, v.events], ['rest', 'rest', ['rest']], 'mode');
    assert(GUID.test(v.out.call), `call over REST: ${v.out.call}`);
    assertEq(v.out.callWithPhone, 'PORTAL_REQUIRED', 'callWithPhone');
    assert(/only available through the portal/.test(v.why), v.why);
    assertEq(
      [v.out.tag, v.out.hangup, v.out.respool, v.out.schedule, v.out.cti, v.out.sms],
      [null, null, null, null, 'Ventas->', 'sms-1'],
      'REST results (sms: the SendSMSv2 id)',
    );
    assertEq([v.legacy, v.none], ['Legacy->', 'NOT_FOUND'], 'CTI from the legacy global, then none');
    const n = await emu.counters();
    assertEq(
      [
        n['Agents/AgentCall'],
        n['Agents/TagRecord'],
        n['Agents/HangupPhone'],
        n['Dialers/Respool'],
        n['Dialers/ScheduleDialerCall'],
        n['SMS/SendSMSv2'],
      ],
      [1, 1, 1, 1, 1, 1],
      `one request each: ${JSON.stringify(n)}`,
    );
    const st = await emu.state();
    assertEq(
      [st.calls[0].outqueue, st.calls[0].agent, st.calls[0].phone, st.tags[0].data],
      ['Ventas->', 'agent1', '1001', 'venta'],
      'the mapping',
    );
    assertEq(
      [st.sms[0].destination, st.sms[0].message, st.sms[0].campaign, st.sms[0].agent, st.sms[0].source],
      ['+59898344484', 'Hola\nsu pedido', 'Ventas->', 'agent1', ''],
      "sms over REST: the profile's agent as sender",
    );
  } finally {
    await page.close();
  }
});

test('bridge: a portal that stops answering → lost, fast PORTAL_LOST, no REST fallback; answering again → restored', async (ctx) => {
  const emu = emulator(ctx);
  await emu.reset();
  const api = `http://127.0.0.1:${ctx.portalPort}`;
  const { page, frame } = await framed(ctx);
  try {
    await frame.evaluate(
      async (opts) => {
        window.events = [];
        window.b = new window.bridge.Bridge(opts);
        for (const e of ['connected', 'lost', 'restored']) window.b.on(e, () => window.events.push(e));
        await window.b.ready;
      },
      options(api, { heartbeatMs: 100, probeTimeoutMs: 150, timeoutMs: 300, quarantineMs: 500 }),
    );
    await page.evaluate(() => window.setSilent(true));
    // A call sent before the loss is noticed times out; it is not re-sent over REST.
    const first = await frame.evaluate(() =>
      window.b.call({ campaign: 'Ventas->', callerid: '1001', destination: '098000111' }).catch((e) => e.code),
    );
    assert(['TIMEOUT', 'PORTAL_LOST'].includes(first), first);
    await frame.waitForFunction(() => window.events.includes('lost'), null, { timeout: 3000 });
    // With a one-minute timeout, only the fast path can settle it (and with PORTAL_LOST).
    const fast = await frame.evaluate(async () => {
      const code = await window.b
        .call({ campaign: 'Ventas->', callerid: '1001', destination: '098000111' }, { timeoutMs: 60000 })
        .catch((e) => e.code);
      return [code, window.b.state];
    });
    assertEq(fast, ['PORTAL_LOST', 'lost'], 'calls fail fast while lost');
    await page.evaluate(() => window.setSilent(false));
    await frame.waitForFunction(() => window.events.includes('restored'), null, { timeout: 3000 });
    const again = await frame.evaluate(async () => {
      // The call lane may still be quarantined by the timed-out call; wait it out.
      const g = await window.b.call(
        { campaign: 'Ventas->', callerid: '1001', destination: '098000111' },
        { timeoutMs: 120000 },
      );
      const r = [g, window.b.state, window.events];
      window.b.destroy();
      return r;
    });
    assert(GUID.test(again[0]), `call after restore: ${again[0]}`);
    assertEq(again.slice(1), ['connected', ['connected', 'lost', 'restored']], 'events');
    assertEq((await emu.counters())['Agents/AgentCall'] ?? 0, 0, 'never sent over REST');
  } finally {
    await page.close();
  }
});

test('bridge: CRM in a pop-up, the portal page reloads → lost, PORTAL_LOST, restored, calls work again', async (ctx) => {
  const emu = emulator(ctx);
  await emu.reset();
  const api = `http://127.0.0.1:${ctx.portalPort}`;
  const page = await ctx.browser.context.newPage();
  const errors = [];
  try {
    // The portal opens the CRM page as a pop-up; after each load it stays silent for `boot` ms.
    const opened = page.waitForEvent('popup');
    await page.goto(`${api}/porthole.html?popup=1&boot=1000`);
    const crm = await opened;
    crm.on('pageerror', (e) => errors.push(String(e)));
    await crm.waitForFunction(() => document.body && document.body.dataset.ready, null, { timeout: 15000 });
    await page.waitForFunction(() => Date.now() >= bootUntil);
    const first = await crm.evaluate(
      async (opts) => {
        window.events = [];
        window.b = new window.bridge.Bridge(opts);
        for (const e of ['connected', 'lost', 'restored']) window.b.on(e, () => window.events.push(e));
        const mode = await window.b.ready;
        return [mode, await window.b.call({ campaign: 'Ventas->', callerid: '1001', destination: '098000111' })];
      },
      options(api, { target: 'opener', heartbeatMs: 100, probeTimeoutMs: 300 }),
    );
    assertEq(first[0], 'portal', 'auto finds the portal as the opener');
    assert(GUID.test(first[1]), `call before the reload: ${first[1]}`);
    // The 'lost' awaited below must be the reload's: a portal answering late would flap the
    // link already here, and the call below could then reach the booting portal unanswered.
    assertEq(await crm.evaluate(() => window.events), ['connected'], 'events before the reload');

    await page.reload();
    await crm.waitForFunction(() => window.events.includes('lost'), null, { timeout: 5000 });
    const lost = await crm.evaluate(async () => {
      const code = await window.b
        .call({ campaign: 'Ventas->', callerid: '1001', destination: '098000222' }, { timeoutMs: 60000 })
        .catch((e) => e.code);
      return [code, window.b.state];
    });
    assertEq(lost, ['PORTAL_LOST', 'lost'], 'calls fail fast while the portal reloads');

    await crm.waitForFunction(() => window.events.includes('restored'), null, { timeout: 5000 });
    const again = await crm.evaluate(async () => {
      const g = await window.b.call({ campaign: 'Ventas->', callerid: '1001', destination: '098000333' });
      const r = [g, window.b.state, window.events];
      window.b.destroy();
      return r;
    });
    assert(GUID.test(again[0]), `call after the reload: ${again[0]}`);
    assertEq(again.slice(1), ['connected', ['connected', 'lost', 'restored']], 'state and events');
    // The reloaded portal got the call made after the restore, and never the one made while lost.
    const calls = await page.evaluate(() =>
      window.actions.filter((a) => a.action === 'call').map((a) => a.destination),
    );
    assertEq(calls, ['098000333'], 'calls the reloaded portal received');
    assertEq((await emu.counters())['Agents/AgentCall'] ?? 0, 0, 'never sent over REST');
    assertEq(errors, [], 'no page errors in the pop-up');
    await crm.close();
  } finally {
    await page.close();
  }
});

test('bridge: abort before and during a call on both paths; counters show no double send', async (ctx) => {
  const emu = emulator(ctx);
  const api = `http://127.0.0.1:${ctx.portalPort}`;
  // Portal path: the portal answers after 500 ms; the call is aborted at 50 ms.
  await emu.reset();
  const { page, frame } = await framed(ctx, '?delay=500');
  try {
    const r = await frame.evaluate(
      async (opts) => {
        const b = new window.bridge.Bridge(opts);
        await b.ready;
        const args = { campaign: 'Ventas->', callerid: '1001', destination: '098000111' };
        const early = new AbortController();
        early.abort();
        const before = await b.call(args, { signal: early.signal }).catch((e) => e.code);
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 50);
        const during = await b.call(args, { signal: ac.signal }).catch((e) => e.code);
        b.destroy();
        return [before, during];
      },
      options(api, { heartbeatMs: 0 }),
    );
    assertEq(r, ['ABORTED', 'ABORTED'], 'portal path');
    const calls = await page.evaluate(() => window.actions.filter((a) => a.action === 'call').length);
    assertEq(calls, 1, 'the portal got the aborted call once, the early one never');
  } finally {
    await page.close();
  }
  // REST path: the emulator holds AgentCall for 1 s; the call is aborted at 100 ms.
  await emu.reset();
  await emu.fault('Agents/AgentCall', { delayMs: 1000 });
  const rest = await restPage(ctx);
  try {
    const r = await rest.run(`
      const opts = ${JSON.stringify(options('API'))}; opts.portalOrigins = [api]; opts.rest.baseUrl = api;
      const b = new B.Bridge(opts);
      await b.ready;
      const args = { campaign: 'Ventas->', callerid: '1001', destination: '098000111' };
      const early = new AbortController(); early.abort();
      const before = await b.call(args, { signal: early.signal }).catch((e) => e.code);
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const during = await b.call(args, { signal: ac.signal }).catch((e) => e.code);
      return [before, during];`);
    assertEq(r.ok, ['ABORTED', 'ABORTED'], `REST path (${r.code} ${r.message})`);
    await new Promise((res) => setTimeout(res, 1200));
    assertEq(
      (await emu.counters())['Agents/AgentCall'],
      1,
      'the aborted request reached the server once; the early one never',
    );
  } finally {
    await rest.page.close();
  }
});

test('bridge: option errors and no path at all', async (ctx) => {
  const { page, run } = await restPage(ctx);
  try {
    const r = await run(`
      const codes = [];
      for (const o of [{}, { mode: 'portal' }, { mode: 'rest', portalOrigins: [api] }, { mode: 'sideways', portalOrigins: [api] },
                       { portalOrigins: [api], heartbeatMs: -1 }, { portalOrigins: [api], rest: { baseUrl: 'ftp://x' } }]) {
        try { new B.Bridge(o); codes.push('constructed'); } catch (e) { codes.push(e.code); }
      }
      const lonely = new B.Bridge({ portalOrigins: [api] });
      const noPath = await lonely.ready.catch((e) => e.code);
      const call = await lonely.call({ campaign: 'x', callerid: '1', destination: '2' }).catch((e) => e.code);
      const restNoAgent = new B.Bridge({ mode: 'rest', rest: { baseUrl: api, user: 'agent1', password: 'secret1' } });
      const hang = await restNoAgent.hangup().catch((e) => e.code);
      restNoAgent.destroy();
      const after = await restNoAgent.hangup().catch((e) => e.code);
      return { codes, noPath, call, hang, after };`);
    assertEq(
      r.ok,
      {
        codes: Array(6).fill('INVALID_ARGUMENT'),
        noPath: 'NO_PORTAL',
        call: 'NO_PORTAL',
        hang: 'INVALID_ARGUMENT',
        after: 'DESTROYED',
      },
      `${r.code} ${r.message}`,
    );
  } finally {
    await page.close();
  }
});
