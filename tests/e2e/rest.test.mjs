// The Integra REST client (IntegraClient) in headless Chromium against the sandbox's emulator:
// the CRM page on its own origin calls the API on the portal origin, through CORS, exactly as a
// CRM page calls a uContact instance.
import { test, assert, assertEq } from './harness.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const AGENT = {
  callerid: '1001',
  agent: 'agent1',
  phone: '1001',
  tech: 'SIP',
  context: 'from-internal',
  outqueue: 'Ventas->',
};
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
const FILTER = { calldatei: '2024-03-01 00:00:00', calldatef: '2024-03-31 23:59:59' };

/** Emulator control (from node, not the page). */
export function emulator(ctx) {
  const base = `http://127.0.0.1:${ctx.portalPort}/__emulator`;
  const post = async (path, body) => {
    const r = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!r.ok) throw new Error(`emulator ${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  return {
    reset: () => post('/reset'),
    fault: (endpoint, fault) => post('/faults', { endpoint, ...fault }),
    expireTokens: () => post('/expire-tokens'),
    counters: async () => (await fetch(base + '/counters')).json(),
    state: async () => (await fetch(base + '/state')).json(),
  };
}

/** The CRM page opened top-level (not framed): the REST path. `run(code)` evaluates `code` in
 *  an async function with `api` (the instance origin) and `B` (the wasm exports) in scope and
 *  gives `{ ok }` or `{ code, name, message, status }`. */
export async function restPage(ctx, crmHost = '127.0.0.1') {
  const page = await ctx.browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://${crmHost}:${ctx.crmPort}/`);
  await page.waitForFunction(() => document.body.dataset.ready === 'wasm');
  const api = `http://127.0.0.1:${ctx.portalPort}`;
  const run = (code) =>
    page.evaluate(
      async ([code, api]) => {
        const B = window.bridge;
        try {
          const ok = await new Function('B', 'api', `return (async () => { ${code} })();`)(B, api);
          return { ok: ok === undefined ? null : ok };
        } catch (e) {
          // Every error message a test sees goes to the console log, which the secret scan reads.
          console.log(`${e && e.name} ${e && e.code}: ${e && e.message}`);
          return {
            code: e && e.code,
            name: e && e.name,
            message: String(e && e.message),
            status: e && e.status,
            body: e && e.body,
            reached: e && e.reached,
            endpoint: e && e.endpoint,
            method: e && e.method,
            args: e && e.args,
            sent: e && e.sent,
          };
        }
      },
      [code, api],
    );
  return { page, run, errors, api };
}

/** Runs `code` (after `CLIENT`) with `fault` armed on `key` just before the request of its
 *  last `return …` statement, in the page; the result (or error) carries `reached`: how many
 *  requests reached `key` under the fault. */
async function underFault(run, key, code, fault) {
  const cut = code.lastIndexOf('return ');
  const [setup, last] = [code.slice(0, cut), code.slice(cut)];
  return run(
    CLIENT +
      `await c.login(); ${setup}
    const count = async () => (await (await fetch(api + '/__emulator/counters')).json())['${key}'] ?? 0;
    await fetch(api + '/__emulator/faults', { method: 'POST', body: JSON.stringify({ endpoint: '${key}', ...${JSON.stringify(fault)} }) });
    const n0 = await count();
    let value, error;
    try { value = await (async () => { ${last} })(); } catch (e) { error = e; }
    const reached = (await count()) - n0;
    if (error) { error.reached = reached; throw error; }
    return { value, reached };`,
  );
}

const CLIENT = `const c = new B.IntegraClient({ baseUrl: api, user: 'agent1', password: 'secret1',
  recordingHosts: { telephony: api, backup: api + '/backup' } });`;

