// Checks the names-kept debug builds (scripts/build.sh writes them to target/pkg-debug/<entry>/)
// against the release builds (target/pkg/<entry>/), per entry of scripts/entries.tsv:
//   1. the debug .wasm has a name section naming the crate's Rust functions
//      (`ucontact_bridge::…`); the release .wasm has no name section at all;
//   2. apart from custom sections, the two modules are the same bytes: the debug build is the
//      release build plus names (same code, so a trap in it is the trap the release build has);
//   3. in node, a stack taken inside a call from wasm (the `log` option's function, called by
//      the library while an IntegraClient logs in) names the Rust function it passed through in
//      the debug build, and shows only `wasm-function[N]` in the release one. A trap's stack is
//      made the same way, so this is what a trap shows.
// Prints `debug-build: N passed, M failed`; exits non-zero on a failure.
// Usage: node scripts/debug-build.mjs   (after scripts/build.sh; UCB_PKG_ROOT, UCB_PKG_DEBUG_ROOT)
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RELEASE = process.env.UCB_PKG_ROOT || join(ROOT, 'target', 'pkg');
const DEBUG = process.env.UCB_PKG_DEBUG_ROOT || join(ROOT, 'target', 'pkg-debug');
const entries = readFileSync(join(ROOT, 'scripts', 'entries.tsv'), 'utf8')
  .split('\n')
  .filter((l) => !/^\s*(#|$)/.test(l))
  .map((l) => l.trim().split(/\s+/))
  .map(([name, features]) => ({ name, features: features.split(',') }));

let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok   ' : 'FAIL '} ${what}`);
};

/** The module's sections: `{ id, name?, bytes }` (custom sections have id 0 and a name). */
function sections(buf) {
  const out = [];
  let at = 8;
  const leb = () => {
    let n = 0;
    let shift = 0;
    let b;
    do {
      b = buf[at++];
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return n;
  };
  while (at < buf.length) {
    const id = buf[at++];
    const size = leb();
    const start = at;
    let name;
    if (id === 0) {
      const len = leb();
      name = buf.subarray(at, at + len).toString('utf8');
    }
    out.push({ id, name, bytes: buf.subarray(start, start + size) });
    at = start + size;
  }
  return out;
}

/** The function names of a name section (subsection 1: a vector of (index, name)). */
function functionNames(section) {
  const b = section.bytes;
  let at = 0;
  const leb = () => {
    let n = 0;
    let shift = 0;
    let x;
    do {
      x = b[at++];
      n += (x & 0x7f) * 2 ** shift;
      shift += 7;
    } while (x & 0x80);
    return n;
  };
  at = leb() + at; // skip the section's own name ("name")
  const names = [];
  while (at < b.length) {
    const kind = b[at++];
    const size = leb();
    const end = at + size;
    if (kind === 1) {
      for (let count = leb(); count > 0; count--) {
        leb();
        const len = leb();
        names.push(b.subarray(at, at + len).toString('utf8'));
        at += len;
      }
    }
    at = end;
  }
  return names;
}

/** Stacks taken in the `log` function while an IntegraClient of build `dir` fails to log in. */
async function stacksThroughLog(dir) {
  const glue = await import(pathToFileURL(join(dir, 'esm', 'ucontact-bridge.js')).href);
  glue.initSync({ module: readFileSync(join(dir, 'esm', 'ucontact-bridge_bg.wasm')) });
  const stacks = [];
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  // Port 9 of the loopback (discard): refused at once, nothing listens there.
  const client = new glue.IntegraClient({
    baseUrl: 'http://127.0.0.1:9',
    user: 'debug-check',
    password: 'not-a-secret',
    log: () => stacks.push(new Error('stack').stack),
  });
  await client.login().catch(() => {});
  client.free();
  Error.stackTraceLimit = limit;
  return stacks;
}

for (const { name, features } of entries) {
  const release = join(RELEASE, name, 'esm', 'ucontact-bridge_bg.wasm');
  const debug = join(DEBUG, name, 'esm', 'ucontact-bridge_bg.wasm');
  if (!existsSync(release) || !existsSync(debug)) {
    check(false, `${name}: ${existsSync(release) ? debug : release} is missing (scripts/build.sh ${name})`);
    continue;
  }
  const r = sections(readFileSync(release));
  const d = sections(readFileSync(debug));
  const names = d.filter((s) => s.name === 'name').flatMap(functionNames);
  const crate = names.filter((n) => n.startsWith('ucontact_bridge::'));
  check(
    crate.length > 0,
    `${name}: the debug build names ${names.length} functions, ${crate.length} of them the crate's (e.g. ${crate.find((n) => !n.includes('__wbg')) ?? crate[0] ?? 'none'})`,
  );
  check(!r.some((s) => s.name === 'name'), `${name}: the release build has no name section`);
  // The ES module's .wasm, and the one the script build loads (one directory above script/).
  for (const dir of ['esm', '.']) {
    const other = join(DEBUG, name, dir, 'ucontact-bridge_bg.wasm');
    const code = (list) => Buffer.concat(list.filter((s) => s.id !== 0).map((s) => s.bytes));
    const rel = sections(readFileSync(join(RELEASE, name, dir, 'ucontact-bridge_bg.wasm')));
    check(
      existsSync(other) && code(sections(readFileSync(other))).equals(code(rel)),
      `${name}/${dir === '.' ? 'script' : dir}: the debug module is the release module plus names (every non-custom section equal)`,
    );
  }
  if (features.includes('full') || features.includes('rest')) {
    const withNames = await stacksThroughLog(join(DEBUG, name));
    const without = await stacksThroughLog(join(RELEASE, name));
    const frame = withNames.join('\n').match(/at (?:\S+\.wasm\.)?(ucontact_bridge::[^\s(]+)/);
    check(
      frame !== null,
      `${name}: a stack through the debug build names its Rust function (${frame ? frame[1] : withNames[0]})`,
    );
    check(
      without.length > 0 && without.every((s) => /wasm-function\[\d+\]/.test(s) && !s.includes('ucontact_bridge::')),
      `${name}: the release build's stack shows wasm-function[N] only`,
    );
  }
}
console.log(`debug-build: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
