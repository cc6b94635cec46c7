  // Appended inside the script-tag build's wrapper, after the wasm-bindgen glue (which defines
  // `wasm_bindgen`). Publishes the whole API as `UContactBridge` with a `ready` promise. The
  // .wasm is inlined (the single-file build sets UCB_WASM_SOURCE: single-inflate.js) or loaded
  // from next to this script (its own URL), so a form needs one <script src> and no bundler or
  // module loader.
  var api = wasm_bindgen;
  var source;
  if (typeof UCB_WASM_SOURCE === 'object') {
    source = UCB_WASM_SOURCE;
  } else {
    var here = document.currentScript && document.currentScript.src;
    source = new URL('ucontact-bridge_bg.wasm', here || location.href);
  }
  api.ready = api({ module_or_path: source }).then(function () { return api; });
  // An unhandled rejection here would be reported twice; the page sees it through `ready`.
  api.ready.catch(function () {});
  window.UContactBridge = api;
