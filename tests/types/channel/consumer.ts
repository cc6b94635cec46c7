// A typed consumer of the `channel` entry (imported as `ucontact-bridge/channel`), compiled (never
// run) by scripts/types.sh with `tsc --noEmit --strict -p tests/types/channel` against the golden
// tests/types/channel/ucontact-bridge.d.ts.
//
// It calls every function, constructor, method and getter the entry has with correctly typed
// arguments and keeps each result in an annotated variable; `exact` checks that results are
// exactly the declared type (an `any` would slip through a plain annotation). The
// `@ts-expect-error` lines prove that wrong usages are rejected, and that what only the full
// build has (REST, sealed CTI records, Bridge) or the testing build (PortalHost) is not declared
// here: if one of them compiled, tsc would fail on the unused directive.

import init, { ErrorCode, PortalChannel, Respool, UContactError, decodeCti, initSync, isUContactError, readLegacyCti, version } from 'ucontact-bridge/channel';
import type {
  CallArgs,
  CallOptions,
  CallWithPhoneArgs,
  ChannelEvent,
  ChannelEventMap,
  ChannelListener,
  CtiInput,
  CtiRecord,
  DecodeCtiOptions,
  DialerRow,
  InitInput,
  InitOutput,
  JsonObject,
  JsonValue,
  LateReply,
  ListenOptions,
  Unsubscribe,
  PortalChannelOptions,
  PortalChannelSettings,
  PortalDialerObject,
  PortalTarget,
  RespoolJson,
  SyncInitInput,
  TagArgs, SmsArgs,
} from 'ucontact-bridge/channel';

// ---- what only the full build has -------------------------------------------------------------

// @ts-expect-error: the REST client is not in the channel entry
import { IntegraClient } from 'ucontact-bridge/channel';
// @ts-expect-error: nor are its record pages
import { CdrPages } from 'ucontact-bridge/channel';
// @ts-expect-error: nor the Bridge (portal or REST)
import { Bridge } from 'ucontact-bridge/channel';
// @ts-expect-error: nor the portal side (the testing entry's)
import { PortalHost } from 'ucontact-bridge/channel';
// @ts-expect-error: nor dialer base files
import { buildBaseFile } from 'ucontact-bridge/channel';
// @ts-expect-error: nor sealed CTI records (reading)
import { readCtiFromStorage } from 'ucontact-bridge/channel';
// @ts-expect-error: nor sealed CTI records (sealing)
import { encryptCti } from 'ucontact-bridge/channel';
// @ts-expect-error: nor CTI keys
import { generateCtiKey } from 'ucontact-bridge/channel';
// @ts-expect-error: the storage options are the full build's
import type { ReadCtiOptions } from 'ucontact-bridge/channel';
// @ts-expect-error: the REST options are the full build's
import type { IntegraClientOptions } from 'ucontact-bridge/channel';
// @ts-expect-error: the Bridge options are the full build's
import type { BridgeOptions } from 'ucontact-bridge/channel';
// @ts-expect-error: the PortalHost options are the testing build's
import type { PortalHostOptions } from 'ucontact-bridge/channel';

void [IntegraClient, CdrPages, Bridge, PortalHost, buildBaseFile, readCtiFromStorage, encryptCti, generateCtiKey];
export type NotHere = [ReadCtiOptions, IntegraClientOptions, BridgeOptions, PortalHostOptions];

// ---- exactness helpers ------------------------------------------------------------------------

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** `exact<T>()(value)` compiles only when `value` is exactly `T` (not `any`, not a subtype). */
function exact<Expected>() {
  return <Actual>(value: Actual, ..._proof: Equal<Actual, Expected> extends true ? [] : [never]): Actual => value;
}

// ---- error codes ------------------------------------------------------------------------------

