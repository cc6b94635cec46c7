// Makes `free()` (and so `[Symbol.dispose]`, which wasm-bindgen points at it, and TypeScript's
// `using`) tear an object down before releasing it, in the glue wasm-bindgen wrote (before
// minifying). wasm-bindgen 0.2.130 emits, per class,
//
//   free() {
//       const ptr = this.__destroy_into_raw();
//       wasm.__wbg_<class>_free(ptr, 0);
//   }
//
// which drops the Rust value only. A class that listens (PortalChannel, Bridge, PortalHost, the
// v6 classes) is kept alive by its own `message` listener, like a DOM listener (so a page that
// only subscribes goes on hearing), so `free()` alone left it listening, delivering to its
// subscribers and holding its timers, with no handle left to stop it. This writes
//
//   free() {
//       if (this.__wbg_ptr === 0) return;
//       if (typeof this.destroy === 'function') this.destroy();
//       const ptr = ...
//
// so `free()` is `destroy()` and then the release, and a second `free()` does nothing (as a
// second `destroy()`). Classes without `destroy()` (Respool, CtiKey, ...) only gain the second.
// Garbage collection still releases through wasm-bindgen's FinalizationRegistry, which does not
// call `free()`. Fails if no `free()` of that shape is found.
//
// Usage: node scripts/free-destroys.mjs JS   (rewritten in place)
import { readFileSync, writeFileSync } from 'node:fs';

const [jsPath] = process.argv.slice(2);
if (!jsPath) {
  console.error('usage: node scripts/free-destroys.mjs JS');
  process.exit(2);
}
let js = readFileSync(jsPath, 'utf8');
const FREE =
  /(\n(\s*)free\(\) \{\n)(\s*)(const ptr = this\.__destroy_into_raw\(\);\n\s*wasm\.__wbg_\w+_free\(ptr, 0\);)/g;
let n = 0;
js = js.replace(FREE, (_, head, _indent, inner, body) => {
  n++;
  return `${head}${inner}if (this.__wbg_ptr === 0) return;\n${inner}if (typeof this.destroy === 'function') this.destroy();\n${inner}${body}`;
});
const classes = (js.match(/\n\s*__destroy_into_raw\(\) \{/g) || []).length;
if (n === 0 || n !== classes) {
  console.error(`free-destroys: ${jsPath}: rewrote ${n} free() of ${classes} classes`);
  process.exit(1);
}
writeFileSync(jsPath, js);
