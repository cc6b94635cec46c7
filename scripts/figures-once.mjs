// A size figure is written in one place (issue 33, item 4): no byte count of a build appears in
// more than one hand-written file. The hand-written files are every tracked Markdown file and
// the comments of scripts/entries.tsv; the blocks scripts/bench-table.mjs generates are left
// out (they are written from bench/results/, not by hand). A figure is a number of at least
// 10,000 written with thousands separators (`45,631`, `141,434`) that is not a count of
// something named after it (`100,000 rows`, `20,000 tags`, `5,000 µs`, `100,000-row`): sizes
// in tables whose unit is in the header are caught too. Smaller numbers (growths such as
// +338 B) would match by coincidence and are left out. Another place that needs the figure
// links to the one file that has it.
//
// Usage: node scripts/figures-once.mjs   (prints each figure found twice, with its files)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// A grouped number, not part of a longer one, and not followed by a word, a unit other than B,
// a percentage, a ratio or a hyphen.
const FIGURE = /(?<![\d,.])(\d{1,3}(?:,\d{3})+)(?![\d,])(?!\s*(?:[A-Za-z]|µ|%|×|-))|(\d{1,3}(?:,\d{3})+)(?=\s*B\b)/g;
const GENERATED = /<!-- generated:([\w-]+)[^>]*-->[\s\S]*?<!-- \/generated:\1 -->/g;

/** The hand-written text of a file: Markdown without generated blocks, or a TSV's comments. */
function handWritten(file) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  if (file.endsWith('.tsv'))
    return text
      .split('\n')
      .filter((l) => /^\s*#/.test(l))
      .join('\n');
  return text.replace(GENERATED, '');
}

const files = [
  ...execFileSync('git', ['ls-files', '*.md'], { cwd: ROOT }).toString().split('\n').filter(Boolean),
  'scripts/entries.tsv',
];
/** figure → the files that write it */
const seen = new Map();
for (const file of files) {
  for (const m of handWritten(file).matchAll(FIGURE)) {
    const n = m[1] || m[2];
    if (Number(n.replace(/,/g, '')) < 10000) continue;
    if (!seen.has(n)) seen.set(n, new Set());
    seen.get(n).add(file);
  }
}
const twice = [...seen].filter(([, where]) => where.size > 1);
for (const [n, where] of twice) console.error(`figures-once: ${n} B is written in ${[...where].join(', ')}`);
if (twice.length) {
  console.error(
    `figures-once: ${twice.length} size figure(s) in more than one hand-written file; keep each in one and link to it`,
  );
  process.exit(1);
}
console.log(`figures-once: ${seen.size} size figures, each in one hand-written file`);
