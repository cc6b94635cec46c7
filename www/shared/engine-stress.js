// The engine stress run (tests/e2e/engine-stress.test.mjs; tests/engine-bugs/README.md says
// why it exists): opens sealed CTI records and edits Respools with a build of the library,
// thousands of times in one page load, and checks every result against a value computed
// without the wasm. A JavaScript engine that miscompiles the module shows up here as a count
// of wrong results or traps instead of a rare failure somewhere else.
//
// Every envelope is sealed by the page's WebCrypto (AES-256-GCM, the `ucb2.` layout of
// src/cti/envelope.rs), so what the wasm opens was not made by the wasm. Open this file's page,
// /shared/engine-stress.html, to run it by hand; `run()` is what the test calls.

/** The record template: `{i}` becomes the record's number, so each record decodes to values
 *  of its own. */
function recordText(i) {
  const n = String(i).padStart(6, '0');
  return JSON.stringify({
    Guid: `7e4e7db9-f080-494e-b04b-${n}47711558`,
    Screen: 'TRUE',
    Campaign: 'Ventas->',
    Callerid: `098${n}`,
    ParAndValues: `idcustomer=${i}:name=Seba`,
    Beep: 'FALSE',
    Answer: 'TRUE',
    Dialer: {
      campaign: 'Ventas->',
      destination: `098${n}`,
      dialerbase: 'basetest',
      status: 1,
      data: `Par1=Val${i}`,
      alternatives: `097${n}:099${n}:091${n}`,
      contact: i,
      retries: i % 5,
      priority: 9000 + (i % 900),
      agentphone: '1001',
    },
  });
}

/** What the wasm must read from record `i`: a few fields from every part of it. */
function expected(i) {
  const r = JSON.parse(recordText(i));
  return {
    guid: r.Guid,
    idcustomer: String(i),
    destination: r.Dialer.destination,
    contact: i,
    retries: r.Dialer.retries,
    alternatives: r.Dialer.alternatives.split(':'),
    data: [['Par1', `Val${i}`]],
  };
}

function read(record) {
  return {
    guid: record.guid,
    idcustomer: record.parAndValues[0][1],
    destination: record.dialer.destination,
    contact: record.dialer.contact,
    retries: record.dialer.retries,
    alternatives: record.dialer.alternatives,
    data: record.dialer.data,
  };
}

const b64 = (bytes) => btoa(String.fromCharCode(...bytes));

/** Seals `text` with WebCrypto as a `ucb2.` envelope: kcv ‖ nonce ‖ AES-256-GCM(text, aad =
 *  "ucb2." ‖ kcv). The check value is AES(key, "ucb2 kcv" ‖ 0⁸), computed as the first CTR
 *  keystream block from that counter. */
async function sealer(keyBytes) {
  const gcm = await crypto.subtle.importKey('raw', keyBytes, 'AES-GCM', false, ['encrypt']);
  const ctr = await crypto.subtle.importKey('raw', keyBytes, 'AES-CTR', false, ['encrypt']);
  const kcvBlock = new Uint8Array(16);
  kcvBlock.set(new TextEncoder().encode('ucb2 kcv'));
  const kcv = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CTR', counter: kcvBlock, length: 32 }, ctr, new Uint8Array(16)),
  ).slice(0, 4);
  const aad = new Uint8Array([...new TextEncoder().encode('ucb2.'), ...kcv]);
  return {
    kcvHex: [...kcv].map((b) => b.toString(16).padStart(2, '0')).join(''),
    async seal(text) {
      const nonce = crypto.getRandomValues(new Uint8Array(12));
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv: nonce, additionalData: aad },
          gcm,
          new TextEncoder().encode(text),
        ),
      );
      return 'ucb2.' + b64(new Uint8Array([...kcv, ...nonce, ...sealed]));
    },
  };
}

/** A small seeded generator (mulberry32): the same edits on every engine and load. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The Respool edits, each applied to the wasm object and to a plain model of the row; a
 *  refused edit (INVALID_ARGUMENT) must leave both as they were. Returns the edits made. */
const EDITS = [
  (r, m, rnd) => {
    const n = Math.floor(rnd() * 4294967296);
    r.setRetries(n);
    m.retries = n;
  },
  (r, _m) => refused(() => r.setRetries(2.5)),
  (r, _m) => refused(() => r.setRetries(-1)),
  (r, m, rnd) => {
    const n = 2 + Math.floor(rnd() * 100000);
    r.setPriority(n);
    m.priority = n;
  },
  (r, _m) => refused(() => r.setPriority(1)),
  (r, m, rnd) => {
    const i = Math.floor(rnd() * m.alternatives.length);
    const n = m.alternatives[i];
    r.promote(n);
    m.alternatives[i] = m.destination;
    m.destination = n;
    m.retries = 0;
  },
  (r, _m) => refused(() => r.promote('000')),
  (r, m) => {
    const order = [...m.alternatives].reverse();
    r.reorderAlternatives(order);
    m.alternatives = order;
  },
  (r, m, rnd) => {
    const k = `k${Math.floor(rnd() * 4)}`,
      v = `v${Math.floor(rnd() * 1000)}`;
    r.setData(k, v);
    const at = m.data.findIndex(([key]) => key === k);
    if (at < 0) m.data.push([k, v]);
    else m.data[at] = [k, v];
  },
  (r, m, rnd) => {
    const k = `k${Math.floor(rnd() * 4)}`;
    const had = m.data.some(([key]) => key === k);
    if (r.removeData(k) !== had) throw new Wrong(`removeData(${k}) !== ${had}`);
    m.data = m.data.filter(([key]) => key !== k);
  },
  (r, _m) => refused(() => r.setData('bad:key', 'v')),
  (r, m, rnd) => {
    const p = String(1000 + Math.floor(rnd() * 9000));
    r.setAgentphone(p);
    m.agentphone = p;
  },
];

