/* tslint:disable */
/* eslint-disable */
// ---- Bridge -----------------------------------------------------------------------------------

/** The path a `Bridge` took. */
export type BridgeMode = 'portal' | 'rest';

/** `mode` of `BridgeOptions`: `'auto'` (default) chooses. */
export type BridgeModeOption = 'auto' | BridgeMode;

/** `Bridge.state`. */
export type BridgeState = 'connecting' | 'connected' | 'lost' | 'destroyed';

/** Who the agent is, for REST `call`, `hangup` and `tag`. */
export interface AgentProfile {
    agent: string;
    phone: string;
    /** Default `'SIP'`. */
    tech?: string;
    context: string;
}

/** `new Bridge(options)`. */
export interface BridgeOptions extends LogOptions {
    mode?: BridgeModeOption;
    portalOrigins?: string[];
    target?: PortalTarget;
    allowAnyOrigin?: boolean;
    timeoutMs?: number;
    quarantineMs?: number;
    /** Default 2000. */
    probeTimeoutMs?: number;
    /** Default 15000; `0` turns the heartbeat off. */
    heartbeatMs?: number;
    rest?: IntegraClientOptions;
    agent?: AgentProfile;
    cti?: ReadCtiOptions;
}

/** The detail of `connected`, `lost` and `restored`. */
export interface BridgeConnection {
    mode: BridgeMode;
}

/** The details of `Bridge` events. */
export interface BridgeEventMap {
    connected: BridgeConnection;
    lost: BridgeConnection;
    restored: BridgeConnection;
    message: JsonValue;
    late: LateReply;
}

export type BridgeEvent = keyof BridgeEventMap;

/** A `Bridge` listener; give the detail's type with `BridgeListener<'connected'>`. */
export type BridgeListener<E extends BridgeEvent = BridgeEvent> = (detail: BridgeEventMap[E]) => void;

/** `on` and `off` of `Bridge`, typed per event. */
export interface Bridge {
    /**
     * Subscribes to `'connected'`, `'lost'`, `'restored'` (each with `{ mode }`), or the portal's
     * `'message'` / `'late'`. Throws `INVALID_ARGUMENT` for other names or options.
     * Returns the function that ends the subscription (so do `off`, `options.signal` aborting, and
     * with `options.once` the first event, which ends it before the listener runs).
     */
    on<E extends BridgeEvent>(event: E, listener: BridgeListener<E>, options?: ListenOptions): Unsubscribe;
    /** `on` for the next event only (as `{ once: true }`): the subscription ends before the
     *  listener runs. Returns the function that ends it sooner. */
    once<E extends BridgeEvent>(event: E, listener: BridgeListener<E>, options?: ListenOptions): Unsubscribe;
    /** Ends every subscription of `listener` to `event` made with `on` (with `once` or not). */
    off<E extends BridgeEvent>(event: E, listener: BridgeListener<E>): void;
}


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


// ---- IntegraClient ----------------------------------------------------------------------------

/** Where recordings are kept: host names (`pbx.acme.com`) or origins (`http://10.0.0.5:8080`). */
export interface RecordingHosts {
    telephony: string;
    backup?: string;
}

/** Settings of `IntegraClient` besides the credentials. */
export interface IntegraClientSettings extends LogOptions {
    /** The instance's origin, `https://acme.ucontactcloud.com`. */
    baseUrl: string;
    /** A session token you already have. */
    token?: string;
    /** Deadline of each request, queue time included (default 20000). */
    timeoutMs?: number;
    recordingHosts?: RecordingHosts;
    /**
     * The concurrency cap: requests on the network at once (default 6); the rest wait in a
     * first-in, first-out queue, keeping their deadline and signal. Six is what a browser opens per
     * host over HTTP/1.1, and measured no slower than higher caps there; raise it for an HTTP/2
     * server. Thousands of calls uncapped fail in Chromium (`NETWORK`, `ERR_INSUFFICIENT_RESOURCES`).
     */
    maxInFlight?: number;
    /**
     * The largest response body read, in bytes (default 33554432: 32 MiB; at least 1024). A
     * larger answer is abandoned and the call rejects `RESPONSE_TOO_LARGE` with `sent: true`.
     */
    maxResponseBytes?: number;
}

