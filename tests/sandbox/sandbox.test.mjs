// The sandbox server itself (pkg-template/testing/): its flags and --help, free ports, what each
// origin serves (config.js, the CSP, content types, --crm-dir, --crm), and that close() frees
// its ports. Run by tests/sandbox/run.mjs (the `sandbox` layer of scripts/test.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../../pkg-template/testing/index.mjs';
import { parseArgs, USAGE, UsageError } from '../../pkg-template/testing/sandbox.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'pkg-template', 'bin', 'ucontact-sandbox.mjs');
const SOURCE = readFileSync(join(ROOT, 'pkg-template', 'testing', 'sandbox.mjs'), 'utf8');

/** Runs the command; resolves with { code, out, err } when it exits (or, with `until`, once its
 *  output matches).
 *  @param {string[]} args @param {{ env?: Record<string, string>, until?: (out: string) => boolean }} [options] */
function run(args, { env = {}, until } = {}) {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '',
      err = '';
    child.stdout.on('data', (b) => {
      out += b;
      if (until && until(out)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (b) => {
      err += b;
    });
    child.on('exit', (code, signal) => ok({ code, signal, out, err }));
  });
}

/** A GET (or `method`) with the path sent as written (fetch would normalise `..`). */
function raw(url, path, method = 'GET') {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method }, (res) => {
      let body = '';
      res.on('data', (b) => {
        body += b;
      });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Whether something listens on 127.0.0.1:port (a server of ours can bind it if not). */
function portFree(port) {
  return new Promise((ok) => {
    const s = createServer();
    s.once('error', () => ok(false));
    s.listen(port, '127.0.0.1', () => s.close(() => ok(true)));
  });
}

const flagsIn = (text) => [...new Set(text.match(/(?<![\w-])--[a-z][a-z-]+/g))].sort();

test('--help lists every flag the parser knows, and the parser knows every flag --help lists', async () => {
  const { code, out } = await run(['--help']);
  assert.equal(code, 0);
  assert.equal(out.trim(), USAGE.trim());
  const parsed = flagsIn(SOURCE.match(/switch \(flag\) \{[\s\S]*?\n {4}\}/)[0]);
  const helped = flagsIn(out);
  assert.deepEqual(helped, parsed);
  assert.ok(
    parsed.includes('--crm') && parsed.includes('--crm-dir') && parsed.includes('--exit-after'),
    parsed.join(' '),
  );
  // Each flag -h names is accepted with a value (none is "unknown").
  for (const flag of helped.filter((f) => f !== '--help')) {
    const value = /port|exit/.test(flag) ? '0' : flag === '--crm' ? 'http://localhost:5173/' : '.';
    assert.doesNotThrow(() => parseArgs([flag, value]), flag);
  }
  // Every environment variable --help names is read.
  for (const v of out.match(/UCB_[A-Z_]+/g)) assert.ok(SOURCE.includes(`get('${v}')`), v);
});

test('a mistake on the command line exits 2 with the usage; a bad value names the flag', async () => {
  const bad = await run(['--bogus']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown flag `--bogus`/);
  assert.ok(bad.err.includes(USAGE));
  assert.throws(
    () => parseArgs(['--portal-port', '70000']),
    (e) => e instanceof UsageError && /--portal-port/.test(e.message),
  );
  assert.throws(() => parseArgs(['--crm-port']), /--crm-port needs a value/);
  assert.throws(() => parseArgs(['--exit-after', 'soon']), /--exit-after/);
  assert.equal(
    (await run(['--crm', 'ftp://x/', '--portal-port', '0', '--crm-port', '0', '--instance-port', '0'])).code,
    2,
  );
  assert.equal((await run(['--portal-port', '9000', '--crm-port', '9000'])).code, 2);
});

test('flags win over environment variables; --flag=value is the same as --flag value', () => {
  const env = {
    UCB_PORTAL_PORT: '9100',
    UCB_CRM_PORT: '9101',
    UCB_INSTANCE_PORT: '9102',
    UCB_CRM_URL: 'http://localhost:1/',
  };
  assert.deepEqual(parseArgs([], env).ports, { portal: 9100, crm: 9101, instance: 9102 });
  assert.equal(parseArgs([], env).crm, 'http://localhost:1/');
  const o = parseArgs(['--portal-port', '9200', '--crm=http://localhost:2/'], env);
  assert.deepEqual(o.ports, { portal: 9200, crm: 9101, instance: 9102 });
  assert.equal(o.crm, 'http://localhost:2/');
  assert.deepEqual(parseArgs([]).ports, { portal: 8700, crm: 8701, instance: 8702 });
});

test('the command on port 0 takes free ports, prints its URLs, how long it took and `ready`, and stops by itself', async () => {
  const { code, out } = await run([
    '--portal-port',
    '0',
    '--crm-port',
    '0',
    '--instance-port',
    '0',
    '--exit-after',
    '1',
  ]);
  assert.equal(code, 0, out);
  const lines = out.trim().split('\n');
  assert.equal(lines.at(-1), 'ready');
  assert.match(out, /started in \d+ ms/);
  const portal = Number(/portal +http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)[1]);
  const instance = Number(/v6 instance http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)[1]);
  assert.ok(portal > 0 && instance > 0 && portal !== instance);
  assert.ok(await portFree(portal), 'the port is free again once it stopped');
});

