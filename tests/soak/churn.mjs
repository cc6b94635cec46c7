// Scenario 2, churn: every class created, used once and released with destroy() only (never
// free()), over and over. The wrappers are left to the garbage collector; wasm-bindgen's
// FinalizationRegistry frees the Rust side. Measured at two checkpoints, after N and after 2N
// rounds (each after collecting garbage until wasm live bytes are steady: `gc()` in Chromium,
// proved full collections elsewhere, instrument.js); the growth per round between them must
// stay under LIMITS (wasm and JS heap), and at the end nothing may be pending and the
// `message`/`abort` listeners and live timers must be back to the baseline.
import {
  test,
  assert,
  assertEq,
  say,
  scaled,
  fmt,
  growth,
  delta,
  shown,
  collections,
  assertCollected,
  LIMITS,
  SITES,
  CALL,
  AGENT,
  GUID,
  portholePortal,
  emulator,
  within,
} from './lib.mjs';
import { crmFrame } from '../e2e/harness.mjs';

const HEARTBEAT_MS = 20; // short, so a heartbeat left running by a destroyed Bridge would show

/** Runs `round` (the body of an async function of `B` (the exports), `i` (the round) and `ctx`
 *  (the scenario's own state, `ctx.pending` summed by the rounds)) `2n` times in `frame`, and
 *  the snapshots before, after `n` and after `2n` rounds. */
async function churn(frame, round, n, setup = '', pkg = '/pkg/full/esm/ucontact-bridge.js') {
  return within(
    600000,
    frame.evaluate(
      async ([round, setup, n, traceEvery, pkg]) => {
        // The page's own build (the CRM page's), or the one `pkg` names, which the page has
        // started (the portal page: the testing build, PortalHost's).
        const B = window.bridge || (await import(pkg));
        const ctx = { pending: 0 };
        await new Function('B', 'ctx', `return (async () => { ${setup} })();`)(B, ctx);
        const one = new Function('B', 'i', 'ctx', `return (async () => { ${round} })();`);
        const errors = [],
          trace = [];
        let i = 0;
        const run = async () => {
          for (let k = 0; k < n; k++, i++) {
            try {
              await one(B, i, ctx);
            } catch (e) {
              errors.push(`round ${i}: ${e && e.code} ${e && e.message}`);
            }
            // A collection now and then bounds how many destroyed-but-uncollected objects pile up
            // (and with them the JS values wasm-bindgen holds for them): the
            // figures then show what survives collection, not how lazy the collector was. Where
            // no `gc()` is exposed, a proved full collection (instrument.js), awaited.
            if ((i + 1) % 50 === 0) {
              const c = window.__soak.gc();
              if (c) await c;
            }
            if (traceEvery && (i + 1) % traceEvery === 0) {
              const s = await window.__soak.snapshot(B);
              trace.push([i + 1, s.wasm, s.js, s.refs]);
            }
          }
        };
        const base = await window.__soak.snapshot(B);
        await run();
        const first = await window.__soak.snapshot(B);
        await run();
        let second = await window.__soak.snapshot(B);
        // The JS heap figure once more after a pause: a collection that ran late (a response body
        // or compiled code the engine let go of a moment after) shows as growth in one snapshot
        // and not the next; a leak shows in both, so the smaller JS heap of the two is kept.
        await new Promise((r) => setTimeout(r, 500));
        const again = await window.__soak.snapshot(B);
        if (again.js < second.js) second = { ...second, js: again.js };
        return {
          base,
          first,
          second,
          errors: errors.slice(0, 5),
          errorCount: errors.length,
          rounds: i,
          pending: ctx.pending,
          trace,
          stats: window.__soak.stats(),
        };
      },
      [round, setup, n, Number(process.env.SOAK_TRACE || 0), pkg],
    ),
  );
}

