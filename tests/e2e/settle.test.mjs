// Every promise settles, and everything registered is unregistered (issue #9, item 3).
//
// A dedicated browser whose every frame and pop-up runs the listener counter first
// (tests/fixtures/listeners.js, then tests/e2e/instrument.js): it wraps
// EventTarget.prototype.addEventListener/removeEventListener and counts the live
// `message` listeners on window and `abort` listeners on AbortSignals (the kinds the channel
// registers), as the browser dedupes them (same target, type, callback and capture flag). Each case takes the baseline in the CRM page, runs requests into a teardown
// (timeout, destroy(), abort before and during, a portal reload, a CRM page unload, a REST
// request slowed by the emulator), and checks that every promise settled with the documented
// code, that `channel.pending` is 0 and that both listener counts are back to the baseline.
import { test, launch, crmFrame, assert, assertEq, INSTRUMENT } from './harness.mjs';
import { emulator } from './rest.test.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CALL = { campaign: 'Ventas->', callerid: '1001', destination: '091000000' };
const WAIT = { timeout: 60000 };

const totals = { cases: 0, pending: 0, listeners: 0 };

/** Adds one case to the totals and prints its own figure. `after`: `{ pending, message, abort }`
 *  after teardown; `base`: the counts before. */
function tally(name, base, after) {
  const pending = after.pending ?? 0;
  const listeners = Math.abs(after.message - base.message) + Math.abs(after.abort - base.abort);
  totals.cases++;
  totals.pending += pending;
  totals.listeners += listeners;
  console.log(`figure: settle case=${name} pending-after-teardown=${pending} listeners-after-teardown=${listeners}`);
  assertEq(pending, 0, `${name}: pending after teardown`);
  assertEq(
    { message: after.message, abort: after.abort },
    { message: base.message, abort: base.abort },
    `${name}: listeners back to the baseline`,
  );
}

/** A browser with the counter in every document, and a collector of page errors. */
async function counted(fn, options = {}) {
  const browser = await launch(options);
  const errors = [];
  browser.context.on('weberror', (e) => errors.push(String(e.error())));
  try {
    await browser.context.addInitScript(INSTRUMENT);
    await fn(browser.context, errors);
  } finally {
    await browser.close();
  }
}

/** The CRM page framed by the porthole.js portal, its own channel destroyed (the baseline). */
async function framedCrm(context, ctx, query = '') {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${ctx.portalPort}/porthole.html${query}`);
  const crm = await crmFrame(page, `http://127.0.0.1:${ctx.crmPort}/`);
  await crm.evaluate(() => {
    window.channel.destroy();
  });
  return { page, crm };
}

/** In-page helper source: settles a promise into its outcome, logging error messages. */
const OUTCOME = `window.outcome = (p) => p.then((v) => ['ok', v === undefined ? null : (typeof v === 'string' ? v : v.guid)],
  (e) => { console.log(e.name + ' ' + e.code + ': ' + e.message); return ['err', e.code]; });`;

test('settle: PortalChannel timeouts free every entry and every abort listener', (ctx) =>
  counted(async (context, errors) => {
    const { crm } = await framedCrm(context, ctx, '?silent=1');
    const r = await crm.evaluate(
      async ([call, helper]) => {
        eval(helper);
        const B = window.bridge;
        const base = window.__ucbListeners('message', 'abort');
        const ch = new B.PortalChannel({ portalOrigins: SANDBOX.portalOrigins, timeoutMs: 200, quarantineMs: 100 });
        const sig = () => new AbortController().signal;
        const ps = [
          ch.call(call, { signal: sig() }),
          ch.callWithPhone({ destination: '091', campaign: 'C->' }, { signal: sig() }),
          ch.cti({ signal: sig(), timeoutMs: 150 }),
        ];
        const during = { pending: ch.pending, ...window.__ucbListeners('message', 'abort') };
        const codes = await Promise.all(ps.map(window.outcome));
        const after = { pending: ch.pending, ...window.__ucbListeners('message', 'abort') };
        ch.destroy();
        return {
          base,
          during,
          codes,
          after,
          end: { pending: ch.pending, ...window.__ucbListeners('message', 'abort') },
        };
      },
      [CALL, OUTCOME],
    );
    assertEq(
      r.during,
      { pending: 3, message: r.base.message + 1, abort: r.base.abort + 3 },
      'while waiting: 3 entries, 1 message and 3 abort listeners',
    );
    assertEq(
      r.codes,
      [
        ['err', 'TIMEOUT'],
        ['err', 'TIMEOUT'],
        ['err', 'TIMEOUT'],
      ],
      'all three time out',
    );
    assertEq(
      r.after,
      { pending: 0, message: r.base.message + 1, abort: r.base.abort },
      'after the timeouts: the channel still listens, nothing else',
    );
    tally('channel-timeout', r.base, r.end);
    assertEq(errors, [], 'no page errors');
  }));

