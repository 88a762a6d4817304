#!/usr/bin/env bash
# Checks a release archive from scripts/package.sh the way a user without Swift would meet it:
# its checksum, its contents, `credlint lint samples/` (exit 1, valid SARIF) in an environment with
# only /usr/bin:/bin on PATH and no LD_LIBRARY_PATH, and (Linux) that ldd lists no Swift runtime,
# Foundation, libxml2 or ICU library.
#
#   scripts/test-package.sh DIST_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
dist="$(cd "$1" && pwd)"
archives=("$dist"/credlint-*.tar.gz)
[ "${#archives[@]}" = 1 ] && [ -f "${archives[0]}" ] || { echo "test-package: expected one archive in $dist, found: ${archives[*]}" >&2; exit 1; }
archive="$(basename "${archives[0]}")"
if command -v sha256sum >/dev/null; then sum=(sha256sum); else sum=(shasum -a 256); fi
(cd "$dist" && "${sum[@]}" --check --quiet "$archive.sha256")
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$dist/$archive" -C "$tmp"
dir="$tmp/${archive%.tar.gz}"
for f in credlint LICENSE README.md CHANGELOG.md man/man1/credlint.1 completions/credlint.bash completions/_credlint completions/credlint.fish; do
    [ -s "$dir/$f" ] || { echo "test-package: $f is missing from $archive" >&2; exit 1; }
done
if [ "$(uname -s)" = Linux ]; then
    n="$(find "$dir/licenses" -name '*.txt' | wc -l)"
    [ "$n" -ge 4 ] || { echo "test-package: the notices of the libraries linked in (licenses/) are missing" >&2; exit 1; }
fi
echo "   $archive: $(wc -c < "$dist/$archive") bytes, checksum matches, contents complete"

version="$(env -i PATH=/usr/bin:/bin "$dir/credlint" --version)"
echo "   credlint --version: $version"
echo "$version" | grep -Eq "^[0-9]+\.[0-9]+\.[0-9]+ \(commit [0-9a-f]{40}\)$" \
    || { echo "test-package: --version does not name a commit" >&2; exit 1; }

cp -R samples "$tmp/samples"
set +e
(cd "$tmp" && env -i PATH=/usr/bin:/bin HOME="$tmp" "$dir/credlint" lint samples/ --as-of 2026-11-28T12:00:00Z --output sarif=release.sarif > release.txt 2>&1)
rc=$?
set -e
[ "$rc" = 1 ] || { echo "test-package: expected exit 1 on samples/, got $rc" >&2; cat "$tmp/release.txt" >&2; exit 1; }
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["runs"] and d["runs"][0]["results"], "no results"' "$tmp/release.sarif"
if [ -f ../shared/tools/sarif_check.py ]; then
    python3 ../shared/tools/sarif_check.py "$tmp/release.sarif"
fi
echo "   credlint lint samples/ without a toolchain: exit 1, SARIF valid"

if [ "$(uname -s)" = Linux ]; then
    ldd "$dir/credlint" | tee "$tmp/ldd.txt" | sed 's/^/   ldd: /'
    if grep -Eiq "libswift|Foundation|libxml2|libicu|not found" "$tmp/ldd.txt"; then
        echo "test-package: the binary needs a library a plain Linux machine does not have (above)" >&2
        exit 1
    fi
    # Only the C library family and the GCC runtime (on every glibc system) may be left.
    if grep -Ev "linux-vdso|ld-linux|lib(c|m|pthread|dl|rt|util|resolv)\.so|libstdc\+\+\.so|libgcc_s\.so" "$tmp/ldd.txt"; then
        echo "test-package: the binary needs a library beyond the C library family (above)" >&2
        exit 1
    fi
fi
echo "   release archive OK"
