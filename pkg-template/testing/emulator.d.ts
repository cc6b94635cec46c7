// Types of testing/emulator.mjs: the Integra API emulator for Node.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface EmulatorOptions {
  /** Origins (exact `scheme://host[:port]`) allowed to call the emulator cross-origin. */
  allowOrigins?: string[];
  /** The logins `auth/getUserToken` accepts; replaces the seeded agent1/secret1, agent2/secret2, supervisor/secret3. */
  users?: { login: string; password: string }[];
  /** The campaigns (queues); replaces the seeded `Ventas->`, `Soporte<-`, … */
  campaigns?: CampaignConfig[];
  /** The agents; replaces the seeded agent1, agent2, Daniel, Santiago. */
  agents?: AgentConfig[];
  /** The call records present at start and after `reset()`; replaces the seeded ones. */
  cdrs?: CdrSeed[];
  /** Token lifetime from login, in ms (default: until ended or expired). */
  tokenTtlMs?: number;
  /** Largest accepted request body, in bytes (larger: 413). */
  maxBodyBytes?: number;
}

export interface CampaignConfig {
  /** Ends in `->` (outbound) or `<-` (inbound) by convention. */
  name: string;
  /** Queue strategy, e.g. `leastrecent`. */
  strategy: string;
  /** Service-level threshold in seconds, as text. */
  slevelthreshold: string;
  /** Wrap-up seconds. */
  wrapup: number;
  /** The (level1, level2, level3) combinations `api/DispositionCall` accepts. */
  dispositions?: {
    level1: string;
    level2?: string;
    level3?: string;
    /** The `txtcode` answered on success. */
    code: string;
    action?: 'NONE' | 'RESPOOL' | 'RESPOOL_ALTERNATIVE' | 'BLACKLIST' | 'RESCHEDULE';
  }[];
}

export interface AgentConfig {
  name: string;
  /** The extension, e.g. `1001`. */
  phone: string;
  /** Usually `SIP` (the interface is `SIP/1001`). */
  tech: string;
  /** Asterisk device state 0–9 (1: not in use, 5: unavailable, …). */
  status: number;
  paused?: boolean;
  campaigns?: string[];
}

export interface CdrSeed {
  /** A lowercase GUID. */
  guid: string;
  /** `YYYY-MM-DD HH:MM:SS`; its date names the recording folder. */
  calldate: string;
  agent: string;
  campaign: string;
  source: string;
  destination: string;
  /** Seconds. */
  duration: number;
  data?: string;
  rating?: string;
  /** Where its recording file lies, if anywhere. */
  recording?: {
    format: 'mp3' | 'gsm';
    place: 'telephonyRoot' | 'telephonyDated' | 'backupDated' | 'backupRoot';
  };
}

/** One endpoint's injected fault; knobs combine (see the repository's www/emulator/src/faults.rs). */
export interface Fault {
  /** Wait this long before answering (the request is handled after the wait). */
  delayMs?: number;
  /** Answer this HTTP status, 200–599. */
  status?: number;
  /** Answer this body verbatim, with `status` or 200. */
  body?: string;
  /** Answer HTTP 200 with body `0` (the service's usual refusal). */
  zero?: boolean;
  /** Close the connection without a byte of response. */
  dropConnection?: boolean;
  /** Answer 401 to every authenticated request. */
  unauthorized?: boolean;
  /** Answer 401 to the next authenticated request only. */
  unauthorizedOnce?: boolean;
  /** Apply to this many requests, then remove the fault. */
  times?: number;
  /** Send a forced answer's body in pieces of this many bytes (chunked). */
  chunkBytes?: number;
}

/** One request the emulator received (preflights and recordings included), oldest first. */
export interface LogEntry {
  /** `Agents/AgentCall`, …, `records`, `backup/records` or `preflight`. */
  endpoint: string;
  status: number;
  /** `ok`, the refusal's reason, or the fault applied. */
  outcome: string;
}

/** What the emulator holds (`GET /__emulator/state`): sessions (no tokens), agents, records… */
export interface EmulatorState {
  sessions: { user: string; valid: boolean }[];
  agents: Record<string, unknown>[];
  campaigns: Record<string, unknown>[];
  calls: Record<string, unknown>[];
  recordings: string[];
  faults: Record<string, Fault>;
  counters: Record<string, number>;
  log: LogEntry[];
  [records: string]: unknown;
}

export interface Emulator {
  /** Answers `req` if its path is the emulator's (then true); false leaves it to the caller. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Every request received, oldest first (the last 1000). */
  requests(): LogEntry[];
  state(): EmulatorState;
  /** Requests received per endpoint key. */
  counters(): Record<string, number>;
  /** The faults still armed, by endpoint key (or `*`). */
  faults(): Record<string, Fault>;
  /**
   * Sets (replaces) `endpoint`'s fault (`Agents/AgentCall`, its full path, or `*` for every
   * endpoint without its own); a fault with no knob removes it. Returns the faults armed.
   * Throws on an unknown endpoint or knob.
   */
  fault(endpoint: string, fault?: Fault): Record<string, Fault>;
  clearFaults(): void;
  /** Back to the seeded instance: sessions, records, faults, counters and the log cleared. */
  reset(): void;
  /** Every token issued so far gets 401 from now on. */
  expireTokens(): void;
  /** Sets an agent's device state (0–9) and pause flag; throws for an unknown agent. */
  setAgent(name: string, status: number, paused: boolean): void;
}

/** A new emulated instance, seeded (users agent1/secret1 and agent2/secret2, campaigns, calls). */
export function createEmulator(options?: EmulatorOptions): Promise<Emulator>;
