// `ucontact-bridge/testing` (Node): the sandbox for a CRM developer's own tests. The same server
// as `npx ucontact-sandbox`, started in the test's process on free ports.
import { serve } from './sandbox.mjs';

/**
 * Starts the sandbox and resolves once it listens. Options: `crm` (a URL the portal frames:
 * your dev server), `crmDir` (your static files on the CRM origin), `ports` (`{ portal, crm,
 * instance }`, each 0 = a free port, the default), `preload` (a script file appended to
 * /config.js), `pkg` (built packages in target/pkg's layout, instead of this package's own),
 * `exitAfter` (seconds: stop by itself, e.g. if a test runner hangs).
 * @param {import('./index.d.ts').StartSandboxOptions} [options]
 * @returns {Promise<import('./index.d.ts').Sandbox>}
 */
export async function startSandbox({ crm, crmDir, ports = {}, preload, pkg, exitAfter } = {}) {
  const s = await serve({ crm, crmDir, preload, pkg, ports: { portal: 0, crm: 0, instance: 0, ...ports } });
  let timer = null;
  const close = () => {
    clearTimeout(timer);
    return s.close();
  };
  if (exitAfter !== undefined) {
    timer = setTimeout(close, exitAfter * 1000);
    timer.unref(); // never what keeps the test's process alive
  }
  return {
    urls: s.urls,
    ports: s.ports,
    origins: { portal: s.origins.portalOrigins, crm: s.origins.crmOrigins, instance: s.origins.instanceOrigins },
    emulator: s.emulator,
    warnings: s.warnings,
    // The uContact side's pages, scripted and read from the test (script.mjs).
    portal: s.script.portal,
    uphone: s.script.uphone,
    inbox: s.script.inbox,
    events: s.script.events,
    hostile: s.script.hostile,
    reset: s.script.reset,
    close,
  };
}
