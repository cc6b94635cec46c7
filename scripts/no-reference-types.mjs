// Checks that shipped .wasm modules use no reference types (docs/decisions/no-reference-types.md
// says why: JavaScriptCore traps on wasm-bindgen's externref table). A module passes when
//   - its `target_features` section, if it has one, does not declare `reference-types`;
//   - it has at most one table, of funcref (wasm-bindgen's externref table is the one to catch);
//   - no function type, local, global, block or element segment names externref;
//   - no function uses an instruction of the reference-types proposal: table.get, table.set,
//     table.grow, table.size, table.fill, ref.null, ref.is_null, ref.func, a typed `select`, or
//     a call_indirect / table.init / table.copy on a table other than 0.
// Every function body is decoded instruction by instruction, and must end exactly where its size
// says: an opcode this decoder does not know fails the check rather than being skipped.
// A single-file build (`.js`) is checked through the .wasm inlined in it (scripts/inline-wasm.mjs
// says how it is written; it is decoded here the same way).
// Before the files, a self-test: a module with an externref table and a `table.get` must be
// caught, and one with a funcref table must pass, so a decoder that sees nothing cannot pass.
//
// Usage: node scripts/no-reference-types.mjs FILE...
// Prints `ok    FILE` or `FAIL  FILE: what was found`, then `no-reference-types: N passed, M failed`.
import { readFileSync } from 'node:fs';

const FUNCREF = 0x70,
  EXTERNREF = 0x6f;
const VALTYPES = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b, FUNCREF, EXTERNREF]);

// A reader over one module's bytes; every read throws past the end.
function reader(buf, at = 0, end = buf.length) {
  const r = {
    at,
    end,
    byte() {
      if (r.at >= r.end) throw new Error(`read past the end at ${r.at}`);
      return buf[r.at++];
    },
    u32() {
      let n = 0,
        shift = 0,
        b;
      do {
        b = r.byte();
        n += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      return n;
    },
    skipLeb() {
      while (r.byte() & 0x80);
    },
    skip(n) {
      if (r.at + n > r.end) throw new Error(`read past the end at ${r.at}`);
      r.at += n;
    },
    name() {
      const len = r.u32();
      r.skip(len);
      return buf.toString('utf8', r.at - len, r.at);
    },
  };
  return r;
}

// What one module holds of reference types: a list of findings (empty when it has none).
function findReferenceTypes(bytes) {
  const buf = Buffer.from(bytes);
  if (buf.length < 8 || buf.readUInt32LE(0) !== 0x6d736100) return ['not a wasm module'];
  const found = new Map();
  const note = (what) => found.set(what, (found.get(what) || 0) + 1);
  let tables = 0;
  const valtype = (r, where) => {
    const t = r.byte();
    if (!VALTYPES.has(t)) throw new Error(`value type 0x${t.toString(16)} in ${where}`);
    if (t === EXTERNREF) note(`externref in ${where}`);
    return t;
  };
  const table = (reftype) => {
    tables++;
    if (reftype !== FUNCREF) note(`a table of type 0x${reftype.toString(16)}`);
  };
  const limits = (r) => {
    const flags = r.byte();
    r.skipLeb();
    if (flags & 1) r.skipLeb();
  };
  const s = reader(buf, 8);
  while (s.at < s.end) {
    const id = s.byte();
    const size = s.u32();
    const r = reader(buf, s.at, s.at + size);
    s.skip(size);
    if (id === 0) {
      if (r.name() !== 'target_features') continue;
      for (let n = r.u32(); n > 0; n--) {
        const prefix = String.fromCharCode(r.byte());
        if (r.name() === 'reference-types' && prefix !== '-') note('target_features declares reference-types');
      }
    } else if (id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        if (r.byte() !== 0x60) throw new Error('a type that is not a function type');
        for (let k = r.u32(); k > 0; k--) valtype(r, 'a function type');
        for (let k = r.u32(); k > 0; k--) valtype(r, 'a function type');
      }
    } else if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) r.skipLeb();
        else if (kind === 1) {
          table(r.byte());
          limits(r);
        } else if (kind === 2) limits(r);
        else if (kind === 3) {
          valtype(r, 'an imported global');
          r.byte();
        } else if (kind === 4) {
          r.byte();
          r.skipLeb();
        } else throw new Error(`import kind ${kind}`);
      }
    } else if (id === 4) {
      for (let n = r.u32(); n > 0; n--) {
        table(r.byte());
        limits(r);
      }
    } else if (id === 6) {
      for (let n = r.u32(); n > 0; n--) {
        valtype(r, 'a global');
        r.byte();
        code(r, note);
      }
    } else if (id === 9) {
      elements(r, note);
    } else if (id === 10) {
      for (let n = r.u32(); n > 0; n--) {
        const len = r.u32();
        const body = reader(buf, r.at, r.at + len);
        r.skip(len);
        for (let k = body.u32(); k > 0; k--) {
          body.skipLeb();
          valtype(body, 'a local');
        }
        code(body, note);
        if (body.at !== body.end) throw new Error(`a function body ends at ${body.at}, not ${body.end}`);
      }
    }
  }
  if (tables > 1) note(`${tables} tables`);
  return [...found].map(([what, n]) => (n > 1 ? `${what} (${n})` : what));
}