/** `new IntegraClient(options)`: `user` and `password` go together. */
export type IntegraClientOptions = IntegraClientSettings &
({ user: string; password: string } | { user?: undefined; password?: undefined });

export interface AgentCallArgs {
    callerid: string;
    agent: string;
    phone: string;
    tech: string;
    context: string;
    outqueue: string;
    destination: string;
}

export interface AgentCallWithDataArgs extends AgentCallArgs {
    /** `k=v:k=v`. */
    data?: string;
    form?: string;
}

export interface HangupPhoneArgs {
    phone: string;
}

export interface TagRecordArgs {
    phone: string;
    guid: string;
    data: string;
}

export interface DispositionCallArgs {
    campaign: string;
    agent: string;
    callerid: string;
    guid: string;
    l1: string;
    l2?: string;
    l3?: string;
    d1?: string;
    d2?: string;
    comment?: string;
    schedule?: string;
    camptoreschedule?: string;
    tag?: string;
}

/** What `dispositionCall` resolves with: the server's `txtcode`, `null` for a plain `1`/`OK`. */
export interface DispositionResult {
    txtcode: string | null;
}

export interface AddBlackArgs {
    phone: string;
    /** `'*'` for every campaign. */
    campaign: string;
    username: string;
    company?: string;
    jobTitle?: string;
    name?: string;
}

/** The CDR search filter: dates (`YYYY-MM-DD HH:MM:SS`) are required, every other criterion optional. */
export interface CdrFilter {
    calldatei: string;
    calldatef: string;
    agent?: string;
    campaign?: string;
    source?: string;
    destination?: string;
    data?: string;
    range?: string;
    rating?: string;
    mindur?: string;
    exclude?: string;
    cont?: string;
}

/** One page of `getRecords`. */
export interface CdrPage {
    /** Offset of the page (default 0). */
    lastrow?: number;
    searchLimit: number;
}

/** Options of `records()`. */
export interface RecordsOptions extends CallOptions {
    /** Default 100. */
    pageSize?: number;
}

/** One call record: `guid` and `calldate` first when the server sent them as strings, then every other key in order. */
export interface CdrRecord {
    guid?: string;
    calldate?: string;
    [key: string]: JsonValue | undefined;
}

export interface ConvertArgs {
    guid: string;
    calldate: string;
}

/** One place a recording may be. */
export interface RecordingCandidate {
    url: string;
    format: 'mp3' | 'gsm';
    place: 'Telephony' | 'TelephonyDated' | 'BackupDated' | 'Backup';
}

export interface ScheduleDialerCallArgs {
    calldate: string;
    campaign: string;
    destination: string;
    alternatives?: string;
    agentphone?: string;
    data?: string;
}

/** `sendSms` / `sendSmsV1`: a WhatsApp or SMS message. */
export interface SendSmsArgs {
    /** The customer's number. */
    destination: string;
    message: string;
    /** The (outbound) WhatsApp/SMS campaign. */
    campaign: string;
    /** The sending agent. */
    agent?: string;
    /** The caller id or port it goes out from. */
    source?: string;
}

/** `scheduleSms`: a message for the SMS dialer to send at `calldate`. */
export interface ScheduleSmsArgs {
    /** `YYYY-MM-DD HH:MM:SS`, the instance's time. */
    calldate: string;
    campaign: string;
    destination: string;
    /** The text. */
    data: string;
}

/** `agentLogoff` (Agent API). */
export interface AgentLogoffArgs {
    agent: string;
    /** The agent's interface, e.g. `'SIP/9999'`. */
    interface: string;
    message?: string;
}

/** `agentUnbreak` (Agent API). */
export interface AgentUnbreakArgs {
    agent: string;
    /** The agent's interface, e.g. `'SIP/9999'`. */
    interface: string;
    /** The break's name, as configured in uContact. */
    motive: string;
    message?: string;
}

