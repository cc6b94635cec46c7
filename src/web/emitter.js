// The subscriber lists of every class that emits events (src/web/emitter.rs reads the arguments
// and names the events; this keeps the lists). It lives in JavaScript because a list of
// functions is what JavaScript does natively: the same logic in Rust cost about 1.3 KB gzip of
// every build (docs/decisions/javascript-parts.md). scripts/glue-parts.mjs puts this class
// into each glue wasm-bindgen writes, where the import `new UcbEmitter()` finds it by name.
//
// A subscription ends by its unsubscribe function, `off`, `once`, its signal or `clear()`. No
// listener is added to a caller's signal: `aborted` is read before a listener runs, and ended
// subscriptions are dropped the next time the list is touched. Reading `aborted` runs page code
// (a getter may subscribe, unsubscribe or clear), so `prune` takes the list out while it runs.
// Properties starting with `$` are private: the build shortens them (terser's --mangle-props).
class UcbEmitter {
  constructor() {
    this.$subs = [];
    this.$cleared = 0;
  }

  // Event `event` (an index), function `listener`; returns the unsubscribe function.
  add(event, listener, once, signal) {
    const sub = { $event: event, $listener: listener, $once: once, $signal: signal, $ended: false };
    this.prune();
    if (live(sub)) this.$subs.push(sub);
    return () => {
      sub.$ended = true;
    };
  }

  // Ends every subscription of `listener` to `event` (`===`, like removeEventListener).
  remove(event, listener) {
    this.prune();
    for (const s of this.$subs) if (s.$event === event && s.$listener === listener) s.$ended = true;
    this.$subs = this.$subs.filter((s) => !s.$ended);
  }

  // Whether anyone may listen (an ended subscription not yet dropped counts).
  has(event) {
    return this.$subs.some((s) => s.$event === event);
  }

  // Calls the live subscribers in order; one that ended before its turn is skipped, one that
  // throws is reported and the others run. A `once` subscription ends before its listener runs.
  emit(event, value) {
    this.prune();
    for (const s of this.$subs.filter((s) => s.$event === event)) {
      if (!live(s)) continue;
      if (s.$once) s.$ended = true;
      try {
        s.$listener.call(null, value);
      } catch (e) {
        console.error('ucontact-bridge: a subscriber threw', e);
      }
    }
  }

  // Ends every subscription. An event being delivered still reaches the subscribers after the
  // one that cleared (a subscriber may destroy its object; the others heard the same event).
  clear() {
    this.$cleared++;
    this.$subs = [];
  }

  prune() {
    const cleared = this.$cleared;
    const old = this.$subs;
    this.$subs = [];
    const kept = old.filter(live);
    this.$subs = this.$cleared === cleared ? kept.concat(this.$subs) : this.$subs;
  }
}

// Not ended, and its signal (if any) not aborted; a signal whose getter throws counts as aborted.
function live(sub) {
  if (sub.$ended) return false;
  try {
    return !(sub.$signal && sub.$signal.aborted);
  } catch {
    return false;
  }
}
