#!/usr/bin/env bash
# Runs the credlint Action and the example workflow's gate offline with scripts/run-action.py (GitHub's
# shell flags, outputs, if: rules), on a healthy, a risky and a broken input, and checks every output.
#
#   scripts/test-action.sh CREDLINT_BINARY [DIST_DIR]
#
# With DIST_DIR (scripts/package.sh's output), the release install is tested too: the archive is
# served from a file:// "releases" folder with a SHA256SUMS, installed into a tool cache, found
# there the second time, and refused when its checksum does not match.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
dist="${2:-}"
python="${PYTHON:-python3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
asof="args=--as-of 2026-11-28T12:00:00Z"

# A workspace per case: the repository's samples and .github, and a broken input.
workspace() {
    local ws="$tmp/$1"
    mkdir -p "$ws/broken"
    ln -s "$root/samples" "$ws/samples"
    ln -s "$root/.github" "$ws/.github"
    printf '{"UserDetailList": [\n' > "$ws/broken/account-authorization-details.json"
    echo "$ws"
}
run() {  # run NAME run-action.py-arguments...: prints the result file
    local name="$1"; shift
    if ! "$python" scripts/run-action.py "$@" > "$tmp/$name.json" 2> "$tmp/$name.log"; then
        cat "$tmp/$name.log" >&2
        echo "test-action: case '$name' did not give what was expected" >&2
        exit 1
    fi
    echo "$tmp/$name.json"
}
sarif_ok() {
    [ -s "$1" ] || { echo "test-action: $1 is missing or empty" >&2; exit 1; }
    if [ -f ../shared/tools/sarif_check.py ]; then python3 ../shared/tools/sarif_check.py "$1" > /dev/null; fi
}
action=.github/actions/credlint
"$python" scripts/run-action.py --self-test

ws="$(workspace healthy)"
run healthy action "$action" --workspace "$ws" --with paths=samples/healthy --with "credlint=$bin" --with "$asof" \
    --expect conclusion=success --expect outputs.exit-code=0 --expect outputs.sarif=credlint.sarif \
    --expect "outputs.credlint=$bin" --expect steps.lint.conclusion=success > /dev/null
sarif_ok "$ws/credlint.sarif"
echo "   healthy: exit-code 0, SARIF written, step succeeded"

ws="$(workspace risky)"
r="$(run risky action "$action" --workspace "$ws" --with paths=samples/risky --with "credlint=$bin" --with "$asof" \
    --expect conclusion=success --expect outputs.exit-code=1 --expect outputs.sarif=credlint.sarif)"
sarif_ok "$ws/credlint.sarif"
grep -q '"summary": ".*credlint' "$r" || { echo "test-action: no job summary on the risky sample" >&2; exit 1; }
echo "   risky: exit-code 1, SARIF written, step succeeded (the caller gates), job summary written"

ws="$(workspace risky-fail)"
run risky-fail action "$action" --workspace "$ws" --with paths=samples/risky --with "credlint=$bin" --with "$asof" \
    --with fail-step-on-findings=true \
    --expect conclusion=failure --expect outputs.exit-code=1 --expect outputs.sarif=credlint.sarif > /dev/null
sarif_ok "$ws/credlint.sarif"
echo "   risky, fail-step-on-findings: exit-code 1, SARIF written, step failed"

ws="$(workspace broken)"
touch "$ws/credlint.sarif"  # a stale report from an earlier run must not survive
r="$(run broken action "$action" --workspace "$ws" --with paths=broken --with "credlint=$bin" --with "$asof" \
    --expect conclusion=failure --expect outputs.exit-code=2 --expect outputs.sarif=)"
[ ! -e "$ws/credlint.sarif" ] || { echo "test-action: a SARIF file exists after exit 2" >&2; exit 1; }
grep -q '"message": "credlint exited 2' "$r" || { echo "test-action: exit 2 was not annotated as an error" >&2; exit 1; }
echo "   broken: exit-code 2, no SARIF, error annotated, step failed"

ws="$(workspace no-binary)"
run no-binary action "$action" --workspace "$ws" --with paths=samples/healthy --with "credlint=$ws/no-such-credlint" \
    --expect conclusion=failure --expect steps.plan.conclusion=failure --expect outputs.exit-code=2 --expect outputs.sarif= > /dev/null
