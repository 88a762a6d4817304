#!/usr/bin/env bash
# docs/rule-format.md promises that a new built-in rule is one YAML file plus `credlint-dev generate`:
# no Swift, no test edits. This checks it on a scratch worktree of HEAD: it adds a dummy rule, runs the
# generator (goldens re-recorded), runs the whole test suite, and fails when a path changed that is
# neither under rules/ nor one of the generator's outputs (`credlint-dev generate --list`, the one list).
#
# The dummy rule fires on none of the bundled samples: a rule that does changes the samples' expected
# findings, which is a decision about the samples to make by hand, not bookkeeping.
# Usage: scripts/check-new-rule.sh   (HEAD only: commit first; the worktree stays in .build for the next run)
# CREDLINT_DEV names a built credlint-dev (.ci/run passes its own); without it, Tools/ is built here.
# The generator reads rules/ under --root, so one built from this checkout serves the scratch worktree.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
if [ -z "${CREDLINT_DEV:-}" ]; then
    swift build -q --package-path Tools --product credlint-dev
    CREDLINT_DEV="$(swift build --package-path Tools --show-bin-path)/credlint-dev"
fi
dev="$CREDLINT_DEV"
wt="$root/.build/check-new-rule"

if [ -d "$wt/.git" ] || [ -f "$wt/.git" ]; then
    # Last run's dummy rule and regenerated files go first.
    git -C "$wt" checkout -q -f --detach "$(git rev-parse HEAD)"
    git -C "$wt" clean -q -fdx -e .build
else
    rm -rf "$wt"
    git worktree add -q --detach "$wt" HEAD
    # The dependencies this checkout already fetched, so the scratch build needs no network.
    mkdir -p "$wt/.build"
    for d in checkouts repositories workspace-state.json; do
        [ -e ".build/$d" ] && cp -a ".build/$d" "$wt/.build/"
    done
fi
cd "$wt"

cat > rules/CL999-new-rule-check.yml <<'YAML'
id: CL999
name: new-rule-check
title: A user named new-rule-check-nobody exists
severity: info
scope: user
needs: [credential_report]
condition: >
  user.name == 'new-rule-check-nobody'
message: >-
  IAM user '{user.name}' exists.
tags: [security, iam]
docs:
  what_it_does: |
    Reports a user that no real account has (scripts/check-new-rule.sh adds this rule).
  why_it_matters: |
    It shows that adding a built-in rule needs its YAML file and the generator only.
  remediation: |
    `aws iam delete-user --user-name new-rule-check-nobody`
  references:
    - "credlint: scripts/check-new-rule.sh"
examples:
  - description: the user exists
    fires: true
    message: "IAM user 'new-rule-check-nobody' exists."
    rows:
      - user: new-rule-check-nobody
  - description: another user
    fires: false
    rows:
      - user: alice
YAML

echo "== check-new-rule: generator (goldens re-recorded)"
swift build -q --product credlint
bin="$(swift build --show-bin-path)/credlint"
"$dev" generate --root "$wt" --record-goldens > .build/check-new-rule-generate.txt 2>&1 \
    || { tail -30 .build/check-new-rule-generate.txt; echo "check-new-rule: the generator failed"; exit 1; }
swift build -q --product credlint
"$bin" rules | grep -q "^CL999 " || { echo "check-new-rule: the built binary does not list CL999"; exit 1; }
"$dev" generate --root "$wt" --check > /dev/null

echo "== check-new-rule: swift test"
if ! swift test > .build/check-new-rule-test.txt 2>&1; then
    grep -E "^✘|error:" .build/check-new-rule-test.txt | head -30
    echo "check-new-rule: the tests fail after adding a rule and running the generator"
    exit 1
fi
grep -E "Test run with" .build/check-new-rule-test.txt | tail -1

echo "== check-new-rule: only rules/ and generated files changed"
mapfile -t generated < <("$dev" generate --list)
bad=0
while IFS= read -r line; do
    path="${line:3}"
    ok=0
    case "$path" in rules/*) ok=1 ;; esac
    for g in "${generated[@]}"; do
        if [ "$path" = "$g" ] || { [ "${g%/}" != "$g" ] && [ "${path#"$g"}" != "$path" ]; }; then ok=1; fi
    done
    if [ "$ok" = 0 ]; then echo "   not generated: $path"; bad=1; fi
done < <(git status --porcelain --untracked-files=all)
git status --porcelain --untracked-files=all | sed 's/^/   /'
[ "$bad" = 0 ] || { echo "check-new-rule: adding a rule changed files that are neither rules/ nor generated"; exit 1; }
git diff --quiet -- Sources/CredLintEngine/Rules/BuiltinRules+Generated.swift \
    && { echo "check-new-rule: the embedded catalogue did not change"; exit 1; }
echo "check-new-rule: a new rule is its YAML file plus 'credlint-dev generate'"
