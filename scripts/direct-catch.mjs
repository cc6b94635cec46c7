// Rewrites the imports wasm-bindgen wraps for `catch` into plain try/catch functions, in the glue
// it wrote (before minifying). wasm-bindgen 0.2.130 emits each as
//
//   name: function() { return handleError(function (arg0, arg1) { BODY }, arguments); },
//
// which allocates a closure and goes through `apply` on every call: ~17 ns more per call than
// the same body in a try block (node, V8), paid by every catching read of a caller's value
// (`Reflect.get`, `Object.keys`, `Array.isArray`, ...: ~16 per row of a base file). This writes
//
//   name: function (arg0, arg1) { try { BODY } catch (e) { handleError_(e); } },
//
// where `handleError_` stores the exception exactly as `handleError` did (it replaces it). The script fails if
// any `handleError(` call is left or none was found, so a wasm-bindgen whose glue differs stops
// the build instead of shipping half-rewritten code.
//
// Usage: node scripts/direct-catch.mjs JS   (rewritten in place)
import { readFileSync, writeFileSync } from 'node:fs';

const [jsPath] = process.argv.slice(2);
if (!jsPath) {
  console.error('usage: node scripts/direct-catch.mjs JS');
  process.exit(2);
}
const fail = (msg) => {
  console.error(`direct-catch: ${msg}`);
  process.exit(1);
};
let js = readFileSync(jsPath, 'utf8');
const DEF =
  /function handleError\(f, args\) \{\n\s*try \{\n\s*return f\.apply\(this, args\);\n\s*\} catch \(e\) \{\n([\s\S]*?)\n\s*\}\n(\s*)\}/;
const def = DEF.exec(js);
if (!def) fail(`${jsPath}: no handleError definition of the expected shape`);
const WRAPPED = /function\(\) \{ return handleError\(function \(([^)]*)\) \{\n([\s\S]*?)\n(\s*)\}, arguments\); \}/g;
let n = 0;
js = js.replace(WRAPPED, (_, params, body, indent) => {
  n++;
  return `function (${params}) { try {\n${body}\n${indent}} catch (e) { handleError_(e); } }`;
});
if (n === 0) fail(`${jsPath}: no import wrapped in handleError`);
// handleError itself becomes the store its catch block was.
js = js.replace(DEF, () => `function handleError_(e) {\n${def[1]}\n${def[2]}}`);
if (/handleError\(/.test(js)) fail(`${jsPath}: a handleError( call is left after rewriting ${n}`);
writeFileSync(jsPath, js);
