// The `log` option (issue 31, item 5): every class hands its entries to the page's function, or
// to the console with `debug: true`. Each test prints every entry to the console (which goes to
// target/test-logs/, for scripts/secret-scan.sh) and checks directly that none carries a
// password, a token the emulator issued or a key.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, assert, assertEq, crmFrame, freePorts, ROOT, SITES } from './harness.mjs';
import { emulator, restPage } from './rest.test.mjs';
import { openPhone, fire } from './v6.test.mjs';

const AGENT = {
  callerid: '1001',
  agent: 'agent1',
  phone: '1001',
  tech: 'SIP',
  context: 'from-internal',
  outqueue: 'Ventas->',
};
/** The members an entry may have, and their types. */
const MEMBERS = {
  kind: 'string',
  source: 'string',
  what: 'string',
  status: 'number',
  reason: 'string',
  code: 'string',
  origin: 'string',
};
const KINDS = ['sent', 'received', 'dropped', 'retry', 'timeout', 'failed'];

/** In the page: `window.ucbLog` collects entries and prints each; `window.ucbTokens` collects the
 *  tokens the emulator issues (read off `fetch`, which the library calls), each recorded for
 *  the secret scan where the engine's driver can (`ucbSecret`); `window.ucbDebug` collects the
 *  console.debug lines. */
const COLLECT = `
  window.ucbEntries = [];
  window.ucbLog = (e) => { window.ucbEntries.push(e); console.log('ucb-log ' + JSON.stringify(e)); };
  window.ucbTokens = [];
  const f0 = window.fetch;
  window.fetch = async function (input, init) {
    const r = await f0.call(this, input, init);
    if (String((input && input.url) || input).includes('getUserToken')) {
      try {
        const t = JSON.parse(await r.clone().text());
        if (typeof t === 'string') { window.ucbTokens.push(t); if (window.ucbSecret) window.ucbSecret(t); }
      } catch { /* not a token */ }
    }
    return r;
  };
  window.ucbDebug = [];
  const d0 = console.debug;
  console.debug = (...a) => { window.ucbDebug.push(a.map(String).join(' ')); d0.apply(console, a); };
`;

/** Checks the entries' shape and that no secret is in them or in the console lines. */
function clean(entries, lines, secrets) {
  for (const e of entries) {
    assert(KINDS.includes(e.kind), `a known kind: ${JSON.stringify(e)}`);
    for (const [k, v] of Object.entries(e)) assertEq(typeof v, MEMBERS[k], `member ${k} of ${JSON.stringify(e)}`);
  }
  const text = JSON.stringify(entries) + '\n' + lines.join('\n');
  for (const s of secrets) {
    assert(s.length >= 6, 'a real secret');
    assert(
      !text.includes(s) && !text.includes(JSON.stringify(s).slice(1, -1)),
      `a secret (${s.slice(0, 2)}…) in the log`,
    );
  }
}

const has = (entries, want) => entries.some((e) => Object.entries(want).every(([k, v]) => e[k] === v));

