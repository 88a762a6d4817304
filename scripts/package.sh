#!/usr/bin/env bash
# Builds the release archive for this machine: dist/credlint-VERSION-OS-ARCH.tar.gz and its .sha256.
#
#   scripts/package.sh [--out DIR] [--version X.Y.Z]
#
# What is built is the committed HEAD, exported with `git archive` (so a stray local edit never
# ships, and .gitattributes' export-subst writes the commit into Sources/CredLintModel/BuildCommit.swift:
# `credlint --version` names it). --version, when given (the release workflow passes the tag), must
# equal the version the code carries (Sources/CredLintModel/Version.swift): one definition.
#
# Linux: the Swift runtime is linked statically (--static-swift-stdlib), and so are libxml2 and the
# libraries it needs (ICU, liblzma, zlib), through a linker script named libxml2.so that the link
# finds before the system's (see below): the binary needs only the C library family and the GCC
# runtime (libstdc++, libgcc_s), which every glibc system has (docs/installing.md lists its ldd
# output). macOS: libxml2 is part of the OS.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
out=dist
want_version=""
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --version) want_version="${2#v}"; shift 2 ;;
        *) echo "package.sh: unknown argument $1 (expected --out DIR or --version X.Y.Z)" >&2; exit 2 ;;
    esac
done

os="$(uname -s | tr '[:upper:]' '[:lower:]')"
case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "package.sh: unsupported architecture $(uname -m)" >&2; exit 2 ;;
esac
[ "$os" = linux ] || [ "$os" = darwin ] || { echo "package.sh: unsupported OS $os" >&2; exit 2; }

work=.build/package
if git rev-parse --git-dir >/dev/null 2>&1; then
    if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
        echo "package.sh: note: uncommitted changes are not in the archive (it is built from HEAD $(git rev-parse --short HEAD))" >&2
    fi
    # The source, exported: a stable folder so the scratch path's dependencies stay built between runs.
    src="$work/src"
    rm -rf "$src"
    mkdir -p "$src"
    git archive --format=tar HEAD | tar -x -C "$src"
    mtime="$(git log -1 --format=%ct HEAD)"
else
    # Not a checkout (the Docker build's context, which the release workflow makes with git archive,
    # so the commit is filled in): the tree as it is.
    src=.
    mtime="${SOURCE_DATE_EPOCH:-$(date +%s)}"
fi

flags=(-c release --product credlint --package-path "$src" --scratch-path "$root/$work/build")
if [ "$os" = linux ]; then
    flags+=(--static-swift-stdlib)
    libdir="$(pkg-config --variable=libdir libxml-2.0)"
    static="$root/$work/static-libs"
    mkdir -p "$static"
    for lib in libxml2 libicui18n libicuuc libicudata liblzma libz; do
        [ -f "$libdir/$lib.a" ] || { echo "package.sh: $libdir/$lib.a is missing (Debian: libxml2-dev, libicu-dev, liblzma-dev, zlib1g-dev)" >&2; exit 1; }
    done
    # SwiftPM asks pkg-config for libxml-2.0 and puts its -L first; a libxml-2.0.pc of our own, found
    # first through PKG_CONFIG_PATH, points -lxml2 at a linker script that names the static archives
    # (grouped, since they refer to each other).
    printf 'GROUP ( %s )\n' "$libdir/libxml2.a $libdir/libicui18n.a $libdir/libicuuc.a $libdir/libicudata.a $libdir/liblzma.a $libdir/libz.a" \
        > "$static/libxml2.so"
    printf 'Name: libXML\nDescription: libxml2, linked statically for a release\nVersion: %s\nLibs: -L%s -lxml2\nCflags: %s\n' \
        "$(pkg-config --modversion libxml-2.0)" "$static" "$(pkg-config --cflags libxml-2.0)" > "$static/libxml-2.0.pc"
    # The same for zlib (the CZlib target asks pkg-config for it): without a zlib.pc of our own its
    # flags can put the system library directory ahead of ours, and -lxml2 then finds libxml2.so.
    printf 'GROUP ( %s )\n' "$libdir/libz.a" > "$static/libz.so"
    printf 'Name: zlib\nDescription: zlib, linked statically for a release\nVersion: %s\nLibs: -L%s -lz\nCflags: %s\n' \
        "$(pkg-config --modversion zlib)" "$static" "$(pkg-config --cflags zlib)" > "$static/zlib.pc"
    export PKG_CONFIG_PATH="$static${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
fi

start=$SECONDS
swift build "${flags[@]}"
bin="$(swift build "${flags[@]}" --show-bin-path)/credlint"
echo "package.sh: release build took $((SECONDS - start)) s" >&2

version="$("$bin" --version | awk 'NR == 1 { print $1 }')"
[ -z "$want_version" ] || [ "$want_version" = "$version" ] || {
    echo "package.sh: asked for version $want_version, but the code says $version (Sources/CredLintModel/Version.swift)" >&2
    exit 1
}

name="credlint-$version-$os-$arch"
stage="$work/stage/$name"
rm -rf "$work/stage"
mkdir -p "$stage/completions" "$stage/man/man1" "$out"
cp "$bin" "$stage/credlint"
[ "$os" != linux ] || strip "$stage/credlint"
cp "$src/docs/credlint.1" "$stage/man/man1/credlint.1"
cp "$src/LICENSE" "$src/README.md" "$src/CHANGELOG.md" "$stage/"
if [ "$os" = linux ]; then
    # Linked in, so their notices ship with it (Debian's and Ubuntu's copyright files name each
    # licence; the package names carry the library's ABI version, hence the patterns).
    mkdir -p "$stage/licenses"
    for pkg in 'libxml2' 'libicu[0-9]*' 'liblzma[0-9]*' 'zlib1g'; do
        found=""
        for f in /usr/share/doc/$pkg/copyright; do
            [ -f "$f" ] || continue
            found="$f"
            cp "$f" "$stage/licenses/$(basename "$(dirname "$f")").txt"
            break
        done
        [ -n "$found" ] || { echo "package.sh: no copyright file for $pkg under /usr/share/doc: its notice must ship" >&2; exit 1; }
    done
fi
"$bin" --generate-completion-script bash > "$stage/completions/credlint.bash"
"$bin" --generate-completion-script zsh > "$stage/completions/_credlint"
"$bin" --generate-completion-script fish > "$stage/completions/credlint.fish"

# Reproducible with GNU tar (gtar on macOS, where the runner has it): sorted names, fixed owner and
# the commit's time on every entry. A BSD tar makes a plain archive.
tar=tar
! command -v gtar >/dev/null || tar=gtar
archive="$out/$name.tar.gz"
if "$tar" --version 2>/dev/null | grep -q "GNU tar"; then
    "$tar" -C "$work/stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" -cf - "$name" | gzip -n -9 > "$archive"
else
    "$tar" -C "$work/stage" -cf - "$name" | gzip -n -9 > "$archive"
fi
if command -v sha256sum >/dev/null; then sum=(sha256sum); else sum=(shasum -a 256); fi
(cd "$out" && "${sum[@]}" "$name.tar.gz" > "$name.tar.gz.sha256")
echo "package.sh: $archive ($(wc -c < "$archive") bytes), $archive.sha256"
