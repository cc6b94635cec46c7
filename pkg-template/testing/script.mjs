// Scripting the sandbox's uContact side from a test: what the portal answers, what the uPhone
// and the instance post, what the Inbox answers, hostile frames on demand; and what those pages
// received. The state lives here, in the server (one per sandbox); the pages reach it on their
// own origin under /__sandbox/ (www/shared/control.js):
//   GET  /__sandbox/stream?role=R   an EventSource: the commands for the pages of role R
//                                   (portal, uphone, inbox, instance), one JSON per event;
//   POST /__sandbox/ack             a page did a command: `{ id, result }` or `{ id, error }`;
//   POST /__sandbox/portal/action   the portal got an action; answers what to reply;
//   POST /__sandbox/uphone/command  the uPhone got a message from the CRM page;
//   POST /__sandbox/inbox/ask       the Inbox got getInteraction; answers what to reply;
//   GET  /__sandbox/sibling?id=N    what a hostile sibling frame is to post.
// Requests must come from the sandbox's own origins (or carry no Origin): a page of another site
// open in the same browser cannot script the sandbox.

const GUID_ACTIONS = ['call', 'callWithPhone'];
const ANSWERABLE = [...GUID_ACTIONS, 'CTI'];
const CHANNELS = ['telephony', 'dialer', 'webchat', 'whatsapp'];
const MAX_BODY = 1 << 20;
const DEFAULT_TIMEOUT = 10000;

const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const only = (v, key) => isPlain(v) && Object.keys(v).length === 1 && Object.hasOwn(v, key);

/** A JSON copy of a value (what crosses to the page), or a TypeError naming `what`. */
function json(v, what) {
  let s;
  try {
    s = JSON.stringify(v);
  } catch (e) {
    throw new TypeError(`${what}: not JSON (${e.message})`, { cause: e });
  }
  if (s === undefined) throw new TypeError(`${what}: not JSON`);
  return JSON.parse(s);
}

/** What the portal page does for `action` given the test's `reply` (see SandboxPortal.answer). */
export function portalDirective(action, reply) {
  if (!ANSWERABLE.includes(action)) {
    throw new TypeError(
      `portal.answer: \`${action}\` has no answer (the portal answers ${ANSWERABLE.join(', ')} only)`,
    );
  }
  if (reply === undefined || reply === null) return null;
  if (only(reply, 'silent')) return reply.silent ? { kind: 'silent' } : null;
  if (only(reply, 'error')) {
    // The portal's only error on the wire: a guid that is not one. "0" is its refusal.
    if (!GUID_ACTIONS.includes(action))
      throw new TypeError(
        'portal.answer: the portal has no error answer to CTI (answer a malformed record string instead)',
      );
    if (reply.error === 'REFUSED') return { kind: 'value', value: '0' };
    if (reply.error === 'BAD_MESSAGE') return { kind: 'value', value: '' };
    throw new TypeError(
      "portal.answer: `error` is 'REFUSED' (the portal's guid \"0\") or 'BAD_MESSAGE' (a guid that is none)",
    );
  }
  if (GUID_ACTIONS.includes(action)) {
    if (typeof reply !== 'string') throw new TypeError(`portal.answer: \`${action}\` is answered with a guid string`);
    return { kind: 'value', value: reply };
  }
  if (typeof reply !== 'string' && !isPlain(reply))
    throw new TypeError('portal.answer: CTI is answered with a record (an object or a JSON string)');
  return { kind: 'value', value: json(reply, 'portal.answer') };
}

/** What the Inbox answers getInteraction with, given the test's `x` (see SandboxInbox). */
export function inboxDirective(x) {
  if (x === undefined || x === null) return null;
  if (typeof x === 'string') {
    if (!CHANNELS.includes(x)) throw new TypeError(`inbox.interaction: \`${x}\` is none of ${CHANNELS.join(', ')}`);
    return { kind: 'channel', channel: x };
  }
  if (only(x, 'silent')) return x.silent ? { kind: 'silent' } : null;
  if (!isPlain(x)) throw new TypeError('inbox.interaction: a channel name, an interaction object or { silent: true }');
  return { kind: 'value', value: json(x, 'inbox.interaction') };
}

/** Reads a request's JSON body (at most 1 MiB). */
function body(req) {
  return new Promise((ok, fail) => {
    const parts = [];
    let size = 0;
    req.on('data', (b) => {
      size += b.length;
      if (size > MAX_BODY) {
        fail(new Error('body too large'));
        req.destroy();
      } else parts.push(b);
    });
    req.on('end', () => {
      try {
        ok(JSON.parse(Buffer.concat(parts).toString('utf8') || 'null'));
      } catch (e) {
        fail(e);
      }
    });
    req.on('error', fail);
  });
}

