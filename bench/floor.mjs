// The floor of a wasm channel: how the library's PortalChannel, the least a correct channel in
// Rust and wasm can do (bench/floor/src/lib.rs) and porthole.js compare per message, measured as
// the bench measures messaging without DevTools (the same CRM pages' `?auto=` protocol, the same
// porthole.js portal, contenders taking turns launch by launch), same-site and cross-site.
// If the floor itself misses a target against porthole.js, no wasm channel can meet it.
//
// Usage: node bench/floor.mjs [--launches N] [--entry channel] [--site same-site|cross-site]
//                             [--js-flags F]   (V8 flags for every launch, e.g. `--no-liftoff`)
//   builds bench/floor into target/pkg/floor/esm first (wasm-bindgen --target web, wasm-opt -Oz);
//   the library's build is the one in target/pkg (scripts/build.sh).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOrigins } from './serve.mjs';
import { CHROMIUM_ARGS, consoleResult, withQuery } from './launch.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = resolvePath(ROOT, process.env.UCB_PKG_ROOT || join('target', 'pkg'));
const opts = { launches: 5, entry: 'channel', sites: ['same-site', 'cross-site'], jsFlags: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--launches') opts.launches = Number(process.argv[++i]);
  else if (a === '--entry') opts.entry = process.argv[++i];
  else if (a === '--site') opts.sites = [process.argv[++i]];
  else if (a === '--js-flags') opts.jsFlags = process.argv[++i];
  else {
    console.error(`floor: unknown option ${a}`);
    process.exit(2);
  }
}

// The floor channel's build, as the bench serves packages: /pkg/floor/esm/floor.js + .wasm.
const target = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
const out = join(PKG, 'floor', 'esm');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'ucontact-floor']);
mkdirSync(out, { recursive: true });
run('wasm-bindgen', [
  '--target',
  'web',
  '--no-typescript',
  '--out-dir',
  out,
  '--out-name',
  'floor',
  join(target, 'wasm32-unknown-unknown', 'release', 'ucontact_floor.wasm'),
]);
run('wasm-opt', ['-Oz', '--low-memory-unused', join(out, 'floor_bg.wasm'), '-o', join(out, 'floor_bg.wasm')]);

const CONTENDERS = [
  { name: `ours-${opts.entry}`, crm: 'crm-ours.html', query: { entry: opts.entry } },
  { name: 'floor', crm: 'crm-floor.html', query: {} },
  { name: 'porthole', crm: 'crm-porthole.html', query: {} },
];
const args = opts.jsFlags ? [...CHROMIUM_ARGS, `--js-flags=${opts.jsFlags}`] : CHROMIUM_ARGS;
const AUTO = '2000,5000,4'; // calls, tags, rounds: as bench/run.mjs without DevTools
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

const servers = await startOrigins({ root: ROOT, pkg: PKG, ports: [0, 0], isolate: true, exitAfterMs: 30 * 60 * 1000 });
const A = servers.origins[0];
const sites = { 'same-site': servers.origins[1], 'cross-site': servers.origins[1].replace('127.0.0.1', 'localhost') };
try {
  for (const site of opts.sites) {
    const B = sites[site];
    const runs = Object.fromEntries(CONTENDERS.map((c) => [c.name, []]));
    for (let i = 0; i < opts.launches; i++) {
      for (const c of CONTENDERS) {
        const crm = withQuery(`/${c.crm}`, { peer: A, ...c.query, auto: AUTO });
        const r = JSON.parse(
          await consoleResult(
            withQuery(`${A}/portal.html`, { peer: B, crm }),
            /ucb-bench-auto (\{.*?\}) ucb-bench-end/,
            { args },
          ),
        );
        if (r.error) throw new Error(`${c.name}: ${r.error}`);
        runs[c.name].push(r);
      }
    }
    const fig = {};
    for (const [name, rs] of Object.entries(runs)) {
      fig[name] = {
        p50: median(rs.map((r) => r.p50)) * 1000,
        mean: median(rs.map((r) => r.mean)) * 1000,
        p99: median(rs.map((r) => r.p99)) * 1000,
        send: median(rs.map((r) => r.send)) * 1000,
        tags: 5000 / (median(rs.flatMap((r) => r.tagMs)) / 1000),
      };
    }
    // Paired: each launch cycle's ratio to the porthole.js launch beside it, then the median
    // of those ratios (the machine drifts between cycles; a cycle's contenders run back to back).
    const paired = (name, key) =>
      median(
        runs[name].map((r, i) =>
          key === 'tags' ? median(runs.porthole[i].tagMs) / median(r.tagMs) : r[key] / runs.porthole[i][key],
        ),
      );
    const ref = fig.porthole;
    console.log(
      `\n${site}, ${opts.launches} launches each (medians of the launches; µs, tags/s; ratio to porthole.js)`,
    );
    console.log(
      `${'contender'.padEnd(16)} ${'p50'.padStart(14)} ${'mean'.padStart(14)} ${'p99'.padStart(14)} ${'send'.padStart(14)} ${'tags/s'.padStart(18)}`,
    );
    for (const [name, f] of Object.entries(fig)) {
      const cell = (v, r, d = 1) => `${v.toFixed(d)} ${(v / r).toFixed(2)}×`.padStart(14);
      console.log(
        `${name.padEnd(16)} ${cell(f.p50, ref.p50)} ${cell(f.mean, ref.mean)} ${cell(f.p99, ref.p99)} ${cell(f.send, ref.send, 2)} ${`${Math.round(f.tags)} ${(f.tags / ref.tags).toFixed(2)}×`.padStart(18)}`,
      );
    }
    console.log('paired ratios (median over launch cycles of contender ÷ porthole.js in the same cycle):');
    for (const c of CONTENDERS.slice(0, -1)) {
      console.log(
        `${c.name.padEnd(16)} p50 ${paired(c.name, 'p50').toFixed(2)}×  mean ${paired(c.name, 'mean').toFixed(2)}×  p99 ${paired(c.name, 'p99').toFixed(2)}×  send ${paired(c.name, 'send').toFixed(2)}×  tags ${paired(c.name, 'tags').toFixed(2)}×`,
      );
    }
  }
} finally {
  servers.stop();
}
process.exit(0);