function describe(code: ErrorCode): string {
  switch (code) {
    case 'INVALID_ARGUMENT':
    case 'TIMEOUT':
    case 'DESTROYED':
    case 'ABORTED':
    case 'NO_PORTAL':
    case 'PORTAL_LOST':
    case 'PORTAL_REQUIRED':
    case 'BAD_MESSAGE':
      return 'portal';
    case 'REFUSED':
    case 'LOGIN_FAILED':
    case 'UNAUTHORIZED':
    case 'BAD_REQUEST':
    case 'HTTP_STATUS':
    case 'NETWORK':
    case 'REQUEST_TIMEOUT':
    case 'BAD_RESPONSE':
      return 'rest';
    case 'RESPONSE_TOO_LARGE':
      return 'rest';
    case 'BAD_KEY':
    case 'WRONG_KEY':
    case 'TAMPERED':
    case 'TRUNCATED':
    case 'BAD_BASE64':
    case 'UNSUPPORTED_ENVELOPE':
    case 'BAD_JSON':
    case 'NOT_DIALER':
    case 'NOT_FOUND':
    case 'STORAGE_UNAVAILABLE':
    case 'RANDOM_UNAVAILABLE':
      return 'cti';
    case 'NO_INTERACTION':
      return 'v6';
    case 'NOT_INITIALIZED':
    case 'WASM_BLOCKED':
      return 'start';
    default: {
      // Exhaustive: every code is handled above.
      const none: never = code;
      return none;
    }
  }
}

// The class narrows as the guard does, and is what a test double may construct.
function byClass(e: unknown): ErrorCode | undefined {
  if (e instanceof UContactError) return exact<ErrorCode>()(e.code);
  return exact<UContactError>()(new UContactError('made by a test', ErrorCode.ABORTED)).code;
}

function handleError(e: unknown): string {
  if (!isUContactError(e)) return 'not ours';
  const name: 'UContactError' = e.name;
  const code: ErrorCode = e.code;
  const status: number | undefined = e.status;
  const body: string | undefined = e.body;
  // @ts-expect-error: not an error code
  if (e.code === 'TIMED_OUT') return 'never';
  exact<'TIMEOUT'>()(ErrorCode.TIMEOUT);
  // @ts-expect-error: not an error code
  void ErrorCode.TIMED_OUT;
  // @ts-expect-error: the codes are read-only
  ErrorCode.TIMEOUT = 'TIMEOUT';
  return `${name} ${code} ${describe(code)} ${status ?? ''} ${body ?? ''} ${e.message} ${byClass(e)}`;
}

// ---- module functions ---------------------------------------------------------------------------

async function moduleFunctions(bytes: BufferSource, compiled: WebAssembly.Module): Promise<void> {
  const output: InitOutput = await exact<Promise<InitOutput>>()(init());
  const viaPath: InitOutput = await init({ module_or_path: new URL('https://cdn.example/channel/ucontact-bridge_bg.wasm') });
  const input: InitInput = await fetch('https://cdn.example/channel/ucontact-bridge_bg.wasm');
  const viaResponse: InitOutput = await init({ module_or_path: input });
  const syncInput: SyncInitInput = compiled;
  const sync: InitOutput = exact<InitOutput>()(initSync({ module: bytes }));
  const syncModule: InitOutput = initSync({ module: syncInput });
  exact<WebAssembly.Memory>()(output.memory);
  void [viaPath, viaResponse, sync, syncModule];

  const v: string = exact<string>()(version());

  const input1: CtiInput = '{"Guid":"7e4e7db9-f080-494e-b04b-7c8e47711558"}';
  const fromString: CtiRecord = exact<CtiRecord>()(decodeCti(input1));
  const noOptions: DecodeCtiOptions = {};
  const fromObject: CtiRecord = decodeCti({ Guid: 'x', Campaign: 'Ventas->' }, noOptions);
  const fromTyped: CtiRecord = decodeCti(fromObject, {});
  const legacy: CtiRecord = exact<CtiRecord>()(readLegacyCti());
  useCti(fromString);
  void [v, fromTyped, legacy];

  // @ts-expect-error: the channel build reads plain records only: no key (the full build's option)
  decodeCti('ucb2.AAAA', { key: 'k' });
  // @ts-expect-error: nor acceptPlain
  decodeCti('{"Guid":"x"}', { acceptPlain: true });
  // @ts-expect-error: decodeCti takes no storageKey (that is the full build's readCtiFromStorage's)
  decodeCti('{"Guid":"x"}', { storageKey: 'x' });
  // @ts-expect-error: a number is not a CTI record
  decodeCti(42);
  // @ts-expect-error: readLegacyCti reads the global, it takes nothing
  readLegacyCti('{"Guid":"x"}');
}