/** One call per endpoint (after `CLIENT`), its emulator key, and a check of its value. */
/** @type {[string, string, (v: any) => void][]} */
const ENDPOINTS = [
  ['auth/getUserToken', `await c.login(); return c.hasToken;`, (v) => assertEq(v, true, 'token kept')],
  [
    'Agents/AgentCall',
    `return c.agentCall({ ...${JSON.stringify(AGENT)}, destination: '098000111' });`,
    (v) => assert(GUID.test(v), `guid ${v}`),
  ],
  [
    'Agents/AgentCallwithData',
    `return c.agentCallWithData({ ...${JSON.stringify(AGENT)}, destination: '098000112', data: 'idcustomer=7', form: 'ventas' });`,
    (v) => assert(GUID.test(v), `guid ${v}`),
  ],
  [
    'Agents/TagRecord',
    `const g = await c.agentCall({ ...${JSON.stringify(AGENT)}, destination: '098000113' });
    return c.tagRecord({ phone: '1001', guid: g, data: 'venta' });`,
    (v) => assertEq(v, null, 'tag'),
  ],
  [
    'Agents/HangupPhone',
    `await c.agentCall({ ...${JSON.stringify(AGENT)}, destination: '098000114' }); return c.hangupPhone({ phone: '1001' });`,
    (v) => assertEq(v, null, 'hangup'),
  ],
  [
    'api/DispositionCall',
    `const g = await c.agentCall({ ...${JSON.stringify(AGENT)}, destination: '098000115' });
    return c.dispositionCall({ campaign: 'Ventas->', agent: 'agent1', callerid: '098000115', guid: g, l1: 'Venta', l2: 'Contado', comment: 'ok' });`,
    (v) => assert(v && 'txtcode' in v, `outcome ${JSON.stringify(v)}`),
  ],
  [
    'admin/addblack',
    `return c.addBlack({ phone: '098765432', campaign: '*', username: 'agent1', jobTitle: 'CEO', name: 'Ana' });`,
    (v) => assertEq(v, null, 'addblack'),
  ],
  [
    'Cdr/getrecords',
    `return c.getRecords(${JSON.stringify(FILTER)}, { searchLimit: 7 });`,
    (v) => {
      assertEq(v.length, 7, 'one page of 7');
      assert(GUID.test(v[0].guid) && /^2024-03-/.test(v[0].calldate), `record ${JSON.stringify(v[0])}`);
    },
  ],
  [
    'Supervisor/convert',
    `return c.convert({ guid: '4e3f9d86-5c3b-4f88-ad8a-9d4b3a6c7e54', calldate: '2016-01-20 12:00:00' });`,
    (v) => assertEq(v, null, 'convert'),
  ],
  [
    'Supervisor/queuesummary',
    `return c.queueSummary();`,
    (v) => {
      assert(
        v.queues.length >= 1 && typeof v.queues[0].queue === 'string',
        `queues ${JSON.stringify(v).slice(0, 200)}`,
      );
    },
  ],
  [
    'Supervisor/campaignstatus',
    `return c.campaignStatus('Ventas->');`,
    (v) => {
      const agent = v.agents['SIP/1001'];
      assert(
        agent && typeof agent.status.code === 'number' && typeof agent.status.name === 'string',
        `agents ${JSON.stringify(v.agents)}`,
      );
    },
  ],
  ['Dialers/Respool', `return c.respool(${JSON.stringify(RESPOOL)});`, (v) => assertEq(v, null, 'respool')],
  [
    'Dialers/ScheduleDialerCall',
    `return c.scheduleDialerCall({ calldate: '2030-01-15 10:30:00', campaign: 'Ventas->', destination: '098344484', alternatives: '098124484', agentphone: '1001', data: 'a=1' });`,
    (v) => assertEq(v, null, 'schedule'),
  ],
  [
    'Dialers/DialerTask',
    `for (const mode of ['priority', 'clickToCall', 'addToDialer']) await c.dialerTask({ mode, campaign: 'Ventas->', destination: '098344485' });
    return c.dialerTask({ mode: 'schedule', calldate: '2030-01-15 10:30:00', campaign: 'Ventas->', destination: '098344486', alternatives: '098124484', data: 'a=1' });`,
    (v) => assertEq(v, null, 'dialer task'),
  ],
  [
    'Dialers/RemoveContact',
    `await c.dialerTask({ mode: 'addToDialer', campaign: 'Ventas->', destination: '098344487' });
    return c.removeContact({ campaign: 'Ventas->', number: '098344487' });`,
    (v) => assertEq(v, null, 'remove contact'),
  ],
  [
    'Dialers/RemoveScheduleDialerCall',
    `await c.scheduleDialerCall({ calldate: '2030-01-15 10:30:00', campaign: 'Ventas->', destination: '098344488' });
    return c.removeScheduleDialerCall({ campaign: 'Ventas->', destination: '098344488', from: '2030-01-15 00:00:00', to: '2030-01-16 00:00:00' });`,
    (v) => assertEq(v, null, 'remove schedule'),
  ],
  [
    'Dialers/uploadbase',
    `return c.uploadBase({ filename: 'base.txt', campaign: 'Ventas->', username: 'agent1',
    rows: [{ campaign: 'Ventas->', number: '098000001', data: { idcustomer: '7', name: 'Ana' }, alternatives: ['098000002'] },
           { campaign: 'Ventas->', number: '098000003', priority: 5, agentphone: '1001' }] });`,
    (v) => assertEq(v, null, 'upload'),
  ],
  [
    'Dialers/uploadbasewithtimezone',
    `return c.uploadBase({ filename: 'base.txt', campaign: 'Ventas->', username: 'agent1', timezone: 'America/Montevideo',
    rows: [{ campaign: 'Ventas->', number: '098000004' }] });`,
    (v) => assertEq(v, null, 'upload tz'),
  ],
  [
    'SMS/SendSMSv2',
    `return c.sendSms({ destination: '+59898344484', message: 'Hola ñ 😀', campaign: 'Ventas->', agent: 'agent1' });`,
    (v) => assertEq(v, 'sms-1', 'the id, read from the documented { id:"…" }'),
  ],
  [
    'SMS/SendSMS',
    `return c.sendSmsV1({ destination: '098344484', message: 'Hola', campaign: 'Ventas->', source: '24008000' });`,
    (v) => assertEq(v, null, 'sms v1'),
  ],
  [
    'SMS/ScheduleDialerSMS',
    `return c.scheduleSms({ calldate: '2030-01-15 10:30:00', campaign: 'Ventas->', destination: '098344484', data: 'Recordatorio' });`,
    (v) => assertEq(v, null, 'scheduled sms'),
  ],
  [
    'api/AgentUnBreak',
    `return c.agentUnbreak({ agent: 'Santiago', interface: 'SIP/1011', motive: 'Almuerzo' });`,
    (v) => assertEq(v, null, 'unbreak'),
  ],
  [
    'api/AgentLogoff',
    `return c.agentLogoff({ agent: 'agent1', interface: 'SIP/1001', message: 'fin de turno' });`,
    (v) => assertEq(v, null, 'logoff'),
  ],
  [
    'auth/EndSession',
    `await c.login(); await c.endSession(); return c.hasToken;`,
    (v) => assertEq(v, false, 'token forgotten'),
  ],
];

