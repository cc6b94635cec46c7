// Compiled (never run) by tests/consumer/run.mjs with node16 resolution, where the testing
// entry's `node` condition gives the sandbox's API and its declarations.
import { startSandbox, type Sandbox } from 'ucontact-bridge/testing';
// @ts-expect-error: in Node the testing entry is the sandbox's API, not the browser's PortalHost
import { PortalHost as NotInNode } from 'ucontact-bridge/testing';

export async function checkTestingNode(): Promise<string> {
  const sandbox: Sandbox = await startSandbox({ exitAfter: 1 });
  const portal: string = sandbox.urls.portal;
  await sandbox.close();
  void NotInNode;
  return portal;
}
