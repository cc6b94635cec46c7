// The tables of measured figures in the docs, generated from the result files (issue 33, item
// 4): a figure is written once, by the run that measured it, and git keeps the history of the
// files. Reads bench/results/sizes.json (scripts/sizes.mjs, from a build) and
// bench/results/chromium.json (bench/run.mjs, from scripts/bench.sh --json), and rewrites the
// blocks between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` in BENCHMARKS.md and
// pkg-template/README.md. The targets are here, in TARGETS, and nowhere else.
//
// Usage: node scripts/bench-table.mjs            rewrite the blocks
//        node scripts/bench-table.mjs --check    fail if a block differs from what the files give
// A missing result file is not an error: its block says so, and how to write it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results');
const KB = 1024;

/** The team's targets (issue 8 and issue 15), one place. Sizes in gzip -9 bytes. */
export const TARGETS = {
  size: { 'channel-esm': 16 * KB, 'channel-single': 24 * KB, 'full-esm': 45 * KB },
  sameSite: { p50: 1.1, mean: 1.1, p99: 1.5 }, // ours ÷ porthole.js, at most
  crossSite: { p50: 1.05, mean: 1.05 }, // ours ÷ porthole.js, at most
  tagRate: 1.0, // ours ÷ porthole.js (rate), at least
  coldInit: { channel: 1.2, full: 2.0 }, // ours ÷ porthole.js, at most, per entry
  constructMs: 0.5, // at most
  ctiSpeedup: 1.0, // WebCrypto + JSON.parse ÷ CtiKey.open, at least
  baseFileTime: 1.0, // ours ÷ naive, at most
  baseFilePeak: 1.0, // JS + wasm peak ÷ naive, at most
  baseFileGrowth: 1.5, // wasm growth ÷ the file's bytes, at most
};

const read = (name) => {
  const path = join(RESULTS, name);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};

// ---- formatting -----------------------------------------------------------------------------
const int = (n) => Math.round(n).toLocaleString('en-US');
const bytes = (n) => `${int(n)} B`;
const ms = (x) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(2)} ms` : `${(x * 1000).toFixed(0)} µs`);
const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
const mib = (b) => `${(b / (1 << 20)).toFixed(1)} MiB`;
const atMost = (x, t) => (x <= t ? 'met' : 'missed');
const atLeast = (x, t) => (x >= t ? 'met' : 'missed');
/** A Markdown table; `right` lists the columns aligned right (the numbers). */
const table = (head, rows, right) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map((h, i) => (right.includes(i) ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
/** `channel-esm` → `channel ES module`, as the size table names the builds. */
const buildLabel = (id) =>
  id
    .replace(/-esm$/, ' ES module')
    .replace(/-single$/, ' single file')
    .replace(/-script$/, ' script tag');
const plural = (n, word) => `${int(n)} ${word}${n === 1 ? '' : word.endsWith('h') ? 'es' : 's'}`;

// ---- the blocks -----------------------------------------------------------------------------
const SIZES_MISSING = 'No `bench/results/sizes.json` yet: `scripts/bench.sh --sizes` writes it from `target/pkg`.';

/** The size table of every entry, for both docs. */
function sizeTable(s, { budgets }) {
  if (!s) return SIZES_MISSING;
  const head = ['entry', 'ES module (`.wasm` + glue)', 'script tag (two files)', 'single file'];
  if (budgets) head.push('budget (CI)');
  const rows = s.entries.map((e) => {
    const row = [`\`${e.name}\``, bytes(e.esm.gzip), bytes(e.script.gzip), e.single ? bytes(e.single.gzip) : '—'];
    if (budgets) row.push(`${bytes(e.esm.budget)}${e.single ? ` / ${bytes(e.single.budget)}` : ''}`);
    return row;
  });
  return `${table(head, rows, [1, 2, 3, 4])}\n\ngzip -9 bytes, from the build at \`${s.commit}\` (${s.date}; \`bench/results/sizes.json\`).`;
}

