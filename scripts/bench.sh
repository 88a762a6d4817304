#!/usr/bin/env bash
# credlint benchmarks (docs/performance.md). Not a test: it prints figures.
#
#   scripts/bench.sh quick    small sizes, about a minute (CI smoke: the pipeline runs and stays sane)
#   scripts/bench.sh full     the sizes docs/performance.md reports (1M-user report, 1,000 accounts)
#   scripts/bench.sh smoke    tiny sizes, seconds (.ci/run: the script works, outputs agree); figures mean nothing
#   scripts/bench.sh targets        issue 16's targets side by side: credlint against DuckDB (same 15 rules as SQL)
#                                   and a C floor, with (d) on 100 accounts (scripts/bench/targets.sh)
#   scripts/bench.sh targets-full   the same with (d) on 1,000 accounts
#   scripts/bench.sh targets-smoke  tiny sizes, seconds (.ci/run: DuckDB's findings must equal credlint's)
#
# Environment:
#   BENCH_DIR=/tmp/credlint-bench   generated data and outputs (reused between runs; about 5 GB for full)
#   BENCH_BIN=DIR                   use these credlint and credlint-bench binaries (default: build -c release)
#   BENCH_RUNS=3                    repetitions for (a), (b), (e-credlint), (f)
#   BENCH_PYTHON=0                  skip the Python baseline (e), which takes ~30 s at full size
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-quick}"
case "$mode" in
    quick) report_users=50000; account_users=5000; org_accounts=20; org_users=5000; ;;
    full) report_users=1000000; account_users=5000; org_accounts=1000; org_users=5000; ;;
    smoke) report_users=2000; account_users=300; org_accounts=3; org_users=300; ;;
    targets) target_size=standard ;;
    targets-full) target_size=full ;;
    targets-smoke) target_size=smoke ;;
    *) echo "usage: $0 [quick|full|smoke|targets|targets-full|targets-smoke]" >&2; exit 2 ;;
esac
dir="${BENCH_DIR:-/tmp/credlint-bench}"
runs="${BENCH_RUNS:-3}"
as_of="2026-01-01"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"  # absolute: the 20-account folder is made of symlinks into it

# credlint comes from the product package, credlint-bench from Tools/ (its own package, issue #16).
if [ -n "${BENCH_BIN:-}" ]; then
    bin="$BENCH_BIN"
    tools_bin="${BENCH_TOOLS_BIN:?set BENCH_TOOLS_BIN too: the directory holding credlint-bench (swift build --package-path Tools)}"
else
    # The build README recommends: Swift runtime and Foundation linked in, which halves start-up
    # (about 15 ms -> 8 ms here). Scratch paths of their own, so other builds are not redone.
    static=(-c release --static-swift-stdlib --scratch-path .build/bench)
    swift build "${static[@]}" -q --product credlint
    bin="$(swift build "${static[@]}" --show-bin-path)"
    tools=(-c release --package-path Tools --scratch-path .build/bench-tools)
    swift build "${tools[@]}" -q --product credlint-bench
    tools_bin="$(swift build "${tools[@]}" --show-bin-path)"
fi
credlint="$bin/credlint"
bench="$tools_bin/credlint-bench"
if [ -n "${target_size:-}" ]; then exec bash scripts/bench/targets.sh "$target_size" "$credlint" "$bench" "$dir"; fi

# ---- data (deterministic: seed 1; regenerated only when missing)
report="$dir/report-$report_users.csv"
[ -f "$report" ] || "$bench" generate-report --users "$report_users" --mix typical --out "$report" >/dev/null
small_users=$([ "$mode" = smoke ] && echo 500 || echo 50000)
report50k="$dir/report-$small_users.csv"
[ -f "$report50k" ] || "$bench" generate-report --users "$small_users" --mix typical --out "$report50k" >/dev/null
account_dir="$dir/account-$account_users"
[ -d "$account_dir" ] || "$bench" generate-org --accounts 1 --users "$account_users" --seed 7 --out "$account_dir" >/dev/null
org_dir="$dir/org-$org_accounts-$org_users"
[ -d "$org_dir" ] || "$bench" generate-org --accounts "$org_accounts" --users "$org_users" --out "$org_dir" >/dev/null