test('log: IntegraClient entries name endpoints, statuses and codes (login, calls, a 401 retried, a timeout, a refused login, debug: true, a throwing log); never a secret', async (ctx) => {
  const emu = emulator(ctx);
  await emu.reset();
  const { page, run, errors } = await restPage(ctx);
  try {
    const r = await run(
      COLLECT +
        `
      const log = window.ucbLog;
      const agent = ${JSON.stringify(AGENT)};
      const c = new B.IntegraClient({ baseUrl: api, user: 'agent1', password: 'secret1', log });
      await c.login();
      await c.agentCall({ ...agent, destination: '098000111' });
      await fetch(api + '/__emulator/expire-tokens', { method: 'POST' });
      await c.agentCall({ ...agent, destination: '098000112' });
      await fetch(api + '/__emulator/faults', { method: 'POST', body: JSON.stringify({ endpoint: 'Agents/HangupPhone', delayMs: 1500, times: 1 }) });
      const late = await c.hangupPhone({ phone: '1001' }, { timeoutMs: 200 }).then(() => null, (e) => e.code);
      await fetch(api + '/__emulator/faults', { method: 'POST', body: JSON.stringify({ endpoint: 'Agents/HangupPhone' }) });
      const bad = await new B.IntegraClient({ baseUrl: api, user: 'agent1', password: 'nope-pass', log }).login().then(() => null, (e) => e.code);
      const d = new B.IntegraClient({ baseUrl: api, user: 'agent2', password: 'secret2', debug: true });
      await d.login();
      const e0 = console.error;
      const reported = [];
      console.error = (...a) => { reported.push(String(a[0])); e0.apply(console, a); };
      const t = new B.IntegraClient({ baseUrl: api, user: 'agent1', password: 'secret1', log: () => { throw new Error('log boom'); } });
      await t.login();
      console.error = e0;
      return { entries: window.ucbEntries, lines: window.ucbDebug, tokens: window.ucbTokens, late, bad, reported, thrownThrough: t.hasToken };`,
    );
    assert(!r.code, `the script ran: ${JSON.stringify(r)}`);
    const { entries, lines, tokens } = r.ok;
    const rest = entries.filter((e) => e.source === 'IntegraClient');
    assertEq(rest.length, entries.length, 'every entry from the IntegraClient');
    for (const want of [
      { kind: 'sent', what: 'getUserToken' },
      { kind: 'received', what: 'getUserToken', status: 200 },
      { kind: 'sent', what: 'AgentCall' },
      { kind: 'received', what: 'AgentCall', status: 200 },
      { kind: 'received', what: 'AgentCall', status: 401 },
      { kind: 'retry', what: 'AgentCall', reason: 'the token expired' },
      { kind: 'timeout', what: 'HangupPhone', code: 'REQUEST_TIMEOUT' },
      { kind: 'failed', what: 'getUserToken', code: 'LOGIN_FAILED' },
    ])
      assert(has(entries, want), `an entry ${JSON.stringify(want)} among ${JSON.stringify(entries)}`);
    assertEq([r.ok.late, r.ok.bad], ['REQUEST_TIMEOUT', 'LOGIN_FAILED'], 'the calls failed as the entries say');
    assert(
      lines.includes('ucontact-bridge {"kind":"sent","source":"IntegraClient","what":"getUserToken"}'),
      `debug: true logs to console.debug: ${JSON.stringify(lines)}`,
    );
    assert(
      lines.includes('ucontact-bridge {"kind":"received","source":"IntegraClient","what":"getUserToken","status":200}'),
      `with the status: ${JSON.stringify(lines)}`,
    );
    assert(
      r.ok.reported.some((m) => m.includes('the log function threw')),
      `a throwing log is reported: ${JSON.stringify(r.ok.reported)}`,
    );
    assertEq(r.ok.thrownThrough, true, 'a throwing log does not break the login');
    assert(tokens.length >= 4, `the issued tokens were seen, so the check below means something: ${tokens.length}`);
    clean(entries, lines, ['secret1', 'secret2', 'nope-pass', ...tokens]);
    assertEq(errors, [], 'no page errors');
  } finally {
    await page.close();
  }
});

