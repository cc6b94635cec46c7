#!/usr/bin/env bash
# Secret scan (issue #9, item 5): no test log may contain a secret the tests used.
#
# Secrets: the fixed ones in tests/secrets.list (emulator passwords, fixture tokens and keys)
# plus the ones made at run time that the e2e harness appends to target/test-logs/secrets.list
# (tokens the emulator issued, keys from generateCtiKey()). Each is looked for as written, as
# JSON escapes it (`/` -> `\/`, `"` -> `\"`) and as a form body encodes it, in every file of
# target/test-logs/ (every layer's log, the browsers' console logs), except the secrets list
# and this scan's own log.
#
# A self-check first plants secrets in a scratch folder and requires the scan to find them,
# so a broken scan cannot report a clean 0. Hits are printed masked (first 2 characters and
# the length). Prints `figure: secrets hits=H secrets=K files=F bytes=B` and
# `secret-scan: 1 passed, 0 failed` (or `0 passed, 1 failed`); exits non-zero on any hit.
# Env: UCB_LOGS (default target/test-logs), UCB_SECRETS (default tests/secrets.list).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LOGS=${UCB_LOGS:-target/test-logs}
FIXED=${UCB_SECRETS:-tests/secrets.list}
EXCLUDES=(--exclude=secrets.list --exclude=secret-scan.log)

[ -f "$FIXED" ] || { echo "secret-scan: no $FIXED"; echo "secret-scan: 0 passed, 1 failed"; exit 1; }

# One secret per line: fixed and run-time, comments and blank lines dropped, duplicates once.
read_secrets() {
  cat "$FIXED" "$@" 2>/dev/null | grep -v '^[[:space:]]*#' | grep -v '^[[:space:]]*$' | sort -u
}

# The forms a secret can take in a log: as is, JSON-escaped, form-encoded (application/x-www-form-urlencoded).
variants() {
  node -e '
    const s = process.argv[1];
    const json = JSON.stringify(s).slice(1, -1);
    const form = encodeURIComponent(s).replace(/%20/g, "+").replace(/[!'"'"'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
    for (const v of new Set([s, json, json.replace(/\//g, "\\/"), form])) console.log(v);
  ' "$1"
}

mask() { printf '%s…(%d chars)' "${1:0:2}" "${#1}"; }

# scan DIR SECRETS_FILE: prints one masked line per (secret, file) hit; sets HITS.
scan() {
  local dir=$1 list=$2 secret v file
  HITS=0
  while IFS= read -r secret; do
    if [ "${#secret}" -lt 6 ]; then echo "secret-scan: warning: a secret shorter than 6 characters is skipped ($(mask "$secret"))"; continue; fi
    while IFS= read -r v; do
      while IFS= read -r file; do
        [ -n "$file" ] || continue
        HITS=$((HITS + 1))
        echo "secret-scan: HIT $(mask "$secret") in $file ($(grep -aFc -e "$v" "$file") lines)"
      done < <(grep -raFl "${EXCLUDES[@]}" -e "$v" "$dir")
    done < <(variants "$secret")
  done < "$list"
}

# ---- self-check: a planted leak must be found, in a scratch folder (never in the real logs).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'planted-password-1\nplanted/token+2==\n' > "$tmp/list"
mkdir -p "$tmp/logs"
echo 'UContactError LOGIN_FAILED: login refused for planted-password-1' > "$tmp/logs/a.log"
echo '{"message":"bad token planted\/token+2=="}' > "$tmp/logs/b.log"
echo 'body: user=x&password=planted-password-1' > "$tmp/logs/c.log"
echo 'form: token=planted%2Ftoken%2B2%3D%3D' > "$tmp/logs/d.log"
echo 'planted-password-1' > "$tmp/logs/secrets.list"          # the list itself is not a leak
scan "$tmp/logs" "$tmp/list" > "$tmp/out"
if [ "$HITS" -ne 4 ]; then
  echo "secret-scan: self-check FAILED: planted 4 leaks (raw, JSON-escaped, form-encoded) and 1 excluded list, found $HITS:"
  sed 's/^/  /' "$tmp/out"
  echo "secret-scan: 0 passed, 1 failed"
  exit 1
fi
echo "secret-scan: self-check ok (4 planted leaks found, the secrets list itself ignored)"

# ---- the real scan.
mkdir -p "$LOGS"
read_secrets "$LOGS/secrets.list" > "$tmp/secrets"
K=$(wc -l < "$tmp/secrets")
RUNTIME=$(read_secrets "$LOGS/secrets.list" | wc -l); RUNTIME=$((RUNTIME - $(read_secrets | wc -l)))
mapfile -t FILES < <(find "$LOGS" -type f ! -name secrets.list ! -name secret-scan.log | sort)
F=${#FILES[@]}
B=0
for f in "${FILES[@]}"; do B=$((B + $(stat -c %s "$f"))); done
scan "$LOGS" "$tmp/secrets"
echo "secret-scan: $K secrets ($RUNTIME made at run time) looked for in $F files:"
for f in "${FILES[@]}"; do echo "  $f"; done
echo "figure: secrets hits=$HITS secrets=$K files=$F bytes=$B"
if [ "$F" -eq 0 ]; then
  echo "secret-scan: no log to scan in $LOGS"
  echo "secret-scan: 0 passed, 1 failed"
  exit 1
fi
if [ "$HITS" -ne 0 ]; then
  echo "secret-scan: 0 passed, 1 failed"
  exit 1
fi
echo "secret-scan: 1 passed, 0 failed"
