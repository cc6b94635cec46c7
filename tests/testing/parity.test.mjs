// Parity: the same requests, in the same order, to the Rust emulator on axum (its `serve`
// example, built here with cargo) and to the npm package's WebAssembly build on node:http; every
// answer's status, headers and body must match. Random values (GUIDs, tokens) are masked (so
// no token reaches a log), and each server gets its own token back. Headers only one transport adds are left out: `date`
// (both, never equal), and Node's `connection`/`keep-alive`.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { createEmulator } from '../../pkg-template/testing/emulator.mjs';

const CRM = 'http://crm.example.test:8002';
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const TRANSPORT_ONLY = new Set(['date', 'connection', 'keep-alive']);
const ROOT = new URL('../../', import.meta.url).pathname;

let rust;
let node;
let child;
let server;

before(async () => {
  const built = spawnSync('cargo', ['build', '--quiet', '-p', 'integra-emulator', '--example', 'serve'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  assert.equal(built.status, 0, 'cargo build --example serve');
  const dir = process.env.CARGO_TARGET_DIR || `${ROOT}target`;
  child = spawn(`${dir}/debug/examples/serve`, [CRM], { stdio: ['pipe', 'pipe', 'inherit'] });
  rust = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`serve exited (${code})`)));
  });
  const emu = await createEmulator({ allowOrigins: [CRM] });
  server = http.createServer((req, res) => emu.handle(req, res) || res.writeHead(404).end());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  node = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
});

after(() => {
  child?.stdin.end();
  server?.closeAllConnections();
  server?.close();
});

