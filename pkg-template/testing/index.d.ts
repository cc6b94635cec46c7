// ucontact-bridge/testing: the sandbox for your own tests (Node only).

/** Where to reach the sandbox (every URL on 127.0.0.1). */
export interface SandboxUrls {
  /** The portal (PortalHost) framing your page: open this. */
  portal: string;
  /** The same portal framing your page on `localhost`: another site, as a real CRM is. */
  portalCrossSite: string;
  /** The portal (PortalHost) opening your page as a pop-up instead of framing it (your page
   *  then talks to `target: 'opener'`); the pop-up outlives `portal.reload()`. */
  portalPopup: string;
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

// The knobs of `Fault` in emulator.d.ts, spelled again here so that these declarations need no
// Node types (emulator.d.ts names node:http's request and response).
/** A fault armed on an endpoint of the emulator (all knobs optional; none removes it). */
export interface EmulatorFault {
  /** Answer this many milliseconds late. */
  delayMs?: number;
  /** Answer with this HTTP status (and `body`). */
  status?: number;
  body?: string;
  /** Answer HTTP 200 with body `0` (the service's usual refusal). */
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

/** How long a scripting call waits for a page (default 10000 ms). */
export interface SandboxWait {
  timeout?: number;
}

/** An action the portal received, as the CRM page sent it. */
export interface SandboxPortalAction {
  /** The action's name (`call`, `callWithPhone`, `hangup`, `tag`, `CTI`, `respool`, `schedule`, `sms`). */
  action: string;
  /** The action's data as PortalHost decoded it (`{ action, campaign, callerid, destination }`…). */
  data: Record<string, unknown>;
  /** The origin of the CRM page that sent it. */
  origin: string;
  /** The raw message, byte for byte: porthole's envelope, a JSON string
   *  (`{"data":…,"sourceOrigin":…,"targetOrigin":…,"sourceWindowName":…,"targetWindowName":…}`). */
  envelope: string | null;
}

/**
 * What the portal answers an action with:
 * - a string: the guid (`call`, `callWithPhone`) or the CTI record as a JSON string (`CTI`);
 * - an object: the CTI record (`CTI`);
 * - `{ error: 'REFUSED' }` (`call`, `callWithPhone`): the portal's refusal, a guid of `"0"`
 *   (the CRM's call rejects `REFUSED`); `{ error: 'BAD_MESSAGE' }`: a guid that is none
 *   (`BAD_MESSAGE`). The portal has no error answer to `CTI`;
 * - `{ silent: true }`: no answer at all (the CRM's request times out, `TIMEOUT`);
 * - `undefined`: the portal's own answer again (a fresh guid; the record in its text box).
 */
export type SandboxPortalReply = string | Record<string, unknown> | { error: 'REFUSED' | 'BAD_MESSAGE' } | { silent: true } | undefined;

/** The sandbox portal (PortalHost, `urls.portal`), scripted and read from the test. Every
 *  portal page of this sandbox follows the script; the porthole.js portal does not. */
export interface SandboxPortal {
  /** Sets what the portal answers `action` (`call`, `callWithPhone` or `CTI`; the others have
   *  no answer) from now on, until changed. Throws TypeError for a reply the action cannot have. */
  answer(action: 'call' | 'callWithPhone' | 'CTI', reply: SandboxPortalReply): void;
  /** Every action the portal received so far, oldest first. An answered request's action is
   *  in the list before its answer leaves; a fire-and-forget one (`hangup`…) may come a moment
   *  after the CRM's promise resolved: `waitForReceived`. */
  received(): SandboxPortalAction[];
  /** Resolves with `received()` once it holds at least `count` actions (rejects after `timeout`). */
  waitForReceived(count?: number, options?: SandboxWait): Promise<SandboxPortalAction[]>;
  /** Reloads every open portal page (its CRM frame reloads with it); resolves once the
   *  reloaded portal is ready. Rejects when no portal page is open. */
  reload(options?: SandboxWait): Promise<void>;
  /** The portal of `urls.portalPopup` closes the CRM pop-up it opened (as an agent closing it
   *  would) and resolves once it is closed; the portal opens a new one at its next load
   *  (`reload()`). Rejects for a portal that frames the page. */
  losePopup(options?: SandboxWait): Promise<void>;
}

/** A uPhone event as uPhone posts it to the CRM page: `{ action, params }`. */
export interface SandboxUPhoneEvent {
  action: string;
  params?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A message the uPhone received (a command from the CRM page, or anything else posted to it). */
export interface SandboxUPhoneCommand {
  action: string | undefined;
  params: unknown;
  /** The whole message as received. */
  data: unknown;
  /** Its sender's origin. */
  origin: string;
  /** Whether it came from the page embedding the uPhone. */
  fromParent: boolean;
}

/** The uPhone stand-in (`urls.uphone`), as a CRM page embeds it. */
export interface SandboxUPhone {
  /** Has every open uPhone post `event` as it is to the page embedding it; resolves once
   *  posted (one opening within `timeout` gets it, else it rejects). */
  fire(event: SandboxUPhoneEvent, options?: SandboxWait): Promise<void>;
  /** Every message the uPhone received, oldest first. */
  commands(): SandboxUPhoneCommand[];
  /** Resolves with `commands()` once it holds at least `count` (rejects after `timeout`). */
  waitForCommands(count?: number, options?: SandboxWait): Promise<SandboxUPhoneCommand[]>;
}

/** The Inbox stand-in (`urls.inbox`), which hosts a form. */
export interface SandboxInbox {
  /** What the Inbox answers the form's `getInteraction` with from now on: a channel's example
   *  (`'telephony'`, `'dialer'`, `'webchat'`, `'whatsapp'`), an interaction object as uContact
   *  sends it, `{ silent: true }` (no answer: the form's `getInteraction()` rejects `TIMEOUT`),
   *  or `undefined` (the page's own choice again). Throws TypeError for anything else. */
  interaction(reply: 'telephony' | 'dialer' | 'webchat' | 'whatsapp' | Record<string, unknown> | { silent: true } | undefined): void;
  /** How many `getInteraction` requests the Inbox received. */
  requests(): number;
}

/** The instance's Events API (`urls.instance`), as a CRM page embeds it. */
export interface SandboxEvents {
  /** Has every open instance page post `event` (`{ event, data }`) as it is to the page
   *  embedding it; resolves once posted. */
  emit(event: { event: string; data?: unknown; [key: string]: unknown }, options?: SandboxWait): Promise<void>;
}

/** What a hostile sibling posted. */
export interface SandboxSibling {
  /** Its origin (not the portal's or the instance's window, so every message must be ignored). */
  origin: string;
  /** The messages it posted, in order. */
  posted: unknown[];
}

/** Hostile neighbours on demand. */
export interface SandboxHostile {
  /**
   * Adds a frame on another origin that posts forged messages at the CRM page, then resolves
   * with what it posted. `forge: 'reply'`: a frame beside the CRM frame in the portal page, on
   * the portal's other spelling (`localhost` for `127.0.0.1`: an allowed origin, not the portal
   * window), posting porthole replies (`{ guid }`, `{ CTI }`). `forge: 'v6-event'`: a frame
   * inside the open uPhone and instance pages, on the portal's origin, posting an Events API
   * event and a uPhone event to the CRM page that embeds them. `messages` replaces the
   * default forgeries (each posted as it is, to `'*'`).
   */
  addSibling(options: { forge: 'reply' | 'v6-event'; messages?: unknown[]; timeout?: number }): Promise<SandboxSibling>;
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
  /** The portal: what it answers each action, what it received, reload. */
  portal: SandboxPortal;
  /** The uPhone: events to fire at the CRM page, the commands it received. */
  uphone: SandboxUPhone;
  /** The Inbox: the interaction it answers with, or silence. */
  inbox: SandboxInbox;
  /** The Events API: events to emit at the CRM page. */
  events: SandboxEvents;
  /** Frames forging messages at the CRM page, which it must ignore. */
  hostile: SandboxHostile;
  /** Forgets every script and record (portal answers and actions, uPhone commands, the Inbox's
   *  interaction and count); the emulator has its own `reset()`. */
  reset(): void;
  /** What the sandbox could not provide (e.g. a missing build). */
  warnings: string[];
  /** Stops the three servers and frees their ports. */
  close(): Promise<void>;
}

/** Starts the sandbox (the same server as `npx ucontact-sandbox`) on free loopback ports. */
export function startSandbox(options?: StartSandboxOptions): Promise<Sandbox>;
