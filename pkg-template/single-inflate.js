// The single-file build's .wasm, inlined by scripts/inline-wasm.mjs (which says why and how):
// each byte is one printable ASCII character, or `}` / `~` and one, ranked by frequency; the
// ranking (bytes by rank, hex) comes second. Decoded here into the bytes script-loader.js
// instantiates. The text is ASCII, so TextEncoder writes its character codes natively; the
// one pass that maps codes to bytes runs in a 128-byte wasm module (a JS loop over ~100,000
// codes, run once and so never optimized, took ~5 ms of a cold start; this takes ~0.2 ms).
// Its memory: the code-to-byte table at 0..384, the codes from 384, decoded in place. The
// module, in the text format (export "m" is the memory, "d" the decoder):
//   (func (export "d") (param $n i32) (result i32) (local $i i32) (local $o i32) (local $c i32)
//     (block (loop
//       (br_if 1 (i32.ge_u (local.get $i) (local.get $n)))
//       (local.set $c (i32.load8_u offset=384 (local.get $i)))
//       (if (i32.gt_u (local.get $c) (i32.const 124)) (then
//         (local.set $i (i32.add (local.get $i) (i32.const 1)))
//         (local.set $c (i32.add (i32.shl (i32.sub (local.get $c) (i32.const 124)) (i32.const 7))
//                                (i32.load8_u offset=384 (local.get $i))))))
//       (i32.store8 offset=384 (local.get $o) (i32.load8_u (local.get $c)))
//       (local.set $o (i32.add (local.get $o) (i32.const 1)))
//       (local.set $i (i32.add (local.get $i) (i32.const 1)))
//       (br 0)))
//     (local.get $o))
// scripts/inline-wasm.mjs checks, in node, that this module decodes its text to the .wasm.
// A failure (a page whose policy forbids WebAssembly) is kept for script-loader.js, which
// rejects `ready` with it, as the other builds do.
var UCB_WASM_SOURCE = (function (text, order) {
  try {
    return inflate(text, order);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
})(UCB_WASM_TEXT__, UCB_WASM_ORDER__);
function inflate(text, order) {
  var safe = [],
    c,
    i,
    n = text.length,
    k = atob(
      'AGFzbQEAAAABBgFgAX8BfwMCAQAFAwEAAQcJAgFtAgABZAAACloBWAEDfwJAA0AgASAATw0BIAEtAIADIQMgA0H8AEsEQCABQQFqIQEgA0H8AGtBB3QgAS0AgANqIQMLIAIgAy0AADoAgAMgAkEBaiECIAFBAWohAQwACwsgAgs=',
    );
  var bytes = new Uint8Array(k.length);
  for (i = 0; i < k.length; i++) bytes[i] = k.charCodeAt(i);
  var x = /** @type {{ m: WebAssembly.Memory, d: (n: number) => number }} */ (
    new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports
  );
  x.m.grow(Math.ceil((384 + n) / 65536));
  var mem = new Uint8Array(x.m.buffer);
  for (c = 32; c < 127; c++) if (c !== 34 && c !== 92 && c !== 60 && c !== 125 && c !== 126) safe.push(c);
  for (i = 0; i < 256; i++)
    mem[128 * Math.floor(i / safe.length) + safe[i % safe.length]] = parseInt(order.substr(2 * i, 2), 16);
  new TextEncoder().encodeInto(text, mem.subarray(384));
  return mem.slice(384, 384 + x.d(n));
}
// The two names above stand for the strings: scripts/inline-wasm.mjs writes them in after the
// minifier ran (which must not see, fold or copy them).