test('rest: every endpoint succeeds against the emulator (CORS, form encoding, Basic token)', async (ctx) => {
  const emu = emulator(ctx);
  const { page, run, errors } = await restPage(ctx, 'localhost');
  try {
    for (const [key, code, check] of ENDPOINTS) {
      await emu.reset();
      const r = await run(CLIENT + code);
      assert(!r.code, `${key}: ${r.code} ${r.message}`);
      check(r.ok);
      const counters = await emu.counters();
      assert(counters[key] >= 1, `${key} reached the emulator: ${JSON.stringify(counters)}`);
    }
    // The emulator kept what the dialer endpoints sent, field for field.
    await emu.reset();
    await run(CLIENT + `await c.respool(${JSON.stringify(RESPOOL)});`);
    const st = await emu.state();
    assertEq(st.respools.length, 1, 'one respool stored');
    assertEq(st.respools[0].destination, RESPOOL.destination, 'respool destination');
    assertEq(errors, [], 'no page errors');
  } finally {
    await page.close();
  }
});

test('rest: the WhatsApp/SMS endpoints send every field as given, are never repeated (a 401 included), and the Agent API runs on an agent token alone', async (ctx) => {
  const emu = emulator(ctx);
  const { page, run, errors } = await restPage(ctx);
  try {
    await emu.reset();
    const r = await run(
      CLIENT +
        `const id = await c.sendSms({ destination: '+59898344484', message: 'Línea 1\\nLínea 2 & 50% 😀', campaign: 'Ventas->' });
      await c.scheduleSms({ calldate: '2030-01-15 10:30:00', campaign: 'Ventas->', destination: '098344484', data: 'Recordatorio' });
      return id;`,
    );
    assertEq(r.ok, 'sms-1', `the id: ${JSON.stringify(r)}`);
    const st = await emu.state();
    assertEq(
      st.sms.map((m) => [m.endpoint, m.destination, m.message, m.campaign, m.agent, m.source, m.calldate]),
      [
        ['SMS/SendSMSv2', '+59898344484', 'Línea 1\nLínea 2 & 50% 😀', 'Ventas->', '', '', ''],
        ['SMS/ScheduleDialerSMS', '098344484', 'Recordatorio', 'Ventas->', '', '', '2030-01-15 10:30:00'],
      ],
      'what the emulator kept, field for field',
    );
    // The documented failure word, and bad input caught before sending.
    await emu.reset();
    const refused = await run(
      CLIENT + `return c.sendSms({ destination: '098344484', message: 'x', campaign: 'NoSuch->' });`,
    );
    assertEq([refused.code, refused.sent, refused.method], ['REFUSED', true, 'sendSms'], 'ERROR is REFUSED, sent');
    for (const bad of [
      `{ destination: 'abc', message: 'x', campaign: 'Ventas->' }`,
      `{ destination: '091', message: '', campaign: 'Ventas->' }`,
      `{ destination: '091', message: 'x', campaign: 'Ventas->', priority: 1 }`,
    ]) {
      const e = await run(CLIENT + `return c.sendSms(${bad});`);
      assertEq([e.code, e.sent], ['INVALID_ARGUMENT', false], bad);
    }
    const e = await run(
      CLIENT +
        `return c.scheduleSms({ calldate: '2030-01-15T10:30', campaign: 'Ventas->', destination: '091', data: 'x' });`,
    );
    assertEq([e.code, e.sent], ['INVALID_ARGUMENT', false], 'calldate checked');
    // A send is not repeated after a 401 (unlike the other endpoints, which log in again once).
    await emu.reset();
    const once = await underFault(
      run,
      'SMS/SendSMSv2',
      `return c.sendSms({ destination: '098344484', message: 'x', campaign: 'Ventas->' });`,
      { status: 401, times: 1 },
    );
    assertEq([once.code, once.sent, once.reached], ['UNAUTHORIZED', true, 1], 'one request, no retry');
    // The Agent API with the agent's own token: no login call at all.
    await emu.reset();
    // (The token comes from elsewhere, as an agent's does: here the emulator's login, by hand.)
    const agent =
      await run(`const token = await (await fetch(api + '/Integra/resources/auth/getUserToken', { method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user=agent1&password=secret1' })).json();
      const before = (await (await fetch(api + '/__emulator/counters')).json())['auth/getUserToken'] ?? 0;
      const c = new B.IntegraClient({ baseUrl: api, token });
      await c.agentUnbreak({ agent: 'Santiago', interface: 'SIP/1011', motive: 'Almuerzo' });
      await c.hangupPhone({ phone: '1001' }).catch((e) => e.code);
      await c.agentLogoff({ agent: 'agent1', interface: 'SIP/1001' });
      const after = (await (await fetch(api + '/__emulator/counters')).json())['auth/getUserToken'] ?? 0;
      return after - before;`);
    assertEq(agent.ok, 0, `no AgentLogin nor user login on the agent-token client: ${JSON.stringify(agent)}`);
    assertEq(
      (await emu.state()).agentApi.map((a) => [a.endpoint, a.agent, a.interface]),
      [
        ['api/AgentUnBreak', 'Santiago', 'SIP/1011'],
        ['api/AgentLogoff', 'agent1', 'SIP/1001'],
      ],
      'the Agent API calls',
    );
    assertEq(errors, [], 'no page errors');
  } finally {
    await page.close();
  }
});