/** The current table of BENCHMARKS.md: every figure with its reference, ratio and target. */
function benchTable(s, r) {
  if (!r) {
    return (
      'No `bench/results/chromium.json` yet: `scripts/bench.sh --json` writes it (about 8 minutes on a quiet machine).' +
      ' The last round measured by hand, with its spread over three runs, is in git: `git show adf3872:BENCHMARKS.md`, "Current (eighth round)".'
    );
  }
  const rows = [];
  const add = (figure, ours, ref, ratio, target, verdict) => rows.push([figure, ours, ref, ratio, target, verdict]);
  const porthole = r.size.refs.find((x) => x.key === 'porthole');
  for (const e of s ? s.entries : []) {
    for (const [id, label, g] of [
      [`${e.name}-esm`, `${e.name} ES module`, e.esm.gzip],
      [`${e.name}-single`, `${e.name} single file`, e.single?.gzip],
    ]) {
      if (g === undefined) continue;
      const t = TARGETS.size[id];
      add(
        `size, ${label}, gzip -9`,
        bytes(g),
        `porthole.js ${bytes(porthole.gzip)}`,
        times(g / porthole.gzip),
        t ? `≤ ${bytes(t)}` : '',
        t ? atMost(g, t) : '',
      );
    }
  }
  const nd = r.messagingNoDevtools;
  const entries = Object.keys(nd['same-site'].rt).filter((k) => k.startsWith('ours-'));
  for (const [site, targets] of /** @type {const} */ ([
    ['same-site', TARGETS.sameSite],
    ['cross-site', TARGETS.crossSite],
  ])) {
    const rt = nd[site].rt;
    for (const o of entries) {
      const keys = Object.keys(targets);
      const ratios = keys.map((k) => rt[o][k] / rt.porthole[k]);
      add(
        `round trip \`call\` → guid ${keys.join(' / ')}, ${site}, ${o.slice(5)}`,
        keys.map((k) => ms(rt[o][k])).join(' / '),
        `porthole.js ${keys.map((k) => ms(rt.porthole[k])).join(' / ')}`,
        ratios.map(times).join(' / '),
        keys.map((k) => `≤ ${targets[k].toFixed(2)}×`).join(' / '),
        ratios.map((x, i) => atMost(x, targets[keys[i]])).join(' / '),
      );
    }
    const tp = nd[site].tput;
    for (const o of entries.filter((k) => tp[k])) {
      const x = tp[o].rate / tp.porthole.rate;
      add(
        `\`tag\` throughput, ${site}, ${o.slice(5)}`,
        `${int(tp[o].rate)} msg/s`,
        `porthole.js ${int(tp.porthole.rate)} msg/s`,
        times(x),
        `≥ ${TARGETS.tagRate.toFixed(2)}×`,
        atLeast(x, TARGETS.tagRate),
      );
    }
  }
  // Cold init and the construction inside it, one row per build.
  const ci = r.coldInit;
  for (const [id, c] of Object.entries(ci)) {
    if (id === 'porthole' || id === 'emptyModule') continue;
    const t = TARGETS.coldInit[id.split('-')[0]];
    const x = c.p50 / ci.porthole.p50;
    const y = c.constructP50 / ci.porthole.constructP50;
    add(
      `cold init p50 / constructing a \`PortalChannel\` p50, ${buildLabel(id)}`,
      `${ms(c.p50)} / ${ms(c.constructP50)}`,
      `porthole.js ${ms(ci.porthole.p50)} / ${ms(ci.porthole.constructP50)}`,
      `${times(x)} / ${times(y)}`,
      `${t ? `≤ ${t.toFixed(2)}×` : '—'} / ≤ ${ms(TARGETS.constructMs)}`,
      `${t ? atMost(x, t) : '—'} / ${atMost(c.constructP50, TARGETS.constructMs)}`,
    );
  }
  add(
    'cold init p50, an empty ES module (the floor)',
    ms(ci.emptyModule.p50),
    `porthole.js ${ms(ci.porthole.p50)}`,
    times(ci.emptyModule.p50 / ci.porthole.p50),
    '',
    '',
  );
  const c = r.cti;
  const ref = `WebCrypto + \`JSON.parse\` ${ms(c.sequential)}`;
  add(
    'CTI per record, `CtiKey.open` (record + Respool), speedup',
    ms(c.keyOpen),
    ref,
    times(c.sequential / c.keyOpen),
    `≥ ${TARGETS.ctiSpeedup.toFixed(2)}×`,
    atLeast(c.sequential / c.keyOpen, TARGETS.ctiSpeedup),
  );
  add(
    'CTI per record, `Respool.fromCti(envelope, { key })`, speedup',
    ms(c.oneCall),
    ref,
    times(c.sequential / c.oneCall),
    '',
    '',
  );
  const bf = r.baseFile;
  const rowsN = int(r.options.rows);
  const x = bf.ours.ms / bf.naive.ms;
  add(
    `base file, ${rowsN} rows → base64`,
    ms(bf.ours.ms),
    `naive \`join\` + \`btoa\` ${ms(bf.naive.ms)}`,
    times(x),
    `≤ ${TARGETS.baseFileTime.toFixed(2)}×`,
    atMost(x, TARGETS.baseFileTime),
  );
  const peak = (bf.ours.jsPeak + bf.ours.wasmGrowth) / bf.naive.jsPeak;
  add(
    'base file, JS + wasm peak',
    mib(bf.ours.jsPeak + bf.ours.wasmGrowth),
    `naive ${mib(bf.naive.jsPeak)}`,
    times(peak),
    `≤ ${TARGETS.baseFilePeak.toFixed(2)}×`,
    atMost(peak, TARGETS.baseFilePeak),
  );
  const file = (bf.ours.base64Chars * 3) / 4;
  const growth = bf.ours.wasmGrowth / file;
  add(
    'base file, wasm memory growth ÷ the file',
    mib(bf.ours.wasmGrowth),
    `the file ${mib(file)}`,
    times(growth),
    `≤ ${TARGETS.baseFileGrowth.toFixed(2)}×`,
    atMost(growth, TARGETS.baseFileGrowth),
  );

  const m = r.machine;
  const o = r.options;
  const small = o.calls < 5000 || o.tags < 20000 || o.loads < 20 || o.cti < 2000 || o.rows < 100000 || o.launches < 7;
  return [
    table(['figure', 'ours', 'reference (same run)', 'ratio', 'target', ''], rows, [1, 3, 4]),
    '',
    `One run of \`scripts/bench.sh --json\` at \`${r.commit || 'unknown'}\`, ${m.date.slice(0, 10)}: ${m.cpu}, ${m.cores} cores, Chromium ${m.chromium}, node ${m.node},` +
      ` load average ${m.loadavg} at the start and ${m.loadavgEnd} at the end; messaging without a DevTools session (${plural(o.launches, 'launch')} per contender and site),` +
      ` cold init over ${plural(o.loads, 'load')}, CTI over ${plural(o.cti, 'record')}.` +
      (small ? ' **Fewer samples than the defaults: a test of the mechanism, not figures to read.**' : ''),
  ].join('\n');
}