test('two sandboxes on free ports at once: six distinct ports, each serving its own config.js', async () => {
  const [a, b] = await Promise.all([startSandbox(), startSandbox()]);
  try {
    const ports = [...Object.values(a.ports), ...Object.values(b.ports)];
    assert.equal(new Set(ports).size, 6);
    for (const s of [a, b]) {
      const body = await (await fetch(s.urls.crm + 'config.js')).text();
      assert.ok(body.includes(`"portalPort":${s.ports.portal}`), body);
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('close() frees the three ports (nothing answers, they can be bound again)', async () => {
  const s = await startSandbox();
  assert.equal((await fetch(s.urls.portal)).status, 200);
  // A keep-alive connection left open must not hold close() back.
  await raw(s.urls.crm, '/');
  await s.close();
  for (const port of Object.values(s.ports)) assert.ok(await portFree(port), `port ${port} free`);
  await assert.rejects(fetch(s.urls.portal));
  await s.close(); // twice is harmless
});

test('/config.js: the origins and ports, not cached, with the --preload script after them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ucb-sandbox-'));
  const preload = join(dir, 'preload.js');
  writeFileSync(preload, 'window.PRELOADED = 42;\n');
  const s = await startSandbox({ preload });
  try {
    for (const origin of [s.urls.portal, s.urls.crm, s.urls.instance]) {
      const r = await fetch(origin + 'config.js');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(r.headers.get('cache-control'), 'no-store');
      const text = await r.text();
      const window = {};
      new Function('window', text)(window);
      const { portal, crm, instance } = s.ports;
      assert.deepEqual(window.SANDBOX, {
        portalOrigins: [`http://127.0.0.1:${portal}`, `http://localhost:${portal}`],
        crmOrigins: [`http://127.0.0.1:${crm}`, `http://localhost:${crm}`],
        instanceOrigins: [`http://127.0.0.1:${instance}`, `http://localhost:${instance}`],
        portalPort: portal,
        crmPort: crm,
        instancePort: instance,
        crmUrl: null,
      });
      assert.equal(window.PRELOADED, 42);
    }
  } finally {
    await s.close();
    rmSync(dir, { recursive: true });
  }
  await assert.rejects(startSandbox({ preload: join(dir, 'gone.js') }), /--preload/);
});

test('the instance origin says on every answer that only the CRM origins and itself may frame it', async () => {
  const s = await startSandbox();
  try {
    const want = `frame-ancestors 'self' http://127.0.0.1:${s.ports.crm} http://localhost:${s.ports.crm}`;
    for (const path of [
      '/',
      '/uphone',
      '/inbox.html',
      '/instance.html',
      '/config.js',
      '/no-such-page',
      '/shared/sandbox.css',
    ]) {
      const r = await raw(s.urls.instance, path);
      assert.equal(r.headers['content-security-policy'], want, path);
    }
    assert.match((await raw(s.urls.instance, '/')).body, /<html/);
    assert.equal((await raw(s.urls.instance, '/no-such-page')).status, 404);
    for (const origin of [s.urls.portal, s.urls.crm]) {
      assert.equal((await raw(origin, '/')).headers['content-security-policy'], undefined, origin);
    }
  } finally {
    await s.close();
  }
});

test('each origin serves its pages, /pkg, /vendor/porthole.js and /shared with their content types', async () => {
  const s = await startSandbox();
  try {
    /** @type {[string, string, string, RegExp][]} */
    const cases = [
      [s.urls.portal, '/', 'text/html; charset=utf-8', /PortalHost/],
      [s.urls.portal, '/porthole.html', 'text/html; charset=utf-8', /Porthole\.WindowProxy/],
      [s.urls.portal, '/vendor/porthole.js', 'text/javascript; charset=utf-8', /Ternary Labs/],
      [s.urls.crm, '/shared/sandbox.css', 'text/css; charset=utf-8', /\S/],
      [s.urls.crm, '/', 'text/html; charset=utf-8', /PortalChannel/],
      [s.urls.crm, '/v6/form.html', 'text/html; charset=utf-8', /FormBridge/],
      [s.urls.instance, '/uphone', 'text/html; charset=utf-8', /uPhone/i],
    ];
    for (const [origin, path, type, body] of cases) {
      const r = await raw(origin, path);
      assert.equal(r.status, 200, origin + path);
      assert.equal(r.headers['content-type'], type, origin + path);
      assert.match(r.body, body, origin + path);
    }
    // The built library (target/pkg, as scripts/build.sh writes it), when it is there.
    const js = await raw(s.urls.crm, '/pkg/full/esm/ucontact-bridge.js');
    if (js.status === 200) {
      assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
      const wasm = await fetch(s.urls.crm + 'pkg/full/esm/ucontact-bridge_bg.wasm');
      assert.equal(wasm.headers.get('content-type'), 'application/wasm');
      assert.ok(WebAssembly.validate(new Uint8Array(await wasm.arrayBuffer())));
    }
    // A directory without its slash redirects to it; a POST is refused; HEAD has no body.
    const dir = await raw(s.urls.crm, '/v6');
    assert.equal(dir.status, 307);
    assert.equal(dir.headers.location, '/v6/');
    assert.equal((await raw(s.urls.crm, '/index.html', 'POST')).status, 405);
    const head = await raw(s.urls.crm, '/index.html', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.ok(Number(head.headers['content-length']) > 0);
  } finally {
    await s.close();
  }
});

test("--crm-dir: the CRM origin serves the user's files (index.html at /) and nothing outside them", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ucb-crm-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>my crm</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'app.js'), 'export const mine = 1;\n');
  writeFileSync(join(dir, 'assets', 'app.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  writeFileSync(join(dir, '..', `ucb-secret-${process.pid}.txt`), 'secret');
  const s = await startSandbox({ crmDir: dir });
  try {
    const page = await raw(s.urls.crm, '/');
    assert.equal(page.status, 200);
    assert.match(page.body, /my crm/);
    assert.equal((await raw(s.urls.crm, '/assets/app.js')).headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal((await raw(s.urls.crm, '/assets/app.wasm')).headers['content-type'], 'application/wasm');
    assert.equal(
      (await raw(s.urls.crm, '/v6/form.html')).status,
      404,
      'the sample pages are not served with --crm-dir',
    );
    // Unchanged files are revalidated, not sent again.
    const etag = (await raw(s.urls.crm, '/assets/app.js')).headers.etag;
    const again = await new Promise((ok) =>
      request(
        { host: '127.0.0.1', port: s.ports.crm, path: '/assets/app.js', headers: { 'if-none-match': etag } },
        (res) => {
          res.resume();
          ok(res.statusCode);
        },
      ).end(),
    );
    assert.equal(again, 304);
    for (const path of [
      '/../ucb-secret-' + process.pid + '.txt',
      '/%2e%2e/ucb-secret-' + process.pid + '.txt',
      '/assets/..%2f..%2fucb-secret-' + process.pid + '.txt',
      '/assets/%00',
      '/%E0%A4%A',
    ]) {
      const r = await raw(s.urls.crm, path);
      assert.ok(r.status === 404 || r.status === 400, `${path}: ${r.status}`);
      assert.ok(!r.body.includes('secret'), path);
    }
    // The portal still frames the CRM origin's index.html.
    const window = {};
    new Function('window', await (await fetch(s.urls.portal + 'config.js')).text())(window);
    assert.equal(window.SANDBOX.crmUrl, null);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true });
    rmSync(join(dir, '..', `ucb-secret-${process.pid}.txt`));
  }
});

