// The sandbox: the uContact side of an integration, on loopback, for trying a CRM page and
// testing it. Node's own http module only: the package ships no dependencies.
//
// * a portal origin (default http://127.0.0.1:8700) serving the portal pages, which play the
//   uContact agent portal (PortalHost, or the real porthole.js) and frame the CRM page, and the
//   Integra API emulator (/Integra/resources/…, its recordings, its /__emulator/ controls);
// * a CRM origin (default :8701) serving the sandbox's CRM pages, or the user's (`--crm-dir`);
// * a uContact v6 instance origin (default :8702): uPhone (/uphone), the Inbox (/inbox.html)
//   and the whole instance (/, the Events API), framable by the CRM origins only;
// * every origin serves the built library under /pkg/<entry>/…, porthole.js 1.0.0 under
//   /vendor/porthole.js, the shared files under /shared/ and its own /config.js (the origins
//   and ports, so the pages need no edits when ports change).
//
// `--crm URL` has the portal frame the user's page at URL (a dev server) instead.
// Listens on 127.0.0.1 only; `localhost` reaches the same listeners, which gives the pages a
// cross-site pair of origins (127.0.0.1 vs localhost) without a second interface.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname, resolve, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScript } from './script.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Where the sandbox's own files are. Installed from npm, beside this file (scripts/package.sh
 *  copies them into testing/) and the library's builds are the package's own files; run from
 *  the repository (pkg-template/testing/), its www/, target/pkg and node_modules. */
export const LAYOUT = existsSync(join(HERE, 'www'))
  ? {
      installed: true,
      www: join(HERE, 'www'),
      pkgRoot: join(HERE, '..'),
      // Entry name -> its directory in the package ('' for the root entry), written by package.sh.
      entries: JSON.parse(readFileSync(join(HERE, 'entries.json'), 'utf8')),
      porthole: join(HERE, 'vendor', 'porthole.js'),
    }
  : {
      installed: false,
      www: join(HERE, '..', '..', 'www'),
      pkgDir: join(HERE, '..', '..', 'target', 'pkg'),
      porthole: join(HERE, '..', '..', 'node_modules', 'porthole-proxy', 'lib', 'porthole.js'),
    };

export const USAGE = `usage: ucontact-sandbox [--crm URL | --crm-dir DIR] [--portal-port N] [--crm-port N]
                        [--instance-port N] [--pkg DIR] [--vendor DIR] [--preload FILE]
                        [--exit-after SECONDS]

  --crm URL           the page the portal frames: yours, served elsewhere (a dev server such as
                      http://localhost:5173/); its origin is trusted like the CRM origin's
                      (env UCB_CRM_URL; default: the CRM origin's page)
  --crm-dir DIR       the CRM origin's pages: your own built CRM app, framed by the portal
                      (env UCB_CRM_DIR, default: the sandbox's sample CRM pages)
  --portal-port N     portal origin port            (env UCB_PORTAL_PORT,   default 8700)
  --crm-port N        CRM origin port               (env UCB_CRM_PORT,      default 8701)
  --instance-port N   uContact v6 instance origin port: uPhone, the Inbox, the Events API
                      (env UCB_INSTANCE_PORT, default 8702)
                      A port of 0 takes a free one (the URLs printed say which).
  --pkg DIR           built wasm packages to serve under /pkg/<entry>/esm/… (env UCB_PKG_DIR;
                      default: ${LAYOUT.installed ? "this package's own files" : 'target/pkg'})
  --vendor DIR        node_modules with porthole-proxy, for /vendor/porthole.js
                      (env UCB_NODE_MODULES; default: ${LAYOUT.installed ? 'the copy in this package' : 'node_modules'})
  --preload FILE      a script appended to /config.js, which the sandbox pages load first: test
                      instrumentation for a browser whose driver cannot run a script before
                      the page's own (WebKit's classic WebDriver)
  --exit-after S      stop by itself after S seconds (tests use it)
  -h, --help          this text`;

