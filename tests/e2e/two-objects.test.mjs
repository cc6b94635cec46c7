// Two objects, one window (issue 31, item 8): what two PortalChannel objects of one CRM page
// share, and what a Porthole reply (which carries no request id) reaches, against the real
// porthole.js portal. The rule the package README states ("Several objects in one page"):
// every object listens to the same window, so every reply reaches every object; each object
// pairs a reply with its own pending request only; an object with nothing pending hears it as
// 'message'. So a CTI read on two objects is answered alike, and two calls in flight on two
// objects at once are NOT told apart: the first guid resolves both (the hazard the README warns
// of), even when the second call is made as the first one's `await` resumes. The portal holds
// its replies (`setHold`) where both requests must surely be posted first.
import { test, crmFrame, assert, assertEq } from './harness.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CALL = { campaign: 'Ventas->', callerid: '1001', destination: '091000000' };

/** The porthole.js portal framing the CRM page, the page's own channel destroyed, and two
 *  channels `a` and `b` recording their 'message' events. */
async function twoChannels(ctx) {
  const page = await ctx.browser.context.newPage();
  await page.goto(`http://127.0.0.1:${ctx.portalPort}/porthole.html`);
  const crm = await crmFrame(page, `http://127.0.0.1:${ctx.crmPort}/`);
  await crm.evaluate(() => {
    window.channel.destroy();
    window.heard = { a: [], b: [] };
    for (const k of ['a', 'b']) {
      window[k] = new window.bridge.PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
      window[k].on('message', (m) => window.heard[k].push(m));
    }
  });
  return { page, crm };
}

test('two-objects: a CTI read on one channel resolves it and the other hears the reply as a message', async (ctx) => {
  const { page, crm } = await twoChannels(ctx);
  try {
    const r = await crm.evaluate(async () => {
      const cti = await window.a.cti();
      await new Promise((ok) => setTimeout(ok, 200));
      return { guid: cti.guid, heard: { a: window.heard.a.length, b: window.heard.b.map((m) => Object.keys(m)) } };
    });
    assert(GUID.test(r.guid), `a's CTI record: ${r.guid}`);
    assertEq(r.heard, { a: 0, b: [['CTI']] }, "a: nothing unsolicited; b: a's reply, as a message");
  } finally {
    await page.close();
  }
});

test('two-objects: CTI read on both channels at once: both resolve with the same record', async (ctx) => {
  const { page, crm } = await twoChannels(ctx);
  try {
    await page.evaluate(() => window.setHold(true));
    const pending = crm.evaluate(() =>
      Promise.all([window.a.cti(), window.b.cti()]).then((rs) => rs.map((c) => c.guid)),
    );
    await crm.waitForFunction(() => window.a.pending === 1 && window.b.pending === 1);
    await page.waitForFunction(() => window.actions.filter((x) => x.action === 'CTI').length === 2);
    await page.evaluate(() => window.setHold(false));
    const [a, b] = await pending;
    assertEq(a, b, 'the same record');
    assert(GUID.test(a), a);
  } finally {
    await page.close();
  }
});

test('two-objects: two calls in flight on two channels are not told apart: the first guid resolves both', async (ctx) => {
  const { page, crm } = await twoChannels(ctx);
  try {
    await page.evaluate(() => window.setHold(true));
    const pending = crm.evaluate((call) => Promise.all([window.a.call(call), window.b.call(call)]), CALL);
    await crm.waitForFunction(() => window.a.pending === 1 && window.b.pending === 1);
    await page.waitForFunction(() => window.actions.filter((x) => x.action === 'call').length === 2);
    await page.evaluate(() => window.setHold(false));
    const [a, b] = await pending;
    const replies = await page.evaluate(() => window.replies.map((r) => r.guid));
    assertEq(replies.length, 2, 'the portal answered each call');
    assertEq([a, b], [replies[0], replies[0]], 'both calls resolved with the first reply');
    await crm.waitForFunction(() => window.heard.a.length === 1 && window.heard.b.length === 1);
    assertEq(
      await crm.evaluate(() => [window.heard.a[0].guid, window.heard.b[0].guid]),
      [replies[1], replies[1]],
      'the second reply reached both as a message',
    );
  } finally {
    await page.close();
  }
});

// Not even one after the other: `await a.call()` resumes between the window's listeners, while
// the same reply is still on its way to b's; a call b makes right then takes that reply too, and
// the reply to b's call then reaches both as a message (or the next call in flight). With a task
// between the calls, each gets its own guid.
test("two-objects: b calling as soon as a's call resolves gets a's guid; a task later it gets its own", async (ctx) => {
  const { page, crm } = await twoChannels(ctx);
  try {
    const first = await crm.evaluate(async (call) => [await window.a.call(call), await window.b.call(call)], CALL);
    await page.waitForFunction(() => window.replies.length === 2);
    await crm.waitForFunction(() => window.heard.a.length === 1 && window.heard.b.length === 1);
    const stray = await crm.evaluate(() => [window.heard.a[0].guid, window.heard.b[0].guid]);
    const then = await crm.evaluate(async (call) => {
      const a = await window.a.call(call);
      await new Promise((ok) => setTimeout(ok, 0));
      return [a, await window.b.call(call)];
    }, CALL);
    const replies = await page.evaluate(() => window.replies.map((x) => x.guid));
    assertEq(replies.length, 4, 'the portal answered four calls');
    assertEq(first, [replies[0], replies[0]], "b, called in the continuation of a's call, resolved with a's guid");
    assertEq(stray, [replies[1], replies[1]], "the reply to b's call reached both as a message");
    assertEq(then, [replies[2], replies[3]], 'with a task between them, each call has its own guid');
  } finally {
    await page.close();
  }
});
