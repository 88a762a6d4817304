#!/usr/bin/env bash
# Mutation testing: does the test suite notice when the code that decides findings
# or protects data is broken? Each mutant in scripts/mutants.txt is a small
# search/replace in one source file. For each: apply it, build, run `swift test`,
# put the file back. A mutant is "killed" when the build of the tests succeeds and
# the run fails (a failing test, a crash or a time-out); it "survives" when every
# test passes. The last line is `killed K of N`.
#
# Usage: scripts/mutants.sh [--ci] [--list] [ID...]
#   --ci    only the mutants tagged [ci] (the fixed subset .ci/run uses when the whole
#           list would not fit its time budget)
#   --list  check that every mutant still applies (its anchor occurs exactly once),
#           print them, run nothing
#   ID...   only these mutants (e.g. M07 M31)
#
# Exit status: 0 when the kill rate is at least MUTANTS_MIN_RATE (default 0.95) and
# every mutant applied and compiled; 1 when too many survived; 2 when a mutant no
# longer applies (the code moved: update its anchor) or does not compile, or the
# unmutated suite fails.
#
# Safety: the original file is written back after each mutant, on Ctrl-C and on
# SIGTERM. If the script is killed outright, the next run restores the file from
# .build/mutants/restore before doing anything else.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 - "$@" <<'PY'
import os, re, signal, subprocess, sys, time

LIST = "scripts/mutants.txt"
WORK = ".build/mutants"
RESTORE = os.path.join(WORK, "restore")
TEST_TIMEOUT = int(os.environ.get("MUTANTS_TEST_TIMEOUT", "300"))
MIN_RATE = float(os.environ.get("MUTANTS_MIN_RATE", "0.95"))

def die(msg, code=2):
    print(f"mutants: {msg}", file=sys.stderr)
    sys.exit(code)

def parse(path):
    """`## ID [tags] title`, then `file: PATH`, then `- ` lines (the anchor, exact text,
    joined by newlines) and `+ ` lines (its replacement). A bare `-` or `+` is an empty line."""
    mutants, cur = [], None
    for n, raw in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
        line = raw.rstrip("\n")
        if line.startswith("## "):
            m = re.match(r"## (M\d+)\s+(?:\[([a-z, ]+)\]\s+)?(.+)$", line)
            if not m:
                die(f"{path}:{n}: expected '## M<number> [tags] title'")
            cur = {"id": m.group(1), "tags": set((m.group(2) or "").replace(" ", "").split(",")) - {""},
                   "title": m.group(3), "file": None, "find": [], "replace": [], "line": n}
            mutants.append(cur)
        elif line.startswith("#") or not line.strip():
            continue
        elif cur is None:
            die(f"{path}:{n}: text before the first '## M..' header")
        elif line.startswith("file: "):
            cur["file"] = line[6:].strip()
        elif line == "-" or line.startswith("- "):
            cur["find"].append(line[2:])
        elif line == "+" or line.startswith("+ "):
            cur["replace"].append(line[2:])
        else:
            die(f"{path}:{n}: expected 'file: ', '- ' or '+ ' in mutant {cur['id']}")
    ids = [m["id"] for m in mutants]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        die(f"{path}: duplicate mutant ids {sorted(dup)}")
    for m in mutants:
        if not m["file"] or not m["find"]:
            die(f"{path}:{m['line']}: mutant {m['id']} needs 'file:' and at least one '- ' line")
        m["find"] = "\n".join(m["find"])
        m["replace"] = "\n".join(m["replace"])
        if m["find"] == m["replace"]:
            die(f"{path}:{m['line']}: mutant {m['id']} changes nothing")
    return mutants

def check_applies(m):
    """The anchor must occur exactly once: zero means the code moved, two means the
    mutant is ambiguous. Either way the list needs updating, loudly."""
    if not os.path.isfile(m["file"]):
        return f"{m['id']}: {m['file']} does not exist (moved or renamed?)"
    count = open(m["file"], encoding="utf-8").read().count(m["find"])
    if count != 1:
        what = "no longer occurs (the code moved: update the anchor)" if count == 0 else f"occurs {count} times (make it unique)"
        return f"{m['id']}: the anchor in {m['file']} {what}:\n    {m['find']!r}"
    return None

def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

def restore_leftover():
    if os.path.exists(RESTORE):
        data = open(RESTORE, encoding="utf-8").read()
        path, _, original = data.partition("\n")
        write(path, original)
        os.remove(RESTORE)
        print(f"mutants: restored {path} left mutated by an interrupted run")

current = {"path": None, "original": None}
def put_back():
    if current["path"] is not None:
        write(current["path"], current["original"])
        current["path"] = None
        if os.path.exists(RESTORE):
            os.remove(RESTORE)