test('settle: PortalChannel destroy() with calls pending rejects them all with DESTROYED and removes every listener', (ctx) =>
  counted(async (context, errors) => {
    const { crm } = await framedCrm(context, ctx, '?silent=1');
    const r = await crm.evaluate(
      async ([call, helper]) => {
        eval(helper);
        const base = window.__ucbListeners('message', 'abort');
        const ch = new window.bridge.PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
        const ac = new AbortController();
        const ps = [
          ch.call(call, { signal: ac.signal }),
          ch.callWithPhone({ destination: '091', campaign: 'C->' }),
          ch.cti({ signal: ac.signal }),
          ch.cti(),
        ];
        const during = { pending: ch.pending, ...window.__ucbListeners('message', 'abort') };
        ch.destroy();
        const codes = await Promise.all(ps.map(window.outcome));
        const later = await window.outcome(ch.call(call));
        return {
          base,
          during,
          codes,
          later,
          end: { pending: ch.pending, listening: ch.isListening, ...window.__ucbListeners('message', 'abort') },
        };
      },
      [CALL, OUTCOME],
    );
    assertEq(r.during.pending, 4, 'four pending');
    assertEq(r.codes, Array(4).fill(['err', 'DESTROYED']), 'every pending call rejects with DESTROYED');
    assertEq(r.later, ['err', 'DESTROYED'], 'later calls reject at once');
    assertEq(r.end.listening, false, 'not listening');
    tally('channel-destroy', r.base, r.end);
    assertEq(errors, [], 'no page errors');
  }));

test('settle: PortalChannel abort before and during; a late reply after the abort is only a `late` event', (ctx) =>
  counted(async (context, errors) => {
    const { page, crm } = await framedCrm(context, ctx);
    await page.evaluate(() => window.setHold(true));
    const r = await crm.evaluate(
      async ([call, helper]) => {
        eval(helper);
        const base = window.__ucbListeners('message', 'abort');
        // The aborted calls' lane stays closed until the held replies come (a 100 ms quarantine
        // could end first on a loaded machine, and the reply would be a plain `message`).
        const ch = (window.ch = new window.bridge.PortalChannel({
          portalOrigins: SANDBOX.portalOrigins,
          quarantineMs: 60000,
        }));
        window.late = [];
        ch.on('late', (m) => window.late.push(m));
        const early = new AbortController();
        early.abort();
        const before = await Promise.all(
          [
            ch.call(call, { signal: early.signal }),
            ch.cti({ signal: early.signal }),
            ch.hangup({ signal: early.signal }),
          ].map(window.outcome),
        );
        const afterBefore = { pending: ch.pending, ...window.__ucbListeners('message', 'abort') };
        const ac = new AbortController();
        const ps = [ch.call(call, { signal: ac.signal }), ch.cti({ signal: ac.signal })];
        const during = { pending: ch.pending, ...window.__ucbListeners('message', 'abort') };
        ac.abort();
        const codes = await Promise.all(ps.map(window.outcome));
        return {
          base,
          before,
          afterBefore,
          during,
          codes,
          after: { pending: ch.pending, ...window.__ucbListeners('message', 'abort') },
        };
      },
      [CALL, OUTCOME],
    );
    assertEq(r.before, Array(3).fill(['err', 'ABORTED']), 'aborted before: rejected, nothing sent');
    assertEq(
      r.afterBefore,
      { pending: 0, message: r.base.message + 1, abort: r.base.abort },
      'aborted before: no entry, no abort listener',
    );
    assertEq(r.during.pending, 2, 'two pending');
    assertEq(
      r.codes,
      [
        ['err', 'ABORTED'],
        ['err', 'ABORTED'],
      ],
      'aborted during',
    );
    assertEq(r.after, { pending: 0, message: r.base.message + 1, abort: r.base.abort }, 'after the abort');
    // The portal now answers the aborted call: a late reply, never a resolution.
    await page.evaluate(() => window.setHold(false));
    await crm.waitForFunction(() => window.late.length >= 1, null, WAIT);
    const end = await crm.evaluate(() => {
      const p = window.ch.pending;
      window.ch.destroy();
      return { pending: p, ...window.__ucbListeners('message', 'abort') };
    });
    tally('channel-abort', r.base, end);
    assertEq(errors, [], 'no page errors');
  }));