test('rest: every endpoint fails with the right typed error (0, 500, malformed body, dropped connection)', async (ctx) => {
  const emu = emulator(ctx);
  const { page, run } = await restPage(ctx);
  try {
    for (const [key, code] of ENDPOINTS) {
      if (key.startsWith('auth/')) continue; // the session endpoints have their own test below
      // The call under test is the last request of `code`; earlier ones (e.g. the call a tag
      // refers to) go through before the fault is armed.
      for (const [fault, want] of [
        [{ zero: true }, 'REFUSED'],
        [{ status: 500, body: 'boom' }, 'HTTP_STATUS'],
        [{ body: '{not json' }, 'BAD_RESPONSE'],
        [{ dropConnection: true }, 'NETWORK'],
      ]) {
        await emu.reset();
        const r = await underFault(run, key, code, fault);
        const expected = key === 'api/DispositionCall' && want === 'REFUSED' ? ['REFUSED', 'BAD_REQUEST'] : [want];
        assert(
          expected.includes(r.code),
          `${key} with ${JSON.stringify(fault)}: want ${want}, got ${r.code} ${r.message}`,
        );
        assertEq(r.name, 'UContactError', 'error name');
        if (want === 'HTTP_STATUS') assertEq([r.status, r.body], [500, 'boom'], 'status and body exposed');
      }
    }
    // Server-side validation: the emulator's 400 text arrives verbatim.
    await emu.reset();
    const bad = await run(
      CLIENT +
        `return c.dispositionCall({ campaign: 'Ventas->', agent: 'agent1', callerid: '1', guid: '7e4e7db9-f080-494e-b04b-7c8e47711558', l1: 'Nope' });`,
    );
    assertEq(bad.code, 'BAD_REQUEST', 'unknown disposition');
    assert(/Disposition not found/i.test(bad.message), bad.message);
    // Caught before sending: nothing reaches the server.
    await emu.reset();
    for (const code of [
      `return c.agentCall({ ...${JSON.stringify(AGENT)} });`,
      `return c.dialerTask({ mode: 'later', campaign: 'x', destination: '1' });`,
      `return c.hangupPhone({ phone: '1001', extra: 1 });`,
      `return c.uploadBase({ filename: 'b', campaign: 'Ventas->', username: 'a', rows: [{ campaign: 'Ventas->', number: '09;1' }] });`,
    ]) {
      const r = await run(CLIENT + code);
      assertEq(r.code, 'INVALID_ARGUMENT', code);
    }
    const counters = await emu.counters();
    assertEq(
      Object.values(counters).reduce((a, b) => a + b, 0),
      0,
      `nothing sent: ${JSON.stringify(counters)}`,
    );
  } finally {
    await page.close();
  }
});

