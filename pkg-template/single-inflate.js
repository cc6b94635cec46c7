  // The single-file build's .wasm, inlined by scripts/inline-wasm.mjs (which says why and how):
  // each byte is one printable ASCII character, or `}` / `~` and one, ranked by frequency; the
  // ranking (bytes by rank, hex) comes second. Decoded here into the bytes script-loader.js
  // instantiates: the text is ASCII, so TextEncoder turns it into its character codes natively,
  // and one pass over them (in place) maps codes to bytes.
  var UCB_WASM_SOURCE = (function (text, order) {
    var safe = [], table = new Uint8Array(384), u = new TextEncoder().encode(text), n = u.length, c, i, o = 0;
    for (c = 32; c < 127; c++) if (c !== 34 && c !== 92 && c !== 60 && c !== 125 && c !== 126) safe.push(c);
    for (i = 0; i < 256; i++) table[128 * Math.floor(i / safe.length) + safe[i % safe.length]] = parseInt(order.substr(2 * i, 2), 16);
    for (i = 0; i < n; i++) {
      c = u[i];
      if (c > 124) c = (c - 124) * 128 + u[++i];
      u[o++] = table[c];
    }
    return u.slice(0, o);
    // The two names stand for the strings: scripts/inline-wasm.mjs writes them in after the
    // minifier ran (which must not see, fold or copy them).
  })(UCB_WASM_TEXT__, UCB_WASM_ORDER__);