function useCti(cti: CtiRecord): void {
  const guid: string = exact<string>()(cti.guid);
  const screen: string | null = exact<string | null>()(cti.screen);
  const form: string | null = cti.form;
  const campaign: string | null = cti.campaign;
  const callerid: string | null = cti.callerid;
  const pairs: [string, string][] = exact<[string, string][]>()(cti.parAndValues);
  const beep: boolean = exact<boolean>()(cti.beep);
  const answer: boolean = cti.answer;
  const channel: string | null = cti.channel;
  const isVoice: boolean = cti.isVoice;
  const raw: JsonObject = exact<JsonObject>()(cti.raw);
  const dialer: DialerRow | null = exact<DialerRow | null>()(cti.dialer);
  if (dialer) {
    const row: [string, string, string | number, string | number, string | number, number, number, string] = [
      dialer.campaign,
      dialer.destination,
      dialer.dialerbase,
      dialer.status,
      dialer.contact,
      dialer.retries,
      dialer.priority,
      dialer.agentphone,
    ];
    const data: [string, string][] = dialer.data;
    const alternatives: string[] = dialer.alternatives;
    void [row, data, alternatives];
  }
  void [guid, screen, form, campaign, callerid, pairs, beep, answer, channel, isVoice, raw];
}

// ---- Respool ----------------------------------------------------------------------------------

async function respool(cti: CtiRecord, channel: PortalChannel): Promise<void> {
  const r: Respool = exact<Respool>()(Respool.fromCti(cti));
  const fromJson: Respool = Respool.fromCti('{"Guid":"x","Dialer":{}}', {});
  r.promote('098124484');
  r.reorderAlternatives(['098124484', '099000000']);
  r.setRetries(0);
  r.setPriority(5);
  r.setData('outcome', 'callback');
  const removed: boolean = exact<boolean>()(r.removeData('outcome'));
  r.setAgentphone('1001');
  const campaign: string = exact<string>()(r.campaign);
  const destination: string = exact<string>()(r.destination);
  const alternatives: string[] = exact<string[]>()(r.alternatives);
  const retries: number = exact<number>()(r.retries);
  const priority: number = exact<number>()(r.priority);
  const json: RespoolJson = exact<RespoolJson>()(r.toJSON());
  const keys: [string, string, string | number, string | number, string, string, string | number, number, number, string] = [
    json.campaign,
    json.destination,
    json.dialerbase,
    json.status,
    json.data,
    json.alternatives,
    json.contact,
    json.retries,
    json.priority,
    json.agentphone,
  ];
  // What the portal receives in `respool` / `schedule`: a RespoolJson is one.
  const portalObject: PortalDialerObject = { ...json };
  void [removed, campaign, destination, alternatives, retries, priority, keys, portalObject];

  // A Respool or its JSON goes to the portal.
  await exact<Promise<void>>()(channel.respool(r));
  await channel.respool(json, { timeoutMs: 5000 });
  await exact<Promise<void>>()(channel.schedule('2030-01-15 10:30:00', json, { signal: new AbortController().signal }));
  await channel.schedule('2030-01-15 10:30:00', r);
  fromJson.free();
  r[Symbol.dispose]();

  // @ts-expect-error: setPriority takes a number
  r.setPriority('5');
  // @ts-expect-error: campaign is read-only
  r.campaign = 'other';
  // @ts-expect-error: no key for sealed records in the channel build
  Respool.fromCti('ucb2.AAAA', { key: 'k' });
  // @ts-expect-error: a RespoolJson needs every documented key
  await channel.respool({ campaign: 'Ventas->', destination: '099' });
  // @ts-expect-error: the constructor is private (Respool.fromCti builds one)
  new Respool();
}

// ---- PortalChannel ----------------------------------------------------------------------------

