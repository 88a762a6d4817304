#!/usr/bin/env bash
# Collects what credlint reads for one AWS account with the AWS CLI (v1 or v2).
# See --help. Writes OUTDIR/<account-id>/; never stores MFA seeds or secrets.
# Exit codes: 0 saved, 1 an AWS call failed, 2 usage error.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/collect.sh [--profile P] [--endpoint-url URL] [--region R] OUTDIR
       scripts/collect.sh --org [options] OUTDIR     (every account of an Organization:
                                                     scripts/collect.sh --org --help)

Saves the IAM data credlint lints, for the account of the current AWS
credentials, into OUTDIR/<account-id>/:

  credential-report.json             aws iam get-credential-report (generated first)
  account-authorization-details.json aws iam get-account-authorization-details (all pages)
  virtual-mfa-devices.json           aws iam list-virtual-mfa-devices (seeds and QR codes removed)
  mfa-devices-USER.json              aws iam list-mfa-devices --user-name USER, per user
  account-summary.json               aws iam get-account-summary
  password-policy.json               aws iam get-account-password-policy, or the CLI's
                                     NoSuchEntity error line when the account has none

Then: credlint lint OUTDIR/

Options:
  --profile P         AWS CLI profile (default: the CLI's usual credential chain)
  --endpoint-url URL  send every call to URL (for a local moto_server)
  --region R          AWS region for the calls (IAM is global; STS needs one)
  -h, --help          this text

Needs: aws (CLI v1 or v2) and python3 (to strip MFA seeds; jq is used if python3 is missing).
Permissions: iam:GenerateCredentialReport, iam:GetCredentialReport,
iam:GetAccountAuthorizationDetails, iam:ListVirtualMFADevices, iam:ListUsers,
iam:ListMFADevices, iam:GetAccountSummary, iam:GetAccountPasswordPolicy,
sts:GetCallerIdentity (all read-only; the AWS managed SecurityAudit policy has them).
EOF
}

prog=collect.sh
# shellcheck source=scripts/collect-common.sh
. "$(dirname "$0")/collect-common.sh"

aws_args=()
outdir=""
# A whole Organization: scripts/collect-org.sh (which runs this script once per account).
for arg in "$@"; do
    [ "$arg" != --org ] || exec "$(dirname "$0")/collect-org.sh" "$@"
done
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --profile|--endpoint-url|--region)
            [ $# -ge 2 ] && [ -n "$2" ] || usage_error "$1 needs a value"
            aws_args+=("$1" "$2"); shift 2 ;;
        --profile=*|--endpoint-url=*|--region=*)
            aws_args+=("${1%%=*}" "${1#*=}"); shift ;;
        --) shift; break ;;
        -*) usage_error "unknown option '$1'" ;;
        *)  set_outdir "$1"; shift ;;
    esac
done
finish_outdir "$@"
need_aws

# JSON output whatever the user's config says; no pager (CLI v2 would wait for a key press).
export AWS_PAGER=""
work="$(mktemp -d "${TMPDIR:-/tmp}/credlint-collect.XXXXXX")"
stage=""
# A failed run removes its half-written folder; the previous OUTDIR/<account-id>/ stays as it was.
trap 'rm -rf "$work" ${stage:+"$stage"}' EXIT


if ! awsc caller sts get-caller-identity; then fail_call caller "sts get-caller-identity"; fi
account="$(sed -n 's/.*"Account": *"\([0-9]*\)".*/\1/p' "$work/caller.out" | head -n 1)"
[[ "$account" =~ ^[0-9]{12}$ ]] || die "could not read a 12-digit account id from 'aws sts get-caller-identity'"
dest="$outdir/$account"
stage="$outdir/.$account.partial"
mkdir -p "$outdir"
rm -rf "$stage"
mkdir "$stage"
say "account $account -> $dest"

# generate-credential-report until COMPLETE; bounded backoff (1+2+4+8+16+32 s at most).
generate_report() {
    local delay state code
    for delay in 1 2 4 8 16 32 0; do
        if awsc generate iam generate-credential-report; then
            state="$(sed -n 's/.*"State": *"\([A-Z]*\)".*/\1/p' "$work/generate.out" | head -n 1)"
            [ "$state" = COMPLETE ] && return 0
            say "credential report: ${state:-unknown state}"
        else
            code="$(error_code generate)"
            case "$code" in
                LimitExceeded|ReportInProgress|Throttling|ServiceFailure) say "credential report: $code" ;;
                *) fail_call generate "iam generate-credential-report" ;;
            esac
        fi
        [ "$delay" = 0 ] && break
        sleep "$delay"
    done
    die "the credential report was not COMPLETE after about a minute; run again later"
}

