// The driver layer: one browser API for the tests, three engines behind it.
//
// Tests are written once against the subset of Playwright's API they use (a context with
// `newPage()`, pages and frames with `goto`, `evaluate`, `waitForFunction`, `frames()`,
// `click`, `fill`, `waitForSelector`, ...). Behind it:
//   chromium  Debian's Chromium through playwright-core (the API itself, over CDP);
//   firefox   Firefox ESR through puppeteer-core over WebDriver BiDi, adapted below;
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver, classic WebDriver (it has no
//             BiDi), under a virtual X display (xvfb-run), adapted below;
//   wpe       WPE WebKit's cog, headless, through WPEWebDriver: the same adapter.
// Three calls differ in kind, and tests write them so they work everywhere:
//   `await page.frames()`, `await context.pages()` (WebDriver lists frames by asking), and
//   `engineCan(what)` for what an engine's driver cannot do at all (WebKit's classic WebDriver
//   runs no script before a page's own, opens no pop-up and sees no console: the sandbox
//   pages carry the test instrumentation and keep their console lines instead): such a test
//   says so and is counted as skipped for that engine, never as passed.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** The page fixtures every instrumented page runs first: the listener counter. */
const FIXTURES = [new URL('../fixtures/listeners.js', import.meta.url).pathname];

/** An init script: the page fixtures, then `file` (a layer's own instrumentation), as one script
 *  (`script`) and as a file a sandbox can carry (`file`: `preload` takes one), written under
 *  target/test-instrument/. */
export function initScript(file) {
  const script = [...FIXTURES, file].map((f) => readFileSync(f, 'utf8')).join('\n');
  const dir = new URL('../../target/test-instrument/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const out = `${dir}${file.split('/').slice(-2).join('-')}`;
  writeFileSync(out, script);
  return { script, file: out };
}

/** The test instrumentation every page runs first (see the files). */
const E2E = initScript(new URL('./instrument.js', import.meta.url).pathname);
export const INSTRUMENT_FILE = E2E.file;
export const INSTRUMENT = E2E.script;

/** The engines, in the order the layers run them; `UCB_ENGINES=a,b` picks some. */
export const ENGINES = ['chromium', 'firefox', 'webkit'];

const CAN = {
  chromium: new Set([
    'scriptBeforeLoad',
    'console',
    'pageErrors',
    'responses',
    'bindings',
    'cdp',
    'backForwardCache',
    'popups',
  ]),
  firefox: new Set(['scriptBeforeLoad', 'console', 'pageErrors', 'bindings', 'popups']),
  // WebKit: console lines and page errors only of pages that carry tests/e2e/instrument.js
  // (every sandbox page does, through --preload), collected by polling (launchWebKit).
  webkit: new Set(['console', 'pageErrors']),
  // WPE WebKit (cog, headless): the WebKit of Safari 16's generation on this machine, run by the
  // engine-stress test only (test.sh's e2e-wpe), through the same adapter as WebKitGTK.
  wpe: new Set(['console', 'pageErrors']),
};
/** Whether `engine`'s driver can do `what` (see CAN above). */
export function engineCan(engine, what) {
  return CAN[engine].has(what);
}

/** What a test throws to be counted as skipped for this engine (the harness prints why). */
export class Skip extends Error {
  constructor(why) {
    super(why);
    this.name = 'Skip';
  }
}
/** Throws Skip unless the engine can do every one of `whats`. */
export function requireCan(engine, ...whats) {
  const missing = whats.filter((w) => !engineCan(engine, w));
  if (missing.length) throw new Skip(`${engine}'s driver cannot: ${missing.join(', ')}`);
}

/** The calls every engine answers the same way, through `evaluate`: added to a frame, and
 *  to a page (then for its main frame). */
function withDomCalls(o) {
  o.textContent = (sel) =>
    o.evaluate((s) => {
      const e = document.querySelector(s);
      return e ? e.textContent : null;
    }, sel);
  o.inputValue = (sel) => o.evaluate((s) => document.querySelector(s).value, sel);
  o.addScriptTag = ({ url }) =>
    o.evaluate(
      (u) =>
        new Promise((ok, fail) => {
          const s = document.createElement('script');
          s.src = u;
          s.onload = () => ok();
          s.onerror = () => fail(new Error('script failed to load: ' + u));
          document.head.appendChild(s);
        }),
      url,
    );
  return o;
}

// ---- firefox: puppeteer-core over WebDriver BiDi -------------------------------------------

/** Playwright calls a function given as source text with the argument; puppeteer evaluates
 *  text as an expression: the call is spelled out in the text. */
function callable(fn, arg) {
  if (arg === undefined) return [fn];
  return typeof fn === 'string' ? [`(${fn})(${JSON.stringify(arg)})`] : [fn, arg];
}

/** The value behind a puppeteer handle, as JSON carries it: over BiDi, puppeteer's own
 *  deserialization stops at a depth (nested objects came back empty), Playwright's does not. */
async function jsonOf(pending) {
  const h = await pending;
  try {
    const text = await h.evaluate((v) => (v === undefined ? undefined : JSON.stringify(v)));
    return text === undefined ? undefined : JSON.parse(text);
  } finally {
    await h.dispose().catch(() => {});
  }
}

/** Whether a BiDi JavaScript log entry puppeteer reports as a page error is one (an uncaught
 *  exception), as Playwright's `pageerror` means: Firefox also logs a Content-Security-Policy
 *  violation there, which Chromium reports as a console error. */
function uncaught(err) {
  return !String(err && err.message).startsWith('Content-Security-Policy:');
}

/** A puppeteer frame or page, with Playwright's argument order and the few calls puppeteer
 *  names otherwise. */
function ffFrame(f, wrapPage) {
  const frame = withDomCalls({
    raw: f,
    _name: '',
    url: () => f.url(),
    name: () => frame._name,
    goto: (url) => f.goto(url, { waitUntil: 'load' }),
    page: () => wrapPage(f.page()),
    evaluate: (fn, arg) => jsonOf(f.evaluateHandle(...callable(fn, arg))),
    waitForFunction: (fn, arg, opts = {}) => {
      const [g, ...a] = callable(fn, arg);
      return f.waitForFunction(g, { timeout: opts.timeout ?? 30000, polling: opts.polling ?? 'raf' }, ...a);
    },
    waitForLoadState: () => f.waitForFunction(() => document.readyState === 'complete', { timeout: 30000 }),
    click: (sel) => f.click(sel),
    fill: (sel, value) => f.locator(sel).fill(value),
    $eval: (sel, fn, arg) => f.$eval(sel, fn, arg),
    waitForSelector: async (sel, opts = {}) => {
      const h = await f.waitForSelector(sel, { timeout: opts.timeout ?? 30000 });
      return {
        contentFrame: async () => {
          const c = await h.contentFrame();
          return c && wrapFrameOf(c);
        },
      };
    },
  });
  return frame;
  function wrapFrameOf(c) {
    return wrapPage(c.page()).frameOf(c);
  }
}

async function launchFirefox() {
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: { 'dom.disable_open_during_load': false, 'browser.shell.checkDefaultBrowser': false },
  });
  const listeners = { console: [], weberror: [] };
  const inits = [],
    bindings = [];
  const wrapped = new Map();
  const wrapPage = (p) => {
    if (wrapped.has(p)) return wrapped.get(p);
    const frames = new Map();
    const frameOf = (f) => {
      if (!frames.has(f)) frames.set(f, ffFrame(f, wrapPage));
      return frames.get(f);
    };
    const main = () => frameOf(p.mainFrame());
    const page = withDomCalls({
      raw: p,
      frameOf,
      context: () => context,
      mainFrame: main,
      /** The frames, their `name()` read now (BiDi does not report it). */
      frames: async () =>
        Promise.all(
          p.frames().map(async (f) => {
            const w = frameOf(f);
            w._name = await f.evaluate(() => window.name).catch(() => w._name);
            return w;
          }),
        ),
      url: () => p.url(),
      goto: (url, opts = {}) =>
        p.goto(url, {
          waitUntil: opts.waitUntil === 'commit' ? 'domcontentloaded' : opts.waitUntil || 'load',
          timeout: opts.timeout ?? 30000,
        }),
      reload: (opts = {}) => p.reload({ waitUntil: opts.waitUntil === 'commit' ? 'domcontentloaded' : 'load' }),
      // 'commit': a page restored from the back/forward cache fires no load event to wait for.
      goBack: async (opts = {}) => {
        if (opts.waitUntil !== 'commit') return p.goBack({ waitUntil: 'load' });
        await p.evaluate(() => {
          setTimeout(() => history.back(), 0);
        });
        await sleep(300);
        return null;
      },
      evaluate: (fn, arg) => main().evaluate(fn, arg),
      waitForFunction: (fn, arg, opts) => main().waitForFunction(fn, arg, opts),
      click: (sel) => main().click(sel),
      fill: (sel, v) => main().fill(sel, v),
      $eval: (sel, fn, arg) => main().$eval(sel, fn, arg),
      waitForSelector: (sel, opts) => main().waitForSelector(sel, opts),
      waitForTimeout: (ms) => sleep(ms),
      addInitScript: (script, arg) => p.evaluateOnNewDocument(...callable(script, arg)),
      waitForLoadState: () => main().waitForLoadState(),
      waitForEvent: (name, opts = {}) =>
        new Promise((ok, fail) => {
          if (name !== 'popup') {
            fail(new Error(`waitForEvent(${name}) is not in the driver layer`));
            return;
          }
          const t = setTimeout(
            () => fail(new Error('no popup within ' + (opts.timeout ?? 30000) + ' ms')),
            opts.timeout ?? 30000,
          );
          p.once('popup', (q) => {
            clearTimeout(t);
            ok(q ? adopt(q) : null);
          });
        }),
      on: (ev, fn) => {
        if (ev === 'pageerror')
          p.on('pageerror', (err) => {
            if (uncaught(err)) fn(err);
          });
        else if (ev === 'console') p.on('console', fn);
        else throw new Error(`page.on(${ev}) is not in the driver layer`);
      },
      isClosed: () => p.isClosed(),
      close: () => p.close(),
    });
    wrapped.set(p, page);
    return page;
  };
  const adopt = async (p) => {
    const page = wrapPage(p);
    if (page.adopted) return page;
    page.adopted = true;
    // Fresh loads, as Playwright's Chromium gives (Firefox answered a reload from its cache: 304).
    await p.setCacheEnabled(false).catch(() => {});
    p.on('console', (m) => listeners.console.forEach((fn) => fn(m)));
    p.on('pageerror', (err) => {
      if (uncaught(err)) listeners.weberror.forEach((fn) => fn({ error: () => err, page: () => page }));
    });
    for (const [s, a] of inits) await p.evaluateOnNewDocument(...callable(s, a));
    for (const [n, fn] of bindings) await p.exposeFunction(n, (...args) => fn({ page }, ...args));
    return page;
  };
  const context = {
    engine: 'firefox',
    newPage: async () => adopt(await browser.newPage()),
    pages: async () => Promise.all((await browser.pages()).map(adopt)),
    on: (ev, fn) => {
      if (!listeners[ev]) return; // 'response' (token capture) is Chromium's only
      listeners[ev].push(fn);
    },
    off: (ev, fn) => {
      if (listeners[ev]) listeners[ev] = listeners[ev].filter((x) => x !== fn);
    },
    addInitScript: async (script, arg) => {
      inits.push([script, arg]);
      for (const p of wrapped.keys()) if (!p.isClosed()) await p.evaluateOnNewDocument(...callable(script, arg));
    },
    exposeBinding: async (name, fn) => {
      bindings.push([name, fn]);
      for (const [p, page] of wrapped)
        if (!p.isClosed()) await p.exposeFunction(name, (...args) => fn({ page }, ...args));
    },
    close: () => browser.close(),
  };
  return { context, close: () => browser.close() };
}

