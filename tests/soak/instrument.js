// The soak layer's instrumentation, run in every document before the page's own scripts, after
// the listener counter (tests/fixtures/listeners.js): Chromium and Firefox add both as one init
// script (lib.mjs `INSTRUMENT`); for WebKit, whose classic WebDriver cannot, the sandbox
// appends that script to /config.js (`--preload`), which its pages load first.
//
// Counts what the library registers and must unregister: `message` listeners on window and
// `abort` listeners on AbortSignals (the counter's), and live timers (setTimeout not yet fired
// nor cleared, setInterval not cleared). `__soak.snapshot(B)`
// collects garbage until the library's wasm live bytes and live externrefs are steady
// (FinalizationRegistry callbacks run in their own task) and reads every figure; a figure the
// engine cannot give is `null` (printed `unseen`).
(() => {
  if (window.__soak) return;
  const listeners = window.__ucbListeners;
  const timeouts = new Set(),
    intervals = new Set();
  const st = window.setTimeout,
    ct = window.clearTimeout,
    si = window.setInterval,
    ci = window.clearInterval;
  window.setTimeout = /** @type {typeof setTimeout} */ (
    function (cb, ms, ...args) {
      if (typeof cb !== 'function') return st.call(window, cb, ms, ...args);
      const id = st.call(
        window,
        function (...a) {
          timeouts.delete(id);
          return cb.apply(this, a);
        },
        ms,
        ...args,
      );
      timeouts.add(id);
      return id;
    }
  );
  window.clearTimeout = function (id) {
    timeouts.delete(id);
    return ct.call(window, id);
  };
  window.setInterval = function (cb, ms, ...args) {
    const id = si.call(window, cb, ms, ...args);
    intervals.add(id);
    return id;
  };
  window.clearInterval = function (id) {
    intervals.delete(id);
    return ci.call(window, id);
  };
  const sleep = (ms) => new Promise((ok) => st.call(window, ok, ms)); // not counted
  const counts = () => ({ ...listeners('message', 'abort'), timers: timeouts.size + intervals.size });

  // Carried by the page (appended to /config.js, i.e. WebKit): its driver sees neither the
  // console nor uncaught errors, so they are kept in window.__ucbConsole for the driver layer to
  // collect (tests/e2e/engines.mjs). Where a driver listens itself nothing is kept (a page's
  // history would otherwise show in the JS heap figures).
  const carried = !!(
    document.currentScript && /\/config\.js(\?|$)/.test(/** @type {HTMLScriptElement} */ (document.currentScript).src)
  );
  if (carried) {
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
    // JavaScriptCore's `stack` lists the frames without the message: both, once.
    const text = (x) => {
      const head = String(x),
        stack = x && typeof x.stack === 'string' ? x.stack : '';
      return stack.startsWith(head) ? stack : stack ? head + '\n' + stack : head;
    };
    addEventListener('error', (e) => keep('pageerror', e.error ? text(e.error) : String(e.message)));
    addEventListener('unhandledrejection', (e) => keep('pageerror', 'unhandled rejection: ' + text(e.reason)));
  }

  // The JS values the wasm side holds (closures, windows, promises' resolvers…): wasm-bindgen's
  // own count, which the full build exports as `__refsInUse` (it counts the array in the glue
  // where the builds, made without wasm reference types, keep them). A build without the
  // export: null, printed `unseen`.
  const liveRefs = (B) => (typeof B.__refsInUse === 'function' ? B.__refsInUse() : null);

  // ---- collecting garbage --------------------------------------------------------------------
  // Chromium is launched with `gc()` exposed (--js-flags=--expose-gc). Firefox and WebKit
  // expose nothing that forces a collection to a page, so one is provoked and then proved:
  // a sentinel object is kept while another, dropped at once, is collected (a collection ran
  // while the sentinel was reachable, so it now lives in the old generation); then the
  // sentinel is dropped and garbage is made until its FinalizationRegistry callback runs. An
  // old object is reclaimed only by a full collection, and a full collection reclaims every
  // object that was unreachable when it began: everything the page dropped before. The
  // garbage is made old too (each round's objects are kept until the next round), which is
  // what makes SpiderMonkey and JavaScriptCore start full collections (objects that die young
  // only start minor ones; measured in both, README of this folder).
  const forced = typeof gc === 'function';
  const FR = window.FinalizationRegistry;
  const gone = new Set(),
    held = new Map();
  let serial = 0;
  const registry = forced
    ? null
    : new FR((k) => {
        gone.add(k);
      });
  const sentinel = (keep) => {
    const k = ++serial;
    const o = { k };
    registry.register(o, k);
    if (keep) held.set(k, o);
    return k;
  };
  const ROUND = 100000; // objects per round of garbage (a few MB)
  const BUDGET = 1500; // rounds before a collection counts as not proved
  const stats = { proved: 0, unproved: 0, rounds: 0, ms: 0 };
  // eslint-disable-next-line no-unused-vars -- never read: it holds the last round of garbage alive until the next
  let kept = null;
  const untilGone = async (k) => {
    for (let r = 0; r < BUDGET && !gone.has(k); r++) {
      const garbage = new Array(ROUND);
      for (let i = 0; i < ROUND; i++) garbage[i] = { i, a: [i] };
      kept = garbage;
      stats.rounds++;
      await sleep(0); // FinalizationRegistry callbacks run in tasks of their own
    }
    kept = null;
    return gone.delete(k);
  };
  /** One full collection, proved as above; true if it was. */
  const fullCollection = async () => {
    const t0 = performance.now();
    const old = sentinel(true);
    let ok = await untilGone(sentinel(false));
    held.delete(old);
    ok = ok && (await untilGone(old));
    stats.ms += performance.now() - t0;
    stats[ok ? 'proved' : 'unproved']++;
    return ok;
  };

  window.__soak = {
    counts,
    sleep,
    /** How this engine collects: 'gc()' or 'provoked' (see above). */
    collector: forced ? 'gc()' : 'provoked',
    /** The provoked collections so far in this document: proved, unproved, rounds of
     *  garbage, milliseconds spent; null where `gc()` collects. */
    stats: () => (forced ? null : { ...stats, ms: Math.round(stats.ms) }),
    /** A collection between rounds of work, to bound how much garbage piles up: `gc()`, or a
     *  proved full collection (a promise) where there is none. */
    gc: () => (forced ? gc() : fullCollection()),
    /** Collects garbage until wasm live bytes and live externrefs are steady (destroyed objects
     *  are freed by FinalizationRegistry callbacks, in tasks of their own), then reads every
     *  figure. `B`: the library's module (its exports), or nothing (no wasm figures).
     *  `collected`: false if a steady state after a proved full collection was not reached
     *  (the wasm and externref figures then say nothing). `js`: the JS heap, Chromium's
     *  exact `performance.memory` (launched with --enable-precise-memory-info); null where the
     *  engine has none (Firefox, WebKit). */
    async snapshot(B) {
      if (B) await B.default(); // init ran already: this only waits for it
      const read = () => (B ? [B.__heapInUse(), liveRefs(B)] : [0, 0]);
      let last = null,
        now = null,
        collected = false;
      if (forced) {
        for (let i = 0; i < 20; i++) {
          gc();
          await sleep(10);
          gc();
          await sleep(10);
          now = read();
          if (last && now[0] === last[0] && now[1] === last[1]) break;
          last = now;
        }
        gc();
        collected = true;
      } else {
        for (let i = 0; i < 20; i++) {
          const proved = await fullCollection();
          await sleep(10);
          now = read();
          if (proved && last && now[0] === last[0] && now[1] === last[1]) {
            collected = true;
            break;
          }
          last = proved ? now : null;
        }
      }
      const js = /** @type {any} */ (performance).memory?.usedJSHeapSize ?? null;
      return { wasm: now[0], refs: now[1], js, collected, ...counts() };
    },
  };
})();
