#!/usr/bin/env bash
# Issue 16's targets, side by side on this machine (docs/performance.md, "Issue 16 targets").
# Run through scripts/bench.sh, which builds the binaries:
#
#   scripts/bench.sh targets            200,000-user heavy report, one 5,000-user account, (d) on 100 accounts
#   scripts/bench.sh targets-full       the same, with (d) on 1,000 accounts x 5,000 users (~4.5 GB in /tmp)
#   scripts/bench.sh targets-smoke      tiny sizes, seconds: checks DuckDB's counts against credlint's (CI)
#
#   (a) credlint lint REPORT --output sarif=FILE  vs  DuckDB running the same 15 rules, per-rule counts
#   (b) credlint lint REPORT --output json=FILE   vs  DuckDB writing JSON lines of (rule, user, slot, line)
#   (c) credlint lint ACCOUNT --output sarif=FILE vs  scripts/bench/c-baseline.c (libxml2 reader, CSV split,
#                                                     as many bytes written as the SARIF has)
#   (d) credlint lint ORG --output sarif=FILE, wall (target: 20 s for 1,000 x 5,000 on 2 cores)
#
# The DuckDB side is scripts/bench/rules.sql. Before any figure is trusted, its findings are checked
# against credlint's: per-rule counts, and every (rule, line, slot) of credlint's JSON against
# DuckDB's JSON lines. A difference fails the script (exit 1) and prints what differs.
#
# Called as: targets.sh SIZE CREDLINT CREDLINT_BENCH DIR
# Environment: BENCH_RUNS (default 3: each pair is run that many times, alternating, and the ratios
# are paired), BENCH_C_REPEAT (default 5: (c) takes the best of that many runs per side and pair),
# DUCKDB (default: the binary of the duckdb-cli package in .build/ci-venv, else duckdb on PATH), TARGETS_ORG_ACCOUNTS (d's size).
set -euo pipefail
cd "$(dirname "$0")/../.."

size="$1" credlint="$2" bench="$3" dir="$4"
case "$size" in
    smoke) users=2000; account_users=300; org_accounts=3; org_users=300; runs=1; c_repeat=1 ;;
    standard) users=200000; account_users=5000; org_accounts="${TARGETS_ORG_ACCOUNTS:-100}"; org_users=5000 ;;
    full) users=200000; account_users=5000; org_accounts="${TARGETS_ORG_ACCOUNTS:-1000}"; org_users=5000 ;;
    *) echo "targets.sh: unknown size $size" >&2; exit 2 ;;
esac
runs="${runs:-${BENCH_RUNS:-3}}"
c_repeat="${c_repeat:-${BENCH_C_REPEAT:-5}}"
as_of="2026-01-01"

duckdb="${DUCKDB:-}"
if [ -z "$duckdb" ]; then
    # The binary inside the pip package, not its Python launcher (~50 ms of Python start-up a run).
    bundled=$(find .build/ci-venv/lib -path '*/duckdb_cli/duckdb' -type f 2>/dev/null | head -1)
    if [ -n "$bundled" ] && [ -x "$bundled" ]; then duckdb="$bundled"
    elif [ -x .build/ci-venv/bin/duckdb ]; then duckdb=.build/ci-venv/bin/duckdb
    elif command -v duckdb >/dev/null; then duckdb=duckdb
    else echo "targets: no DuckDB: pip install duckdb-cli (into .build/ci-venv, as .ci/run does) or set DUCKDB" >&2; exit 2
    fi
fi
rules_sql="$PWD/scripts/bench/rules.sql"

# ---- data (deterministic; regenerated only when missing)
report="$dir/report-heavy-$users.csv"
[ -f "$report" ] || "$bench" generate-report --users "$users" --mix heavy --seed 1 --out "$report" >/dev/null
account_dir="$dir/account-$account_users"
[ -d "$account_dir" ] || "$bench" generate-org --accounts 1 --users "$account_users" --seed 7 --out "$account_dir" >/dev/null
account="$(find "$account_dir" -mindepth 1 -maxdepth 1 -type d | head -1)"
org_dir="$dir/org-$org_accounts-$org_users"
[ -d "$org_dir" ] || "$bench" generate-org --accounts "$org_accounts" --users "$org_users" --out "$org_dir" >/dev/null