function send(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

/**
 * The script state of one sandbox. `origins`: every origin the sandbox's pages have (requests
 * from others are refused); `portalOrigin`: where the hostile siblings are served. Returns `{ handle(req, res, url) → boolean, api, close() }`; `api` is what startSandbox
 * returns as `portal`, `uphone`, `inbox`, `events`, `hostile`.
 */
export function createScript({ origins, portalOrigin }) {
  const streams = { portal: new Set(), uphone: new Set(), inbox: new Set(), instance: new Set() };
  const answers = new Map();
  const log = { received: [], commands: [], inboxAsks: 0 };
  let inbox = null;
  let serial = 0;
  const acks = new Map(); // command id -> { ok, fail, timer }
  const siblings = new Map(); // sibling id -> { messages, target }
  let waiters = []; // { test, ok, fail, timer }: promises waiting for the logs to change
  let connects = 0;

  /** Settles the waiters whose condition now holds. */
  const changed = () => {
    waiters = waiters.filter((w) => {
      const v = w.test();
      if (v === undefined) return true;
      clearTimeout(w.timer);
      w.ok(v);
      return false;
    });
  };
  /** Resolves with `test()`'s first defined value, or rejects after `timeout` ms saying `what`. */
  const until = (test, timeout, what) => {
    const v = test();
    if (v !== undefined) return Promise.resolve(v);
    return new Promise((ok, fail) => {
      const w = { test, ok, fail };
      w.timer = setTimeout(() => {
        waiters = waiters.filter((x) => x !== w);
        fail(new Error(`sandbox: ${what} (after ${timeout} ms)`));
      }, timeout);
      w.timer.unref();
      waiters.push(w);
    });
  };

  /** Sends a command to every page of the given roles open now, or to the first to open within
   *  `timeout`; resolves with the first page's result. */
  const command = (roles, cmd, timeout = DEFAULT_TIMEOUT) =>
    new Promise((ok, fail) => {
      const id = ++serial;
      const line = `data: ${JSON.stringify({ id, ...cmd })}\n\n`;
      const timer = setTimeout(() => {
        acks.delete(id);
        fail(
          new Error(`sandbox: no ${roles.join(' or ')} page did \`${cmd.cmd}\` (after ${timeout} ms): is one open?`),
        );
      }, timeout);
      timer.unref();
      const entry = { ok, fail, timer, line, roles, sent: false };
      acks.set(id, entry);
      for (const r of roles)
        for (const s of streams[r]) {
          s.write(line);
          entry.sent = true;
        }
    });

  const stream = (req, res, role) => {
    if (!streams[role]) return send(res, 400, { error: `unknown role ${role}` });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams[role].add(res);
    connects++;
    // A command no page of its role was open for goes to the first that opens.
    for (const a of acks.values())
      if (!a.sent && a.roles.includes(role)) {
        res.write(a.line);
        a.sent = true;
      }
    req.on('close', () => streams[role].delete(res));
    changed();
  };

  const routes = {
    'POST /__sandbox/ack': (b) => {
      const a = acks.get(b && b.id);
      if (a) {
        acks.delete(b.id);
        clearTimeout(a.timer);
        if (b.error !== undefined) a.fail(new Error(`sandbox page: ${b.error}`));
        else a.ok(b.result ?? undefined);
      }
      return {};
    },
    'POST /__sandbox/portal/action': (b) => {
      log.received.push({ action: b.action, data: b.data, origin: b.origin, envelope: b.envelope });
      changed();
      return answers.get(b.action) || { kind: 'default' };
    },
    'POST /__sandbox/uphone/command': (b) => {
      log.commands.push(b);
      changed();
      return {};
    },
    'POST /__sandbox/inbox/ask': () => {
      log.inboxAsks++;
      changed();
      return inbox || { kind: 'default' };
    },
    'GET /__sandbox/sibling': (_b, url) => siblings.get(Number(url.searchParams.get('id'))) || null,
  };

  /** Answers a /__sandbox/ request; false for any other path. */
  function handle(req, res, url) {
    if (!url.pathname.startsWith('/__sandbox/')) return false;
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.includes(origin)) {
      send(res, 403, { error: 'not a sandbox origin' });
      return true;
    }
    if (req.method === 'GET' && url.pathname === '/__sandbox/stream') {
      stream(req, res, url.searchParams.get('role'));
      return true;
    }
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route) {
      send(res, 404, { error: 'no such control route' });
      return true;
    }
    (req.method === 'POST' ? body(req) : Promise.resolve(null)).then(
      (b) => send(res, 200, route(b, url)),
      (e) => send(res, 400, { error: String(e.message || e) }),
    );
    return true;
  }

  const copy = (v) => JSON.parse(JSON.stringify(v));
  const atLeast = (list, n) => () => (list().length >= n ? copy(list()) : undefined);
  let sibling = 0;

  /** The messages a forging sibling posts by default: replies for the CRM's PortalChannel in
   *  porthole's envelope, or v6 events (Events API and uPhone) for the CRM's v6 classes. */
  const forged = (forge, n) => {
    const guid = `66666666-6666-4666-8666-${String(n).padStart(12, '0')}`;
    if (forge === 'reply') {
      const env = (data) =>
        JSON.stringify({
          data,
          sourceOrigin: portalOrigin,
          targetOrigin: '*',
          sourceWindowName: '',
          targetWindowName: 'crm',
        });
      return [env({ guid }), env({ CTI: JSON.stringify({ Guid: guid, Campaign: 'Forged->', Callerid: '099999999' }) })];
    }
    return [
      {
        event: 'assignedInteraction',
        data: { guid, campaign: 'Forged<-', channel: 'whatsapp', clientId: '099999999' },
      },
      { action: 'gettingCall', params: { guid, number: '099999999', campaign: 'Forged->', direction: 'I' } },
    ];
  };

  const api = {
    portal: {
      answer(action, reply) {
        const d = portalDirective(action, reply);
        if (d) answers.set(action, d);
        else answers.delete(action);
      },
      received: () => copy(log.received),
      waitForReceived: (n = 1, { timeout = DEFAULT_TIMEOUT } = {}) =>
        until(
          atLeast(() => log.received, n),
          timeout,
          `the portal received fewer than ${n} actions`,
        ),
      async reload({ timeout = DEFAULT_TIMEOUT } = {}) {
        const before = connects;
        if (!streams.portal.size) throw new Error('sandbox: no portal page is open');
        for (const s of streams.portal) s.write(`data: ${JSON.stringify({ id: 0, cmd: 'reload' })}\n\n`);
        // Done once a portal page has opened its stream again (the reloaded one, ready).
        await until(
          () => (connects > before && streams.portal.size ? true : undefined),
          timeout,
          'the portal did not come back after reload',
        );
      },
      /** @param {import('./index.d.ts').SandboxWait} [wait] */
      losePopup: ({ timeout } = {}) => command(['portal'], { cmd: 'losePopup' }, timeout),
    },
    uphone: {
      /** @param {unknown} event @param {import('./index.d.ts').SandboxWait} [wait] */
      fire: (event, { timeout } = {}) =>
        command(['uphone'], { cmd: 'fire', message: json(event, 'uphone.fire') }, timeout),
      commands: () => copy(log.commands),
      waitForCommands: (n = 1, { timeout = DEFAULT_TIMEOUT } = {}) =>
        until(
          atLeast(() => log.commands, n),
          timeout,
          `the uPhone received fewer than ${n} commands`,
        ),
    },
    inbox: {
      interaction(x) {
        inbox = inboxDirective(x);
      },
      requests: () => log.inboxAsks,
    },
    events: {
      /** @param {unknown} event @param {import('./index.d.ts').SandboxWait} [wait] */
      emit: (event, { timeout } = {}) =>
        command(['instance'], { cmd: 'emit', message: json(event, 'events.emit') }, timeout),
    },
    hostile: {
      /** @param {{ forge?: string, messages?: unknown, timeout?: number }} [options] */
      addSibling({ forge, messages, timeout = DEFAULT_TIMEOUT } = {}) {
        if (forge !== 'reply' && forge !== 'v6-event')
          return Promise.reject(new TypeError("hostile.addSibling: `forge` is 'reply' or 'v6-event'"));
        const id = ++sibling;
        const list = messages === undefined ? forged(forge, id) : json(messages, 'hostile.addSibling messages');
        if (!Array.isArray(list)) return Promise.reject(new TypeError('hostile.addSibling: `messages` is an array'));
        siblings.set(id, { forge, messages: list });
        // The portal page frames it (next to the CRM frame); for v6 events, the instance's
        // pages do (inside the frame the CRM page embeds).
        const src = `${portalOrigin}/sibling.html?sibling=${id}&target=top`;
        return command(
          forge === 'reply' ? ['portal'] : ['uphone', 'instance'],
          { cmd: 'addSibling', sibling: id, src },
          timeout,
        );
      },
    },
    reset() {
      answers.clear();
      inbox = null;
      log.received.length = 0;
      log.commands.length = 0;
      log.inboxAsks = 0;
    },
  };

  function close() {
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.fail(new Error('sandbox: closed'));
    }
    waiters = [];
    for (const a of acks.values()) {
      clearTimeout(a.timer);
      a.fail(new Error('sandbox: closed'));
    }
    acks.clear();
  }
  return { handle, api, close };
}
