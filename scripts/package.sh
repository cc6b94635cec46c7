#!/usr/bin/env bash
# Assembles the npm package from every entry of scripts/entries.tsv and packs it:
#   target/pkg/npm/                     the package directory (what `npm publish` would send)
#   target/pkg/ucontact-bridge-<v>.tgz  the tarball (`npm pack`), what consumers install
#   target/pkg-debug/ucontact-bridge-<v>-debug.tgz   the same package made of the names-kept
#                                       debug builds (scripts/build.sh; same paths and exports, so
#                                       installing it in place of the release tarball, or aliasing
#                                       to it, switches a project to it: docs/decisions/debug-build.md)
# Content, per entry, in the directory of its npm subpath (`.`: the package root; `./channel`:
# channel/):
#   <dir>/ucontact-bridge.js, .d.ts, _bg.wasm, _bg.wasm.d.ts   its ES module (<pkg>/esm)
#   <dir>/script/ucontact-bridge.js                             its script-tag build (<pkg>/script),
#                                                               which loads ../ucontact-bridge_bg.wasm:
#                                                               each .wasm ships once
#   <dir>/script/ucontact-bridge.single.js                      and single file if it has one
#   <dir>/script/ucontact-bridge.d.ts                           the global it sets, for TypeScript
#                                                               (pkg-template/script.d.ts)
#   testing/emulator.mjs, .d.ts, emulator/  the Integra API emulator for Node (scripts/build-emulator.sh)
# plus the hand-kept package.json and README.md from pkg-template/, and the repository's
# LICENSE-MIT, LICENSE-APACHE and CHANGELOG.md. The package.json is checked
# against what was assembled: its version is Cargo.toml's, every entry's subpath is in its
# `exports` (`types` + `default` pointing at that entry's files) and no other subpath is, and
# the tarball holds every assembled file and everything `exports` names; its `repository`,
# `bugs` and `homepage` are Cargo.toml's `repository` (one place for the project's address).
# The tarball is checked to hold the licences, the changelog and no file twice (by content),
# and its size is printed.
# Usage: scripts/package.sh [--no-build]   (--no-build: reuse the builds in target/pkg/<entry>)
source "$(dirname "$0")/lib.sh"
[ "${1:-}" = "--no-build" ] || "$ROOT/scripts/build.sh"

CRATE_VERSION=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
PKG_VERSION=$(node -p "require('./pkg-template/package.json').version")
if [ "$CRATE_VERSION" != "$PKG_VERSION" ]; then
  echo "pkg-template/package.json version $PKG_VERSION differs from Cargo.toml $CRATE_VERSION" >&2
  exit 1
fi

