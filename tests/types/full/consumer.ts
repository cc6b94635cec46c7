// A typed consumer of the whole public API (the `full` entry, imported as `ucontact-bridge`),
// compiled (never run) by scripts/types.sh with `tsc --noEmit --strict -p tests/types/full`
// against the golden tests/types/full/ucontact-bridge.d.ts.
//
// It calls every function, constructor, method and getter with correctly typed arguments and
// keeps each result in an annotated variable; `exact` checks that results are exactly the
// declared type (an `any` would slip through a plain annotation). The `@ts-expect-error` lines
// prove that wrong usages are rejected: if one of them compiled, tsc would fail on the unused
// directive.

import init, {
  Bridge,
  CdrPages,
  CtiKey,
  ErrorCode,
  IntegraClient,
  PortalChannel,
  Respool,
  UContactError,
  buildBaseFile,
  decodeCti,
  encryptCti,
  generateCtiKey,
  initSync,
  isUContactError,
  readCtiFromStorage,
  readLegacyCti,
  version,
} from 'ucontact-bridge';
import type {
  AgentEntry,
  CtiOpened,
  AgentStatus,
  BaseFileResult,
  BaseRowInput,
  BridgeConnection,
  BridgeEvent,
  BridgeListener,
  BridgeMode,
  BridgeOptions,
  BridgeState,
  CallOptions,
  CampaignStats,
  CampaignStatusReport,
  CdrFilter,
  CdrRecord,
  ChannelListener,
  CtiRecord,
  DialerRow,
  DialerTaskArgs,
  DispositionResult,
  InitOutput,
  IntegraClientOptions,
  JsonObject,
  JsonValue,
  LateReply,
  ListenOptions,
  PortalChannelOptions,
  QueueStats,
  QueueSummary,
  RecordingCandidate,
  RespoolJson,
  Unsubscribe,
} from 'ucontact-bridge';

// ---- what moved to the testing entry -------------------------------------------------------

// @ts-expect-error: the portal's end is the testing entry's (`ucontact-bridge/testing`)
import { PortalHost } from 'ucontact-bridge';
// @ts-expect-error: and so are its options
import type { PortalHostOptions } from 'ucontact-bridge';

void PortalHost;
export type NotInFull = PortalHostOptions;

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

