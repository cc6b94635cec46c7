// uContact v6 (the `v6` entry): UPhone, FormBridge and UContactEvents against the sandbox's
// instance origin (www/instance/: uphone.html, inbox.html, instance.html, which play uContact's
// side with plain postMessage, no library), from the CRM pages of www/crm/v6/, with the CRM
// same-site (127.0.0.1) and cross-site (localhost, as deployed) to the instance (127.0.0.1).
//
//   uPhone    every event typed; the derived state (duplicates, missing guids, login/logout,
//             reload); commands to the uPhone frame only, with the exact instance origin;
//             invalid arguments throw before posting; destroy() removes every listener; forged
//             messages from other windows while a call is in progress (a figure line).
//   form      each example channel normalized; close/sent; concurrent callers share one
//             request; null/unrelated/unsolicited messages tolerated; TIMEOUT with no timer
//             left; abort and destroy; every promise settles; NO_INTERACTION at top level.
//   events    typed Events API events; forged ones ignored (a figure line); destroy().
//
// Every page of a test runs INSTRUMENT first: it counts the live `message` listeners on window, `load`
// listeners on iframes and `abort` listeners on AbortSignals (wrapping add/removeEventListener),
// and the live timers (wrapping setTimeout/clearTimeout).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  hostileProbe,
  test,
  assert,
  assertEq,
  SITES,
  ROOT,
  wasmLoaded,
  logLine,
  INSTRUMENT,
  engineCan,
} from './harness.mjs';

