// ---- ucontact-bridge: the types of the public API ---------------------------------------------
//
// Written by hand (src/web/types.d.ts in the crate) and emitted verbatim here. Import any of them
// with `import type { CtiRecord, ErrorCode } from 'ucontact-bridge'`. Option and argument objects
// list exactly the keys the library reads; an unknown key is also rejected at run time
// (`INVALID_ARGUMENT`). Leave an optional key out rather than setting it to `undefined`: many keys
// reject an explicit `undefined` at run time (compile with `exactOptionalPropertyTypes` to have
// tsc catch it).

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
  | 'RANDOM_UNAVAILABLE';

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

/** What `decodeCti` and `Respool.fromCti` read: a JSON string, a sealed `ucb2.` envelope, a record object, or a typed record. */
export type CtiInput = string | CtiRecord | JsonObject;

/** Options of `decodeCti` and `Respool.fromCti`. */
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

/** Settings of `PortalChannel` shared by both ways of naming the portal. */
export interface PortalChannelSettings {
  target?: PortalTarget;
  /** How long `call`/`callWithPhone`/`cti` wait for the reply (default 15000). */
  timeoutMs?: number;
  /** How long the call lane stays closed after a timed-out call (default 60000; `Infinity` allowed). */
  quarantineMs?: number;
  debug?: boolean;
}

/** `new PortalChannel(options)`: `portalOrigins` is required unless `allowAnyOrigin: true`. */
export type PortalChannelOptions = PortalChannelSettings &
  (
    | { portalOrigins: string[]; allowAnyOrigin?: boolean }
    | { portalOrigins?: string[]; allowAnyOrigin: true }
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
   * event names.
   */
  on<E extends ChannelEvent>(event: E, listener: ChannelListener<E>): void;
  /** Removes a subscription made with `on`. */
  off<E extends ChannelEvent>(event: E, listener: ChannelListener<E>): void;
}

// ---- PortalHost -------------------------------------------------------------------------------

/** `new PortalHost(options)`. */
export interface PortalHostOptions {
  crmOrigins: string[];
  debug?: boolean;
}

/** The proxy action names, as they travel. */
export type PortalActionName = 'call' | 'callWithPhone' | 'hangup' | 'tag' | 'CTI' | 'respool' | 'schedule';

/** Each action's `data`, as a `PortalHost` handler receives it. */
export interface PortalActionMap {
  call: { action: 'call'; campaign: string; callerid: string; destination: string };
  callWithPhone: { action: 'callWithPhone'; destination: string; campaign: string };
  hangup: { action: 'hangup' };
  tag: { action: 'tag'; guid: string; message: string };
  CTI: { action: 'CTI' };
  respool: { action: 'respool'; objetoRespool: PortalDialerObject };
  schedule: { action: 'schedule'; callDate: string; objectDialer: PortalDialerObject };
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
}

/** A `PortalHost` handler: returns the answer or a promise of it. */
export type PortalActionHandler<A extends PortalActionName = PortalActionName> = (
  data: PortalActionMap[A],
) => PortalReplyMap[A] | Promise<PortalReplyMap[A]>;

/** The details of `PortalHost` events. */
export interface HostEventMap {
  /** Every accepted action. */
  action: { action: PortalActionName; data: PortalAction; origin: string };
  /** An envelope from an allowed origin that was refused. */
  rejected: { origin: string; reason: string };
}

export type HostEvent = keyof HostEventMap;

export type HostListener<E extends HostEvent = HostEvent> = (detail: HostEventMap[E]) => void;

/** `handle` and `on` of `PortalHost`, typed per action and per event. */
export interface PortalHost {
  /**
   * Registers the handler for an action, replacing the previous one. It receives the action's
   * `data` object and may return a value or a Promise: the guid for `call`/`callWithPhone`, the
   * CTI record for `CTI`; the return value of the other actions is ignored (the portal sends no
   * reply to them). Throws `INVALID_ARGUMENT` for an unknown action.
   */
  handle<A extends PortalActionName>(action: A, handler: PortalActionHandler<A>): void;
  /**
   * Subscribes to `'action'` (`{ action, data, origin }` for each accepted action) or `'rejected'`
   * (`{ origin, reason }` for each envelope from an allowed origin that was refused).
   */
  on<E extends HostEvent>(event: E, listener: HostListener<E>): void;
}

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
export interface BridgeOptions {
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
  debug?: boolean;
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
   * `'message'` / `'late'`. Throws `INVALID_ARGUMENT` for other names.
   */
  on<E extends BridgeEvent>(event: E, listener: BridgeListener<E>): void;
  /** Removes a subscription made with `on`. */
  off<E extends BridgeEvent>(event: E, listener: BridgeListener<E>): void;
}

// ---- IntegraClient ----------------------------------------------------------------------------

/** Where recordings are kept: host names (`pbx.acme.com`) or origins (`http://10.0.0.5:8080`). */
export interface RecordingHosts {
  telephony: string;
  backup?: string;
}

/** Settings of `IntegraClient` besides the credentials. */
export interface IntegraClientSettings {
  /** The instance's origin, `https://acme.ucontactcloud.com`. */
  baseUrl: string;
  /** A session token you already have. */
  token?: string;
  /** Deadline of each request (default 20000). */
  timeoutMs?: number;
  recordingHosts?: RecordingHosts;
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

/** A dialer base row; `data` is an object (order kept) or `[key, value]` pairs. */
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