test('--crm URL: config.js names the page for the portal to frame; its origin (both loopback spellings) is trusted and may frame the instance', async () => {
  const s = await startSandbox({ crm: 'http://localhost:5173/app/' });
  try {
    const window = {};
    new Function('window', await (await fetch(s.urls.portal + 'config.js')).text())(window);
    assert.equal(window.SANDBOX.crmUrl, 'http://localhost:5173/app/');
    assert.ok(window.SANDBOX.crmOrigins.includes('http://localhost:5173'));
    assert.ok(window.SANDBOX.crmOrigins.includes('http://127.0.0.1:5173'));
    assert.equal(s.urls.page, 'http://localhost:5173/app/');
    const csp = (await raw(s.urls.instance, '/uphone')).headers['content-security-policy'];
    assert.match(csp, / http:\/\/localhost:5173( |$)/);
    assert.match(csp, / http:\/\/127\.0\.0\.1:5173( |$)/);
  } finally {
    await s.close();
  }
  // Another host is trusted as itself only.
  const t = await startSandbox({ crm: 'https://crm.example.test:8443/' });
  try {
    const window = {};
    new Function('window', await (await fetch(t.urls.portal + 'config.js')).text())(window);
    assert.deepEqual(window.SANDBOX.crmOrigins.slice(2), ['https://crm.example.test:8443']);
  } finally {
    await t.close();
  }
});