run bad-version action "$action" --workspace "$ws" --with paths=samples/healthy --with version=latest \
    --expect conclusion=failure --expect steps.plan.conclusion=failure --expect outputs.exit-code=2 > /dev/null
echo "   no usable binary, or a version that is not one: exit-code 2 (not empty), step failed"

# The example workflow, as written except for where credlint comes from (and the paths).
wf=.github/workflows/credlint-example.yml
ws="$(workspace wf-healthy)"
run wf-healthy workflow "$wf" --job credlint --workspace "$ws" --with "credlint.credlint=$bin" --with credlint.paths=samples/healthy \
    --expect conclusion=success --expect steps.credlint.outputs.exit-code=0 \
    --expect "steps.Upload SARIF.conclusion=success" > /dev/null
ws="$(workspace wf-risky)"
r="$(run wf-risky workflow "$wf" --job credlint --workspace "$ws" --with "credlint.credlint=$bin" \
    --expect conclusion=failure --expect steps.credlint.conclusion=success --expect steps.credlint.outputs.exit-code=1 \
    --expect "steps.Upload SARIF.conclusion=success" --expect "steps.Gate on credlint's exit code.conclusion=failure")"
grep -q "credlint exited 1" "$tmp/wf-risky.log" || { echo "test-action: the gate did not say why (exit 1)" >&2; exit 1; }
ws="$(workspace wf-broken)"
run wf-broken workflow "$wf" --job credlint --workspace "$ws" --with "credlint.credlint=$bin" --with credlint.paths=broken \
    --expect conclusion=failure --expect steps.credlint.conclusion=failure --expect steps.credlint.outputs.exit-code=2 \
    --expect "steps.Upload SARIF.conclusion=skipped" --expect "steps.Gate on credlint's exit code.conclusion=failure" > /dev/null
grep -q "credlint exited 2" "$tmp/wf-broken.log" || { echo "test-action: the gate did not say why (exit 2)" >&2; exit 1; }
echo "   example workflow: healthy passes the gate; risky uploads SARIF and fails the gate; broken skips the upload and fails the gate"

[ -n "$dist" ] || exit 0
# The release install: GITHUB_SERVER_URL points at a folder laid out like a repository's releases.
archives=("$dist"/credlint-*.tar.gz)
archive="$(basename "${archives[0]}")"
version="${archive#credlint-}"; version="${version%%-*}"
rel="$tmp/server/credlint/credlint/releases/download/v$version"
mkdir -p "$rel"
cp "$dist/$archive" "$rel/"
(cd "$rel" && sha256sum "$archive" > SHA256SUMS)
export GITHUB_SERVER_URL="file://$tmp/server" RUNNER_TOOL_CACHE="$tmp/tool-cache"
ws="$(workspace release)"
run release action "$action" --workspace "$ws" --with paths=samples/risky --with "version=v$version" --with "$asof" \
    --expect conclusion=success --expect outputs.exit-code=1 --expect steps.plan.outputs.mode=release \
    --expect steps.release.conclusion=success > /dev/null
grep -q "SHA-256 .* checked" "$tmp/release.log" || { echo "test-action: the release was not checked" >&2; exit 1; }
run release-cached action "$action" --workspace "$ws" --with paths=samples/healthy --with "version=$version" --with "$asof" \
    --expect conclusion=success --expect outputs.exit-code=0 > /dev/null
grep -q "from the tool cache" "$tmp/release-cached.log" || { echo "test-action: the tool cache was not used" >&2; exit 1; }
rm -rf "$RUNNER_TOOL_CACHE"
printf '%064d  %s\n' 0 "$archive" > "$rel/SHA256SUMS"
run release-tampered action "$action" --workspace "$ws" --with paths=samples/healthy --with "version=$version" --with "$asof" \
    --expect conclusion=failure --expect steps.release.conclusion=failure --expect outputs.exit-code=2 --expect outputs.sarif= > /dev/null
[ ! -e "$RUNNER_TOOL_CACHE/credlint/$version" ] || [ ! -e "$RUNNER_TOOL_CACHE/credlint/$version/linux-x86_64.complete" ] \
    || { echo "test-action: an archive with a wrong checksum was cached" >&2; exit 1; }
echo "   release $version: downloaded, SHA-256 checked, cached, reused; a wrong checksum is refused (exit-code 2, step failed)"