test('settle: an AbortSignal shared by two requests still aborts the second after the first settled', (ctx) =>
  counted(async (context, errors) => {
    const { crm } = await framedCrm(context, ctx, '?silent=1');
    const r = await crm.evaluate(
      async ([call, helper]) => {
        eval(helper);
        const base = window.__ucbListeners('message', 'abort');
        const ch = new window.bridge.PortalChannel({ portalOrigins: SANDBOX.portalOrigins, quarantineMs: 100 });
        const ac = new AbortController();
        // Both wait at once on the same signal. The first times out quickly; the second would
        // wait ten minutes unless the abort still reaches it once the first is gone.
        const firstP = window.outcome(ch.cti({ signal: ac.signal, timeoutMs: 100 }));
        const second = window.outcome(ch.call(call, { signal: ac.signal, timeoutMs: 600000 }));
        const both = { pending: ch.pending, ...window.__ucbListeners('message', 'abort') };
        const first = await firstP;
        const during = { pending: ch.pending, ...window.__ucbListeners('message', 'abort') };
        ac.abort();
        const settled = await Promise.race([
          second,
          new Promise((ok) => setTimeout(() => ok('still pending 20 s after the abort'), 20000)),
        ]);
        const after = { pending: ch.pending, ...window.__ucbListeners('message', 'abort') };
        ch.destroy();
        return {
          base,
          both,
          first,
          during,
          settled,
          after,
          end: { pending: ch.pending, ...window.__ucbListeners('message', 'abort') },
        };
      },
      [CALL, OUTCOME],
    );
    assertEq(r.first, ['err', 'TIMEOUT'], 'the first request timed out');
    assertEq(r.both.pending, 2, 'both pending');
    assertEq(r.during.pending, 1, 'the second still pending');
    // Known gap (reported): every request registers the channel's one `abort` handler, so the
    // browser keeps a single registration per signal, and the first request to settle removes it.
    assertEq(r.settled, ['err', 'ABORTED'], 'the abort reaches the second request');
    assertEq(r.during.abort, r.base.abort + 1, 'the second request still listens to the shared signal');
    tally('channel-shared-signal', r.base, r.end);
    assertEq(errors, [], 'no page errors');
  }));