async function portalChannel(): Promise<PortalChannel> {
  const target: PortalTarget = 'parent';
  const settings: PortalChannelSettings = { target, timeoutMs: 15000, quarantineMs: Infinity, debug: false };
  const options: PortalChannelOptions = { ...settings, portalOrigins: ['https://acme.ucontactcloud.com'] };
  const channel = new PortalChannel(options);
  exact<PortalChannel>()(channel);
  const anyOrigin = new PortalChannel({ allowAnyOrigin: true, target: 'crm-frame' });
  const opener = new PortalChannel({ portalOrigins: ['https://acme.ucontactcloud.com'], target: 'opener', allowAnyOrigin: false });
  const controller = new AbortController();
  const call: CallOptions = { signal: controller.signal, timeoutMs: 10000 };

  const callArgs: CallArgs = { campaign: 'Ventas->', callerid: '1001', destination: '099123456' };
  const guid: string = await exact<Promise<string>>()(channel.call(callArgs, call));
  const withPhone: CallWithPhoneArgs = { destination: '099123456', campaign: 'Ventas->' };
  const guid2: string = await exact<Promise<string>>()(channel.callWithPhone(withPhone));
  const hungUp: void = await exact<Promise<void>>()(channel.hangup());
  const tagArgs: TagArgs = { guid, message: 'sale' };
  await exact<Promise<void>>()(channel.tag(tagArgs, {}));
  const smsArgs: SmsArgs = { campaign: 'WhatsApp->', message: 'Hola\nchau', destination: '+59898344484' };
  await exact<Promise<void>>()(channel.sms(smsArgs, { timeoutMs: 1000 }));
  const cti: CtiRecord = await exact<Promise<CtiRecord>>()(channel.cti({ timeoutMs: 2000 }));
  const pending: number = exact<number>()(channel.pending);
  const listening: boolean = exact<boolean>()(channel.isListening);
  await respool(cti, opener);

  const onMessage = (detail: JsonValue): void => void detail;
  const onLate: ChannelListener<'late'> = (detail) => {
    const late: LateReply = exact<LateReply>()(detail);
    const g: JsonValue = late.guid;
    void g;
  };
  const event: ChannelEvent = 'message';
  const anyEvent: ChannelListener = (detail: ChannelEventMap[ChannelEvent]) => void detail;
  channel.on('message', onMessage);
  channel.on('message', (detail) => void exact<JsonValue>()(detail));
  channel.on('late', onLate);
  channel.on('late', (detail) => void exact<LateReply>()(detail));
  channel.on(event, anyEvent);
  channel.off(event, anyEvent);
  channel.off('message', onMessage);
  channel.off('late', onLate);
  // Subscriptions that end: an unsubscribe function, once, a signal.
  const stop: Unsubscribe = channel.on('message', onMessage);
  exact<void>()(stop());
  const listen: ListenOptions = { signal: new AbortController().signal };
  exact<void>()((channel.on('late', onLate, listen))());
  exact<void>()((channel.on('message', (detail) => void exact<JsonValue>()(detail), { once: true }))());
  exact<void>()((channel.on('late', (detail) => void exact<LateReply>()(detail), { once: false }))());
  channel.on(event, anyEvent, {});
  exact<void>()(anyOrigin.destroy());
  anyOrigin.free();
  opener[Symbol.dispose]();
  channel.destroy();
  void [guid2, hungUp, pending, listening];

  try {
    await channel.call(callArgs);
  } catch (e) {
    handleError(e);
  }

  // @ts-expect-error: misspelt option key (timeoutMs)
  new PortalChannel({ portalOrigins: ['https://acme.ucontactcloud.com'], timeout: 5000 });
  // @ts-expect-error: portalOrigins is required unless allowAnyOrigin is true
  new PortalChannel({ target: 'top' });
  // @ts-expect-error: allowAnyOrigin: false does not stand in for portalOrigins
  new PortalChannel({ allowAnyOrigin: false });
  // @ts-expect-error: callerid is a string
  await channel.call({ campaign: 'Ventas->', callerid: 1001, destination: '099123456' });
  // @ts-expect-error: callWithPhone takes no callerid
  await channel.callWithPhone({ destination: '099', campaign: 'Ventas->', callerid: '1001' });
  // @ts-expect-error: a tag needs its message
  await channel.tag({ guid: 'x' });
  // @ts-expect-error: the portal's sms takes no agent (the portal sends as the logged-in agent)
  await channel.sms({ campaign: 'C->', message: 'm', destination: '1', agent: 'ana' });
  // @ts-expect-error: misspelt call option (timeoutMs)
  await channel.hangup({ timeout: 5 });
  // @ts-expect-error: signal is an AbortSignal
  await channel.cti({ signal: 'abort' });
  // @ts-expect-error: unknown event name (the Bridge's, not the channel's)
  channel.on('lost', () => {});
  // @ts-expect-error: a late reply is not a CTI record
  channel.on('late', (detail: CtiRecord) => void detail);
  // @ts-expect-error: once is a boolean
  channel.on('late', () => {}, { once: 'yes' });
  // @ts-expect-error: the listen options are signal and once (no capture)
  channel.on('message', () => {}, { capture: true });
  // @ts-expect-error: off returns nothing to call
  channel.off('message', () => {})();
  // @ts-expect-error: pending is read-only
  channel.pending = 0;
  return channel;
}

export { handleError, moduleFunctions, portalChannel };
