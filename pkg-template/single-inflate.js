  // The single-file build's .wasm, inlined by scripts/inline-wasm.mjs (which says why and how):
  // each byte is one printable ASCII character, or `~` / `}` and one, ranked by frequency; the
  // ranking (bytes by rank, hex) comes second. Decoded here into the bytes script-loader.js
  // instantiates.
  var UCB_WASM_SOURCE = (function (text, order) {
    var safe = [], table = new Uint8Array(384), bytes = new Uint8Array(text.length), n, c, i, o = 0;
    for (c = 32; c < 127; c++) if (c !== 34 && c !== 92 && c !== 60 && c !== 126 && c !== 125) safe.push(c);
    n = safe.length;
    for (i = 0; i < 256; i++) table[128 * Math.floor(i / n) + safe[i % n]] = parseInt(order.substr(2 * i, 2), 16);
    for (i = 0; i < text.length; i++) {
      c = text.charCodeAt(i);
      bytes[o++] = c === 126 ? table[128 + text.charCodeAt(++i)] : c === 125 ? table[256 + text.charCodeAt(++i)] : table[c];
    }
    return bytes.slice(0, o);
    // The two names stand for the strings: scripts/inline-wasm.mjs writes them in after the
    // minifier ran (which must not see, fold or copy them).
  })(UCB_WASM_TEXT__, UCB_WASM_ORDER__);
