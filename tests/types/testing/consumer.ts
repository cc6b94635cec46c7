// A typed consumer of the `testing` entry's browser build (imported as `ucontact-bridge/testing`),
// compiled (never run) by scripts/types.sh with `tsc --noEmit --strict -p tests/types/testing`
// against the golden tests/types/testing/ucontact-bridge.d.ts.
//
// It uses every constructor, method and event of `PortalHost` with correctly typed arguments,
// and the channel exports the build carries besides (PortalHost is built on the channel's wire
// code; tests/types/channel/consumer.ts covers them method by method). `exact` checks that
// results are exactly the declared type; the `@ts-expect-error` lines prove that wrong usages
// are rejected, and that what only the full build has is not declared here.

import init, { ErrorCode, PortalChannel, PortalHost, Respool, UContactError, decodeCti, initSync, isUContactError, readLegacyCti, version } from 'ucontact-bridge/testing';
import type {
  HostEvent,
  HostEventMap,
  HostListener,
  PortalAction,
  PortalActionHandler,
  PortalActionMap,
  PortalActionName,
  PortalHostOptions,
  PortalReplyMap,
  Unsubscribe,
} from 'ucontact-bridge/testing';

// ---- what only the full build has -------------------------------------------------------------

// @ts-expect-error: the REST client is not in the testing entry
import { IntegraClient } from 'ucontact-bridge/testing';
// @ts-expect-error: nor the Bridge
import { Bridge } from 'ucontact-bridge/testing';
// @ts-expect-error: nor sealed CTI records
import { readCtiFromStorage } from 'ucontact-bridge/testing';

void [IntegraClient, Bridge, readCtiFromStorage];

// ---- exactness helpers ------------------------------------------------------------------------

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** `exact<T>()(value)` compiles only when `value` is exactly `T` (not `any`, not a subtype). */
function exact<Expected>() {
  return <Actual>(value: Actual, ..._proof: Equal<Actual, Expected> extends true ? [] : [never]): Actual => value;
}

// ---- start-up and the channel exports ---------------------------------------------------------

export async function start(bytes: BufferSource): Promise<void> {
  await init();
  initSync({ module: bytes });
  const v: string = version();
  const code: ErrorCode = 'TIMEOUT';
  const err: unknown = new UContactError('late', 'TIMEOUT');
  if (isUContactError(err)) void exact<ErrorCode>()(err.code);
  const channel = new PortalChannel({ portalOrigins: ['https://portal.example'] });
  const record = decodeCti('{"Guid":"7e4e7db9-f080-494e-b04b-7c8e47711558"}');
  void [v, code, channel, record, readLegacyCti(), Respool];
}

// ---- PortalHost -------------------------------------------------------------------------------

export function portalHost(iframe: HTMLIFrameElement, popup: Window): PortalHost {
  const options: PortalHostOptions = { crmOrigins: ['https://crm.example'], debug: true, log: (e) => void e.kind };
  const host = new PortalHost(options);
  host.setFrame(iframe);
  host.setFrame(popup);
  host.handle('call', (data) => {
    const d: PortalActionMap['call'] = data;
    return `${d.campaign}-${d.callerid}-${d.destination}` ? '7e4e7db9-f080-494e-b04b-7c8e47711558' : '0';
  });
  host.handle('callWithPhone', async (data) => (data.destination ? '7e4e7db9-f080-494e-b04b-7c8e47711558' : '0'));
  host.handle('CTI', () => ({ Guid: '7e4e7db9-f080-494e-b04b-7c8e47711558', Campaign: 'Ventas->' }));
  host.handle('CTI', () => '{"Guid":"7e4e7db9-f080-494e-b04b-7c8e47711558"}');
  host.handle('hangup', (data) => void data.action);
  host.handle('tag', (data) => void [data.guid, data.message]);
  host.handle('respool', (data) => void [data.objetoRespool.campaign, data.objetoRespool.destination]);
  host.handle('schedule', (data) => void [data.callDate, data.objectDialer.priority]);
  host.handle('sms', (data) => void [data.campaign, data.message, data.destination]);
  const handler: PortalActionHandler<'call'> = () => Promise.resolve('7e4e7db9-f080-494e-b04b-7c8e47711558');
  host.handle('call', handler);
  const name: PortalActionName = 'tag';
  const reply: PortalReplyMap['CTI'] = { Guid: 'g' };
  void [name, reply];
  host.on('action', (detail) => {
    const event: HostEventMap['action'] = detail;
    const action: PortalAction = event.data;
    if (action.action === 'call') {
      const destination: string = action.destination;
      void destination;
    }
    void event.origin;
  });
  host.on('rejected', ({ origin, reason }) => void [origin, reason]);
  const listener: HostListener<'rejected'> = (detail) => void detail.reason;
  const event: HostEvent = 'rejected';
  host.on(event, listener);
  host.off('rejected', listener);
  const stopActions: Unsubscribe = host.on('action', (detail) => void exact<HostEventMap['action']>()(detail));
  stopActions();
  host.on('rejected', (detail) => void exact<HostEventMap['rejected']>()(detail), { signal: new AbortController().signal, once: true });
  const posted: Promise<void> = exact<Promise<void>>()(host.post({ hello: ['world', 1, true, null] }));
  void posted;
  new PortalHost({ crmOrigins: ['https://crm.example'] }).free();

  // @ts-expect-error: the action names are case-sensitive
  host.handle('cti', () => ({}));
  // @ts-expect-error: a call handler answers with the guid (a string)
  host.handle('call', () => 42);
  // @ts-expect-error: unknown event name
  host.on('message', () => {});
  // @ts-expect-error: unknown event name with options too
  host.on('message', () => {}, { once: true });
  // @ts-expect-error: crmOrigins is required
  new PortalHost({ debug: true });
  // @ts-expect-error: post sends JSON, not a function
  void host.post(() => {});
  return host;
}

export function teardown(host: PortalHost): void {
  host.destroy();
  host[Symbol.dispose]();
}
