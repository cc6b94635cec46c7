// Scenario 4, concurrent REST: thousands of requests at once on one IntegraClient against the
// emulator. The client keeps at most `maxInFlight` on the network (default 6) and queues the
// rest first-in, first-out; none fails for lack of sockets, every promise settles, and the
// emulator counts exactly the successes. A queued request aborted by its signal, and one whose
// deadline passes while it waits, reject with `sent: false` and never reach the emulator.
// And the figure behind the default cap: the same burst at several caps and with raw `fetch`
// (docs/decisions/rest-concurrency-cap.md).
import { test, assert, assertEq, say, scaled, emulator, within, ENGINE } from './lib.mjs';

const CONCURRENT = scaled(2000, 100);
const AGENT_CALL = {
  callerid: '1001',
  agent: 'agent1',
  phone: '1001',
  tech: 'SIP',
  context: 'from-internal',
  outqueue: 'Ventas->',
  destination: '098000111',
};

/** The CRM page opened top-level on `crmHost` (the REST path; the API is on the portal origin). */
async function restPage(ctx, crmHost) {
  const page = await ctx.browser.context.newPage();
  await page.goto(`http://${crmHost}:${ctx.crmPort}/`);
  await page.waitForFunction(() => document.body.dataset.ready === 'wasm');
  await page.evaluate(() => {
    window.channel.destroy();
  });
  return page;
}

/** Counter differences, without CORS preflights (counted apart by the emulator). */
function diff(a, b) {
  const out = {};
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const d = (b[k] ?? 0) - (a[k] ?? 0);
    if (d && k !== 'preflight') out[k] = d;
  }
  return out;
}

for (const crmHost of ['127.0.0.1', 'localhost']) {
  const site = crmHost === '127.0.0.1' ? 'same-site' : 'cross-site';
  test(`rest: ${CONCURRENT} concurrent queueSummary() on one IntegraClient (maxInFlight 6) against the emulator, CRM ${site}`, async (ctx) => {
    const emu = emulator(ctx);
    await emu.reset();
    const page = await restPage(ctx, crmHost);
    try {
      const before = await emu.counters();
      const api = `http://127.0.0.1:${ctx.portalPort}`;
      const r = await within(
        300000,
        page.evaluate(
          async ([api, n]) => {
            const base = window.__soak.counts();
            const c = new window.bridge.IntegraClient({ baseUrl: api, user: 'agent1', password: 'secret1' });
            let settled = 0;
            const errorSamples = [];
            const codes = {},
              sentFlags = { true: 0, false: 0, missing: 0 };
            const ps = [];
            for (let i = 0; i < n; i++) {
              ps.push(
                c
                  .queueSummary()
                  .then(
                    (q) => {
                      if (!q || !Array.isArray(q.queues) || q.queues.length < 1)
                        throw Object.assign(new Error('bad summary'), { code: 'CHECK' });
                      codes.ok = (codes.ok || 0) + 1;
                    },
                    (e) => {
                      codes[e.code] = (codes[e.code] || 0) + 1;
                      sentFlags[e.sent === true ? 'true' : e.sent === false ? 'false' : 'missing']++;
                      if (errorSamples.length < 3) errorSamples.push(`${e.code} sent=${e.sent}: ${e.message}`);
                    },
                  )
                  .finally(() => {
                    settled++;
                  }),
              );
            }
            // Sample between tasks until all settle: the most ever queued, and the most on the
            // network (neither settled nor queued) once the shared login is done (before it, the
            // requests wait for the token, in neither place).
            let all = false,
              maxQueued = 0,
              maxOnNetwork = 0,
              samples = 0;
            Promise.all(ps).then(() => {
              all = true;
            });
            while (!all) {
              const q = c.queued;
              maxQueued = Math.max(maxQueued, q);
              if (q > 0) {
                maxOnNetwork = Math.max(maxOnNetwork, n - settled - q);
                samples++;
              }
              await window.__soak.sleep(1);
            }
            const queuedAfter = c.queued;
            c.destroy();
            return {
              settled,
              codes,
              sentFlags,
              errorSamples,
              maxQueued,
              maxOnNetwork,
              sampled: samples,
              queuedAfter,
              base,
              end: window.__soak.counts(),
            };
          },
          [api, CONCURRENT],
        ),
      );
      const d = diff(before, await emu.counters());
      const ok = r.codes.ok || 0;
      say(
        `figure: soak-rest-concurrent site=${site} requests=${CONCURRENT} settled=${r.settled} ok=${ok} NETWORK=${r.codes.NETWORK || 0}` +
          ` other-errors=${CONCURRENT - ok - (r.codes.NETWORK || 0)} max-queued=${r.maxQueued} max-on-network=${r.maxOnNetwork} queued-after=${r.queuedAfter}` +
          ` emulator-queuesummary=${d['Supervisor/queuesummary'] ?? 0} emulator-logins=${d['auth/getUserToken'] ?? 0}` +
          ` abort-listeners=${r.end.abort - r.base.abort} timers=${r.end.timers - r.base.timers}`,
      );
      assertEq(r.settled, CONCURRENT, 'every promise settled');
      assertEq(r.codes, { ok: CONCURRENT }, `every request succeeded (${r.errorSamples.join('; ')})`);
      assertEq(d['Supervisor/queuesummary'], ok, 'the emulator counted exactly the successes');
      assertEq(d, { 'Supervisor/queuesummary': ok, 'auth/getUserToken': 1 }, 'one shared login, nothing else sent');
      assert(
        r.sampled > 0 && r.maxOnNetwork <= 6,
        `at most six on the network whenever some wait (${r.maxOnNetwork}, ${r.sampled} samples)`,
      );
      assertEq(r.queuedAfter, 0, 'the queue drained');
      assertEq(
        [r.end.abort, r.end.timers],
        [r.base.abort, r.base.timers],
        'abort listeners and timers back to the baseline',
      );
      assertEq(ctx.browser.errors, [], 'no page errors');
    } finally {
      await page.close();
    }
  });
}

