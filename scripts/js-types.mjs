// The `js-types` check of the lint layer: `tsc --checkJs` over every .js and .mjs file
// (tsconfig.js.json) and over the inline scripts of every HTML page, which tsc cannot read in
// place: each page's classic scripts are copied to target/js-types/<page path>.js (they share one
// scope), each module script to <page path>.<n>.mjs, placed so that a reported line is the
// page's line, and checked with the same options. Prints tsc's findings and fails on any.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'target', 'js-types');
rmSync(out, { recursive: true, force: true });

const pages = execFileSync('git', ['ls-files', '*.html'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
/** @type {string[]} */
const files = [];
for (const page of pages) {
  // Comments may mention <script>: blanked, their lines kept.
  const html = readFileSync(join(root, page), 'utf8').replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  // A page's classic scripts share one scope (one file), its module scripts each their own.
  /** @type {Map<string, string>} */
  const kinds = new Map();
  let n = 0;
  for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    const [, attrs, body] = m;
    if (/\bsrc=/.test(attrs) || !body.trim() || /type="(?!module)[^"]*"/.test(attrs)) continue;
    const module = /type="module"/.test(attrs);
    const file = join(out, module ? `${page}.${n++}.mjs` : `${page}.js`);
    // Keep the page's line numbers: the body starts on its line of the page.
    const line = html.slice(0, (m.index ?? 0) + m[0].indexOf('>') + 1).split('\n').length - 1;
    const text = kinds.get(file) ?? '';
    // A module's relative imports, from where the page is.
    const rel = relative(dirname(file), dirname(join(root, page)));
    const code = module ? body.replace(/(from\s+|import\()(['"])\.\//g, `$1$2${rel}/`) : body;
    kinds.set(file, text + '\n'.repeat(line - text.split('\n').length + 1) + code);
  }
  for (const [file, text] of kinds) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    files.push(file);
  }
}
const config = join(out, 'tsconfig.json');
const base = JSON.parse(
  readFileSync(join(root, 'tsconfig.js.json'), 'utf8')
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('//'))
    .join('\n'),
);
writeFileSync(
  config,
  JSON.stringify({
    compilerOptions: { ...base.compilerOptions, moduleDetection: 'force' },
    files: [...files, join(root, 'scripts', 'js-globals.d.ts')],
  }),
);
const tsc = join(root, 'node_modules', '.bin', 'tsc');
let failed = 0;
for (const project of [join(root, 'tsconfig.js.json'), config]) {
  const r = spawnSync(tsc, ['-p', project], { cwd: root, encoding: 'utf8' });
  process.stdout.write(r.stdout.replaceAll(out + '/', '').replaceAll('target/js-types/', ''));
  if (r.status !== 0) failed++;
}
console.log(
  `js-types: ${files.length} inline scripts of ${pages.length} pages, and every .js/.mjs file: ${failed ? 'errors above' : 'clean'}`,
);
process.exitCode = failed ? 1 : 0;