bytes_of() { du -sb "$1" | cut -f1; }
# "min-max" of a column of numbers
range() { sort -g | awk 'NR==1{lo=$1} {hi=$1} END{printf "%s-%s", lo, hi}'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN{printf "%.0f", b/1e6/s}'; }

# Runs a command under /usr/bin/time; prints "wall_s peak_rss_kb cpu_s" (cpu = user + sys);
# fails unless the exit code is 0 or 1 (findings).
timed() {
    local t; t="$(mktemp)"
    set +e
    /usr/bin/time -f "%e %M %U %S" -o "$t" "$@" >/dev/null 2>"$t.err"
    local rc=$?
    set -e
    if [ "$rc" -gt 1 ]; then echo "command failed ($rc): $*" >&2; cat "$t.err" >&2; exit 1; fi
    tail -1 "$t" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'; rm -f "$t" "$t.err"
}

echo "credlint benchmarks, $mode: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binaries: $bin"
echo

# ---- (a) CSV reader alone
echo "(a) CSVReader alone, $report ($(bytes_of "$report") bytes)"
for _ in $(seq "$runs"); do "$bench" csv "$report"; done | sed 's/^/    /'
echo

# ---- (b) one large report, whole catalogue, JSON out, process start to exit
size=$(bytes_of "$report")
rows=$((report_users + 1))
# The generated reports go past IAM's 5,000 users; --max-input-size raises the row cap with
# the file-size cap (rows = 20,004 x MiB/256, docs/reliability.md): the size that fits them.
max_input_size() { local m=$(( ($1 * 256 + 20003) / 20004 )); echo $(( m < 256 ? 256 : m )); }
echo "(b) credlint lint $(basename "$report") --output json=FILE, stdout to /dev/null ($size bytes, $rows rows)"
walls=(); rss=(); cpus=()
for _ in $(seq "$runs"); do
    read -r w m c < <(timed "$credlint" lint "$report" --as-of "$as_of" --max-input-size "$(max_input_size "$rows")" --output json="$dir/b.json")
    walls+=("$w"); rss+=("$m"); cpus+=("$c")
done
wr=$(printf '%s\n' "${walls[@]}" | range)
best=$(printf '%s\n' "${walls[@]}" | sort -g | head -1)
findings=$(grep -m1 '"findings": [0-9]' "$dir/b.json" | tr -dc 0-9 || true)
echo "    wall ${wr} s = $(mbps "$size" "$(printf '%s\n' "${walls[@]}" | sort -g | tail -1)")-$(mbps "$size" "$best") MB/s, cpu $(printf '%s\n' "${cpus[@]}" | range) s, peak RSS $(printf '%s\n' "${rss[@]}" | range) KB, findings ${findings:-?}"
read -r w m c < <(timed "$credlint" lint "$report50k" --as-of "$as_of" --max-input-size "$(max_input_size $((small_users + 1)))" --output json="$dir/b50k.json")
echo "    same at $small_users users: wall $w s, cpu $c s, peak RSS $m KB"
echo

# ---- (c) one realistic account, SARIF out, process start to exit
echo "(c) credlint lint one account ($account_users users + GAAD + MFA lists) --output sarif=FILE ($(bytes_of "$account_dir") bytes)"
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs 30 -i --export-json "$dir/c.json" \
        "$credlint lint $account_dir --as-of $as_of --output sarif=$dir/c.sarif" 2>/dev/null \
        | grep -E "Time|Range" | sed 's/^ */    /'
else
    ms=()
    for _ in $(seq 20); do
        s=$(date +%s%N); "$credlint" lint "$account_dir" --as-of "$as_of" --output sarif="$dir/c.sarif" >/dev/null || true
        ms+=($(( ($(date +%s%N) - s) / 1000000 )))
    done
    echo "    wall $(printf '%s\n' "${ms[@]}" | range) ms over 20 runs"
fi
read -r w m c < <(timed "$credlint" lint "$account_dir" --as-of "$as_of" --output sarif="$dir/c.sarif")
echo "    one more run: wall $w s, cpu $c s, peak RSS $m KB"
echo

# ---- (d) many accounts, all cores
size=$(bytes_of "$org_dir")
rows=$((org_accounts * (org_users + 1)))
echo "(d) credlint lint of $org_accounts accounts x $org_users users ($size bytes, $rows report rows), --output sarif=FILE"
read -r w m c < <(timed "$credlint" lint "$org_dir" --as-of "$as_of" --output sarif="$dir/d.sarif")
echo "    wall $w s = $(mbps "$size" "$w") MB/s, $(awk -v r="$rows" -v s="$w" 'BEGIN{printf "%.2f", r/s/1e6}') M rows/s, cpu $c s, peak RSS $m KB"
# --jobs 1 against 2 on the first 20 accounts: the same bytes, and how it scales.
sub="$org_dir-first-20"
# Hard-linked copies, not symbolic links: a directory walk does not follow a link out of its tree.
rm -rf "$sub"
mkdir -p "$sub"
for a in $(find "$org_dir" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | head -20); do cp -al "$org_dir/$a" "$sub/$a"; done
read -r w1 _ c1 < <(timed "$credlint" lint "$sub" --as-of "$as_of" --jobs 1 --output json="$dir/d1.json" --output sarif="$dir/d1.sarif")
read -r w2 _ c2 < <(timed "$credlint" lint "$sub" --as-of "$as_of" --jobs 2 --output json="$dir/d2.json" --output sarif="$dir/d2.sarif")
same=$(cmp -s "$dir/d1.json" "$dir/d2.json" && cmp -s "$dir/d1.sarif" "$dir/d2.sarif" && echo "byte-identical" || echo "DIFFERENT")
[ "$same" = byte-identical ] || failed=1
n_sub=$(find "$sub" -mindepth 1 -maxdepth 1 | wc -l)
echo "    first $n_sub accounts: --jobs 1 $w1 s wall ($c1 s cpu), --jobs 2 $w2 s wall ($c2 s cpu): speed-up $(awk -v a="$w1" -v b="$w2" 'BEGIN{printf "%.2f", a/b}')x; JSON and SARIF $same"
echo

# ---- (e) the Python script users write instead
if [ "${BENCH_PYTHON:-1}" != 0 ]; then
    echo "(e) scripts/python_baseline.py (csv module, CL101-CL105 + CL201-CL208) on $(basename "$report")"
    read -r pw _ pc < <(timed python3 scripts/python_baseline.py "$report" "$dir/e.jsonl" --as-of "${as_of}T00:00:00Z")
    size=$(bytes_of "$report")
    echo "    wall $pw s ($pc s cpu) = $(mbps "$size" "$pw") MB/s; credlint (b) best $best s: $(awk -v a="$pw" -v b="$best" 'BEGIN{printf "%.1f", a/b}')x faster"
    echo
fi

# ---- (f) rule evaluations per second (engine in process, no rendering)
echo "(f) rule evaluations/s, $(basename "$report") (evaluations = rows x applicable row rules)"
"$bench" lint "$report" --as-of "$as_of" --repeat "$runs" | sed 's/^/    /'
echo "    the same with the JSON writer, findings kept on disk in sorted runs (as the CLI does) and all in memory:"
for spill in auto never; do
    "$bench" lint "$report" --as-of "$as_of" --jobs 1 --json "$dir/f-$spill.json" --spill "$spill" | sed "s/^/    [$spill] /"
done
if cmp -s "$dir/f-auto.json" "$dir/f-never.json"; then echo "    JSON byte-identical either way"; else echo "    JSON DIFFERS"; failed=1; fi
exit "${failed:-0}"
