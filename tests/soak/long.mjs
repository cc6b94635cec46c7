// Scenario 1, long runs: one PortalChannel doing many `call` + `tag` against the real
// porthole.js portal, same-site and cross-site. Every promise settles, the calls' guids are
// exactly the portal's replies in order, and neither wasm live memory nor the JS heap grows
// with the count; the channel holds one `message` listener and no timer while idle.
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
  GUID,
  portholePortal,
} from './lib.mjs';

const CALLS = scaled(5000, 200); // and as many tags
const CHUNKS = 10; // measured after the first chunk (warm-up) and the last
const BATCH = 50; // calls (and tags) issued at once within a chunk

for (const { crmHost, site } of SITES) {
  test(`long: ${CALLS} calls + ${CALLS} tags on one PortalChannel, porthole.js portal, ${site}`, async (ctx) => {
    const { page, crm } = await portholePortal(ctx.browser.context, ctx, crmHost);
    try {
      // Warm-up: one channel, one call and one tag, destroyed. What the library makes once per
      // page (the JS strings of the property names it reads, kept for reuse) is then part of
      // the baseline; what one channel holds must all come back after its destroy().
      await crm.evaluate(async (call) => {
        const ch = new window.bridge.PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
        await Promise.all([
          ch.call(call),
          ch.tag({ guid: '7e4e7db9-f080-494e-b04b-7c8e47711558', message: 'warm-up' }),
        ]);
        ch.destroy();
      }, CALL);
      await page.evaluate(() => {
        window.actions.counts = {};
        window.received.n = 0;
      });
      const base = await crm.evaluate(async () => {
        window.soak = { ch: null, last: null };
        return window.__soak.snapshot(window.bridge);
      });
      await page.evaluate(() => {
        window.replies.keep = true;
      });
      await crm.evaluate(() => {
        window.soak.ch = new window.bridge.PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
      });
      const perChunk = Math.ceil(CALLS / CHUNKS);
      let issued = 0,
        settled = 0,
        inOrder = 0,
        first = null,
        pending = null;
      const failures = [];
      for (let chunk = 0; chunk < CHUNKS; chunk++) {
        const n = Math.min(perChunk, CALLS - chunk * perChunk);
        const r = await crm.evaluate(
          async ([n, batch, call]) => {
            const ch = window.soak.ch;
            const guids = [],
              errors = [];
            let settled = 0,
              slot = 0;
            for (let done = 0; done < n; done += batch) {
              const ps = [];
              for (let i = 0; i < Math.min(batch, n - done); i++) {
                const tagGuid = window.soak.last || '7e4e7db9-f080-494e-b04b-7c8e47711558';
                const k = slot++; // the k-th call of the chunk must get the portal's k-th reply
                ps.push(
                  ch.call(call).then((g) => {
                    guids[k] = g;
                    window.soak.last = g;
                  }),
                );
                ps.push(ch.tag({ guid: tagGuid, message: 'soak' }));
              }
              for (const o of await Promise.allSettled(ps)) {
                settled++;
                if (o.status === 'rejected')
                  errors.push(`${o.reason && o.reason.code}: ${o.reason && o.reason.message}`);
              }
            }
            return { guids, errors: errors.slice(0, 5), errorCount: errors.length, settled, pending: ch.pending };
          },
          [n, BATCH, CALL],
        );
        issued += 2 * n;
        settled += r.settled;
        if (r.errorCount) failures.push(...r.errors);
        // The portal's replies since the last chunk, in the order it posted them.
        const answered = await page.evaluate(() => window.replies.guids.splice(0));
        assertEq(
          r.guids.filter(Boolean).length,
          n,
          `chunk ${chunk}: every call resolved (${r.errorCount} rejected: ${r.errors.join('; ')})`,
        );
        assertEq(r.guids, answered, `chunk ${chunk}: the calls' guids are the portal's replies, in order`);
        assert(
          r.guids.every((g) => GUID.test(g)),
          `chunk ${chunk}: guids`,
        );
        inOrder += r.guids.length;
        if (chunk === 0) first = await crm.evaluate(() => window.__soak.snapshot(window.bridge));
        pending = r.pending;
      }
      const last = await crm.evaluate(() => window.__soak.snapshot(window.bridge));
      const portal = await page.evaluate(() => ({
        calls: window.actions.counts.call || 0,
        tags: window.actions.counts.tag || 0,
        received: window.received.n,
      }));
      const end = await crm.evaluate(async () => {
        window.soak.ch.destroy();
        window.soak = null;
        return { ...(await window.__soak.snapshot(window.bridge)), stats: window.__soak.stats() };
      });
      const ops = issued - 2 * perChunk; // operations between the two measurements
      const g = growth(first, last, ops);
      say(
        `figure: soak-long site=${site} settled/issued=${settled}/${issued} guids-in-order=${inOrder}/${CALLS}` +
          ` portal-calls=${portal.calls} portal-tags=${portal.tags} wasm-B/op=${fmt(g.wasm)} js-heap-B/op=${fmt(g.js)} js-heap-delta=${shown(delta(first.js, last.js))}` +
          ` message-listeners=${last.message - base.message} timers=${last.timers - base.timers} pending=${pending}` +
          ` after-destroy: message-listeners=${end.message - base.message} timers=${end.timers - base.timers} wasm-bytes=${end.wasm - base.wasm} externrefs=${shown(delta(base.refs, end.refs))}${collections(end.stats)}`,
      );
      assertCollected(base, first, last, end);
      assertEq(failures, [], 'no call or tag rejected');
      assertEq(settled, issued, 'every promise settled');
      assertEq([portal.calls, portal.tags], [CALLS, CALLS], 'the portal got every call and every tag once');
      assertEq(pending, 0, 'nothing pending');
      // The channel arms one timer for the earliest deadline and leaves it armed when that call
      // is answered (it re-arms lazily when it fires): at most one, whatever the count.
      assertEq(
        [last.message - base.message, last.abort - base.abort],
        [1, 0],
        "while idle: the channel's one message listener, no abort listener",
      );
      assert(
        last.timers - base.timers <= 1,
        `while idle: at most the one lazy deadline timer, got ${last.timers - base.timers}`,
      );
      assertEq(
        [end.message, end.abort, end.timers, end.refs],
        [base.message, base.abort, base.timers, base.refs],
        'after destroy(): listeners, timers and the JS values wasm holds back to the baseline',
      );
      assert(
        g.wasm <= LIMITS.wasmBytesPerOp,
        `wasm live memory grows ${fmt(g.wasm)} B/op (limit ${LIMITS.wasmBytesPerOp})`,
      );
      assert(
        g.js === null || g.js <= LIMITS.jsBytesPerOp,
        `JS heap grows ${fmt(g.js)} B/op (limit ${LIMITS.jsBytesPerOp})`,
      );
      assertEq(ctx.browser.errors, [], 'no page errors');
    } finally {
      await page.close();
    }
  });
}