/** One request on a fresh connection: { status, headers (sorted "name: value"), body }. */
/** @param {string} base @param {{ method?: string, path: string, headers?: Record<string, string>, body?: string }} request */
function send(base, { method = 'GET', path, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const lines = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i].toLowerCase();
          if (!TRANSPORT_ONLY.has(name)) lines.push(`${name}: ${res.rawHeaders[i + 1]}`);
        }
        resolve({ status: res.statusCode, headers: lines.sort(), body: Buffer.concat(chunks).toString('latin1') });
      });
      res.on('error', reject);
    });
    req.on('error', (/** @type {NodeJS.ErrnoException} */ e) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
// Tokens are base64 of `<login>:<guid>`; every seeded login starts with `agent` (`YWdlbnQ`).
const TOKEN = /YWdlbnQ[A-Za-z0-9+/]+=*/g;
const mask = (answer) => JSON.stringify(answer).replace(GUID, '<guid>').replace(TOKEN, '<token>');

const api = (endpoint) => `/Integra/resources/${endpoint}`;
const form = (token, extra = {}) => ({
  'content-type': FORM,
  ...(token ? { authorization: `Basic ${token}` } : {}),
  ...extra,
});
const CALL =
  'callerid=24000000&agent=agent1&phone=1001&tech=SIP&context=agentes&outqueue=Ventas-%3E&destination=098344484';
const LOGIN = 'user=agent1&password=secret1';

/** The requests, in order; `(token) => request` where a token is needed. */
const SCRIPT = [
  { method: 'POST', path: api('auth/getUserToken'), headers: form(), body: 'user=agent1&password=wrong' },
  { method: 'POST', path: api('auth/getUserToken'), headers: form(null, { origin: CRM }), body: `${LOGIN}&x=1` },
  (t) => ({ method: 'POST', path: api('Agents/AgentCall'), headers: form(t, { origin: CRM }), body: CALL }),
  (t) => ({ method: 'POST', path: api('Agents/AgentCall'), headers: form(t), body: `${CALL}&campaign=x` }),
  (t) => ({ method: 'POST', path: api('Agents/AgentCall'), headers: form(t), body: CALL.replace('%3E', '%3') }),
  (t) => ({ method: 'POST', path: `${api('Agents/HangupPhone')}?phone=1001`, headers: form(t), body: '' }),
  (t) => ({
    method: 'POST',
    path: api('Agents/AgentCall'),
    headers: { authorization: `Basic ${t}`, 'content-type': 'application/json' },
    body: '{}',
  }),
  { method: 'POST', path: api('Agents/AgentCall'), headers: form('bm9wZQ=='), body: CALL },
  { method: 'POST', path: api('Agents/AgentCall'), headers: form(null, { authorization: 'Bearer x' }), body: CALL },
  { method: 'GET', path: api('Agents/AgentCall'), headers: { origin: CRM } },
  { method: 'DELETE', path: api('SMS/SendSMS') },
  { method: 'OPTIONS', path: api('Agents/AgentCall') },
  ...[CRM, 'http://evil.example.test'].flatMap((origin) =>
    ['POST', 'PUT'].map((m) => ({
      method: 'OPTIONS',
      path: api('Agents/AgentCall'),
      headers: {
        origin,
        'access-control-request-method': m,
        'access-control-request-headers': 'authorization, content-type',
      },
    })),
  ),
  {
    method: 'OPTIONS',
    path: '/__emulator/state',
    headers: { origin: CRM, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-custom' },
  },
  (t) => ({ method: 'POST', path: api('api/DispositionCall'), headers: form(t), body: 'campaign=&agent=agent1' }),
  (t) => ({
    method: 'POST',
    path: api('api/DispositionCall'),
    headers: form(t),
    body:
      'campaign=Ventas-%3E&agent=agent1&callerid=098344484&guid=f9b7ada3-a4e5-4795-834d-aa1c1a37ee57' +
      '&l1=Venta&l2=Credito&l3=&d1=&d2=&comment=ok&schedule=&camptoreschedule=&tag=',
  }),
  (t) => ({ method: 'POST', path: api('Supervisor/queuesummary'), headers: form(t), body: '' }),
  (t) => ({ method: 'POST', path: api('SMS/SendSMS'), headers: form(t), body: 'destination=abc' }),
  (t) => ({
    method: 'POST',
    path: api('Cdr/getrecords'),
    headers: form(t),
    body: 'lastrow=0&searchLimit=50&filter=%7B%7D',
  }),
  (t) => ({ method: 'POST', path: api('Agents/AgentCall'), headers: form(t), body: `data=${'x'.repeat(17 << 20)}` }),
  { method: 'GET', path: '/records/7e4e7db9-f080-494e-b04b-7c8e47711558.mp3', headers: { origin: CRM } },
  { method: 'HEAD', path: '/records/7e4e7db9-f080-494e-b04b-7c8e47711558.mp3' },
  { method: 'GET', path: '/backup/records/20160119/7e4e7db9-f080-494e-b04b-7c8e47711558.gsm' },
  { method: 'POST', path: '/records/x.mp3' },
  { method: 'GET', path: '/__emulator/faults' },
  { method: 'POST', path: '/__emulator/faults', body: '{not json' },
  { method: 'POST', path: '/__emulator/faults', body: '{"endpoint":"*","status":42}' },
  {
    method: 'POST',
    path: '/__emulator/faults',
    body: '{"endpoint":"Supervisor/queuesummary","status":503,"chunkBytes":5}',
  },
  (t) => ({ method: 'POST', path: api('Supervisor/queuesummary'), headers: form(t), body: '' }),
  { method: 'POST', path: '/__emulator/faults', body: '{"endpoint":"*","unauthorizedOnce":true,"delayMs":30}' },
  { method: 'POST', path: api('auth/getUserToken'), headers: form(), body: 'user=agent2&password=secret2' },
  (t) => ({ method: 'POST', path: api('Supervisor/queuesummary'), headers: form(t), body: '' }),
  { method: 'POST', path: '/__emulator/faults', body: '{"endpoint":"Agents/HangupPhone","dropConnection":true}' },
  (t) => ({ method: 'POST', path: api('Agents/HangupPhone'), headers: form(t), body: 'phone=1001' }),
  { method: 'PUT', path: '/__emulator/faults' },
  { method: 'POST', path: '/__emulator/faults/clear' },
  { method: 'POST', path: '/__emulator/agents', body: '{"name":"agent2","status":9,"paused":true}' },
  { method: 'POST', path: '/__emulator/agents', body: '{"name":"ghost","status":1,"paused":false}' },
  { method: 'GET', path: '/__emulator/counters' },
  { method: 'HEAD', path: '/__emulator/log' },
  { method: 'GET', path: '/__emulator/log', headers: { origin: CRM } },
  { method: 'POST', path: '/__emulator/expire-tokens' },
  (t) => ({ method: 'POST', path: api('Supervisor/queuesummary'), headers: form(t), body: '' }),
  { method: 'POST', path: '/__emulator/reset' },
  { method: 'GET', path: '/__emulator/counters' },
];

test('the axum server and the Node module answer the same script the same way', async () => {
  const login = async (base) =>
    JSON.parse(
      (await send(base, { method: 'POST', path: api('auth/getUserToken'), headers: form(), body: LOGIN })).body,
    );
  const tokens = { [rust]: await login(rust), [node]: await login(node) };
  let compared = 0;
  for (const step of SCRIPT) {
    const [a, b] = await Promise.all(
      [rust, node].map(async (base) => {
        const req = typeof step === 'function' ? step(tokens[base]) : step;
        return mask(await send(base, req));
      }),
    );
    const req = typeof step === 'function' ? step('<token>') : step;
    // A body over the limit: a server may answer 413 and close before the client has written
    // it all, and the client then sees EPIPE or ECONNRESET instead of the answer (a race of the
    // transport, not of the emulator). Either outcome is the refusal; two answers must match.
    const closed = (/** @type {string} */ r) => /"error":"(EPIPE|ECONNRESET)"/.test(r);
    const refused = (/** @type {string} */ r) => closed(r) || r.startsWith('{"status":413,');
    const body = 'body' in req ? String(req.body) : '';
    if (body.length > 16 << 20 && (closed(a) || closed(b))) {
      assert.ok(refused(a) && refused(b), `${req.method} ${req.path}: ${a} / ${b}`);
    } else {
      assert.equal(b, a, `${req.method} ${req.path}`);
    }
    compared++;
  }
  console.log(`figure: emulator parity requests=${compared}`);
});

test('a client that leaves during a delay is counted, changes nothing and is not logged, on both', async () => {
  const body = 'user=agent1&password=secret1';
  const seen = [];
  for (const base of [rust, node]) {
    await send(base, { method: 'POST', path: '/__emulator/reset' });
    await send(base, {
      method: 'POST',
      path: '/__emulator/faults',
      body: '{"endpoint":"auth/getUserToken","delayMs":300}',
    });
    const socket = net.connect(Number(new URL(base).port), '127.0.0.1');
    socket.on('error', () => {});
    socket.write(
      `POST ${api('auth/getUserToken')} HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    // Gone once the request is counted (so in its delay).
    const counted = async () =>
      JSON.parse((await send(base, { path: '/__emulator/counters' })).body)['auth/getUserToken'];
    while ((await counted()) !== 1) await new Promise((r) => setTimeout(r, 5));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 500));
    const state = JSON.parse((await send(base, { path: '/__emulator/state' })).body);
    seen.push({ counters: state.counters, log: state.log, sessions: state.sessions });
  }
  assert.deepEqual(seen[0], { counters: { 'auth/getUserToken': 1 }, log: [], sessions: [] });
  assert.deepEqual(seen[1], seen[0]);
});
