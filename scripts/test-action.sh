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

# upload: true with a SARIF directory: 25 accounts make two files, each its own upload to a local
# stand-in for the code-scanning REST API, which records them; each must decode (base64, gzip) to
# valid SARIF, and together hold every account's category once.
ws="$(workspace upload)"
header="user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
for i in $(seq 10 34); do
    a="1000000000$i"
    mkdir -p "$ws/org/$a"
    printf '%s\n%s\n' "$header" "<root_account>,arn:aws:iam::$a:root,2020-01-01T00:00:00+00:00,not_supported,2025-06-01T00:00:00+00:00,not_supported,not_supported,false,true,2020-01-01T00:00:00+00:00,2026-11-01T00:00:00+00:00,us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A" \
        > "$ws/org/$a/credential-report.csv"
done
uploads="$tmp/uploads"
mkdir -p "$uploads"
"$python" - "$uploads" > "$tmp/api-port" <<'PY' &
import http.server, json, sys
class H(http.server.BaseHTTPRequestHandler):
    n = 0
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        ok = self.path == "/repos/o/r/code-scanning/sarifs" and self.headers.get("Authorization") == "Bearer t0ken"
        if ok:
            H.n += 1
            open(f"{sys.argv[1]}/upload-{H.n}.json", "wb").write(body)
        self.send_response(202 if ok else 403)
        self.end_headers()
        self.wfile.write(json.dumps({"id": f"sarif-{H.n}"} if ok else {"message": "Resource not accessible"}).encode())
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [ -s "$tmp/api-port" ] && break; sleep 0.1; done
GITHUB_API_URL="http://127.0.0.1:$(cat "$tmp/api-port")" GITHUB_REPOSITORY=o/r GITHUB_SHA=0123456789abcdef0123456789abcdef01234567 \
    GITHUB_REF=refs/heads/main run upload action "$action" --workspace "$ws" --with paths=org --with "credlint=$bin" --with "$asof" \
    --with sarif=sarif/ --with upload=true --with token=t0ken \
    --expect conclusion=success --expect outputs.exit-code=1 --expect outputs.sarif=sarif/ > /dev/null
"$python" - "$uploads" <<'PY'
import base64, glob, gzip, json, sys
cats = []
files = sorted(glob.glob(sys.argv[1] + "/upload-*.json"))
assert len(files) == 2, f"expected 2 uploads, got {len(files)}"
for f in files:
    body = json.load(open(f))
    assert body["ref"] == "refs/heads/main" and body["commit_sha"].startswith("0123"), body.keys()
    log = json.loads(gzip.decompress(base64.b64decode(body["sarif"])))
    assert 1 <= len(log["runs"]) <= 20
    open(f + ".sarif", "w").write(json.dumps(log))
    cats += [r["automationDetails"]["id"] for r in log["runs"]]
want = [f"credlint/1000000000{i}/" for i in range(10, 35)]
assert cats == want, cats
PY
if [ -f ../shared/tools/sarif_check.py ]; then python3 ../shared/tools/sarif_check.py "$uploads"/*.sarif > /dev/null; fi
rm -f "$uploads"/*
GITHUB_API_URL="http://127.0.0.1:$(cat "$tmp/api-port")" GITHUB_REPOSITORY=o/r GITHUB_SHA=0123456789abcdef0123456789abcdef01234567 \
    GITHUB_REF=refs/heads/main run upload-denied action "$action" --workspace "$ws" --with paths=org --with "credlint=$bin" --with "$asof" \
    --with sarif=sarif/ --with upload=true --with token=wrong \
    --expect conclusion=failure --expect outputs.exit-code=1 > /dev/null
grep -q "failed (HTTP 403)" "$tmp/upload-denied.log" || { echo "test-action: a refused upload was not reported" >&2; exit 1; }
echo "   upload: 25 accounts, 2 uploads of valid SARIF, every category once; a refused upload fails the step"

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
