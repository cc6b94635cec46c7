// Shortens the console messages of the glue wasm-bindgen 0.2.130 wrote (before minifying),
// which are the largest strings of every glue and say nothing of this library:
//
// * `init()`/`initSync()` given the module itself instead of `{ module_or_path }` /
//   `{ module }` warn that this form is deprecated. Both forms keep working (the .d.ts declares
//   both, and the package README shows the object form); the warning goes.
// * `instantiateStreaming` refused because the server sends the .wasm without the
//   `application/wasm` type: the warning stays, shorter and naming the library.
//
// Together about 150 B of gzip per glue (`scripts/build.sh` prints the sizes). Fails if a
// message is not found, so a wasm-bindgen upgrade that changes them is noticed.
// Usage: node scripts/glue-messages.mjs JS   (rewritten in place)
import { readFileSync, writeFileSync } from 'node:fs';

const [jsPath] = process.argv.slice(2);
if (!jsPath) {
  console.error('usage: node scripts/glue-messages.mjs JS');
  process.exit(2);
}
let js = readFileSync(jsPath, 'utf8');

const EDITS = [
  {
    what: "initSync's deprecation warning",
    from: /\} else \{\n\s*console\.warn\('using deprecated parameters for `initSync\(\)`; pass a single object instead'\)\n\s*\}/,
    to: '}',
  },
  {
    what: "init's deprecation warning",
    from: /\} else \{\n\s*console\.warn\('using deprecated parameters for the initialization function; pass a single object instead'\)\n\s*\}/,
    to: '}',
  },
  {
    what: 'the MIME type warning',
    from: /console\.warn\("`WebAssembly\.instantiateStreaming` failed because your server does not serve Wasm with `application\/wasm` MIME type\. Falling back to `WebAssembly\.instantiate` which is slower\. Original error:\\n", e\);/,
    to: 'console.warn("ucontact-bridge: the .wasm is not served as application/wasm; loading it without streaming", e);',
  },
];

for (const { what, from, to } of EDITS) {
  if (!from.test(js)) {
    console.error(`glue-messages: ${jsPath}: ${what} not found`);
    process.exit(1);
  }
  js = js.replace(from, to);
}
writeFileSync(jsPath, js);
