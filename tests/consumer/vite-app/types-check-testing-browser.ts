// Compiled (never run) by tests/consumer/run.mjs with the resolutions that give the testing
// entry's browser declarations (bundler, and node10 through typesVersions): PortalHost.
import initTesting, { PortalHost, type PortalAction } from 'ucontact-bridge/testing';

export async function checkTestingBrowser(): Promise<void> {
  await initTesting();
  const host = new PortalHost({ crmOrigins: ['https://crm.example'] });
  host.on('action', ({ data }) => { const action: PortalAction = data; void action; });
  host.destroy();
}
