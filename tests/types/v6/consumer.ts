// A typed consumer of the `v6` entry (imported as `ucontact-bridge/v6`), compiled (never run) by
// scripts/types.sh with `tsc --noEmit --strict -p tests/types/v6` against the golden
// tests/types/v6/ucontact-bridge.d.ts.
//
// It calls every function, constructor, method and getter the entry has with correctly typed
// arguments and keeps each result in an annotated variable; `exact` checks that results and
// listener details are exactly the declared type (an `any` would slip through a plain
// annotation). The `@ts-expect-error` lines prove that wrong usages are rejected, and that the
// v5 (Porthole, REST) names are not declared here: if one of them compiled, tsc would fail on
// the unused directive.

import init, { ErrorCode, FormBridge, UContactError, UContactEvents, UPhone, initSync, isUContactError, version } from 'ucontact-bridge/v6';
import type {
  AssignedInteraction,
  CallOptions,
  FinishedInteraction,
  FormBridgeOptions,
  InitInput,
  InitOutput,
  Interaction,
  InteractionDialer,
  InteractionExtraInfo,
  InteractionMessage,
  JsonObject,
  JsonValue,
  ListenOptions,
  MakeCallArgs,
  SyncInitInput,
  UContactEvent,
  UContactEventMap,
  UContactEventsOptions,
  UContactEventsSettings,
  UPhoneCall,
  UPhoneEvent,
  UPhoneEventMap,
  UPhoneOptions,
  UPhoneParams,
  UPhoneSettings,
  UPhoneState,
  Unsubscribe,
} from 'ucontact-bridge/v6';

// ---- what only the v5 entries have ------------------------------------------------------------

// @ts-expect-error: the Porthole channel is not in the v6 entry
import { PortalChannel } from 'ucontact-bridge/v6';
// @ts-expect-error: nor the portal side
import { PortalHost } from 'ucontact-bridge/v6';
// @ts-expect-error: nor the Bridge
import { Bridge } from 'ucontact-bridge/v6';
// @ts-expect-error: nor the REST client
import { IntegraClient } from 'ucontact-bridge/v6';
// @ts-expect-error: nor CTI records
import { decodeCti } from 'ucontact-bridge/v6';
// @ts-expect-error: nor Respool
import { Respool } from 'ucontact-bridge/v6';
// @ts-expect-error: the channel options are the v5 entries'
import type { PortalChannelOptions } from 'ucontact-bridge/v6';
// @ts-expect-error: and so is the CTI record
import type { CtiRecord } from 'ucontact-bridge/v6';

void [PortalChannel, PortalHost, Bridge, IntegraClient, decodeCti, Respool];
export type NotHere = [PortalChannelOptions, CtiRecord];

// ---- exactness helpers ------------------------------------------------------------------------

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** `exact<T>()(value)` compiles only when `value` is exactly `T` (not `any`, not a subtype). */
function exact<Expected>() {
  return <Actual>(value: Actual, ..._proof: Equal<Actual, Expected> extends true ? [] : [never]): Actual => value;
}

function handleError(e: unknown): string {
  if (!isUContactError(e)) return 'not ours';
  const code: ErrorCode = exact<ErrorCode>()(e.code);
  if (code === 'NO_INTERACTION' || code === 'TIMEOUT' || code === 'INVALID_ARGUMENT' || code === 'DESTROYED') return code;
  // @ts-expect-error: not an error code
  if (e.code === 'NO_INBOX') return 'never';
  exact<'WASM_BLOCKED'>()(ErrorCode.WASM_BLOCKED);
  // @ts-expect-error: not an error code
  void ErrorCode.NO_INBOX;
  if (e instanceof UContactError && e.code === ErrorCode.NOT_INITIALIZED) return exact<UContactError>()(e).message;
  return `${e.name} ${code} ${e.message}`;
}

// ---- module functions -------------------------------------------------------------------------

async function moduleFunctions(bytes: BufferSource, compiled: WebAssembly.Module): Promise<string> {
  const output: InitOutput = await exact<Promise<InitOutput>>()(init());
  const viaPath: InitOutput = await init({ module_or_path: new URL('https://cdn.example/v6/ucontact-bridge_bg.wasm') });
  const input: InitInput = await fetch('https://cdn.example/v6/ucontact-bridge_bg.wasm');
  const viaResponse: InitOutput = await init({ module_or_path: input });
  const syncInput: SyncInitInput = compiled;
  const sync: InitOutput = exact<InitOutput>()(initSync({ module: bytes }));
  const syncModule: InitOutput = initSync({ module: syncInput });
  exact<WebAssembly.Memory>()(output.memory);
  void [viaPath, viaResponse, sync, syncModule];
  return exact<string>()(version());
}

