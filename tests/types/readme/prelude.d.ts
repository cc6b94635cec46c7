// What the README blocks use but leave to the reader's page: its own functions, elements and
// values. tests/types/readme.mjs compiles every block with this file and nothing else added.
// Functions take anything (they are the user's: what a block passes them is its business);
// elements and values have the type the page would give them. Nothing of the package is
// declared here: a block that names a class or function of it imports it.
import type { Bridge, IntegraClient, PortalChannel } from 'ucontact-bridge';

type UserFunction = (...args: unknown[]) => void;

declare global {
  // Quick starts 4-6, the CtiKey, Events and developer README Bridge examples.
  const showCaller: UserFunction, render: UserFunction, warn: UserFunction, fill: UserFunction;
  const show: UserFunction, save: UserFunction, openCustomer: UserFunction, log: UserFunction, fn: UserFunction;
  const dial: HTMLButtonElement, submit: HTMLButtonElement, numberInput: HTMLInputElement;
  const banner: { show(text?: string): void; hide(): void };
  // Secrets and data a page has from elsewhere.
  const password: string, secret: string, KEY_BASE64: string;
  const envelopes: string[], envelope: string, queue: unknown[];
  // Objects an earlier block made (the "Errors" and CTI examples continue them).
  const channel: PortalChannel, portal: PortalChannel, client: IntegraClient, bridge: Bridge, guid: string;
}