for (const { crmHost, site } of SITES) {
  test(`log/${site}: PortalChannel, Bridge (both paths) and PortalHost entries: actions sent and answered, a message dropped; never a secret`, async (ctx) => {
    const emu = emulator(ctx);
    await emu.reset();
    const portalOrigin = `http://127.0.0.1:${ctx.portalPort}`;
    const crmOrigin = `http://${crmHost}:${ctx.crmPort}`;
    const page = await ctx.browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.goto(`${portalOrigin}/?crmHost=${crmHost}`);
      await page.waitForFunction(() => window.host);
      // A second host on the portal page, with no handler: it logs what it receives and answers
      // nothing (the page's own host answers).
      await page.evaluate(
        ([crmOrigin, collect]) => {
          new Function(collect)();
          window.logHost = new window.host.constructor({ crmOrigins: [crmOrigin], log: window.ucbLog });
        },
        [crmOrigin, COLLECT],
      );
      const frame = await crmFrame(page, crmOrigin);
      const r = await frame.evaluate(
        async ([portalOrigin, collect, agent]) => {
          new Function(collect)();
          const B = window.bridge;
          const log = window.ucbLog;
          const origins = [portalOrigin, portalOrigin.replace('127.0.0.1', 'localhost')];
          const ch = new B.PortalChannel({ portalOrigins: origins, log });
          const guid = await ch.call({ campaign: 'Ventas->', callerid: '1001', destination: '098000111' });
          await ch.tag({ guid, message: 'venta' });
          await ch.cti();
          // From this window, not the portal's: dropped.
          window.postMessage('not from the portal', '*');
          await new Promise((ok) => setTimeout(ok, 300));
          ch.destroy();
          const b = new B.Bridge({
            portalOrigins: origins,
            rest: { baseUrl: portalOrigin, user: 'agent1', password: 'secret1' },
            agent,
            log,
          });
          const mode = await b.ready;
          await b.call({ campaign: 'Ventas->', callerid: '1001', destination: '098000113' });
          await b.rest.login();
          await b.rest.agentCall({ callerid: '1001', ...agent, outqueue: 'Ventas->', destination: '098000114' });
          b.destroy();
          const d = new B.PortalChannel({ portalOrigins: origins, debug: true });
          await d.cti();
          d.destroy();
          return { entries: window.ucbEntries, lines: window.ucbDebug, tokens: window.ucbTokens, mode };
        },
        [portalOrigin, COLLECT, { agent: 'agent1', phone: '1001', tech: 'SIP', context: 'from-internal' }],
      );
      const host = await page.evaluate(() => {
        window.logHost.destroy();
        return window.ucbEntries;
      });
      const { entries, lines, tokens } = r;
      assertEq(r.mode, 'portal', 'the Bridge chose the portal');
      for (const want of [
        { source: 'PortalChannel', kind: 'sent', what: 'call' },
        { source: 'PortalChannel', kind: 'received', what: 'call' },
        { source: 'PortalChannel', kind: 'sent', what: 'tag' },
        { source: 'PortalChannel', kind: 'received', what: 'CTI' },
        { source: 'PortalChannel', kind: 'dropped', reason: 'not sent by the portal window' },
        { source: 'Bridge', kind: 'sent', what: 'CTI' },
        { source: 'Bridge', kind: 'received', what: 'call' },
        { source: 'Bridge', kind: 'sent', what: 'getUserToken' },
        { source: 'Bridge', kind: 'received', what: 'AgentCall', status: 200 },
      ])
        assert(has(entries, want), `an entry ${JSON.stringify(want)} among ${JSON.stringify(entries)}`);
      assert(
        lines.includes('ucontact-bridge {"kind":"sent","source":"PortalChannel","what":"CTI"}') &&
          lines.includes('ucontact-bridge {"kind":"received","source":"PortalChannel","what":"CTI"}'),
        `debug: true: ${JSON.stringify(lines)}`,
      );
      for (const want of [
        { kind: 'received', what: 'call' },
        { kind: 'dropped', reason: 'no handler for `call`' },
      ]) {
        assert(
          has(host, { source: 'PortalHost', ...want }),
          `a host entry ${JSON.stringify(want)} among ${JSON.stringify(host)}`,
        );
      }
      assert(tokens.length >= 1, 'the Bridge logged in');
      clean([...entries, ...host], lines, ['secret1', ...tokens]);
      assertEq(errors, [], 'no page errors');
    } finally {
      await page.close();
    }
  });
}