// ---- UPhone -----------------------------------------------------------------------------------

function readParams(p: UPhoneParams): void {
  const number: string | null = exact<string | null>()(p.number);
  const campaign: string | null = exact<string | null>()(p.campaign);
  const guid: string | null = exact<string | null>()(p.guid);
  const direction: string | null = exact<string | null>()(p.direction);
  const date: string | null = exact<string | null>()(p.date);
  const duration: number | null = exact<number | null>()(p.duration);
  const clientId: string | null = exact<string | null>()(p.clientId);
  const needs: boolean | null = exact<boolean | null>()(p.needsDispositions);
  const dispositions: JsonValue = exact<JsonValue>()(p.dispositions);
  const extra: JsonObject = exact<JsonObject>()(p.extra);
  void [number, campaign, guid, direction, date, duration, clientId, needs, dispositions, extra];
}

function readCall(c: UPhoneCall): void {
  const guid: string | null = exact<string | null>()(c.guid);
  const channel: 'call' | 'sms' = exact<'call' | 'sms'>()(c.channel);
  const direction: 'inbound' | 'outbound' | 'unknown' = exact<'inbound' | 'outbound' | 'unknown'>()(c.direction);
  const phase: 'ringing' | 'outbound' | 'finished' = exact<'ringing' | 'outbound' | 'finished'>()(c.phase);
  const texts: (string | null)[] = [c.number, c.campaign, c.clientId, c.started, c.finished];
  const duration: number | null = exact<number | null>()(c.duration);
  const needs: boolean | null = exact<boolean | null>()(c.needsDispositions);
  const dispositions: JsonValue = exact<JsonValue>()(c.dispositions);
  const events: number = exact<number>()(c.events);
  void [guid, channel, direction, phase, texts, duration, needs, dispositions, events];
}

function readState(s: UPhoneState): void {
  const agent: 'unknown' | 'loggedIn' | 'loggedOut' = exact<'unknown' | 'loggedIn' | 'loggedOut'>()(s.agent);
  const call: UPhoneCall | null = exact<UPhoneCall | null>()(s.call);
  const history: UPhoneCall[] = exact<UPhoneCall[]>()(s.history);
  if (call) readCall(call);
  history.forEach(readCall);
  void agent;
}