/** Prints the case's figure and checks it. */
function check(name, r, n, extra = '', quiet = false) {
  // SOAK_TRACE=k: a snapshot every k rounds, printed here (to see where memory settles).
  for (const [round, wasm, js, refs] of r.trace)
    say(`  trace ${name} round=${round} wasm=${wasm} js=${shown(js)} externrefs=${shown(refs)}`);
  const g = growth(r.first, r.second, n);
  const d = (k) => delta(r.base[k], r.second[k]);
  const refs = delta(r.first.refs, r.second.refs);
  if (!quiet)
    say(
      `figure: soak-churn case=${name} rounds=${r.rounds} rounds-with-errors=${r.errorCount} wasm-B/op=${fmt(g.wasm)} js-heap-B/op=${fmt(g.js)}` +
        ` pending=${r.pending} message-listeners=${d('message')} abort-listeners=${d('abort')} timers=${d('timers')} externrefs-between-checkpoints=${shown(refs)} externrefs-vs-start=${shown(d('refs'))} wasm-bytes-vs-start=${d('wasm')}${extra}${collections(r.stats)}`,
    );
  assertCollected(r.base, r.first, r.second);
  assertEq(r.errors, [], `${name}: every round succeeded (${r.errorCount} did not)`);
  assertEq(r.pending, 0, `${name}: nothing pending after destroy()`);
  assertEq(
    [d('message'), d('abort'), d('timers')],
    [0, 0, 0],
    `${name}: message and abort listeners and live timers back to the baseline`,
  );
  // The JS values the wasm side keeps (closures, windows, resolvers), by wasm-bindgen's count.
  // The library caches a couple on first use (vs-start), but none may pile up per round. A
  // build that does not export the count shows none: unseen, and not judged.
  if (refs !== null) assertEq(refs, 0, `${name}: JS values held by wasm (externrefs) between the checkpoints`);
  assert(
    g.wasm <= LIMITS.wasmBytesPerOp,
    `${name}: wasm live memory grows ${fmt(g.wasm)} B/round between the checkpoints (limit ${LIMITS.wasmBytesPerOp})`,
  );
  assert(
    g.js === null || g.js <= LIMITS.jsBytesPerOp,
    `${name}: JS heap grows ${fmt(g.js)} B/round between the checkpoints (limit ${LIMITS.jsBytesPerOp})`,
  );
}

const GUID_SRC = GUID.source;