// ---- the cap's figure ---------------------------------------------------------------------------
// How fast CONCURRENT calls settle, and how many fail, at several `maxInFlight` caps and with
// raw `fetch` (the same request the client sends: POST, empty form body, the form content type
// and `Authorization: Basic <token>`), in the same page. The sandbox speaks HTTP/1.1 only (axum
// with its `http1` feature), so Chromium opens at most six connections to the API origin; more
// requests wait in the browser's network queue. Wall-clock time is printed, never asserted.
// Asserted: every promise settles, and at the default cap none fails.

/** `DEFAULT_MAX_IN_FLIGHT` (src/web/session.rs): its run builds the client without the option. */
const DEFAULT_CAP = 6;
const CAPS = [1, 2, 6, 16, 64, 100000];
const RUNS = [...CAPS, 'raw-fetch'];
/** Every configuration runs once per round; the order rotates from round to round, so no
 *  configuration always runs first or right after the uncapped ones. The median round counts.
 *  One round in the short form of Firefox and WebKit: their times are not what the decision
 *  rests on (Chromium's are), and Firefox preflights every request (README of this folder). */
const ROUNDS = ENGINE === 'chromium' ? 3 : 1;

/** One run in the page: `n` calls at once, timed from the first call to the last settlement. */
async function capRun([api, token, n, cap, defaultCap]) {
  const path = '/Integra/resources/Supervisor/queuesummary';
  const headers = {
    'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
    Authorization: 'Basic ' + token,
  };
  const codes = {};
  let settled = 0,
    ok = 0,
    client = null,
    one;
  if (cap === 'raw-fetch') {
    one = async () => {
      const r = await fetch(api + path, { method: 'POST', headers, body: '' });
      const body = await r.json();
      if (r.status !== 200 || !Array.isArray(body))
        throw Object.assign(new Error(`status ${r.status}`), { code: 'CHECK' });
    };
  } else {
    client = new window.bridge.IntegraClient(
      cap === defaultCap ? { baseUrl: api, token } : { baseUrl: api, token, maxInFlight: cap },
    );
    one = async () => {
      const q = await client.queueSummary();
      if (!q || !Array.isArray(q.queues) || q.queues.length < 1)
        throw Object.assign(new Error('bad summary'), { code: 'CHECK' });
    };
  }
  // Each timed run starts from a collected heap where `gc()` is exposed (Chromium); elsewhere
  // a proved collection would cost about a second each, for a time that is only printed.
  if (typeof gc === 'function') gc();
  await window.__soak.sleep(20);
  const t0 = performance.now();
  const ps = [];
  for (let i = 0; i < n; i++) {
    ps.push(
      one()
        .then(
          () => {
            ok++;
          },
          (e) => {
            const code = (e && e.code) || (e instanceof TypeError ? 'TypeError' : 'other');
            codes[code] = (codes[code] || 0) + 1;
          },
        )
        .finally(() => {
          settled++;
        }),
    );
  }
  await Promise.all(ps);
  const ms = performance.now() - t0;
  if (client) client.destroy();
  return { settled, ok, failed: n - ok, codes, ms };
}

