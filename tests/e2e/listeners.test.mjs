// Listeners that end (issue 31, item 6): on every class kind with events (PortalChannel in the
// channel and full builds, Bridge, PortalHost, UPhone, UContactEvents), `on()` returns an
// unsubscribe function (harmless twice), `{ once: true }` and `once()` fire once, `{ signal }` ends a
// subscription on abort (an aborted one subscribes nothing), `off` ends a `once`, unknown
// options are INVALID_ARGUMENT, and `destroy()` ends the rest. The library reads the signals
// instead of listening to them, so the live `abort` listeners on AbortSignals
// (tests/fixtures/listeners.js) stay at the baseline throughout, however a subscription ended.
import { test, crmFrame, assertEq, INSTRUMENT } from './harness.mjs';

const WAIT = { timeout: 20000 };

/** In the page: subscribes every way to `window[key]`'s `event`; returns what to check. */
function subscribe([key, event]) {
  const o = window[key];
  const abort = () => window.__ucbListeners('abort').abort;
  const t = (window.__lt = /** @type {Record<string, any>} */ ({
    got: [],
    ac: new AbortController(),
    ac2: new AbortController(),
    base: abort(),
  }));
  const push = (name) => () => t.got.push(name);
  o.on(event, push('control'));
  t.unsubscribe = o.on(event, push('on'));
  t.unsubscribeOnce = o.on(event, push('once'), { once: true });
  t.unsubscribeOnceMethod = o.once(event, push('once()'));
  o.once(event, push('once()-aborted-before'), { signal: AbortSignal.abort() });
  o.on(event, push('signal'), { signal: t.ac.signal });
  o.on(event, push('aborted-before'), { signal: AbortSignal.abort() });
  o.on(event, push('once+signal'), { signal: t.ac2.signal, once: true });
  t.offed = push('once-then-off');
  o.on(event, t.offed, { signal: t.ac2.signal, once: true });
  o.off(event, t.offed);
  const refused = [];
  for (const options of [
    { passive: true },
    { signal: 1 },
    { once: 'yes' },
    { signal: undefined, capture: true },
    5,
    [],
  ]) {
    try {
      o.on(event, push('refused'), options);
      refused.push('accepted');
    } catch (e) {
      refused.push(e.code);
    }
  }
  try {
    o.once(event, push('refused'), { passive: true });
    refused.push('accepted');
  } catch (e) {
    refused.push(e.code);
  }
  try {
    o.once('no-such-event', push('refused'));
    refused.push('accepted');
  } catch (e) {
    refused.push(e.code);
  }
  return {
    kinds: [typeof t.unsubscribe, typeof t.unsubscribeOnce, typeof t.unsubscribeOnceMethod],
    abort: abort() - t.base,
    refused,
  };
}

/** In the page: what arrived since `from`, and the live abort listeners above the baseline. */
function seen(from) {
  return { got: window.__lt.got.slice(from), abort: window.__ucbListeners('abort').abort - window.__lt.base };
}

/** In the page: ends the rest by every other way; the abort listeners left after each. */
function endTheRest() {
  const t = window.__lt,
    abort = () => window.__ucbListeners('abort').abort - t.base;
  t.unsubscribe();
  t.unsubscribe();
  t.unsubscribeOnce();
  t.unsubscribeOnceMethod();
  const afterUnsubscribe = abort();
  t.ac.abort();
  t.ac2.abort();
  return [afterUnsubscribe, abort()];
}

/** In the page: subscriptions with a live signal, then `destroy()`. */
function destroyEnds([key, event]) {
  const o = window[key],
    t = window.__lt,
    abort = () => window.__ucbListeners('abort').abort - t.base;
  const ac = new AbortController();
  o.on(event, () => t.got.push('after-destroy'), { signal: ac.signal });
  o.on(event, () => t.got.push('after-destroy'), { signal: ac.signal, once: true });
  const before = abort();
  o.destroy();
  const after = abort();
  ac.abort();
  t.unsubscribe();
  return [before, after];
}

/**
 * Runs the scenario on `window[key]` of `frame`; `fire()` makes the object emit `event` once
 * (from another window), and each emission is awaited through the `control` listener.
 */
