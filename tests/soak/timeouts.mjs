// Scenario 3, timeouts against a silent portal (porthole.html?silent=1, real porthole.js that
// receives everything and answers nothing), same-site and cross-site. Bursts of calls with a
// short timeoutMs: the guid lane posts one call at a time, so the first call of a burst is
// posted and the rest wait behind it; when the posted one times out the lane is quarantined
// (default quarantineMs, a minute) so the waiting ones time out unsent. Every call rejects
// TIMEOUT; exactly the `sent: true` ones reach the portal, by the portal's own count and by
// their destinations, and no `sent: false` one ever does.
import { test, assert, assertEq, say, scaled, SITES, CALL, portholePortal, within } from './lib.mjs';

const BURSTS = scaled(3, 1);
const BURST = scaled(1000, 100);
const TIMEOUT_MS = 150;
const FENCE_GUID = '7e4e7db9-f080-494e-b04b-7c8e47711558';

for (const { crmHost, site } of SITES) {
  test(`timeouts: ${BURSTS} bursts of ${BURST} calls (timeoutMs ${TIMEOUT_MS}) against a silent porthole.js portal, ${site}`, async (ctx) => {
    const { page, crm } = await portholePortal(ctx.browser.context, ctx, crmHost, '?silent=1');
    try {
      await page.evaluate(() => {
        window.actions.keep = true;
      });
      const base = await crm.evaluate(() => window.__soak.snapshot(window.bridge));
      const totals = {
        calls: 0,
        timeout: 0,
        otherCodes: 0,
        sentTrue: 0,
        sentFalse: 0,
        portalCalls: 0,
        portalMessages: 0,
        unsentReached: 0,
        sentMissing: 0,
        pending: 0,
      };
      for (let b = 0; b < BURSTS; b++) {
        const before = await page.evaluate(() => ({ n: window.received.n, calls: window.actions.counts.call || 0 }));
        // Each call has its own destination, so the portal's list says exactly which arrived.
        const r = await within(
          120000,
          crm.evaluate(
            async ([b, burst, call, timeoutMs, fence]) => {
              const ch = (window.soakChannel = new window.bridge.PortalChannel({
                portalOrigins: SANDBOX.portalOrigins,
                timeoutMs,
              }));
              const ps = [];
              for (let i = 0; i < burst; i++)
                ps.push(ch.call({ ...call, destination: String(900000000 + b * 100000 + i) }));
              const queued = ch.pending;
              const outcomes = await Promise.allSettled(ps);
              const pending = ch.pending;
              const codes = {},
                sent = [],
                unsent = [];
              outcomes.forEach((o, i) => {
                const e = (o.status === 'rejected' && o.reason) || {};
                const code = o.status === 'fulfilled' ? 'resolved' : String(e.code);
                codes[code] = (codes[code] || 0) + 1;
                (e.sent === true ? sent : e.sent === false ? unsent : []).push(String(900000000 + b * 100000 + i));
              });
              // A fence: a tag is posted at once (no lane), after every call the channel posted;
              // postMessage keeps order, so once the portal has it, it has everything before it.
              await ch.tag({ guid: fence, message: 'fence-' + b });
              return { queued, pending, codes, sent, unsent, sentFlags: sent.length + unsent.length };
            },
            [b, BURST, CALL, TIMEOUT_MS, FENCE_GUID],
          ),
        );
        await page.waitForFunction((m) => window.actions.lastTag === m, 'fence-' + b, { timeout: 30000 });
        const portal = await page.evaluate(() => ({
          n: window.received.n,
          calls: window.actions.counts.call || 0,
          got: window.actions.calls.splice(0),
        }));
        await crm.evaluate(() => {
          window.soakChannel.destroy();
          window.soakChannel = null;
        });
        const got = new Set(portal.got);
        totals.calls += BURST;
        totals.timeout += r.codes.TIMEOUT || 0;
        totals.otherCodes += BURST - (r.codes.TIMEOUT || 0);
        totals.sentTrue += r.sent.length;
        totals.sentFalse += r.unsent.length;
        totals.portalCalls += portal.calls - before.calls;
        totals.portalMessages += portal.n - before.n - 1; // the fence tag is not a call
        totals.unsentReached += r.unsent.filter((d) => got.has(d)).length;
        totals.sentMissing += r.sent.filter((d) => !got.has(d)).length;
        totals.pending += r.pending;
        assertEq(r.codes, { TIMEOUT: BURST }, `burst ${b}: every call rejects TIMEOUT`);
        assertEq(r.sentFlags, BURST, `burst ${b}: every failure says whether it was sent`);
        assertEq(r.queued, BURST, `burst ${b}: all pending at once`);
        assertEq(r.pending, 0, `burst ${b}: nothing pending after`);
        // The acceptance check: the queued ones reject with sent: false, the posted one with
        // sent: true, and the portal's own count agrees.
        assertEq(
          [r.sent.length, r.unsent.length],
          [1, BURST - 1],
          `burst ${b}: one call posted, the others waited behind it`,
        );
        assertEq(
          portal.calls - before.calls,
          r.sent.length,
          `burst ${b}: the portal's count of calls = the sent: true ones`,
        );
        assertEq(
          portal.n - before.n,
          r.sent.length + 1,
          `burst ${b}: the portal's count of raw messages = the sent: true calls + the fence`,
        );
        assertEq(portal.got, r.sent, `burst ${b}: the portal got exactly the sent: true calls`);
      }
      const end = await crm.evaluate(() => window.__soak.snapshot(window.bridge));
      say(
        `figure: soak-timeouts site=${site} bursts=${BURSTS} calls=${totals.calls} TIMEOUT=${totals.timeout} other-outcomes=${totals.otherCodes}` +
          ` sent-true=${totals.sentTrue} sent-false=${totals.sentFalse} portal-counted-calls=${totals.portalCalls} portal-counted-messages=${totals.portalMessages}` +
          ` sent-false-reached-portal=${totals.unsentReached} sent-true-missing=${totals.sentMissing} pending=${totals.pending}` +
          ` after-destroy: message-listeners=${end.message - base.message} abort-listeners=${end.abort - base.abort} timers=${end.timers - base.timers}`,
      );
      assert(
        totals.portalCalls === totals.sentTrue && totals.portalMessages === totals.sentTrue,
        'portal counts = sent: true',
      );
      assertEq(
        [totals.unsentReached, totals.sentMissing],
        [0, 0],
        'no sent: false call reached the portal, every sent: true one did',
      );
      assertEq(
        [end.message, end.abort, end.timers],
        [base.message, base.abort, base.timers],
        'after destroy(): listeners and timers back to the baseline',
      );
      assertEq(ctx.browser.errors, [], 'no page errors');
    } finally {
      await page.close();
    }
  });
}