// ---- webkit: classic WebDriver over HTTP ---------------------------------------------------

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

async function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = /** @type {import('node:net').AddressInfo} */ (s.address()).port;
      s.close(() => ok(p));
    });
  });
}

/** One WebDriver session; every command goes through `run`, one at a time, after switching to
 *  the window and frame it is for (classic WebDriver has one current browsing context). */
class WebDriverSession {
  constructor(base, id) {
    this.base = base;
    this.id = id;
    this.queue = Promise.resolve();
    this.at = null;
  }
  async http(method, path, body) {
    const r = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const j = await r.json();
    if (j.value && j.value.error) {
      throw Object.assign(new Error(`webdriver ${j.value.error}: ${j.value.message}`), { webdriver: j.value.error });
    }
    return j.value;
  }
  /** Runs `fn` alone, in window `handle` and frame path `path` (element refs from the top). */
  run(handle, path, fn) {
    const go = async () => {
      const key = handle + '|' + path.join('/');
      if (this.at !== key) {
        this.at = null;
        if (!this.window || this.window !== handle) {
          await this.http('POST', '/window', { handle });
          this.window = handle;
        }
        await this.http('POST', '/frame', { id: null });
        for (const ref of path) await this.http('POST', '/frame', { id: { [ELEMENT]: ref } });
        this.at = key;
      }
      return fn();
    };
    const next = this.queue.then(go, go);
    this.queue = next.catch(() => {
      this.at = null;
    });
    return next;
  }
  exec(script, args = []) {
    return this.http('POST', '/execute/sync', { script, args });
  }
}

