/* tslint:disable */
/* eslint-disable */
// ---- CTI and Respool --------------------------------------------------------------------------

/** The dialer row of a CTI record (`CtiRecord.dialer`). */
export interface DialerRow {
    campaign: string;
    destination: string;
    /** Kept exactly as received (never to be changed). */
    dialerbase: string | number;
    /** Kept exactly as received (never to be changed). */
    status: string | number;
    /** The workflow data as `[key, value]` pairs, in order. */
    data: [string, string][];
    alternatives: string[];
    /** Kept exactly as received (never to be changed). */
    contact: string | number;
    retries: number;
    priority: number;
    /** Empty when none. */
    agentphone: string;
}

/** The typed interaction record `decodeCti`, `readCtiFromStorage`, `readLegacyCti` and `cti()` give. */
export interface CtiRecord {
    guid: string;
    screen: string | null;
    form: string | null;
    campaign: string | null;
    callerid: string | null;
    /** `ParAndValues` as `[key, value]` pairs, in order. */
    parAndValues: [string, string][];
    beep: boolean;
    answer: boolean;
    /** Set only for non-voice interactions. */
    channel: string | null;
    isVoice: boolean;
    /** The dialer row, or `null` when the call is not from a dialer. */
    dialer: DialerRow | null;
    /** The record exactly as received. */
    raw: JsonObject;
}

/** What `decodeCti` and `Respool.fromCti` read: a JSON string, a sealed envelope (full build), a record object, or a typed record. */
export type CtiInput = string | CtiRecord | JsonObject;

/** The documented Respool object (`Respool.toJSON()`), exactly these keys in this order. */
export interface RespoolJson {
    campaign: string;
    destination: string;
    dialerbase: string | number;
    status: string | number;
    /** `k=v:k=v`. */
    data: string;
    /** `:`-separated numbers. */
    alternatives: string;
    contact: string | number;
    retries: number;
    priority: number;
    agentphone: string;
}

/** A dialer row as the portal receives it in `respool` / `schedule` (at least a campaign and a destination). */
export interface PortalDialerObject {
    campaign: string;
    destination: string;
    [key: string]: JsonValue;
}


// ---- PortalChannel ----------------------------------------------------------------------------

/** The portal window: `'parent'` (default), `'top'`, `'opener'` (a pop-up the portal opened), or the name of a frame. */
export type PortalTarget = 'parent' | 'top' | 'opener' | (string & {});

/** `{ campaign, callerid, destination }` for `call`. */
export interface CallArgs {
    campaign: string;
    callerid: string;
    destination: string;
}

/** `{ destination, campaign }` for `callWithPhone`. */
export interface CallWithPhoneArgs {
    destination: string;
    campaign: string;
}

/** `{ guid, message }` for `tag`. */
export interface TagArgs {
    guid: string;
    message: string;
}

/** `{ campaign, message, destination }` for `sms`: a WhatsApp or SMS message to `destination`. */
export interface SmsArgs {
    /** The WhatsApp/SMS campaign it goes out through. */
    campaign: string;
    message: string;
    /** The customer's number (digits, with `+`, spaces, `-`, `.`, `(`, `)` allowed). */
    destination: string;
}

/** Every setting of `PortalChannel`; `PortalChannelOptions` says which are required. */
export interface PortalChannelSettings extends LogOptions {
    /** The exact origins the portal may have; messages go to, and are accepted from, these only. */
    portalOrigins?: string[];
    target?: PortalTarget;
    /** Send with `'*'` and accept any origin from the portal window. Dangerous: off by default. */
    allowAnyOrigin?: boolean;
    /** How long `call`/`callWithPhone`/`cti` wait for the reply (default 15000). */
    timeoutMs?: number;
    /** How long the call lane stays closed after a timed-out call (default 60000; `Infinity` allowed). */
    quarantineMs?: number;
}

/** `new PortalChannel(options)`: `portalOrigins` is required unless `allowAnyOrigin: true`. */
export type PortalChannelOptions = PortalChannelSettings &
(
| { portalOrigins: string[] }
| { allowAnyOrigin: true }
);

