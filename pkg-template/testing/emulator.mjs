// The Integra API emulator for Node: the repository's Rust emulator (www/emulator), compiled to
// WebAssembly (scripts/build-emulator.sh), with node:http as its transport. Everything the
// emulator does (routes, strict checks, CORS, faults, recordings, the /__emulator/ controls) is
// decided in the .wasm, by the same code the Rust sandbox runs; this file only moves bytes and
// carries out what an answer asks: a fault's delay (a Node timer), a body in pieces (chunked),
// a dropped connection (the socket destroyed before any byte).
//
//   const emulator = await createEmulator({ allowOrigins: ['http://localhost:5173'] });
//   http.createServer((req, res) => { if (!emulator.handle(req, res)) serveTheRest(req, res); });

// The compiled emulator: beside this file in the npm package (testing/emulator/), or in the
// repository's build output (target/pkg/testing/emulator/, from pkg-template/testing/).
const BUILDS = ['./emulator/emulator.js', '../../target/pkg/testing/emulator/emulator.js'];

let loading;

/** Imports the compiled emulator once (it instantiates its .wasm synchronously on import). */
function load() {
  loading ??= (async () => {
    const { existsSync } = await import('node:fs');
    const found = BUILDS.map((p) => new URL(p, import.meta.url)).find((u) => existsSync(u));
    if (!found) {
      throw new Error('the Integra API emulator is not built: run scripts/build-emulator.sh (or scripts/build.sh)');
    }
    // Its GUIDs and tokens come from crypto.getRandomValues, global from Node 19 on; Node 18
    // has the same object as node:crypto's webcrypto.
    globalThis.crypto ??= /** @type {Crypto} */ ((await import('node:crypto')).webcrypto);
    return import(found.href);
  })();
  return loading;
}

/**
 * A new emulated instance, seeded as the Rust emulator's `EmulatorConfig::default()`.
 * options: { allowOrigins?: string[], users?: {login, password}[], campaigns?, agents?, cdrs?
 * (each list replaces the seeded one), tokenTtlMs?: number, maxBodyBytes?: number }; the types
 * are in emulator.d.ts. Unknown options (and unknown keys inside them) throw.
 */
export async function createEmulator(options = {}) {
  const wasm = await load();
  const core = new wasm.Emulator(JSON.stringify(options));
  return {
    handle: (req, res) => handle(core, req, res),
    requests: () => JSON.parse(core.log()),
    state: () => JSON.parse(core.state()),
    counters: () => JSON.parse(core.counters()),
    faults: () => JSON.parse(core.faults()),
    fault: (endpoint, fault = {}) => JSON.parse(core.setFault(JSON.stringify({ ...fault, endpoint }))),
    clearFaults: () => core.clearFaults(),
    reset: () => core.reset(),
    expireTokens: () => core.expireTokens(),
    setAgent: (name, status, paused) => core.setAgent(JSON.stringify({ name, status, paused })),
  };
}

/** Serves `req` if its path is the emulator's (then true); false leaves it to the caller. */
function handle(core, req, res) {
  const at = req.url.indexOf('?');
  const path = at < 0 ? req.url : req.url.slice(0, at);
  const query = at < 0 ? undefined : req.url.slice(at + 1);
  if (!core.owns(path)) return false;
  readBody(req, core.bodyLimit(), (body) => {
    const exchange = core.handle(req.method, path, query, req.rawHeaders, body);
    if (!exchange) return notFound(res);
    const delay = exchange.delayMs;
    if (delay === 0) return finish(exchange, res);
    // A client that leaves during the delay gets nothing and changes nothing, as with the
    // Rust server, whose request future is then dropped.
    const timer = setTimeout(() => {
      res.off('close', leave);
      finish(exchange, res);
    }, delay);
    const leave = () => {
      clearTimeout(timer);
      exchange.free();
    };
    res.once('close', leave);
  });
  return true;
}

/**
 * Reads the whole body, then calls `done(bytes)`; past `limit` bytes (or on a read error) it
 * calls `done(undefined)`, which the emulator answers with 413, as the Rust server does.
 */
function readBody(req, limit, done) {
  const chunks = [];
  let size = 0;
  let over = false;
  let called = false;
  const once = (body) => {
    if (!called) done(body);
    called = true;
  };
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > limit) over = true;
    if (!over) chunks.push(chunk);
  });
  req.on('end', () => once(over ? undefined : Buffer.concat(chunks)));
  req.on('error', () => once(undefined));
}

/** Sends the exchange's answer as it says. */
function finish(exchange, res) {
  const reply = exchange.finish();
  exchange.free();
  if (!reply) return;
  const { status, headers, body, mode, piece } = reply;
  reply.free();
  if (mode === 'drop') {
    // Not a byte: the peer sees the connection close (fetch rejects, as on the Rust server).
    res.socket?.destroy();
    return;
  }
  if (mode === 'pieces') {
    res.writeHead(status, headers);
    for (let i = 0; i < body.length; i += piece) res.write(body.subarray(i, i + piece));
    res.end();
    return;
  }
  // A 204 has no body, so no Content-Length (RFC 9110; hyper leaves it out too).
  const length = status === 204 ? [] : ['content-length', String(body.length)];
  res.writeHead(status, [...headers, ...length]);
  res.end(body);
}

function notFound(res) {
  res.writeHead(404, { 'content-length': '0' });
  res.end();
}
