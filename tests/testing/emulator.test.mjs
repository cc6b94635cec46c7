// The npm package's Integra API emulator for Node (pkg-template/testing/emulator.mjs) over real
// HTTP: node:http on 127.0.0.1:0 with createEmulator's handle, driven by fetch and raw sockets.
// Needs the WebAssembly build (scripts/build-emulator.sh). No secret is printed: tokens and
// passwords stay out of assertion messages.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { createEmulator } from '../../pkg-template/testing/emulator.mjs';

const CRM = 'http://crm.example.test:8002';
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' };

let emu;
let server;
let base;

before(async () => {
  emu = await createEmulator({ allowOrigins: [CRM] });
  server = http.createServer((req, res) => {
    if (emu.handle(req, res)) return;
    res.writeHead(418, { 'content-type': 'text/plain' });
    res.end('the caller serves this');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

beforeEach(() => emu.reset());

/** POSTs a form to an Integra endpoint; `token` adds the Authorization header. */
function post(endpoint, fields, token, headers = {}) {
  const auth = token ? { authorization: `Basic ${token}` } : {};
  return fetch(`${base}/Integra/resources/${endpoint}`, {
    method: 'POST',
    headers: { ...FORM, ...auth, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

async function login() {
  const r = await post('auth/getUserToken', { user: 'agent1', password: 'secret1' });
  assert.equal(r.status, 200);
  const token = await r.json();
  assert.equal(typeof token, 'string', 'the token is a JSON string literal');
  return token;
}

const CALL = {
  callerid: '24000000',
  agent: 'agent1',
  phone: '1001',
  tech: 'SIP',
  context: 'agentes',
  outqueue: 'Ventas->',
  destination: '098344484',
};

/** One raw HTTP/1.1 exchange on a fresh socket: everything the server sent until it closed. */
function rawExchange(text) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.address().port, '127.0.0.1', () => socket.write(text));
    const chunks = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.on('error', (/** @type {NodeJS.ErrnoException} */ e) =>
      e.code === 'ECONNRESET' ? resolve(Buffer.concat(chunks)) : reject(e),
    );
  });
}

test('a login, then one call of each endpoint family', async () => {
  const token = await login();
  let r = await post('Agents/AgentCall', CALL, token);
  const guid = await r.text();
  assert.match(guid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  r = await post(
    'api/DispositionCall',
    {
      campaign: 'Ventas->',
      agent: 'agent1',
      callerid: '098344484',
      guid,
      l1: 'Venta',
      l2: 'Credito',
      l3: '',
      d1: '',
      d2: '',
      comment: 'ok',
      schedule: '',
      camptoreschedule: '',
      tag: '',
    },
    token,
  );
  assert.deepEqual(await r.json(), { Result: 'ok', txtcode: 'VTA-CRED' });
  const filter = JSON.stringify({
    calldatei: '2016-01-01 00:00:00',
    calldatef: '2016-12-31 23:59:59',
    agent: '',
    campaign: '',
    source: '',
    destination: '',
    data: '',
    range: '',
    rating: '',
    mindur: '',
    exclude: '',
    type: 'record',
    cont: '',
  });
  r = await post('Cdr/getrecords', { lastrow: '0', searchLimit: '50', filter }, token);
  assert.ok(Array.isArray(await r.json()));
  r = await post('Supervisor/queuesummary', {}, token);
  assert.ok(Array.isArray(await r.json()));
  const spool = {
    campaign: 'Ventas->',
    destination: '098344484',
    dialerbase: 'basetest',
    status: 1,
    data: 'Par1=Val1',
    alternatives: '',
    contact: 222,
    retries: 0,
    priority: 9999,
    agentphone: '1001',
  };
  r = await post('Dialers/Respool', { callspool: JSON.stringify(spool) }, token);
  assert.equal(await r.text(), '1');
  r = await post(
    'SMS/SendSMS',
    {
      destination: '+59898344484',
      message: 'Su pedido sale hoy',
      campaign: 'Ventas->',
      agent: 'agent1',
      source: '24008000',
    },
    token,
  );
  assert.equal(await r.text(), 'OK');
  const black = { phone: '098344484', campaign: '*', username: 'agent1', company: 'ACME', job_title: '', name: 'Juan' };
  r = await post('admin/addblack', { black: JSON.stringify(black) }, token);
  assert.equal(await r.text(), '1');
  r = await post('auth/EndSession', { user: 'agent1', token }, token);
  assert.equal(await r.text(), '1');

  const state = emu.state();
  assert.equal(state.calls.length, 1);
  assert.equal(state.calls[0].guid, guid);
  assert.equal(state.dispositions.length, 1);
  assert.equal(state.respools.length, 1);
  assert.equal(state.sms.length, 1);
  assert.equal(state.blacklist.length, 1);
  assert.deepEqual(state.sessions, [{ user: 'agent1', valid: false }]);
  assert.ok(!JSON.stringify(state).includes(token), 'the state never shows a token');
  assert.deepEqual(
    emu.requests().map((e) => [e.endpoint, e.status, e.outcome]),
    [
      ['auth/getUserToken', 200, 'ok'],
      ['Agents/AgentCall', 200, 'ok'],
      ['api/DispositionCall', 200, 'ok'],
      ['Cdr/getrecords', 200, 'ok'],
      ['Supervisor/queuesummary', 200, 'ok'],
      ['Dialers/Respool', 200, 'ok'],
      ['SMS/SendSMS', 200, 'ok'],
      ['admin/addblack', 200, 'ok'],
      ['auth/EndSession', 200, 'ok'],
    ],
  );
  assert.equal(emu.counters()['Agents/AgentCall'], 1);
});

test('strict: an unknown field is refused with 0 and a reason; a bad token gets 401', async () => {
  const token = await login();
  let r = await post('Agents/AgentCall', { ...CALL, campaign: 'Ventas->' }, token);
  assert.equal(r.status, 200);
  assert.equal(await r.text(), '0');
  assert.match(r.headers.get('x-emulator-reason'), /unknown field `campaign`/);
  assert.equal(emu.state().calls.length, 0);

  r = await post('Agents/AgentCall', CALL, 'bm90LWEtdG9rZW4=');
  assert.equal(r.status, 401);
  assert.equal(await r.text(), 'HTTP Status 401 - Unauthorized');
  assert.match(r.headers.get('x-emulator-reason'), /token unknown/);
  r = await post('Agents/AgentCall', CALL);
  assert.equal(r.status, 401);
  r = await post('Agents/AgentCall', CALL, token, { 'content-type': 'application/json' });
  assert.equal(r.status, 415);
  r = await fetch(`${base}/Integra/resources/Agents/AgentCall`);
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'POST');
  r = await post('Agents/AgentCall', { data: 'x'.repeat(64) }, token);
  assert.equal(await r.text(), '0', 'a missing field');
});

test("paths that are not the emulator's are left to the caller", async () => {
  for (const path of [
    '/',
    '/portal.html',
    '/records/',
    '/Integra/resources/Agents/AgentCallWithData',
    '/__emulator/nope',
  ]) {
    const r = await fetch(base + path);
    assert.equal(r.status, 418, path);
    assert.equal(await r.text(), 'the caller serves this');
  }
});

test('CORS: preflight from an allowed and a refused origin; answers echo allowed origins only', async () => {
  const preflight = (origin) =>
    fetch(`${base}/Integra/resources/Agents/AgentCall`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
  let r = await preflight(CRM);
  assert.equal(r.status, 204);
  assert.equal(r.headers.get('access-control-allow-origin'), CRM);
  assert.equal(r.headers.get('access-control-allow-methods'), 'POST, GET, HEAD');
  assert.equal(r.headers.get('access-control-allow-headers'), 'Authorization, Content-Type');
  assert.equal(r.headers.get('access-control-max-age'), '600');
  r = await preflight('http://evil.example.test');
  assert.equal(r.status, 403);
  assert.equal(r.headers.get('access-control-allow-origin'), null);
  assert.match(await r.text(), /origin not allowed/);
  assert.equal(emu.counters().preflight, 2);

  const token = await login();
  r = await post('Supervisor/queuesummary', {}, token, { origin: CRM });
  assert.equal(r.headers.get('access-control-allow-origin'), CRM);
  assert.equal(r.headers.get('access-control-expose-headers'), 'x-emulator-reason');
  r = await post('Supervisor/queuesummary', {}, token, { origin: 'http://evil.example.test' });
  assert.equal(r.status, 200, 'processed, but the browser hides it');
  assert.equal(r.headers.get('access-control-allow-origin'), null);
});

test('fault: 401 once, then normal', async () => {
  const token = await login();
  emu.fault('*', { unauthorizedOnce: true });
  let r = await post('Supervisor/queuesummary', {}, token);
  assert.equal(r.status, 401);
  assert.match(r.headers.get('x-emulator-reason'), /fault: forced 401/);
  r = await post('Supervisor/queuesummary', {}, token);
  assert.equal(r.status, 200);
  assert.deepEqual(emu.faults(), {});
});

test('fault: a 5xx with a body, `times` used up, and one sent in pieces', async () => {
  const token = await login();
  emu.fault('Agents/HangupPhone', { status: 502, body: 'bad gateway', times: 1 });
  let r = await post('Agents/HangupPhone', { phone: '1001' }, token);
  assert.equal(r.status, 502);
  assert.equal(await r.text(), 'bad gateway');
  r = await post('Agents/HangupPhone', { phone: '1001' }, token);
  assert.equal(r.status, 200);
  emu.fault('Agents/HangupPhone', { status: 503 });
  r = await post('Agents/HangupPhone', { phone: '1001' }, token);
  assert.equal(r.status, 503);
  assert.equal(await r.text(), 'HTTP Status 503 - Service Unavailable');

  emu.fault('Supervisor/queuesummary', { body: '{"half": "a body in pieces"}', chunkBytes: 4 });
  const text = await rawExchange(
    `POST /Integra/resources/Supervisor/queuesummary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n` +
      `Content-Type: ${FORM['content-type']}\r\nAuthorization: Basic ${token}\r\nContent-Length: 0\r\n\r\n`,
  ).then((b) => b.toString('latin1'));
  const [head, chunked] = text.split('\r\n\r\n');
  assert.match(head, /^HTTP\/1\.1 200/);
  assert.match(head, /transfer-encoding: chunked/i);
  assert.doesNotMatch(head, /content-length/i);
  assert.ok(chunked.startsWith('4\r\n{"ha\r\n4\r\nlf":\r\n'), 'pieces of 4 bytes');
  const pieces = [...chunked.matchAll(/([0-9a-f]+)\r\n/g)].length;
  assert.ok(pieces >= 7, `${pieces} chunks`);
});

test('fault: slow; the delayed request answers after a later one and changes the state only then', async () => {
  const token = await login();
  emu.fault('Agents/AgentCall', { delayMs: 400 });
  const order = [];
  const slow = post('Agents/AgentCall', CALL, token).then(async (r) => {
    order.push('slow');
    return r.text();
  });
  // The slow request is in its delay once it is counted.
  while (emu.counters()['Agents/AgentCall'] !== 1) await new Promise((r) => setTimeout(r, 5));
  assert.equal(emu.state().calls.length, 0, 'nothing happened yet');
  const fast = await post('Supervisor/queuesummary', {}, token);
  order.push('fast');
  assert.equal(fast.status, 200);
  assert.equal(emu.state().calls.length, 0, 'still waiting');
  const guid = await slow;
  assert.deepEqual(order, ['fast', 'slow']);
  assert.equal(guid.length, 36, 'a delay alone still answers normally');
  assert.equal(emu.state().calls.length, 1);
});

test('fault: a dropped connection closes without a byte; fetch rejects', async () => {
  emu.fault('auth/getUserToken', { dropConnection: true });
  const raw = await rawExchange(
    `POST /Integra/resources/auth/getUserToken HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM['content-type']}\r\n` +
      'Content-Length: 28\r\n\r\nuser=agent1&password=secret1',
  );
  assert.equal(raw.length, 0);
  await assert.rejects(post('auth/getUserToken', { user: 'agent1', password: 'secret1' }), TypeError);
  assert.equal(emu.counters()['auth/getUserToken'], 2);
  assert.deepEqual(
    emu.requests().map((e) => e.outcome),
    ['fault: connection dropped', 'fault: connection dropped'],
  );
});

test('faults through the control routes too, and bad faults throw', async () => {
  let r = await fetch(`${base}/__emulator/faults`, {
    method: 'POST',
    body: JSON.stringify({ endpoint: 'Agents/HangupPhone', zero: true }),
  });
  assert.deepEqual(await r.json(), {
    'Agents/HangupPhone': {
      delayMs: 0,
      status: null,
      body: null,
      zero: true,
      dropConnection: false,
      unauthorized: false,
      unauthorizedOnce: false,
      times: null,
      chunkBytes: null,
    },
  });
  assert.deepEqual(Object.keys(emu.faults()), ['Agents/HangupPhone']);
  r = await fetch(`${base}/__emulator/faults/clear`, { method: 'POST' });
  assert.deepEqual(await r.json(), { ok: true });
  assert.throws(() => emu.fault('Nope/Nope', { zero: true }), /unknown endpoint/);
  assert.throws(() => emu.fault('*', { zeroo: true }), /zeroo/);
  assert.throws(() => emu.fault('*', { status: 42 }), /not a final HTTP status/);
  emu.setAgent('agent2', 9, true);
  assert.deepEqual([emu.state().agents[1].status, emu.state().agents[1].paused], [9, true]);
  assert.throws(() => emu.setAgent('ghost', 1, false), /no agent/);
  const token = await login();
  emu.expireTokens();
  assert.equal((await post('Supervisor/queuesummary', {}, token)).status, 401);
});

test('recordings: GET and HEAD, 404 where absent', async () => {
  const state = emu.state();
  const mp3 = state.recordings.find((p) => p.startsWith('/records/') && p.endsWith('.mp3'));
  let r = await fetch(base + mp3, { headers: { origin: CRM } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'audio/mpeg');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.headers.get('access-control-allow-origin'), CRM);
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.equal(bytes.subarray(0, 3).toString(), 'ID3');
  r = await fetch(base + mp3, { method: 'HEAD' });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-length'), String(bytes.length));
  assert.equal((await r.arrayBuffer()).byteLength, 0);
  r = await fetch(`${base}/backup/records/20160101/00000000-0000-4000-8000-000000000000.gsm`);
  assert.equal(r.status, 404);
  assert.deepEqual(
    emu.requests().map((e) => [e.endpoint, e.status]),
    [
      ['records', 200],
      ['records', 200],
      ['backup/records', 404],
    ],
  );
});

test('options: own users replace the seeded ones; unknown options throw', async () => {
  const own = await createEmulator({ users: [{ login: 'crm-bot', password: 'secret3' }], maxBodyBytes: 64 });
  const s = http.createServer((req, res) => own.handle(req, res) || res.end());
  await new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
  const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (s.address()).port}/Integra/resources/auth/getUserToken`;
  const login2 = (user, password) =>
    fetch(url, { method: 'POST', headers: FORM, body: new URLSearchParams({ user, password }) });
  try {
    assert.equal(await (await login2('agent1', 'secret1')).text(), '0');
    assert.equal((await login2('crm-bot', 'secret3')).status, 200);
    assert.equal((await login2('crm-bot', 'x'.repeat(80))).status, 413);
    assert.equal(emu.requests().length, 0, 'instances are separate');
  } finally {
    s.closeAllConnections();
    s.close();
  }
  await assert.rejects(createEmulator({ allowOrigin: [CRM] }), /unknown field `allowOrigin`/);
});

test('options: own campaigns, agents and call records replace the seeded ones', async () => {
  const own = await createEmulator({
    campaigns: [
      {
        name: 'Cobros->',
        strategy: 'ringall',
        slevelthreshold: '30',
        wrapup: 5,
        dispositions: [{ level1: 'Pago', code: 'PAY', action: 'NONE' }],
      },
    ],
    agents: [{ name: 'ana', phone: '2001', tech: 'SIP', status: 1, campaigns: ['Cobros->'] }],
    cdrs: [
      {
        guid: '11111111-2222-4333-8444-555555555555',
        calldate: '2025-05-04 10:11:12',
        agent: 'ana',
        campaign: 'Cobros->',
        source: '099000000',
        destination: '2001',
        duration: 42,
        recording: { format: 'gsm', place: 'backupDated' },
      },
    ],
  });
  const state = own.state();
  assert.deepEqual(
    state.campaigns.map((c) => c.name),
    ['Cobros->'],
  );
  assert.deepEqual(
    state.agents.map((a) => [a.name, a.interface]),
    [['ana', 'SIP/2001']],
  );
  assert.deepEqual(state.recordings, ['/backup/records/20250504/11111111-2222-4333-8444-555555555555.gsm']);
  await assert.rejects(
    createEmulator({ agents: [{ name: 'x', phone: '1', tech: 'SIP', status: 1, extra: 1 }] }),
    /unknown field `extra`/,
  );
  await assert.rejects(createEmulator({ cdrs: [{ guid: 'g' }] }), /missing field/);
});