/** A `{ guid }` reply that came after its request timed out or was aborted. */
export interface LateReply {
    guid: JsonValue;
}

/** The details of `PortalChannel` events. */
export interface ChannelEventMap {
    /** A portal message that answers nothing pending. */
    message: JsonValue;
    /** A reply that came after its request timed out or was aborted. */
    late: LateReply;
}

export type ChannelEvent = keyof ChannelEventMap;

/** A `PortalChannel` listener; give the detail's type with `ChannelListener<'late'>`. */
export type ChannelListener<E extends ChannelEvent = ChannelEvent> = (detail: ChannelEventMap[E]) => void;

/** `on` and `off` of `PortalChannel`, typed per event. */
export interface PortalChannel {
    /**
     * Subscribes to `'message'` (portal messages that answer nothing pending) or `'late'` (a reply
     * that arrived after its request timed out or was aborted). Throws `INVALID_ARGUMENT` for other
     * event names or options.
     * Returns the function that ends the subscription (so do `off`, `options.signal` aborting, and
     * with `options.once` the first event, which ends it before the listener runs).
     */
    on<E extends ChannelEvent>(event: E, listener: ChannelListener<E>, options?: ListenOptions): Unsubscribe;
    /** `on` for the next event only (as `{ once: true }`): the subscription ends before the
     *  listener runs. Returns the function that ends it sooner. */
    once<E extends ChannelEvent>(event: E, listener: ChannelListener<E>, options?: ListenOptions): Unsubscribe;
    /** Ends every subscription of `listener` to `event` made with `on` (with `once` or not). */
    off<E extends ChannelEvent>(event: E, listener: ChannelListener<E>): void;
}


// ---- PortalHost -------------------------------------------------------------------------------

/** `new PortalHost(options)`. */
export interface PortalHostOptions extends LogOptions {
    /** The exact origins the CRM page may have (`scheme://host[:port]`); every other origin is ignored. */
    crmOrigins: string[];
}

/** The proxy action names, as they travel. */
export type PortalActionName = 'call' | 'callWithPhone' | 'hangup' | 'tag' | 'CTI' | 'respool' | 'schedule' | 'sms';

/** Each action's `data`, as a `PortalHost` handler receives it. */
export interface PortalActionMap {
    call: { action: 'call'; campaign: string; callerid: string; destination: string };
    callWithPhone: { action: 'callWithPhone'; destination: string; campaign: string };
    hangup: { action: 'hangup' };
    tag: { action: 'tag'; guid: string; message: string };
    CTI: { action: 'CTI' };
    respool: { action: 'respool'; objetoRespool: PortalDialerObject };
    schedule: { action: 'schedule'; callDate: string; objectDialer: PortalDialerObject };
    sms: { action: 'sms'; campaign: string; message: string; destination: string };
}

/** Any action's `data`. */
export type PortalAction = PortalActionMap[PortalActionName];

/** What a handler answers: the guid for calls, the record (object or JSON string) for `CTI`; ignored otherwise. */
export interface PortalReplyMap {
    call: string;
    callWithPhone: string;
    hangup: unknown;
    tag: unknown;
    CTI: JsonObject | string;
    respool: unknown;
    schedule: unknown;
    sms: unknown;
}

/** A `PortalHost` handler: returns the answer or a promise of it. */
export type PortalActionHandler<A extends PortalActionName = PortalActionName> = (
data: PortalActionMap[A],
) => PortalReplyMap[A] | Promise<PortalReplyMap[A]>;

/** The details of `PortalHost` events. */
export interface HostEventMap {
    /** Every accepted action, before its handler runs. */
    action: { action: PortalActionName; data: PortalAction; origin: string };
    /** An envelope from an allowed origin that was refused. */
    rejected: { origin: string; reason: string };
}

export type HostEvent = keyof HostEventMap;

export type HostListener<E extends HostEvent = HostEvent> = (detail: HostEventMap[E]) => void;

