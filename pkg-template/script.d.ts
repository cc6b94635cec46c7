// Declares the global `UContactBridge` that the script-tag build beside this file sets, for a
// legacy form checked by TypeScript (a `.ts` file, or a `.js` one with `// @ts-check`): list this
// file in your tsconfig's `files`, or add `/// <reference path="…/script/ucontact-bridge.d.ts" />`
// to the script. The API is the one `../ucontact-bridge.d.ts` declares for the same entry's ES
// module. (In the repository: pkg-template/script.d.ts, which scripts/package.sh ships beside
// each entry's script-tag build.)

/** What the script-tag build publishes as `window.UContactBridge`: the entry's API (what its ES
 *  module exports, `initSync` included) and `ready`. The default export of the ES module (its
 *  `init()`) is not part of it: the script loads its `.wasm` by itself. */
type UContactBridgeApi = Omit<typeof import('../ucontact-bridge.js'), 'default'> & {
  /** Resolves with this same object once the `.wasm` is loaded and instantiated; rejects when
   *  the page cannot load or compile it (a Content-Security-Policy without
   *  `'wasm-unsafe-eval'`, a `.wasm` that is not where the script looks). */
  readonly ready: Promise<UContactBridgeApi>;
};

/** Set by the script-tag build (`<script src="…/script/ucontact-bridge.js">`). */
declare var UContactBridge: UContactBridgeApi;
