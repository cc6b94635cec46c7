// The `log` and `debug` options of the `v6` entry (issue 31). Compiled with consumer.ts.
import { FormBridge, UContactEvents, UPhone } from 'ucontact-bridge/v6';
import type { LogEntry } from 'ucontact-bridge/v6';

export function v6Logs(frame: HTMLIFrameElement): [UPhone, FormBridge, UContactEvents] {
  const log = (e: LogEntry): void => {
    if (e.kind === 'dropped') void e.reason;
    else if (e.kind === 'failed') void e.code;
  };
  const instanceOrigin = 'https://acme.ucontactcloud.com';
  // @ts-expect-error: `log` is a function
  new FormBridge({ inboxOrigins: [instanceOrigin], log: 'console' });
  return [
    new UPhone({ frame, instanceOrigin, log }),
    new FormBridge({ inboxOrigins: [instanceOrigin], debug: true }),
    new UContactEvents({ frame, instanceOrigin, log, debug: true }),
  ];
}
