// ESLint over every JavaScript file and HTML page of the repository (scripts/lint.sh, `js-lint`):
// the recommended rules, with each file's runtime stated, so that an undefined name is an error.
// Three runtimes: Node programs (scripts, tests' drivers, bench drivers, the testing kit), classic
// page scripts (the sandbox's and bench's pages, the test instrumentation, the parts spliced into
// the glue) and page modules (the consumer apps' entries). The inline scripts of HTML pages are
// linted by eslint-plugin-html, a `type="module"` one as a module.
import js from '@eslint/js';
import html from 'eslint-plugin-html';
import globals from 'globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the sandbox and bench pages find on `window`, defined by another script of the page. */
const PAGE_GLOBALS = {
  // /config.js, written by the sandbox (pkg-template/testing/sandbox.mjs).
  SANDBOX: 'readonly',
  // www/shared/control.js.
  sandboxControl: 'readonly',
  sandboxAsk: 'readonly',
  sandboxSibling: 'readonly',
  // /vendor/porthole.js, the vendor's library (node_modules/porthole-proxy).
  Porthole: 'readonly',
  // The script-tag build (pkg-template/script-loader.js).
  UContactBridge: 'readonly',
  // bench/pages/timing.js.
  benchTiming: 'readonly',
};

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const SKIP = new Set(['node_modules', 'target', '.git', 'out']);
/** The HTML pages of the repository (paths relative to it), found by walking it. */
function pages(dir = '') {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const path = dir ? `${dir}/${e.name}` : e.name;
    return e.isDirectory() ? pages(path) : e.name.endsWith('.html') ? [path] : [];
  });
}
// eslint-plugin-html takes the source type per file: a page with a `type="module"` script is
// linted as modules (each script its own scope), one with classic scripts only as one script
// whose top-level names its later scripts see, as the browser runs them.
const MODULE_PAGES = pages().filter((p) => /<script[^>]*type="module"/.test(readFileSync(join(ROOT, p), 'utf8')));

export default [
  // Builds, installs and test output.
  { ignores: ['target/', 'www/target/', 'tests/e2e/out/'] },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      // A `catch (e)` that drops the error is allowed (the script-tag build's pages keep to
      // older syntax than `catch {}`); an argument kept only for a table's common signature is
      // named `_x`. Everything else unused is an error.
      'no-unused-vars': ['error', { caughtErrors: 'none', argsIgnorePattern: '^_' }],
    },
  },
  // Node programs: scripts, test and bench drivers, the testing kit, the bundlers' configs.
  { files: ['**/*.mjs', '**/vite.config.js'], languageOptions: { globals: globals.node } },
  // Node programs whose tests also hand functions to a browser page (`page.evaluate(() => …)`):
  // the browser's names, and what the sandbox pages define, are defined there too.
  {
    files: ['tests/**/*.mjs', 'bench/*.mjs', 'pkg-template/testing/*.mjs'],
    languageOptions: {
      globals: {
        ...globals.browser,
        ...PAGE_GLOBALS,
        // www/portal/porthole.html: until when the portal plays a booting portal.
        bootUntil: 'readonly',
        // Chromium's `--js-flags=--expose-gc`.
        gc: 'readonly',
      },
    },
  },
  // Pages: HTML and every other .js file. Classic scripts unless the page or its loader says
  // module (below).
  {
    files: ['**/*.html', '**/*.js'],
    ignores: ['**/vite.config.js'],
    plugins: { html },
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, ...PAGE_GLOBALS } },
  },
  {
    files: [...MODULE_PAGES, 'www/shared/engine-stress.js', 'bench/pages/empty-module.js', 'tests/consumer/*-app/*.js'],
    languageOptions: { sourceType: 'module' },
  },
  // The soak layer's instrumentation uses `gc()` where Chromium exposes it.
  { files: ['tests/soak/instrument.js'], languageOptions: { globals: { gc: 'readonly' } } },
  // The parts spliced into the glue (scripts/build.sh, scripts/glue-parts.mjs): they define
  // names the glue uses, and use names the glue and scripts/error-values.mjs define, all in the
  // one function the script-tag build wraps them in (scripts/js-globals.d.ts says which).
  {
    files: ['pkg-template/*.js', 'src/web/*.js'],
    languageOptions: {
      globals: {
        wasm_bindgen: 'readonly',
        __ucb_blocked: 'readonly',
        UCB_WASM_TEXT__: 'readonly',
        UCB_WASM_ORDER__: 'readonly',
      },
    },
    rules: {
      'no-unused-vars': ['error', { caughtErrors: 'none', varsIgnorePattern: '^(UcbEmitter|ucbLog|UCB_WASM_SOURCE)$' }],
    },
  },
  { files: ['pkg-template/script-loader.js'], languageOptions: { globals: { UCB_WASM_SOURCE: 'readonly' } } },
];