/** The page side of `evaluate`: runs the function, answers at once with a plain value, or
 *  parks a promise's outcome in `window.__ucbDriver[id]` for `poll` to collect (a blocking
 *  async script would hold the session, and every other page's commands, until it settled). */
const EVAL = (src) => `
  const arg = arguments[0] === '' ? undefined : JSON.parse(arguments[0], (k, v) => (v && v.__ucbUndefined === 1 ? undefined : v));
  const out = (v) => JSON.stringify({ v: v === undefined ? null : v, u: v === undefined });
  const err = (e) => JSON.stringify({ e: String(e && e.message || e), s: String(e && e.stack || '') });
  let r;
  try { const f = (${src}); r = typeof f === 'function' ? f(arg) : f; } catch (e) { return err(e); }
  if (r && typeof r.then === 'function') {
    const store = (window.__ucbDriver ||= {}), id = 'p' + Math.random().toString(36).slice(2);
    store[id] = 0;
    r.then((v) => { try { store[id] = out(v); } catch (e) { store[id] = err(e); } }, (e) => { store[id] = err(e); });
    return JSON.stringify({ p: id });
  }
  try { return out(r); } catch (e) { return err(e); }`;
const POLL = `const s = window.__ucbDriver, id = arguments[0];
  if (!s || !(id in s)) return JSON.stringify({ gone: 1 });
  const x = s[id]; if (x) delete s[id]; return x || '';`;