test('log: UPhone entries (events received, a command sent, a message dropped) and debug: true', async (ctx) => {
  const { page, uphone, instanceOrigin } = await openPhone(ctx, '127.0.0.1');
  try {
    await page.evaluate(
      ([instanceOrigin, collect]) => {
        new Function(collect)();
        window.phone.destroy();
        window.lp = new window.v6.UPhone({ frame: window.phone.frame, instanceOrigin, log: window.ucbLog });
        window.dp = new window.v6.UPhone({ frame: window.phone.frame, instanceOrigin, debug: true });
        window.lseen = [];
        window.lp.on('event', (e) => window.lseen.push(e));
      },
      [instanceOrigin, COLLECT],
    );
    await fire(
      uphone,
      page,
      [
        ['agentLogin', undefined],
        ['gettingCall', { guid: 'log-1', number: '099123456', campaign: 'Ventas<-' }],
      ],
      { seen: 'lseen' },
    );
    const r = await page.evaluate(async () => {
      window.lp.makeCall({ number: '099000111', campaign: 'Ventas->' });
      window.postMessage({ action: 'agentLogin' }, '*');
      await new Promise((ok) => setTimeout(ok, 300));
      window.lp.destroy();
      window.dp.destroy();
      return { entries: window.ucbEntries, lines: window.ucbDebug };
    });
    for (const want of [
      { kind: 'received', what: 'agentLogin' },
      { kind: 'received', what: 'gettingCall' },
      { kind: 'sent', what: 'makeCall' },
      { kind: 'dropped', reason: 'not sent by the uPhone frame' },
    ]) {
      assert(
        has(r.entries, { source: 'UPhone', ...want }),
        `an entry ${JSON.stringify(want)} among ${JSON.stringify(r.entries)}`,
      );
    }
    assert(
      r.lines.includes('ucontact-bridge {"kind":"received","source":"UPhone","what":"gettingCall"}'),
      `debug: true: ${JSON.stringify(r.lines)}`,
    );
    clean(r.entries, r.lines, []);
  } finally {
    await page.close();
  }
});

/** Serves `target/pkg-debug/<entry>/` at /debug/ and `target/pkg/<entry>/` at /release/ (the
 *  script build in script/, the .wasm it loads beside script/) on a free loopback port, with a
 *  page that loads one of them by `?build=`. */
async function serveScripts(entry) {
  const dirs = { debug: join(ROOT, 'target', 'pkg-debug', entry), release: join(ROOT, 'target', 'pkg', entry) };
  const page =
    '<!doctype html><script>document.write(\'<script src="/\' + new URLSearchParams(location.search).get("build") + \'/script/ucontact-bridge.js"><\\/script>\')</script>';
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const m = /^\/(debug|release)\/(ucontact-bridge_bg\.wasm|script\/ucontact-bridge\.js)$/.exec(path);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(page);
    }
    if (!m) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': m[2].endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
    res.end(readFileSync(join(dirs[m[1]], m[2])));
  });
  const [port] = await freePorts(1);
  await new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
  server.unref();
  return { origin: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

test('log: the debug script-tag build (a legacy form) names Rust functions in a stack through the library; the release build does not', async (ctx) => {
  const served = await serveScripts('full');
  const page = await ctx.browser.context.newPage();
  try {
    const stacks = {};
    for (const build of ['debug', 'release']) {
      await page.goto(`${served.origin}/?build=${build}`);
      stacks[build] = await page.evaluate(async () => {
        const B = await window.UContactBridge.ready;
        const taken = [];
        // Taken inside the log function, which the library calls from wasm: the stack passes
        // through the library's functions, as a trap's does.
        const c = new B.IntegraClient({
          baseUrl: 'http://127.0.0.1:9',
          user: 'debug-check',
          password: 'not-a-secret',
          log: () => taken.push(String(new Error('stack').stack)),
        });
        await c.login().catch(() => {});
        c.free();
        return taken.join('\n');
      });
    }
    // Any of the crate's frames, not one in particular: JavaScriptCore prints some wasm frames
    // by index alone (`750@<?>:wasm-function[750]`) even when the name section names them, now
    // and then, depending on how far the function has tiered up; Chromium and Firefox name all.
    assert(
      /ucontact_bridge::web::[a-z_]+::/.test(stacks.debug),
      `the debug build names its Rust functions:\n${stacks.debug}`,
    );
    assert(
      stacks.release.length > 0 && !stacks.release.includes('ucontact_bridge::'),
      `the release build names none:\n${stacks.release}`,
    );
  } finally {
    await page.close();
    served.stop();
  }
});
