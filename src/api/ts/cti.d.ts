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
