// Test instrumentation that must run in a page before the page's own scripts, after the
// listener counter (tests/fixtures/listeners.js, `__ucbListeners`): the pending setTimeout
// timers, the console kept for WebKit, and a helper settling a promise into ['ok', v] /
// ['err', code]. Chromium and Firefox tests add both as one init script (tests/e2e/engines.mjs
// `INSTRUMENT`); for WebKit, whose classic WebDriver cannot, the sandbox appends that script to
// /config.js (`--preload`), which its pages load first.
(() => {
  if (window.__ucbTimers) return;
  // Tests record secrets a page makes through the `ucbSecret` binding (harness.mjs); where a
  // driver can expose none (WebKit) nothing is recorded, and no console is captured either.
  if (!window.ucbSecret) window.ucbSecret = () => {};
  // Console lines and uncaught errors, kept in window.__ucbConsole (the last 10,000) for a
  // driver that cannot listen to the console: engines.mjs collects them from WebKit's pages.
  const lines = (window.__ucbConsole = []);
  const keep = (type, text) => {
    lines.push({ type, text });
    if (lines.length > 10000) lines.shift();
  };
  for (const type of ['debug', 'log', 'info', 'warn', 'error']) {
    const original = console[type];
    console[type] = function (...args) {
      keep(type, args.map(String).join(' '));
      return original.apply(this, args);
    };
  }
  // The message and the stack: WebKit's `stack` does not include the message.
  addEventListener('error', (e) =>
    keep('pageerror', `${e.message}${e.error && e.error.stack ? '\n' + e.error.stack : ''}`),
  );
  addEventListener('unhandledrejection', (e) =>
    keep('pageerror', 'unhandled rejection: ' + String((e.reason && e.reason.stack) || e.reason)),
  );
  const timers = new Set();
  const st = window.setTimeout,
    ct = window.clearTimeout;
  window.setTimeout = /** @type {typeof setTimeout} */ (
    function (f, ms, ...args) {
      const id = st.call(
        window,
        (...a) => {
          timers.delete(id);
          if (typeof f === 'function') f(...a);
        },
        ms,
        ...args,
      );
      timers.add(id);
      return id;
    }
  );
  window.clearTimeout = function (id) {
    timers.delete(id);
    return ct.call(window, id);
  };
  window.__ucbTimers = () => timers.size;
  // Settles a promise into ['ok', value] or ['err', code].
  window.__outcome = (p) =>
    p.then(
      (v) => ['ok', v === undefined ? null : v],
      (e) => ['err', e && e.code],
    );
})();
