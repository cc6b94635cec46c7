// The subscriber lists of every class that emits events (src/web/emitter.rs reads the arguments
// and names the events; this keeps the lists). It lives in JavaScript because a list of
// functions is what JavaScript does natively: the same logic in Rust cost about 1.3 KB gzip of
// every build (docs/decisions/javascript-parts.md). scripts/glue-parts.mjs puts this class
// into each glue wasm-bindgen writes, where the import `new UcbEmitter()` finds it by name.
//
// A subscription ends by its unsubscribe function, `off`, `once`, its signal or `clear()`. No
// listener is added to a caller's signal: `aborted` is read before a listener runs, and ended
// subscriptions are dropped the next time the list is touched. Reading `aborted` runs page code
// (a getter may subscribe, unsubscribe, `off` or clear), so `prune` reads every signal first and
// drops what ended only after; a `prune` started from inside a getter leaves it to that one.
// Properties starting with `$` are private: the build shortens them (terser's --mangle-props).
// tests/emitter/ holds these promises in Node, on this file as written and as minified.
class UcbEmitter {
  constructor() {
    this.$subs = [];
    this.$pruning = false;
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
    this.$subs = [];
  }

  // Ends the subscriptions whose signal fired, then drops every ended one. The signals are read
  // over a copy: one subscribed meanwhile was read by its own `add`, and one cleared meanwhile
  // is not in the list the last line filters.
  prune() {
    if (this.$pruning) return;
    this.$pruning = true;
    for (const s of this.$subs.slice()) if (!live(s)) s.$ended = true;
    this.$pruning = false;
    this.$subs = this.$subs.filter((s) => !s.$ended);
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