for (const { crmHost, site } of SITES) {
  test(`churn: PortalChannel (new, one call, destroy) against porthole.js, ${site}`, async (ctx) => {
    const n = scaled(1000, 50);
    const { page, crm } = await portholePortal(ctx.browser.context, ctx, crmHost);
    try {
      const r = await churn(
        crm,
        `
        const ch = new B.PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
        const g = await ch.call(${JSON.stringify(CALL)});
        if (!/${GUID_SRC}/.test(g)) throw new Error('not a guid: ' + g);
        ch.destroy();
        ctx.pending += ch.pending;`,
        n,
      );
      const calls = await page.evaluate(() => window.actions.counts.call || 0);
      check(`PortalChannel/${site}`, r, n, ` portal-calls=${calls}`);
      assertEq(calls, 2 * n, 'the portal got one call per round');
      assertEq(ctx.browser.errors, [], 'no page errors');
    } finally {
      await page.close();
    }
  });

  test(`churn: Bridge mode portal (new, ready, one call, destroy; heartbeat ${HEARTBEAT_MS} ms) against porthole.js, ${site}`, async (ctx) => {
    const n = scaled(1000, 50);
    const { page, crm } = await portholePortal(ctx.browser.context, ctx, crmHost);
    try {
      const r = await churn(
        crm,
        `
        const b = new B.Bridge({ mode: 'portal', portalOrigins: SANDBOX.portalOrigins, heartbeatMs: ${HEARTBEAT_MS} });
        const mode = await b.ready;
        if (mode !== 'portal') throw new Error('mode ' + mode);
        const g = await b.call(${JSON.stringify(CALL)});
        if (!/${GUID_SRC}/.test(g)) throw new Error('not a guid: ' + g);
        b.destroy();
        ctx.pending += b.pending;
        if (b.state !== 'destroyed') throw new Error('state ' + b.state);`,
        n,
      );
      // A heartbeat that outlived its Bridge would keep probing (a CTI request each beat).
      const probes = () => page.evaluate(() => window.actions.counts.CTI || 0);
      const before = await probes();
      await new Promise((ok) => setTimeout(ok, 10 * HEARTBEAT_MS));
      const after = await probes();
      const calls = await page.evaluate(() => window.actions.counts.call || 0);
      check(`Bridge-portal/${site}`, r, n, ` portal-calls=${calls} probes-after-destroy=${after - before}`);
      assertEq(calls, 2 * n, 'the portal got one call per round');
      assertEq(after - before, 0, 'no probe after every Bridge was destroyed');
      assertEq(ctx.browser.errors, [], 'no page errors');
    } finally {
      await page.close();
    }
  });

  test(`churn: PortalHost (new, setFrame, post, answer a call, destroy) framing the CRM page, ${site}`, async (ctx) => {
    const n = scaled(1000, 50);
    const page = await ctx.browser.context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${ctx.portalPort}/?crmHost=${crmHost}`);
      const crm = await crmFrame(page, `http://${crmHost}:${ctx.crmPort}/`);
      // The sandbox portal's own host goes. A host learns the CRM window from the CRM's first
      // message, so each round starts with a plain postMessage asking the CRM page to call; the
      // host answers the call, the CRM acknowledges the guid it got with a tag, the host posts
      // a message of its own, and goes.
      await page.evaluate(() => {
        window.host.destroy();
        window.host = null;
        document.getElementById('log').prepend = () => {};
      });
      await crm.evaluate(
        ([call]) => {
          window.channel.destroy();
          document.getElementById('events').prepend = () => {};
          const ch = (window.soakChannel = new window.bridge.PortalChannel({ portalOrigins: SANDBOX.portalOrigins }));
          window.soakCrm = { failures: 0, posts: 0 };
          ch.on('message', (m) => {
            if (m && typeof m.soakPost === 'number') window.soakCrm.posts++;
          });
          window.addEventListener('message', (e) => {
            if (!SANDBOX.portalOrigins.includes(e.origin) || !e.data || typeof e.data.soakGo !== 'number') return;
            const i = e.data.soakGo;
            ch.call(call)
              .then((g) => ch.tag({ guid: g, message: 'ack-' + i }))
              .catch((err) => {
                window.soakCrm.failures++;
                console.log(`round ${i}: ${err.code} ${err.message}`);
              });
          });
        },
        [CALL],
      );
      const crmOrigin = `http://${crmHost}:${ctx.crmPort}`;
      const r = await churn(
        page,
        `
        const frame = document.getElementById('crm');
        const host = new B.PortalHost({ crmOrigins: SANDBOX.crmOrigins });
        host.setFrame(frame);
        let answered = 0, acked;
        const ack = new Promise((ok) => { acked = ok; });
        host.handle('call', () => { answered++; return crypto.randomUUID(); });
        host.handle('tag', () => undefined);
        host.on('action', (a) => { if (a.action === 'tag' && a.data.message === 'ack-' + i) acked(a.data.guid); });
        frame.contentWindow.postMessage({ soakGo: i }, ${JSON.stringify(crmOrigin)});
        const g = await ack;
        if (answered !== 1 || !/${GUID_SRC}/.test(g)) throw new Error('answered ' + answered + ', acked ' + g);
        await host.post({ soakPost: i });
        host.destroy();`,
        n,
        '',
        '/pkg/testing/esm/ucontact-bridge.js',
      );
      // The last post may still be on its way: wait for the count (bounded), then compare.
      await crm.waitForFunction((want) => window.soakCrm.posts >= want, 2 * n, { timeout: 10000 }).catch(() => {});
      const crmSide = await crm.evaluate(() => ({ pending: window.soakChannel.pending, ...window.soakCrm }));
      check(
        `PortalHost/${site}`,
        r,
        n,
        ` crm-pending=${crmSide.pending} crm-call-errors=${crmSide.failures} posts-delivered=${crmSide.posts}`,
      );
      assertEq(
        crmSide,
        { pending: 0, failures: 0, posts: 2 * n },
        'the CRM side: every call answered, every post delivered',
      );
      assertEq(ctx.browser.errors, [], 'no page errors');
    } finally {
      await page.close();
    }
  });
}

/** The CRM page opened top-level (the REST path), its own channel destroyed. */
async function restPage(ctx) {
  const page = await ctx.browser.context.newPage();
  await page.goto(`http://127.0.0.1:${ctx.crmPort}/`);
  await page.waitForFunction(() => document.body.dataset.ready === 'wasm');
  await page.evaluate(() => {
    window.channel.destroy();
  });
  return page;
}

