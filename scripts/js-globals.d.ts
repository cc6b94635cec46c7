// What the type check of the repository's JavaScript (tsconfig.js.json, the lint layer's
// `js-types`) cannot see being defined: names another script of the page defines, the names the
// build splices the glue parts between, and modules that exist only where the code runs.

/** /config.js, written by the sandbox (pkg-template/testing/sandbox.mjs). */
declare var SANDBOX: {
  portalOrigins: string[];
  crmOrigins: string[];
  instanceOrigins: string[];
  portalPort: number;
  crmPort: number;
  instancePort: number;
  crmUrl?: string;
};
/** www/portal/porthole.html: until when the portal plays one still booting. */
declare var bootUntil: number;
/** Chromium's, launched with `--js-flags=--expose-gc` (the soak layer). */
declare var gc: undefined | (() => void);
/** The vendor's porthole.js 1.0.0 (served as /vendor/porthole.js). */
declare var Porthole: any;
/** bench/pages/timing.js. */
declare var benchTiming: any;
/** The script-tag build (pkg-template/script-loader.js). */
declare var UContactBridge: any;

// The glue parts of the script-tag build: scripts/build.sh puts the wasm-bindgen glue (which
// defines `wasm_bindgen`), pkg-template/single-inflate.js (`UCB_WASM_SOURCE`) and
// pkg-template/script-loader.js in one function, where scripts/error-values.mjs defines
// `__ucb_blocked`; scripts/inline-wasm.mjs writes the two strings in after minifying.
declare var wasm_bindgen: any;
declare var UCB_WASM_SOURCE: undefined | Uint8Array | Error;
declare var __ucb_blocked: (e: Error) => Error;
declare var UCB_WASM_TEXT__: string;
declare var UCB_WASM_ORDER__: string;

/** The tests keep what a page did on its `window` between two calls into it
 *  (`page.evaluate(() => window.seen)`): a name per test, any value. */
interface Window {
  [name: string]: any;
}

// Modules of the pages under test, imported by URL in the page (`page.evaluate(() =>
// import('/pkg/…'))`), and the packages the consumer apps install in their own directories.
declare module '/*';
declare module 'ucontact-bridge';
declare module 'ucontact-bridge/*';
declare module 'react';
declare module 'react-dom/client';
declare module 'vue';
// The README's framework examples, which tests/consumer/frameworks.mjs writes into that app.
declare module '*/readme-react.tsx';
declare module '*/readme-vue.ts';

// www/shared/control.js: how a sandbox page takes commands from a test (pkg-template/testing/script.mjs).
declare var sandboxControl: (
  role: string,
  commands: Record<string, (...args: any[]) => any>,
) => { ask: (...args: any[]) => Promise<any>; stream: EventSource };
declare var sandboxAsk: (...args: any[]) => Promise<any>;
declare var sandboxSibling: (c: any, src: string) => any;