def on_signal(signum, frame):
    put_back()
    print(f"\nmutants: interrupted (signal {signum}); sources restored", file=sys.stderr)
    sys.exit(130)

def build(log):
    with open(log, "w") as f:
        return subprocess.run(["swift", "build", "--build-tests"], stdout=f, stderr=subprocess.STDOUT).returncode == 0

def run_tests(log):
    """Runs the suite; stops at the first failed test (Swift Testing has no fail-fast)."""
    start = time.monotonic()
    with open(log, "a") as f:
        p = subprocess.Popen(["swift", "test", "--skip-build"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, errors="replace", start_new_session=True)
        outcome = None
        try:
            for line in p.stdout:
                f.write(line)
                if time.monotonic() - start > TEST_TIMEOUT:
                    outcome = ("killed", "time-out")
                    break
                if line.startswith("✘ Test ") and " recorded an issue" in line:
                    name = line[len("✘ Test "):].split(" recorded an issue")[0]
                    outcome = ("killed", f"test {name}")
                    break
        finally:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            p.stdout.close()
    if outcome:
        return outcome
    if p.returncode == 0:
        return ("survived", "")
    if p.returncode < 0:
        return ("killed", f"crash (signal {-p.returncode})")
    return ("killed", f"test run exited {p.returncode}")

def main():
    args = sys.argv[1:]
    ci = "--ci" in args
    list_only = "--list" in args
    ids = [a for a in args if not a.startswith("--")]
    unknown_flags = [a for a in args if a.startswith("--") and a not in ("--ci", "--list")]
    if unknown_flags:
        die(f"unknown option {unknown_flags[0]}; expected --ci, --list or mutant ids")
    os.makedirs(WORK, exist_ok=True)
    restore_leftover()
    mutants = parse(LIST)
    known = {m["id"] for m in mutants}
    missing = [i for i in ids if i not in known]
    if missing:
        die(f"no mutant named {', '.join(missing)} in {LIST}")
    if ids:
        mutants = [m for m in mutants if m["id"] in ids]
    elif ci:
        mutants = [m for m in mutants if "ci" in m["tags"]]
    problems = [p for p in map(check_applies, mutants) if p]
    if problems:
        for p in problems:
            print(f"mutants: {p}", file=sys.stderr)
        die(f"{len(problems)} of {len(mutants)} mutants do not apply; fix {LIST}")
    if list_only:
        for m in mutants:
            tags = f" [{','.join(sorted(m['tags']))}]" if m["tags"] else ""
            print(f"{m['id']}{tags} {m['file']}: {m['title']}")
        print(f"{len(mutants)} mutants apply")
        return 0

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    print(f"== mutants: {len(mutants)} from {LIST}; the unmutated suite must pass first")
    log = os.path.join(WORK, "baseline.log")
    if not build(log):
        die(f"the unmutated package does not build (see {log})")
    outcome, why = run_tests(log)
    if outcome != "survived":
        die(f"the unmutated suite fails ({why}); see {log}")

    killed, survivors, invalid = 0, [], []
    t0 = time.monotonic()
    for m in mutants:
        path = m["file"]
        original = open(path, encoding="utf-8").read()
        current["path"], current["original"] = path, original
        write(RESTORE, path + "\n" + original)
        write(path, original.replace(m["find"], m["replace"], 1))
        log = os.path.join(WORK, f"{m['id']}.log")
        started = time.monotonic()
        try:
            if not build(log):
                outcome, why = "invalid", f"does not compile (see {log})"
            else:
                outcome, why = run_tests(log)
        finally:
            put_back()
        secs = time.monotonic() - started
        if outcome == "killed":
            killed += 1
        elif outcome == "survived":
            survivors.append(m)
        else:
            invalid.append(m)
        print(f"{m['id']} {outcome:<8} {secs:5.1f}s  {m['title']}" + (f"  <- {why}" if why else ""), flush=True)

    # Leave the build matching the sources again (later CI steps use the binary).
    if not build(os.path.join(WORK, "final.log")):
        die("the restored sources do not build")
    n = len(mutants)
    print(f"== {n} mutants in {time.monotonic() - t0:.0f}s")
    for m in survivors:
        print(f"survived: {m['id']} {m['file']}: {m['title']}")
    for m in invalid:
        print(f"invalid: {m['id']} {m['file']}: {m['title']} (does not compile: fix the mutant)")
    print(f"killed {killed} of {n}")
    if invalid:
        return 2
    if n and killed / n < MIN_RATE:
        print(f"mutants: kill rate {killed / n:.1%} is below {MIN_RATE:.0%}", file=sys.stderr)
        return 1
    return 0

sys.exit(main())
PY