test('a port already in use: the sandbox says which (the command exits 1)', async () => {
  const taken = createServer();
  await new Promise((ok) => taken.listen(0, '127.0.0.1', () => ok(taken)));
  const port = /** @type {import('node:net').AddressInfo} */ (taken.address()).port;
  try {
    await assert.rejects(startSandbox({ ports: { crm: port } }), new RegExp(`127\\.0\\.0\\.1:${port}`));
    const r = await run(['--portal-port', '0', '--crm-port', String(port), '--instance-port', '0']);
    assert.equal(r.code, 1);
    assert.match(r.err, /cannot listen/);
  } finally {
    taken.close();
  }
});

test("installed from npm: /pkg/<entry>/… comes from the package's own files, porthole.js from its copy", async () => {
  // The layout scripts/package.sh makes: testing/ beside the entries' directories.
  const pkg = mkdtempSync(join(tmpdir(), 'ucb-pkg-'));
  mkdirSync(join(pkg, 'testing', 'vendor'), { recursive: true });
  for (const f of ['sandbox.mjs', 'script.mjs', 'index.mjs'])
    writeFileSync(join(pkg, 'testing', f), readFileSync(join(ROOT, 'pkg-template', 'testing', f)));
  for (const d of ['portal', 'crm', 'instance', 'shared']) {
    mkdirSync(join(pkg, 'testing', 'www', d), { recursive: true });
    writeFileSync(join(pkg, 'testing', 'www', d, 'index.html'), `<p>${d}</p>`);
  }
  writeFileSync(join(pkg, 'testing', 'entries.json'), JSON.stringify({ full: '', channel: 'channel/' }));
  writeFileSync(join(pkg, 'testing', 'vendor', 'porthole.js'), '// porthole copy');
  mkdirSync(join(pkg, 'script'));
  mkdirSync(join(pkg, 'channel', 'script'), { recursive: true });
  writeFileSync(join(pkg, 'ucontact-bridge.js'), '// full esm');
  writeFileSync(join(pkg, 'ucontact-bridge_bg.wasm'), 'full wasm');
  writeFileSync(join(pkg, 'script', 'ucontact-bridge.js'), '// full script');
  writeFileSync(join(pkg, 'channel', 'ucontact-bridge.js'), '// channel esm');
  writeFileSync(join(pkg, 'channel', 'script', 'ucontact-bridge.single.js'), '// channel single');
  writeFileSync(join(pkg, 'package.json'), '{"name":"not-served"}');
  const kit = await import(join(pkg, 'testing', 'index.mjs'));
  const s = await kit.startSandbox();
  try {
    const body = async (path) => {
      const r = await raw(s.urls.crm, path);
      return r.status === 200 ? r.body : r.status;
    };
    assert.equal(await body('/pkg/full/esm/ucontact-bridge.js'), '// full esm');
    assert.equal(await body('/pkg/full/esm/ucontact-bridge_bg.wasm'), 'full wasm');
    assert.equal(await body('/pkg/full/ucontact-bridge_bg.wasm'), 'full wasm');
    assert.equal(await body('/pkg/full/script/ucontact-bridge.js'), '// full script');
    assert.equal(await body('/pkg/channel/esm/ucontact-bridge.js'), '// channel esm');
    assert.equal(await body('/pkg/channel/script/ucontact-bridge.single.js'), '// channel single');
    assert.equal(await body('/pkg/v6/esm/ucontact-bridge.js'), 404);
    assert.equal(await body('/pkg/package.json'), 404);
    assert.equal(await body('/pkg/full/../package.json'), 404);
    assert.equal(await body('/vendor/porthole.js'), '// porthole copy');
    assert.equal(await body('/'), '<p>crm</p>');
    assert.equal(await (await fetch(s.urls.portal)).text(), '<p>portal</p>');
    assert.ok(
      s.warnings.some((w) => /v6/.test(w)),
      s.warnings.join('; '),
    );
  } finally {
    await s.close();
    rmSync(pkg, { recursive: true });
  }
});

