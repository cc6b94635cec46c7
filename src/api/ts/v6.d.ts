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