get_report() {
    local attempt code
    for attempt in 1 2 3 4 5; do
        if awsc report iam get-credential-report; then
            mv "$work/report.out" "$stage/credential-report.json"
            return 0
        fi
        code="$(error_code report)"
        case "$code" in
            ReportInProgress) say "credential report: still in progress"; sleep $((attempt * 2)) ;;
            ReportExpired|ReportNotPresent)
                # The report aged out between the two calls: generate once more.
                [ "$attempt" -le 1 ] || fail_call report "iam get-credential-report"
                say "credential report: $code, generating again"; generate_report ;;
            *) fail_call report "iam get-credential-report" ;;
        esac
    done
    fail_call report "iam get-credential-report"
}

generate_report
get_report
say "saved credential-report.json"

# The CLI follows every page and merges them.
awsc gaad iam get-account-authorization-details || fail_call gaad "iam get-account-authorization-details"
mv "$work/gaad.out" "$stage/account-authorization-details.json"
say "saved account-authorization-details.json"

# ListVirtualMFADevices can carry Base32StringSeed / QRCodePNG (moto returns them): never store them.
awsc vmfa iam list-virtual-mfa-devices || fail_call vmfa "iam list-virtual-mfa-devices"
strip_seeds() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c '
import json, sys
doc = json.load(sys.stdin)
for d in doc.get("VirtualMFADevices", []):
    d.pop("Base32StringSeed", None)
    d.pop("QRCodePNG", None)
json.dump(doc, sys.stdout, indent=4, sort_keys=False)
sys.stdout.write("\n")'
    elif command -v jq >/dev/null 2>&1; then
        jq 'if .VirtualMFADevices then .VirtualMFADevices |= map(del(.Base32StringSeed, .QRCodePNG)) else . end'
    else
        die "python3 or jq is needed to remove MFA seeds from list-virtual-mfa-devices"
    fi
}
strip_seeds <"$work/vmfa.out" >"$stage/virtual-mfa-devices.json"
rm -f "$work/vmfa.out"
if grep -q -e Base32StringSeed -e QRCodePNG "$stage/virtual-mfa-devices.json"; then
    rm -f "$stage/virtual-mfa-devices.json"
    die "MFA seeds are still in virtual-mfa-devices.json; not saved"
fi
say "saved virtual-mfa-devices.json"

# One ListMFADevices per user; the file name says whose list it is (an empty list does not).
awsc users iam list-users --query 'Users[].UserName' || fail_call users "iam list-users"
# IAM names never hold quotes or spaces, so each quoted string is one name.
users="$(grep -o '"[^"]*"' "$work/users.out" | tr -d '"' || true)"
n=0
for u in $users; do
    [[ "$u" =~ ^[A-Za-z0-9_+=,.@-]+$ ]] || die "unexpected user name '$u' from list-users"
    awsc mfa iam list-mfa-devices --user-name "$u" || fail_call mfa "iam list-mfa-devices --user-name $u"
    mv "$work/mfa.out" "$stage/mfa-devices-$u.json"
    n=$((n + 1))
done
say "saved mfa-devices-USER.json for $n users"

awsc summary iam get-account-summary || fail_call summary "iam get-account-summary"
mv "$work/summary.out" "$stage/account-summary.json"
say "saved account-summary.json"

# No password policy is an answer, not a failure: keep the CLI's error line, which credlint reads as "no policy".
if awsc policy iam get-account-password-policy; then
    mv "$work/policy.out" "$stage/password-policy.json"
    say "saved password-policy.json"
elif [ "$(error_code policy)" = NoSuchEntity ]; then
    grep -m 1 'An error occurred (NoSuchEntity)' "$work/policy.err" >"$stage/password-policy.json"
    say "saved password-policy.json (the account has no password policy)"
else
    fail_call policy "iam get-account-password-policy"
fi

# Replace the account's folder only once everything is in: a failed run leaves the old one intact.
rm -rf "$dest"
mv "$stage" "$dest"
say "done: credlint lint $outdir"