c_baseline="$dir/c-baseline"
# shellcheck disable=SC2046  # pkg-config's flags are words
cc -O2 -o "$c_baseline" scripts/bench/c-baseline.c $(pkg-config --cflags --libs libxml-2.0)

rows=$((users + 1))
# The row cap follows the size cap (docs/reliability.md): the size that fits the report.
max_input_size=$(( (rows * 256 + 20003) / 20004 )); [ "$max_input_size" -ge 256 ] || max_input_size=256

# Runs a command under /usr/bin/time (peak RSS, CPU) and the shell's microsecond clock (wall);
# prints "wall_s peak_rss_kb cpu_s"; fails unless the exit code is 0 or 1 (credlint's "findings").
timed() {
    local t; t="$(mktemp)"
    local start=$EPOCHREALTIME
    set +e
    /usr/bin/time -f "%M %U %S" -o "$t" "$@" >"$t.out" 2>"$t.err"
    local rc=$?
    set -e
    local end=$EPOCHREALTIME
    if [ "$rc" -gt 1 ]; then echo "command failed ($rc): $*" >&2; cat "$t.err" >&2; exit 1; fi
    tail -1 "$t" | awk -v s="$start" -v e="$end" '{printf "%.3f %s %.2f\n", e - s, $1, $2 + $3}'; rm -f "$t" "$t.out" "$t.err"
}
# The best wall of N runs (and the largest peak RSS, and the CPU of the best run).
best_of() {
    local n="$1"; shift
    local line
    for _ in $(seq "$n"); do line=$(timed "$@"); echo "$line"; done | sort -g | awk 'NR==1{w=$1; c=$3} {if ($2>m) m=$2} END{print w, m, c}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b <= 0) b = 0.0005; printf "%.2f", a / b }'; }
range() { sort -g | awk 'NR==1{lo=$1} {hi=$1} END{ if (lo == hi) printf "%s", lo; else printf "%s-%s", lo, hi }'; }

counts_sql="COPY (SELECT rule, count(*) FROM findings GROUP BY rule ORDER BY rule) TO '$dir/ta-duckdb.csv' (FORMAT csv, HEADER false);"
# DuckDB with the rules loaded: the variables, then rules.sql, then the -c that follows.
duck=("$duckdb" -batch -cmd ".bail on" -cmd "SET VARIABLE report = '$report'" -cmd "SET VARIABLE as_of = '$as_of'"
      -cmd ".read $rules_sql")
jsonl_sql="COPY (SELECT rule, \"user\", slot, line FROM findings) TO '$dir/tb-duckdb.jsonl' (FORMAT json);"

echo "issue 16 targets, $size: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), DuckDB $("$duckdb" --version | cut -d' ' -f1)"
echo "    (a)/(b) $(basename "$report"): $(du -b "$report" | cut -f1) bytes, $rows rows; (c) $account_users-user account ($(du -sb "$account" | cut -f1) bytes); (d) $org_accounts x $org_users"
echo

# ---- runs, alternating credlint and its baseline so both see the same load
declare -a A_CL A_DB B_CL B_DB C_CL C_C D_CL
for r in $(seq "$runs"); do
    A_CL+=("$(timed "$credlint" lint "$report" --as-of "$as_of" --max-input-size "$max_input_size" --output sarif="$dir/ta.sarif")")
    A_DB+=("$(timed "${duck[@]}" -c "$counts_sql")")
    B_CL+=("$(timed "$credlint" lint "$report" --as-of "$as_of" --max-input-size "$max_input_size" --output json="$dir/tb.json")")
    B_DB+=("$(timed "${duck[@]}" -c "$jsonl_sql")")
    C_CL+=("$(best_of "$c_repeat" "$credlint" lint "$account" --as-of "$as_of" --output sarif="$dir/tc.sarif")")
    sarif_bytes=$(du -b "$dir/tc.sarif" | cut -f1)
    C_C+=("$(best_of "$c_repeat" "$c_baseline" "$account" "$dir/tc-c.out" "$sarif_bytes")")
    if [ "$r" = 1 ] || [ "$size" != full ]; then
        D_CL+=("$(timed "$credlint" lint "$org_dir" --as-of "$as_of" --output sarif="$dir/td.sarif")")
    fi
    echo "    pair $r of $runs done (load $(cut -d' ' -f1 /proc/loadavg))"
