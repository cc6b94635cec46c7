/* tslint:disable */
/* eslint-disable */
// ---- uContact v6: UPhone ---------------------------------------------------------------------

/** The settings of `UPhone` besides its frame. */
export interface UPhoneSettings extends LogOptions {
    /** The frame's URL when created (default `instanceOrigin + '/uphone'`); on `instanceOrigin`. */
    src?: string;
    /** The instance's exact origin, `https://acme.ucontactcloud.com`. */
    instanceOrigin: string;
    /** The command's spelling: `'makeCall'` (default, documented) or `'makecall'`. */
    makeCallAction?: 'makeCall' | 'makecall';
    /** Calls kept in `state.history` (default 20). */
    historySize?: number;
}

/**
 * `new UPhone(options)`: `frame`, the `<iframe>` showing `https://<instance>/uphone`, or
 * `container`, an element to create it in (with `allow="camera;microphone"`); not both.
 */
export type UPhoneOptions = UPhoneSettings &
({ frame: HTMLIFrameElement; container?: never } | { container: Element; frame?: never });

/** `makeCall` arguments. */
export interface MakeCallArgs {
    /** The number to dial (sent as a string). */
    number: string | number;
    /** The campaign, e.g. `'Ventas->'`. */
    campaign: string;
}

/** An event's `params`, typed where public integrations read them; `null` when absent or unreadable. */
export interface UPhoneParams {
    number: string | null;
    campaign: string | null;
    guid: string | null;
    direction: string | null;
    /** `YYYY-MM-DDTHH:MM:SS` (no zone), from any of the three formats uPhone is seen to send. */
    date: string | null;
    /** Seconds. */
    duration: number | null;
    clientId: string | null;
    needsDispositions: boolean | null;
    dispositions: JsonValue;
    /** Every other key of `params`, as received. */
    extra: JsonObject;
}

/** A uPhone event. */
export interface UPhoneEvent {
    /** The action as sent (`gettingCall`, …, or one this library does not know). */
    action: string;
    params: UPhoneParams;
    /** The message exactly as posted. */
    raw: unknown;
}

/** A call (or an SMS conversation) in the derived state. */
export interface UPhoneCall {
    guid: string | null;
    channel: 'call' | 'sms';
    direction: 'inbound' | 'outbound' | 'unknown';
    phase: 'ringing' | 'outbound' | 'finished';
    number: string | null;
    campaign: string | null;
    clientId: string | null;
    /** The date of its first event that had one. */
    started: string | null;
    finished: string | null;
    duration: number | null;
    needsDispositions: boolean | null;
    dispositions: JsonValue;
    /** How many events told about it. */
    events: number;
}

/** The agent's and the call's state, derived from uPhone's events. */
export interface UPhoneState {
    agent: 'unknown' | 'loggedIn' | 'loggedOut';
    /** The latest call (it stays, `finished`, until the next). */
    call: UPhoneCall | null;
    /** Finished and superseded calls, newest first. */
    history: UPhoneCall[];
}

/** The details of `UPhone` events. */
export interface UPhoneEventMap {
    makeCall: UPhoneEvent;
    gettingCall: UPhoneEvent;
    finishedCall: UPhoneEvent;
    finishedSms: UPhoneEvent;
    sentDispositions: UPhoneEvent;
    agentLogin: UPhoneEvent;
    agentLogout: UPhoneEvent;
    /** Every event, unknown actions included. */
    event: UPhoneEvent;
    /** The derived state, after an event changed it. */
    change: UPhoneState;
    /** The uPhone frame loaded again (reload or navigation): the state started over. */
    reloaded: undefined;
}

