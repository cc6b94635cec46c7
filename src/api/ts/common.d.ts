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

/** Every error code, stable across versions (`ALL_CODES` in src/error.rs). */
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
  | 'NO_INTERACTION';

/**
 * What every method throws or rejects with: a JS `Error` named `UContactError` with a stable
 * `code`. `status` and `body` are set for `HTTP_STATUS` only (the body scrubbed of secrets).
 * A failed `IntegraClient` endpoint method also hands back what is needed to retry it
 * deliberately: `endpoint`, `method`, `args` and `sent`.
 */
export interface UContactError extends Error {
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