done
echo

# ---- cross-check: DuckDB's findings against credlint's, before any ratio is printed
failed=0
rule_ids="CL101 CL102 CL104 CL105 CL201 CL202 CL203 CL204 CL205 CL206 CL207 CL208 CL403 CL404 CL405"
# credlint's JSON lists every finding (never capped): (rule, line, slot) of each, by DuckDB.
"$duckdb" -batch -csv -noheader -cmd ".bail on" -c "
    COPY (SELECT f.ruleId AS rule, f.location.line AS line, coalesce(f.slot, '') AS slot
          FROM (SELECT unnest(findings) AS f
                FROM read_json('$dir/tb.json', format = 'unstructured', maximum_object_size = 2000000000)))
    TO '$dir/tb-credlint.tsv' (FORMAT csv, DELIMITER '\t', HEADER false);"
"$duckdb" -batch -csv -noheader -cmd ".bail on" -c "
    COPY (SELECT rule, line, slot FROM read_json('$dir/tb-duckdb.jsonl', format = 'newline_delimited'))
    TO '$dir/tb-duckdb.tsv' (FORMAT csv, DELIMITER '\t', HEADER false);"
LC_ALL=C sort -o "$dir/tb-credlint.tsv" "$dir/tb-credlint.tsv"
LC_ALL=C sort -o "$dir/tb-duckdb.tsv" "$dir/tb-duckdb.tsv"
# Rules outside the fifteen that credlint ran on the report alone (e.g. CL503) are not DuckDB's.
others=$(cut -f1 "$dir/tb-credlint.tsv" | grep -v -x -F -f <(tr ' ' '\n' <<<"$rule_ids") | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}' || true)
grep -F -f <(tr ' ' '\n' <<<"$rule_ids" | sed 's/$/\t/') "$dir/tb-credlint.tsv" >"$dir/tb-credlint-15.tsv" || true

