// Scenario 5, wasm memory size: `WebAssembly.Memory` only grows, and the allocator reuses a
// freed block only for its own size class (heap/), so a page whose mix of sizes drifts (small
// objects, then large CTI records and base files, then small again) could keep growing even
// though it frees everything. The size of the module's memory (`memory.buffer.byteLength`) is
// read after each phase of several identical cycles; after the first (warm-up) cycle it must not
// grow at all, and the live bytes (`__heapInUse()`) must be back to the start after each cycle.
import { test, assert, assertEq, say, scaled, fmt } from './lib.mjs';

const CYCLES = scaled(8, 3);
const SMALL = scaled(2000, 100); // small objects per small phase
const RECORDS = scaled(40, 4); // large CTI records per large phase
const BASES = scaled(4, 2); // base files per large phase
const ROWS = 5000; // rows per base file

test(`memory: wasm memory size over ${CYCLES} cycles of small objects, large CTI records and base files, small again`, async (ctx) => {
  const page = await ctx.browser.context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${ctx.crmPort}/`);
    await page.waitForFunction(() => document.body.dataset.ready === 'wasm');
    await page.evaluate(() => {
      window.channel.destroy();
    });
    const r = await page.evaluate(
      async ([cycles, small, records, bases, rows]) => {
        const B = window.bridge;
        const wasm = await B.default(); // the instance's exports (init ran already)
        const bytes = () => wasm.memory.buffer.byteLength;
        // A deterministic stream, so that every cycle asks for exactly the same sizes.
        let seed = 1;
        const rand = (n) => {
          seed = (seed * 1103515245 + 12345) >>> 0;
          return seed % n;
        };
        const record = (n) =>
          JSON.stringify({
            Guid: '5d0c6a8e-1f2b-4c3d-9e8f-0a1b2c3d4e5f',
            Campaign: 'Ventas->',
            Callerid: '098344484',
            ParAndValues: 'idcustomer=7',
            Beep: 'false',
            Answer: 'true',
            destination: '098344484',
            dialerbase: 'base',
            status: 1,
            data: Array.from({ length: n }, (_, i) => `p${i}=${'v'.repeat(1 + (i % 23))}`).join(':'),
            alternatives: '098124484:099121212',
            contact: 222,
            retries: '3',
            priority: 9999,
            agentphone: '1001',
          });
        const baseRows = (n, w) =>
          Array.from({ length: n }, (_, i) => ({
            campaign: 'Ventas->',
            number: String(90000000 + i),
            data: { id: String(i), nombre: 'x'.repeat(w) },
            alternatives: i % 2 ? [] : ['2' + i],
          }));
        // The inputs of a cycle, built once (JS strings; the library's memory is what is measured).
        const smallRecords = Array.from({ length: 16 }, (_, i) => record(1 + i));
        const bigRecords = [200, 1000, 4000, 12000].map(record); // ~1 KB to ~170 KB of `data`
        const baseFiles = [
          [rows, 8],
          [rows / 2, 40],
          [rows * 2, 4],
        ].map(([n, w]) => baseRows(n, w));
        let ops = 0;
        const smallPhase = () => {
          for (let i = 0; i < small; i++, ops++) {
            if (i % 4 === 0) {
              const ch = new B.PortalChannel({ portalOrigins: SANDBOX.portalOrigins });
              ch.free();
            } else if (i % 4 === 1) {
              const rp = B.Respool.fromCti(smallRecords[rand(16)]);
              rp.setData('k', 'v' + i);
              rp.free();
            } else {
              B.decodeCti(smallRecords[rand(16)]);
            }
          }
        };
        const largePhase = () => {
          for (let i = 0; i < records; i++, ops++) B.decodeCti(bigRecords[rand(bigRecords.length)]);
          for (let i = 0; i < bases; i++, ops++) {
            const f = B.buildBaseFile(baseFiles[rand(baseFiles.length)]);
            if (!(f.rows > 0)) throw new Error('no rows');
          }
        };
        // What the library makes once per page and keeps (the JS strings of the property names it
        // reads, interned): made here, before the start, by one use of each export. Made in the
        // middle of the first cycle instead, those few live blocks would raise the second cycle's
        // peak of their size past the first's, and the memory would grow once more then (measured:
        // 110 bytes kept, one page grown in cycle 2, none after).
        new B.PortalChannel({ portalOrigins: SANDBOX.portalOrigins }).free();
        B.Respool.fromCti(smallRecords[0]).free();
        B.decodeCti(bigRecords[0]);
        B.buildBaseFile(baseRows(1, 1));
        const points = [];
        const mark = (cycle, phase) => points.push({ cycle, phase, bytes: bytes(), live: B.__heapInUse(), ops });
        mark(0, 'start');
        for (let c = 1; c <= cycles; c++) {
          seed = 1;
          smallPhase();
          mark(c, 'small');
          largePhase();
          mark(c, 'large');
          smallPhase();
          mark(c, 'small-again');
        }
        return points;
      },
      [CYCLES, SMALL, RECORDS, BASES, ROWS],
    );
    const start = r[0],
      warm = r.find((p) => p.cycle === 1 && p.phase === 'small-again'),
      end = r[r.length - 1];
    const growth = (end.bytes - warm.bytes) / (end.ops - warm.ops);
    say(
      `figure: soak-wasm-memory cycles=${CYCLES} ops=${end.ops} start=${start.bytes}` +
        ` checkpoints=${r
          .slice(1)
          .map((p) => `${p.cycle}.${p.phase}:${p.bytes}`)
          .join(',')}` +
        ` after-warm-up=${warm.bytes} end=${end.bytes} growth-after-warm-up-B/op=${fmt(growth)}` +
        ` live-bytes-per-cycle-end=${r
          .filter((p) => p.phase === 'small-again')
          .map((p) => p.live - start.live)
          .join(',')}`,
    );
    for (const p of r.filter((p) => p.phase === 'small-again')) {
      assertEq(p.live - start.live, 0, `cycle ${p.cycle}: the library's live bytes back to the start`);
    }
    assert(
      end.bytes === warm.bytes,
      `wasm memory grew ${end.bytes - warm.bytes} bytes after the warm-up cycle (${fmt(growth)} B/op)`,
    );
    assert(warm.bytes > start.bytes, 'the large phase grew the memory at least once (the test measures something)');
    assertEq(ctx.browser.errors, [], 'no page errors');
  } finally {
    await page.close();
  }
});
