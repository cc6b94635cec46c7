// Makes the library's errors values a program can test, in the glue wasm-bindgen wrote (before
// minifying), and says what went wrong when the module cannot start. Adds, to both glues:
//
// * `UContactError` (a subclass of Error), `isUContactError(e)` and the frozen `ErrorCode`
//   object, exported beside the classes (the script-tag builds: on `UContactBridge`). The codes
//   are read from `ALL_CODES` in src/error/mod.rs, the list tests/error_codes.rs checks the .d.ts
//   union against, so the runtime object cannot drift from either. Every error the Rust side
//   makes goes through the one `js_sys::Error::new` import (src/web/convert.rs `error`), which
//   becomes `new UContactError(...)` here; the wasm-bindgen-test builds, not post-processed,
//   keep a plain Error with the same name and code. `instanceof` is the structural test of
//   `isUContactError` (Symbol.hasInstance), so an error from another entry of the same page
//   passes both.
// * NOT_INITIALIZED: the glue's `let wasm;` starts as a guard whose every property read throws
//   it, naming what to await, instead of `TypeError: Cannot read properties of undefined`. The
//   glue's two `wasm !== undefined` checks (wasm-bindgen 0.2.130's init and initSync) compare
//   with the guard instead.
// * WASM_BLOCKED: init()/initSync() failures are diagnosed: if instantiating the smallest module
//   (8 bytes) also fails, the page forbids WebAssembly (a Content-Security-Policy without
//   'wasm-unsafe-eval', or no WebAssembly at all), and the error says so, the engine's own error
//   as `cause`. Instantiating, not only compiling: WebKit (2.50) compiles under such a policy and
//   refuses the instance; Chromium and Firefox refuse both (a CompileError in all three). In the ES
//   module, init() without an argument from a file: URL (Node, test runners) fails with
//   NOT_INITIALIZED naming the two ways that work there, not `fetch failed`.
//
// Fails if the glue does not have the shapes above.
// Usage: node scripts/error-values.mjs JS esm|script   (rewritten in place)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [jsPath, kind] = process.argv.slice(2);
if (!jsPath || !['esm', 'script'].includes(kind)) {
  console.error('usage: node scripts/error-values.mjs JS esm|script');
  process.exit(2);
}
const esm = kind === 'esm';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const list = readFileSync(join(root, 'src', 'error', 'mod.rs'), 'utf8').match(
  /pub const ALL_CODES: &\[&str\] = &\[([^\]]*)\];/,
);
const codes = list ? [...list[1].matchAll(/"([A-Z0-9_]+)"/g)].map((m) => m[1]) : [];
if (!codes.includes('NOT_INITIALIZED') || !codes.includes('WASM_BLOCKED')) {
  console.error('error-values: ALL_CODES in src/error/mod.rs not found, or without NOT_INITIALIZED and WASM_BLOCKED');
  process.exit(1);
}
const awaitWhat = esm ? 'await init()' : 'await UContactBridge.ready';

// Module scope (the script build: the wrapper's scope, which script-loader.js shares).
const head = `
class UContactError extends Error {
  constructor(message, code, cause) {
    super(message, cause && { cause });
    this.name = 'UContactError';
    this.code = code;
  }
  static [Symbol.hasInstance](e) { return isUContactError(e); }
}
function isUContactError(e) {
  return e instanceof Error && e.name === 'UContactError' && typeof e.code === 'string';
}
const ErrorCode = Object.freeze(Object.fromEntries('${codes.join(' ')}'.split(' ').map((c) => [c, c])));
const __ucb_uninit = new Proxy({}, { get() {
  throw new UContactError('ucontact-bridge: ${awaitWhat} before using it', 'NOT_INITIALIZED');
} });
function __ucb_blocked(e) {
  try {
    new WebAssembly.Instance(new WebAssembly.Module(Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0)));
    return e;
  } catch (_) {
    return new UContactError("WebAssembly is blocked: the page's CSP needs 'wasm-unsafe-eval' in script-src", 'WASM_BLOCKED', e);
  }
}
`;
const nodeHint = esm
  ? `a === undefined && /^file:/.test(import.meta.url) ? new UContactError('init() cannot fetch a file: URL; pass the .wasm: initSync({ module: bytes })', 'NOT_INITIALIZED', e) : `
  : '';
// Beside wasm-bindgen's init and initSync (the script build: inside its function).
const wrappers = `
const __ucb_init = (a) => __wbg_init(a).catch((e) => { throw ${nodeHint}__ucb_blocked(e); });
function __ucb_initSync(m) {
  try { return initSync(m); } catch (e) { throw __ucb_blocked(e); }
}
`;

let js = readFileSync(jsPath, 'utf8');
/** Replaces `from` (a string, or a regex with its count) exactly `n` times, or fails. */
function patch(from, to, n = 1) {
  const re = typeof from === 'string' ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : from;
  const found = (js.match(re) || []).length;
  if (found !== n) {
    console.error(`error-values: ${jsPath}: ${re} found ${found} times, expected ${n}`);
    process.exit(1);
  }
  js = js.replace(re, to);
}
patch(
  'const ret = new Error(getStringFromWasm0(arg0, arg1));',
  'const ret = new UContactError(getStringFromWasm0(arg0, arg1));',
);
patch('let wasmModule, wasmInstance, wasm;', 'let wasmModule, wasmInstance, wasm = __ucb_uninit;');
patch('if (wasm !== undefined) return wasm;', 'if (wasm !== __ucb_uninit) return wasm;', 2);
if (esm) {
  patch(/^(\/\* @ts-self-types="[^"]*" \*\/\n)/g, (line) => line + head);
  patch(
    'export { initSync, __wbg_init as default };',
    `${wrappers}export { __ucb_initSync as initSync, __ucb_init as default, UContactError, isUContactError, ErrorCode };`,
  );
} else {
  js = head + js;
  patch(
    /\n(\s*)return Object\.assign\(__wbg_init, \{ initSync \}, exports\);/g,
    `\n${wrappers}$1return Object.assign(__ucb_init, { initSync: __ucb_initSync, UContactError, isUContactError, ErrorCode }, exports);`,
  );
}
writeFileSync(jsPath, js);