/** `handle`, `on` and `off` of `PortalHost`, typed per action and per event. */
export interface PortalHost {
    /**
     * Registers the handler for an action, replacing the previous one. It receives the action's
     * `data` object and may return a value or a Promise: the guid for `call`/`callWithPhone`, the
     * CTI record for `CTI`; the return value of the other actions is ignored (the portal sends no
     * reply to them). The reply goes to the window that asked, once the value settles. A handler
     * that throws or rejects, or answers what is not JSON, is reported with `console.error` and
     * nothing is answered (the CRM's request then times out, as with a silent portal); so is an
     * action with no handler (the `log` says `no handler`). Throws `INVALID_ARGUMENT` for an
     * unknown action or a handler that is not a function.
     */
    handle<A extends PortalActionName>(action: A, handler: PortalActionHandler<A>): void;
    /**
     * Subscribes to `'action'` (`{ action, data, origin }` for each accepted action) or `'rejected'`
     * (`{ origin, reason }` for each envelope from an allowed origin that was refused). Throws
     * `INVALID_ARGUMENT` for other names or options.
     * Returns the function that ends the subscription (so do `off`, `options.signal` aborting, and
     * with `options.once` the first event, which ends it before the listener runs).
     */
    on<E extends HostEvent>(event: E, listener: HostListener<E>, options?: ListenOptions): Unsubscribe;
    /** `on` for the next event only (as `{ once: true }`): the subscription ends before the
     *  listener runs. Returns the function that ends it sooner. */
    once<E extends HostEvent>(event: E, listener: HostListener<E>, options?: ListenOptions): Unsubscribe;
    /** Ends every subscription of `listener` to `event` made with `on` (with `once` or not). */
    off<E extends HostEvent>(event: E, listener: HostListener<E>): void;
}


// ---- plain CTI records (a build without sealed envelopes) ------------------------------------

/**
 * Options of `decodeCti` and `Respool.fromCti`. This build reads plain records only: it takes
 * no key (`key` and `acceptPlain` come with the full build, `import … from 'ucontact-bridge'`).
 */
export interface DecodeCtiOptions {
    key?: never;
    acceptPlain?: never;
}


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



/**
 * The CRM page's channel to the uContact portal (Porthole 1.0.0 wire format).
 *
 * Create it with the portal's origin(s); it listens for the portal's replies at once.
 * `call`/`callWithPhone` resolve with the call's guid, `cti` with the typed CTI record,
 * `hangup`/`tag`/`respool`/`schedule` once the message is posted. Failures reject with an
 * `Error` whose `name` is `UContactError` and whose `code` says what happened.
 */
