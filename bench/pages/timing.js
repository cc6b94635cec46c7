// The timed loop every round-trip contender runs, so all three are measured by the same code.
// `call` returns a promise that settles when the reply arrives.
window.benchTiming = {
  /** `n` sequential calls: the time of each, and of all `n` (whose mean stays exact even when
   *  the timer is coarse), in ms. */
  async roundTrips(call, n) {
    const out = new Float64Array(n);
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await call();
      out[i] = performance.now() - t0;
    }
    return { times: Array.from(out), totalMs: performance.now() - start };
  },
};