export type DialerTaskMode = 'priority' | 'clickToCall' | 'addToDialer' | 'schedule';

/** Fields of `dialerTask` shared by every mode. */
export interface DialerTaskCommon {
    campaign: string;
    destination: string;
    alternatives?: string;
    agent?: string;
    data?: string;
    source?: string;
}

/** `dialerTask` arguments: `calldate` is required for `'schedule'` and only allowed there. */
export type DialerTaskArgs = DialerTaskCommon &
(
| { mode: 'schedule'; calldate: string }
| { mode: Exclude<DialerTaskMode, 'schedule'>; calldate?: undefined }
);

export interface RemoveContactArgs {
    campaign: string;
    number: string;
}

export interface RemoveScheduleDialerCallArgs {
    campaign: string;
    destination: string;
    from: string;
    to: string;
}

/**
 * A dialer base row; `data` is an object (order kept) or `[key, value]` pairs.
 *
 * Rows are read as `JSON.stringify` reads them: own enumerable members, a value's `toJSON`
 * used, and a member that is `undefined`, a function or a symbol counted as absent.
 */
export interface BaseRowInput {
    campaign: string;
    number: string;
    data?: { [key: string]: string | number } | [string, string][] | null;
    alternatives?: string[];
    priority?: number | null;
    agentphone?: string | null;
}

/** What `buildBaseFile` returns. */
export interface BaseFileResult {
    rows: number;
    text: string;
    base64: string;
}

export interface UploadBaseArgs {
    filename: string;
    campaign: string;
    username: string;
    rows: BaseRowInput[];
    /** With a timezone, `Dialers/uploadbasewithtimezone`. */
    timezone?: string;
}

/** One queue of `queueSummary`. */
export interface QueueStats {
    queue: string | null;
    loggedIn: number | null;
    available: number | null;
    callers: number | null;
    holdTime: number | null;
    talkTime: number | null;
    longestHoldTime: number | null;
    internalActionId: string | null;
    dateReceived: string | null;
    [key: string]: JsonValue;
}

/** An element without a `queue`: the end of the summary list. */
export interface QueueSummaryMarker {
    internalActionId: string | null;
    dateReceived: string | null;
    [key: string]: JsonValue;
}

/** What `queueSummary` resolves with. */
export interface QueueSummary {
    queues: QueueStats[];
    markers: QueueSummaryMarker[];
}

/** Agent device state names; `OTHER` for a code this library does not know. */
export type AgentStatusName =
| 'UNKNOWN'
| 'NOT_INUSE'
| 'INUSE'
| 'BUSY'
| 'INVALID'
| 'UNAVAILABLE'
| 'RINGING'
| 'RINGINUSE'
| 'ONHOLD'
| 'WRAPUP'
| 'OTHER';

/** An agent's device state: the server's code and its name. */
export type AgentStatus = { code: number; name: AgentStatusName };

/** A campaign's statistics in `campaignStatus`. */
export interface CampaignStats {
    campaign: string | null;
    availables: number | null;
    notavailables: number | null;
    paused: number | null;
    busy: number | null;
    busypaused: number | null;
    totalagents: number | null;
    logged: number | null;
    onwrapup: number | null;
    completed: number | null;
    abandoned: number | null;
    talked: string | null;
    hold: string | null;
    abandonedlevel: string | null;
    totalcalls: number | null;
    acd: number | null;
    servicelevel: string | null;
    servicelevel2: string | null;
    strategy: string | null;
    slevelthreshold: string | null;
    wrapup: number | null;
    [key: string]: JsonValue;
}

/** An agent's state within a campaign in `campaignStatus`. */
export interface AgentEntry {
    queue: string | null;
    location: string | null;
    membership: string | null;
    name: string | null;
    penalty: number | null;
    callsTaken: number | null;
    lastCall: number | null;
    status: AgentStatus | null;
    paused: boolean | null;
    stateinterface: string | null;
    incall: number | null;
    pausedreason: string | null;
    internalActionId: string | null;
    dateReceived: string | null;
    server: string | null;
    [key: string]: JsonValue;
}