const V6_WASM = ['/pkg/v6/esm/ucontact-bridge_bg.wasm'];
const WAIT = { timeout: 20000 };
// For waits inside an iframe. Playwright's waitForFunction re-checks its predicate on
// requestAnimationFrame by default, and Chromium runs no animation frames in a cross-origin
// iframe that is out of the viewport (render throttling): such a wait sees only its first
// check, and times out when the condition becomes true after it (e.g. a command arriving a
// moment later in #phone2's frame, below the fold). A timer keeps re-checking there.
const FRAME_WAIT = { ...WAIT, polling: 50 };
const V6_EXPORTS = [
  'ErrorCode',
  'FormBridge',
  'UContactError',
  'UContactEvents',
  'UPhone',
  'default',
  'initSync',
  'isUContactError',
  'version',
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function origins(ctx, crmHost) {
  return {
    crmOrigin: `http://${crmHost}:${ctx.crmPort}`,
    instanceOrigin: `http://127.0.0.1:${ctx.instancePort}`,
    // The instance's other spelling: another origin (same site as a localhost CRM, or not).
    otherOrigin: `http://localhost:${ctx.instancePort}`,
  };
}

/** The Frame of the iframe matched by `selector` in `page`, once its page says it is ready. */
async function frameOf(page, selector) {
  const handle = await page.waitForSelector(selector, { state: 'attached', ...WAIT });
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    const f = await handle.contentFrame();
    if (f && f.url() !== 'about:blank' && f.url() !== '') {
      try {
        await f.waitForFunction(() => document.body && document.body.dataset.ready, null, {
          ...FRAME_WAIT,
          timeout: Math.max(1, deadline - Date.now()),
        });
        return f;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
    assert(Date.now() < deadline, `no ready frame for ${selector}`);
    await sleep(50);
  }
}

/** Collects page errors and console errors of every page of the context (and, optionally, the
 *  library's debug lines saying it dropped a message). */
function watch(context, cls) {
  const errors = [],
    dropped = [];
  const onConsole = (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
      errors.push(`console.error ${m.location().url}: ${m.text()}`);
    // `debug: true` logs each entry as `ucontact-bridge {json}`.
    const d = /^ucontact-bridge (\{.*\})$/.exec(m.text());
    const e = d && JSON.parse(d[1]);
    if (e && e.kind === 'dropped' && e.source === cls) dropped.push(e.reason);
  };
  const onError = (e) => errors.push(`pageerror ${e.page()?.url()}: ${e.error()}`);
  context.on('console', onConsole);
  context.on('weberror', onError);
  return {
    errors,
    dropped,
    stop: () => {
      context.off('console', onConsole);
      context.off('weberror', onError);
    },
  };
}

/** The CRM's uPhone page (`new UPhone({ container, instanceOrigin })`) and its uPhone frame. */
export async function openPhone(ctx, crmHost) {
  const o = origins(ctx, crmHost);
  const page = await ctx.browser.context.newPage();
  await page.addInitScript(INSTRUMENT);
  const res = await page.goto(`${o.crmOrigin}/v6/uphone-crm.html`);
  assertEq(res.status(), 200, 'uphone-crm.html status');
  await page.waitForFunction(() => document.body.dataset.ready === 'wasm', null, WAIT);
  const uphone = await frameOf(page, '#phone iframe');
  assertEq(uphone.url(), `${o.instanceOrigin}/uphone`, "the frame UPhone made: the instance's /uphone");
  assertEq(await wasmLoaded(page.mainFrame()), V6_WASM, 'the wasm of the v6 entry');
  // (`__heapInUse`, the leak tests' allocator probe, is in every build and in no .d.ts.)
  assertEq(
    await page.evaluate(() =>
      Object.keys(window.v6)
        .filter((k) => !k.startsWith('__'))
        .sort(),
    ),
    V6_EXPORTS,
    'what the v6 entry exports',
  );
  assertEq(await uphone.evaluate(() => window.uphone.parentOrigin), o.crmOrigin, 'uPhone posts to the CRM origin');
  return { page, uphone, ...o };
}

/** Posts events from the uPhone (or instance) frame and waits until the CRM page's `seen` (the
 *  page's `event` listener) has grown by the number of them that should arrive. */
export async function fire(frame, page, messages, { expect = messages.length, key = 'uphone', seen = 'seen' } = {}) {
  const before = await page.evaluate((s) => window[s].length, seen);
  await frame.evaluate(
    ([ms, k]) => {
      for (const [a, p] of ms) window[k].fire(a, p);
    },
    [messages, key],
  );
  await page.waitForFunction(([n, s]) => window[s].length >= n, [before + expect, seen], WAIT);
  return page.evaluate(([b, s]) => window[s].slice(b), [before, seen]);
}

/** uPhone's typed params with every typed field null, then `over`. */
const P = (over = {}) => ({
  number: null,
  campaign: null,
  guid: null,
  direction: null,
  date: null,
  duration: null,
  clientId: null,
  needsDispositions: null,
  dispositions: null,
  extra: {},
  ...over,
});

const STATE0 = { agent: 'unknown', call: null, history: [] };

for (const { crmHost, site } of SITES) {
  test(`v6/uphone/${site} [entry v6]: every uPhone event arrives typed on its own name and on 'event'; unknown actions only on 'event'`, async (ctx) => {
    const w = watch(ctx.browser.context, 'UPhone');
    const { page, uphone } = await openPhone(ctx, crmHost);
    try {
      await page.evaluate(() => {
        window.byName = {};
        for (const n of [
          'makeCall',
          'gettingCall',
          'finishedCall',
          'finishedSms',
          'sentDispositions',
          'agentLogin',
          'agentLogout',
        ]) {
          window.phone.on(n, (e) => (window.byName[n] ||= []).push(e));
        }
      });
      const sent = [
        ['agentLogin', undefined],
        [
          'gettingCall',
          {
            guid: 'g-1',
            number: 98123456,
            campaign: 'Ventas<-',
            direction: 'I',
            date: '2024-12-31 23:59:58',
            clientId: 77,
          },
        ],
        [
          'makeCall',
          { guid: 'g-2', number: '091000000', campaign: 'Ventas->', direction: 'O', date: '2024-12-31T23:59:58' },
        ],
        [
          'finishedCall',
          { guid: 'g-1', date: '31/12/2024 23:59:58', duration: '125', needsDispositions: 'true', agent: 'ana' },
        ],
        ['finishedSms', { guid: 's-1', number: '099000111', direction: 'I', duration: 30, needsDispositions: 'FALSE' }],
        ['sentDispositions', { guid: 'g-1', dispositions: [{ level1: 'Venta' }], needsDispositions: false }],
        ['agentLogout', null],
        ['agentBreak', { guid: 'g-1', motive: 'lunch', date: '2023-48-13 06:48:51', duration: '-3' }],
      ];
      const got = await fire(uphone, page, sent);
      const want = [
        P(),
        P({
          number: '98123456',
          campaign: 'Ventas<-',
          guid: 'g-1',
          direction: 'I',
          date: '2024-12-31T23:59:58',
          clientId: '77',
        }),
        P({ number: '091000000', campaign: 'Ventas->', guid: 'g-2', direction: 'O', date: '2024-12-31T23:59:58' }),
        P({
          guid: 'g-1',
          date: '2024-12-31T23:59:58',
          duration: 125,
          needsDispositions: true,
          extra: { agent: 'ana' },
        }),
        P({ number: '099000111', guid: 's-1', direction: 'I', duration: 30, needsDispositions: false }),
        P({ guid: 'g-1', needsDispositions: false, dispositions: [{ level1: 'Venta' }] }),
        P(),
        P({ guid: 'g-1', extra: { motive: 'lunch' } }),
      ];
      assertEq(
        got.map((e) => e.action),
        sent.map(([a]) => a),
        "'event' got every event, in order",
      );
      for (let i = 0; i < sent.length; i++) {
        assertEq(
          got[i].params,
          want[i],
          `${sent[i][0]} params typed (three date formats -> YYYY-MM-DDTHH:MM:SS, seconds, string booleans)`,
        );
        const raw = sent[i][1] === undefined ? { action: sent[i][0] } : { action: sent[i][0], params: sent[i][1] };
        assertEq(got[i].raw, raw, `${sent[i][0]} raw is the message as posted`);
      }
      const byName = await page.evaluate(() => window.byName);
      assertEq(
        Object.keys(byName).sort(),
        ['agentLogin', 'agentLogout', 'finishedCall', 'finishedSms', 'gettingCall', 'makeCall', 'sentDispositions'],
        'each known action on its own name; agentBreak on none',
      );
      for (const [name, list] of Object.entries(byName)) {
        assertEq(list.length, 1, `${name} once`);
        assertEq(
          list[0],
          got.find((e) => e.action === name),
          `${name}: the same detail as on 'event'`,
        );
      }
      assertEq(typeof byName.gettingCall[0].params.number, 'string', 'a number sent as a number arrives as a string');
      assertEq(w.errors, [], 'no page errors');
    } finally {
      w.stop();
      await page.close();
    }
  });

  test(`v6/uphone/${site} [entry v6]: the derived state: duplicates merge, missing guids, login/logout reset, 'change' carries the state`, async (ctx) => {
    const w = watch(ctx.browser.context, 'UPhone');
    const { page, uphone } = await openPhone(ctx, crmHost);
    try {
      await page.evaluate(() => {
        window.changes = [];
        window.phone.on('change', (s) => window.changes.push(s));
      });
      const state = () => page.evaluate(() => window.phone.state);
      const click = async (selector, n = 1) => {
        const before = await page.evaluate(() => window.seen.length);
        await uphone.click(selector);
        await page.waitForFunction((k) => window.seen.length >= k, before + n, WAIT);
      };
      assertEq(await state(), STATE0, 'nothing known before any event');
      await fire(uphone, page, [['agentLogin', undefined]]);
      assertEq((await state()).agent, 'loggedIn', 'agentLogin');

      // One call, told twice (the page's "duplicate of the last event" button): one entry.
      await uphone.fill('#guid', 'g-10');
      await uphone.fill('#number', '099111222');
      await click('button[data-action=gettingCall]');
      await click('#fire-duplicate');
      let s = await state();
      assertEq(
        [s.call.guid, s.call.phase, s.call.direction, s.call.number, s.call.events, s.call.started, s.history.length],
        ['g-10', 'ringing', 'inbound', '099111222', 2, '2024-05-06T10:11:12', 0],
        'a ringing call, its duplicate merged',
      );
      await click('button[data-action=finishedCall]');
      await click('#fire-duplicate');
      s = await state();
      assertEq(
        [s.call.guid, s.call.phase, s.call.duration, s.call.needsDispositions, s.history.length, s.history[0].guid],
        ['g-10', 'finished', 125, true, 1, 'g-10'],
        'finished once in the history though told twice',
      );

      // A call without a guid, then its end with one: the same call.
      await uphone.fill('#number', '098000111');
      await click('#fire-no-guid');
      s = await state();
      assertEq(
        [s.call.guid, s.call.phase, s.call.number, s.history.length],
        [null, 'ringing', '098000111', 1],
        'a new ringing call without guid',
      );
      await fire(uphone, page, [['finishedCall', { guid: 'g-11', number: '098000111', duration: 5 }]]);
      s = await state();
      assertEq(
        [s.call.guid, s.call.phase, s.call.events, s.history.map((c) => c.guid)],
        ['g-11', 'finished', 2, ['g-11', 'g-10']],
        'its end (with a guid) finished it: one entry',
      );
      await fire(uphone, page, [['sentDispositions', { guid: 'g-11', dispositions: [{ level1: 'Venta' }] }]]);
      s = await state();
      assertEq(
        [s.call.needsDispositions, s.call.dispositions, s.history[0].dispositions],
        [false, [{ level1: 'Venta' }], [{ level1: 'Venta' }]],
        'dispositions attached to the call and its history entry',
      );

      // Logout and login reset everything; an unknown action changes nothing.
      await fire(uphone, page, [['agentLogout', undefined]]);
      assertEq(await state(), { agent: 'loggedOut', call: null, history: [] }, 'agentLogout resets');
      await fire(uphone, page, [['agentLogin', {}]]);
      assertEq(await state(), { agent: 'loggedIn', call: null, history: [] }, 'agentLogin: a new session');
      const changesBefore = await page.evaluate(() => window.changes.length);
      await fire(uphone, page, [['agentBreak', { motive: 'lunch' }]]);
      const changes = await page.evaluate(() => window.changes);
      assertEq(changes.length, changesBefore, "an unknown action emits no 'change'");
      assertEq(changes.length, 10, "one 'change' per event that changed the state (every event above but agentBreak)");
      assertEq(changes[changes.length - 1], await state(), "the last 'change' is the state");
      assertEq(w.errors, [], 'no page errors');
    } finally {
      w.stop();
      await page.close();
    }
  });

  test(`v6/uphone/${site} [entry v6]: a reloaded uPhone frame emits 'reloaded' and the state starts over`, async (ctx) => {
    const w = watch(ctx.browser.context, 'UPhone');
    const { page, uphone } = await openPhone(ctx, crmHost);
    try {
      await page.evaluate(() => {
        window.reloads = 0;
        window.changes = [];
        window.phone.on('reloaded', (d) => {
          window.reloads++;
          window.reloadDetail = d;
        });
        window.phone.on('change', (s) => window.changes.push(s));
      });
      await fire(uphone, page, [
        ['agentLogin', undefined],
        ['gettingCall', { guid: 'g-20', number: '099' }],
      ]);
      assertEq((await page.evaluate(() => window.phone.state)).call.guid, 'g-20', 'a call before the reload');
      assertEq(await page.evaluate(() => window.reloads), 0, "the first load is no 'reloaded'");
      await uphone.evaluate(() => setTimeout(() => location.reload(), 0));
      await page.waitForFunction(() => window.reloads === 1, null, WAIT);
      assertEq(await page.evaluate(() => window.phone.state), STATE0, 'the state started over');
      assertEq(
        await page.evaluate(() => window.changes[window.changes.length - 1]),
        STATE0,
        "a 'change' with the reset state",
      );
      assertEq(await page.evaluate(() => window.reloadDetail), undefined, "'reloaded' carries no detail");
      await uphone.waitForFunction(() => document.body && document.body.dataset.ready, null, FRAME_WAIT);
      await fire(uphone, page, [['agentLogin', undefined]]);
      assertEq((await page.evaluate(() => window.phone.state)).agent, 'loggedIn', 'the reloaded uPhone is heard');
      assertEq(await page.evaluate(() => window.reloads), 1, 'one reload, one event');
      assertEq(w.errors, [], 'no page errors');
    } finally {
      w.stop();
      await page.close();
    }
  });

  test(`v6/uphone/${site} [entry v6]: an event uPhone posts while its page is still loading counts; that first load is no 'reloaded', the next one is`, async (ctx) => {
    const w = watch(ctx.browser.context, 'UPhone');
    const { page, instanceOrigin } = await openPhone(ctx, crmHost);
    try {
      await page.evaluate((origin) => {
        const box = document.createElement('div');
        document.body.append(box);
        const early = (window.early = new window.v6.UPhone({
          container: box,
          instanceOrigin: origin,
          src: `${origin}/uphone?early=agentLogin`,
        }));
        window.earlyLog = [];
        early.on('event', (e) => window.earlyLog.push(`event ${e.action}`));
        early.on('reloaded', () => window.earlyLog.push('reloaded'));
        early.frame.addEventListener('load', () => window.earlyLog.push('load'));
      }, instanceOrigin);
      await page.waitForFunction(() => window.earlyLog.includes('load'), null, WAIT);
      const log = await page.evaluate(() => window.earlyLog);
      assertEq(
        log.filter((x) => x !== 'load'),
        ['event agentLogin'],
        'the early event, and no reloaded',
      );
      // Chromium and Firefox deliver the message the frame posts while loading before the
      // frame's `load` event, which is the case under test; WebKit delivers it after, so there
      // it is an ordinary event (still kept, and no 'reloaded').
      if (ctx.engine !== 'webkit')
        assert(log.indexOf('event agentLogin') < log.indexOf('load'), `posted before the frame's load: ${log}`);
      assertEq(
        (await page.evaluate(() => window.early.state)).agent,
        'loggedIn',
        'what it posted before its load is kept',
      );
      await page.evaluate(() => {
        window.early.frame.src = window.early.frame.src.replace('?early=agentLogin', '?reloaded=1');
      });
      await page.waitForFunction(() => window.earlyLog.includes('reloaded'), null, WAIT);
      assertEq(await page.evaluate(() => window.early.state), STATE0, 'a later load starts over');
      await page.evaluate(() => window.early.destroy());
      assertEq(w.errors, [], 'no page errors');
    } finally {
      w.stop();
      await page.close();
    }
  });

  test(`v6/uphone/${site} [entry v6]: makeCall posts { action, params: { number (a string), campaign } } to the uPhone frame only, from the CRM origin; makecall; makeSms; invalid arguments throw INVALID_ARGUMENT and post nothing`, async (ctx) => {
    const w = watch(ctx.browser.context, 'UPhone');
    const { page, uphone, crmOrigin, instanceOrigin } = await openPhone(ctx, crmHost);
    try {
      // A second window on the instance origin in the same CRM page, and a counter of every
      // message the CRM window itself receives: neither may see a command.
      await page.evaluate((src) => {
        const f = document.createElement('iframe');
        f.id = 'sibling';
        f.src = src;
        document.body.append(f);
        window.crmMessages = 0;
        window.addEventListener('message', () => window.crmMessages++);
      }, `${instanceOrigin}/uphone.html?role=sibling`);
      const sibling = await frameOf(page, '#sibling');

      await page.evaluate(() => window.phone.makeCall({ number: 98123456, campaign: 'Ventas->' }));
      await uphone.waitForFunction(() => window.uphone.received.length === 1, null, FRAME_WAIT);
      const [cmd] = await uphone.evaluate(() => window.uphone.received);
      assertEq(
        cmd.data,
        { action: 'makeCall', params: { number: '98123456', campaign: 'Ventas->' } },
        'the exact command, number as a string',
      );
      assertEq([cmd.origin, cmd.fromParent], [crmOrigin, true], 'from the CRM page, with its origin');

      await page.evaluate(() => window.phone.makeSms({ number: '099123456', text: 'hola', n: 5 }));
      await uphone.waitForFunction(() => window.uphone.received.length === 2, null, FRAME_WAIT);
      assertEq(
        (await uphone.evaluate(() => window.uphone.received[1])).data,
        { action: 'makeSms', params: { number: '099123456', text: 'hola', n: '5' } },
        'makeSms: every member a string',
      );

      // Invalid arguments: each throws before anything is posted.
      const codes = await page.evaluate(() => {
        const bad = [
          null,
          undefined,
          'x',
          [],
          {},
          { number: '099' },
          { campaign: 'Ventas->' },
          { number: 'abc', campaign: 'Ventas->' },
          { number: '099', campaign: '' },
          { number: true, campaign: 'Ventas->' },
          { number: '099', campaign: 'Ventas->', extra: 1 },
          { number: '', campaign: 'Ventas->' },
          { number: '099', campaign: 7 },
        ];
        const out = bad.map((a) => {
          try {
            window.phone.makeCall(a);
            return 'posted';
          } catch (e) {
            return e.code;
          }
        });
        for (const p of [null, [1], 'x', { text: {} }, { n: true }]) {
          try {
            window.phone.makeSms(p);
            out.push('posted');
          } catch (e) {
            out.push(e.code);
          }
        }
        return out;
      });
      assertEq(codes, Array(18).fill('INVALID_ARGUMENT'), 'every invalid call throws INVALID_ARGUMENT');
      await page.evaluate(() => window.phone.makeCall({ number: '091000000', campaign: 'Ventas->' }));
      await uphone.waitForFunction(() => window.uphone.received.length >= 3, null, FRAME_WAIT);
      assertEq(
        (await uphone.evaluate(() => window.uphone.received)).map((r) => r.params.number),
        ['98123456', '099123456', '091000000'],
        'nothing but the valid commands reached uPhone',
      );

      // makeCallAction 'makecall', the spelling of the only public caller, on a second phone.
      await page.evaluate((instanceOrigin) => {
        const box = document.createElement('div');
        box.id = 'phone2';
        document.body.append(box);
        window.phone2 = new window.v6.UPhone({ container: box, instanceOrigin, makeCallAction: 'makecall' });
      }, instanceOrigin);
      const uphone2 = await frameOf(page, '#phone2 iframe');
      await page.evaluate(() => window.phone2.makeCall({ number: '099', campaign: 'Ventas->' }));
      await uphone2.waitForFunction(() => window.uphone.received.length >= 1, null, FRAME_WAIT);
      assertEq(
        (await uphone2.evaluate(() => window.uphone.received)).map((r) => r.data),
        [{ action: 'makecall', params: { number: '099', campaign: 'Ventas->' } }],
        'makecall, once',
      );
      assertEq(
        await page.evaluate(() => window.phone2.frame.getAttribute('allow')),
        'camera;microphone',
        'the frame UPhone made allows camera and microphone',
      );

      // Bad options.
      const optionCodes = await page.evaluate((instanceOrigin) => {
        const U = window.v6.UPhone,
          c = document.createElement('div');
        const tries = [
          {},
          { container: c },
          { container: c, instanceOrigin: 'ucontact' },
          { container: c, instanceOrigin: instanceOrigin + '/' },
          { container: c, frame: document.createElement('iframe'), instanceOrigin },
          { container: c, instanceOrigin, src: 'http://localhost:1/uphone' },
          { container: c, instanceOrigin, makeCallAction: 'MakeCall' },
          { frame: c, instanceOrigin },
          { container: c, instanceOrigin, unknown: 1 },
        ];
        return tries.map((o) => {
          try {
            new U(o);
            return 'constructed';
          } catch (e) {
            return e.code;
          }
        });
      }, instanceOrigin);
      assertEq(optionCodes, Array(9).fill('INVALID_ARGUMENT'), 'bad options throw INVALID_ARGUMENT');

      await sleep(200);
      assertEq(
        await sibling.evaluate(() => window.uphone.received),
        [],
        'the other window on the instance origin received nothing',
      );
      assertEq(await page.evaluate(() => window.crmMessages), 0, 'the CRM window received nothing');
      assertEq(
        (await uphone.evaluate(() => window.uphone.received)).length,
        3,
        'the first uPhone got its own commands only',
      );
      assertEq(w.errors, [], 'no page errors');
    } finally {
      w.stop();
      await page.close();
    }
  });

  test(`v6/uphone/${site} [entry v6]: commands go to the exact instance origin: a frame navigated to another origin gets none and is not heard`, async (ctx) => {
    const w = watch(ctx.browser.context, 'UPhone');
    const { page, uphone, instanceOrigin, otherOrigin, crmOrigin } = await openPhone(ctx, crmHost);
    try {
      await page.evaluate(() => {
        window.reloads = 0;
        window.phone.on('reloaded', () => window.reloads++);
        window.crmMessages = 0;
        window.addEventListener('message', () => window.crmMessages++);
      });
      await fire(uphone, page, [['agentLogin', undefined]]);
      await page.evaluate((src) => {
        window.phone.frame.src = src;
      }, `${otherOrigin}/uphone.html`);
      await page.waitForFunction(() => window.reloads === 1, null, WAIT);
      await uphone.waitForFunction(() => document.body && document.body.dataset.ready, null, FRAME_WAIT);
      assertEq(await uphone.evaluate(() => location.origin), otherOrigin, 'the frame shows another origin');

      // The command is posted for the instance origin only: the browser does not deliver it.
      // A control message posted after it (same sender, same target: delivered in order) shows
      // that it would have arrived by then.
      await page.evaluate(() => window.phone.makeCall({ number: '099', campaign: 'Ventas->' }));
      await page.evaluate(() => window.phone.frame.contentWindow.postMessage({ action: 'control' }, '*'));
      await uphone.waitForFunction(() => window.uphone.received.length >= 1, null, FRAME_WAIT);
      assertEq(
        (await uphone.evaluate(() => window.uphone.received)).map((r) => r.action),
        ['control'],
        'makeCall was not delivered to another origin',
      );

      // Its events are not uPhone's either.
      const seenBefore = await page.evaluate(() => window.seen.length);
      const rawBefore = await page.evaluate(() => window.crmMessages);
      await uphone.evaluate(() => {
        window.uphone.fire('gettingCall', { guid: 'wrong-origin', number: '066' });
        window.uphone.fire('agentLogout');
      });
      await page.waitForFunction((n) => window.crmMessages >= n, rawBefore + 2, WAIT);
      assertEq(await page.evaluate(() => window.seen.length), seenBefore, 'no event from the other origin');
      assertEq(
        await page.evaluate(() => window.phone.state),
        STATE0,
        'the state is untouched (reset by the navigation only)',
      );

      // Back on the instance origin: heard and reached again.
      await page.evaluate((src) => {
        window.phone.frame.src = src;
      }, `${instanceOrigin}/uphone`);
      await page.waitForFunction(() => window.reloads === 2, null, WAIT);
      await uphone.waitForFunction(
        (o) => location.origin === o && document.body && document.body.dataset.ready,
        instanceOrigin,
        FRAME_WAIT,
      );
      await page.evaluate(() => window.phone.makeCall({ number: '099', campaign: 'Ventas->' }));
      await uphone.waitForFunction(() => window.uphone.received.length === 1, null, FRAME_WAIT);
      assertEq(
        await uphone.evaluate(() => [window.uphone.received[0].action, window.uphone.received[0].origin]),
        ['makeCall', crmOrigin],
        'delivered again',
      );
      await fire(uphone, page, [['agentLogin', undefined]]);
      assertEq((await page.evaluate(() => window.phone.state)).agent, 'loggedIn', 'heard again');
      // Chromium reports the undelivered postMessage as a console error of the CRM page: expected here.
      const unexpected = w.errors.filter((e) => !/postMessage.*target origin provided/i.test(e));
      assertEq(unexpected, [], 'no other errors');
    } finally {
      w.stop();
      await page.close();
    }
  });

  test(`v6/uphone/${site} [entry v6]: destroy() removes every listener (message, frame load), commands throw DESTROYED, the frame stays`, async (ctx) => {
    const w = watch(ctx.browser.context, 'UPhone');
    const { page, uphone, instanceOrigin } = await openPhone(ctx, crmHost);
    try {
      const r = await page.evaluate(async (instanceOrigin) => {
        const withPage = window.__ucbListeners();
        // A second phone on a frame the page made (`frame` instead of `container`).
        const f = document.createElement('iframe');
        f.src = instanceOrigin + '/uphone';
        document.body.append(f);
        await new Promise((ok) => {
          const loaded = () => {
            f.removeEventListener('load', loaded);
            ok();
          };
          f.addEventListener('load', loaded);
        });
        const afterFrame = window.__ucbListeners();
        const phone2 = new window.v6.UPhone({ frame: f, instanceOrigin });
        const two = window.__ucbListeners();
        phone2.destroy();
        window.phone.destroy();
        window.phone.destroy(); // safe twice
        const after = window.__ucbListeners();
        const codes = [];
        for (const p of [phone2, window.phone]) {
          try {
            p.makeCall({ number: '099', campaign: 'Ventas->' });
            codes.push('posted');
          } catch (e) {
            codes.push(e.code);
          }
          try {
            p.makeSms({ text: 'x' });
            codes.push('posted');
          } catch (e) {
            codes.push(e.code);
          }
        }
        return {
          withPage,
          afterFrame,
          two,
          after,
          codes,
          framesKept: document.contains(window.phone.frame) && document.contains(f),
        };
      }, instanceOrigin);
      assertEq(
        [r.withPage.message, r.withPage.load],
        [1, 1],
        "the page's phone: one message listener, one load listener on its frame",
      );
      assertEq(
        [r.two.message - r.afterFrame.message, r.two.load - r.afterFrame.load],
        [1, 1],
        'a second phone: one of each more',
      );
      assertEq([r.after.message, r.after.load, r.after.abort], [0, 0, 0], 'after destroy(): no listener left');
      assertEq(r.codes, Array(4).fill('DESTROYED'), 'commands throw DESTROYED');
      assert(r.framesKept, 'the frames stay (the agent stays logged in)');
      // uPhone keeps talking: nobody listens, nothing breaks.
      const stateBefore = await page.evaluate(() => window.phone.state);
      await uphone.evaluate(() => window.uphone.fire('gettingCall', { guid: 'after-destroy' }));
      await sleep(200);
      assertEq(await page.evaluate(() => window.phone.state), stateBefore, 'no state change after destroy()');
      assertEq(await page.evaluate(() => window.seen.length), 0, 'no event after destroy()');
      console.log(
        `figure: v6-settle case=uphone/${site} listeners-after-destroy=${r.after.message + r.after.load + r.after.abort}`,
      );
      assertEq(w.errors, [], 'no page errors');
    } finally {
      w.stop();
      await page.close();
    }
  });

  test(`v6/uphone/${site} [entry v6]: forged messages from a sibling frame on another origin, another window on the instance origin, a pop-up and the CRM page itself, while a call is in progress: none accepted`, async (ctx) => {
    const w = watch(ctx.browser.context, 'UPhone');
    const { page, uphone, instanceOrigin, otherOrigin } = await openPhone(ctx, crmHost);
    const REAL = 'real-6666-4666-8666-000000000001';
    try {
      // A phone with debug on (each dropped message logged), on the page's uPhone frame.
      await page.evaluate((instanceOrigin) => {
        window.phone.destroy();
        window.hp = new window.v6.UPhone({ frame: window.phone.frame, instanceOrigin, debug: true });
        window.hseen = [];
        window.hchanges = 0;
        window.hp.on('event', (e) => window.hseen.push(e));
        window.hp.on('change', () => window.hchanges++);
        window.raw = 0;
        window.addEventListener('message', () => window.raw++);
      }, instanceOrigin);
      await fire(
        uphone,
        page,
        [
          ['agentLogin', undefined],
          ['gettingCall', { guid: REAL, number: '099123456', campaign: 'Ventas<-' }],
        ],
        { seen: 'hseen' },
      );
      const before = await page.evaluate(() => ({
        state: window.hp.state,
        changes: window.hchanges,
        seen: window.hseen.length,
      }));
      assertEq(before.state.call.phase, 'ringing', 'a call in progress');

      // The hostile windows.
      await page.evaluate(
        ([a, b]) => {
          for (const [id, src] of [
            ['other', a],
            ['same', b],
          ]) {
            const f = document.createElement('iframe');
            f.id = id;
            f.src = src;
            document.body.append(f);
          }
        },
        [`${otherOrigin}/uphone.html?role=forger`, `${instanceOrigin}/uphone.html?role=forger`],
      );
      const other = await frameOf(page, '#other');
      const same = await frameOf(page, '#same');
      // A pop-up too where the engine's driver can open one (not WebKit's: engines.mjs).
      const [popup] = engineCan(ctx.engine, 'popups')
        ? await Promise.all([
            page.waitForEvent('popup'),
            page.evaluate((u) => {
              window.open(u, 'forger');
            }, `${instanceOrigin}/uphone.html?role=popup`),
          ])
        : [null];
      if (popup) await popup.waitForFunction(() => document.body && document.body.dataset.ready, null, WAIT);
      const forgeries = (tag) => [
        { action: 'finishedCall', params: { guid: REAL, duration: '1', number: '099123456' } },
        { action: 'sentDispositions', params: { guid: REAL, dispositions: [{ level1: 'forged' }] } },
        { action: 'agentLogout' },
        { action: 'agentLogin', params: {} },
        { action: 'gettingCall', params: { guid: `forged-${tag}-1`, number: '066666666', campaign: 'Forged<-' } },
        { action: 'makeCall', params: { guid: `forged-${tag}-2`, number: '066666666', campaign: 'Forged->' } },
        { action: 'finishedSms', params: { guid: `forged-${tag}-3`, number: '066666666' } },
        { action: 'agentBreak', params: { guid: REAL } },
        null,
        'finishedCall',
        42,
        [],
        { action: 5 },
        { event: 'assignedInteraction', data: { guid: REAL } },
        JSON.stringify({ action: 'finishedCall', params: { guid: REAL } }),
      ];
      const senders = [
        { name: 'sibling-other-origin', frame: other, target: 'parent' },
        { name: 'same-origin-other-window', frame: same, target: 'parent' },
        ...(popup ? [{ name: 'popup-same-origin', frame: popup.mainFrame(), target: 'opener' }] : []),
        { name: 'self', frame: page.mainFrame(), target: 'window' },
      ];
      let sent = 0;
      for (const s of senders) {
        sent += await s.frame.evaluate(
          ([target, ms]) => {
            const to = new Function(`return ${target};`)();
            for (const m of ms) to.postMessage(m, '*');
            return ms.length;
          },
          [s.target, forgeries(s.name)],
        );
      }
      await page.waitForFunction((n) => window.raw >= n, before.seen + sent, WAIT);
      const deadline = Date.now() + WAIT.timeout;
      while (w.dropped.length < sent && Date.now() < deadline) await sleep(50);
      const during = await page.evaluate(() => ({
        state: window.hp.state,
        changes: window.hchanges,
        seen: window.hseen.length,
      }));
      const forgedAccepted = during.seen - before.seen + (during.changes - before.changes);
      assertEq(during.state, before.state, 'the state did not move');
      const notPeer = w.dropped.filter((d) => d === 'not sent by the uPhone frame').length;

      // Malformed data from the real uPhone frame: dropped, no exception.
      const junk = await uphone.evaluate(() => {
        const cyclic = { action: 'gettingCall' };
        cyclic.params = cyclic;
        /** @type {unknown} */
        let deep = 1;
        for (let i = 0; i < 2000; i++) deep = [deep];
        const ms = [
          null,
          'gettingCall',
          42,
          [],
          { action: 5 },
          { event: 'changedTheme' },
          cyclic,
          { action: 'gettingCall', params: { deep } },
        ];
        for (const m of ms) window.parent.postMessage(m, window.uphone.parentOrigin);
        return ms.length;
      });
      await page.waitForFunction((n) => window.raw >= n, before.seen + sent + junk, WAIT);
      const afterJunk = await page.evaluate(() => ({
        seen: window.hseen.map((e) => e.action),
        state: window.hp.state,
      }));
      while (w.dropped.length < sent + junk && Date.now() < deadline + WAIT.timeout) await sleep(50);

      // The real uPhone ends the call: heard.
      await fire(uphone, page, [['finishedCall', { guid: REAL, duration: '42' }]], {
        seen: 'hseen',
        expect: afterJunk.seen.length - before.seen + 1,
      });
      const end = await page.evaluate(() => window.hp.state);
      const realDelivered =
        (end.call && end.call.guid === REAL && end.call.phase === 'finished' && end.call.duration === 42 ? 1 : 0) + 2;
      console.log(
        `figure: hostile case=v6-uphone/${site} forged-accepted=${forgedAccepted} exceptions=${engineCan(ctx.engine, 'pageErrors') ? w.errors.length : 'unseen'} real-delivered=${realDelivered}/3 messages-sent=${sent + junk}`,
      );
      assertEq(forgedAccepted, 0, 'forged messages accepted');
      assertEq(notPeer, sent, 'every forged message dropped for not coming from the uPhone frame');
      assertEq(w.errors, [], 'no exceptions, no console errors');
      assertEq(realDelivered, 3, 'the real events all arrived');
      // The real frame's junk: none of it an event; a cyclic and a 2000-deep value refused as data.
      logLine(`v6-uphone/${site}: junk from the real uPhone frame dropped: ${JSON.stringify(w.dropped.slice(sent))}`);
      assertEq(afterJunk.seen.slice(before.seen), [], 'no event from the junk of the real frame');
      assertEq(
        w.dropped.slice(sent),
        [...Array(6).fill('not a uPhone { action, params } message'), 'not JSON-like data', 'not JSON-like data'],
        'the junk of the real frame dropped, each for its reason',
      );
      if (popup) await popup.close();
    } finally {
      w.stop();
      await page.close();
    }
  });
}

// ---- FormBridge ---------------------------------------------------------------------------------

/** The examples of src/v6/forms.rs `examples`, which the sandbox Inbox serves. */
const EXAMPLES = Object.fromEntries(
  [...readFileSync(join(ROOT, 'src', 'v6', 'forms.rs'), 'utf8').matchAll(/pub const (\w+): &str = r#"(.*?)"#;/g)].map(
    ([, k, v]) => [k.toLowerCase(), JSON.parse(v)],
  ),
);

/** The Inbox (instance origin) hosting the CRM's form.html (`auto=0`: it asks for nothing itself). */
async function openInbox(ctx, crmHost, { auto = false, mode = 'telephony' } = {}) {
  const o = origins(ctx, crmHost);
  const page = await ctx.browser.context.newPage();
  await page.addInitScript(INSTRUMENT);
  const form = auto ? '/v6/form.html' : '/v6/form.html?auto=0';
  await page.goto(
    `${o.instanceOrigin}/inbox.html?crmHost=${crmHost}&interaction=${mode}&form=${encodeURIComponent(form)}`,
  );
  await page.waitForFunction(() => document.body.dataset.ready === 'inbox', null, WAIT);
  const frame = await frameOf(page, '#form');
  assertEq(new URL(frame.url()).origin, o.crmOrigin, 'the form is on the CRM origin');
  assertEq(await wasmLoaded(frame), V6_WASM, 'the wasm of the v6 entry');
  return { page, form: frame, ...o };
}

for (const { crmHost, site } of SITES) {
  test(`v6/form/${site} [entry v6]: the Inbox's interaction normalized for each example channel (telephony, dialer, webchat, WhatsApp)`, async (ctx) => {
    const w = watch(ctx.browser.context, 'FormBridge');
    const { page, form } = await openInbox(ctx, crmHost, { auto: true });
    try {
      assertEq(
        await page.evaluate(() => window.inbox.examples),
        EXAMPLES,
        "the Inbox's examples are src/v6/forms.rs's",
      );
      // The page's own request, on load.
      await form.waitForFunction(
        () => /for client/.test(document.getElementById('result').textContent),
        null,
        FRAME_WAIT,
      );
      assertEq(
        await form.textContent('#result'),
        'telephony 7e4e7db9-f080-494e-b04b-7c8e47711558 for client 59899123456',
        'the form page shows it',
      );
      const get = async (mode) => {
        await page.evaluate((m) => window.inbox.set(m), mode);
        return form.evaluate(() => window.bridge.getInteraction());
      };

      const tel = await get('telephony');
      assertEq(
        [
          tel.guid,
          tel.channel,
          tel.campaign,
          tel.clientId,
          tel.clientName,
          tel.startDate,
          tel.answerDate,
          tel.holdTime,
        ],
        [
          '7e4e7db9-f080-494e-b04b-7c8e47711558',
          'telephony',
          'Campaign_1<-',
          '59899123456',
          '',
          '2024-05-06 10:11:12',
          '2024-05-06 10:11:20',
          12,
        ],
        'telephony: common fields',
      );
      assertEq(
        [tel.data.isTransfer, tel.data.finishedByClient, tel.data.direction, tel.data.DIALED_NUMBER],
        [false, true, 'inbound', '12313123'],
        'telephony: string booleans as booleans, other text kept',
      );
      assertEq(
        tel.data.CAMPAIGN,
        { name: 'Campaign_1', record: true, autoAnswer: false },
        'telephony: CAMPAIGN decoded',
      );
      assertEq(
        [tel.dialer, tel.lastMessage, tel.messages, tel.extraInfo],
        [null, null, null, null],
        'telephony: no dialer, no messages',
      );
      assertEq(tel.raw, EXAMPLES.telephony, 'raw: as the Inbox sent it');

      const dialer = await get('dialer');
      assertEq(
        [dialer.clientId, dialer.holdTime, dialer.data.Deuda, dialer.data.Nombre],
        ['099123123', 0, 123234234, 'Ana'],
        'dialer: clientid -> clientId, holdTime a number, list columns kept',
      );
      assertEq(
        dialer.dialer,
        {
          connector: 'SIP/trunk',
          agentNumber: '1001',
          timezone: 'America/Montevideo',
          dialer: 'Hub',
          callerId: '59829000000',
          direction: 'out',
          type: 'Preview',
          contact: { dialer: 'Hub', id: 7, tries: 2, clientIds: ['099123123'] },
        },
        'dialer: system columns typed, CONTACT decoded (encoded twice)',
      );
      assertEq(dialer.data.CONTACT, dialer.dialer.contact, 'dialer: data.CONTACT decoded too');

      const chat = await get('webchat');
      assertEq(
        [chat.channel, chat.clientId, chat.data, chat.messages],
        ['webchat', 'ana@example.com', {}, null],
        'webchat: no data, no messages',
      );
      assertEq(
        chat.lastMessage,
        { text: 'hola', attachments: [], isAudio: false, source: 'client', direction: 'in', fromBot: false },
        'webchat: lastMessage typed',
      );
      assertEq(
        chat.extraInfo,
        {
          mail: 'ana@example.com',
          initialMessage: 'hola',
          number: '099',
          ipAddress: '10.0.0.1',
          customFields: { vip: true },
        },
        'webchat: extraInfo typed',
      );

      const wa = await get('whatsapp');
      assertEq(
        [wa.channel, wa.clientId, wa.clientName, wa.extraInfo],
        ['whatsapp', '59899000000', 'Ana', null],
        'WhatsApp: common fields',
      );
      assertEq(
        wa.lastMessage,
        {
          id: 'm2',
          text: 'ok',
          attachments: [],
          isAudio: false,
          source: 'client',
          direction: 'in',
          date: '2024-05-06 10:11:12',
          status: 'read',
          fromBot: false,
        },
        'WhatsApp: attachments null -> [], fromBot "false" -> false',
      );
      assertEq(
        wa.messages,
        [
          { id: 'm1', channelId: 'c1', text: 'hola', attachments: [] },
          { id: 'm2', channelId: 'c1', text: 'ok', attachments: [] },
        ],
        'WhatsApp: messages',
      );
      assertEq(await page.evaluate(() => window.inbox.requests), 5, 'one request per call (the page load + four)');
      assertEq(await form.evaluate(() => window.__ucbTimers()), 0, 'no timer left after the answers');
      assertEq(w.errors, [], 'no page errors');
    } finally {
      w.stop();
      await page.close();
    }
  });

  test(`v6/form/${site} [entry v6]: concurrent calls share one request; close and sent reach the Inbox; null, unrelated and unsolicited messages are tolerated`, async (ctx) => {
    const w = watch(ctx.browser.context, 'FormBridge');
    const { page, form } = await openInbox(ctx, crmHost);
    try {
      // Three callers while the Inbox takes 300 ms; junk from the Inbox meanwhile.
      await page.evaluate(() => window.inbox.set('whatsapp', 300));
      await form.evaluate(() => {
        window.ps = [1, 2, 3].map(() => window.__outcome(window.bridge.getInteraction()));
        window.pendingDuring = window.bridge.pending;
      });
      await page.waitForFunction(() => window.inbox.requests === 1, null, WAIT);
      await page.evaluate(() => {
        for (const m of [
          null,
          undefined,
          'interaction',
          42,
          { type: 'theme', value: 'dark' },
          { action: 'getInteraction' },
          { action: 'close' },
        ])
          window.inbox.post(m);
      });
      const outcomes = await form.evaluate(() => Promise.all(window.ps));
      assertEq(await form.evaluate(() => window.pendingDuring), 3, 'three callers pending');
      assertEq(
        outcomes.map(([k, v]) => [k, v.guid]),
        Array(3).fill(['ok', 'wa-1']),
        'all three got the interaction',
      );
      assertEq(await page.evaluate(() => window.inbox.requests), 1, 'one getInteraction request for the three');
      assertEq(
        await form.evaluate(() => [window.bridge.pending, window.__ucbTimers()]),
        [0, 0],
        'nothing pending, no timer left',
      );

      // Unsolicited: an interaction nobody asked for, null, unrelated, and a malformed answer.
      await page.evaluate(() => {
        window.inbox.set('telephony');
        window.inbox.post({ action: 'interaction', interaction: window.inbox.examples.telephony });
        window.inbox.post(null);
        window.inbox.post({ action: 'interaction' });
        window.inbox.post({ action: 'interaction', interaction: 'not an object' });
        window.inbox.post({ action: 'interaction', interaction: null });
      });
      await sleep(150);
      const next = await form.evaluate(() => window.bridge.getInteraction());
      assertEq(
        [next.channel, next.guid],
        ['telephony', '7e4e7db9-f080-494e-b04b-7c8e47711558'],
        'asking again works after the unsolicited messages',
      );
      assertEq(await page.evaluate(() => window.inbox.requests), 2, 'a second request');

      // A malformed answer to a pending request rejects it with BAD_MESSAGE.
      await page.evaluate(() => window.inbox.set('silent'));
      const malformed = await Promise.all([
        form.evaluate(() => window.__outcome(window.bridge.getInteraction({ timeoutMs: 5000 }))),
        (async () => {
          await page.waitForFunction(() => window.inbox.requests === 3, null, WAIT);
          await page.evaluate(() => window.inbox.post({ action: 'interaction', interaction: 'not an object' }));
        })(),
      ]);
      assertEq(malformed[0], ['err', 'BAD_MESSAGE'], 'an interaction that is not an object rejects with BAD_MESSAGE');

      // close and sent, from the form page's buttons.
      await form.click('#close');
      await form.click('#sent');
      await page.waitForFunction(
        () => window.inbox.log.filter((m) => m.action === 'close' || m.action === 'sent').length === 2,
        null,
        WAIT,
      );
      assertEq(
        await page.evaluate(() => window.inbox.log.map((m) => m.data).filter((d) => d.action !== 'getInteraction')),
        [{ action: 'close' }, { action: 'sent' }],
        'the Inbox got { action: "close" } then { action: "sent" }, from the form on its origin',
      );
      assertEq(await form.textContent('#result'), 'posted', 'the form page says so');
      assertEq(await form.evaluate(() => window.__ucbTimers()), 0, 'no timer left');
      assertEq(w.errors, [], 'no page errors');
    } finally {
      w.stop();
      await page.close();
    }
  });

  test(`v6/form/${site} [entry v6]: a silent Inbox rejects with TIMEOUT and leaves no timer; abort and destroy settle; every promise settles and every listener goes`, async (ctx) => {
    const w = watch(ctx.browser.context, 'FormBridge');
    const { page, form } = await openInbox(ctx, crmHost, { mode: 'silent' });
    try {
      const r = await form.evaluate(async () => {
        const { FormBridge } = window.v6;
        window.bridge.destroy();
        const base = window.__ucbListeners();
        const all = [];
        const track = (p) => {
          const o = window.__outcome(p);
          all.push(o);
          return o;
        };
        const b = new FormBridge({ inboxOrigins: SANDBOX.instanceOrigins, timeoutMs: 250 });
        const listening = window.__ucbListeners().message - base.message;

        // 1. Silent: TIMEOUT after the default wait, no timer left.
        let t0 = performance.now();
        const timeout = await track(b.getInteraction());
        const timeoutMs = performance.now() - t0;
        const timersAfterTimeout = window.__ucbTimers();

        // 2. Two callers, two waits, one request: each times out on its own, then no timer.
        t0 = performance.now();
        const short = track(b.getInteraction({ timeoutMs: 100 })),
          long = track(b.getInteraction({ timeoutMs: 400 }));
        const shortCode = await short;
        const shortMs = performance.now() - t0;
        const pendingBetween = b.pending;
        const longCode = await long;
        const longMs = performance.now() - t0;

        // 3. Abort: before and during; the other caller is left alone.
        const early = new AbortController();
        early.abort();
        const abortedBefore = await track(b.getInteraction({ signal: early.signal }));
        const ac = new AbortController();
        const aborted = track(b.getInteraction({ signal: ac.signal, timeoutMs: 60000 }));
        const other = track(b.getInteraction({ timeoutMs: 60000 }));
        const abortListeners = window.__ucbListeners().abort - base.abort;
        ac.abort();
        const abortedCode = await aborted;
        const afterAbort = { pending: b.pending, abort: window.__ucbListeners().abort - base.abort };

        // 3b. Two callers given one signal: the first times out alone, and the abort still
        // reaches the second (the signal's one listener stays while a caller holds it).
        const shared = new AbortController();
        const first = track(b.getInteraction({ signal: shared.signal, timeoutMs: 50 }));
        const second = track(b.getInteraction({ signal: shared.signal, timeoutMs: 60000 }));
        const firstCode = await first;
        const sharedListeners = window.__ucbListeners().abort - base.abort;
        shared.abort();
        /** @type {ReturnType<typeof setTimeout> | undefined} */
        let wait;
        const secondCode = await Promise.race([
          second,
          new Promise((ok) => {
            wait = setTimeout(() => ok('still waiting'), 1000);
          }),
        ]);
        clearTimeout(wait);

        // 4. destroy() with the other caller still waiting.
        b.destroy();
        b.destroy();
        const destroyedCode = await other;
        const later = await track(b.getInteraction());
        let closeCode = 'posted';
        try {
          b.close();
        } catch (e) {
          closeCode = e.code;
        }
        const timers = window.__ucbTimers();
        // Every promise has settled by now: a microtask turn, no timer needed.
        const flags = all.map(() => false);
        all.forEach((p, i) =>
          p.then(() => {
            flags[i] = true;
          }),
        );
        await new Promise((ok) => queueMicrotask(() => ok(null)));
        await Promise.resolve();
        const settled = flags.every(Boolean);
        const end = window.__ucbListeners();
        return {
          listening,
          timeout,
          timeoutMs,
          timersAfterTimeout,
          shortCode,
          shortMs,
          pendingBetween,
          longCode,
          longMs,
          abortedBefore,
          abortListeners,
          abortedCode,
          afterAbort,
          firstCode,
          sharedListeners,
          secondCode,
          destroyedCode,
          later,
          closeCode,
          settled,
          promises: all.length,
          timers,
          pending: b.pending,
          left: { message: end.message - base.message, abort: end.abort - base.abort },
        };
      });
      assertEq(r.listening, 1, 'one message listener while alive');
      assertEq(r.timeout, ['err', 'TIMEOUT'], 'silent Inbox: TIMEOUT');
      assert(r.timeoutMs >= 240 && r.timeoutMs < 3000, `after about the default wait (250 ms): ${r.timeoutMs}`);
      assertEq(r.timersAfterTimeout, 0, 'no timer left after TIMEOUT');
      assertEq(
        [r.shortCode, r.pendingBetween, r.longCode],
        [['err', 'TIMEOUT'], 1, ['err', 'TIMEOUT']],
        'each caller times out on its own wait',
      );
      assert(
        r.shortMs >= 90 && r.shortMs < r.longMs && r.longMs >= 390,
        `short ~100 ms (${r.shortMs}), then long ~400 ms (${r.longMs})`,
      );
      assertEq(
        [r.abortedBefore, r.abortedCode],
        [
          ['err', 'ABORTED'],
          ['err', 'ABORTED'],
        ],
        'aborted before and during',
      );
      assertEq(r.abortListeners, 1, 'one abort listener while a signal waits');
      assertEq(
        r.afterAbort,
        { pending: 1, abort: 0 },
        'the aborted caller gone with its listener; the other still waits',
      );
      assertEq(
        [r.firstCode, r.sharedListeners, r.secondCode],
        [['err', 'TIMEOUT'], 1, ['err', 'ABORTED']],
        'one signal, two callers: the first times out alone, the abort still reaches the second',
      );
      assertEq(
        [r.destroyedCode, r.later, r.closeCode],
        [['err', 'DESTROYED'], ['err', 'DESTROYED'], 'DESTROYED'],
        'destroy() rejects the waiting caller, and later calls',
      );
      assertEq([r.settled, r.promises], [true, 9], 'every promise settled');
      assertEq(
        [r.timers, r.pending, r.left],
        [0, 0, { message: 0, abort: 0 }],
        'no timer, nothing pending, no listener left',
      );
      // Each test's requests share one Inbox: 1 (silent) + 1 (two callers) + 1 (abort/other).
      // Cross-site the Inbox is another process, so the last request can still be in flight
      // when the form's promises have settled: wait for it, then count exactly.
      await page.waitForFunction(() => window.inbox.requests >= 3, null, FRAME_WAIT);
      assertEq(await page.evaluate(() => window.inbox.requests), 3, 'requests the Inbox saw');
      console.log(
        `figure: v6-settle case=form/${site} promises=${r.promises} settled=${r.settled ? r.promises : 0} timers-left=${r.timers} listeners-left=${r.left.message + r.left.abort}`,
      );
      assertEq(w.errors, [], 'no page errors');
    } finally {
      w.stop();
      await page.close();
    }
  });
}

test('v6/api [entry v6]: every export and method given hostile values fails only with UContactError; the uPhone still dials', async (ctx) => {
  const { page, uphone } = await openPhone(ctx, '127.0.0.1');
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.evaluate(() => {
      const { FormBridge, UContactEvents } = window.v6;
      const box = document.createElement('div');
      document.body.append(box);
      const events = new UContactEvents({ container: box, instanceOrigin: `http://127.0.0.1:${SANDBOX.instancePort}` });
      window.__makers = {
        phone: () => window.phone,
        events: () => events,
        form: () => new FormBridge({ inboxOrigins: SANDBOX.instanceOrigins, timeoutMs: 50 }),
      };
    });
    const r = await page.evaluate(hostileProbe, 'v6');
    const before = await uphone.evaluate(() => window.uphone.received.length);
    await page.evaluate(() => window.phone.makeCall({ number: '099123456', campaign: 'Ventas->' }));
    await uphone.waitForFunction((n) => window.uphone.received.length > n, before, WAIT);
    assertEq(r.bad, [], `calls that failed otherwise than with UContactError (of ${r.calls})`);
    assert(r.calls > 500, `calls made: ${r.calls}`);
    console.log(`figure: hostile-args entry=v6 calls=${r.calls} not-typed=${r.bad.length}`);
    assertEq(errors, [], 'no uncaught exceptions');
  } finally {
    await page.close();
  }
});

test('v6/uphone [entry v6]: a subscriber that frees or destroys its UPhone while an event is delivered: no page error, nothing after', async (ctx) => {
  let { page, uphone } = await openPhone(ctx, '127.0.0.1');
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    for (const how of ['free', 'destroy']) {
      await page.evaluate((how) => {
        window.reentry = [];
        window.phone.on('gettingCall', () => {
          window.reentry.push('gettingCall');
          window.phone[how]();
        });
        window.phone.on('event', (e) => window.reentry.push(`event ${e.action}`));
        window.phone.on('change', () => window.reentry.push('change'));
      }, how);
      await uphone.evaluate(() => window.uphone.fire('gettingCall', { guid: 'g-1', number: '099' }));
      await page.waitForFunction(() => window.reentry.length >= 1, null, WAIT);
      await uphone.evaluate(() => window.uphone.fire('agentLogin'));
      await page.waitForTimeout(150);
      const got = await page.evaluate(() => window.reentry);
      assertEq(got[0], 'gettingCall', `${how}: the subscriber ran`);
      assert(!got.includes('event agentLogin'), `${how}: nothing delivered after: ${got}`);
      if (how === 'free') {
        // A fresh UPhone on a new frame for the second round.
        await page.evaluate(() => {
          const box = document.createElement('div');
          document.body.append(box);
          window.phone = new window.v6.UPhone({
            container: box,
            instanceOrigin: `http://127.0.0.1:${SANDBOX.instancePort}`,
          });
        });
        uphone = await (async () => {
          const h = await page.waitForSelector('div:last-of-type > iframe');
          const f = await h.contentFrame();
          await f.waitForFunction(() => document.body && document.body.dataset.ready === 'uphone', null, FRAME_WAIT);
          return f;
        })();
      }
    }
    assertEq(errors, [], 'no uncaught exceptions');
  } finally {
    await page.close();
  }
});

test('v6/api [entry v6]: 2,000 random calls in random order over UPhone, FormBridge and UContactEvents fail only with UContactError and leave nothing behind', async (ctx) => {
  const { page, uphone } = await openPhone(ctx, '127.0.0.1');
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    const r = await page.evaluate(async () => {
      const v6 = window.v6;
      const instanceOrigin = `http://127.0.0.1:${SANDBOX.instancePort}`;
      let seed = 1201;
      const rnd = (n) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const pick = (a) => a[rnd(a.length)];
      const hostile = [
        undefined,
        null,
        0,
        -1,
        '',
        'x',
        {},
        [],
        Symbol('s'),
        () => {},
        new Proxy(
          {},
          {
            get() {
              throw new Error('trap');
            },
            ownKeys() {
              throw new Error('trap');
            },
          },
        ),
      ];
      const valid = {
        makeCall: () => ({ number: '099123456', campaign: 'Ventas->' }),
        makeSms: () => ({ number: '099123456', text: 'hola' }),
        on: () => pick(['event', 'change', 'gettingCall', 'reloaded', 'interaction']),
        off: () => 'event',
        getInteraction: () => pick([undefined, { timeoutMs: 30 }, { signal: AbortSignal.abort() }]),
      };
      const box = document.createElement('div');
      document.body.append(box);
      const makers = [
        () => new v6.UPhone({ container: box, instanceOrigin }),
        () => new v6.FormBridge({ inboxOrigins: SANDBOX.instanceOrigins, timeoutMs: 30 }),
        () => new v6.UContactEvents({ container: box, instanceOrigin }),
      ];
      const live = [],
        settling = [],
        bad = [];
      let calls = 0;
      const heap0 = v6.__heapInUse();
      const run = (label, f) => {
        calls++;
        try {
          const out = f();
          if (out && typeof out.then === 'function') {
            settling.push(
              out.then(
                () => {},
                (e) => {
                  if (!(e && e.name === 'UContactError'))
                    bad.push(`${label} rejected ${e && e.name}: ${e && e.message}`);
                },
              ),
            );
          }
        } catch (e) {
          if (e && e.name === 'UContactError') return;
          if (e && /null pointer passed to rust/.test(e.message)) return;
          bad.push(`${label} threw ${e && e.name}: ${e && e.message}`);
        }
      };
      for (let i = 0; i < 2000; i++) {
        const roll = rnd(100);
        if (live.length < 2 || roll < 4) {
          run('make', () => {
            live.push(pick(makers)());
          });
          continue;
        }
        const o = pick(live);
        if (roll < 7) {
          run('destroy', () => o.destroy());
          continue;
        }
        if (roll < 9) {
          run('free', () => o.free());
          live.splice(live.indexOf(o), 1);
          continue;
        }
        const proto = Object.getPrototypeOf(o);
        const names = Object.getOwnPropertyNames(proto).filter(
          (n) => typeof o[n] === 'function' && !['constructor', 'free', 'destroy'].includes(n) && !n.startsWith('__'),
        );
        const m = pick(names);
        const arg = rnd(3) === 0 ? pick(hostile) : valid[m] ? valid[m]() : pick(hostile);
        const second = m === 'on' || m === 'off' ? (rnd(2) ? () => {} : pick(hostile)) : pick(hostile);
        run(`${proto.constructor.name}.${m}`, () => o[m](arg, second));
      }
      await Promise.race([Promise.all(settling), new Promise((ok) => setTimeout(ok, 3000))]);
      for (const o of live) {
        try {
          o.free();
        } catch (e) {
          bad.push(`teardown ${e && e.name}: ${e && e.message}`);
        }
      }
      await new Promise((ok) => setTimeout(ok, 200));
      return {
        calls,
        bad: bad.slice(0, 20),
        nBad: bad.length,
        heapGrowth: v6.__heapInUse() - heap0,
        settled: settling.length,
      };
    });
    assertEq(r.bad, [], `failures other than UContactError (${r.nBad} of ${r.calls} calls)`);
    assert(r.heapGrowth < 64 * 1024, `wasm heap in use after everything was freed: +${r.heapGrowth} bytes`);
    // The page's own UPhone (made before the walk) still hears its frame.
    const before = await page.evaluate(() => window.seen.length);
    await uphone.evaluate(() => window.uphone.fire('agentLogin'));
    await page.waitForFunction((n) => window.seen.length > n, before, WAIT);
    console.log(
      `figure: random-walk entry=v6 calls=${r.calls} promises=${r.settled} not-typed=${r.nBad} heap-growth=${r.heapGrowth}`,
    );
    assertEq(errors, [], 'no uncaught exceptions');
  } finally {
    await page.close();
  }
});