async function scenario(name, frame, key, event, fire) {
  const waitFor = (n) =>
    frame.waitForFunction((k) => window.__lt.got.filter((g) => g === 'control').length >= k, n, WAIT);
  const setup = await frame.evaluate(subscribe, [key, event]);
  assertEq(
    setup.kinds,
    ['function', 'function', 'function'],
    `${name}: on() returns a function, with once too, and once() does`,
  );
  assertEq(
    setup.refused,
    Array(8).fill('INVALID_ARGUMENT'),
    `${name}: options other than { signal?, once? }, an unknown event for once()`,
  );
  assertEq(setup.abort, 0, `${name}: no abort listener on the callers' signals`);

  await fire();
  await waitFor(1);
  let s = await frame.evaluate(seen, 0);
  assertEq(
    s.got,
    ['control', 'on', 'once', 'once()', 'signal', 'once+signal'],
    `${name}: the first event, in subscription order`,
  );
  assertEq(s.abort, 0, `${name}: still no abort listener`);

  assertEq(
    await frame.evaluate(endTheRest),
    [0, 0],
    `${name}: abort listeners after unsubscribe (twice), then after abort`,
  );
  await fire();
  await waitFor(2);
  s = await frame.evaluate(seen, 6);
  assertEq(s.got, ['control'], `${name}: after unsubscribe, once and abort only the control hears the second event`);
  assertEq(s.abort, 0, `${name}: no abort listener left`);

  assertEq(
    await frame.evaluate(destroyEnds, [key, event]),
    [0, 0],
    `${name}: abort listeners before and after destroy()`,
  );
  console.log(`figure: listeners case=${name} abort-listeners-left=0`);
}

/** Posts a Porthole message from the portal page to the CRM frame (it answers nothing pending). */
async function portalSays(page, data) {
  await page.evaluate((d) => {
    const frame = document.querySelector('iframe');
    new window.Porthole.WindowProxy(frame.src, frame.name).post(d, new URL(frame.src).origin);
  }, data);
}

for (const entry of ['channel', 'full'])
  test(`listeners/PortalChannel [entry ${entry}]: unsubscribe, once, signal, off and destroy end subscriptions and their abort listeners`, async (ctx) => {
    const page = await ctx.browser.context.newPage();
    try {
      await page.addInitScript(INSTRUMENT);
      await page.goto(`http://127.0.0.1:${ctx.portalPort}/porthole.html?entry=${entry}`);
      const crm = await crmFrame(page, `http://127.0.0.1:${ctx.crmPort}/`);
      await crm.evaluate(() => {
        window.ch = new window.bridge.PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
      });
      let n = 0;
      await scenario(`channel-${entry}`, crm, 'ch', 'message', () => portalSays(page, { hello: ++n }));
    } finally {
      await page.close();
    }
  });

test("listeners/Bridge [entry full]: the same for the portal's events through a Bridge, and once for connected", async (ctx) => {
  const page = await ctx.browser.context.newPage();
  try {
    await page.addInitScript(INSTRUMENT);
    await page.goto(`http://127.0.0.1:${ctx.portalPort}/porthole.html`);
    const crm = await crmFrame(page, `http://127.0.0.1:${ctx.crmPort}/`);
    await crm.evaluate(async () => {
      const b = (window.br = new window.bridge.Bridge({
        mode: 'portal',
        portalOrigins: SANDBOX.portalOrigins,
        heartbeatMs: 0,
      }));
      const got = (window.connected = []);
      b.on('connected', (e) => got.push(['once', e.mode]), { once: true });
      b.on('connected', () => got.push('aborted'), { signal: AbortSignal.abort() });
      const stop = b.on('connected', () => got.push('unsubscribed'));
      stop();
      await b.ready;
    });
    // 'connected' comes once the probe's answer is in (it may follow `ready`); the next event
    // after it, a message, proves the other two heard nothing.
    await crm.waitForFunction(() => window.connected.length > 0, null, WAIT);
    const connected = await crm.evaluate(() => window.connected);
    assertEq(connected, [['once', 'portal']], 'connected: once heard it, the aborted and the unsubscribed did not');
    let n = 0;
    await scenario('bridge', crm, 'br', 'message', () => portalSays(page, { hello: ++n }));
  } finally {
    await page.close();
  }
});

test("listeners/PortalHost [entry testing]: the same for the host's action event", async (ctx) => {
  const page = await ctx.browser.context.newPage();
  try {
    await page.addInitScript(INSTRUMENT);
    await page.goto(`http://127.0.0.1:${ctx.portalPort}/`);
    await page.waitForFunction(() => document.body.dataset.ready === 'wasm', null, WAIT);
    const crm = await crmFrame(page, `http://127.0.0.1:${ctx.crmPort}/`);
    await scenario('host', page.mainFrame(), 'host', 'action', () => crm.evaluate(() => window.channel.hangup()));
  } finally {
    await page.close();
  }
});