async function moduleFunctions(bytes: BufferSource): Promise<void> {
  const output: InitOutput = await init();
  const viaPath: InitOutput = await init({ module_or_path: new URL('https://cdn.example/ucontact-bridge_bg.wasm') });
  const sync: InitOutput = initSync({ module: bytes });
  exact<WebAssembly.Memory>()(output.memory);
  void viaPath;
  void sync;

  const v: string = exact<string>()(version());
  const key: string = exact<string>()(generateCtiKey());
  const sealed: string = exact<string>()(encryptCti('{"Guid":"7e4e7db9-f080-494e-b04b-7c8e47711558"}', key));

  const fromString: CtiRecord = exact<CtiRecord>()(decodeCti(sealed, { key }));
  const fromPlain: CtiRecord = decodeCti('{"Guid":"x"}');
  const fromObject: CtiRecord = decodeCti({ Guid: 'x', Campaign: 'Ventas->' }, { acceptPlain: true });
  const fromTyped: CtiRecord = decodeCti(fromObject);
  const stored: CtiRecord = exact<CtiRecord>()(readCtiFromStorage({ storageKey: 'crm.cti', key, acceptPlain: false }));
  const storedDefault: CtiRecord = readCtiFromStorage();
  const legacy: CtiRecord = exact<CtiRecord>()(readLegacyCti());
  useCti(fromString);

  const ctiKey: CtiKey = new CtiKey(key);
  const opened: CtiOpened = exact<CtiOpened>()(ctiKey.open(sealed));
  const openedRecord: CtiRecord = opened.record;
  const openedRespool: Respool | null = opened.respool;
  const keyDecoded: CtiRecord = exact<CtiRecord>()(ctiKey.decode(sealed, { acceptPlain: true }));
  const keyRespool: Respool = exact<Respool>()(ctiKey.respool(sealed));
  const resealed: string = exact<string>()(ctiKey.seal('{"Guid":"x"}'));
  const check: string = exact<string>()(ctiKey.checkValue);
  // @ts-expect-error: CtiKey's options take no key (the object is the key)
  ctiKey.open(sealed, { key });
  // @ts-expect-error: open reads text, not a record object
  ctiKey.open({ Guid: 'x' });
  void [openedRecord, openedRespool, keyDecoded, keyRespool, resealed, check];
  ctiKey.free();
  void [v, fromPlain, fromTyped, stored, storedDefault, legacy];

  const rows: BaseRowInput[] = [
    { campaign: 'Ventas->', number: '099123456' },
    {
      campaign: 'Ventas->',
      number: '099123457',
      data: { name: 'Ana', age: 41 },
      alternatives: ['098000000'],
      priority: 5,
      agentphone: '1001',
    },
    { campaign: 'Ventas->', number: '099123458', data: [['name', 'Bea']], priority: null, agentphone: null },
  ];
  const file: BaseFileResult = exact<BaseFileResult>()(buildBaseFile(rows));
  const count: number = file.rows;
  const text: string = file.text;
  const base64: string = file.base64;
  void [count, text, base64];

  // @ts-expect-error: decodeCti takes no storageKey (that is readCtiFromStorage's)
  decodeCti(sealed, { storageKey: 'x' });
  // @ts-expect-error: a number is not a CTI record
  decodeCti(42);
  // @ts-expect-error: priority is a number
  buildBaseFile([{ campaign: 'c', number: '1', priority: '5' }]);
}