test('settle: CRM pop-up (target opener) while the portal page reloads: pending calls time out, then calls work again', (ctx) =>
  counted(async (context, errors) => {
    const page = await context.newPage();
    const opened = page.waitForEvent('popup', WAIT);
    await page.goto(`http://127.0.0.1:${ctx.portalPort}/porthole.html?popup=1&boot=800`);
    const crm = await opened;
    try {
      await crm.waitForFunction(() => document.body && document.body.dataset.ready, null, WAIT);
      await page.waitForFunction(() => Date.now() >= bootUntil, null, WAIT);
      const first = await crm.evaluate(
        async ([call, helper]) => {
          eval(helper);
          window.channel.destroy();
          window.base = window.__ucbListeners('message', 'abort');
          window.ch = new window.bridge.PortalChannel({
            portalOrigins: SANDBOX.portalOrigins,
            target: 'opener',
            timeoutMs: 1500,
            quarantineMs: 100,
          });
          return window.outcome(window.ch.call(call));
        },
        [CALL, OUTCOME],
      );
      assert(first[0] === 'ok' && GUID.test(first[1]), `a call before the reload: ${first}`);
      // Two requests reach the portal, which holds its answers; then it reloads and forgets them.
      await page.evaluate(() => window.setHold(true));
      await crm.evaluate((call) => {
        window.inFlight = Promise.all([window.outcome(window.ch.call(call)), window.outcome(window.ch.cti())]);
      }, CALL);
      await page.waitForFunction(() => window.actions.length >= 3, null, WAIT);
      await page.reload();
      const lost = await crm.evaluate(async () => ({
        codes: await window.inFlight,
        pending: window.ch.pending,
        ...window.__ucbListeners('message', 'abort'),
      }));
      assertEq(
        lost.codes,
        [
          ['err', 'TIMEOUT'],
          ['err', 'TIMEOUT'],
        ],
        'requests the old portal held time out',
      );
      assertEq(lost.pending, 0, 'nothing pending after the reload');
      await page.waitForFunction(() => Date.now() >= bootUntil, null, WAIT);
      const again = await crm.evaluate((call) => window.outcome(window.ch.call(call, { timeoutMs: 60000 })), CALL);
      const posted = await page.evaluate(() => window.replies.map((r) => r.guid));
      assertEq(again, ['ok', posted[posted.length - 1]], 'the reloaded portal answers the next call');
      const r = await crm.evaluate(() => {
        const p = window.ch.pending;
        window.ch.destroy();
        return { base: window.base, end: { pending: p, ...window.__ucbListeners('message', 'abort') } };
      });
      tally('portal-reload', r.base, r.end);
      assertEq(errors, [], 'no page errors');
    } finally {
      await crm.close();
      await page.close();
    }
  }));

test('settle: the CRM frame navigates away with calls pending; the portal keeps working and the next CRM page starts clean', (ctx) =>
  counted(async (context, errors) => {
    const page = await context.newPage();
    const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
    await page.goto(`http://127.0.0.1:${ctx.portalPort}/porthole.html`);
    let crm = await crmFrame(page, crmOrigin);
    await page.evaluate(() => window.setHold(true));
    await crm.evaluate((call) => {
      window.left = [window.channel.call(call), window.channel.cti()];
    }, CALL);
    await page.waitForFunction(() => window.actions.length >= 2, null, WAIT);
    // The old page goes away with its two requests pending (its promises go with it).
    await crm.goto(`${crmOrigin}/index.html?next=1`);
    crm = await crmFrame(page, crmOrigin);
    const fresh = await crm.evaluate(() => {
      window.stale = [];
      window.channel.on('message', (m) => window.stale.push(m));
      window.portalDeliveries = 0;
      addEventListener('message', (e) => {
        if (e.source === parent) window.portalDeliveries++;
      });
      return {
        pending: window.channel.pending,
        listening: window.channel.isListening,
        ...window.__ucbListeners('message', 'abort'),
      };
    });
    // 1 listener: the new page's channel (plus the probe the test just added = 2).
    assertEq(fresh, { pending: 0, listening: true, message: 2, abort: 0 }, 'the next CRM page starts clean');
    // The portal answers the old page's requests now: to the new page, which has nothing pending.
    await page.evaluate(() => window.setHold(false));
    await crm.waitForFunction(() => window.portalDeliveries >= 2, null, WAIT);
    const stale = await crm.evaluate(() => ({ pending: window.channel.pending, stale: window.stale.length }));
    assertEq(stale.pending, 0, 'stale replies settle nothing on the new page');
    console.log(
      `settle: stale replies to the previous page surfaced as 'message' events on the next page: ${stale.stale}`,
    );
    const next = await crm.evaluate((call) => window.channel.call(call), CALL);
    const posted = await page.evaluate(() => window.replies.map((r) => r.guid).filter(Boolean));
    assertEq(next, posted[posted.length - 1], "the new page's call gets the portal's answer to it");
    const end = await crm.evaluate(() => {
      const p = window.channel.pending;
      window.channel.destroy();
      return { pending: p, ...window.__ucbListeners('message', 'abort') };
    });
    tally('crm-unload', { message: 1, abort: 0 }, end);
    assertEq(errors, [], 'no page errors in the portal or either CRM page');
    await page.close();
  }));

