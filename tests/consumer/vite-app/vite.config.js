// Relative asset URLs: the built app is served from a sub-path of the sandbox's CRM origin.
// Every .html file here is a page (run.mjs adds the README's quick starts as pages).
import { readdirSync } from 'node:fs';

const pages = Object.fromEntries(
  readdirSync('.')
    .filter((f) => f.endsWith('.html'))
    .map((f) => [f.slice(0, -5), f]),
);
export default { base: './', logLevel: 'error', build: { target: 'es2022', rollupOptions: { input: pages } } };
