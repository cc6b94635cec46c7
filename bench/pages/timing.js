// The timed loop every round-trip contender runs, so all three are measured by the same code.
// `call` returns a promise that settles when the reply arrives.
window.benchTiming = {
  /** `n` sequential calls: the time of each, and of all `n` (whose mean stays exact even when
   *  the timer is coarse), in ms; and `sendMs`, the sum of the calls' synchronous parts (from
   *  the call until it returns its promise, so the sending side, posting included). */
  async roundTrips(call, n) {
    const out = new Float64Array(n);
    let sendMs = 0;
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const reply = call();
      sendMs += performance.now() - t0;
      await reply;
      out[i] = performance.now() - t0;
    }
    return { times: Array.from(out), totalMs: performance.now() - start, sendMs };
  },

  /** `window.bench` of a CRM page whose channel takes `call(args)` and `tag(args)` as
   *  PortalChannel does (crm-ours.html, crm-floor.html), so both are driven by the same code. */
  channelBench(channel) {
    const CALL = { campaign: 'Ventas->', callerid: '1001', destination: '091000000' };
    const GUID = crypto.randomUUID();
    return {
      roundTrips: (n) => benchTiming.roundTrips(() => channel.call(CALL), n),
      /** `n` tags posted without waiting, then one call: its reply arrives after every tag was
       *  delivered (postMessage keeps order). Returns the elapsed ms. */
      async tags(n) {
        const posted = new Array(n);
        const t0 = performance.now();
        for (let i = 0; i < n; i++) posted[i] = channel.tag({ guid: GUID, message: String(i) });
        await channel.call(CALL);
        const ms = performance.now() - t0;
        await Promise.all(posted); // a failed post would show up here, outside the timed span
        return ms;
      },
    };
  },
};

// Self-driven mode, for timing with no DevTools session attached (bench/run.mjs, "without
// DevTools"): with `?auto=CALLS,TAGS,ROUNDS` in its URL, a CRM page runs the messaging protocol
// on its own once it has set `window.bench`, and writes one summary line to the console, which
// the runner reads from Chromium's log. A page the runner drives through Playwright has no
// `auto` and behaves as before.
(function () {
  var auto = new URLSearchParams(location.search).get('auto');
  if (!auto) return;
  var parts = auto.split(',').map(Number);
  var calls = parts[0],
    tags = parts[1],
    rounds = parts[2];
  var quantile = function (sorted, q) {
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  };
  var run = async function () {
    var bench = window.bench;
    // A browser just started is still busy with its own start-up for a moment.
    await new Promise(function (r) {
      setTimeout(r, 1000);
    });
    var per = Math.ceil(calls / rounds);
    await bench.roundTrips(Math.min(1000, per)); // warm-up: the JIT, wasm tier-up, the message path
    if (bench.tags) await bench.tags(Math.ceil(tags / 5));
    var times = [],
      totalMs = 0,
      sendMs = 0,
      tagMs = [];
    for (var r = 0; r < rounds; r++) {
      var res = await bench.roundTrips(per);
      for (var i = 0; i < res.times.length; i++) times.push(res.times[i]);
      totalMs += res.totalMs;
      sendMs += res.sendMs;
      if (bench.tags) tagMs.push(await bench.tags(tags));
    }
    times.sort(function (a, b) {
      return a - b;
    });
    // What this frame fetched from /pkg/: the runner checks each contender loaded its own build.
    var fetched = performance
      .getEntriesByType('resource')
      .map(function (e) {
        return new URL(e.name).pathname;
      })
      .filter(function (p) {
        return p.indexOf('/pkg/') === 0;
      })
      .sort();
    return {
      n: times.length,
      p50: quantile(times, 0.5),
      p99: quantile(times, 0.99),
      mean: totalMs / times.length,
      send: sendMs / times.length,
      tagMs: tagMs,
      fetched: fetched,
    };
  };
  var report = function (result) {
    console.log('ucb-bench-auto ' + JSON.stringify(result) + ' ucb-bench-end');
  };
  (function wait() {
    if (!window.bench) return setTimeout(wait, 5);
    run().then(report, function (e) {
      report({ error: String((e && e.message) || e) });
    });
  })();
})();