function wkFrame(session, page, path, url = '', name = '') {
  const frame = withDomCalls({
    path,
    _url: url,
    _name: name,
    url: () => frame._url,
    name: () => frame._name,
    page: () => page,
    async evaluate(fn, arg) {
      const src = typeof fn === 'function' ? fn.toString() : String(fn);
      // undefined survives, inside arrays too (JSON alone would make it null there).
      const a = arg === undefined ? '' : JSON.stringify(arg, (k, v) => (v === undefined ? { __ucbUndefined: 1 } : v));
      let r = JSON.parse(await session.run(page.handle, path, () => session.exec(EVAL(src), [a])));
      for (let wait = 2; r.p; wait = Math.min(wait * 2, 25)) {
        await sleep(wait);
        const id = r.p;
        const text = await session.run(page.handle, path, () => session.exec(POLL, [id]));
        if (text) {
          r = JSON.parse(text);
          if (r.gone) throw new Error('evaluate: the page or frame navigated before the promise settled');
        } else r = { p: id };
      }
      if (r.e !== undefined) {
        const e = new Error(r.e);
        e.stack = `Error: ${r.e}\n    in page: ${r.s}`;
        throw e;
      }
      return r.u ? undefined : r.v;
    },
    async waitForFunction(fn, arg, opts = {}) {
      const deadline = Date.now() + (opts.timeout ?? 30000);
      const every = typeof opts.polling === 'number' ? opts.polling : 20;
      for (;;) {
        let v, last;
        try {
          v = await frame.evaluate(fn, arg);
        } catch (e) {
          last = e;
        }
        if (v) return { jsonValue: async () => v, dispose: async () => {} };
        if (Date.now() > deadline)
          throw new Error(
            `waitForFunction: timeout after ${opts.timeout ?? 30000} ms${last ? ' (' + last.message + ')' : ''}`,
          );
        await sleep(every);
      }
    },
    waitForLoadState: () => frame.waitForFunction(() => document.readyState === 'complete'),
    /** Navigates this frame and waits for the new document's load. */
    async goto(url) {
      await frame.evaluate((u) => {
        window.__ucbLeaving = true;
        location.href = u;
      }, url);
      await frame.waitForFunction(() => !window.__ucbLeaving && document.readyState === 'complete');
      frame._url = await frame.evaluate(() => location.href);
    },
    async element(sel) {
      return session.run(
        page.handle,
        path,
        async () => (await session.http('POST', '/element', { using: 'css selector', value: sel }))[ELEMENT],
      );
    },
    /** The element's click(): a WebDriver click does nothing on an element in a frame it
     *  does not consider displayed (the instance's hidden iframe), and no test here needs a
     *  trusted event (WebKit opens no pop-up under WebDriver anyway). */
    async click(sel) {
      await frame.waitForFunction((s) => !!document.querySelector(s), sel);
      await frame.evaluate((s) => {
        document.querySelector(s).click();
      }, sel);
    },
    async fill(sel, value) {
      await frame.waitForFunction((s) => !!document.querySelector(s), sel);
      await frame.evaluate(
        ({ s, v }) => {
          const el = document.querySelector(s);
          el.focus();
          el.value = v;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
        },
        { s: sel, v: value },
      );
    },
    $eval: (sel, fn, arg) =>
      frame.evaluate(`(a) => (${fn.toString()})(document.querySelector(a.s), a.a)`, { s: sel, a: arg }),
    async waitForSelector(sel, opts = {}) {
      await frame.waitForFunction((s) => !!document.querySelector(s), sel, opts);
      const ref = await frame.element(sel);
      return {
        contentFrame: async () => {
          const p = [...path, ref];
          const [u, n] = await session.run(page.handle, p, () => session.exec('return [location.href, window.name]'));
          return page.frameAt(p, u, n);
        },
      };
    },
  });
  return frame;
}