const DEFAULT_PORTS = { portal: 8700, crm: 8701, instance: 8702 };

/** A port number (0: a free one), or an error naming where it came from. */
function port(name, v) {
  const n = Number(v);
  if (!/^\d+$/.test(String(v)) || n > 65535) throw new UsageError(`${name}: \`${v}\` is not a port number`);
  return n;
}

/** A mistake on the command line: the CLI prints it with USAGE and exits 2. */
export class UsageError extends Error {}

/** The sandbox's options from command-line arguments and environment variables (flags win).
 *  Throws UsageError; `{ help: true }` for -h/--help. */
export function parseArgs(args, env = {}) {
  const get = (k) => (env[k] ? env[k] : undefined);
  const opts = {
    ports: {
      portal:
        get('UCB_PORTAL_PORT') !== undefined ? port('UCB_PORTAL_PORT', get('UCB_PORTAL_PORT')) : DEFAULT_PORTS.portal,
      crm: get('UCB_CRM_PORT') !== undefined ? port('UCB_CRM_PORT', get('UCB_CRM_PORT')) : DEFAULT_PORTS.crm,
      instance:
        get('UCB_INSTANCE_PORT') !== undefined
          ? port('UCB_INSTANCE_PORT', get('UCB_INSTANCE_PORT'))
          : DEFAULT_PORTS.instance,
    },
    pkg: get('UCB_PKG_DIR'),
    vendor: get('UCB_NODE_MODULES'),
    crmDir: get('UCB_CRM_DIR'),
    crm: get('UCB_CRM_URL'),
    preload: undefined,
    exitAfter: undefined,
  };
  const list = [...args];
  while (list.length) {
    let flag = list.shift();
    let inline;
    // --flag=value as well as --flag value.
    if (/^--[a-z-]+=/.test(flag))
      [flag, inline] = [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)];
    const value = () => {
      const v = inline ?? list.shift();
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--portal-port':
        opts.ports.portal = port(flag, value());
        break;
      case '--crm-port':
        opts.ports.crm = port(flag, value());
        break;
      case '--instance-port':
        opts.ports.instance = port(flag, value());
        break;
      case '--pkg':
        opts.pkg = value();
        break;
      case '--vendor':
        opts.vendor = value();
        break;
      case '--crm-dir':
        opts.crmDir = value();
        break;
      case '--crm':
        opts.crm = value();
        break;
      case '--preload':
        opts.preload = value();
        break;
      case '--exit-after': {
        const v = value();
        if (!/^\d+(\.\d+)?$/.test(v)) throw new UsageError(`--exit-after: \`${v}\` is not a number of seconds`);
        opts.exitAfter = Number(v);
        break;
      }
      case '-h':
      case '--help':
        return { help: true };
      default:
        throw new UsageError(`unknown flag \`${flag}\``);
    }
  }
  return opts;
}

/** Both spellings of a loopback origin (`127.0.0.1` and `localhost`): the pages are reached
 *  by either, and each is its own origin. */
const spellings = (port) => ['127.0.0.1', 'localhost'].map((h) => `http://${h}:${port}`);

/** The origin of `--crm URL`, with its loopback twin (`?crmHost=` swaps the host). */
function crmUrlOrigins(url) {
  const u = new URL(url);
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') return [u.origin];
  return ['127.0.0.1', 'localhost'].map((h) => {
    const v = new URL(u);
    v.hostname = h;
    return v.origin;
  });
}

/** Checks and completes options (from parseArgs or startSandbox): paths resolved, the `--crm`
 *  URL parsed, distinct ports. Throws UsageError. */