test('v6/form [entry v6]: a form opened on its own (top level) rejects with NO_INTERACTION at once; close and sent throw NO_PORTAL', async (ctx) => {
  const page = await ctx.browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.addInitScript(INSTRUMENT);
    await page.goto(`http://127.0.0.1:${ctx.crmPort}/v6/form.html`);
    await page.waitForFunction(() => /NO_INTERACTION/.test(document.getElementById('result').textContent), null, {
      timeout: 2000,
    });
    const r = await page.evaluate(async () => {
      const t0 = performance.now();
      const outcome = await window.__outcome(window.bridge.getInteraction({ timeoutMs: 60000 }));
      const ms = performance.now() - t0;
      const codes = [];
      for (const f of ['close', 'sent']) {
        try {
          window.bridge[f]();
          codes.push('posted');
        } catch (e) {
          codes.push(e.code);
        }
      }
      return { outcome, ms, codes, timers: window.__ucbTimers(), pending: window.bridge.pending };
    });
    assertEq(r.outcome, ['err', 'NO_INTERACTION'], 'NO_INTERACTION');
    assert(r.ms < 100, `at once: ${r.ms} ms`);
    assertEq(
      [r.codes, r.timers, r.pending],
      [['NO_PORTAL', 'NO_PORTAL'], 0, 0],
      'close/sent throw NO_PORTAL; no timer, nothing pending',
    );
    assertEq(errors, [], 'no page errors');
  } finally {
    await page.close();
  }
});

