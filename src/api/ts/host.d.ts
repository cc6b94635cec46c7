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
