// The benchmark's two origins: one small static server, listening on 127.0.0.1 only, on two
// ports. Port A plays the uContact portal, port B the CRM page it frames; both serve the same
// tree, so each page can be opened on either origin:
//
//   /              bench/pages/
//   /pkg/web/      target/pkg/web       (the npm package build: ES module + .wasm)
//   /pkg/script/   target/pkg/script    (the script-tag build)
//   /vendor/       porthole.js 1.0.0 as uContact loads it (porthole-proxy's lib/)
//
// Every response is `Cache-Control: no-store`, so each page load fetches and compiles the wasm
// afresh (the cold-init figure depends on it). With `isolate`, responses also carry the
// headers that make the pages cross-origin isolated, which gives `performance.now()` its fine
// resolution (5 µs instead of 100 µs in Chromium); see BENCHMARKS.md.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Maps a URL path to a file under one of the mounted folders, or null. */
function resolve(mounts, pathname) {
  for (const [prefix, dir] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const rest = normalize(decodeURIComponent(pathname.slice(prefix.length)));
    if (rest.startsWith('..') || rest.includes('\0')) return null;
    return join(dir, rest === '.' || rest === '' ? 'index.html' : rest);
  }
  return null;
}

/** Starts one server per entry of `ports` (0 = any free port). `exitAfterMs` closes them even if the caller never does. */
export async function startOrigins({ root, ports, isolate, exitAfterMs }) {
  const mounts = [
    ['/pkg/web/', join(root, 'target', 'pkg', 'web')],
    ['/pkg/script/', join(root, 'target', 'pkg', 'script')],
    ['/vendor/', join(root, 'node_modules', 'porthole-proxy', 'lib')],
    ['/', join(root, 'bench', 'pages')],
  ];
  const handler = async (req, res) => {
    const file = resolve(mounts, new URL(req.url, 'http://x').pathname);
    let body = null;
    if (file) body = await readFile(file).catch(() => null);
    const headers = {
      'content-type': TYPES[extname(file || '')] || 'application/octet-stream',
      'cache-control': 'no-store',
    };
    if (isolate) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
      headers['cross-origin-resource-policy'] = 'cross-origin';
    }
    if (body === null) {
      res.writeHead(404, headers);
      res.end('not found');
      return;
    }
    res.writeHead(200, headers);
    res.end(body);
  };
  const servers = await Promise.all(ports.map((port) => new Promise((ok, fail) => {
    const s = createServer(handler);
    s.keepAliveTimeout = 1000;
    s.on('error', fail);
    s.listen(port, '127.0.0.1', () => ok(s));
  })));
  const stop = () => servers.forEach((s) => { s.closeAllConnections(); s.close(); });
  const timer = setTimeout(stop, exitAfterMs);
  timer.unref();
  servers.forEach((s) => s.unref());
  return { origins: servers.map((s) => `http://127.0.0.1:${s.address().port}`), stop };
}
