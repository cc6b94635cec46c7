// ---- ucontact-bridge: the types of the public API ---------------------------------------------
//
// Written by hand in fragments (src/api/ts/*.d.ts in the crate), each emitted with the exports of
// its capability, so a build declares what it has. Import any of them with
// `import type { CtiRecord, ErrorCode } from 'ucontact-bridge'`. Option and argument objects list
// exactly the keys the library reads (`src/shapes.rs`, checked against these interfaces); an
// unknown key is also rejected at run time (`INVALID_ARGUMENT`). A key set to `undefined` counts
// as absent.

// Every class has `[Symbol.dispose]()` (for `using`). TypeScript's lib declares
// `SymbolConstructor.dispose` only with `ESNext.Disposable` (or `ES2025`); declaring it here lets a
// project with its default `lib` (a `tsc --init` or Vite template) type-check these declarations
// with `skipLibCheck: false`, and merges with the lib's own declaration where a project has it.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/** Any value JSON can hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

// ---- errors -----------------------------------------------------------------------------------

/** Every error code, stable across versions (`ALL_CODES` in src/error/mod.rs). */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'TIMEOUT'
  | 'DESTROYED'
  | 'ABORTED'
  | 'NO_PORTAL'
  | 'PORTAL_LOST'
  | 'PORTAL_REQUIRED'
  | 'BAD_MESSAGE'
  | 'REFUSED'
  | 'LOGIN_FAILED'
  | 'UNAUTHORIZED'
  | 'BAD_REQUEST'
  | 'HTTP_STATUS'
  | 'NETWORK'
  | 'REQUEST_TIMEOUT'
  | 'BAD_RESPONSE'
  | 'RESPONSE_TOO_LARGE'
  | 'BAD_KEY'
  | 'WRONG_KEY'
  | 'TAMPERED'
  | 'TRUNCATED'
  | 'BAD_BASE64'
  | 'UNSUPPORTED_ENVELOPE'
  | 'BAD_JSON'
  | 'NOT_DIALER'
  | 'NOT_FOUND'
  | 'STORAGE_UNAVAILABLE'
  | 'RANDOM_UNAVAILABLE'
  | 'NO_INTERACTION'
  | 'NOT_INITIALIZED'
  | 'WASM_BLOCKED';

/**
 * Every code as a frozen object whose values are the codes (`ErrorCode.TIMEOUT === 'TIMEOUT'`),
 * for comparisons without string literals. New codes are added in minor versions (a `switch`
 * over codes needs a `default`); renaming or removing one is a breaking change.
 */
export declare const ErrorCode: { readonly [K in ErrorCode]: K };

/**
 * What every method throws or rejects with, and what `init()` / `initSync()` (the script-tag
 * builds: `UContactBridge.ready`) reject with when the module cannot start: an `Error` named
 * `UContactError` with a stable `code`. `status` and `body` are set for `HTTP_STATUS` only (the
 * body scrubbed of secrets). A failed `IntegraClient` endpoint method also hands back what is
 * needed to retry it deliberately: `endpoint`, `method`, `args` and `sent`.
 *
 * `e instanceof UContactError` and `isUContactError(e)` are the same test (an `Error` named
 * `UContactError` with a string `code`), so an error from another entry of the same page passes
 * both.
 */
export declare class UContactError extends Error {
  constructor(message: string, code: ErrorCode, cause?: unknown);
  name: 'UContactError';
  code: ErrorCode;
  status?: number;
  body?: string;
  /** The documented path of the failed REST endpoint, e.g. `'api/DispositionCall'`. */
  endpoint?: string;
  /** The `IntegraClient` method that failed: `client[e.method](...e.args)` sends it again. */
  method?: string;
  /** The arguments the method was given (its options left out), as given. */
  args?: unknown[];
  /**
   * `false`: nothing left the page (bad arguments, no token, aborted before sending), so
   * retrying cannot double anything. `true`: the request went out and may have acted on the
   * server; check before sending it again.
   */
  sent?: boolean;
}

/** Whether `e` is an error of this library (of any of its entries loaded in the page). */
export declare function isUContactError(e: unknown): e is UContactError;

// ---- the log ----------------------------------------------------------------------------------

/** The class that wrote a log entry (a `Bridge` writes the entries of both its paths). */
export type LogSource =
  | 'PortalChannel'
  | 'Bridge'
  | 'IntegraClient'
  | 'PortalHost'
  | 'UPhone'
  | 'FormBridge'
  | 'UContactEvents';

/**
 * One entry of the `log` option, told apart by `kind`. Entries carry names (a portal action, a
 * REST endpoint such as `'AgentCall'` or `'getUserToken'`, a uPhone command or event), reasons,
 * error codes and HTTP statuses: never a payload, a form body, a token, a password or a key.
 * New kinds and members may come in a minor version; existing ones keep their meaning.
 */
export type LogEntry =
  /** A message was posted, or a request handed to `fetch`. */
  | { kind: 'sent'; source: LogSource; what: string }
  /** An answer or a message came in (`status`: the HTTP status, REST only). */
  | { kind: 'received'; source: LogSource; what: string; status?: number }
  /** A message was refused: not from the expected window or origin, malformed, too large, … */
  | { kind: 'dropped'; source: LogSource; reason: string; origin?: string }
  /** A request is sent again (REST: once, after a 401, with a new token). */
  | { kind: 'retry'; source: LogSource; what: string; reason: string }
  /** No answer in time (`code`: `TIMEOUT` or `REQUEST_TIMEOUT`). */
  | { kind: 'timeout'; source: LogSource; what: string; code?: ErrorCode }
  /** A request failed with `code`. */
  | { kind: 'failed'; source: LogSource; what: string; code: ErrorCode };

/** The `log` and `debug` options every class takes. */
export interface LogOptions {
  /**
   * Called with each `LogEntry`: what was sent, received, dropped and why, retried, timed out or
   * failed. It must not rely on being called at a given moment; an exception it throws is
   * reported with `console.error` and the library goes on. Wins over `debug`.
   */
  log?: (entry: LogEntry) => void;
  /**
   * `true`: every `LogEntry` to `console.debug`, one line each: `ucontact-bridge ` and the
   * entry's JSON. Off by default (no entry is built then).
   */
  debug?: boolean;
}

// ---- shared -----------------------------------------------------------------------------------

/** The last argument of every async method. */
export interface CallOptions {
  /** Aborting rejects with `ABORTED` (and aborts the `fetch` on the REST path). */
  signal?: AbortSignal;
  /** Overrides the default wait for this call, in milliseconds (`> 0`, `Infinity` allowed). */
  timeoutMs?: number;
}

/** The last argument of every `on` (the `addEventListener` options the library keeps). */
export interface ListenOptions {
  /** Aborting ends the subscription; an already aborted signal subscribes nothing. */
  signal?: AbortSignal;
  /** Only the next event: the subscription ends before the listener runs. */
  once?: boolean;
}

/** What `on` returns: ends that subscription. Calling it again, or after the subscription
 *  ended another way (`off`, the signal, the `once` event, `destroy()`), does nothing. */
export type Unsubscribe = () => void;
