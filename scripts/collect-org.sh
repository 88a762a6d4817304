#!/usr/bin/env bash
# Collects every account of an AWS Organization with the AWS CLI: `scripts/collect.sh --org`.
# See --help and docs/organizations.md. Each account is collected by scripts/collect.sh.
# Exit codes: 0 every account collected, 1 an account (or the Organization listing) failed,
# 2 usage error. organization.json is written whenever the accounts could be listed.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/collect.sh --org [--role-name NAME | --role-arn-template T] [--external-id ID]
                          [--parallel N] [--accounts ID,...] [--exclude-accounts ID,...]
                          [--profile P] [--endpoint-url URL] [--region R] OUTDIR

Collects every ACTIVE account of the AWS Organization of the current credentials
(the management account or a delegated administrator), each into OUTDIR/<account-id>/
as scripts/collect.sh does for one account, and writes OUTDIR/organization.json:
the Organization id and, per account, its id, name, email, status, OU path (where
readable) and the result ("collected", "failed" with the AWS error, or "skipped").
An account that failed leaves OUTDIR/<account-id>/collection-error.json.

Then: credlint lint OUTDIR/

Options:
  --role-name NAME          role assumed in each member account
                            (default OrganizationAccountAccessRole)
  --role-arn-template T     role ARN with {account} for the account id, e.g.
                            arn:aws-us-gov:iam::{account}:role/Audit (instead of --role-name)
  --external-id ID          ExternalId passed to sts assume-role
  --parallel N              accounts collected at once (default 4)
  --accounts ID,...         collect only these accounts
  --exclude-accounts ID,... leave these accounts out (listed as "skipped")
  --profile P, --endpoint-url URL, --region R   as for scripts/collect.sh
  -h, --help                this text

The account of the current credentials is collected with them, not through the role.
Calls that AWS throttles are retried with back-off.

Needs: aws (CLI v1 or v2) and python3.
Permissions of the caller: organizations:DescribeOrganization, organizations:ListAccounts,
organizations:ListParents and organizations:DescribeOrganizationalUnit (for OU paths; without
them the paths are left out), sts:AssumeRole on the role in each member account, and the
per-account permissions of scripts/collect.sh --help for its own account. The role in each
member account needs those per-account permissions (the AWS managed SecurityAudit policy).
EOF
}

prog=collect-org.sh
# shellcheck source=scripts/collect-common.sh
. "$(dirname "$0")/collect-common.sh"

here="$(cd "$(dirname "$0")" && pwd)"
aws_args=()
outdir=""
role_name=OrganizationAccountAccessRole
role_template=""
external_id=""
parallel=4
only=""
excluded=""
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --org) shift ;;
        --profile|--endpoint-url|--region)
            [ $# -ge 2 ] && [ -n "$2" ] || usage_error "$1 needs a value"
            aws_args+=("$1" "$2"); shift 2 ;;
        --profile=*|--endpoint-url=*|--region=*)
            aws_args+=("${1%%=*}" "${1#*=}"); shift ;;
        --role-name|--role-arn-template|--external-id|--parallel|--accounts|--exclude-accounts)
            [ $# -ge 2 ] && [ -n "$2" ] || usage_error "$1 needs a value"
            case "$1" in
                --role-name) role_name="$2" ;;
                --role-arn-template) role_template="$2" ;;
                --external-id) external_id="$2" ;;
                --parallel) parallel="$2" ;;
                --accounts) only="$2" ;;
                --exclude-accounts) excluded="$2" ;;
            esac
            shift 2 ;;
        --) shift; break ;;
        -*) usage_error "unknown option '$1'" ;;
        *)  set_outdir "$1"; shift ;;
    esac