export class PortalChannel {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Places a call with the portal's own phone: `{ destination, campaign }`.
     * Resolves with the call's guid; rejects like `call`.
     */
    callWithPhone(args: CallWithPhoneArgs, options?: CallOptions): Promise<string>;
    /**
     * Places a call through the portal: `{ campaign, callerid, destination }` (all strings).
     * Resolves with the call's guid. Rejects with `INVALID_ARGUMENT`, `TIMEOUT`, `REFUSED`,
     * `NO_PORTAL`, `ABORTED`, `DESTROYED`.
     *
     * Every action takes a last, optional `{ timeoutMs?, signal? }`: `timeoutMs` overrides the
     * channel's wait for this reply; an `AbortSignal` rejects the call with `ABORTED` and
     * removes it (a call already posted keeps the call lane closed for `quarantineMs`, since
     * its reply may still come). Fire-and-forget actions only check the signal before posting.
     */
    call(args: CallArgs, options?: CallOptions): Promise<string>;
    /**
     * Asks the portal for the current interaction record. Resolves with the typed record, as
     * `decodeCti` gives it (`guid`, `campaign`, `parAndValues`, `dialer`, …, and `raw`, the
     * record exactly as the portal sent it). Rejects with `TIMEOUT`, `BAD_JSON` (the portal's
     * record is malformed), `NO_PORTAL`, `ABORTED`, `DESTROYED`.
     */
    cti(options?: CallOptions): Promise<CtiRecord>;
    /**
     * Rejects everything pending with `DESTROYED`, removes the listener and the timer; later
     * calls reject at once with `DESTROYED`. Safe to call more than once.
     */
    destroy(): void;
    /**
     * Hangs up the current call. Resolves (with `undefined`) once posted; the portal sends no reply.
     */
    hangup(options?: CallOptions): Promise<void>;
    /**
     * `new PortalChannel({ portalOrigins, target?, allowAnyOrigin?, timeoutMs?, quarantineMs?, debug? })`.
     *
     * * `portalOrigins`: the exact origins the portal may have (e.g. `['https://acme.ucontactcloud.com']`).
     *   Messages are sent to, and accepted from, these origins only.
     * * `target`: `'parent'` (default), `'top'`, `'opener'` (a CRM page the portal opened in a
     *   pop-up), or the name of a frame, like porthole's target window name.
     * * `allowAnyOrigin`: send with `targetOrigin '*'` and accept any origin from the portal window.
     *   Dangerous: whoever navigates the portal window receives your messages. Off by default.
     * * `timeoutMs`: how long `call`/`callWithPhone`/`cti` wait for the reply (default 15000).
     * * `quarantineMs`: after a timed-out call, how long the call lane stays closed so a late
     *   reply cannot be taken for the next call's (default 60000; `Infinity` = until it arrives).
     *
     * Throws `INVALID_ARGUMENT` for bad options.
     */
    constructor(options: PortalChannelOptions);
    /**
     * Sends a dialer record back to the dialer (`objetoRespool`). Resolves once posted.
     */
    respool(respool: Respool | RespoolJson, options?: CallOptions): Promise<void>;
    /**
     * Schedules a dialer call: `callDate` is `YYYY-MM-DD HH:MM:SS`, `objectDialer` a Respool
     * object. Resolves once posted.
     */
    schedule(callDate: string, objectDialer: Respool | RespoolJson, options?: CallOptions): Promise<void>;
    /**
     * Sends a WhatsApp or SMS message to the customer through the portal, as the logged-in
     * agent: `{ campaign, message, destination }`. Resolves once posted: the portal documents
     * no reply, so like `tag` it settles when the message leaves the page (`sent: true`).
     */
    sms(args: SmsArgs, options?: CallOptions): Promise<void>;
    /**
     * Tags the recording of a call: `{ guid, message }`. Resolves once posted.
     */
    tag(args: TagArgs, options?: CallOptions): Promise<void>;
    /**
     * Whether a `message` listener is currently registered (for diagnostics and tests).
     */
    readonly isListening: boolean;
    /**
     * How many requests are waiting for a reply (for diagnostics and tests).
     */
    readonly pending: number;
}

/**
 * The uContact portal's end of the Porthole channel, for tests (the `testing` entry,
 * `ucontact-bridge/testing`): a test page plays the agent portal with it, frames the CRM page
 * under test, answers each action with what the test decides and sees every action it sent.
 * It answers the way the portal and porthole.js 1.0.0 do, byte for byte.
 */
export class PortalHost {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Removes the message listener, the handlers and every subscription: nothing more is
     * received or answered, not even a reply still waiting on a handler's promise, and `post`
     * rejects with `DESTROYED`. A second call does nothing; `free()` is `destroy()` and then
     * the release of the object's memory.
     */
    destroy(): void;
    /**
     * `new PortalHost({ crmOrigins, log?, debug? })`: listens to the window's messages at once
     * and accepts envelopes only from `crmOrigins` (exact origins, `scheme://host[:port]`).
     * Throws `INVALID_ARGUMENT` for bad options (no `crmOrigins`, or one that is not an exact
     * lowercase origin: `*`, a path, a trailing slash)
     * and `NO_PORTAL` where there is no window (Node).
     */
    constructor(options: PortalHostOptions);
    /**
     * Posts an unsolicited message (any JSON value) to the CRM frame that last spoke, in
     * porthole's envelope, as the portal pushes a new CTI record (a `PortalChannel` emits it
     * as `'message'`). Resolves once posted. Rejects with `NO_PORTAL` when no CRM frame has
     * spoken yet, `INVALID_ARGUMENT` for a value that is not JSON, `DESTROYED` after `destroy()`.
     */
    post(data: JsonValue): Promise<void>;
    /**
     * Only accept messages whose `event.source` is this window (an iframe's `contentWindow`
     * or any window). Without it, any window on an allowed origin is answered. Give an iframe
     * once it is in the document: its window is read now, and stays the same across the
     * frame's navigations (set `src` before or after).
     */
    setFrame(frame: HTMLIFrameElement | Window): void;
}