# UCB_PKG_ROOT (lib.sh pkg_dir) names the builds to pack and where the package goes: the debug
# tarball is this script run again on target/pkg-debug (see the end).
OUT=${UCB_PKG_ROOT:-target/pkg}
NPM=$OUT/npm
step "assemble $NPM"
rm -rf "$NPM" && mkdir -p "$NPM"
# subdir SUBPATH: the entry's directory in the package ('' for the root).
subdir() {
  case "$1" in
    .) echo "" ;;
    ./*) echo "${1#./}/" ;;
    *) echo "entries.tsv: npm subpath '$1' must be '.' or start with './'" >&2; return 1 ;;
  esac
}
ENTRY_MAP=()   # "subpath dir" per entry, for the exports check below
ENTRY_DIRS=()  # "name dir" per entry, for the sandbox's /pkg/<entry>/ (testing/entries.json)
while read -r name _ subpath _ single; do
  out=$(pkg_dir "$name")
  dir=$(subdir "$subpath")
  files=("$out/esm/ucontact-bridge.js" "$out/esm/ucontact-bridge.d.ts" "$out/esm/ucontact-bridge_bg.wasm"
         "$out/esm/ucontact-bridge_bg.wasm.d.ts" "$out/script/ucontact-bridge.js")
  [ "$single" = "-" ] || files+=("$out/script/ucontact-bridge.single.js")
  for f in "${files[@]}"; do
    [ -f "$f" ] || { echo "$f is missing: build the entry first (scripts/build.sh $name)" >&2; exit 1; }
  done
  mkdir -p "$NPM/${dir}script"
  cp "${files[@]:0:4}" "$NPM/$dir"
  cp "${files[@]:4}" "$NPM/${dir}script/"
  # The global the script-tag build sets, typed from the entry's own declarations (one template
  # for every entry: it reads ../ucontact-bridge.d.ts; the first line names the entry).
  { echo "// ucontact-bridge $CRATE_VERSION ($name): the global UContactBridge that ${dir}script/ucontact-bridge.js sets."
    cat pkg-template/script.d.ts; } > "$NPM/${dir}script/ucontact-bridge.d.ts"
  echo "$name ($subpath) -> $NPM/$dir"
  ENTRY_MAP+=("$subpath ${dir}")
  ENTRY_DIRS+=("$name ${dir}")
done < <(entries)
cp pkg-template/package.json pkg-template/README.md LICENSE-MIT LICENSE-APACHE CHANGELOG.md "$NPM/"
# The testing kit's Integra API emulator: its Node module and, in testing/emulator/, the
# WebAssembly build it loads (scripts/build-emulator.sh; the same build in the debug tarball).
EMULATOR=target/pkg/testing/emulator
for f in emulator.js emulator.d.ts emulator_bg.wasm; do
  [ -f "$EMULATOR/$f" ] || { echo "$EMULATOR/$f is missing: build it first (scripts/build-emulator.sh)" >&2; exit 1; }
done
mkdir -p "$NPM/testing/emulator"
cp pkg-template/testing/emulator.mjs pkg-template/testing/emulator.d.ts "$NPM/testing/"
cp "$EMULATOR/emulator.js" "$EMULATOR/emulator.d.ts" "$EMULATOR/emulator_bg.wasm" "$NPM/testing/emulator/"

# The sandbox (`npx ucontact-sandbox`, `ucontact-bridge/testing`): its server and API, the pages
# of its origins, porthole.js 1.0.0 for the porthole.js portal (MIT, Ternary Labs: the licence is
# the file's header; the npm wrapper's own licence beside it), and which directory holds each
# entry, for its /pkg/<entry>/ (it serves the package's own builds).
step "the sandbox: bin/, testing/"
mkdir -p "$NPM/bin" "$NPM/testing/www" "$NPM/testing/vendor"
cp pkg-template/bin/ucontact-sandbox.mjs "$NPM/bin/"
cp pkg-template/testing/*.mjs pkg-template/testing/*.d.ts "$NPM/testing/"
cp -r www/portal www/crm www/instance www/shared "$NPM/testing/www/"
cp node_modules/porthole-proxy/lib/porthole.js "$NPM/testing/vendor/porthole.js"
cp node_modules/porthole-proxy/LICENSE.md "$NPM/testing/vendor/porthole-proxy-LICENSE.md"
node -e 'const m = {}; for (const p of process.argv.slice(1)) { const [n, d = ""] = p.split(" "); m[n] = d; }
  process.stdout.write(JSON.stringify(m) + "\n");' "${ENTRY_DIRS[@]}" > "$NPM/testing/entries.json"

step "check package.json against the entries"
# Every entry's subpath is exported with its types and its module; every other export is a
# file (has an extension) that was assembled; a subpath export that is no entry is an error.
node - "$NPM" "${ENTRY_MAP[@]}" <<'EOF'
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const [npm, ...pairs] = process.argv.slice(2);
const pkg = require(join(process.cwd(), npm, 'package.json'));
// The project's address is written once, in Cargo.toml; package.json's three fields follow it.
const repo = /^repository = "(https:\/\/[^"]+)"$/m.exec(require('node:fs').readFileSync('Cargo.toml', 'utf8'))[1];
const links = { repository: { type: 'git', url: `git+${repo}.git` }, bugs: { url: `${repo}/issues` }, homepage: `${repo}#readme` };
const exportsMap = pkg.exports || {};
// The testing entry is also the sandbox's API in Node: its `node` conditions (code and types).
const NODE = { './testing': { code: './testing/index.mjs', types: './testing/index.d.ts' } };
const problems = [];
const entries = new Map(pairs.map((p) => { const [subpath, dir = ''] = p.split(' '); return [subpath, dir]; }));
// A subpath may carry more conditions than `types` and `default` (`./testing` has `browser`,
// and a `node` one for its Node API), and `types` may itself be conditional: the entry's
// declarations are then its `default`, what a browser build's project resolves.
const fallback = (t) => (t && typeof t === 'object' ? t.default : t);
for (const [subpath, dir] of entries) {
  const e = exportsMap[subpath];
  const want = { types: `./${dir}ucontact-bridge.d.ts`, default: `./${dir}ucontact-bridge.js` };
  if (!e || typeof e !== 'object') { problems.push(`exports has no "${subpath}" (entry subpath)`); continue; }
  for (const k of ['types', 'default']) {
    if (fallback(e[k]) !== want[k]) problems.push(`exports["${subpath}"].${k} is ${JSON.stringify(e[k])}, expected "${want[k]}"`);
  }
  if (Object.keys(e)[0] !== 'types') problems.push(`exports["${subpath}"]: "types" must come first`);
}
for (const [subpath, want] of Object.entries(NODE)) {
  const e = exportsMap[subpath] || {};
  if (e.node !== want.code) problems.push(`exports["${subpath}"].node is ${JSON.stringify(e.node)}, expected "${want.code}"`);
  if (e.types?.node !== want.types) problems.push(`exports["${subpath}"].types.node is ${JSON.stringify(e.types?.node)}, expected "${want.types}"`);
  const keys = Object.keys(e);
  if (!(keys.indexOf('node') < keys.indexOf('default'))) problems.push(`exports["${subpath}"]: "node" must come before "default"`);
}
/** Every file a target names, through nested conditions. */
const targets = (t) => (typeof t === 'string' ? [t] : Object.values(t).flatMap(targets));
for (const [subpath, target] of Object.entries(exportsMap)) {
  const isFile = /\.[a-z]+$/.test(subpath);
  if (!isFile && !entries.has(subpath)) problems.push(`exports["${subpath}"] is no entry of scripts/entries.tsv`);
  for (const t of targets(target)) {
    if (!existsSync(join(npm, t))) problems.push(`exports["${subpath}"] -> ${t}, which was not assembled`);
  }
}
for (const [k, want] of Object.entries(links)) {
  if (JSON.stringify(pkg[k]) !== JSON.stringify(want)) problems.push(`${k} is ${JSON.stringify(pkg[k])}, expected ${JSON.stringify(want)} (from Cargo.toml's repository)`);
}
for (const [name, bin] of Object.entries(pkg.bin || {})) {
  if (!existsSync(join(npm, bin))) problems.push(`bin ${name} -> ${bin}, which was not assembled`);
}
if (pkg.main !== './ucontact-bridge.js' || pkg.types !== './ucontact-bridge.d.ts' || entries.get('.') !== '') {
  problems.push('main/types must name the root entry (subpath ".") module and declarations');
}
if (problems.length) {
  console.error('pkg-template/package.json does not match the assembled package:\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log(`exports: ${[...entries.keys()].join(', ')} (${Object.keys(NODE).join(', ')} also for Node) and ${Object.keys(exportsMap).length - entries.size} files`);
EOF

step "the assembled sandbox serves the package's own files"
# Started from the package directory as an installed copy starts (testing/ beside the entries):
# each entry's module and .wasm, porthole.js and a page of each origin, byte for byte.
node --input-type=module - "$NPM" "${ENTRY_DIRS[@]}" <<'EOF'
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
const [npm, ...pairs] = process.argv.slice(2);
const { startSandbox } = await import(resolve(npm, 'testing', 'index.mjs'));
const s = await startSandbox({ exitAfter: 60 });
const checks = [[s.urls.portal + 'vendor/porthole.js', 'testing/vendor/porthole.js'], [s.urls.portal, 'testing/www/portal/index.html'],
  [s.urls.crm, 'testing/www/crm/index.html'], [s.urls.uphone, 'testing/www/instance/uphone.html']];
for (const p of pairs) {
  const [name, dir = ''] = p.split(' ');
  checks.push([`${s.urls.crm}pkg/${name}/esm/ucontact-bridge.js`, `${dir}ucontact-bridge.js`],
    [`${s.urls.crm}pkg/${name}/esm/ucontact-bridge_bg.wasm`, `${dir}ucontact-bridge_bg.wasm`]);
}
let bad = 0;
for (const [url, file] of checks) {
  const got = Buffer.from(await (await fetch(url)).arrayBuffer());
  if (!got.equals(readFileSync(join(npm, file)))) { console.error(`${url} is not ${file}`); bad++; }
}
await s.close();
if (bad) process.exit(1);
console.log(`${checks.length} URLs served from the package's own files${s.warnings.length ? ` (warnings: ${s.warnings.join('; ')})` : ''}`);
EOF

step "npm pack"
rm -f "$OUT"/ucontact-bridge-*.tgz
(cd "$OUT" && npm pack ./npm --loglevel=warn >/dev/null)
TGZ=$OUT/ucontact-bridge-$CRATE_VERSION.tgz
tar -tzvf "$TGZ" | awk '{printf "  %9s  %s\n", $3, $6}'
echo "$TGZ: $(wc -c <"$TGZ") bytes packed, $(du -sb "$NPM" | cut -f1) bytes unpacked ($(tar -tzf "$TGZ" | wc -l) files)"
# `files` in package.json decides what npm packs: every assembled file must be in the tarball.
missing=$(comm -23 <(cd "$NPM" && find . -type f | sed 's#^\./#package/#' | sort) <(tar -tzf "$TGZ" | sort))
if [ -n "$missing" ]; then
  echo "assembled but not packed (add them to \"files\" in pkg-template/package.json):" >&2
  echo "$missing" | sed 's/^/  /' >&2
  exit 1
fi
# What a user needs besides the code: both licence texts and the changelog.
listing=$(tar -tzf "$TGZ")
for f in LICENSE-MIT LICENSE-APACHE CHANGELOG.md README.md; do
  grep -qx "package/$f" <<<"$listing" || { echo "the tarball has no $f" >&2; exit 1; }
done
# No file twice: the script builds share their entry's .wasm with its ES module.
twice=$(cd "$NPM" && find . -type f -exec sha256sum {} + | sort | awk '{ if ($1 == last) print prev " = " $2; last = $1; prev = $2 }')
if [ -n "$twice" ]; then
  echo "the tarball holds the same bytes twice:" >&2
  echo "$twice" | sed 's/^/  /' >&2
  exit 1
fi
echo "every file once: $(grep -c '\.wasm$' <<<"$listing") .wasm files for $(entries | wc -l) entries"

# The second tarball: the same package from the debug builds, named apart.
if [ -z "${UCB_PACKING_DEBUG:-}" ]; then
  DEBUG_ROOT=$(dirname "$(debug_dir x)")
  if [ -d "$DEBUG_ROOT" ]; then
    step "the debug tarball ($DEBUG_ROOT)"
    UCB_PACKING_DEBUG=1 UCB_PKG_ROOT=$DEBUG_ROOT "$ROOT/scripts/package.sh" --no-build >/dev/null
    mv "$DEBUG_ROOT/ucontact-bridge-$CRATE_VERSION.tgz" "$DEBUG_ROOT/ucontact-bridge-$CRATE_VERSION-debug.tgz"
    echo "$DEBUG_ROOT/ucontact-bridge-$CRATE_VERSION-debug.tgz ($(wc -c <"$DEBUG_ROOT/ucontact-bridge-$CRATE_VERSION-debug.tgz") bytes)"
  else
    echo "no debug builds in $DEBUG_ROOT (UCB_NO_DEBUG_BUILD=1?): no debug tarball"
  fi
fi