class Wrong extends Error {}

function refused(edit) {
  try {
    edit();
  } catch (e) {
    if (e && e.code === 'INVALID_ARGUMENT') return;
    throw e;
  }
  throw new Wrong('an invalid edit was accepted');
}

function modelJson(m) {
  return JSON.stringify({
    campaign: m.campaign,
    destination: m.destination,
    dialerbase: m.dialerbase,
    status: m.status,
    data: m.data.map(([k, v]) => `${k}=${v}`).join(':'),
    alternatives: m.alternatives.join(':'),
    contact: m.contact,
    retries: m.retries,
    priority: m.priority,
    agentphone: m.agentphone,
  });
}

/** A trap or an engine error, as opposed to an error the library throws on purpose. */
function isTrap(e) {
  return !(e && e.name === 'UContactError') && !(e instanceof Wrong);
}

/**
 * Runs the stress in this page and returns the counts: `{ records, edits, traps, wrong,
 * problems }` (`problems`: the first few failures, as text). Stops at the first trap: the
 * module's memory can no longer be trusted after one.
 *   pkg      the ES module of a build (default: the sandbox's full build)
 *   records  records to open (each checked field by field; every 16th also sealed by the
 *            wasm and read back through localStorage)
 *   edits    Respool edits (each checked against the model; the whole row after each run of 8)
 *   seed     the edit sequence's seed
 */
export async function run({ pkg = '/pkg/full/esm/ucontact-bridge.js', records = 2000, edits = 2000, seed = 1 } = {}) {
  const lib = await import(pkg);
  await lib.default();
  const counts = { records: 0, edits: 0, traps: 0, wrong: 0, problems: [] };
  const problem = (what, e) => {
    if (counts.problems.length < 8)
      counts.problems.push(
        `${what}: ${e && e.stack ? `${e.message} @ ${String(e.stack).split('\n').slice(0, 4).join(' < ')}` : e}`,
      );
  };
  const keyBytes = crypto.getRandomValues(new Uint8Array(32));
  const keyText = b64(keyBytes);
  const webcrypto = await sealer(keyBytes);
  const key = new lib.CtiKey(keyText);
  if (key.checkValue !== webcrypto.kcvHex) {
    counts.wrong++;
    problem('checkValue', `${key.checkValue} !== ${webcrypto.kcvHex}`);
  }
  // A pool of envelopes, opened in turn: each one was sealed by WebCrypto with a nonce of its own.
  const POOL = 64;
  const pool = [];
  for (let i = 0; i < POOL; i++)
    pool.push({ envelope: await webcrypto.seal(recordText(i)), want: JSON.stringify(expected(i)) });
  const rnd = prng(seed);
  try {
    for (let i = 0; i < records; i++) {
      const { envelope, want } = pool[i % POOL];
      let got,
        respool = null;
      try {
        const opened = key.open(envelope);
        respool = opened.respool;
        got = JSON.stringify(read(opened.record));
        if (got === want && respool.destination !== JSON.parse(want).destination)
          got = 'respool.destination ' + respool.destination;
        if (i % 16 === 15) {
          // The wasm's own seal, read back through real localStorage.
          const mine = key.seal(recordText(i));
          localStorage.setItem('ucb.stress', mine);
          const back = JSON.stringify(read(lib.readCtiFromStorage({ storageKey: 'ucb.stress', key: keyText })));
          if (back !== JSON.stringify(expected(i))) got = 'sealed by the wasm: ' + back;
        }
      } catch (e) {
        if (isTrap(e)) throw e;
        got = `${e.code}: ${e.message}`;
      } finally {
        if (respool) respool.free();
      }
      counts.records++;
      if (got !== want) {
        counts.wrong++;
        problem(`record ${i}`, `${got} !== ${want}`);
      }
    }
    // Respool edits: runs of 8 on a fresh Respool each, from the record's own row.
    let row = null,
      model = null;
    for (let e = 0; e < edits; e++) {
      if (e % 8 === 0) {
        if (row) row.free();
        const i = e % POOL;
        row = key.respool(pool[i].envelope);
        const d = JSON.parse(recordText(i)).Dialer;
        model = { ...d, data: d.data.split(':').map((s) => s.split('=')), alternatives: d.alternatives.split(':') };
      }
      const edit = EDITS[Math.floor(rnd() * EDITS.length)];
      try {
        edit(row, model, rnd);
        if (row.retries !== model.retries || row.destination !== model.destination)
          throw new Wrong(`getters ${row.retries}/${row.destination}`);
        if (e % 8 === 7 && JSON.stringify(row.toJSON()) !== modelJson(model))
          throw new Wrong(`toJSON ${JSON.stringify(row.toJSON())} !== ${modelJson(model)}`);
      } catch (err) {
        if (isTrap(err)) throw err;
        counts.wrong++;
        problem(`edit ${e}`, err);
        row.free();
        row = null;
        e += 7 - (e % 8); // a fresh row for the next run
      }
      counts.edits++;
    }
    if (row) row.free();
  } catch (e) {
    counts.traps++;
    problem('trap', e);
  } finally {
    localStorage.removeItem('ucb.stress');
  }
  return counts;
}