/** `on` and `off` of `UPhone`, typed per event. */
export interface UPhone {
    /**
     * Subscribes to an event. Throws `INVALID_ARGUMENT` for other names or options.
     * Returns the function that ends the subscription (so do `off`, `options.signal` aborting, and
     * with `options.once` the first event, which ends it before the listener runs).
     */
    on<E extends keyof UPhoneEventMap>(event: E, listener: (detail: UPhoneEventMap[E]) => void, options?: ListenOptions): Unsubscribe;
    /** `on` for the next event only (as `{ once: true }`): the subscription ends before the
     *  listener runs. Returns the function that ends it sooner. */
    once<E extends keyof UPhoneEventMap>(event: E, listener: (detail: UPhoneEventMap[E]) => void, options?: ListenOptions): Unsubscribe;
    /** Ends every subscription of `listener` to `event` made with `on` (with `once` or not). */
    off<E extends keyof UPhoneEventMap>(event: E, listener: (detail: UPhoneEventMap[E]) => void): void;
}

// ---- uContact v6: FormBridge -------------------------------------------------------------------

/** `new FormBridge(options)`. */
export interface FormBridgeOptions extends LogOptions {
    /** The exact origins the Inbox may have. */
    inboxOrigins: string[];
    /** Default wait of `getInteraction` (5000). */
    timeoutMs?: number;
}

/** The dialer columns of a dialer (outbound hub) call. */
export interface InteractionDialer {
    connector: string | null;
    agentNumber: string | null;
    timezone: string | null;
    dialer: string | null;
    callerId: string | null;
    direction: string | null;
    type: string | null;
    /** `CONTACT`, decoded. */
    contact: JsonObject | null;
}

/** A message of a messaging channel. */
export interface InteractionMessage {
    id?: string | null;
    channelId?: string | null;
    text: string | null;
    attachments: JsonValue[];
    isAudio?: boolean | null;
    source?: string | null;
    direction?: string | null;
    date?: string | null;
    status?: string | null;
    fromBot?: boolean | null;
    [key: string]: JsonValue | undefined;
}

/** A webchat's `extraInfo`. */
export interface InteractionExtraInfo {
    mail: string | null;
    initialMessage: string | null;
    number: string | null;
    ipAddress: string | null;
    customFields: JsonObject;
    [key: string]: JsonValue;
}

/** The interaction a form was opened for, normalized for every channel. */
export interface Interaction {
    guid: string | null;
    /** `telephony`, `whatsapp`, `webchat`, `sms`, `email`, `messenger`, `instagram` (lowercase). */
    channel: string | null;
    campaign: string | null;
    /** `clientId`, or `clientid` as some sources spell it. */
    clientId: string | null;
    clientName: string | null;
    startDate: string | null;
    answerDate: string | null;
    form: string | null;
    holdTime: number | null;
    /** `data`, with `"true"`/`"false"` as booleans and `CAMPAIGN`/`CONTACT` decoded. */
    data: JsonObject;
    dialer: InteractionDialer | null;
    lastMessage: InteractionMessage | null;
    messages: InteractionMessage[] | null;
    extraInfo: InteractionExtraInfo | null;
    /** The interaction exactly as the Inbox sent it. */
    raw: JsonObject;
}

// ---- uContact v6: Events API -------------------------------------------------------------------

/** The settings of `UContactEvents` besides its frame. */
export interface UContactEventsSettings extends LogOptions {
    /** The frame's URL when created (default `instanceOrigin + '/'`); on `instanceOrigin`. */
    src?: string;
    /** The instance's exact origin. */
    instanceOrigin: string;
}

/**
 * `new UContactEvents(options)`: `frame`, the `<iframe>` showing the instance, or `container`,
 * an element to create it in; not both.
 */
export type UContactEventsOptions = UContactEventsSettings &
({ frame: HTMLIFrameElement; container?: never } | { container: Element; frame?: never });

/** `data` of `assignedInteraction`. */
export interface AssignedInteraction {
    guid: string | null;
    campaign: string | null;
    channel: string | null;
    clientId: string | null;
    [key: string]: JsonValue;
}