test("the testing API's types: a strict TypeScript test file using it compiles through the package's exports", () => {
  // The package as it installs, as far as types go: package.json and testing/index.d.ts.
  const dir = mkdtempSync(join(tmpdir(), 'ucb-types-'));
  const pkg = join(dir, 'node_modules', 'ucontact-bridge');
  mkdirSync(join(pkg, 'testing'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), readFileSync(join(ROOT, 'pkg-template', 'package.json')));
  writeFileSync(join(pkg, 'testing', 'index.d.ts'), readFileSync(join(ROOT, 'pkg-template', 'testing', 'index.d.ts')));
  writeFileSync(
    join(dir, 'good.mts'),
    `import { startSandbox, type Sandbox } from 'ucontact-bridge/testing';
const s: Sandbox = await startSandbox({ crm: 'http://localhost:5173/', crmDir: 'dist', ports: { portal: 0 }, preload: 'p.js', exitAfter: 60 });
const urls: string[] = [s.urls.portal, s.urls.portalCrossSite, s.urls.porthole, s.urls.integra, s.urls.crm, s.urls.page, s.urls.instance, s.urls.uphone, s.urls.inbox];
const port: number = s.ports.portal + s.ports.crm + s.ports.instance;
const origins: string[] = [...s.origins.portal, ...s.origins.crm, ...s.origins.instance, ...s.warnings];
if (s.emulator) {
  s.emulator.fault('Agents/AgentCall', { unauthorizedOnce: true, times: 1 });
  const first: string | undefined = s.emulator.requests()[0]?.endpoint;
  const calls: number | undefined = s.emulator.counters()['Agents/AgentCall'];
  s.emulator.setAgent('agent1', 2, false);
  s.emulator.clearFaults(); s.emulator.expireTokens(); s.emulator.reset();
  void first; void calls; void s.emulator.state(); void s.emulator.faults();
}
s.portal.answer('call', '0b6c3f2e-4d1a-4f5e-9a7b-123456789abc');
s.portal.answer('CTI', { Guid: 'g', Campaign: 'C->' });
s.portal.answer('callWithPhone', { error: 'REFUSED' });
s.portal.answer('CTI', { silent: true });
s.portal.answer('call', undefined);
const envelope: string | null = (await s.portal.waitForReceived(1, { timeout: 100 }))[0].envelope;
const acted: string[] = s.portal.received().map((r) => r.action + r.origin);
await s.portal.reload();
await s.portal.losePopup({ timeout: 1000 });
const popupUrl: string = s.urls.portalPopup;
await s.uphone.fire({ action: 'gettingCall', params: { guid: 'g' } });
const fromParent: boolean = s.uphone.commands()[0].fromParent;
await s.uphone.waitForCommands(2, { timeout: 1 });
s.inbox.interaction('webchat'); s.inbox.interaction({ guid: 'g' }); s.inbox.interaction({ silent: true }); s.inbox.interaction(undefined);
const asked: number = s.inbox.requests();
await s.events.emit({ event: 'assignedInteraction', data: { guid: 'g' } });
const sib = await s.hostile.addSibling({ forge: 'reply' });
const forged: unknown[] = sib.posted;
await s.hostile.addSibling({ forge: 'v6-event', messages: [{ event: 'x' }], timeout: 1000 });
s.reset();
await s.close();
export { urls, port, origins, envelope, acted, fromParent, asked, forged, popupUrl };
`,
  );
  // What it must refuse: a misspelt option, a wrong type, a field that is not there.
  writeFileSync(
    join(dir, 'bad.mts'),
    `import { startSandbox } from 'ucontact-bridge/testing';
const s = await startSandbox({ crmUrl: 'http://x/' });
await startSandbox({ ports: { portal: '8700' } });
void s.urls.nope;
s.portal.answer('hangup', 'g');
s.inbox.interaction('fax');
void s.hostile.addSibling({ forge: 'both' });
`,
  );
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [
    '--strict',
    '--noEmit',
    '--skipLibCheck',
    'false',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--target',
    'es2022',
    '--types',
    'node',
    '--typeRoots',
    join(ROOT, 'node_modules', '@types'),
  ];
  // One compiler run for both files (it takes seconds): good.mts has no error, bad.mts its six.
  return new Promise((ok) => {
    const child = spawn(process.execPath, [tsc, ...args, 'good.mts', 'bad.mts'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
    });
    child.stderr.on('data', (b) => {
      out += b;
    });
    child.on('exit', () => ok(out));
  })
    .then((out) => {
      assert.doesNotMatch(out, /good\.mts/, out);
      const errors = out.split('\n').filter((l) => /^bad\.mts\(/.test(l));
      assert.deepEqual(
        errors.map((l) => Number(/\((\d+),/.exec(l)[1])),
        [2, 3, 4, 5, 6, 7],
        out,
      );
    })
    .finally(() => rmSync(dir, { recursive: true }));
});

test('the portal origin serves the Integra API emulator first; the handle reads and scripts the instance the pages reach', async () => {
  const s = await startSandbox({ crm: 'http://localhost:5173/' });
  try {
    assert.ok(s.emulator, s.warnings.join('; '));
    assert.deepEqual(s.warnings, []);
    const login = (origin) =>
      fetch(s.urls.integra + 'auth/getUserToken', {
        method: 'POST',
        body: 'user=agent1&password=secret1',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      });
    // CORS for the CRM origins and the --crm page's, not for the portal's own pages or others.
    for (const origin of [
      `http://127.0.0.1:${s.ports.crm}`,
      `http://localhost:${s.ports.crm}`,
      'http://localhost:5173',
      'http://127.0.0.1:5173',
    ]) {
      const r = await login(origin);
      assert.equal(r.status, 200, origin);
      assert.equal(r.headers.get('access-control-allow-origin'), origin);
      assert.equal(typeof JSON.parse(await r.text()), 'string');
    }
    assert.equal((await login('http://evil.test')).headers.get('access-control-allow-origin'), null);
    assert.equal(s.emulator.requests().length, 5);
    assert.equal(s.emulator.counters()['auth/getUserToken'], 5);
    // A fault armed from the test is what the next request meets; reset() forgets everything.
    s.emulator.fault('auth/getUserToken', { status: 503, times: 1 });
    assert.equal((await login(`http://127.0.0.1:${s.ports.crm}`)).status, 503);
    assert.equal((await login(`http://127.0.0.1:${s.ports.crm}`)).status, 200);
    const counters = await (await fetch(s.urls.portal + '__emulator/counters')).json();
    assert.equal(counters['auth/getUserToken'], 7, 'the control route and the handle see one instance');
    s.emulator.reset();
    assert.deepEqual(s.emulator.requests(), []);
    // Paths that are not the emulator's are the portal's pages; the other origins have no emulator.
    assert.equal((await raw(s.urls.portal, '/')).status, 200);
    assert.equal((await raw(s.urls.crm, '/__emulator/counters')).status, 404);
  } finally {
    await s.close();
  }
  // Each sandbox has its own emulator.
  const [a, b] = await Promise.all([startSandbox(), startSandbox()]);
  try {
    await fetch(a.urls.integra + 'auth/getUserToken', {
      method: 'POST',
      body: 'user=agent1&password=secret1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(a.emulator.requests().length, 1);
    assert.equal(b.emulator.requests().length, 0);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