/** name → [file, text] for every generated block. */
function blocks() {
  const s = read('sizes.json');
  const r = read('chromium.json');
  return [
    ['BENCHMARKS.md', 'sizes', sizeTable(s, { budgets: true })],
    ['BENCHMARKS.md', 'bench-table', benchTable(s, r)],
    ['pkg-template/README.md', 'sizes', sizeTable(s, { budgets: false })],
  ];
}

/** The file's text with block `name` replaced; throws when the markers are missing. */
function replaceBlock(text, name, body, file) {
  const open = `<!-- generated:${name} (scripts/bench-table.mjs; do not edit) -->`;
  const close = `<!-- /generated:${name} -->`;
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  if (a < 0 || b < a) throw new Error(`${file}: no block \`${open}\` … \`${close}\``);
  return `${text.slice(0, a + open.length)}\n${body}\n${text.slice(b)}`;
}

/** Says (without failing: a build of any tree may sit in target/pkg) when the last build's
 *  sizes differ from the recorded ones, so that a change in size is recorded with its commit. */
function staleNote() {
  const built = join(ROOT, 'target', 'pkg', 'sizes.json');
  const s = read('sizes.json');
  if (!s || !existsSync(built)) return;
  const gz = (x) => JSON.stringify(x.entries.map((e) => [e.name, e.esm.gzip, e.script.gzip, e.single?.gzip ?? null]));
  if (gz(JSON.parse(readFileSync(built, 'utf8'))) !== gz(s)) {
    console.log(
      'bench-table: note: target/pkg/sizes.json (the last build) differs from bench/results/sizes.json;' +
        ' if the build is of this tree, record it: scripts/bench.sh --sizes --no-build',
    );
  }
}

const check = process.argv.includes('--check');
let stale = 0;
const texts = new Map();
for (const [file, name, body] of blocks()) {
  const path = join(ROOT, file);
  const before = texts.get(file) ?? readFileSync(path, 'utf8');
  const after = replaceBlock(before, name, body, file);
  if (after !== before) {
    stale++;
    if (check) console.error(`bench-table: ${file}, block ${name}, differs from bench/results/*.json`);
  }
  texts.set(file, after);
}
if (check) {
  if (stale) {
    console.error('bench-table: run `node scripts/bench-table.mjs` and commit the result');
    process.exit(1);
  }
  console.log('bench-table: every generated block matches bench/results/*.json');
  staleNote();
} else {
  for (const [file, text] of texts) writeFileSync(join(ROOT, file), text);
  console.log(`bench-table: ${stale} block(s) rewritten`);
}