echo "per-rule counts: DuckDB (a) | credlint JSON (b) | credlint SARIF (a, capped at 5,000 results)"
sarif_counts=$("$duckdb" -batch -csv -noheader -c "
    SELECT r.ruleId, count(*) FROM (SELECT unnest(runs) AS run FROM read_json('$dir/ta.sarif', format = 'unstructured',
        maximum_object_size = 2000000000)), (SELECT unnest(run.results) AS r) GROUP BY ALL ORDER BY 1;" 2>/dev/null || true)
total_db=0; total_cl=0
for id in $rule_ids; do
    db=$(awk -F, -v id="$id" '$1 == id {print $2}' "$dir/ta-duckdb.csv"); db=${db:-0}
    cl=$(awk -F'\t' -v id="$id" '$1 == id' "$dir/tb-credlint-15.tsv" | wc -l)
    sa=$(awk -F, -v id="$id" '$1 == id {print $2}' <<<"$sarif_counts"); sa=${sa:-0}
    mark=""; [ "$db" = "$cl" ] || { mark="  <-- DIFFERS"; failed=1; }
    printf "    %s %8s | %8s | %6s%s\n" "$id" "$db" "$cl" "$sa" "$mark"
    total_db=$((total_db + db)); total_cl=$((total_cl + cl))
done
printf "    total %8s | %8s   (%s findings per row)\n" "$total_db" "$total_cl" "$(awk -v f="$total_cl" -v r="$rows" 'BEGIN{printf "%.2f", f/r}')"
[ -z "$others" ] || echo "    credlint's other rules on the report alone (not in the fifteen): ${others%, }"
if cmp -s "$dir/tb-credlint-15.tsv" "$dir/tb-duckdb.tsv"; then
    echo "    every finding (rule, line, slot) the same in credlint's JSON and DuckDB's JSON lines"
else
    failed=1
    echo "    FINDINGS DIFFER (< credlint only, > DuckDB only; first 20):"
    diff "$dir/tb-credlint-15.tsv" "$dir/tb-duckdb.tsv" | grep '^[<>]' | head -20 | sed 's/^/        /'
fi
sarif_kept=$(grep -c '"ruleId": "CL' "$dir/ta.sarif" || true)
echo "    SARIF kept $sarif_kept results of $total_cl findings"
echo

# ---- the table
# Each line: figure, credlint and baseline wall and CPU (user + system), the ratios of each pair
# measured back to back, the target, peak RSS. On a loaded machine the CPU ratio is the steadier.
row() {  # row LABEL TARGET "cl runs" "baseline runs"
    local label="$1" target="$2" cl_runs="$3" base_runs="$4"
    local clw bw clc bc wr cr rss
    clw=$(cut -d' ' -f1 <<<"$cl_runs" | range); bw=$(cut -d' ' -f1 <<<"$base_runs" | range)
    clc=$(cut -d' ' -f3 <<<"$cl_runs" | range); bc=$(cut -d' ' -f3 <<<"$base_runs" | range)
    wr=$(paste -d' ' <(cut -d' ' -f1 <<<"$cl_runs") <(cut -d' ' -f1 <<<"$base_runs") | while read -r a b; do ratio "$a" "$b"; echo; done | range)
    cr=$(paste -d' ' <(cut -d' ' -f3 <<<"$cl_runs") <(cut -d' ' -f3 <<<"$base_runs") | while read -r a b; do ratio "$a" "$b"; echo; done | range)
    rss="$(cut -d' ' -f2 <<<"$cl_runs" | range) / $(cut -d' ' -f2 <<<"$base_runs" | range)"
    printf "| %s | %s s / %s s | %s s / %s s | %sx | %sx | %s | %s |\n" "$label" "$clw" "$bw" "$clc" "$bc" "$wr" "$cr" "$target" "$rss"
}
echo "| target | wall, credlint / baseline | CPU, credlint / baseline | wall ratio | CPU ratio | target | peak RSS KB, credlint / baseline |"
echo "|---|---|---|---|---|---|---|"
row "(a) SARIF vs DuckDB counts" "<= 1.0x" "$(printf '%s\n' "${A_CL[@]}")" "$(printf '%s\n' "${A_DB[@]}")"
row "(b) JSON vs DuckDB JSON lines" "<= 2.0x" "$(printf '%s\n' "${B_CL[@]}")" "$(printf '%s\n' "${B_DB[@]}")"
row "(c) one account vs C (best of $c_repeat)" "<= 2.0x" "$(printf '%s\n' "${C_CL[@]}")" "$(printf '%s\n' "${C_C[@]}")"
dw=$(printf '%s\n' "${D_CL[@]}" | cut -d' ' -f1 | range)
drss=$(printf '%s\n' "${D_CL[@]}" | cut -d' ' -f2 | range)
dcpu=$(printf '%s\n' "${D_CL[@]}" | cut -d' ' -f3 | range)
if [ "$org_accounts" -lt 1000 ]; then
    # Scaled by the number of accounts (the work is per account); CPU / 2 is the wall on 2 idle cores at best.
    ext=$(printf '%s\n' "${D_CL[@]}" | awk -v n="$org_accounts" '{printf "%.0f\n", $1 * 1000 / n}' | range)
    extc=$(printf '%s\n' "${D_CL[@]}" | awk -v n="$org_accounts" '{printf "%.0f\n", $3 * 1000 / n}' | range)
    echo "| (d) $org_accounts x $org_users, SARIF; x $((1000 / org_accounts)) for 1,000 (extrapolated) | $dw s; ~$ext s | $dcpu s; ~$extc s | | | <= 20 s wall | $drss |"
else
    echo "| (d) $org_accounts x $org_users, SARIF | $dw s | $dcpu s | | | <= 20 s wall | $drss |"
fi
echo "DuckDB runs with its default threads ($(nproc)); credlint with its default --jobs (all cores)."
if [ "$failed" != 0 ]; then echo "targets: DuckDB and credlint DISAGREE (see above)" >&2; fi
exit "$failed"
