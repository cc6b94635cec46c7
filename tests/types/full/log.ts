// The `log` and `debug` options of the `full` entry (issue 31): every class takes them; a
// Bridge's REST options may have their own. Compiled with consumer.ts.
import { Bridge, IntegraClient, PortalChannel } from 'ucontact-bridge';
import type { LogEntry } from 'ucontact-bridge';

export function fullLogs(): [PortalChannel, IntegraClient, Bridge] {
  const entries: LogEntry[] = [];
  const log = (e: LogEntry): void => {
    entries.push(e);
    if (e.kind === 'received' && e.status !== undefined && e.status >= 400) void e.what;
  };
  const baseUrl = 'https://acme.ucontactcloud.com';
  // @ts-expect-error: `log` takes one entry, not a string
  new IntegraClient({ baseUrl, log: (line: number) => void line });
  return [
    new PortalChannel({ portalOrigins: [baseUrl], log }),
    new IntegraClient({ baseUrl, user: 'agent1', password: 'placeholder', debug: true }),
    new Bridge({ portalOrigins: [baseUrl], log, rest: { baseUrl, token: 'placeholder', log: () => {} } }),
  ];
}