export function resolveOptions(o = {}) {
  const ports = { ...DEFAULT_PORTS, ...(o.ports || {}) };
  for (const [k, v] of Object.entries(ports)) port(`${k} port`, v);
  if (ports.portal && ports.portal === ports.crm)
    throw new UsageError('the portal and CRM ports must differ (they are two origins)');
  if (ports.instance && (ports.instance === ports.portal || ports.instance === ports.crm)) {
    throw new UsageError('the instance port must differ from the portal and CRM ports (three origins)');
  }
  let crm = null;
  if (o.crm) {
    let u;
    try {
      u = new URL(o.crm);
    } catch {
      throw new UsageError(`--crm: \`${o.crm}\` is not a URL`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw new UsageError(`--crm: \`${o.crm}\` is not an http(s) URL`);
    crm = u.href;
  }
  const crmDir = resolve(o.crmDir || join(LAYOUT.www, 'crm'));
  if (!existsSync(crmDir)) throw new UsageError(`--crm-dir: ${crmDir} does not exist`);
  return {
    ports,
    crm,
    crmDir,
    pkg: o.pkg ? resolve(o.pkg) : LAYOUT.installed ? null : LAYOUT.pkgDir,
    porthole: o.vendor ? join(resolve(o.vendor), 'porthole-proxy', 'lib', 'porthole.js') : LAYOUT.porthole,
    preload: o.preload ? resolve(o.preload) : null,
    exitAfter: o.exitAfter,
  };
}

// ---- Files ----

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.xml': 'text/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.pdf': 'application/pdf',
};

/** The file under `dir` a URL path (below its mount point) names, or null when the path leaves
 *  `dir` or is not a clean path (`..`, encoded slashes, NUL). */
function under(dir, rest) {
  const parts = [];
  for (const raw of rest.split('/')) {
    let seg;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg === '' || seg === '.') continue;
    if (seg === '..' || /[/\\\0]/.test(seg)) return null;
    parts.push(seg);
  }
  return join(dir, ...parts);
}

function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found');
}

/** Sends a file as a static server does: a directory answers with its index.html (and a path to
 *  it without the trailing slash with a redirect to the slash), GET and HEAD only, revalidated
 *  on every load (`no-cache` with an ETag) so a rebuilt page is never served stale. */
async function sendFile(req, res, file, url) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    return res.end();
  }
  if (!file) return notFound(res);
  let st;
  try {
    st = await stat(file);
  } catch {
    return notFound(res);
  }
  if (st.isDirectory()) {
    if (!url.pathname.endsWith('/')) {
      res.writeHead(307, { location: url.pathname + '/' + url.search });
      return res.end();
    }
    file = join(file, 'index.html');
    try {
      st = await stat(file);
    } catch {
      return notFound(res);
    }
  }
  if (!st.isFile()) return notFound(res);
  const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  const headers = {
    'content-type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream',
    'cache-control': 'no-cache',
    etag,
    'last-modified': st.mtime.toUTCString(),
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return res.end();
  }
  const body = await readFile(file);
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The file /pkg/<rest> names: under --pkg DIR (target/pkg's layout: <entry>/esm/…,
 *  <entry>/script/…, <entry>/ucontact-bridge_bg.wasm), or installed, the package's own copy
 *  (the entry's directory holds its ES module and .wasm; script/ its script-tag build). */
function pkgFile(cfg, rest) {
  if (cfg.pkg) return under(cfg.pkg, rest);
  const [entry, ...tail] = rest.split('/');
  if (!Object.hasOwn(LAYOUT.entries, entry)) return null;
  const dir = join(LAYOUT.pkgRoot, LAYOUT.entries[entry]);
  return under(dir, (tail[0] === 'esm' ? tail.slice(1) : tail).join('/'));
}

// ---- The origins ----

/** What every origin serves besides its own pages: the answer's promise, or null when the
 *  path is the origin's own. */
function common(cfg, configJs, req, res, url) {
  const p = url.pathname;
  if (p === '/config.js') {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
    } else {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : configJs);
    }
    return Promise.resolve();
  }
  if (p.startsWith('/pkg/')) return sendFile(req, res, pkgFile(cfg, p.slice(5)), url);
  if (p === '/vendor/porthole.js') return sendFile(req, res, cfg.porthole, url);
  if (p.startsWith('/shared/')) return sendFile(req, res, under(join(LAYOUT.www, 'shared'), p.slice(8)), url);
  return null;
}