/** What `campaignStatus` resolves with, entries in the server's order. */
export interface CampaignStatusReport {
    /** Keyed by campaign name. */
    campaigns: { [campaign: string]: CampaignStats };
    /** Keyed by interface (`SIP/1010`). */
    agents: { [iface: string]: AgentEntry };
    /** Entries that are not objects. */
    other: { [key: string]: JsonValue };
}

/** `CdrPages` is its own async iterator (`for await`). */
export interface CdrPages extends AsyncIterable<CdrRecord[]> {
    /** `for await (const page of client.records(filter))`: the pages themselves. */
    [Symbol.asyncIterator](): CdrPages;
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


// ---- sealed CTI records -----------------------------------------------------------------------

/** Options of `decodeCti` and `Respool.fromCti` for sealed records. */
export interface DecodeCtiOptions {
    /** AES-256 key: 32 bytes, base64 or hex. */
    key?: string;
    /** Accept plain JSON even though a key is given. */
    acceptPlain?: boolean;
}

/** Options of `readCtiFromStorage` (and `cti` of `BridgeOptions`). */
export interface ReadCtiOptions extends DecodeCtiOptions {
    /** The `localStorage` key (default `ucontact-bridge.cti`). */
    storageKey?: string;
}

/** Options of `CtiKey`'s `decode`, `open` and `respool`. */
export interface CtiKeyOptions {
    /** Accept plain JSON even though the key is there. */
    acceptPlain?: boolean;
}

/** What `CtiKey.open` returns: the typed record and its `Respool` (`null` without a dialer row). */
export interface CtiOpened {
    record: CtiRecord;
    respool: Respool | null;
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
 * One entry point for CRM pages: the portal when the page runs inside it, the Integra REST API
 * otherwise.
 *
 * ```js
 * const bridge = new Bridge({ portalOrigins: ['https://acme.ucontactcloud.com'],
 *   rest: { baseUrl: 'https://acme.ucontactcloud.com', user, password },
 *   agent: { agent: 'ana', phone: '1001', context: 'from-internal' } });
 * bridge.on('lost', () => showBanner('portal not answering'));
 * const mode = await bridge.ready;               // 'portal' or 'rest'
 * const guid = await bridge.call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' });
 * ```
 */
export class Bridge {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Places a call with the portal's own phone: `{ destination, campaign }`. Portal only:
     * on the REST path it rejects with `PORTAL_REQUIRED`.
     */
    callWithPhone(args: CallWithPhoneArgs, options?: CallOptions): Promise<string>;
    /**
     * Places a call: `{ campaign, callerid, destination }`. Resolves with the guid.
     */
    call(args: CallArgs, options?: CallOptions): Promise<string>;
    /**
     * The current interaction record, typed like `decodeCti`: from the portal (`CTI`), or on
     * the REST path from localStorage (`cti` options), else the legacy global `CTI`.
     */
    cti(options?: CallOptions): Promise<CtiRecord>;
    /**
     * Stops probing, destroys the channel and aborts the REST requests in flight: every
     * pending call rejects with `DESTROYED`, and so do later calls. Safe to call more than once.
     */
    destroy(): void;
    /**
     * Hangs up the agent's current call.
     */
    hangup(options?: CallOptions): Promise<void>;
    /**
     * `new Bridge({ mode?, portalOrigins?, target?, allowAnyOrigin?, timeoutMs?, quarantineMs?,
     * probeTimeoutMs?, heartbeatMs?, log?, debug?, rest?, agent?, cti? })`.
     *
     * * `mode`: `'auto'` (default): the portal if the portal window is there (the page is
     *   framed, or was opened by the portal with `target: 'opener'`) and the portal answers a
     *   probe (a `CTI` request, which changes nothing) within `probeTimeoutMs` (default 2000);
     *   otherwise REST. `'portal'` or `'rest'` force a path.
     * * `portalOrigins`, `target`, `allowAnyOrigin`, `timeoutMs`, `quarantineMs`, `log`,
     *   `debug`: as for `PortalChannel`; the log has the entries of both paths.
     * * `heartbeatMs`: on the portal path, probe this often to notice a portal that stopped
     *   answering (default 15000; `0` turns it off).
     * * `rest`: `IntegraClient` options (`baseUrl`, `token` or `user` + `password`, …).
     * * `agent`: `{ agent, phone, tech? ('SIP'), context }`, which REST `call`, `hangup` and
     *   `tag` need.
     * * `cti`: `readCtiFromStorage` options for `cti()` on the REST path.
     *
     * Throws `INVALID_ARGUMENT` for bad options (and the nested option's own code, such as a
     * bad REST token).
     */
    constructor(options: BridgeOptions);
    /**
     * Sends a dialer row back to the dialer: a `Respool` (or its JSON), checked first on
     * both paths.
     */
    respool(respool: Respool | RespoolJson, options?: CallOptions): Promise<void>;
    /**
     * Schedules a dialer row: `callDate` (`YYYY-MM-DD HH:MM:SS`) and a `Respool`, checked
     * first on both paths.
     */
    schedule(callDate: string, respool: Respool | RespoolJson, options?: CallOptions): Promise<void>;
    /**
     * Sends a WhatsApp or SMS message: `{ campaign, message, destination }`. On the portal path
     * it is the portal's `sms` action and resolves with `undefined` once posted (the portal
     * documents no reply); on the REST path it is `SMS/SendSMSv2` (the sending agent from the
     * `agent` profile, if given) and resolves with the message's id. Never both, never twice.
     */
    sms(args: SmsArgs, options?: CallOptions): Promise<string | undefined>;
    /**
     * Tags a call's recording: `{ guid, message }`.
     */
    tag(args: TagArgs, options?: CallOptions): Promise<void>;
    /**
     * `'choosing'`, `'portal'` or `'rest'`.
     */
    readonly mode: BridgeMode | 'choosing';
    /**
     * Calls made on this bridge that have not settled yet (both paths).
     */
    readonly pending: number;
    /**
     * Resolves with the chosen path, `'portal'` or `'rest'`, once decided; rejects with
     * `NO_PORTAL` when `auto` found no answering portal and no REST settings.
     */
    readonly ready: Promise<BridgeMode>;
    /**
     * The REST client (sharing this bridge's session) for REST-only operations:
     * dispositions, blacklist, dialer tasks, bases, recordings, supervisor. `undefined`
     * without `rest` settings.
     */
    readonly rest: IntegraClient | undefined;
    /**
     * `'connecting'`, `'connected'`, `'lost'` (the portal stopped answering) or `'destroyed'`.
     */
    readonly state: BridgeState;
}

/**
 * The pages of a `records()` search; an async iterator of arrays of records.
 */
export class CdrPages {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * The iterator protocol: resolves with `{ done: false, value: records[] }` per page, then
     * `{ done: true }` after the first short page.
     */
    next(): Promise<IteratorResult<CdrRecord[], undefined>>;
    /**
     * Whether the last page was received.
     */
    readonly done: boolean;
    /**
     * Records received so far.
     */
    readonly lastrow: number;
}

/**
 * An AES-256 key imported once, like a `CryptoKey`: its round keys, GCM hash key and check
 * value are computed when it is made, so opening many records costs no key work per record.
 * Synchronous. The key text is not kept; `free()` releases the expanded key.
 */
export class CtiKey {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * `decodeCti(text, { key })` with this key: a sealed `ucb2.` envelope (or, with
     * `acceptPlain`, plain JSON) to the typed record.
     */
    decode(text: string, options?: CtiKeyOptions): CtiRecord;
    /**
     * Imports a key: 32 bytes as base64 or 64 hex digits. Throws `BAD_KEY`.
     */
    constructor(key: string);
    /**
     * One pass from an envelope to the typed record and its `Respool` (`null` when the record
     * has no dialer row): `{ record, respool }`.
     */
    open(text: string, options?: CtiKeyOptions): CtiOpened;
    /**
     * `Respool.fromCti(text, { key })` with this key.
     */
    respool(text: string, options?: CtiKeyOptions): Respool;
    /**
     * Seals a record (a JSON object as text) into a `ucb2.` envelope. Throws `BAD_JSON`,
     * `RANDOM_UNAVAILABLE`.
     */
    seal(record: string): string;
    /**
     * The key check value (8 hex digits): safe to show, to confirm two systems hold the same
     * key.
     */
    readonly checkValue: string;
}

/**
 * A client of one uContact instance's Integra REST API.
 *
 * Every method returns a promise that settles exactly once. Failures reject with an `Error`
 * whose `name` is `UContactError` and whose `code` says what happened (`REFUSED`,
 * `BAD_REQUEST`, `UNAUTHORIZED`, `LOGIN_FAILED`, `HTTP_STATUS`, `NETWORK`, `REQUEST_TIMEOUT`,
 * `BAD_RESPONSE`, `ABORTED`, `INVALID_ARGUMENT`). Only a 401 is retried, once, after logging in
 * again; nothing that may have run on the server is ever sent twice.
 */
export class IntegraClient {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * `admin/addblack`: `{ phone, campaign ('*' = every campaign), username, company?,
     * jobTitle?, name? }`.
     */
    addBlack(args: AddBlackArgs, options?: CallOptions): Promise<void>;
    /**
     * `Agents/AgentCallwithData`: like `agentCall` plus `data` (`k=v:k=v`) and `form`.
     * Resolves with the guid.
     */
    agentCallWithData(args: AgentCallWithDataArgs, options?: CallOptions): Promise<string>;
    /**
     * `Agents/AgentCall`: `{ callerid, agent, phone, tech, context, outqueue, destination }`.
     * Resolves with the new call's guid.
     */
    agentCall(args: AgentCallArgs, options?: CallOptions): Promise<string>;
    /**
     * `api/AgentLogoff` (the Agent API: a client made with the agent's own `token`):
     * `{ agent, interface, message? }`.
     */
    agentLogoff(args: AgentLogoffArgs, options?: CallOptions): Promise<void>;
    /**
     * `api/AgentUnBreak` (the Agent API): `{ agent, interface, motive, message? }`.
     */
    agentUnbreak(args: AgentUnbreakArgs, options?: CallOptions): Promise<void>;
    /**
     * `Supervisor/campaignstatus`: every campaign, or one `queue` with its agents (keyed like
     * `SIP/1010`). Resolves with `{ campaigns, agents, other }`.
     */
    campaignStatus(queue?: string | null, options?: CallOptions): Promise<CampaignStatusReport>;
    /**
     * `Supervisor/convert`: `{ guid, calldate }` converts that call's GSM recording to MP3.
     */
    convert(args: ConvertArgs, options?: CallOptions): Promise<void>;
    /**
     * Stops the client: requests on the network and in the queue reject with `DESTROYED`
     * (queued ones with `sent: false`), and so does every later call. Safe to call more than
     * once. A client shared with a `Bridge` (`bridge.rest`) is stopped for both.
     */
    destroy(): void;
    /**
     * `Dialers/DialerTask`: `{ mode: 'priority' | 'clickToCall' | 'addToDialer' | 'schedule',
     * campaign, destination, calldate? (schedule only), alternatives?, agent?, data?, source? }`.
     */
    dialerTask(args: DialerTaskArgs, options?: CallOptions): Promise<void>;
    /**
     * `api/DispositionCall`: `{ campaign, agent, callerid, guid, l1, l2?, l3?, d1?, d2?,
     * comment?, schedule?, camptoreschedule?, tag? }`. Resolves with `{ txtcode }`.
     */
    dispositionCall(args: DispositionCallArgs, options?: CallOptions): Promise<DispositionResult>;
    /**
     * `auth/EndSession` for the current token, then forgets it.
     */
    endSession(options?: CallOptions): Promise<void>;
    /**
     * Probes the candidates with `HEAD` requests, in order; resolves with the first that
     * exists (`{ url, format, place }`) or `null`. Rejects with `NETWORK` when nothing was
     * found and some place could not be reached.
     */
    findRecording(guid: string, calldate: string, options?: CallOptions): Promise<RecordingCandidate | null>;
    /**
     * `Cdr/getrecords`, one page: `filter` (`{ calldatei, calldatef, agent?, … }`) and
     * `{ lastrow?, searchLimit }`. Resolves with the records. See `records` for all pages.
     */
    getRecords(filter: CdrFilter, page: CdrPage, options?: CallOptions): Promise<CdrRecord[]>;
    /**
     * `Agents/HangupPhone`: `{ phone }` (the agent's phone).
     */
    hangupPhone(args: HangupPhoneArgs, options?: CallOptions): Promise<void>;
    /**
     * `auth/getUserToken` with the configured `user` and `password`; keeps the token.
     * Rejects with `LOGIN_FAILED` when the server refuses them.
     */
    login(options?: CallOptions): Promise<void>;
    /**
     * `new IntegraClient({ baseUrl, token?, user?, password?, timeoutMs?, recordingHosts? })`.
     *
     * * `baseUrl`: the instance's origin, `https://acme.ucontactcloud.com`.
     * * `token`: a session token you already have; or `user` + `password` to log in when
     *   needed (and again, once, when the server answers 401).
     * * `timeoutMs`: deadline of each request (default 20000).
     * * `recordingHosts`: `{ telephony, backup? }` where recordings are kept, for
     *   `recordingCandidates` / `findRecording`.
     * * `maxInFlight`: the concurrency cap, requests on the network at once (default 6, what a
     *   browser opens per host over HTTP/1.1; chosen by measurement); the rest wait in a
     *   first-in, first-out queue, keeping their deadline and signal. Raise it for an HTTP/2
     *   server; thousands of calls uncapped fail in Chromium.
     * * `maxResponseBytes`: the largest response body read (default 33554432, 32 MiB; at least
     *   1024); a larger one is abandoned and the call rejects `RESPONSE_TOO_LARGE` (`sent: true`).
     * * `log`, `debug`: where each exchange is logged (`LogEntry`: endpoint names, HTTP
     *   statuses, error codes; never the form, the token or the body).
     *
     * Throws `INVALID_ARGUMENT` for bad options.
     */
    constructor(options: IntegraClientOptions);
    /**
     * `Supervisor/queuesummary`: resolves with `{ queues, markers }`.
     */
    queueSummary(options?: CallOptions): Promise<QueueSummary>;
    /**
     * Where a call's recording may be, in the documented order (MP3 in four places, then
     * GSM): `[{ url, format, place }]`. Needs `recordingHosts`, or pass `hosts`.
     */
    recordingCandidates(guid: string, calldate: string, hosts?: RecordingHosts | null): RecordingCandidate[];
    /**
     * Every record matching `filter`, page by page: an async iterator of arrays, for
     * `for await (const page of client.records(filter, { pageSize: 100 }))`. Options:
     * `pageSize` (default 100), `signal`, `timeoutMs`. Throws `INVALID_ARGUMENT` at once for
     * a bad filter.
     */
    records(filter: CdrFilter, options?: RecordsOptions): CdrPages;
    /**
     * `Dialers/RemoveContact`: `{ campaign, number }`.
     */
    removeContact(args: RemoveContactArgs, options?: CallOptions): Promise<void>;
    /**
     * `Dialers/RemoveScheduleDialerCall`: `{ campaign, destination, from, to }`.
     */
    removeScheduleDialerCall(args: RemoveScheduleDialerCallArgs, options?: CallOptions): Promise<void>;
    /**
     * `Dialers/Respool`: a `Respool` object (or its plain JSON) back to the dialer. The
     * object is checked and sent with exactly the documented keys, in order.
     */
    respool(respool: Respool | RespoolJson, options?: CallOptions): Promise<void>;
    /**
     * `Dialers/ScheduleDialerCall`: `{ calldate, campaign, destination, alternatives?,
     * agentphone?, data? }`.
     */
    scheduleDialerCall(args: ScheduleDialerCallArgs, options?: CallOptions): Promise<void>;
    /**
     * `SMS/ScheduleDialerSMS`: `{ calldate, campaign, destination, data }` (`data` is the text;
     * `calldate` is `YYYY-MM-DD HH:MM:SS`), for the SMS dialer to send then.
     */
    scheduleSms(args: ScheduleSmsArgs, options?: CallOptions): Promise<void>;
    /**
     * `Dialers/ScheduleDialerCall` from a `Respool` object: calls that row at `callDate`
     * (`YYYY-MM-DD HH:MM:SS`), like the portal's `schedule` action.
     */
    schedule(callDate: string, respool: Respool | RespoolJson, options?: CallOptions): Promise<void>;
    /**
     * `SMS/SendSMS`: the same message through the older endpoint, which answers `OK` and no id.
     */
    sendSmsV1(args: SendSmsArgs, options?: CallOptions): Promise<void>;
    /**
     * `SMS/SendSMSv2`: sends a WhatsApp or SMS message, `{ destination, message, campaign,
     * agent?, source? }`; resolves with the message's id. Never repeated automatically (a 401
     * included): it may have reached the customer. An instance without SendSMSv2 answers
     * `HTTP_STATUS` 404 (`sent: true`, nothing went out): use `sendSmsV1` there.
     */
    sendSms(args: SendSmsArgs, options?: CallOptions): Promise<string>;
    /**
     * `Agents/TagRecord`: `{ phone, guid, data }`.
     */
    tagRecord(args: TagRecordArgs, options?: CallOptions): Promise<void>;
    /**
     * `Dialers/uploadbase` (or `uploadbasewithtimezone` when `timezone` is given):
     * `{ filename, campaign, username, rows: [{ campaign, number, data?, alternatives?,
     * priority?, agentphone? }], timezone? }`. The file is built and checked here first.
     */
    uploadBase(args: UploadBaseArgs, options?: CallOptions): Promise<void>;
    /**
     * The instance's origin, as configured.
     */
    readonly baseUrl: string;
    /**
     * Whether the client currently holds a session token.
     */
    readonly hasToken: boolean;
    /**
     * Requests waiting for a place on the network (see `maxInFlight`).
     */
    readonly queued: number;
}

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
 * Builds a dialer base file from rows and checks it: returns `{ rows, text, base64 }`.
 * Throws `INVALID_ARGUMENT` naming the row and field at fault. Rows are read as
 * `JSON.stringify` reads them (see `BaseRowInput`).
 */
export function buildBaseFile(rows: BaseRowInput[]): BaseFileResult;

/**
 * Decodes a CTI record: the portal's `CTI` reply (a JSON string or an object), plain JSON, or
 * (in the full build, with `{ key }`) a sealed `ucb2.` envelope. Returns the typed record
 * (`guid`, `campaign`, `parAndValues` as `[key, value]` pairs, `beep`/`answer` booleans,
 * `channel`, `dialer` or `null`, and `raw`, the record as received). Throws `BAD_JSON`,
 * `WRONG_KEY`, `TAMPERED`, `TRUNCATED`, `BAD_BASE64`, `UNSUPPORTED_ENVELOPE`, `BAD_KEY`.
 */
export function decodeCti(input: CtiInput, options?: DecodeCtiOptions): CtiRecord;

/**
 * Seals a record (a JSON string) into the `ucb2.` AES-256-GCM envelope with `key` (base64 or
 * hex of 32 bytes). Throws `BAD_KEY`, `BAD_JSON` (not a JSON object), `RANDOM_UNAVAILABLE`.
 */
export function encryptCti(record: string, key: string): string;

/**
 * A new random AES-256 key, base64. Keep it secret; never log it.
 */
export function generateCtiKey(): string;

/**
 * Reads and decodes the record kept in `localStorage` under `storageKey` (default
 * `ucontact-bridge.cti`). Options: `{ storageKey?, key?, acceptPlain? }`. Throws
 * `STORAGE_UNAVAILABLE` when the browser blocks storage (cross-site frames, private modes),
 * `NOT_FOUND` when nothing is stored, and the decoding errors of `decodeCti`.
 */
export function readCtiFromStorage(options?: ReadCtiOptions): CtiRecord;

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
