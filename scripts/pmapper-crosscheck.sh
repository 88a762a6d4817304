#!/usr/bin/env bash
# Cross-check credlint's admin analysis against PMapper (principalmapper), an independent tool
# (docs/admin-analysis.md, "Cross-check with PMapper").
#
#   scripts/pmapper-crosscheck.sh [--credlint BINARY] [FOLDER...]
#   scripts/pmapper-crosscheck.sh --install-only
#
# FOLDER: an account folder with GetAccountAuthorizationDetails (XML pages or awscli JSON).
# Default: samples/healthy, samples/risky, samples/risky-json, scripts/pmapper-probe and every
# folder under Tests/ that holds authorization details.
# Each account is recreated in moto's in-process IAM mock; PMapper builds its graph from it;
# `credlint inspect` reads the same folder; a sorted table compares the verdicts.
#
# A report, not a gate: exit 0 after printing, whatever PMapper and credlint say.
# Exit 3: the tooling failed (credlint inspect, moto or PMapper); 4: the venv could not be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "pmapper-crosscheck: $*" >&2; }

venv=.build/pmapper-venv
# Pinned: principalmapper 1.1.5 is the last release (2021); these moto/boto versions work with it.
pins=(principalmapper==1.1.5 moto==5.2.5 boto3==1.44.8 botocore==1.44.8 openapi-spec-validator==0.9.0 docker==7.2.0 PyYAML==6.0.4)

install() {
    local stamp="$venv/.pins"
    if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "${pins[*]}" ]; then
        return 0
    fi
    say "installing ${pins[*]} into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv" || return 1
    timeout 600 "$venv/bin/pip" install -q --disable-pip-version-check "${pins[@]}" || return 1
    echo "${pins[*]}" >"$stamp"
}

if [ "${1:-}" = "--install-only" ]; then
    install || { say "could not install the venv"; exit 4; }
    exit 0
fi

bin="${CREDLINT:-}"
if [ "${1:-}" = "--credlint" ]; then
    bin="${2:?--credlint needs a path}"
    shift 2
fi
if [ -z "$bin" ]; then
    swift build -q --product credlint || { say "could not build credlint"; exit 3; }
    bin="$(swift build --show-bin-path)/credlint"
fi
[ -x "$bin" ] || { say "credlint binary '$bin' not found"; exit 3; }

folders=("$@")
if [ "${#folders[@]}" = 0 ]; then
    folders=(samples/healthy samples/risky samples/risky-json scripts/pmapper-probe)
    if [ -d Tests ]; then
        while IFS= read -r d; do folders+=("$d"); done < <(
            find Tests -type f \( -name 'GetAccountAuthorizationDetails*.xml' -o -name '*authorization-details*.json' \) \
                -exec dirname {} \; | LC_ALL=C sort -u)
    fi
fi

install || { say "could not install the venv"; exit 4; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pmapper-crosscheck.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
pairs=()
i=0
for d in "${folders[@]}"; do
    i=$((i + 1))
    # --as-of pins the clock: inspect's admin verdicts do not depend on it, but its output does.
    if ! "$bin" inspect "$d" --as-of 2026-11-28T12:00:00Z >"$tmp/$i.json" 2>"$tmp/$i.err"; then
        say "credlint inspect $d failed:"
        cat "$tmp/$i.err" >&2
        exit 3
    fi
    pairs+=("$d=$tmp/$i.json")
done

start=$SECONDS
"$venv/bin/python" scripts/pmapper_crosscheck.py "${pairs[@]}" || exit 3
say "done in $((SECONDS - start)) s (moto and PMapper, ${#folders[@]} accounts)"
