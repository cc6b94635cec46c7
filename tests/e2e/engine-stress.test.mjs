// Engine stress (issue 30, item 3): the release `full` build opens sealed CTI records and edits
// Respools thousands of times per page load, over several fresh page loads, and every result is
// checked against a value computed without the wasm (www/shared/engine-stress.js). It exists
// because JavaScriptCore computed wrong answers on this library's wasm at random, at a
// different iteration each run (tests/engine-bugs/README.md): a fresh page compiles the module
// anew, and the engine's tier-up happens while it runs, which is when those bugs showed. The
// figure line counts records opened, edits, traps and wrong results; any trap or wrong result
// fails the test.
import { test, assert } from './harness.mjs';

// JavaScriptCore's wasm tiers are chosen at launch (engines.mjs `JSC_TIERS`, UCB_JSC_TIERS);
// the launcher reports the name as `ctx.tiers`.

// Page loads and work per load. Each load compiles and tiers up the module anew, so loads count
// more than iterations; the WebKits (WebKitGTK, and WPE for Safari 16's generation) get 12,000
// of each, the other engines a shorter run of the same checks.
const WEBKIT_PLAN = { loads: 8, records: 1500, edits: 1500 };
const PLANS = { webkit: WEBKIT_PLAN, wpe: WEBKIT_PLAN, other: { loads: 2, records: 1000, edits: 1000 } };

test('engine-stress [entry full]: sealed records opened and Respool edits made over fresh page loads, every result checked', async (ctx) => {
  const plan = PLANS[ctx.engine] || PLANS.other;
  const tiers = ctx.tiers || 'default';
  const total = { records: 0, edits: 0, traps: 0, wrong: 0, loads: 0 };
  const problems = [];
  for (let load = 0; load < plan.loads; load++) {
    const page = await ctx.browser.context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${ctx.portalPort}/shared/engine-stress.html`);
      const r = await page.evaluate((o) => import('/shared/engine-stress.js').then((m) => m.run(o)), {
        records: plan.records,
        edits: plan.edits,
        seed: load + 1,
      });
      for (const k of ['records', 'edits', 'traps', 'wrong']) total[k] += r[k];
      total.loads++;
      problems.push(...r.problems.map((p) => `load ${load}: ${p}`));
    } finally {
      await page.close();
    }
  }
  console.log(
    `figure: engine-stress engine=${ctx.engine} records=${total.records} edits=${total.edits} traps=${total.traps} wrong=${total.wrong} loads=${total.loads} tiers=${tiers}`,
  );
  assert(
    total.traps === 0 && total.wrong === 0,
    `${total.traps} traps and ${total.wrong} wrong results:\n  ${problems.slice(0, 8).join('\n  ')}`,
  );
  // A run cut short (a trap stops its load) would show above; this guards the counts themselves.
  assert(
    total.records === plan.loads * plan.records && total.edits === plan.loads * plan.edits,
    `every load ran in full: ${JSON.stringify(total)}`,
  );
});