done
finish_outdir "$@"
[[ "$parallel" =~ ^[1-9][0-9]?$ ]] || usage_error "--parallel takes a number from 1 to 99; found '$parallel'"
[[ "$role_name" =~ ^[A-Za-z0-9_+=,.@/-]+$ ]] || usage_error "--role-name '$role_name' is not an IAM role name"
if [ -n "$role_template" ]; then
    [[ "$role_template" == arn:*:iam::\{account\}:role/* ]] \
        || usage_error "--role-arn-template must look like arn:aws:iam::{account}:role/NAME; found '$role_template'"
fi
for list in "$only" "$excluded"; do
    [ -z "$list" ] || [[ "$list" =~ ^[0-9]{12}(,[0-9]{12})*$ ]] \
        || usage_error "--accounts and --exclude-accounts take 12-digit account ids separated by commas; found '$list'"
done
need_aws
command -v python3 >/dev/null 2>&1 || die "python3 is needed to read the account list and write organization.json"

export AWS_PAGER=""
work="$(mktemp -d "${TMPDIR:-/tmp}/credlint-collect-org.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$outdir" "$work/result" "$work/ou"

awsc caller sts get-caller-identity || fail_call caller "sts get-caller-identity"
caller="$(sed -n 's/.*"Account": *"\([0-9]*\)".*/\1/p' "$work/caller.out" | head -n 1)"
[[ "$caller" =~ ^[0-9]{12}$ ]] || die "could not read a 12-digit account id from 'aws sts get-caller-identity'"
awsc org organizations describe-organization || fail_call org "organizations describe-organization"
# The CLI follows every page of list-accounts and merges them.
awsc accounts organizations list-accounts || fail_call accounts "organizations list-accounts"

# One line per account: id and status (names and emails stay in the JSON: they may hold anything).
python3 - "$work/accounts.out" >"$work/accounts.tsv" <<'PY'
import json, sys
for a in json.load(open(sys.argv[1])).get("Accounts", []):
    print(a["Id"], a.get("Status", "UNKNOWN"))
PY
[ -s "$work/accounts.tsv" ] || die "organizations list-accounts returned no accounts"
say "$(wc -l <"$work/accounts.tsv" | tr -d ' ') accounts in the Organization; caller account $caller"

in_list() { [[ ",$2," == *",$1,"* ]]; }

# ou_path ID: Root/OU/OU of an account, from ListParents and DescribeOrganizationalUnit;
# nothing when they are not allowed (the path is then left out of organization.json).
ou_path() {
    local child="$1" path="" parent type name depth
    for depth in 1 2 3 4 5 6 7 8; do
        awsc "parents-$1" organizations list-parents --child-id "$child" \
            --query 'Parents[0].[Id,Type]' --output text || return 1
        read -r parent type <"$work/parents-$1.out" || return 1
        if [ "$type" = ROOT ]; then
            echo "Root${path}"
            return 0
        fi
        if [ ! -s "$work/ou/$parent" ]; then
            awsc "ou-$1" organizations describe-organizational-unit --organizational-unit-id "$parent" \
                --query OrganizationalUnit.Name --output text || return 1
            cp "$work/ou-$1.out" "$work/ou/$parent"
        fi
        name="$(head -n 1 "$work/ou/$parent")"
        path="/${name}${path}"
        child="$parent"
        : "$depth"
    done
    return 1
}

# failed ID CODE OPERATION MESSAGE: records the failure and leaves collection-error.json in the account's folder.
failed() {
    say "account $1: FAILED: $2 ($3): $4"
    rm -rf "${outdir:?}/$1"
    mkdir -p "$outdir/$1"
    python3 - "$@" >"$outdir/$1/collection-error.json" <<'PY'
import json, sys
_, account, code, operation, message = sys.argv
# The marker first: credlint recognises the file by it.
json.dump({"credlintCollectionError": 1, "accountId": account, "code": code, "operation": operation,
           "message": message}, sys.stdout, indent=2)
sys.stdout.write("\n")
PY
    printf 'failed\n%s\n%s\n' "$2" "$4" >"$work/result/$1"
}

# The AWS error line in a file: `An error occurred (CODE) when calling the OP operation: MESSAGE`.
error_parts() {
    python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
m = re.search(r"An error occurred \(([A-Za-z0-9.]+)\) when calling the (\w+) operation(?: \(reached max retries: \d+\))?: ?(.*)", text)
if m:
    print(m.group(1)); print(m.group(2)); print(m.group(3).strip())
else:
    last = [l.strip() for l in text.splitlines() if l.strip()]
    print("Unknown"); print("unknown"); print(last[-1] if last else "no error output")
PY
}

# collect_account ID: one account, into OUTDIR/ID (run in the background, one per slot).
collect_account() {
    local id="$1" log="$work/log-$1" role parts
    local -a env_args=() args=()
    if ou="$(ou_path "$id" 2>/dev/null)"; then echo "$ou" >"$work/ou-path-$id"; fi
    if [ "$id" != "$caller" ]; then
        if [ -n "$role_template" ]; then role="${role_template//\{account\}/$id}"; else role="arn:aws:iam::$id:role/$role_name"; fi
        local -a assume=(sts assume-role --role-arn "$role" --role-session-name credlint-collect
                         --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
        [ -z "$external_id" ] || assume+=(--external-id "$external_id")
        if ! awsc "assume-$id" "${assume[@]}"; then
            mapfile -t parts < <(error_parts "$work/assume-$id.err")
            failed "$id" "${parts[0]}" AssumeRole "${parts[2]}"
            return 0
        fi
        local key secret token
        read -r key secret token <"$work/assume-$id.out"
        env_args=(-u AWS_PROFILE AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token")
        # The role's credentials, not the caller's profile.
        local i
        for ((i = 0; i < ${#aws_args[@]}; i += 2)); do
            [ "${aws_args[i]}" = --profile ] || args+=("${aws_args[i]}" "${aws_args[i + 1]}")
        done
    else
        args=(${aws_args[@]+"${aws_args[@]}"})
    fi
    if env ${env_args[@]+"${env_args[@]}"} "$here/collect.sh" ${args[@]+"${args[@]}"} "$outdir" >"$log" 2>&1; then
        if [ -d "$outdir/$id" ] && [ ! -e "$outdir/$id/collection-error.json" ]; then
            echo collected >"$work/result/$id"
            say "account $id: collected"
        else
            failed "$id" WrongAccount GetCallerIdentity "the credentials for $id belong to another account"
        fi
    else
        mapfile -t parts < <(error_parts "$log")
        failed "$id" "${parts[0]}" "${parts[1]}" "${parts[2]}"
    fi
}

while read -r id status; do
    if [ "$status" != ACTIVE ]; then
        printf 'skipped\nstatus %s\n' "$status" >"$work/result/$id"
    elif [ -n "$only" ] && ! in_list "$id" "$only"; then
        printf 'skipped\nnot in --accounts\n' >"$work/result/$id"
    elif [ -n "$excluded" ] && in_list "$id" "$excluded"; then
        printf 'skipped\nin --exclude-accounts\n' >"$work/result/$id"
    else
        # At most $parallel at once.
        while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
        collect_account "$id" &
    fi
done <"$work/accounts.tsv"
wait

python3 - "$work" "$outdir/organization.json" <<'PY'
import json, os, sys
work, dest = sys.argv[1], sys.argv[2]
org = json.load(open(os.path.join(work, "org.out"))).get("Organization", {})
accounts = []
for a in json.load(open(os.path.join(work, "accounts.out"))).get("Accounts", []):
    lines = open(os.path.join(work, "result", a["Id"])).read().split("\n")
    path_file = os.path.join(work, "ou-path-" + a["Id"])
    entry = {"id": a["Id"], "name": a.get("Name"), "email": a.get("Email"), "status": a.get("Status"),
             "ouPath": open(path_file).read().strip() if os.path.exists(path_file) else None, "result": lines[0]}
    if lines[0] == "failed":
        entry["error"] = {"code": lines[1], "message": lines[2]}
    elif lines[0] == "skipped":
        entry["reason"] = lines[1]
    accounts.append(entry)
accounts.sort(key=lambda e: e["id"])
doc = {"credlintOrganization": 1, "organizationId": org.get("Id"), "managementAccountId": org.get("MasterAccountId"),
       "accounts": accounts}
tmp = dest + ".partial"
with open(tmp, "w") as f:
    # The marker first (credlint recognises the file by it); the rest in a fixed order.
    json.dump(doc, f, indent=2)
    f.write("\n")
os.replace(tmp, dest)
PY
n_failed=0
n_done=0
for f in "$work"/result/*; do
    read -r result <"$f"
    case "$result" in failed) n_failed=$((n_failed + 1)) ;; collected) n_done=$((n_done + 1)) ;; esac
done
say "wrote $outdir/organization.json: $n_done collected, $n_failed failed"
[ "$n_failed" = 0 ] || exit 1
say "done: credlint lint $outdir"