test(`churn: Bridge mode rest (new, log in, one call, destroy; heartbeat ${HEARTBEAT_MS} ms) against the emulator`, async (ctx) => {
  const n = scaled(600, 30);
  const emu = emulator(ctx);
  await emu.reset();
  const page = await restPage(ctx);
  try {
    const api = `http://127.0.0.1:${ctx.portalPort}`;
    const r = await churn(
      page,
      `
      const b = new B.Bridge({ mode: 'rest', rest: { baseUrl: ${JSON.stringify(api)}, user: 'agent1', password: 'secret1' },
        agent: ${JSON.stringify(AGENT)}, heartbeatMs: ${HEARTBEAT_MS} });
      const mode = await b.ready;
      if (mode !== 'rest') throw new Error('mode ' + mode);
      const g = await b.call(${JSON.stringify(CALL)});
      if (!/${GUID_SRC}/.test(g)) throw new Error('not a guid: ' + g);
      b.destroy();
      ctx.pending += b.pending;`,
      n,
    );
    const counters = await emu.counters();
    check(
      'Bridge-rest',
      r,
      n,
      ` emulator-calls=${counters['Agents/AgentCall'] ?? 0} logins=${counters['auth/getUserToken'] ?? 0}`,
    );
    assertEq(counters['Agents/AgentCall'], 2 * n, 'the emulator got one call per round');
    assertEq(ctx.browser.errors, [], 'no page errors');
  } finally {
    await page.close();
  }
});

test('churn: IntegraClient (new with a token, one request, destroy) against the emulator', async (ctx) => {
  const n = scaled(1000, 50);
  const emu = emulator(ctx);
  await emu.reset();
  const token = await emu.token();
  const page = await restPage(ctx);
  try {
    const api = `http://127.0.0.1:${ctx.portalPort}`;
    const r = await churn(
      page,
      `
      const c = new B.IntegraClient({ baseUrl: ${JSON.stringify(api)}, token: ${JSON.stringify(token)} });
      const q = await c.queueSummary();
      if (!q || !Array.isArray(q.queues)) throw new Error('queueSummary: ' + JSON.stringify(q));
      c.destroy();
      ctx.pending += c.queued;`,
      n,
    );
    const counters = await emu.counters();
    check('IntegraClient', r, n, ` emulator-requests=${counters['Supervisor/queuesummary'] ?? 0}`);
    assertEq(counters['Supervisor/queuesummary'], 2 * n, 'the emulator got one request per round');
    assertEq(ctx.browser.errors, [], 'no page errors');
  } finally {
    await page.close();
  }
});

// The detector itself: a round that keeps each destroyed PortalChannel reachable (the leak a
// forgotten reference makes) must fail the memory checks above. Measured in a control run:
// ~410 B/round of wasm, ~150 B/round of JS heap. A destroyed channel holds no externref any more
// (its timer and abort callbacks are made on first use), so only the two heaps can see it.
test('churn: control, a round that keeps its destroyed PortalChannel reachable is caught', async (ctx) => {
  const n = scaled(300, 50);
  const page = await restPage(ctx);
  try {
    const r = await churn(
      page,
      `
      const ch = new B.PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
      ch.destroy();
      (window.soakKept ||= []).push(ch);`,
      n,
    );
    const g = growth(r.first, r.second, n);
    const refs = delta(r.first.refs, r.second.refs);
    say(
      `figure: soak-churn case=control-leak rounds=${r.rounds} wasm-B/op=${fmt(g.wasm)} js-heap-B/op=${fmt(g.js)} externrefs-between-checkpoints=${shown(refs)}${collections(r.stats)} (must be caught)`,
    );
    assertCollected(r.base, r.first, r.second);
    let caught = null;
    try {
      check('control-leak', r, n, '', true);
    } catch (e) {
      caught = e.message;
    }
    assert(caught, 'the checks let a leak of one object per round through');
    // Both heaps where both are measured (the JS heap is Chromium's only).
    assert(
      g.wasm > LIMITS.wasmBytesPerOp && (g.js === null || g.js > LIMITS.jsBytesPerOp),
      `both heaps see the leak: wasm ${fmt(g.wasm)} B/op, JS ${fmt(g.js)} B/op (externrefs +${shown(refs)})`,
    );
    await page.evaluate(() => {
      window.soakKept = null;
    });
  } finally {
    await page.close();
  }
});