/** The request handler of each origin. The portal's asks the emulator first; the instance's
 *  says, on every answer, which pages may frame it: like a real instance whose "Frame ancestors"
 *  setting lists the CRM, the CRM origins (and the `--crm` page's) and itself only. */
function handlers(cfg, configJs, emulator, origins, script) {
  const wrap = (fn) => (req, res) => {
    Promise.resolve()
      .then(() => {
        const url = new URL(req.url, 'http://sandbox');
        // The test's control routes (/__sandbox/), on every origin: each page reaches its own.
        if (script.handle(req, res, url)) return;
        return fn(req, res, url);
      })
      .catch((e) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(String((e && e.message) || e));
      });
  };
  const csp = `frame-ancestors 'self' ${origins.crm.join(' ')}`;
  return {
    portal: wrap((req, res, url) => {
      if (emulator && emulator.handle(req, res)) return;
      return (
        common(cfg, configJs, req, res, url) ?? sendFile(req, res, under(join(LAYOUT.www, 'portal'), url.pathname), url)
      );
    }),
    crm: wrap((req, res, url) => {
      return common(cfg, configJs, req, res, url) ?? sendFile(req, res, under(cfg.crmDir, url.pathname), url);
    }),
    instance: wrap((req, res, url) => {
      res.setHeader('content-security-policy', csp);
      const dir = join(LAYOUT.www, 'instance');
      const named = { '/': 'instance.html', '/uphone': 'uphone.html' }[url.pathname];
      return (
        common(cfg, configJs, req, res, url) ??
        sendFile(req, res, named ? join(dir, named) : under(dir, url.pathname), url)
      );
    }),
  };
}