/**
 * A dialer row with only the edits uContact documents. Campaign, status, contact and
 * dialerbase are read-only (no setter exists) and travel unchanged. Pass it to
 * `channel.respool(r)` or `channel.schedule(date, r)` as it is.
 */
export class Respool {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Builds the Respool from a CTI record (anything `decodeCti` accepts, with the same
     * options). Throws `NOT_DIALER` when the record has no dialer row.
     */
    static fromCti(input: CtiInput, options?: DecodeCtiOptions): Respool;
    /**
     * Makes an alternative number the main one; the old main joins the alternatives in its
     * place and retries reset to 0. Throws `INVALID_ARGUMENT` if it is not an alternative.
     */
    promote(number: string): void;
    /**
     * Removes a data parameter; returns whether it existed.
     */
    removeData(key: string): boolean;
    /**
     * Reorders the alternatives (a permutation of the current ones).
     */
    reorderAlternatives(order: string[]): void;
    /**
     * Assigns the call to another agent phone (progressive dialers).
     */
    setAgentphone(phone: string): void;
    /**
     * Adds or changes a data parameter (`k=v`); keys and values that cannot be represented
     * (`:`, `=` in keys, line breaks) are refused, never mangled.
     */
    setData(key: string, value: string): void;
    /**
     * Sets the priority: a whole number greater than 1 (1 is reserved for scheduled calls).
     * Throws `INVALID_ARGUMENT` otherwise.
     */
    setPriority(priority: number): void;
    /**
     * Sets the retry count of the main number. Throws `INVALID_ARGUMENT` unless it is a whole
     * number from 0 to 4294967295.
     */
    setRetries(retries: number): void;
    /**
     * The documented Respool object (`campaign, destination, dialerbase, status, data,
     * alternatives, contact, retries, priority, agentphone`), as sent to the portal and REST.
     */
    toJSON(): RespoolJson;
    /**
     * The alternative numbers, in order.
     */
    readonly alternatives: string[];
    /**
     * The dialer campaign (read-only).
     */
    readonly campaign: string;
    /**
     * The main number.
     */
    readonly destination: string;
    /**
     * The priority.
     */
    readonly priority: number;
    /**
     * The retry count of the main number.
     */
    readonly retries: number;
}

/**
 * Decodes a CTI record: the portal's `CTI` reply (a JSON string or an object), plain JSON, or
 * (in the full build, with `{ key }`) a sealed `ucb2.` envelope. Returns the typed record
 * (`guid`, `campaign`, `parAndValues` as `[key, value]` pairs, `beep`/`answer` booleans,
 * `channel`, `dialer` or `null`, and `raw`, the record as received). Throws `BAD_JSON`,
 * `WRONG_KEY`, `TAMPERED`, `TRUNCATED`, `BAD_BASE64`, `UNSUPPORTED_ENVELOPE`, `BAD_KEY`.
 */
export function decodeCti(input: CtiInput, options?: DecodeCtiOptions): CtiRecord;

/**
 * Decodes the legacy global `CTI` string that v5 forms receive (plain JSON). Throws
 * `NOT_FOUND` when there is no such global, and `BAD_JSON` when it is malformed.
 */
export function readLegacyCti(): CtiRecord;

/**
 * The library version (the crate version).
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