// Element segments (their eight encodings): a reftype other than funcref, or a table other than 0.
function elements(r, note) {
  for (let n = r.u32(); n > 0; n--) {
    const flags = r.u32();
    if (flags > 7) throw new Error(`element segment flags ${flags}`);
    if (flags & 2 && !(flags & 1) && r.u32() !== 0) note('an element segment for a table other than 0');
    if (!(flags & 1)) code(r, note); // active: its offset expression
    if (flags & 3) {
      const kind = r.byte(); // elemkind (0 = funcref) or, with expressions, a reftype
      if (flags & 4 ? kind !== FUNCREF : kind !== 0) note('an element segment not of funcref');
    }
    for (let k = r.u32(); k > 0; k--) {
      if (flags & 4) code(r, note);
      else r.skipLeb();
    }
  }
}

// One expression, decoded up to its final `end`: counts what belongs to reference types.
function code(r, note) {
  let depth = 1;
  const blocktype = () => {
    const t = r.byte();
    if (t === 0x40) return;
    if (VALTYPES.has(t)) {
      if (t === EXTERNREF) note('externref in a block type');
      return;
    }
    r.at--;
    r.skipLeb(); // a type index (s33)
  };
  const memarg = () => {
    if (r.u32() & 0x40) r.skipLeb(); // multi-memory: a memory index follows
    r.skipLeb();
  };
  while (depth > 0) {
    const op = r.byte();
    if (op === 0x02 || op === 0x03 || op === 0x04 || op === 0x06) {
      blocktype();
      depth++;
    } else if (op === 0x0b) depth--;
    else if (op <= 0x01 || op === 0x05 || op === 0x0f || op === 0x19 || op === 0x1a || op === 0x1b || op === 0x0a) {
      // no immediates
    } else if (op === 0x18) {
      r.skipLeb(); // `delegate` ends its `try`
      depth--;
    } else if (
      op === 0x0c ||
      op === 0x0d ||
      op === 0x10 ||
      op === 0x12 ||
      op === 0x07 ||
      op === 0x08 ||
      op === 0x09 ||
      (op >= 0x20 && op <= 0x24)
    )
      r.skipLeb();
    else if (op === 0x0e) {
      for (let n = r.u32(); n >= 0; n--) r.skipLeb(); // the labels, then the default
    } else if (op === 0x11 || op === 0x13) {
      r.skipLeb();
      if (r.u32() !== 0) note('call_indirect on a table other than 0');
    } else if (op === 0x1c) {
      note('a typed select');
      for (let n = r.u32(); n > 0; n--) r.byte();
    } else if (op === 0x1f) {
      throw new Error('try_table (exception handling), which this decoder does not read');
    } else if (op === 0x25 || op === 0x26) {
      note(op === 0x25 ? 'table.get' : 'table.set');
      r.skipLeb();
    } else if (op >= 0x28 && op <= 0x3e) memarg();
    else if (op === 0x3f || op === 0x40) r.skipLeb();
    else if (op === 0x41 || op === 0x42) r.skipLeb();
    else if (op === 0x43) r.skip(4);
    else if (op === 0x44) r.skip(8);
    else if (op >= 0x45 && op <= 0xc4) {
      // numeric instructions: no immediates
    } else if (op === 0xd0) {
      note('ref.null');
      r.byte();
    } else if (op === 0xd1) note('ref.is_null');
    else if (op === 0xd2) {
      note('ref.func');
      r.skipLeb();
    } else if (op === 0xfc) {
      const sub = r.u32();
      if (sub <= 7) {
        // the saturating truncations: no immediates
      } else if (sub === 8 || sub === 10) {
        r.skipLeb();
        r.skipLeb();
      } else if (sub === 9 || sub === 11 || sub === 13) r.skipLeb();
      else if (sub === 12) {
        r.skipLeb();
        if (r.u32() !== 0) note('table.init on a table other than 0');
      } else if (sub === 14) {
        if (r.u32() + r.u32() !== 0) note('table.copy on a table other than 0');
      } else if (sub >= 15 && sub <= 17) {
        note(['table.grow', 'table.size', 'table.fill'][sub - 15]);
        r.skipLeb();
      } else throw new Error(`opcode 0xfc ${sub}`);
    } else throw new Error(`opcode 0x${op.toString(16)} at ${r.at - 1}`);
  }
}