function uphone(container: Element, iframe: HTMLIFrameElement): UPhone {
  const settings: UPhoneSettings = { instanceOrigin: 'https://acme.ucontactcloud.com', makeCallAction: 'makecall', historySize: 50, debug: false };
  const options: UPhoneOptions = { ...settings, container, src: 'https://acme.ucontactcloud.com/uphone' };
  const phone = exact<UPhone>()(new UPhone(options));
  const onFrame = new UPhone({ frame: iframe, instanceOrigin: 'https://acme.ucontactcloud.com' });

  const frame: HTMLIFrameElement = exact<HTMLIFrameElement>()(phone.frame);
  readState(exact<UPhoneState>()(phone.state));
  const args: MakeCallArgs = { number: '099123456', campaign: 'Ventas->' };
  exact<void>()(phone.makeCall(args));
  phone.makeCall({ number: 99123456, campaign: 'Ventas->' });
  exact<void>()(phone.makeSms({ number: '099123456', text: 'hola', n: 1 }));

  const onEvent = (e: UPhoneEvent): void => {
    const action: string = exact<string>()(e.action);
    readParams(exact<UPhoneParams>()(e.params));
    const raw: unknown = exact<unknown>()(e.raw);
    void [action, raw];
  };
  phone.on('makeCall', onEvent);
  phone.on('gettingCall', (e) => void exact<UPhoneEvent>()(e));
  phone.on('finishedCall', (e) => void exact<UPhoneEvent>()(e));
  phone.on('finishedSms', (e) => void exact<UPhoneEvent>()(e));
  phone.on('sentDispositions', (e) => void exact<UPhoneEvent>()(e));
  phone.on('agentLogin', (e) => void exact<UPhoneEvent>()(e));
  phone.on('agentLogout', (e) => void exact<UPhoneEvent>()(e));
  phone.on('event', onEvent);
  phone.on('change', (s) => readState(exact<UPhoneState>()(s)));
  phone.on('reloaded', (d) => void exact<undefined>()(d));
  const name: keyof UPhoneEventMap = 'change';
  phone.off(name, (d: UPhoneEventMap[typeof name]) => void d);
  phone.off('makeCall', onEvent);
  phone.off('event', onEvent);
  const stop: Unsubscribe = phone.on('gettingCall', (e) => void exact<UPhoneEvent>()(e), { signal: new AbortController().signal });
  stop();
  exact<void>()((phone.on('change', (s) => readState(exact<UPhoneState>()(s)), { once: true }))());
  phone.on('reloaded', (d) => void exact<undefined>()(d), {});
  exact<void>()(onFrame.destroy());
  onFrame.free();
  void frame;

  // @ts-expect-error: unknown event name (the Events API's, not uPhone's)
  phone.on('assignedInteraction', () => {});
  // @ts-expect-error: misspelt event name (uPhone's is plural)
  phone.on('sentDisposition', () => {});
  // @ts-expect-error: a 'change' detail is the state, not an event
  phone.on('change', (e: UPhoneEvent) => void e);
  // @ts-expect-error: an event's detail is not the state
  phone.on('gettingCall', (s: UPhoneState) => void s);
  // @ts-expect-error: with options, still typed per event
  phone.on('change', (e: UPhoneEvent) => void e, { once: true });
  // @ts-expect-error: makeCall needs its campaign
  phone.makeCall({ number: '099123456' });
  // @ts-expect-error: nor a number
  phone.makeCall({ campaign: 'Ventas->' });
  // @ts-expect-error: makeSms params are strings and numbers
  phone.makeSms({ text: true });
  // @ts-expect-error: the spelling is 'makeCall' or 'makecall'
  new UPhone({ container, instanceOrigin: 'https://acme.ucontactcloud.com', makeCallAction: 'MakeCall' });
  // @ts-expect-error: instanceOrigin is required
  new UPhone({ container });
  // @ts-expect-error: a frame or a container is required
  new UPhone({ instanceOrigin: 'https://acme.ucontactcloud.com' });
  // @ts-expect-error: the frame is an <iframe>
  new UPhone({ frame: container, instanceOrigin: 'https://acme.ucontactcloud.com' });
  // @ts-expect-error: state is read-only
  phone.state = { agent: 'unknown', call: null, history: [] };
  // @ts-expect-error: `frame` or `container`, not both (the constructor throws INVALID_ARGUMENT too)
  new UPhone({ frame: iframe, container, instanceOrigin: 'https://acme.ucontactcloud.com' });
  return phone;
}

// ---- FormBridge -------------------------------------------------------------------------------

function readMessage(m: InteractionMessage): void {
  const text: string | null = exact<string | null>()(m.text);
  const attachments: JsonValue[] = exact<JsonValue[]>()(m.attachments);
  const id: string | null | undefined = exact<string | null | undefined>()(m.id);
  const fromBot: boolean | null | undefined = exact<boolean | null | undefined>()(m.fromBot);
  const isAudio: boolean | null | undefined = m.isAudio;
  const more: (string | null | undefined)[] = [m.channelId, m.source, m.direction, m.date, m.status];
  const other: JsonValue | undefined = m['reaction'];
  void [text, attachments, id, fromBot, isAudio, more, other];
}

function readInteraction(i: Interaction): void {
  const texts: (string | null)[] = [i.guid, i.channel, i.campaign, i.clientId, i.clientName, i.startDate, i.answerDate, i.form];
  const holdTime: number | null = exact<number | null>()(i.holdTime);
  const data: JsonObject = exact<JsonObject>()(i.data);
  const dialer: InteractionDialer | null = exact<InteractionDialer | null>()(i.dialer);
  if (dialer) {
    const columns: (string | null)[] = [dialer.connector, dialer.agentNumber, dialer.timezone, dialer.dialer, dialer.callerId, dialer.direction, dialer.type];
    const contact: JsonObject | null = exact<JsonObject | null>()(dialer.contact);
    void [columns, contact];
  }
  const last: InteractionMessage | null = exact<InteractionMessage | null>()(i.lastMessage);
  if (last) readMessage(last);
  const messages: InteractionMessage[] | null = exact<InteractionMessage[] | null>()(i.messages);
  messages?.forEach(readMessage);
  const extra: InteractionExtraInfo | null = exact<InteractionExtraInfo | null>()(i.extraInfo);
  if (extra) {
    const fields: (string | null)[] = [extra.mail, extra.initialMessage, extra.number, extra.ipAddress];
    const custom: JsonObject = exact<JsonObject>()(extra.customFields);
    void [fields, custom];
  }
  const raw: JsonObject = exact<JsonObject>()(i.raw);
  void [texts, holdTime, data, raw];
}