/** WebKit's classic WebDriver runs no script before a page's own. The instrumentation is
 *  carried by the sandbox pages themselves (the sandbox is started with `--preload`, see
 *  harness.mjs); any other init script makes the test a skip for WebKit. */
function carried(script) {
  if (CARRIED.has(script)) return;
  throw new Skip("webkit's driver cannot run a script before the page's own");
}
const CARRIED = new Set([INSTRUMENT]);
/** Declares the init script the sandbox pages carry instead of tests/e2e/instrument.js (a
 *  runner that starts the sandbox with its own `preload`, e.g. the soak layer). */
export function setCarried(script) {
  CARRIED.clear();
  CARRIED.add(script);
}

/**
 * JavaScriptCore's wasm tiers, as environment variables of the browser process (WebKit reads
 * them at start; WebKitWebDriver passes its environment on to the browser it starts), by the
 * name UCB_JSC_TIERS picks:
 *   default    the engine's own tiers (interpreter, then BBQ, then OMG)
 *   bbq-first  no wasm interpreter: every function compiled by BBQ before it first runs
 *              (`useWasmIPInt` is the interpreter of WebKit 2.4x and later, `useWasmLLInt` the
 *              one before; each version ignores the option it does not have)
 */
export const JSC_TIERS = {
  default: {},
  'bbq-first': { JSC_useWasmIPInt: '0', JSC_useWasmLLInt: '0' },
};
/** The tier set of this process (UCB_JSC_TIERS, `default` if unset). */
export const TIERS = process.env.UCB_JSC_TIERS || 'default';

