// Appended inside the script-tag build's wrapper, after the wasm-bindgen glue (which defines
// `wasm_bindgen`). Publishes the whole API as `UContactBridge` with a `ready` promise. The
// .wasm is inlined (the single-file build sets UCB_WASM_SOURCE: single-inflate.js) or loaded
// from where the tag's `data-wasm` says, by default ../ucontact-bridge_bg.wasm relative to this
// script: the package's layout, where the script build shares the ES module's .wasm (one copy
// in the tarball). So a form needs one <script src> and no bundler or module loader.
var api = wasm_bindgen;
var source;
if (typeof UCB_WASM_SOURCE !== 'object') {
  var tag = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  var wasmAt = (tag && tag.getAttribute('data-wasm')) || '../ucontact-bridge_bg.wasm';
  source = new URL(wasmAt, (tag && tag.src) || location.href);
} else if (UCB_WASM_SOURCE instanceof Error) {
  // Decoding needs WebAssembly too: WASM_BLOCKED if the page forbids it (scripts/error-values.mjs).
  api.ready = Promise.reject(__ucb_blocked(UCB_WASM_SOURCE));
} else {
  // The bytes are here already: compile and instantiate them now (about half the time of the
  // asynchronous path, which waits for two tasks). `ready` is then an already-resolved
  // promise. A browser that refuses a synchronous compile of this size takes the
  // asynchronous path below.
  try {
    api.initSync({ module: UCB_WASM_SOURCE });
    api.ready = Promise.resolve(api);
  } catch (e) {
    source = UCB_WASM_SOURCE;
  }
}
if (source)
  api.ready = api({ module_or_path: source }).then(function () {
    return api;
  });
// An unhandled rejection here would be reported twice; the page sees it through `ready`.
api.ready.catch(function () {});
window.UContactBridge = api;
