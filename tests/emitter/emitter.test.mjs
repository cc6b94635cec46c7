// What src/web/emitter.js promises (its comments, and src/web/emitter.rs's docs): listeners run
// in the order they subscribed; a subscription ends by its unsubscribe function, `remove`
// (`off`), `once`, its signal or `clear()`, and an ended one never runs again, whatever the
// listeners do while an event is delivered; one that throws is reported and the others run.
// Every test runs on the file as it is and as the build minifies it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load, variants } from './load.mjs';

const A = 0;
const B = 1;

// A listener that records `[name, value]` into `log` (and runs `then`, if given).
function rec(log, name, then) {
  return (value) => {
    log.push([name, value]);
    if (then) then(value);
  };
}

// An object `UcbEmitter` accepts as a signal whose `aborted` getter runs `read` first.
function signalReading(read) {
  let aborted = false;
  return {
    get aborted() {
      read();
      return aborted;
    },
    abort() {
      aborted = true;
    },
  };
}

for (const [variant, code] of Object.entries(variants)) {
  describe(`emitter.js (${variant})`, () => {
    test('listeners run in the order they subscribed, only for their event, with the value', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      e.add(A, rec(log, 'a1'), false, undefined);
      e.add(B, rec(log, 'b'), false, undefined);
      e.add(A, rec(log, 'a2'), false, undefined);
      e.emit(A, 'x');
      e.emit(B, 'y');
      e.emit(A, 'z');
      assert.deepEqual(log, [
        ['a1', 'x'],
        ['a2', 'x'],
        ['b', 'y'],
        ['a1', 'z'],
        ['a2', 'z'],
      ]);
    });

    test('a listener is called with `this` null (no emitter internals reachable)', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      let self = 'unset';
      e.add(
        A,
        function () {
          'use strict';
          self = this;
        },
        false,
        undefined,
      );
      e.emit(A, 1);
      assert.equal(self, null);
    });

    test('remove ends every subscription of that listener to that event, and nothing else', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      const f = rec(log, 'f');
      e.add(A, f, false, undefined);
      e.add(A, f, true, undefined);
      e.add(B, f, false, undefined);
      e.add(A, rec(log, 'g'), false, undefined);
      e.emit(A, 1);
      e.remove(A, f);
      e.remove(A, () => {});
      e.remove(7, f);
      e.emit(A, 2);
      e.emit(B, 3);
      assert.deepEqual(log, [
        ['f', 1],
        ['f', 1],
        ['g', 1],
        ['g', 2],
        ['f', 3],
      ]);
    });

    test('the unsubscribe function ends its own subscription only, and calling it again does nothing', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      const f = rec(log, 'f');
      const first = e.add(A, f, false, undefined);
      e.add(A, f, false, undefined);
      assert.equal(typeof first, 'function');
      first();
      first();
      e.emit(A, 1);
      first();
      e.emit(A, 2);
      assert.deepEqual(log, [
        ['f', 1],
        ['f', 2],
      ]);
    });

    test('has: false with no subscriber, true after add, false once an ended one is dropped', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      assert.equal(e.has(A), false);
      const stop = e.add(A, () => {}, false, undefined);
      assert.equal(e.has(A), true);
      assert.equal(e.has(B), false);
      stop();
      // Documented: an ended subscription not yet dropped still counts ...
      assert.equal(e.has(A), true);
      // ... until the list is touched next.
      e.emit(A, 0);
      assert.equal(e.has(A), false);
    });

    test('once fires once, even when its listener emits the same event again', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      let depth = 0;
      e.add(
        A,
        rec(log, 'once', (v) => {
          if (depth++ < 3) e.emit(A, v + 1);
        }),
        true,
        undefined,
      );
      e.add(A, rec(log, 'on'), false, undefined);
      e.emit(A, 0);
      e.emit(A, 10);
      // The re-entrant emits reach `on` (innermost first); `once` ran for the first event only.
      assert.deepEqual(log, [
        ['once', 0],
        ['on', 1],
        ['on', 0],
        ['on', 10],
      ]);
      assert.equal(depth, 1);
    });

    test('once fires once when a later listener emits again', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      let again = true;
      e.add(A, rec(log, 'once'), true, undefined);
      e.add(
        A,
        rec(log, 'on', (v) => {
          if (again) {
            again = false;
            e.emit(A, v + 1);
          }
        }),
        false,
        undefined,
      );
      e.emit(A, 0);
      assert.deepEqual(log, [
        ['once', 0],
        ['on', 0],
        ['on', 1],
      ]);
    });

    test('once ends even when its listener throws', () => {
      const { UcbEmitter, errors } = load(code);
      const e = new UcbEmitter();
      let calls = 0;
      e.add(
        A,
        () => {
          calls++;
          throw new Error('boom');
        },
        true,
        undefined,
      );
      e.emit(A, 1);
      e.emit(A, 2);
      assert.equal(calls, 1);
      assert.equal(errors.length, 1);
      assert.equal(e.has(A), false);
    });

    test('a listener that unsubscribes itself during emit still ran; the others run', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      let stop = null;
      e.add(A, rec(log, 'first'), false, undefined);
      stop = e.add(
        A,
        rec(log, 'self', () => stop()),
        false,
        undefined,
      );
      e.add(A, rec(log, 'last'), false, undefined);
      e.emit(A, 1);
      e.emit(A, 2);
      assert.deepEqual(log, [
        ['first', 1],
        ['self', 1],
        ['last', 1],
        ['first', 2],
        ['last', 2],
      ]);
    });

    test('a listener that ends a later one during emit: the later one is skipped, by off or by its function', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      const victim = rec(log, 'victim');
      let stopOther = null;
      e.add(
        A,
        rec(log, 'off', () => e.remove(A, victim)),
        false,
        undefined,
      );
      e.add(A, victim, false, undefined);
      e.add(
        A,
        rec(log, 'unsub', () => stopOther()),
        false,
        undefined,
      );
      stopOther = e.add(A, rec(log, 'other'), false, undefined);
      e.emit(A, 1);
      assert.deepEqual(log, [
        ['off', 1],
        ['unsub', 1],
      ]);
    });

    test('ending an earlier listener during emit does not undo its call, and it stays ended', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      const early = rec(log, 'early');
      e.add(A, early, false, undefined);
      e.add(
        A,
        rec(log, 'late', () => e.remove(A, early)),
        false,
        undefined,
      );
      e.emit(A, 1);
      e.emit(A, 2);
      assert.deepEqual(log, [
        ['early', 1],
        ['late', 1],
        ['late', 2],
      ]);
    });

    test('a once listener ended by another before its turn never runs', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      const once = rec(log, 'once');
      e.add(
        A,
        rec(log, 'off', () => e.remove(A, once)),
        false,
        undefined,
      );
      e.add(A, once, true, undefined);
      e.emit(A, 1);
      e.emit(A, 2);
      assert.deepEqual(log, [
        ['off', 1],
        ['off', 2],
      ]);
    });

    test('a listener added during emit hears the next event, not this one', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      let added = false;
      e.add(
        A,
        rec(log, 'adder', () => {
          if (!added) {
            added = true;
            e.add(A, rec(log, 'new'), false, undefined);
          }
        }),
        false,
        undefined,
      );
      e.emit(A, 1);
      e.emit(A, 2);
      assert.deepEqual(log, [
        ['adder', 1],
        ['adder', 2],
        ['new', 2],
      ]);
    });

    test('a listener that throws is reported and the others still run; emit does not throw', () => {
      const { UcbEmitter, errors } = load(code);
      const e = new UcbEmitter();
      const log = [];
      const boom = new Error('boom');
      e.add(A, rec(log, 'before'), false, undefined);
      e.add(
        A,
        () => {
          throw boom;
        },
        false,
        undefined,
      );
      e.add(A, rec(log, 'after'), false, undefined);
      e.emit(A, 1);
      e.emit(A, 2);
      assert.deepEqual(log, [
        ['before', 1],
        ['after', 1],
        ['before', 2],
        ['after', 2],
      ]);
      assert.equal(errors.length, 2);
      assert.equal(errors[0][1], boom);
      assert.match(errors[0][0], /ucontact-bridge/);
    });

    test('clear ends every subscription; the event being delivered still reaches the rest', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      e.add(A, rec(log, 'first'), false, undefined);
      e.add(
        A,
        rec(log, 'clearer', () => e.clear()),
        false,
        undefined,
      );
      e.add(A, rec(log, 'once'), true, undefined);
      e.add(B, rec(log, 'b'), false, undefined);
      e.emit(A, 1);
      e.emit(A, 2);
      e.emit(B, 3);
      assert.deepEqual(log, [
        ['first', 1],
        ['clearer', 1],
        ['once', 1],
      ]);
      assert.equal(e.has(A), false);
      assert.equal(e.has(B), false);
      // The emitter is usable after clear.
      e.add(B, rec(log, 'again'), false, undefined);
      e.emit(B, 4);
      assert.deepEqual(log.at(-1), ['again', 4]);
    });

    test('a signal already aborted subscribes nothing', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      const c = new AbortController();
      c.abort();
      const stop = e.add(A, rec(log, 'f'), false, c.signal);
      assert.equal(typeof stop, 'function');
      assert.equal(e.has(A), false);
      e.emit(A, 1);
      stop();
      assert.deepEqual(log, []);
    });

    test('a signal aborted later ends the subscription, adding no listener to the signal', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      const c = new AbortController();
      let added = 0;
      const add = c.signal.addEventListener.bind(c.signal);
      c.signal.addEventListener = (...args) => {
        added++;
        add(...args);
      };
      e.add(A, rec(log, 'f'), false, c.signal);
      e.add(A, rec(log, 'g'), false, undefined);
      e.emit(A, 1);
      c.abort();
      e.emit(A, 2);
      assert.deepEqual(log, [
        ['f', 1],
        ['g', 1],
        ['g', 2],
      ]);
      assert.equal(added, 0);
    });

    test('a signal aborted by an earlier listener during emit stops a later one at once', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      const c = new AbortController();
      e.add(
        A,
        rec(log, 'aborter', () => c.abort()),
        false,
        undefined,
      );
      e.add(A, rec(log, 'signalled'), true, c.signal);
      e.emit(A, 1);
      assert.deepEqual(log, [['aborter', 1]]);
      assert.equal(e.has(A), true);
      e.emit(A, 2);
      assert.deepEqual(log, [
        ['aborter', 1],
        ['aborter', 2],
      ]);
    });

    test('a signal whose `aborted` getter throws counts as aborted', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      const signal = {
        get aborted() {
          throw new Error('no');
        },
      };
      e.add(A, rec(log, 'f'), false, signal);
      e.emit(A, 1);
      assert.deepEqual(log, []);
      assert.equal(e.has(A), false);
    });

    test('a signal getter that subscribes another listener while the list is pruned: both are kept', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      let once = true;
      e.add(
        A,
        rec(log, 'f'),
        false,
        signalReading(() => {
          if (once) {
            once = false;
            e.add(A, rec(log, 'g'), false, undefined);
          }
        }),
      );
      e.emit(A, 1);
      e.emit(A, 2);
      assert.deepEqual(
        log
          .filter(([, v]) => v === 2)
          .map(([n]) => n)
          .sort(),
        ['f', 'g'],
      );
    });

    test('a signal getter that clears while the list is pruned: nothing subscribed before survives', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      let armed = false;
      e.add(
        A,
        rec(log, 'f'),
        false,
        signalReading(() => {
          if (armed) {
            armed = false;
            e.clear();
          }
        }),
      );
      e.add(A, rec(log, 'g'), false, undefined);
      armed = true;
      e.emit(B, 0);
      e.emit(A, 1);
      assert.deepEqual(log, []);
      assert.equal(e.has(A), false);
    });

    test('a signal getter that removes a listener while the list is pruned: it stays removed', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      const g = rec(log, 'g');
      let armed = false;
      e.add(A, g, false, undefined);
      e.add(
        A,
        rec(log, 'f'),
        false,
        signalReading(() => {
          if (armed) {
            armed = false;
            e.remove(A, g);
          }
        }),
      );
      armed = true;
      e.emit(B, 0);
      e.emit(A, 1);
      assert.deepEqual(log, [['f', 1]]);
    });

    test('a signal getter that calls off on every read is read a bounded number of times', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      let reads = 0;
      e.add(
        A,
        rec(log, 'f'),
        false,
        signalReading(() => {
          reads++;
          e.remove(B, () => {});
        }),
      );
      reads = 0;
      e.emit(A, 1);
      // By the prune emit starts (the prune the getter's `remove` starts inside it reads
      // nothing), just before the listener runs, and by the prune that read's `remove` starts.
      assert.equal(reads, 3);
      assert.deepEqual(log, [['f', 1]]);
    });

    test('a signal getter that unsubscribes another while the list is pruned: it stays ended', () => {
      const { UcbEmitter } = load(code);
      const e = new UcbEmitter();
      const log = [];
      let armed = false;
      const stopG = e.add(A, rec(log, 'g'), false, undefined);
      e.add(
        A,
        rec(log, 'f'),
        false,
        signalReading(() => {
          if (armed) {
            armed = false;
            stopG();
          }
        }),
      );
      armed = true;
      e.emit(B, 0);
      e.emit(A, 1);
      assert.deepEqual(log, [['f', 1]]);
    });
  });
}
