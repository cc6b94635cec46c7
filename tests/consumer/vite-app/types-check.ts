// Compiled (never run) by tests/consumer/run.mjs against the installed tarball with each of
// TypeScript's package resolutions (bundler, node16, node10): both entry points resolve to their
// own declarations, and the channel's has none of the full build's names.
import init, { Bridge, IntegraClient, decodeCti, type CtiRecord } from 'ucontact-bridge';
import initChannel, { PortalChannel, Respool, readLegacyCti, version } from 'ucontact-bridge/channel';
// @ts-expect-error: the channel entry has no REST client
import { IntegraClient as NotInChannel } from 'ucontact-bridge/channel';

export async function check(): Promise<string> {
  await init();
  await initChannel();
  const bridge: Bridge = new Bridge({ mode: 'rest', rest: { baseUrl: 'https://acme.ucontactcloud.com', token: 't' } });
  const client: IntegraClient | undefined = bridge.rest;
  const cti: CtiRecord = decodeCti('{"Guid":"x"}', { acceptPlain: true });
  const channel = new PortalChannel({ portalOrigins: ['https://acme.ucontactcloud.com'] });
  const legacy = readLegacyCti();
  const row: Respool = Respool.fromCti(legacy);
  void [client, cti, channel, row, NotInChannel];
  return version();
}
