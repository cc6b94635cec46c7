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