test('settle: Bridge on the portal path: abort, timeout and destroy() with calls pending', (ctx) =>
  counted(async (context, errors) => {
    const { page, crm } = await framedCrm(context, ctx);
    await crm.evaluate(async (helper) => {
      eval(helper);
      window.base = window.__ucbListeners('message', 'abort');
      window.b = new window.bridge.Bridge({
        portalOrigins: SANDBOX.portalOrigins,
        heartbeatMs: 0,
        quarantineMs: 100,
        timeoutMs: 600000,
      });
      window.mode = await window.b.ready;
    }, OUTCOME);
    assertEq(await crm.evaluate(() => window.mode), 'portal', 'portal path');
    await page.evaluate(() => window.setHold(true));
    const r = await crm.evaluate(async (call) => {
      const b = window.b;
      const a1 = new AbortController(),
        a2 = new AbortController();
      const aborted = window.outcome(b.call(call, { signal: a1.signal }));
      const timedOut = window.outcome(b.cti({ timeoutMs: 200, signal: a2.signal }));
      const destroyed = window.outcome(b.callWithPhone({ destination: '091', campaign: 'C->' }, { signal: a2.signal }));
      const destroyedCti = window.outcome(b.cti());
      await new Promise((ok) => setTimeout(ok, 0));
      const during = window.__ucbListeners('message', 'abort');
      a1.abort();
      const first = [await aborted, await timedOut];
      b.destroy();
      const rest = [await destroyed, await destroyedCti];
      return {
        during,
        codes: [...first, ...rest],
        state: b.state,
        end: { ...window.__ucbListeners('message', 'abort') },
        base: window.base,
      };
    }, CALL);
    assertEq(
      r.codes,
      [
        ['err', 'ABORTED'],
        ['err', 'TIMEOUT'],
        ['err', 'DESTROYED'],
        ['err', 'DESTROYED'],
      ],
      'abort, timeout, destroy',
    );
    assertEq(r.state, 'destroyed', 'state');
    tally('bridge-portal', r.base, r.end);
    await page.evaluate(() => window.setHold(false));
    assertEq(errors, [], 'no page errors');
  }));

test('settle: Bridge on the REST path: abort and timeout of slow requests, and destroy() with a request in flight', (ctx) =>
  counted(async (context, errors) => {
    const emu = emulator(ctx);
    await emu.reset();
    await emu.fault('Agents/AgentCall', { delayMs: 3000 });
    const page = await context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${ctx.crmPort}/`);
      await page.waitForFunction(() => document.body.dataset.ready === 'wasm', null, WAIT);
      const api = `http://127.0.0.1:${ctx.portalPort}`;
      const r = await page.evaluate(
        async ([call, helper, api]) => {
          eval(helper);
          window.channel.destroy();
          const base = window.__ucbListeners('message', 'abort');
          const b = new window.bridge.Bridge({
            mode: 'rest',
            rest: { baseUrl: api, user: 'agent1', password: 'secret1' },
            agent: { agent: 'agent1', phone: '1001', context: 'from-internal' },
          });
          await b.ready;
          await b.rest.login();
          const ac = new AbortController();
          const aborted = window.outcome(b.call(call, { signal: ac.signal }));
          setTimeout(() => ac.abort(), 100);
          const timedOut = window.outcome(b.call(call, { timeoutMs: 200, signal: new AbortController().signal }));
          const first = [await aborted, await timedOut];
          const afterFirst = window.__ucbListeners('message', 'abort');
          // A request in flight when the bridge is destroyed: it must not outlive the bridge.
          const inFlight = window.outcome(b.call(call, { timeoutMs: 30000, signal: new AbortController().signal }));
          await new Promise((ok) => setTimeout(ok, 100));
          const pendingBefore = b.pending;
          b.destroy();
          const destroyed = await Promise.race([
            inFlight,
            new Promise((ok) => setTimeout(() => ok('still pending 20 s after destroy()'), 20000)),
          ]);
          await inFlight;
          return {
            base,
            first,
            afterFirst,
            destroyed,
            pending: [pendingBefore, b.pending],
            end: window.__ucbListeners('message', 'abort'),
          };
        },
        [CALL, OUTCOME, api],
      );
      assertEq(
        r.first,
        [
          ['err', 'ABORTED'],
          ['err', 'REQUEST_TIMEOUT'],
        ],
        'abort and timeout',
      );
      assertEq(r.afterFirst.abort, r.base.abort, 'no abort listener left after abort and timeout');
      tally('bridge-rest', r.base, r.end);
      assertEq(
        r.destroyed,
        ['err', 'DESTROYED'],
        'a REST request in flight rejects with DESTROYED when the bridge is destroyed',
      );
      assertEq(r.pending, [1, 0], 'bridge.pending: the call in flight, then none');
      assertEq(errors, [], 'no page errors');
    } finally {
      await page.close();
      await emu.reset();
    }
  }));

