// The `log` and `debug` options of the `channel` entry (issue 31): a log entry narrows on `kind`,
// `log` takes only a function, `debug` only a boolean. Compiled with consumer.ts.
import { PortalChannel } from 'ucontact-bridge/channel';
import type { LogEntry, LogOptions, LogSource } from 'ucontact-bridge/channel';

/** What a log function can read off each kind of entry. */
export function describe(e: LogEntry): string {
  const source: LogSource = e.source;
  switch (e.kind) {
    case 'sent':
      return `${source} sent ${e.what}`;
    case 'received':
      return `${e.what} ${e.status ?? ''}`;
    case 'dropped':
      return `${e.reason} ${e.origin ?? ''}`;
    case 'retry':
      return `${e.what}: ${e.reason}`;
    case 'timeout':
      return `${e.what} ${e.code ?? ''}`;
    case 'failed':
      return `${e.what} ${e.code}`;
  }
}

export function channels(): PortalChannel[] {
  const options: LogOptions = { log: (e) => void describe(e), debug: false };
  const logged = new PortalChannel({ portalOrigins: ['https://acme.ucontactcloud.com'], ...options });
  const debugged = new PortalChannel({ portalOrigins: ['https://acme.ucontactcloud.com'], debug: true });
  // @ts-expect-error: `log` is a function, not a flag
  new PortalChannel({ portalOrigins: ['https://acme.ucontactcloud.com'], log: true });
  // @ts-expect-error: `debug` is a boolean
  new PortalChannel({ portalOrigins: ['https://acme.ucontactcloud.com'], debug: 'yes' });
  // @ts-expect-error: a `sent` entry has no `status`
  ((e: LogEntry) => e.kind === 'sent' && e.status)({ kind: 'sent', source: 'PortalChannel', what: 'call' });
  return [logged, debugged];
}