/** `data` of `finishedInteraction` (only `guid` is public). */
export interface FinishedInteraction {
    guid: string | null;
    [key: string]: JsonValue;
}

/** An Events API event. */
export interface UContactEvent<D = JsonValue> {
    event: string;
    data: D;
    /** The message exactly as posted. */
    raw: unknown;
}

/** The details of `UContactEvents` events. */
export interface UContactEventMap {
    assignedInteraction: UContactEvent<AssignedInteraction>;
    finishedInteraction: UContactEvent<FinishedInteraction>;
    sentDisposition: UContactEvent;
    changedTheme: UContactEvent;
    changedLanguage: UContactEvent;
    /** Every event, unknown ones included. */
    event: UContactEvent;
}

/** `on` and `off` of `UContactEvents`, typed per event. */
export interface UContactEvents {
    /**
     * Subscribes to an event. Throws `INVALID_ARGUMENT` for other names or options.
     * Returns the function that ends the subscription (so do `off`, `options.signal` aborting, and
     * with `options.once` the first event, which ends it before the listener runs).
     */
    on<E extends keyof UContactEventMap>(event: E, listener: (detail: UContactEventMap[E]) => void, options?: ListenOptions): Unsubscribe;
    /** `on` for the next event only (as `{ once: true }`): the subscription ends before the
     *  listener runs. Returns the function that ends it sooner. */
    once<E extends keyof UContactEventMap>(event: E, listener: (detail: UContactEventMap[E]) => void, options?: ListenOptions): Unsubscribe;
    /** Ends every subscription of `listener` to `event` made with `on` (with `once` or not). */
    off<E extends keyof UContactEventMap>(event: E, listener: (detail: UContactEventMap[E]) => void): void;
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
 * The form's end of the v6 Inbox: the interaction it was opened for, and `close` / `sent`.
 *
 * ```js
 * const inbox = new FormBridge({ inboxOrigins: ['https://acme.ucontactcloud.com'] });
 * const interaction = await inbox.getInteraction();      // normalized, every channel alike
 * fill(interaction.clientId, interaction.data);
 * inbox.sent();
 * ```
 */
export class FormBridge {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Asks the Inbox to close the form (`{ action: 'close' }`). Throws `NO_PORTAL` outside the
     * Inbox, `DESTROYED`.
     */
    close(): void;
    /**
     * Rejects what is pending with `DESTROYED`, removes the listener and the timer.
     */
    destroy(): void;
    /**
     * The interaction this form was opened for, normalized (`guid`, `channel`, `campaign`,
     * `clientId`, …, `data` with string booleans as booleans and `CAMPAIGN`/`CONTACT` decoded,
     * `dialer`, `lastMessage`, `messages`, `extraInfo`, and `raw`). Calls made while one is
     * outstanding share its request. Options `{ timeoutMs?, signal? }`. Rejects with
     * `NO_INTERACTION` at once when the form is not inside the Inbox, `TIMEOUT` when none
     * arrives in time (a form in test mode gets none), `ABORTED`, `BAD_MESSAGE`, `DESTROYED`.
     */
    getInteraction(options?: CallOptions): Promise<Interaction>;
    /**
     * `new FormBridge({ inboxOrigins, timeoutMs?, log?, debug? })`: `inboxOrigins` are the exact
     * origins the Inbox may have; only messages from the parent window **and** those origins
     * are read, and the form posts to the one that frames it. `timeoutMs` is the default wait
     * of `getInteraction` (5000). Throws `INVALID_ARGUMENT` for bad options.
     */
    constructor(options: FormBridgeOptions);
    /**
     * Tells the Inbox the form was submitted (`{ action: 'sent' }`). Throws like `close`.
     */
    sent(): void;
    /**
     * Callers waiting for the interaction.
     */
    readonly pending: number;
}

/**
 * The Events API of an embedded uContact v6 instance: typed `{ event, data }` events from the
 * instance's frame and its exact origin only.
 *
 * ```js
 * const ucontact = new UContactEvents({ frame: document.querySelector('#ucontact'), instanceOrigin: 'https://acme.ucontactcloud.com' });
 * ucontact.on('assignedInteraction', ({ data }) => openCustomer(data.clientId));
 * ```
 */
export class UContactEvents {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Removes the listener and every subscription. Safe to call more than once.
     */
    destroy(): void;
    /**
     * `new UContactEvents({ frame | container, instanceOrigin, src?, log?, debug? })`: the
     * `<iframe>` showing the instance, or a `container` to create it in (`src` defaults to
     * `instanceOrigin + '/'`). The page must be listed in the instance's frame-ancestors
     * setting. Throws `INVALID_ARGUMENT` for bad options.
     */
    constructor(options: UContactEventsOptions);
    /**
     * The instance's `<iframe>`.
     */
    readonly frame: HTMLIFrameElement;
}

/**
 * The uContact v6 softphone (uPhone) embedded in this page: typed events, the agent's and the
 * call's derived state, and click-to-dial.
 *
 * ```js
 * const phone = new UPhone({ container: document.querySelector('#phone'), instanceOrigin: 'https://acme.ucontactcloud.com' });
 * phone.on('gettingCall', (e) => showCaller(e.params.number));
 * phone.on('change', (state) => render(state.call));
 * phone.makeCall({ number: '099123456', campaign: 'Ventas->' });
 * ```
 */
export class UPhone {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Removes every listener (the frame's messages and loads, the subscriptions); commands
     * throw `DESTROYED` afterwards. The frame stays: the agent stays logged in. Safe to call
     * more than once.
     */
    destroy(): void;
    /**
     * Dials through uPhone: `{ number, campaign }` (`number` a phone number, string or number;
     * it is sent as a string). Posts `{ action: 'makeCall', params: { number, campaign } }` to
     * the instance origin; uPhone sends no reply (its `makeCall` event follows when the call
     * starts). Called before the frame has loaded, the command waits for it (16 at most).
     * Throws `INVALID_ARGUMENT` (nothing posted), `NO_PORTAL` (the frame has no window),
     * `DESTROYED`.
     */
    makeCall(args: MakeCallArgs): void;
    /**
     * Sends an SMS through uPhone: `{ action: 'makeSms', params }`. Its params are not public:
     * every member is passed through as a string (numbers as JavaScript writes them). Throws
     * `INVALID_ARGUMENT` for anything but strings and numbers, `NO_PORTAL`, `DESTROYED`.
     */
    makeSms(params: Record<string, string | number>): void;
    /**
     * `new UPhone({ frame | container, instanceOrigin, src?, makeCallAction?, historySize?, log?, debug? })`.
     *
     * * `frame`: the `<iframe>` showing `https://<instance>/uphone`; or `container`: an element
     *   to create it in (with `allow="camera;microphone"`, which calls need; `src` defaults to
     *   `instanceOrigin + '/uphone'`).
     * * `instanceOrigin`: the exact origin of the instance (`https://acme.ucontactcloud.com`).
     *   Only messages from the frame's window **and** this origin are read; commands go to this
     *   origin only.
     * * `makeCallAction`: `'makeCall'` (default, as documented) or `'makecall'` (the spelling
     *   of the only public caller).
     * * `historySize`: calls kept in `state.history` (default 20).
     * * `log`, `debug`: where commands sent, events received and messages dropped are logged
     *   (`LogEntry`: names and reasons, never the parameters).
     *
     * Throws `INVALID_ARGUMENT` for bad options.
     */
    constructor(options: UPhoneOptions);
    /**
     * The uPhone `<iframe>`.
     */
    readonly frame: HTMLIFrameElement;
    /**
     * The derived state: `{ agent: 'unknown' | 'loggedIn' | 'loggedOut', call, history }`
     * (see the README's state machine).
     */
    readonly state: UPhoneState;
}

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
