// Compiled (never run) by tests/consumer/run.mjs against the installed tarball with each of
// TypeScript's package resolutions (bundler, node16, node10): every entry point resolves to its
// own declarations, the channel's has none of the full build's names and the v6 one none of v5's;
// PortalHost is the testing entry's, not the main entry's (the testing entry is checked in
// types-check-testing-browser.ts and types-check-testing-node.ts: its types follow the condition).
import init, { Bridge, IntegraClient, decodeCti, type CtiRecord } from 'ucontact-bridge';
import initChannel, { PortalChannel, Respool, readLegacyCti, version } from 'ucontact-bridge/channel';
// @ts-expect-error: the channel entry has no REST client
import { IntegraClient as NotInChannel } from 'ucontact-bridge/channel';
import initV6, { FormBridge, UContactEvents, UPhone, type Interaction, type UPhoneState } from 'ucontact-bridge/v6';
// @ts-expect-error: the v6 entry has no Porthole channel
import { PortalChannel as NotInV6 } from 'ucontact-bridge/v6';
// @ts-expect-error: the main entry has no PortalHost any more
import { PortalHost as NotInFull } from 'ucontact-bridge';

export async function check(): Promise<string> {
  await init();
  await initChannel();
  const bridge: Bridge = new Bridge({ mode: 'rest', rest: { baseUrl: 'https://acme.ucontactcloud.com', token: 't' } });
  const client: IntegraClient | undefined = bridge.rest;
  const cti: CtiRecord = decodeCti('{"Guid":"x"}', { acceptPlain: true });
  const channel = new PortalChannel({ portalOrigins: ['https://acme.ucontactcloud.com'] });
  const legacy = readLegacyCti();
  const row: Respool = Respool.fromCti(legacy);
  void [client, cti, channel, row, NotInChannel, NotInV6];
  await initV6();
  const phone = new UPhone({ container: document.body, instanceOrigin: 'https://acme.ucontactcloud.com' });
  const state: UPhoneState = phone.state;
  const events = new UContactEvents({ container: document.body, instanceOrigin: 'https://acme.ucontactcloud.com' });
  const interaction: Interaction = await new FormBridge({ inboxOrigins: ['https://acme.ucontactcloud.com'] }).getInteraction();
  void [state, events, interaction];
  void NotInFull;
  return version();
}