test('rest: an answer past maxResponseBytes rejects RESPONSE_TOO_LARGE (declared or streamed), the client stays usable, and a streamed answer split mid-character reads exactly', async (ctx) => {
  const emu = emulator(ctx);
  const { page, run } = await restPage(ctx);
  try {
    await emu.reset();
    // 5,002 bytes of valid JSON against a limit of 4,096: with its Content-Length (refused from
    // the head) and in pieces of 1,000 bytes with none (refused as the bytes arrive).
    const big = '[' + ' '.repeat(5000) + ']';
    for (const chunkBytes of [null, 1000]) {
      const r =
        await run(`const c = new B.IntegraClient({ baseUrl: api, user: 'agent1', password: 'secret1', maxResponseBytes: 4096 });
        await c.login();
        const fault = { endpoint: 'Supervisor/queuesummary', body: ${JSON.stringify(big)}, times: 1 };
        if (${chunkBytes}) fault.chunkBytes = ${chunkBytes};
        await fetch(api + '/__emulator/faults', { method: 'POST', body: JSON.stringify(fault) });
        let error = null;
        try { await c.queueSummary(); } catch (e) { error = e; }
        const after = await c.queueSummary();
        return { code: error && error.code, name: error && error.name, sent: error && error.sent, message: error && error.message,
          endpoint: error && error.endpoint, queues: after.queues.length, queued: c.queued };`);
      const v = r.ok;
      assert(v, `no result: ${JSON.stringify(r)}`);
      assertEq(
        [v.code, v.name, v.sent, v.endpoint],
        ['RESPONSE_TOO_LARGE', 'UContactError', true, 'Supervisor/queuesummary'],
        `chunks ${chunkBytes}`,
      );
      assert(/larger than the client's `maxResponseBytes`/.test(v.message), v.message);
      assert(v.queues >= 1 && v.queued === 0, `the client answers the next call: ${JSON.stringify(v)}`);
    }
    // Under the limit, streamed three bytes at a time (pieces split the multi-byte characters).
    const name = 'Ventas é☎😀<-';
    const body = JSON.stringify([
      { queue: name, loggedIn: 2, available: 1, callers: 0, holdTime: 0, talkTime: 0, longestHoldTime: 0 },
    ]);
    const streamed = await run(`const c = new B.IntegraClient({ baseUrl: api, user: 'agent1', password: 'secret1' });
      await c.login();
      await fetch(api + '/__emulator/faults', { method: 'POST', body: JSON.stringify({ endpoint: 'Supervisor/queuesummary', body: ${JSON.stringify(body)}, chunkBytes: 3, times: 1 }) });
      const q = await c.queueSummary();
      return [q.queues[0].queue, q.queues[0].loggedIn];`);
    assertEq(streamed.ok, [name, 2], 'streamed answer');
    // The option is checked like the others.
    for (const bad of [10, -1, 2.5, '4096']) {
      const r = await run(
        `new B.IntegraClient({ baseUrl: api, token: 'dG9rZW4=', maxResponseBytes: ${JSON.stringify(bad)} });`,
      );
      assertEq(r.code, 'INVALID_ARGUMENT', `maxResponseBytes ${JSON.stringify(bad)}`);
    }
  } finally {
    await page.close();
  }
});

test('rest: login failures, expired tokens (401 → one re-login, one retry) and a token-only client', async (ctx) => {
  const emu = emulator(ctx);
  const { page, run } = await restPage(ctx);
  try {
    await emu.reset();
    const wrong = await run(
      `const c = new B.IntegraClient({ baseUrl: api, user: 'agent1', password: 'nope-pass' }); return c.hangupPhone({ phone: '1001' });`,
    );
    assertEq(wrong.code, 'LOGIN_FAILED', 'bad password');
    assert(!wrong.message.includes('nope-pass'), 'password not in the message');

    // 401 on the real request: log in again once, send again once.
    await emu.reset();
    const r = await run(
      CLIENT +
        `await c.login();
      await fetch(api + '/__emulator/expire-tokens', { method: 'POST' });
      return c.dialerTask({ mode: 'addToDialer', campaign: 'Ventas->', destination: '098344489' });`,
    );
    assert(!r.code, `re-login path: ${r.code} ${r.message}`);
    let n = await emu.counters();
    assertEq([n['auth/getUserToken'], n['Dialers/DialerTask']], [2, 2], 'two logins, the 401 plus one retry');
    assertEq((await emu.state()).dialerTasks.length, 1, 'the dialer task ran once');

    // A server that keeps answering 401: one retry only, then UNAUTHORIZED.
    await emu.reset();
    await emu.fault('*', { unauthorized: true });
    const always = await run(CLIENT + `return c.hangupPhone({ phone: '1001' });`);
    assertEq(always.code, 'UNAUTHORIZED', 'persistent 401');
    n = await emu.counters();
    assertEq([n['auth/getUserToken'], n['Agents/HangupPhone']], [2, 2], 'stopped after one retry');

    // A client given only a token cannot log in again: UNAUTHORIZED at once, not retried.
    await emu.reset();
    const tokenOnly = await run(`
      const r = await fetch(api + '/Integra/resources/auth/getUserToken', { method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, body: 'user=agent1&password=secret1' });
      const token = JSON.parse(await r.text());
      await fetch(api + '/__emulator/expire-tokens', { method: 'POST' });
      const c = new B.IntegraClient({ baseUrl: api, token });
      try { await c.hangupPhone({ phone: '1001' }); } catch (e) { console.log(e.name + ' ' + e.code + ': ' + e.message); return [e.code, c.hasToken, e.message.includes(token)]; }`);
    assertEq(tokenOnly.ok, ['UNAUTHORIZED', false, false], 'token-only 401');
    n = await emu.counters();
    assertEq(n['Agents/HangupPhone'], 1, 'sent once');

    // Concurrent first requests share one login.
    await emu.reset();
    const both = await run(
      CLIENT + `await Promise.all([c.queueSummary(), c.campaignStatus(), c.queueSummary()]); return true;`,
    );
    assertEq(both.ok, true, 'concurrent requests');
    assertEq((await emu.counters())['auth/getUserToken'], 1, 'one shared login');

    // No credentials and no token.
    const none = await run(`return new B.IntegraClient({ baseUrl: api }).queueSummary();`);
    assertEq(none.code, 'UNAUTHORIZED', 'no token');
  } finally {
    await page.close();
  }
});

test('rest: timeout, abort (before and during), and exactly-once delivery of acting endpoints on 500', async (ctx) => {
  const emu = emulator(ctx);
  const { page, run } = await restPage(ctx);
  try {
    await emu.reset();
    await emu.fault('Agents/HangupPhone', { delayMs: 3000 });
    // The code alone proves the deadline fired: the answer, 3 s later, would have succeeded.
    const slow = await run(CLIENT + `await c.login(); return c.hangupPhone({ phone: '1001' }, { timeoutMs: 300 });`);
    assertEq([slow.code, slow.sent], ['REQUEST_TIMEOUT', true], 'timeout, after sending');

    await emu.reset();
    const before = await run(
      CLIENT +
        `const a = new AbortController(); a.abort(); return c.agentCall({ ...${JSON.stringify(AGENT)}, destination: '098000120' }, { signal: a.signal });`,
    );
    assertEq([before.code, before.sent], ['ABORTED', false], 'aborted before, nothing sent');
    assertEq((await emu.counters())['Agents/AgentCall'] ?? 0, 0, 'nothing sent');

    await emu.reset();
    await emu.fault('Supervisor/queuesummary', { delayMs: 3000 });
    const during = await run(
      CLIENT +
        `await c.login(); const a = new AbortController(); setTimeout(() => a.abort(), 200);
      try { await c.queueSummary({ signal: a.signal }); } catch (e) { return [e.code, e.sent]; }`,
    );
    assertEq(during.ok, ['ABORTED', true], 'aborted during, after sending');

    // Bad per-call options are typed errors too.
    const badOpt = await run(CLIENT + `return c.queueSummary({ timeout: 5 });`);
    assertEq(badOpt.code, 'INVALID_ARGUMENT', 'misspelt option');

    // The endpoints that act: a 500 is reported, never re-sent.
    const acting = ENDPOINTS.filter(([k]) =>
      /AgentCall|DialerTask|uploadbase|DispositionCall|Respool|ScheduleDialerCall|addblack|HangupPhone|TagRecord|convert|Remove/.test(
        k,
      ),
    );
    for (const [key, code] of acting) {
      await emu.reset();
      const r = await underFault(run, key, code, { status: 500 });
      assertEq(r.code, 'HTTP_STATUS', `${key} on 500`);
      assertEq(r.reached, 1, `${key} sent exactly once`);
      // What the failure hands back to retry it deliberately (exercised in the next test).
      assertEq([r.endpoint, r.sent, Array.isArray(r.args)], [key, true, true], `${key}: endpoint, sent, args`);
    }
  } finally {
    await page.close();
  }
});

test('rest: a failed disposition or dialer task hands back everything needed to retry it deliberately', async (ctx) => {
  const emu = emulator(ctx);
  const { page, run } = await restPage(ctx);
  try {
    const cases = ENDPOINTS.filter(([k]) =>
      /DispositionCall|DialerTask|addblack|ScheduleDialerCall|uploadbase/.test(k),
    );
    assert(cases.length >= 5, `cases: ${cases.map(([k]) => k)}`);
    for (const [key, code] of cases) {
      await emu.reset();
      // Fail the call once (500), then send exactly what the error handed back, by hand.
      const cut = code.lastIndexOf('return ');
      const r = await run(
        CLIENT +
          `await c.login(); ${code.slice(0, cut)}
        const count = async () => (await (await fetch(api + '/__emulator/counters')).json())['${key}'] ?? 0;
        const n0 = await count();
        await fetch(api + '/__emulator/faults', { method: 'POST', body: JSON.stringify({ endpoint: '${key}', status: 500 }) });
        let failed;
        try { await (async () => { ${code.slice(cut)} })(); } catch (e) { failed = e; }
        if (!failed) return 'did not fail';
        await fetch(api + '/__emulator/faults/clear', { method: 'POST' });
        const again = await c[failed.method](...failed.args);
        return { code: failed.code, endpoint: failed.endpoint, sent: failed.sent, reached: (await count()) - n0 };`,
      );
      assert(r.ok && typeof r.ok === 'object', `${key}: ${JSON.stringify(r)}`);
      assertEq([r.ok.code, r.ok.endpoint, r.ok.sent], ['HTTP_STATUS', key, true], `${key}: the failure`);
      assertEq(r.ok.reached, 2, `${key}: the failed request and the deliberate retry, nothing else`);
    }
    // Nothing left the page: sent is false, and the arguments are still handed back.
    await emu.reset();
    const bad = await run(CLIENT + `return c.dialerTask({ campaign: '', destination: '099' });`);
    assertEq(
      [bad.code, bad.sent, bad.method, bad.args],
      ['INVALID_ARGUMENT', false, 'dialerTask', [{ campaign: '', destination: '099' }]],
      'invalid arguments',
    );
    const noLogin = await run(`const c = new B.IntegraClient({ baseUrl: api, user: 'agent1', password: 'wrong' });
      return c.dispositionCall({ campaign: 'Ventas->', agent: 'agent1', callerid: '099', guid: '7e4e7db9-f080-494e-b04b-7c8e47711558', l1: 'Venta' });`);
    assertEq(
      [noLogin.code, noLogin.sent, noLogin.endpoint],
      ['LOGIN_FAILED', false, 'api/DispositionCall'],
      'login failed first',
    );
    assertEq((await emu.counters())['api/DispositionCall'] ?? 0, 0, 'the disposition never went out');
  } finally {
    await page.close();
  }
});

test('rest: CDR pages with for-await, recording candidates and the resolver', async (ctx) => {
  const emu = emulator(ctx);
  const { page, run } = await restPage(ctx);
  try {
    await emu.reset();
    const pages = await run(
      CLIENT +
        `const sizes = []; const guids = new Set();
      const it = c.records(${JSON.stringify(FILTER)}, { pageSize: 25 });
      for await (const p of it) { sizes.push(p.length); p.forEach((r) => guids.add(r.guid)); }
      return [sizes, guids.size, it.done, it.lastrow];`,
    );
    assertEq(pages.ok, [[25, 25, 10], 60, true, 60], 'three pages of the 60 March calls, no duplicates');
    assertEq((await emu.counters())['Cdr/getrecords'], 3, 'three requests');

    const badFilter = await run(
      CLIENT + `c.records({ calldatei: 'yesterday', calldatef: '2024-03-31 23:59:59' }); return 'no throw';`,
    );
    assertEq(badFilter.code, 'INVALID_ARGUMENT', 'bad filter throws at once');

    const cands = await run(
      CLIENT + `return c.recordingCandidates('7e4e7db9-f080-494e-b04b-7c8e47711558', '2016-01-18 10:00:00');`,
    );
    assertEq(cands.ok.length, 8, 'four places × two formats');
    assertEq(
      cands.ok.map((x) => x.format),
      ['mp3', 'mp3', 'mp3', 'mp3', 'gsm', 'gsm', 'gsm', 'gsm'],
      'mp3 first',
    );

    const seeded = {
      '7e4e7db9-f080-494e-b04b-7c8e47711558': [
        '2016-01-18 10:00:00',
        '/records/7e4e7db9-f080-494e-b04b-7c8e47711558.mp3',
      ],
      '2c1d7b64-3a1f-4d66-8b68-7b2f1e4a5c32': [
        '2016-01-19 09:05:10',
        '/backup/records/20160119/2c1d7b64-3a1f-4d66-8b68-7b2f1e4a5c32.mp3',
      ],
      '3d2e8c75-4b2a-4e77-9c79-8c3a2f5b6d43': [
        '2016-01-19 16:45:00',
        '/backup/records/3d2e8c75-4b2a-4e77-9c79-8c3a2f5b6d43.mp3',
      ],
      '4e3f9d86-5c3b-4f88-ad8a-9d4b3a6c7e54': [
        '2016-01-20 12:00:00',
        '/records/20160120/4e3f9d86-5c3b-4f88-ad8a-9d4b3a6c7e54.gsm',
      ],
      '6a5b1fa8-7e5d-4baa-8fac-bf6d5c8e9a76': ['2016-01-21 18:00:00', null],
    };
    for (const [guid, [date, path]] of Object.entries(seeded)) {
      const r = await run(CLIENT + `const f = await c.findRecording('${guid}', '${date}'); return f && f.url;`);
      assert(!r.code, `${guid}: ${r.code} ${r.message}`);
      assertEq(r.ok, path && `http://127.0.0.1:${ctx.portalPort}${path}`, `recording of ${guid}`);
    }
    // An unreachable backup host and no recording elsewhere: NETWORK, not "none".
    const down =
      await run(`const c = new B.IntegraClient({ baseUrl: api, recordingHosts: { telephony: api, backup: 'http://127.0.0.1:9' } });
      return c.findRecording('6a5b1fa8-7e5d-4baa-8fac-bf6d5c8e9a76', '2016-01-21 18:00:00');`);
    assertEq(down.code, 'NETWORK', 'unreachable host');
  } finally {
    await page.close();
  }
});

test('rest: buildBaseFile names the row and field at fault and builds the documented format', async (ctx) => {
  const { page, run } = await restPage(ctx);
  try {
    const ok =
      await run(`const f = B.buildBaseFile([{ campaign: 'Ventas->', number: '098000001', data: [['a', '1'], ['b', '2']], alternatives: ['098000002', '098000003'] }]);
      return [f.rows, f.text, atob(f.base64) === f.text];`);
    assert(!ok.code, `${ok.code} ${ok.message}`);
    assertEq(ok.ok[0], 1, 'row count');
    assert(ok.ok[1].startsWith('Ventas->;098000001;'), ok.ok[1]);
    assertEq(ok.ok[2], true, 'base64 of the text');
    const bad = await run(
      `B.buildBaseFile([{ campaign: 'Ventas->', number: '1' }, { campaign: 'Ventas->', number: '2\\n3' }]);`,
    );
    assertEq(bad.code, 'INVALID_ARGUMENT', 'newline in a number');
    assert(/row 2/.test(bad.message), bad.message);
    // A row of the wrong shape is named too (its batch is read again member by member); not an
    // array is refused.
    const shape = await run(
      `B.buildBaseFile([{ campaign: 'Ventas->', number: '1' }, { campaign: 'Ventas->', number: 2 }]);`,
    );
    assert(shape.code === 'INVALID_ARGUMENT' && /row 2/.test(shape.message), `${shape.code} ${shape.message}`);
    const notArray = await run(`B.buildBaseFile({ campaign: 'Ventas->', number: '1' });`);
    assertEq(notArray.code, 'INVALID_ARGUMENT', 'not an array');
    // A base bigger than the pieces the text and base64 are handed over in (512 KiB), with
    // multibyte characters: the joined pieces are the same file a plain JS join gives, and an
    // error in the last row is still found and named.
    const big =
      await run(`const rows = Array.from({ length: 30000 }, (_, i) => ({ campaign: 'Campaña->', number: String(90000000 + i),
        data: { id: String(i), nombre: 'José ☎' }, alternatives: i % 2 ? [] : ['2' + i], priority: i % 3 ? undefined : i }));
      const f = B.buildBaseFile(rows);
      const want = rows.map((r) => [r.campaign, r.number, 'id=' + r.data.id + ':nombre=' + r.data.nombre, r.alternatives.join(':')]
        .concat(r.priority === undefined ? [] : [String(r.priority)]).join(';')).join('\\n') + '\\n';
      const bytes = new TextEncoder().encode(want);
      let bin = '';
      for (let i = 0; i < bytes.length; i += 8192) bin += String.fromCharCode(...bytes.subarray(i, i + 8192));
      rows[29999].number = '1:2';
      let late = null;
      try { B.buildBaseFile(rows); } catch (e) { late = [e.code, e.message]; }
      return [f.rows, f.text === want, f.base64 === btoa(bin), bytes.length, late];`);
    assert(!big.code, `${big.code} ${big.message}`);
    const [count, sameText, sameBase64, size, late] = big.ok;
    assertEq(count, 30000, 'rows of a big base');
    assert(size > 2 * 512 * 1024, `the base spans several pieces (${size} B)`);
    assertEq(sameText, true, 'text of a big base');
    assertEq(sameBase64, true, 'base64 of a big base');
    assert(late && late[0] === 'INVALID_ARGUMENT' && /row 30000/.test(late[1]), JSON.stringify(late));
  } finally {
    await page.close();
  }
});

test('rest: buildBaseFile reads rows in batches through JSON.stringify and falls back to member reads', async (ctx) => {
  const { page, run } = await restPage(ctx);
  try {
    // 2,500 rows: three batches. Row 1,500 holds a lone surrogate, which the JSON way refuses,
    // so that batch is read member by member (the surrogate becomes U+FFFD, as any string
    // handed to wasm does); the file is the same as a plain JS join of the same rows.
    const mixed =
      await run(`const rows = Array.from({ length: 2500 }, (_, i) => ({ campaign: 'Ventas->', number: String(90000000 + i),
        data: i % 2 ? { id: i, n: 'é' } : [['id', String(i)], ['n', 'é']], alternatives: i % 3 ? null : ['2' + i], priority: i % 4 ? undefined : i,
        agentphone: i % 5 ? null : '1001' }));
      rows[1499].campaign = 'Ventas\\uD800';
      const f = B.buildBaseFile(rows);
      const want = rows.map((r, i) => [r.campaign.replace('\\uD800', '\\uFFFD'), r.number, 'id=' + i + ':n=é', r.alternatives ? r.alternatives[0] : '']
        .concat(r.agentphone ? [r.priority === undefined ? '' : String(r.priority), r.agentphone] : r.priority === undefined ? [] : [String(r.priority)])
        .join(';')).join('\\n') + '\\n';
      return [f.rows, f.text === want, f.text.split('\\n')[1499]];`);
    assert(mixed.ok, `${mixed.name} ${mixed.code} ${mixed.message}`);
    assertEq(mixed.ok[0], 2500, 'row count');
    assertEq(mixed.ok[2], 'Ventas\uFFFD;90001499;id=1499:n=é;', 'the row read member by member');
    assertEq(mixed.ok[1], true, 'the same file as a plain join');
    // What JSON.stringify leaves out (a member that is undefined, a function or a symbol) is
    // absent; a getter that throws makes its batch be read member by member, where the row and
    // member are named.
    const skipped = await run(
      `return B.buildBaseFile([{ campaign: 'c', number: '1', priority: undefined, agentphone: () => '1001' }]).text;`,
    );
    assertEq(skipped.ok, 'c;1;;\n', 'members JSON leaves out');
    const throwing =
      await run(`const rows = Array.from({ length: 1500 }, (_, i) => ({ campaign: 'c', number: String(i) }));
      Object.defineProperty(rows[1200], 'number', { enumerable: true, get() { throw new Error('no'); } });
      B.buildBaseFile(rows);`);
    assert(
      throwing.code === 'INVALID_ARGUMENT' && /: row 1201: /.test(throwing.message),
      `${throwing.code} ${throwing.message}`,
    );
    // A wrong type in a late batch is named by its row too.
    const late = await run(`const rows = Array.from({ length: 3000 }, (_, i) => ({ campaign: 'c', number: String(i) }));
      rows[2999].priority = 1.5;
      B.buildBaseFile(rows);`);
    assert(
      late.code === 'INVALID_ARGUMENT' && /: row 3000: `priority`/.test(late.message),
      `${late.code} ${late.message}`,
    );
  } finally {
    await page.close();
  }
});

test('rest: a Respool edited from a CTI record goes back over REST (Dialers/Respool and ScheduleDialerCall)', async (ctx) => {
  const emu = emulator(ctx);
  const { page, run } = await restPage(ctx);
  try {
    await emu.reset();
    const r = await run(
      CLIENT +
        `
      const record = JSON.stringify({ Guid: '7e4e7db9-f080-494e-b04b-7c8e47711558', Campaign: 'Ventas->', Callerid: '098344484',
        Dialer: { campaign: 'Ventas->', destination: '098344484', dialerbase: 'basetest', status: 1, data: 'Par1=Val1',
                  alternatives: '098124484:099111222', contact: 222, retries: 3, priority: 9999, agentphone: '1001' } });
      const key = B.generateCtiKey(); window.ucbSecret(key);  // for the secret scan
      const cti = B.decodeCti(B.encryptCti(record, key), { key });
      const rp = B.Respool.fromCti(cti);
      rp.promote('098124484');
      rp.setData('outcome', 'callback');
      await c.respool(rp);
      await c.schedule('2030-01-15 10:30:00', rp);
      const bad = await c.schedule('2030-02-30 10:30:00', rp).then(() => 'resolved', (e) => e.code);
      const notRespool = await c.respool({ campaign: 'Ventas->' }).then(() => 'resolved', (e) => e.code);
      return [bad, notRespool];`,
    );
    assertEq(
      r.ok,
      ['INVALID_ARGUMENT', 'INVALID_ARGUMENT'],
      `bad date and a non-Respool rejected before sending (${r.code} ${r.message})`,
    );
    const st = await emu.state();
    assertEq(st.respools.length, 1, 'one respool');
    const sent = st.respools[0];
    assertEq(
      [sent.destination, sent.alternatives, sent.retries, sent.data, sent.contact, sent.dialerbase],
      ['098124484', '098344484:099111222', 0, 'Par1=Val1:outcome=callback', 222, 'basetest'],
      'the edited row, carried fields intact',
    );
    assertEq(st.schedules.length, 1, 'one schedule');
    assertEq(
      [st.schedules[0].calldate, st.schedules[0].destination, st.schedules[0].data],
      ['2030-01-15 10:30:00', '098124484', 'Par1=Val1:outcome=callback'],
      'schedule',
    );
  } finally {
    await page.close();
  }
});