for (const crmHost of ['127.0.0.1', 'localhost']) {
  const site = crmHost === '127.0.0.1' ? 'same-site' : 'cross-site';
  test(`rest: cap figures, ${CONCURRENT} concurrent queueSummary() at maxInFlight ${CAPS.join('/')} and raw fetch, ${ROUNDS} rounds, CRM ${site}`, async (ctx) => {
    const emu = emulator(ctx);
    await emu.reset();
    const token = await emu.token();
    const page = await restPage(ctx, crmHost);
    try {
      const api = `http://127.0.0.1:${ctx.portalPort}`;
      const results = new Map(RUNS.map((r) => [r, []]));
      for (let round = 0; round < ROUNDS; round++) {
        // Round 0 in order, round 1 reversed, round 2 from the middle.
        const order =
          round === 1
            ? [...RUNS].reverse()
            : RUNS.map((_, i) => RUNS[(i + Math.floor(RUNS.length / 2) * round) % RUNS.length]);
        for (const cap of order) {
          const before = await emu.counters();
          const r = await within(180000, page.evaluate(capRun, [api, token, CONCURRENT, cap, DEFAULT_CAP]));
          const after = await emu.counters();
          const d = diff(before, after);
          r.preflights = (after.preflight ?? 0) - (before.preflight ?? 0);
          r.reached = d['Supervisor/queuesummary'] ?? 0;
          results.get(cap).push(r);
        }
      }
      for (const cap of RUNS) {
        const rs = results.get(cap);
        const byTime = [...rs].sort((a, b) => a.ms - b.ms);
        const median = byTime[Math.floor(byTime.length / 2)];
        const worst = rs.reduce((w, r) => (r.failed > w.failed ? r : w), rs[0]);
        const codes =
          Object.entries(worst.codes)
            .map(([k, v]) => `${k}:${v}`)
            .join(',') || '-';
        // `failed=` follows a word, not a number: the test scripts add up every "<number> failed".
        say(
          `figure: soak-rest-cap cap=${cap} calls=${CONCURRENT} site=${site} failed=${median.failed} ok=${median.ok}` +
            ` ms=${Math.round(median.ms)} per_s=${Math.round((CONCURRENT / median.ms) * 1000)} default=${cap === DEFAULT_CAP}` +
            ` rounds-ms=${rs.map((r) => Math.round(r.ms)).join('/')} rounds-failed=${rs.map((r) => r.failed).join('/')}` +
            ` worst-codes=${codes} preflights=${rs.map((r) => r.preflights).join('/')} reached=${rs.map((r) => r.reached).join('/')}`,
        );
      }
      for (const cap of RUNS) {
        for (const r of results.get(cap)) assertEq(r.settled, CONCURRENT, `every promise settled (cap ${cap})`);
      }
      assertEq(
        results.get(DEFAULT_CAP).map((r) => r.failed),
        Array(ROUNDS).fill(0),
        `none failed at the default cap (${results
          .get(DEFAULT_CAP)
          .map((r) => JSON.stringify(r.codes))
          .join(' ')})`,
      );
      assertEq(ctx.browser.errors, [], 'no page errors');
    } finally {
      await page.close();
    }
  });
}

