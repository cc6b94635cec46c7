// Loads src/web/emitter.js the way the shipped glue gets it: the file is a plain script that
// declares `class UcbEmitter` and exports nothing (scripts/glue-parts.mjs pastes it into each
// glue as it is), so it is evaluated here in a function scope that returns the class. The
// `console` it reports to is the caller's, so a test can read what was reported.
//
// `minified` is the same file after terser with the options scripts/build.sh uses on the glue
// (properties named `$…` shortened), so the tests also hold for the code that ships.
import { readFileSync } from 'node:fs';
import { minify } from 'terser';

const source = readFileSync(new URL('../../src/web/emitter.js', import.meta.url), 'utf8');
const body = `${source}\nreturn UcbEmitter;\n`;

const shrunk = await minify(body, {
  parse: { bare_returns: true },
  compress: true,
  mangle: { properties: { regex: /^\$/ } },
  keep_classnames: true,
});

export const variants = {
  source: body,
  minified: shrunk.code,
};

// A fresh `UcbEmitter` class from `code`, and the `console.error` calls it made.
export function load(code) {
  const errors = [];
  const console = { error: (...args) => errors.push(args) };
  const UcbEmitter = new Function('console', code)(console);
  return { UcbEmitter, errors };
}