async function formBridge(): Promise<void> {
  const options: FormBridgeOptions = { inboxOrigins: ['https://acme.ucontactcloud.com'], timeoutMs: 5000, debug: false };
  const inbox = exact<FormBridge>()(new FormBridge(options));
  const call: CallOptions = { signal: new AbortController().signal, timeoutMs: 2000 };
  const interaction: Interaction = await exact<Promise<Interaction>>()(inbox.getInteraction());
  readInteraction(interaction);
  readInteraction(await inbox.getInteraction(call));
  const pending: number = exact<number>()(inbox.pending);
  exact<void>()(inbox.close());
  exact<void>()(inbox.sent());
  exact<void>()(inbox.destroy());
  inbox[Symbol.dispose]();
  try {
    await inbox.getInteraction({ timeoutMs: 100 });
  } catch (e) {
    handleError(e);
  }
  void pending;

  // @ts-expect-error: inboxOrigins is required
  new FormBridge({ timeoutMs: 5000 });
  // @ts-expect-error: inboxOrigins is a list
  new FormBridge({ inboxOrigins: 'https://acme.ucontactcloud.com' });
  // @ts-expect-error: misspelt call option (timeoutMs)
  await inbox.getInteraction({ timeout: 5 });
  // @ts-expect-error: the interaction's clientId is a string or null
  const n: number = interaction.clientId;
  // @ts-expect-error: pending is read-only
  inbox.pending = 0;
  // @ts-expect-error: a form has no events to subscribe to
  inbox.on('interaction', () => {});
  void n;
}

// ---- UContactEvents ---------------------------------------------------------------------------

function events(container: Element, iframe: HTMLIFrameElement): void {
  const settings: UContactEventsSettings = { instanceOrigin: 'https://acme.ucontactcloud.com', debug: true };
  const options: UContactEventsOptions = { ...settings, container, src: 'https://acme.ucontactcloud.com/' };
  const ucontact = exact<UContactEvents>()(new UContactEvents(options));
  const onFrame = new UContactEvents({ frame: iframe, instanceOrigin: 'https://acme.ucontactcloud.com' });
  const frame: HTMLIFrameElement = exact<HTMLIFrameElement>()(ucontact.frame);

  const onAssigned = (e: UContactEvent<AssignedInteraction>): void => {
    const data: AssignedInteraction = exact<AssignedInteraction>()(e.data);
    const fields: (string | null)[] = [data.guid, data.campaign, data.channel, data.clientId];
    const other: JsonValue = data['queue'] ?? null;
    const event: string = exact<string>()(e.event);
    const raw: unknown = exact<unknown>()(e.raw);
    void [fields, other, event, raw];
  };
  ucontact.on('assignedInteraction', onAssigned);
  ucontact.on('finishedInteraction', (e) => {
    const data: FinishedInteraction = exact<FinishedInteraction>()(e.data);
    const guid: string | null = exact<string | null>()(data.guid);
    void guid;
  });
  ucontact.on('sentDisposition', (e) => void exact<UContactEvent<JsonValue>>()(e));
  ucontact.on('changedTheme', (e) => void exact<JsonValue>()(e.data));
  ucontact.on('changedLanguage', (e) => void exact<UContactEvent>()(e));
  ucontact.on('event', (e) => void exact<UContactEvent>()(e));
  const name: keyof UContactEventMap = 'event';
  ucontact.off(name, (e: UContactEventMap[typeof name]) => void e);
  ucontact.off('assignedInteraction', onAssigned);
  const listen: ListenOptions = { signal: new AbortController().signal };
  const stop: Unsubscribe = ucontact.on('changedTheme', (e) => void exact<JsonValue>()(e.data), listen);
  stop();
  exact<void>()((ucontact.on('assignedInteraction', onAssigned, { ...listen, once: true }))());
  exact<void>()(ucontact.destroy());
  onFrame.free();
  void frame;

  // @ts-expect-error: unknown event name (uPhone's, not the Events API's)
  ucontact.on('gettingCall', () => {});
  // @ts-expect-error: a finishedInteraction's data is not an AssignedInteraction
  ucontact.on('finishedInteraction', (e: UContactEvent<AssignedInteraction>) => void e);
  // @ts-expect-error: the listener detail is an event, not its data
  ucontact.on('assignedInteraction', (d: AssignedInteraction) => void d);
  // @ts-expect-error: the listen options are signal and once
  ucontact.on('event', () => {}, { passive: true });
  // @ts-expect-error: instanceOrigin is required
  new UContactEvents({ container });
  // @ts-expect-error: no commands on the Events API
  ucontact.makeCall({ number: '099', campaign: 'Ventas->' });
}

export { events, formBridge, handleError, moduleFunctions, uphone };