test('settle: a top-level CRM page with calls pending goes into the back/forward cache and back; the calls still settle', (ctx) =>
  counted(
    async (context, errors) => {
      const page = await context.newPage();
      const crmOrigin = `http://127.0.0.1:${ctx.crmPort}`;
      try {
        await page.addInitScript(() => {
          addEventListener('pageshow', (e) => {
            (window.shows ||= []).push(e.persisted);
          });
        });
        await page.goto(`${crmOrigin}/`);
        await page.waitForFunction(() => document.body.dataset.ready === 'wasm', null, WAIT);
        // The portal is a silent frame named 'portal' inside the page (a top-level page has no
        // parent to talk to); the calls wait for its answer, which never comes.
        const before = await page.evaluate(
          async ([call, helper]) => {
            eval(helper);
            window.channel.destroy();
            window.base = window.__ucbListeners('message', 'abort');
            const f = document.createElement('iframe');
            f.name = 'portal';
            document.body.appendChild(f);
            window.ch = new window.bridge.PortalChannel({
              portalOrigins: [location.origin],
              target: 'portal',
              timeoutMs: 8000,
            });
            window.results = [];
            for (const p of [window.ch.call(call), window.ch.cti()])
              window.outcome(p).then((r) => window.results.push(r));
            return { pending: window.ch.pending };
          },
          [CALL, OUTCOME],
        );
        assertEq(before.pending, 2, 'two calls pending');
        await page.goto(`${crmOrigin}/porthole.html`);
        await page.goBack({ waitUntil: 'commit' });
        await page.waitForFunction(() => window.shows && window.shows.length >= 2, null, WAIT);
        const shows = await page.evaluate(() => window.shows);
        assertEq(shows, [false, true], 'the page came back from the back/forward cache (pageshow persisted)');
        await page.waitForFunction(() => window.results.length === 2, null, WAIT);
        const r = await page.evaluate(() => {
          const out = { results: window.results, pending: window.ch.pending };
          window.ch.destroy();
          return {
            ...out,
            base: window.base,
            end: { pending: window.ch.pending, ...window.__ucbListeners('message', 'abort') },
          };
        });
        assertEq(
          r.results,
          [
            ['err', 'TIMEOUT'],
            ['err', 'TIMEOUT'],
          ],
          'both calls settled (timed out) after the restore',
        );
        assertEq(r.pending, 0, 'nothing pending after the restore');
        tally('bfcache-restore', r.base, r.end);
        assertEq(errors, [], 'no page errors');
      } finally {
        await page.close();
      }
    },
    { backForwardCache: true },
  ));

test('settle: totals over every case above', async () => {
  assert(totals.cases > 0, 'no settle case ran');
  console.log(
    `figure: settle pending-after-teardown=${totals.pending} listeners-after-teardown=${totals.listeners} cases=${totals.cases}`,
  );
  assertEq(
    [totals.pending, totals.listeners],
    [0, 0],
    'pending entries and listeners left after teardown, over all cases',
  );
});