/** Listens on 127.0.0.1:`port` (0: a free port); resolves with the server once it listens. */
function listen(handler, port) {
  const server = createServer(handler);
  // Keep-alive connections would hold close() open: it ends them (closeAllConnections).
  return new Promise((ok, fail) => {
    server.once('error', (/** @type {NodeJS.ErrnoException} */ e) =>
      fail(new Error(`cannot listen on 127.0.0.1:${port}: ${e.code || e.message}`)),
    );
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

/** The Integra API emulator (WebAssembly), or null when it is not built: the portal origin then
 *  serves no /Integra/ (a warning says so). */
async function loadEmulator(allowOrigins) {
  let mod;
  try {
    mod = await import('./emulator.mjs');
  } catch (e) {
    if (e && e.code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  }
  return mod.createEmulator({ allowOrigins });
}

/**
 * Starts the sandbox: options as resolveOptions takes them. Resolves once the three origins
 * listen, with `{ ports, origins, urls, emulator, warnings, close() }`.
 */
export async function serve(options = {}) {
  const cfg = resolveOptions(options);
  const preload = cfg.preload
    ? await readFile(cfg.preload, 'utf8').catch((e) => {
        throw new UsageError(`--preload ${cfg.preload}: ${e.code || e.message}`);
      })
    : '';
  // The handlers need the ports (for /config.js and the CSP): bind first, handle afterwards.
  let handle = null;
  const late = (name) => (req, res) => handle[name](req, res);
  const servers = {};
  try {
    for (const name of ['portal', 'crm', 'instance']) servers[name] = await listen(late(name), cfg.ports[name]);
  } catch (e) {
    await Promise.all(Object.values(servers).map((s) => new Promise((ok) => s.close(ok))));
    throw e;
  }
  const ports = /** @type {{ portal: number, crm: number, instance: number }} */ (
    Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, s.address().port]))
  );
  const origins = {
    portal: spellings(ports.portal),
    crm: [...spellings(ports.crm), ...(cfg.crm ? crmUrlOrigins(cfg.crm) : [])],
    instance: spellings(ports.instance),
  };
  const config = {
    portalOrigins: origins.portal,
    crmOrigins: [...new Set(origins.crm)],
    instanceOrigins: origins.instance,
    portalPort: ports.portal,
    crmPort: ports.crm,
    instancePort: ports.instance,
    // The page the portal frames when it is not the CRM origin's (`--crm URL`).
    crmUrl: cfg.crm,
  };
  const configJs = `// Generated by ucontact-sandbox.\nwindow.SANDBOX = ${JSON.stringify(config)};\n${preload}`;
  const emulator = await loadEmulator(config.crmOrigins);
  const script = createScript({
    origins: [...origins.portal, ...spellings(ports.crm), ...origins.instance],
    portalOrigin: origins.portal[0],
  });
  handle = handlers(cfg, configJs, emulator, { crm: config.crmOrigins }, script);

  const warnings = [];
  if (!emulator) {
    warnings.push(
      `no Integra API emulator (${LAYOUT.installed ? 'this copy of the package has none' : 'build it: scripts/build.sh'}): /Integra/ answers 404`,
    );
  }
  const built = (entry) => existsSync(pkgFile(cfg, `${entry}/esm/ucontact-bridge.js`) || '');
  if (!built('full')) warnings.push(`no wasm package in ${cfg.pkg || LAYOUT.pkgRoot} (build it with scripts/build.sh)`);
  else if (!built('v6'))
    warnings.push(`no v6 build in ${cfg.pkg || LAYOUT.pkgRoot} (the v6 pages need it: scripts/build.sh v6)`);

  const at = (p, path = '/') => `http://127.0.0.1:${p}${path}`;
  const urls = {
    portal: at(ports.portal),
    portalCrossSite: at(ports.portal, '/?crmHost=localhost'),
    portalPopup: at(ports.portal, '/?popup=1'),
    porthole: at(ports.portal, '/porthole.html'),
    integra: at(ports.portal, '/Integra/resources/'),
    crm: at(ports.crm),
    page: cfg.crm || at(ports.crm),
    instance: at(ports.instance),
    uphone: at(ports.instance, '/uphone'),
    inbox: at(ports.instance, '/inbox.html'),
    v6UphoneCrm: at(ports.crm, '/v6/uphone-crm.html'),
    v6EventsCrm: at(ports.crm, '/v6/events-crm.html'),
  };
  let closing = null;
  const close = () =>
    (closing ??= (script.close(),
    Promise.all(
      Object.values(servers).map(
        (s) =>
          new Promise((ok) => {
            s.close(() => ok());
            s.closeAllConnections();
          }),
      ),
    )).then(() => undefined));
  return {
    ports,
    origins: config,
    urls,
    emulator,
    script: script.api,
    warnings,
    crmDir: cfg.crmDir,
    crm: cfg.crm,
    exitAfter: cfg.exitAfter,
    close,
  };
}

/** The lines the command prints once the sandbox listens (without `ready`). */
export function banner(s) {
  const { urls } = s;
  const lines = [
    'ucontact-sandbox is running (loopback only):',
    `  portal      ${urls.portal}            <- open this`,
    s.crm
      ? `  your page   ${s.crm}  (framed by the portal)`
      : `  CRM page    ${urls.crm}            (framed by the portal)`,
    `  cross-site  ${urls.portalCrossSite}`,
    `  porthole.js portal  ${urls.porthole}`,
    `  Integra API emulator  ${urls.integra}  (users agent1/secret1, agent2/secret2)${s.emulator ? '' : ' [not built]'}`,
    `  v6 instance ${urls.instance}            (uPhone, Inbox, Events API)`,
    `  v6 uPhone   ${urls.v6UphoneCrm}`,
    `  v6 form     ${urls.inbox}`,
    `  v6 events   ${urls.v6EventsCrm}`,
  ];
  if (s.crm) lines.splice(3, 0, `  CRM origin  ${urls.crm}            (${s.crmDir})`);
  if (s.exitAfter !== undefined) lines.push(`  stops by itself after ${s.exitAfter} s`);
  return lines;
}
