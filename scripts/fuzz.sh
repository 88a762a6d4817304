#!/usr/bin/env bash
# Builds and runs credlint's libFuzzer targets (docs/reliability.md).
#
#   scripts/fuzz.sh TARGET [SECONDS|-runs=N] [libFuzzer flags...]
#       Fuzz one target (FuzzCSV FuzzXML FuzzJSON FuzzPolicy FuzzRules) for
#       SECONDS (default 60) or N executions. New inputs go to
#       .build-fuzz/corpus/TARGET; the committed seeds in Fuzz/corpus/TARGET are
#       only read. Crashes land in .build-fuzz/artifacts/.
#   scripts/fuzz.sh smoke [SECONDS]
#       Every target for SECONDS each (default 10): about a minute plus the build.
#       Exits non-zero on any crash, leak, timeout or out-of-memory (.ci/run uses it).
#   scripts/fuzz.sh build [TARGET...]
#       Only build.
#
# Needs only the Swift toolchain: its clang runtime ships libclang_rt.fuzzer,
# so no libclang-rt package is installed. Runs under `nice -n 10` (FUZZ_NICE to change).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=(FuzzCSV FuzzXML FuzzJSON FuzzPolicy FuzzRules)
SCRATCH=.build-fuzz
NICE=${FUZZ_NICE:-10}
# ASan's default 256 MB quarantine alone would trip -rss_limit_mb=256; keep it small.
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=16:malloc_context_size=20:detect_leaks=1}"
# Let a Swift runtime trap reach libFuzzer directly: the Swift backtracer reads
# its own memory in a way ASan reports as a second, unrelated crash.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
# One-time Swift global initialisers are not per-input leaks (see the file).
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0}"

die() { echo "fuzz.sh: $*" >&2; exit 2; }

is_target() { local t; for t in "${TARGETS[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

# Per-target input size cap: large enough for a real sample, small enough to stay fast.
max_len() {
    case "$1" in
        FuzzXML|FuzzJSON) echo 65536 ;;
        FuzzPolicy) echo 16384 ;;
        *) echo 16384 ;;
    esac
}

# Whole-process RSS limit. FuzzRules keeps thousands of corpus inputs, each with libFuzzer's
# feature data and ASan's cached chunks, and its RSS climbs slowly over a long run (150 MB at
# start, 256 MB after 5.3 million executions in session 7, an input that replays in 88 MB), so it
# gets more room; -malloc_limit_mb keeps the per-input limit on any one allocation at 256 MB.
rss_limit() {
    case "$1" in
        FuzzRules) echo 512 ;;
        *) echo 256 ;;
    esac
}

dict() {
    case "$1" in
        FuzzXML) echo Fuzz/xml.dict ;;
        FuzzJSON|FuzzPolicy) echo Fuzz/json.dict ;;
        FuzzRules) echo Fuzz/rules.dict ;;
        *) echo "" ;;
    esac
}

# `--sanitize=fuzzer` gives coverage instrumentation and libFuzzer's main;
# `-Xswiftc -sanitize=fuzzer,address` adds ASan. Writing `--sanitize=fuzzer
# --sanitize=address` instead builds, but silently loses the coverage.
build() {
    local t
    for t in "$@"; do
        echo "== building $t (release, fuzzer + address sanitizers)"
        mkdir -p "$SCRATCH"
        if ! nice -n "$NICE" swift build -c release --package-path Tools --scratch-path "$SCRATCH" --product "$t" \
            --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address >"$SCRATCH/build-$t.log" 2>&1; then
            grep -v "Cannot export local symbol" "$SCRATCH/build-$t.log" | tail -40
            die "build of $t failed"
        fi
    done
}

# run TARGET [SECONDS|-runs=N] [flags...]
run() {
    local t=$1; shift
    local budget=(-max_total_time=60)
    if [ $# -gt 0 ]; then
        case "$1" in
            -runs=*) budget=("$1"); shift ;;
            ''|*[!0-9]*) ;;
            *) budget=(-max_total_time="$1"); shift ;;
        esac
    fi
    local work="$SCRATCH/corpus/$t" artifacts="$SCRATCH/artifacts"
    mkdir -p "$work" "$artifacts"
    local args=("${budget[@]}" -max_len="$(max_len "$t")" -timeout=5 -rss_limit_mb="$(rss_limit "$t")" -malloc_limit_mb=256 -print_final_stats=1
                -artifact_prefix="$artifacts/$t-")
    local d; d=$(dict "$t")
    [ -n "$d" ] && args+=(-dict="$d")
    echo "== $t ${args[*]} $* $work Fuzz/corpus/$t"
    nice -n "$NICE" "$SCRATCH/release/$t" "${args[@]}" "$@" "$work" "Fuzz/corpus/$t"
}

[ $# -ge 1 ] || die "usage: scripts/fuzz.sh TARGET [SECONDS|-runs=N] [flags...] | smoke [SECONDS] | build [TARGET...]"
case "$1" in
    build)
        shift
        if [ $# -eq 0 ]; then build "${TARGETS[@]}"; else build "$@"; fi
        ;;
    smoke)
        seconds=${2:-10}
        build "${TARGETS[@]}"
        failed=()
        for t in "${TARGETS[@]}"; do
            log="$SCRATCH/smoke-$t.log"
            if run "$t" "$seconds" >"$log" 2>&1; then
                grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units" "$log" | tr '\n' ' '; echo
            else
                echo "!! $t failed; last lines of $log:"
                tail -40 "$log"
                failed+=("$t")
            fi
        done
        if [ ${#failed[@]} -gt 0 ]; then
            echo "fuzz smoke: FAILED: ${failed[*]} (inputs in $SCRATCH/artifacts/)"
            exit 1
        fi
        echo "fuzz smoke: OK (${#TARGETS[@]} targets, ${seconds}s each)"
        ;;
    *)
        is_target "$1" || die "unknown target '$1'; expected one of ${TARGETS[*]}, smoke or build"
        build "$1"
        run "$@"
        ;;
esac