/** A v6 page of the CRM origin and the instance frame its object made. */
async function v6Page(ctx, path, selector) {
  const page = await ctx.browser.context.newPage();
  await page.addInitScript(INSTRUMENT);
  await page.goto(`http://127.0.0.1:${ctx.crmPort}${path}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'wasm', null, WAIT);
  const handle = await page.waitForSelector(selector, { state: 'attached', ...WAIT });
  for (let i = 0; i < 400; i++) {
    const f = await handle.contentFrame();
    if (
      f &&
      f.url() !== 'about:blank' &&
      f.url() !== '' &&
      (await f.evaluate(() => !!document.body?.dataset.ready).catch(() => false))
    )
      return { page, frame: f };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ready frame for ${selector}`);
}

test('listeners/UPhone [entry v6]: the same for a uPhone event', async (ctx) => {
  const { page, frame } = await v6Page(ctx, '/v6/uphone-crm.html', '#phone iframe');
  try {
    await scenario('uphone', page.mainFrame(), 'phone', 'agentLogin', () =>
      frame.evaluate(() => window.uphone.fire('agentLogin')),
    );
  } finally {
    await page.close();
  }
});

test('listeners/UContactEvents [entry v6]: the same for an Events API event', async (ctx) => {
  const { page, frame } = await v6Page(ctx, '/v6/events-crm.html', '#ucontact iframe');
  try {
    await scenario('events', page.mainFrame(), 'ucontact', 'changedTheme', () =>
      frame.evaluate(() => window.instance.fire('changedTheme', 'dark')),
    );
  } finally {
    await page.close();
  }
});

// A caller's signal is page code: its `aborted` getter may subscribe, unsubscribe or destroy
// while the library reads it. The list is taken out while a getter runs, so none of that can
// meet a borrowed list (a trap before), and what a destroy() in a getter cleared stays cleared.
test('listeners/PortalChannel [entry full]: a signal whose aborted getter subscribes or destroys leaves the object working (no trap)', async (ctx) => {
  const page = await ctx.browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(`http://127.0.0.1:${ctx.portalPort}/porthole.html?entry=full`);
    const crm = await crmFrame(page, `http://127.0.0.1:${ctx.crmPort}/`);
    const setup = await crm.evaluate(() => {
      const B = window.bridge;
      const tricky = (get) => {
        const ac = new AbortController();
        Object.defineProperty(ac.signal, 'aborted', { get });
        return ac.signal;
      };
      const r = (window.__re = { got: [], gone: [], errors: [] });
      const ch = (window.__reCh = new B.PortalChannel({ portalOrigins: SANDBOX.portalOrigins }));
      let reads = 0;
      const subscribes = tricky(() => {
        if (++reads <= 3) ch.on('message', () => r.got.push('from-getter'));
        return false;
      });
      try {
        ch.on('message', () => r.got.push('outer'), { signal: subscribes });
        ch.on('message', () => r.got.push('plain'));
      } catch (e) {
        r.errors.push(String(e));
      }
      // A second channel whose signal destroys it on the first read after subscribing.
      const gone = (window.__reGone = new B.PortalChannel({ portalOrigins: SANDBOX.portalOrigins }));
      let armed = false;
      const destroys = tricky(() => {
        if (armed) {
          armed = false;
          gone.destroy();
        }
        return false;
      });
      try {
        gone.on('message', () => r.gone.push('first'), { signal: destroys });
        armed = true;
        gone.on('message', () => r.gone.push('second')); // its prune reads the signal: destroy()
      } catch (e) {
        r.errors.push(String(e));
      }
      return { errors: r.errors, reads };
    });
    assertEq(setup.errors, [], 'subscribing threw nothing');
    await portalSays(page, { hello: 'reentrant' });
    await crm.waitForFunction(() => window.__re.got.includes('plain'), null, WAIT);
    const after = await crm.evaluate(() => {
      const r = window.__re;
      let again;
      try {
        window.__reCh.on('message', () => {})();
        again = 'ok';
      } catch (e) {
        again = String(e);
      }
      return { got: [...new Set(r.got)].sort(), gone: r.gone, again };
    });
    assertEq(
      after.got,
      ['from-getter', 'outer', 'plain'],
      'every subscription, the ones the getter made too, heard the message',
    );
    assertEq(after.gone, [], 'nothing of the destroyed channel came back');
    assertEq(after.again, 'ok', 'the channel still subscribes');
    assertEq(errors, [], 'no page errors (no trap)');
  } finally {
    await page.close();
  }
});
