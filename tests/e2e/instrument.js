// Test instrumentation that must run in a page before the page's own scripts: counts of live
// `message` (on window), `load` (on iframes) and `abort` (on AbortSignals) listeners, the
// pending setTimeout timers, and a helper settling a promise into ['ok', v] / ['err', code].
// Chromium and Firefox tests add it as an init script (tests/e2e/harness.mjs `INSTRUMENT`);
// for WebKit, whose classic WebDriver cannot, the sandbox appends it to /config.js
// (`--preload`), which its pages load first.
(() => {
  if (window.__ucbListeners) return;
  // Tests record secrets a page makes through the `ucbSecret` binding (harness.mjs); where a
  // driver can expose none (WebKit) nothing is recorded, and no console is captured either.
  if (!window.ucbSecret) window.ucbSecret = () => {};
  const live = new WeakMap();
  const count = { message: 0, load: 0, abort: 0 };
  const kind = (t, type) => type === 'message' && t === window ? 'message'
    : type === 'load' && typeof HTMLIFrameElement !== 'undefined' && t instanceof HTMLIFrameElement ? 'load'
    : type === 'abort' && typeof AbortSignal !== 'undefined' && t instanceof AbortSignal ? 'abort' : null;
  const keyOf = (type, o) => type + (typeof o === 'boolean' ? o : !!(o && o.capture));
  const set = (t, key, make) => {
    let m = live.get(t); if (!m) { if (!make) return null; live.set(t, m = new Map()); }
    let s = m.get(key); if (!s && make) m.set(key, s = new Set());
    return s || null;
  };
  const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, cb, o) {
    const k = cb ? kind(this, type) : null;
    if (k) { const s = set(this, keyOf(type, o), true); if (!s.has(cb)) { s.add(cb); count[k]++; } }
    return add.call(this, type, cb, o);
  };
  EventTarget.prototype.removeEventListener = function (type, cb, o) {
    const k = cb ? kind(this, type) : null;
    if (k) { const s = set(this, keyOf(type, o), false); if (s && s.delete(cb)) count[k]--; }
    return remove.call(this, type, cb, o);
  };
  // The live listeners of the named kinds (all three when none is named).
  // Console lines and uncaught errors, kept in window.__ucbConsole (the last 10,000) for a
  // driver that cannot listen to the console: engines.mjs collects them from WebKit's pages.
  const lines = window.__ucbConsole = [];
  const keep = (type, text) => { lines.push({ type, text }); if (lines.length > 10000) lines.shift(); };
  for (const type of ['debug', 'log', 'info', 'warn', 'error']) {
    const original = console[type];
    console[type] = function (...args) { keep(type, args.map(String).join(' ')); return original.apply(this, args); };
  }
  // The message and the stack: WebKit's `stack` does not include the message.
  add.call(window, 'error', (e) => keep('pageerror', `${e.message}${e.error && e.error.stack ? '\n' + e.error.stack : ''}`));
  add.call(window, 'unhandledrejection', (e) => keep('pageerror', 'unhandled rejection: ' + String(e.reason && e.reason.stack || e.reason)));
  window.__ucbListeners = (...kinds) => Object.fromEntries((kinds.length ? kinds : Object.keys(count)).map((k) => [k, count[k]]));
  const timers = new Set();
  const st = window.setTimeout, ct = window.clearTimeout;
  window.setTimeout = /** @type {typeof setTimeout} */ (function (f, ms, ...args) {
    const id = st.call(window, (...a) => { timers.delete(id); if (typeof f === 'function') f(...a); }, ms, ...args);
    timers.add(id);
    return id;
  });
  window.clearTimeout = function (id) { timers.delete(id); return ct.call(window, id); };
  window.__ucbTimers = () => timers.size;
  // Settles a promise into ['ok', value] or ['err', code].
  window.__outcome = (p) => p.then((v) => ['ok', v === undefined ? null : v], (e) => ['err', e && e.code]);
})();
