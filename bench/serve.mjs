// The benchmark's two origins: one small static server, listening on 127.0.0.1 only, on two
// ports. Port A plays the uContact portal, port B the CRM page it frames; both serve the same
// tree, so each page can be opened on either origin:
//
//   /              bench/pages/
//   /pkg/          target/pkg           (every entry of scripts/entries.tsv, as scripts/build.sh
//                                        writes it: /pkg/<entry>/esm/ucontact-bridge.js + .wasm,
//                                        /pkg/<entry>/script/ucontact-bridge{,.single}.js + ../.wasm;
//                                        $UCB_PKG_ROOT instead when the runner is given one)
//   /vendor/       porthole.js 1.0.0 as uContact loads it (porthole-proxy's lib/)
//
// A page names the build it loads with placeholders filled from its own query string:
// `{{entry}}` in bench/pages/*.html becomes the value of `?entry=`, `{{file}}` that of `?file=`
// (so init-script.html keeps a static, parser-blocking <script src>). A placeholder whose
// parameter is missing, or is not a plain file name, answers 400.
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

/** Fills the `{{name}}` placeholders of an HTML page from the query string; null when one has no
 *  value or a value that is not a plain name (letters, digits, `.`, `_`, `-`). */
function fillPlaceholders(html, query) {
  let bad = false;
  const out = html.replace(/\{\{(\w+)\}\}/g, (_, name) => {
    const v = query.get(name);
    if (v === null || !/^[A-Za-z0-9._-]+$/.test(v) || v.startsWith('.')) {
      bad = true;
      return '';
    }
    return v;
  });
  return bad ? null : out;
}

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

/** Starts one server per entry of `ports` (0 = any free port), serving `pkg` (default
 *  <root>/target/pkg) at /pkg/. `exitAfterMs` closes them even if the caller never does. */
export async function startOrigins({ root, pkg = join(root, 'target', 'pkg'), ports, isolate, exitAfterMs }) {
  const mounts = [
    ['/pkg/', pkg],
    ['/vendor/', join(root, 'node_modules', 'porthole-proxy', 'lib')],
    ['/', join(root, 'bench', 'pages')],
  ];
  const handler = async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const file = resolve(mounts, url.pathname);
    let body = null;
    if (file) body = await readFile(file).catch(() => null);
    let status = 200;
    if (body !== null && extname(file) === '.html') {
      body = fillPlaceholders(body.toString('utf8'), url.searchParams);
      if (body === null) {
        status = 400;
        body = `bad or missing query parameter for a placeholder of ${url.pathname}`;
      }
    }
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
    res.writeHead(status, headers);
    res.end(body);
  };
  const servers = await Promise.all(
    ports.map(
      (port) =>
        new Promise((ok, fail) => {
          const s = createServer(handler);
          s.keepAliveTimeout = 1000;
          s.on('error', fail);
          s.listen(port, '127.0.0.1', () => ok(s));
        }),
    ),
  );
  const stop = () =>
    servers.forEach((s) => {
      s.closeAllConnections();
      s.close();
    });
  const timer = setTimeout(stop, exitAfterMs);
  timer.unref();
  servers.forEach((s) => s.unref());
  return { origins: servers.map((s) => `http://127.0.0.1:${s.address().port}`), stop };
}