// ---- UContactEvents -----------------------------------------------------------------------------

for (const { crmHost, site } of SITES) {
  test(`v6/events/${site} [entry v6]: Events API events arrive typed from the instance frame; forged ones from other windows are ignored; destroy() removes the listener`, async (ctx) => {
    const w = watch(ctx.browser.context, 'UContactEvents');
    const o = origins(ctx, crmHost);
    const page = await ctx.browser.context.newPage();
    try {
      await page.addInitScript(INSTRUMENT);
      await page.goto(`${o.crmOrigin}/v6/events-crm.html`);
      await page.waitForFunction(() => document.body.dataset.ready === 'wasm', null, WAIT);
      const instance = await frameOf(page, '#ucontact iframe');
      assertEq(instance.url(), `${o.instanceOrigin}/`, "the frame UContactEvents made: the instance's /");
      assertEq(await wasmLoaded(page.mainFrame()), V6_WASM, 'the wasm of the v6 entry');
      await page.evaluate(() => {
        window.byName = {};
        for (const n of [
          'assignedInteraction',
          'finishedInteraction',
          'sentDisposition',
          'changedTheme',
          'changedLanguage',
        ]) {
          window.ucontact.on(n, (e) => (window.byName[n] ||= []).push(e));
        }
        window.raw = 0;
        window.addEventListener('message', () => window.raw++);
      });
      const sent = [
        [
          'assignedInteraction',
          { guid: 'i-1', campaign: 'WA<-', channel: 'whatsapp', clientid: 59899000000, vip: true },
        ],
        ['finishedInteraction', { guid: 'i-1', agent: 'ana', duration: 125 }],
        ['sentDisposition', { guid: 'i-1', level1: 'Venta' }],
        ['changedTheme', 'dark'],
        ['changedLanguage', { language: 'es' }],
        ['agentBreak', { motive: 'lunch' }],
      ];
      const got = await fire(instance, page, sent, { key: 'instance' });
      assertEq(
        got.map((e) => [e.event, e.data]),
        [
          [
            'assignedInteraction',
            { guid: 'i-1', campaign: 'WA<-', channel: 'whatsapp', clientId: '59899000000', vip: true },
          ],
          ['finishedInteraction', { guid: 'i-1', agent: 'ana', duration: 125 }],
          ['sentDisposition', { guid: 'i-1', level1: 'Venta' }],
          ['changedTheme', 'dark'],
          ['changedLanguage', { language: 'es' }],
          ['agentBreak', { motive: 'lunch' }],
        ],
        "every event on 'event', typed where known (clientid -> clientId as a string)",
      );
      assertEq(
        got.map((e) => e.raw),
        sent.map(([event, data]) => ({ event, data })),
        'raw: as posted',
      );
      const byName = await page.evaluate(() => window.byName);
      assertEq(
        Object.fromEntries(Object.entries(byName).map(([k, v]) => [k, v.length])),
        { assignedInteraction: 1, finishedInteraction: 1, sentDisposition: 1, changedTheme: 1, changedLanguage: 1 },
        'each documented event on its own name; the unknown one on none',
      );
      // The page's UI: the instance's button. The customer line already matches from the event
      // fired above, so wait for the click's own event before counting.
      const beforeClick = await page.evaluate(() => window.seen.length);
      await page.evaluate(() => {
        document.getElementById('customer').textContent = '';
      });
      await instance.click('button[data-event=assignedInteraction]');
      await page.waitForFunction((n) => window.seen.length > n, beforeClick, WAIT);
      await page.waitForFunction(
        () => /client 59899000000 on whatsapp/.test(document.getElementById('customer').textContent),
        null,
        WAIT,
      );

      // Junk from the instance frame itself: not { event, data }, dropped.
      const seenBefore = await page.evaluate(() => window.seen.length);
      const rawBefore = await page.evaluate(() => window.raw);
      const junk = await instance.evaluate(() => {
        const ms = [null, 'assignedInteraction', { action: 'makeCall' }, { event: 5 }, []];
        for (const m of ms) window.parent.postMessage(m, window.instance.parentOrigin);
        return ms.length;
      });
      await page.waitForFunction((n) => window.raw >= n, rawBefore + junk, WAIT);
      assertEq(await page.evaluate(() => window.seen.length), seenBefore, 'junk from the instance frame is no event');

      // Forged: a sibling frame on another origin, another window on the instance origin, the page itself.
      await page.evaluate(
        ([a, b]) => {
          for (const [id, src] of [
            ['other', a],
            ['same', b],
          ]) {
            const f = document.createElement('iframe');
            f.id = id;
            f.src = src;
            document.body.append(f);
          }
        },
        [`${o.otherOrigin}/instance.html?role=forger`, `${o.instanceOrigin}/instance.html?role=forger`],
      );
      const senders = [
        ['sibling-other-origin', await frameOf(page, '#other'), 'parent'],
        ['same-origin-other-window', await frameOf(page, '#same'), 'parent'],
        ['self', page.mainFrame(), 'window'],
      ];
      const forged = (tag) => [
        {
          event: 'assignedInteraction',
          data: { guid: `forged-${tag}`, campaign: 'Forged<-', channel: 'whatsapp', clientId: '066' },
        },
        { event: 'finishedInteraction', data: { guid: 'i-1' } },
        { event: 'sentDisposition', data: {} },
        { event: 'changedTheme', data: 'evil' },
        { event: 'changedLanguage', data: 'xx' },
        { event: 'agentBreak' },
        JSON.stringify({ event: 'assignedInteraction', data: { guid: `forged-${tag}` } }),
      ];
      const rawBeforeForged = await page.evaluate(() => window.raw);
      let messagesSent = 0;
      for (const [name, frame, target] of senders) {
        messagesSent += await frame.evaluate(
          ([t, ms]) => {
            const to = new Function(`return ${t};`)();
            for (const m of ms) to.postMessage(m, '*');
            return ms.length;
          },
          [target, forged(name)],
        );
      }
      await page.waitForFunction((n) => window.raw >= n, rawBeforeForged + messagesSent, WAIT);
      const forgedAccepted = (await page.evaluate(() => window.seen.length)) - seenBefore;
      // Still heard from the real frame afterwards.
      const after = await fire(instance, page, [['finishedInteraction', { guid: 'i-2' }]], { key: 'instance' });
      const realDelivered = got.length + after.filter((e) => e.data.guid === 'i-2').length;
      console.log(
        `figure: hostile case=v6-events/${site} forged-accepted=${forgedAccepted} exceptions=${engineCan(ctx.engine, 'pageErrors') ? w.errors.length : 'unseen'} real-delivered=${realDelivered}/${sent.length + 1} messages-sent=${messagesSent + junk}`,
      );
      assertEq(forgedAccepted, 0, 'forged events accepted');
      assertEq(realDelivered, sent.length + 1, 'every real event arrived');

      // destroy(): the listener goes, nothing arrives any more.
      const r = await page.evaluate(() => {
        const before = window.__ucbListeners().message;
        window.ucontact.destroy();
        window.ucontact.destroy();
        return { before, after: window.__ucbListeners().message, frameKept: document.contains(window.ucontact.frame) };
      });
      // The page's own raw counter is the one listener left.
      assertEq(
        [r.before, r.after, r.frameKept],
        [2, 1, true],
        'destroy() removed its message listener; the frame stays',
      );
      const seenAtDestroy = await page.evaluate(() => window.seen.length);
      const rawAtDestroy = await page.evaluate(() => window.raw);
      await instance.evaluate(() => window.instance.fire('changedTheme', 'light'));
      await page.waitForFunction((n) => window.raw > n, rawAtDestroy, WAIT);
      assertEq(await page.evaluate(() => window.seen.length), seenAtDestroy, 'no event after destroy()');
      assertEq(w.errors, [], 'no exceptions, no console errors');
    } finally {
      w.stop();
      await page.close();
    }
  });
}
