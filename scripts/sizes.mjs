// The sizes of every entry's builds, as data: scripts/build.sh runs this after it builds, so the
// figures in the docs come from a build and not from prose (issue 33, item 4). Per entry of
// scripts/entries.tsv whose build exists under the package root (target/pkg, or $UCB_PKG_ROOT):
// raw and gzip -9 bytes of the ES module's `.wasm` and glue, of the two-file script-tag build,
// and of the single file where the entry has one, with the entry's budgets. gzip is the `gzip`
// command at -9, the same bytes scripts/size-budget.sh and the bench count (zlib in node would
// give other, equally valid, figures).
//
// Usage: node scripts/sizes.mjs [--out FILE]   (default: <package root>/sizes.json)
// scripts/bench.sh --json writes the committed copy, bench/results/sizes.json.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = resolve(ROOT, process.env.UCB_PKG_ROOT || join('target', 'pkg'));

/** The entries table without comments: `{ name, features, subpath, budget, single }`. */
export function entries() {
  return readFileSync(join(ROOT, 'scripts', 'entries.tsv'), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(#|$)/.test(line))
    .map((line) => {
      const [name, features, subpath, budget, single] = line.trim().split(/\s+/);
      const num = (v) => (v === '-' || v === undefined ? null : Number(v));
      return { name, features, subpath, budget: num(budget), single: num(single) };
    });
}

const gzip = (file) => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 64 << 20 }).length;

/** Raw and gzip bytes of some files of one build, summed. */
function measure(dir, files) {
  const parts = files.map((f) => {
    const path = join(dir, f);
    return { file: f, raw: readFileSync(path).length, gzip: gzip(path) };
  });
  return { parts, raw: parts.reduce((n, p) => n + p.raw, 0), gzip: parts.reduce((n, p) => n + p.gzip, 0) };
}

/** The commit the tree was at, with `-dirty` when the working tree had changes. */
export function commit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=7', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT })
      .toString()
      .trim();
    return dirty ? `${head}-dirty` : head;
  } catch {
    return 'unknown';
  }
}

/** Every built entry's sizes. */
export function sizes(pkg = PKG) {
  const out = [];
  for (const e of entries()) {
    const dir = join(pkg, e.name);
    if (!existsSync(join(dir, 'esm', 'ucontact-bridge_bg.wasm'))) continue;
    const single = join(dir, 'script', 'ucontact-bridge.single.js');
    out.push({
      name: e.name,
      features: e.features,
      esm: { ...measure(join(dir, 'esm'), ['ucontact-bridge_bg.wasm', 'ucontact-bridge.js']), budget: e.budget },
      script: measure(dir, ['ucontact-bridge_bg.wasm', 'script/ucontact-bridge.js']),
      single:
        e.single !== null && existsSync(single)
          ? { ...measure(dir, ['script/ucontact-bridge.single.js']), budget: e.single }
          : null,
    });
  }
  return {
    tool: 'scripts/sizes.mjs (gzip -9, bytes)',
    commit: commit(),
    date: new Date().toISOString().slice(0, 10),
    entries: out,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let out = join(PKG, 'sizes.json');
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out' && args[i + 1]) out = resolve(args[++i]);
    else {
      console.error('usage: node scripts/sizes.mjs [--out FILE]');
      process.exit(2);
    }
  }
  const s = sizes();
  if (!s.entries.length) {
    console.error(`sizes: no build under ${PKG}; run scripts/build.sh`);
    process.exit(1);
  }
  writeFileSync(out, JSON.stringify(s, null, 2) + '\n');
  console.error(`sizes: ${s.entries.map((e) => `${e.name} ${e.esm.gzip} B`).join(', ')} -> ${out}`);
}