test('rest: a queued request aborted by its signal and one timing out in the queue reject sent: false and never reach the emulator', async (ctx) => {
  const emu = emulator(ctx);
  await emu.reset();
  const page = await restPage(ctx, '127.0.0.1');
  try {
    const api = `http://127.0.0.1:${ctx.portalPort}`;
    await page.evaluate(async (api) => {
      window.soakClient = new window.bridge.IntegraClient({
        baseUrl: api,
        user: 'agent1',
        password: 'secret1',
        maxInFlight: 1,
      });
      await window.soakClient.login();
    }, api);
    // The one request on the network is held by the emulator (a minute) until the page aborts
    // it, so the two behind it surely wait: no timing decides the outcome.
    await emu.fault('Supervisor/queuesummary', { delayMs: 60000, times: 1 });
    const before = await emu.counters();
    const r = await within(
      60000,
      page.evaluate(
        async ([agentCall]) => {
          const c = window.soakClient;
          const out = (p) =>
            p.then(
              () => ({ ok: true }),
              (e) => ({ code: e.code, sent: e.sent, endpoint: e.endpoint }),
            );
          const holder = new AbortController(),
            aborter = new AbortController();
          const blocker = out(c.queueSummary({ signal: holder.signal }));
          const aborted = out(c.campaignStatus('Ventas->', { signal: aborter.signal }));
          const timedOut = out(c.agentCall(agentCall, { timeoutMs: 150 }));
          // Requests join the queue once the method's future runs; abort only once both wait there.
          for (let i = 0; i < 100 && c.queued < 2; i++) await window.__soak.sleep(0);
          const queued = c.queued;
          aborter.abort();
          const a = await aborted;
          const t = await timedOut;
          const queuedAfter = c.queued;
          holder.abort();
          const b = await blocker;
          return { queued, a, t, queuedAfter, b };
        },
        [AGENT_CALL],
      ),
    );
    const reached = diff(before, await emu.counters());
    await emu.clearFaults();
    // The queue is not wedged: the next request goes through.
    const next = await page.evaluate(async () => {
      const c = window.soakClient;
      try {
        await c.queueSummary();
        return 'ok';
      } catch (e) {
        return e.code;
      } finally {
        c.destroy();
      }
    });
    say(
      `figure: soak-rest-queued queued=${r.queued} aborted=${r.a.code}/sent=${r.a.sent} timed-out=${r.t.code}/sent=${r.t.sent}` +
        ` blocker=${r.b.code}/sent=${r.b.sent} reached-emulator=${JSON.stringify(reached)} next-request=${next}`,
    );
    assertEq(r.queued, 2, 'two waiting behind the one on the network');
    assertEq([r.a.code, r.a.sent], ['ABORTED', false], 'the queued request aborted by its signal');
    assertEq([r.t.code, r.t.sent], ['REQUEST_TIMEOUT', false], 'the queued request whose deadline passed');
    assertEq(r.queuedAfter, 0, 'both left the queue');
    assertEq([r.b.code, r.b.sent], ['ABORTED', true], 'the one on the network, aborted after sending');
    assertEq(reached, { 'Supervisor/queuesummary': 1 }, 'only the request on the network reached the emulator');
    assertEq(next, 'ok', 'the next request goes through');
    assertEq(ctx.browser.errors, [], 'no page errors');
  } finally {
    await page.close();
  }
});