function useCti(cti: CtiRecord): void {
  const guid: string = cti.guid;
  const screen: string | null = cti.screen;
  const form: string | null = cti.form;
  const campaign: string | null = cti.campaign;
  const callerid: string | null = cti.callerid;
  const pairs: [string, string][] = cti.parAndValues;
  const beep: boolean = cti.beep;
  const answer: boolean = cti.answer;
  const channel: string | null = cti.channel;
  const isVoice: boolean = cti.isVoice;
  const raw: JsonObject = cti.raw;
  const dialer: DialerRow | null = cti.dialer;
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

async function respool(cti: CtiRecord, channel: PortalChannel, client: IntegraClient, bridge: Bridge): Promise<void> {
  const r: Respool = Respool.fromCti(cti);
  const sealed: Respool = Respool.fromCti('ucb2.AAAA', { key: 'k', acceptPlain: true });
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
  void [removed, campaign, destination, alternatives, retries, priority, keys];

  // A Respool or its JSON goes to every path.
  await channel.respool(r);
  await channel.schedule('2030-01-15 10:30:00', json, { timeoutMs: 5000 });
  await client.respool(json);
  await client.schedule('2030-01-15 10:30:00', r);
  await bridge.respool(r, { signal: new AbortController().signal });
  await bridge.schedule('2030-01-15 10:30:00', json);
  sealed.free();
  r[Symbol.dispose]();
  channel[Symbol.dispose]();

  // @ts-expect-error: setPriority takes a number
  r.setPriority('5');
  // @ts-expect-error: campaign is read-only
  r.campaign = 'other';
  // @ts-expect-error: a RespoolJson needs every documented key
  await channel.respool({ campaign: 'Ventas->', destination: '099' });
}

// ---- PortalChannel ----------------------------------------------------------------------------

async function portalChannel(): Promise<PortalChannel> {
  const options: PortalChannelOptions = {
    portalOrigins: ['https://acme.ucontactcloud.com'],
    target: 'parent',
    timeoutMs: 15000,
    quarantineMs: Infinity,
    debug: false,
  };
  const channel = new PortalChannel(options);
  const anyOrigin = new PortalChannel({ allowAnyOrigin: true, target: 'crm-frame' });
  const controller = new AbortController();
  const call: CallOptions = { signal: controller.signal, timeoutMs: 10000 };

  const guid: string = await exact<Promise<string>>()(channel.call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' }, call));
  const guid2: string = await channel.callWithPhone({ destination: '099123456', campaign: 'Ventas->' });
  const hungUp: void = await exact<Promise<void>>()(channel.hangup());
  await channel.tag({ guid, message: 'sale' }, {});
  await exact<Promise<void>>()(channel.sms({ campaign: 'WhatsApp->', message: 'Hola', destination: '+59898344484' }));
  const cti: CtiRecord = await exact<Promise<CtiRecord>>()(channel.cti({ timeoutMs: 2000 }));
  const pending: number = exact<number>()(channel.pending);
  const listening: boolean = exact<boolean>()(channel.isListening);

  const onMessage = (detail: JsonValue): void => void detail;
  const onLate: ChannelListener<'late'> = (detail) => {
    const late: LateReply = detail;
    const g: JsonValue = late.guid;
    void g;
  };
  channel.on('message', onMessage);
  channel.on('late', onLate);
  channel.on('late', (detail) => void exact<LateReply>()(detail));
  channel.off('message', onMessage);
  channel.off('late', onLate);
  exact<void>()((channel.on('late', (detail) => void exact<LateReply>()(detail), { signal: AbortSignal.timeout(1000), once: true }))());
  anyOrigin.destroy();
  anyOrigin.free();
  channel.destroy();
  void [guid2, hungUp, cti, pending, listening];

  // @ts-expect-error: misspelt option key (timeoutMs)
  new PortalChannel({ portalOrigins: ['https://acme.ucontactcloud.com'], timeout: 5000 });
  // @ts-expect-error: portalOrigins is required unless allowAnyOrigin is true
  new PortalChannel({ target: 'top' });
  // @ts-expect-error: callerid is a string
  await channel.call({ campaign: 'Ventas->', callerid: 1001, destination: '099123456' });
  // @ts-expect-error: misspelt call option (timeoutMs)
  await channel.hangup({ timeout: 5 });
  // @ts-expect-error: unknown event name
  channel.on('lost', () => {});
  // @ts-expect-error: a late reply is not a CTI record
  channel.on('late', (detail: CtiRecord) => void detail);
  return channel;
}

// ---- IntegraClient ----------------------------------------------------------------------------

async function integraClient(): Promise<IntegraClient> {
  const options: IntegraClientOptions = {
    baseUrl: 'https://acme.ucontactcloud.com',
    user: 'ana',
    password: 'secret',
    timeoutMs: 20000,
    recordingHosts: { telephony: 'pbx.acme.com', backup: 'backup.acme.com' },
  };
  const api = new IntegraClient(options);
  const withToken = new IntegraClient({ baseUrl: 'https://acme.ucontactcloud.com', token: 'ana:1234' });
  const o: CallOptions = { timeoutMs: 1000 };

  const baseUrl: string = exact<string>()(api.baseUrl);
  const hasToken: boolean = exact<boolean>()(api.hasToken);
  const queued: number = exact<number>()(api.queued);
  // @ts-expect-error maxInFlight is a number
  new IntegraClient({ baseUrl: 'https://acme.ucontactcloud.com', token: 't', maxInFlight: '8' });
  new IntegraClient({ baseUrl: 'https://acme.ucontactcloud.com', token: 't', maxInFlight: 8 }).destroy();
  await exact<Promise<void>>()(api.login(o));
  const agent = { callerid: '1001', agent: 'ana', phone: '1001', tech: 'SIP', context: 'from-internal', outqueue: 'Ventas->', destination: '099123456' };
  const guid: string = await exact<Promise<string>>()(api.agentCall(agent, o));
  const guid2: string = await api.agentCallWithData({ ...agent, data: 'a=1:b=2', form: 'sale' });
  await api.hangupPhone({ phone: '1001' });
  await api.tagRecord({ phone: '1001', guid, data: 'sale' });
  const smsId: string = await exact<Promise<string>>()(api.sendSms({ destination: '+59898344484', message: 'Hola', campaign: 'WhatsApp->', agent: 'ana' }, o));
  await exact<Promise<void>>()(api.sendSmsV1({ destination: '098344484', message: 'Hola', campaign: 'WhatsApp->', source: '24008000' }));
  await exact<Promise<void>>()(api.scheduleSms({ calldate: '2030-01-15 10:30:00', campaign: 'Ventas->', destination: '098344484', data: 'Recordatorio' }));
  await exact<Promise<void>>()(api.agentLogoff({ agent: 'ana', interface: 'SIP/1001' }));
  await exact<Promise<void>>()(api.agentUnbreak({ agent: 'ana', interface: 'SIP/1001', motive: 'Almuerzo', message: 'vuelvo' }));
  // @ts-expect-error: scheduleSms's text is `data`, as the endpoint names it
  await api.scheduleSms({ calldate: '2030-01-15 10:30:00', campaign: 'Ventas->', destination: '098344484', message: 'x' });
  // @ts-expect-error: agentUnbreak needs the break's name
  await api.agentUnbreak({ agent: 'ana', interface: 'SIP/1001' });
  void smsId;
  const disposition: DispositionResult = await exact<Promise<DispositionResult>>()(
    api.dispositionCall({ campaign: 'Ventas->', agent: 'ana', callerid: '099123456', guid, l1: 'Venta', l2: 'Contado', comment: 'ok' }),
  );
  const txtcode: string | null = disposition.txtcode;
  await api.addBlack({ phone: '099123456', campaign: '*', username: 'ana', company: 'Acme', jobTitle: 'CTO', name: 'Bea' });

  const filter: CdrFilter = { calldatei: '2024-03-01 00:00:00', calldatef: '2024-03-31 23:59:59', agent: 'ana' };
  const page: CdrRecord[] = await exact<Promise<CdrRecord[]>>()(api.getRecords(filter, { lastrow: 0, searchLimit: 50 }, o));
  const first: CdrRecord | undefined = page[0];
  const recordGuid: string | undefined = first?.guid;
  const calldate: string | undefined = first?.calldate;
  const other: JsonValue | undefined = first?.['duration'];

  const pages: CdrPages = exact<CdrPages>()(api.records(filter, { pageSize: 100, timeoutMs: 5000 }));
  for await (const records of pages) {
    const typed: CdrRecord[] = exact<CdrRecord[]>()(records);
    void typed;
  }
  const step: IteratorResult<CdrRecord[], undefined> = await exact<Promise<IteratorResult<CdrRecord[], undefined>>>()(pages.next());
  if (!step.done) {
    const value: CdrRecord[] = step.value;
    void value;
  }
  const lastrow: number = exact<number>()(pages.lastrow);
  const done: boolean = exact<boolean>()(pages.done);
  pages.free();
  api.records(filter)[Symbol.dispose]();

  await api.convert({ guid, calldate: '2024-03-01 10:00:00' });
  const candidates: RecordingCandidate[] = exact<RecordingCandidate[]>()(api.recordingCandidates(guid, '2024-03-01 10:00:00'));
  const elsewhere: RecordingCandidate[] = api.recordingCandidates(guid, '2024-03-01 10:00:00', { telephony: 'pbx2.acme.com' });
  const found: RecordingCandidate | null = await exact<Promise<RecordingCandidate | null>>()(api.findRecording(guid, '2024-03-01 10:00:00', o));
  if (found) {
    const format: 'mp3' | 'gsm' = found.format;
    const place: 'Telephony' | 'TelephonyDated' | 'BackupDated' | 'Backup' = found.place;
    const url: string = found.url;
    void [format, place, url];
  }

  await api.scheduleDialerCall({ calldate: '2030-01-15 10:30:00', campaign: 'Ventas->', destination: '099123456', alternatives: '098:097', agentphone: '1001', data: 'a=1' });
  const task: DialerTaskArgs = { mode: 'schedule', calldate: '2030-01-15 10:30:00', campaign: 'Ventas->', destination: '099123456' };
  await api.dialerTask(task);
  await api.dialerTask({ mode: 'clickToCall', campaign: 'Ventas->', destination: '099123456', agent: 'ana', source: 'crm' });
  await api.removeContact({ campaign: 'Ventas->', number: '099123456' });
  await api.removeScheduleDialerCall({ campaign: 'Ventas->', destination: '099123456', from: '2030-01-01 00:00:00', to: '2030-12-31 23:59:59' });
  await api.uploadBase({ filename: 'base.csv', campaign: 'Ventas->', username: 'ana', rows: [{ campaign: 'Ventas->', number: '099123456' }], timezone: 'America/Montevideo' });

  const summary: QueueSummary = await exact<Promise<QueueSummary>>()(api.queueSummary(o));
  const queue: QueueStats | undefined = summary.queues[0];
  const loggedIn: number | null | undefined = queue?.loggedIn;
  const marker: string | null | undefined = summary.markers[0]?.dateReceived;

  const status: CampaignStatusReport = await exact<Promise<CampaignStatusReport>>()(api.campaignStatus('Ventas->', o));
  const all: CampaignStatusReport = await api.campaignStatus();
  const stats: CampaignStats | undefined = all.campaigns['Ventas->'];
  const servicelevel: string | null | undefined = stats?.servicelevel;
  const entry: AgentEntry | undefined = status.agents['SIP/1010'];
  const agentStatus: AgentStatus | null | undefined = entry?.status;
  if (agentStatus) {
    const code: number = agentStatus.code;
    const name: AgentStatus['name'] = agentStatus.name;
    void [code, name];
  }
  const otherEntry: JsonValue | undefined = status.other['time'];
  await api.endSession();
  withToken.free();
  api[Symbol.dispose]();
  void [baseUrl, hasToken, queued, guid2, txtcode, recordGuid, calldate, other, lastrow, done, candidates, elsewhere, loggedIn, marker, servicelevel, otherEntry];

  // @ts-expect-error: misspelt option key (baseUrl)
  new IntegraClient({ baseURL: 'https://acme.ucontactcloud.com' });
  // @ts-expect-error: user and password go together
  new IntegraClient({ baseUrl: 'https://acme.ucontactcloud.com', user: 'ana' });
  // @ts-expect-error: a schedule task needs its calldate
  await api.dialerTask({ mode: 'schedule', campaign: 'Ventas->', destination: '099' });
  // @ts-expect-error: calldate is only for mode 'schedule'
  await api.dialerTask({ mode: 'priority', calldate: '2030-01-15 10:30:00', campaign: 'Ventas->', destination: '099' });
  // @ts-expect-error: unknown dialer task mode
  await api.dialerTask({ mode: 'later', campaign: 'Ventas->', destination: '099' });
  // @ts-expect-error: the filter needs its dates
  api.records({ agent: 'ana' });
  // @ts-expect-error: searchLimit is required
  await api.getRecords(filter, { lastrow: 0 });
  // @ts-expect-error: l1 is required
  await api.dispositionCall({ campaign: 'Ventas->', agent: 'ana', callerid: '099', guid });
  return api;
}

// ---- Bridge -----------------------------------------------------------------------------------

async function bridge(): Promise<void> {
  const options: BridgeOptions = {
    mode: 'auto',
    portalOrigins: ['https://acme.ucontactcloud.com'],
    target: 'top',
    allowAnyOrigin: false,
    timeoutMs: 15000,
    quarantineMs: 60000,
    probeTimeoutMs: 2000,
    heartbeatMs: 0,
    debug: true,
    rest: { baseUrl: 'https://acme.ucontactcloud.com', user: 'ana', password: 'secret' },
    agent: { agent: 'ana', phone: '1001', tech: 'SIP', context: 'from-internal' },
    cti: { storageKey: 'crm.cti', key: 'k', acceptPlain: true },
  };
  const b = new Bridge(options);
  const rest = new Bridge({ mode: 'rest', rest: { baseUrl: 'https://acme.ucontactcloud.com', token: 'ana:1' } });

  const ready: BridgeMode = await exact<Promise<BridgeMode>>()(b.ready);
  const mode: BridgeMode | 'choosing' = exact<BridgeMode | 'choosing'>()(b.mode);
  const state: BridgeState = exact<BridgeState>()(b.state);
  const client: IntegraClient | undefined = exact<IntegraClient | undefined>()(b.rest);

  const signal = AbortSignal.timeout(5000);
  const guid: string = await exact<Promise<string>>()(b.call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' }, { signal }));
  const guid2: string = await b.callWithPhone({ destination: '099123456', campaign: 'Ventas->' }, { timeoutMs: 1000 });
  await exact<Promise<void>>()(b.hangup());
  await b.tag({ guid, message: 'sale' });
  const smsSent: string | undefined = await exact<Promise<string | undefined>>()(b.sms({ campaign: 'WhatsApp->', message: 'Hola', destination: '099123456' }));
  void smsSent;
  const cti: CtiRecord = await exact<Promise<CtiRecord>>()(b.cti());
  await respool(cti, await portalChannel(), client ?? (await integraClient()), b);

  const onConnected: BridgeListener<'connected'> = ({ mode }) => void exact<BridgeMode>()(mode);
  b.on('connected', onConnected);
  b.on('lost', (detail) => void exact<BridgeConnection>()(detail));
  b.on('restored', (detail) => {
    const m: BridgeMode = detail.mode;
    void m;
  });
  b.on('message', (detail) => void exact<JsonValue>()(detail));
  b.on('late', (detail) => void exact<LateReply>()(detail));
  const event: BridgeEvent = 'lost';
  const any: BridgeListener = (detail) => void detail;
  b.on(event, any);
  b.off(event, any);
  b.off('connected', onConnected);
  const listen: ListenOptions = { signal: new AbortController().signal };
  const stop: Unsubscribe = b.on('message', (detail) => void exact<JsonValue>()(detail), listen);
  stop();
  exact<void>()((b.on('connected', ({ mode }) => void exact<BridgeMode>()(mode), { once: true }))());
  b.on(event, any, { ...listen, once: true });
  b.destroy();
  b[Symbol.dispose]();
  rest.free();
  void [ready, mode, state, guid2];

  try {
    await b.call({ campaign: 'Ventas->', callerid: '1001', destination: '099123456' });
  } catch (e) {
    handleError(e);
  }

  // @ts-expect-error: wrong mode string
  new Bridge({ mode: 'portl' });
  // @ts-expect-error: misspelt option key (heartbeatMs)
  new Bridge({ portalOrigins: ['https://acme.ucontactcloud.com'], heartbeat: 0 });
  // @ts-expect-error: the agent profile needs a phone
  new Bridge({ rest: { baseUrl: 'https://a.b', token: 't' }, agent: { agent: 'ana', context: 'from-internal' } });
  // @ts-expect-error: destination is a string
  await b.call({ campaign: 'Ventas->', callerid: '1001', destination: 99123456 });
  // @ts-expect-error: callWithPhone takes no callerid
  await b.callWithPhone({ destination: '099', campaign: 'Ventas->', callerid: '1001' });
  // @ts-expect-error: unknown event name
  b.on('connect', () => {});
  // @ts-expect-error: 'connected' carries { mode }, not a CTI record
  b.on('connected', (detail: CtiRecord) => void detail);
  // @ts-expect-error: the signal must be an AbortSignal
  b.on('lost', () => {}, { signal: 'abort' });
  // @ts-expect-error: not a bridge state
  if (b.state === 'closed') return;
  // @ts-expect-error: signal is an AbortSignal
  await b.hangup({ signal: 'abort' });
}

export { bridge, handleError, integraClient, moduleFunctions, portalChannel };
