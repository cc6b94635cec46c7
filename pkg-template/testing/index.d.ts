// ucontact-bridge/testing: the sandbox for your own tests (Node only).

/** Where to reach the sandbox (every URL on 127.0.0.1). */
export interface SandboxUrls {
  /** The portal (PortalHost) framing your page: open this. */
  portal: string;
  /** The same portal framing your page on `localhost`: another site, as a real CRM is. */
  portalCrossSite: string;
  /** A portal written with the real porthole.js 1.0.0 instead of PortalHost. */
  porthole: string;
  /** The Integra API emulator's base (`baseUrl` for IntegraClient). */
  integra: string;
  /** The CRM origin (your `crmDir`, or the sandbox's sample pages). */
  crm: string;
  /** The page the portal frames: `crm` if you gave it, else the CRM origin's. */
  page: string;
  /** The uContact v6 instance (the Events API) and its uPhone and Inbox. */
  instance: string;
  uphone: string;
  inbox: string;
  /** The sandbox's sample v6 CRM pages. */
  v6UphoneCrm: string;
  v6EventsCrm: string;
}

/** A fault armed on an endpoint of the emulator (all knobs optional; none removes it). */
export interface EmulatorFault {
  /** Answer this many milliseconds late. */
  delayMs?: number;
  /** Answer with this HTTP status (and `body`). */
  status?: number;
  body?: string;
  /** Answer with an empty body. */
  zero?: boolean;
  /** Close the connection without a byte. */
  dropConnection?: boolean;
  /** Answer 401, every time or once. */
  unauthorized?: boolean;
  unauthorizedOnce?: boolean;
  /** Disarm after this many requests. */
  times?: number;
  /** Send the body in pieces of this many bytes. */
  chunkBytes?: number;
}

/** The Integra API emulator in the sandbox (the portal origin's /Integra/resources/), the same
 *  instance the pages reach: read it and script it from the test. */
export interface SandboxEmulator {
  /** Every API request it received, oldest first: `{ endpoint, status, outcome }`. */
  requests(): Array<{ endpoint: string; status: number; outcome: string }>;
  /** Its whole state: sessions (without tokens), agents, campaigns, calls, counters, log. */
  state(): Record<string, unknown>;
  /** Requests received per endpoint key (`"Agents/AgentCall"`). */
  counters(): Record<string, number>;
  /** The faults still armed, by endpoint (`"*"`: every endpoint). */
  faults(): Record<string, EmulatorFault>;
  /** Arms a fault on an endpoint key (`"*"`: all); answers the fault table. */
  fault(endpoint: string, fault?: EmulatorFault): Record<string, EmulatorFault>;
  /** Removes every fault. */
  clearFaults(): void;
  /** Back to the seeded instance: sessions, records, faults, counters, log cleared. */
  reset(): void;
  /** Every token issued so far gets 401 from now on. */
  expireTokens(): void;
  /** Sets an agent's state (status 0-9). */
  setAgent(name: string, status: number, paused: boolean): void;
}

export interface StartSandboxOptions {
  /** A URL the portal frames instead of the CRM origin's page: your dev server
   *  (`http://localhost:5173/`). Its origin is trusted like the CRM origin's. */
  crm?: string;
  /** Your static files, served on the CRM origin (the portal frames its index.html). */
  crmDir?: string;
  /** Ports of the three origins; 0 (the default) takes a free one. */
  ports?: { portal?: number; crm?: number; instance?: number };
  /** A script file appended to /config.js, which every sandbox page loads first. */
  preload?: string;
  /** Built packages in the repository's target/pkg layout, instead of this package's own. */
  pkg?: string;
  /** Stop by itself after this many seconds. */
  exitAfter?: number;
}

export interface Sandbox {
  urls: SandboxUrls;
  ports: { portal: number; crm: number; instance: number };
  /** The origins each side's pages may have (the 127.0.0.1 and the localhost spelling). */
  origins: { portal: string[]; crm: string[]; instance: string[] };
  /** The Integra API emulator, or null if this copy of the sandbox has none. */
  emulator: SandboxEmulator | null;
  /** What the sandbox could not provide (e.g. a missing build). */
  warnings: string[];
  /** Stops the three servers and frees their ports. */
  close(): Promise<void>;
}

/** Starts the sandbox (the same server as `npx ucontact-sandbox`) on free loopback ports. */
export function startSandbox(options?: StartSandboxOptions): Promise<Sandbox>;