// The .wasm a single-file build carries: the text and the ranking scripts/inline-wasm.mjs wrote,
// decoded back to bytes.
function inlinedWasm(script) {
  const m = script.match(/"([^"\\<]{1000,})",\s*"([0-9a-f]{512})"/);
  if (!m) throw new Error('no inlined .wasm found');
  const [, text, hex] = m;
  const safe = [];
  for (let c = 32; c < 127; c++) if (!'"\\<~}'.includes(String.fromCharCode(c))) safe.push(c);
  const index = new Map(safe.map((c, i) => [c, i]));
  const order = hex.match(/../g).map((h) => parseInt(h, 16));
  const out = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const rank = c > 124 ? (c - 124) * safe.length + index.get(text.charCodeAt(++i)) : index.get(c);
    out.push(order[rank]);
  }
  return Buffer.from(out);
}

// The self-test modules: one table (externref or funcref) and one function (`table.get 0`
// returning an externref, or `i32.const 0`).
function fixture(externref) {
  const t = externref ? EXTERNREF : 0x7f;
  const body = externref ? [0x00, 0x41, 0x00, 0x25, 0x00, 0x0b] : [0x00, 0x41, 0x00, 0x0b];
  const section = (id, bytes) => [id, bytes.length, ...bytes];
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, [0x01, 0x60, 0x00, 0x01, t]),
    ...section(3, [0x01, 0x00]),
    ...section(4, [0x01, externref ? EXTERNREF : FUNCREF, 0x00, 0x01]),
    ...section(10, [0x01, body.length, ...body]),
  ]);
}

let passed = 0,
  failed = 0;
const result = (ok, label, detail) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok   ' : 'FAIL '} ${label}${detail ? `: ${detail}` : ''}`);
};

{
  const bad = fixture(true),
    good = fixture(false);
  const caught = WebAssembly.validate(bad) ? findReferenceTypes(bad) : [];
  result(
    caught.includes('a table of type 0x6f') && caught.includes('table.get'),
    'self-test: a module with an externref table is caught',
    caught.join(', ') || 'nothing found',
  );
  const clean = WebAssembly.validate(good) ? findReferenceTypes(good) : ['fixture does not validate'];
  result(clean.length === 0, 'self-test: a module with a funcref table passes', clean.join(', '));
  for (const file of process.argv.slice(2)) {
    try {
      const bytes = file.endsWith('.js') ? inlinedWasm(readFileSync(file, 'utf8')) : readFileSync(file);
      const found = findReferenceTypes(bytes);
      result(found.length === 0, file, found.join(', '));
    } catch (e) {
      result(false, file, e.message);
    }
  }
  console.log(`no-reference-types: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
