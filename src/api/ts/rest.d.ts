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