/** How each WebKit port is started: its WebDriver, whether it needs a virtual display, and
 *  the session's capabilities. */
const WEBKIT_PORTS = {
  webkit: {
    driver: () => process.env.WEBKITWEBDRIVER || '/usr/bin/WebKitWebDriver',
    display: true, // MiniBrowser has no headless mode
    // Pop-ups a page opens on load, as the sandbox's pop-up mode does, need the last flag (a
    // user's Safari asks them to come from a click, as in a real portal).
    capabilities: () => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation', '--javascript-can-open-windows-automatically=TRUE'],
      },
    }),
  },
  wpe: {
    driver: () => process.env.WPEWEBDRIVER || '/usr/bin/WPEWebDriver',
    display: false,
    // cog shows one web view: a new window is that view again, so pages take turns in it
    // (enough for the engine-stress test, which opens one page at a time).
    oneView: true,
    capabilities: () => ({
      browserName: 'cog',
      'wpe:browserOptions': {
        binary: process.env.COG || '/usr/bin/cog',
        args: ['--automation', '--platform=headless'],
      },
    }),
  },
};

async function launchWebKit(kind = 'webkit') {
  if (!JSC_TIERS[TIERS])
    throw new Error(`UCB_JSC_TIERS: unknown tier set ${TIERS} (${Object.keys(JSC_TIERS).join(', ')})`);
  const how = WEBKIT_PORTS[kind];
  const port = await freePort();
  const command = how.display
    ? ['xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', how.driver(), `--port=${port}`]]
    : [how.driver(), [`--port=${port}`]];
  const driver = spawn(command[0], command[1], {
    stdio: 'ignore',
    detached: true,
    env: { ...process.env, ...JSC_TIERS[TIERS] },
  });
  const stop = () => {
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/status`);
      break;
    } catch (e) {
      if (i > 200) {
        stop();
        throw e;
      }
      await sleep(50);
    }
  }
  const created = await (
    await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ capabilities: { alwaysMatch: how.capabilities() } }),
    })
  ).json();
  if (!created.value || !created.value.sessionId) {
    stop();
    throw new Error(`${kind}: no WebDriver session: ${JSON.stringify(created)}`);
  }
  const session = new WebDriverSession(base, created.value.sessionId);
  // No script timeout: WebKitWebDriver would arm a page timer (setTimeout) for every script
  // it runs, which the tests' timer counts would see. Our scripts return at once anyway.
  await session.http('POST', '/timeouts', { script: null });
  // The first window stays open and unused: closing a session's last window ends the session.
  const home = await session.http('GET', '/window');
  session.window = home;
  const pages = new Map(); // handle -> page
  const adopt = (handle) => {
    if (pages.has(handle)) return pages.get(handle);
    const frames = new Map(); // path key -> frame
    const page = withDomCalls({
      handle,
      closed: false,
      context: () => context,
      frameAt(path, url, name) {
        const key = path.join('/');
        let f = frames.get(key);
        if (!f) {
          f = wkFrame(session, page, path);
          frames.set(key, f);
        }
        f._url = url;
        f._name = name;
        return f;
      },
      mainFrame: () => page.frameAt([], page._url || 'about:blank', ''),
      url: () => page._url || 'about:blank',
      async refreshUrl() {
        const [u] = await session.run(handle, [], () => session.exec('return [location.href]'));
        page._url = u;
        return u;
      },
      /** Every frame, the main one first, found by walking the iframes (their URLs as of now). */
      async frames() {
        const out = [];
        const walk = async (path) => {
          let info;
          try {
            info = await session.run(handle, path, () =>
              session.exec(
                'return [location.href, window.name, Array.from(document.querySelectorAll("iframe,frame"))]',
              ),
            );
          } catch {
            return;
          } // gone, or navigating
          if (!path.length) page._url = info[0];
          out.push(page.frameAt(path, info[0], info[1]));
          for (const el of info[2]) await walk([...path, el[ELEMENT]]);
        };
        await walk([]);
        return out;
      },
      /** Answers `{ status() }` as Playwright does: the navigation's own status where WebKit
       *  reports it (Navigation Timing's responseStatus), else the status of fetching the URL
       *  again from here (classic WebDriver does not see responses). */
      async goto(url) {
        await session.run(handle, [], () => session.http('POST', '/url', { url }));
        page._url = url;
        await page.refreshUrl();
        let status = await page
          .evaluate(() => {
            const n = /** @type {PerformanceNavigationTiming | undefined} */ (
              performance.getEntriesByType('navigation')[0]
            );
            return n && n.responseStatus;
          })
          .catch(() => undefined);
        if (!status)
          status = await fetch(url).then(
            (r) => r.status,
            () => 0,
          );
        return { status: () => status, ok: () => status >= 200 && status < 300 };
      },
      async reload() {
        await session.run(handle, [], () => session.http('POST', '/refresh', {}));
        await page.refreshUrl();
      },
      async goBack() {
        await session.run(handle, [], () => session.http('POST', '/back', {}));
        await page.refreshUrl();
      },
      evaluate: (fn, arg) => page.mainFrame().evaluate(fn, arg),
      waitForFunction: (fn, arg, opts) => page.mainFrame().waitForFunction(fn, arg, opts),
      waitForLoadState: () => page.mainFrame().waitForLoadState(),
      click: (sel) => page.mainFrame().click(sel),
      fill: (sel, v) => page.mainFrame().fill(sel, v),
      $eval: (sel, fn, arg) => page.mainFrame().$eval(sel, fn, arg),
      waitForSelector: (sel, opts) => page.mainFrame().waitForSelector(sel, opts),
      waitForTimeout: (ms) => sleep(ms),
      addInitScript: async (script) => carried(script),
      waitForEvent(name, opts = {}) {
        // Marked handled: a test may await it only after its next steps.
        const p = engineCan(kind, 'popups')
          ? page.popup(name, opts)
          : Promise.reject(
              new Skip(
                'MiniBrowser under WebKitWebDriver opens no pop-up (window.open gives null, also on a WebDriver click)',
              ),
            );
        p.catch(() => {});
        return p;
      },
      async popup(name, opts) {
        if (name !== 'popup') throw new Error(`waitForEvent(${name}) is not in the driver layer`);
        const known = new Set(await session.http('GET', '/window/handles'));
        const deadline = Date.now() + (opts.timeout ?? 30000);
        for (;;) {
          const now = await session.http('GET', '/window/handles');
          const fresh = now.find((h) => !known.has(h) && !pages.has(h) && h !== home);
          if (fresh) {
            const p = adopt(fresh);
            await p
              .mainFrame()
              .waitForFunction(() => document.readyState !== 'loading')
              .catch(() => {});
            await p.refreshUrl();
            return p;
          }
          if (Date.now() > deadline) throw new Error('no popup within ' + (opts.timeout ?? 30000) + ' ms');
          await sleep(25);
        }
      },
      listeners: { console: [], pageerror: [] },
      on: (ev, fn) => {
        if (page.listeners[ev]) page.listeners[ev].push(fn);
      },
      isClosed: () => page.closed,
      async close() {
        if (page.closed) return;
        page.closed = true;
        const end = how.oneView
          ? () => session.http('POST', '/url', { url: 'about:blank' })
          : () => session.http('DELETE', '/window');
        await session.run(handle, [], end).catch(() => {});
        session.at = null;
        session.window = null;
        pages.delete(handle);
      },
    });
    pages.set(handle, page);
    return page;
  };
  // Console lines and uncaught errors: classic WebDriver reports neither, so the pages keep
  // them (tests/e2e/instrument.js, carried by every sandbox page) and they are collected here
  // every 200 ms from every frame of every page, then handed to the listeners as Playwright
  // would (`console` and `weberror` on the context, `console` and `pageerror` on a page).
  const listeners = { console: [], weberror: [] };
  let polling = null,
    closed = false;
  const deliver = (page, frame, line) => {
    if (line.type === 'pageerror') {
      const err = new Error(line.text);
      page.listeners.pageerror.forEach((fn) => fn(err));
      listeners.weberror.forEach((fn) => fn({ error: () => err, page: () => page }));
      return;
    }
    const url = frame.url();
    const m = {
      type: () => (line.type === 'warn' ? 'warning' : line.type),
      text: () => line.text,
      location: () => ({ url }),
    };
    page.listeners.console.forEach((fn) => fn(m));
    listeners.console.forEach((fn) => fn(m));
  };
  const collect = async () => {
    for (const page of [...pages.values()]) {
      if (page.closed) continue;
      for (const frame of await page.frames().catch(() => [])) {
        const lines = await frame
          .evaluate(() => (window.__ucbConsole ? window.__ucbConsole.splice(0) : []))
          .catch(() => []);
        for (const line of lines) deliver(page, frame, line);
      }
    }
  };
  const poll = async () => {
    while (!closed) {
      await collect().catch(() => {});
      await sleep(200);
    }
  };
  const context = {
    engine: kind,
    async newPage() {
      // A window, not a tab: MiniBrowser shows one tab of a window, and a page in a background
      // tab is hidden (document.visibilityState), where WebKit runs its timers at most once a
      // second (measured: 50 setTimeout(0) took 39.6 s in a tab, 0.19 s in a window).
      if (how.oneView) {
        if (pages.size) throw new Error(`${kind}: one page at a time (cog has one web view)`);
        return adopt(home);
      }
      const { handle } = await session.run(home, [], () => session.http('POST', '/window/new', { type: 'window' }));
      return adopt(handle);
    },
    async pages() {
      const handles = await session.http('GET', '/window/handles');
      const out = [];
      for (const h of handles) {
        if (h === home && !pages.has(h)) continue;
        const p = adopt(h);
        await p.refreshUrl().catch(() => {});
        out.push(p);
      }
      return out;
    },
    on: (ev, fn) => {
      if (!listeners[ev]) return; // 'response' (token capture) is Chromium's only
      listeners[ev].push(fn);
      polling ||= poll();
    },
    off: (ev, fn) => {
      if (listeners[ev]) listeners[ev] = listeners[ev].filter((x) => x !== fn);
    },
    addInitScript: async (script) => carried(script),
    exposeBinding: async () => {},
    close: async () => {
      closed = true;
      await polling;
      await fetch(`${base}/session/${session.id}`, { method: 'DELETE' }).catch(() => {});
      stop();
    },
  };
  return { context, close: context.close };
}

/** Launches `engine` (chromium goes through harness.mjs's Playwright launcher). */
export async function launchEngine(engine) {
  if (engine === 'firefox') return launchFirefox();
  if (engine === 'webkit' || engine === 'wpe') return launchWebKit(engine);
  throw new Error(`unknown engine ${engine}`);
}
