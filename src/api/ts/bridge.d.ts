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
export interface BridgeOptions extends LogOptions {
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
   * `'message'` / `'late'`. Throws `INVALID_ARGUMENT` for other names or options.
   * Returns the function that ends the subscription (so do `off`, `options.signal` aborting, and
   * with `options.once` the first event, which ends it before the listener runs).
   */
  on<E extends BridgeEvent>(event: E, listener: BridgeListener<E>, options?: ListenOptions): Unsubscribe;
  /** `on` for the next event only (as `{ once: true }`): the subscription ends before the
   *  listener runs. Returns the function that ends it sooner. */
  once<E extends BridgeEvent>(event: E, listener: BridgeListener<E>, options?: ListenOptions): Unsubscribe;
  /** Ends every subscription of `listener` to `event` made with `on` (with `once` or not). */
  off<E extends BridgeEvent>(event: E, listener: BridgeListener<E>): void;
}
