#!/usr/bin/env bash
# Regenerates docs/credlint.1 from the command's own help, with swift-argument-parser's
# generate-manual plugin (works offline). `--check` only compares and fails when it is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
# Fixed so the page only changes when the help does; bump it with the version.
MAN_DATE=2026-11-29
log="$(mktemp)"
swift package plugin generate-manual --configuration debug --date "$MAN_DATE" --authors "the credlint authors" >"$log" 2>&1 \
    || { cat "$log" >&2; rm -f "$log"; exit 1; }
rm -f "$log"
generated=.build/plugins/GenerateManual/outputs/credlint/credlint.1
[ -s "$generated" ] || { echo "gen-manpage: the plugin wrote no $generated" >&2; exit 1; }
# One touch on the plugin's output: blank lines become .Pp (mdoc warns on empty lines).
# `credlint-dev generate` runs this script: it is the man page's one definition.
page="$(mktemp)"
trap 'rm -f "$page"' EXIT
awk '$0 == "" { print ".Pp"; next } { print }' "$generated" >"$page"
generated="$page"
if [ "${1:-}" = --check ]; then
    if ! cmp -s "$generated" docs/credlint.1; then
        diff -u docs/credlint.1 "$generated" | head -40 >&2 || true
        echo "gen-manpage: docs/credlint.1 is stale; run scripts/gen-manpage.sh and commit it" >&2
        exit 1
    fi
    echo "gen-manpage: docs/credlint.1 is current"
else
    cp "$generated" docs/credlint.1
    echo "gen-manpage: wrote docs/credlint.1"
fi
