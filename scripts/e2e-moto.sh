#!/usr/bin/env bash
# End to end: a local moto IAM server, an account built with the AWS CLI,
# scripts/collect.sh, then credlint lint on what it saved.
#
#   scripts/e2e-moto.sh [CREDLINT_BINARY]      (default: the debug build, built if missing)
#
# Every wait is bounded and the server is always stopped (by its PID).
# KEEP=DIR keeps the collected files in DIR for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "e2e-moto: $*"; }
die() { echo "e2e-moto: FAIL: $*" >&2; exit 1; }

bin="${1:-}"
if [ -z "$bin" ]; then
    swift build -q --product credlint
    bin="$(swift build --show-bin-path)/credlint"
fi
[ -x "$bin" ] || die "credlint binary '$bin' not found"

# The tools: moto's server and the AWS CLI, from PyPI when missing.
if ! python3 -c 'import moto.server' 2>/dev/null; then
    say "installing moto[server]"
    timeout 300 python3 -m pip install -q 'moto[server]' || die "could not install moto[server]"
fi
if ! command -v aws >/dev/null 2>&1; then
    say "installing awscli"
    timeout 300 python3 -m pip install -q awscli || die "could not install awscli"
    hash -r
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/credlint-e2e.XXXXXX")"
moto_pid=""
cleanup() {
    if [ -n "$moto_pid" ] && kill -0 "$moto_pid" 2>/dev/null; then
        kill "$moto_pid" 2>/dev/null || true
        # Bounded: SIGKILL after 5 s.
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$moto_pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$moto_pid" 2>/dev/null || true
        wait "$moto_pid" 2>/dev/null || true
    fi
    if [ -n "${KEEP:-}" ]; then rm -rf "$KEEP"; mkdir -p "$KEEP"; cp -R "$tmp/." "$KEEP/"; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# == 1. collect.sh's retries and error handling, against a stub `aws` (no server needed)
mkdir -p "$tmp/stub"
cat >"$tmp/stub/aws" <<'STUB'
#!/usr/bin/env bash
# Answers like the AWS CLI for collect.sh's calls; counts calls in $STUB_DIR.
echo "$*" >>"$STUB_DIR/calls"
if [ "$1" = --output ]; then shift 2; fi
op="$1 $2"
n=$(( $(cat "$STUB_DIR/$2.n" 2>/dev/null || echo 0) + 1 )); echo "$n" >"$STUB_DIR/$2.n"
err() { echo; echo "An error occurred ($1) when calling the $2 operation: stub"; } >&2
case "$op" in
  "sts get-caller-identity")
    # A member's role credentials (from the stub's assume-role) name their account.
    acct=111122223333; case "${AWS_ACCESS_KEY_ID:-}" in ASIASTUB*) acct="${AWS_ACCESS_KEY_ID#ASIASTUB}" ;; esac
    echo "{\"UserId\": \"AIDAEXAMPLE\", \"Account\": \"$acct\", \"Arn\": \"arn:aws:iam::$acct:user/me\"}" ;;
  "sts assume-role")
    acct="$(echo "$*" | sed -n 's/.*arn:aws:iam::\([0-9]*\):role.*/\1/p')"
    if [ "$acct" = 999988887777 ]; then err AccessDenied AssumeRole; exit 254; fi
    printf 'ASIASTUB%s\tsecret\ttoken\n' "$acct" ;;
  "organizations describe-organization") echo '{"Organization": {"Id": "o-stub", "MasterAccountId": "111122223333"}}' ;;
  "organizations list-accounts")
    if [ "$n" = 1 ]; then err TooManyRequestsException ListAccounts; exit 254; fi
    echo '{"Accounts": [{"Id": "111122223333", "Name": "mgmt", "Email": "m@x", "Status": "ACTIVE"},
      {"Id": "222233334444", "Name": "member \"one\"", "Email": "o@x", "Status": "ACTIVE"},
      {"Id": "999988887777", "Name": "locked", "Email": "l@x", "Status": "ACTIVE"},
      {"Id": "555566667777", "Name": "closed", "Email": "c@x", "Status": "SUSPENDED"}]}' ;;
  "organizations list-parents") err AccessDenied ListParents; exit 254 ;;
  "iam generate-credential-report")
    if [ "$n" = 1 ]; then err LimitExceeded GenerateCredentialReport; exit 254; fi
    if [ "$n" = 2 ]; then echo '{"State": "STARTED", "Description": "No report exists."}'; else echo '{"State": "COMPLETE"}'; fi ;;
  "iam get-credential-report")
    if [ "$n" = 1 ]; then err ReportExpired GetCredentialReport; exit 254; fi
    echo '{"Content": "dXNlcgo=", "ReportFormat": "text/csv", "GeneratedTime": "2026-11-28T09:30:00+00:00"}' ;;
  "iam get-account-authorization-details") echo '{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}' ;;
  "iam list-virtual-mfa-devices") echo '{"VirtualMFADevices": [{"SerialNumber": "arn:aws:iam::111122223333:mfa/x", "Base32StringSeed": "SEEDSEED", "QRCodePNG": "iVBOR"}]}' ;;
  "iam list-users") echo '["alice", "b,o=b@x"]' ;;
  "iam list-mfa-devices") echo '{"MFADevices": []}' ;;
  "iam get-account-summary") echo '{"SummaryMap": {"Users": 2}}' ;;
  "iam get-account-password-policy")
    if [ "${STUB_POLICY:-none}" = none ]; then err NoSuchEntity GetAccountPasswordPolicy; else err AccessDenied GetAccountPasswordPolicy; fi
    exit 254 ;;
  *) echo "stub aws: unexpected call: $*" >&2; exit 2 ;;
esac
STUB
chmod +x "$tmp/stub/aws"
stub_collect() { PATH="$tmp/stub:$PATH" STUB_DIR="$tmp/stub" timeout 60 scripts/collect.sh --endpoint-url http://127.0.0.1:9 "$@"; }
say "collect.sh against a stub aws"
stub_collect "$tmp/stubout" 2>"$tmp/stub.log" || { cat "$tmp/stub.log" >&2; die "collect.sh failed against the stub"; }
sd="$tmp/stubout/111122223333"
[ "$(cat "$tmp/stub/generate-credential-report.n")" = 4 ] || die "expected 4 generate calls (LimitExceeded, STARTED, COMPLETE, COMPLETE after ReportExpired)"
[ "$(cat "$tmp/stub/get-credential-report.n")" = 2 ] || die "expected the report to be fetched again after ReportExpired"
grep -q dXNlcgo= "$sd/credential-report.json" || die "credential-report.json not saved"
! grep -q -e SEEDSEED -e iVBOR -e Base32StringSeed "$sd/virtual-mfa-devices.json" || die "seeds were saved"
grep -q 'mfa/x' "$sd/virtual-mfa-devices.json" || die "virtual-mfa-devices.json lost its device"
[ -f "$sd/mfa-devices-alice.json" ] && [ -f "$sd/mfa-devices-b,o=b@x.json" ] || die "per-user mfa-devices files missing"
grep -qx 'An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: stub' "$sd/password-policy.json" \
    || die "password-policy.json should hold the NoSuchEntity line"
! grep -v -- '--endpoint-url http://127.0.0.1:9' "$tmp/stub/calls" | grep -q . || die "a call went without --endpoint-url"
# Any other password-policy error fails the run and leaves the saved folder as it was.
rm -f "$tmp/stub"/*.n
set +e
STUB_POLICY=denied stub_collect "$tmp/stubout" 2>"$tmp/stub.log"; rc=$?
set -e
[ "$rc" = 1 ] || { cat "$tmp/stub.log" >&2; die "AccessDenied on the password policy should fail with 1, got $rc"; }
grep -q AccessDenied "$tmp/stub.log" || die "the AccessDenied error was not shown"
[ -f "$sd/mfa-devices-alice.json" ] && [ ! -e "$tmp/stubout/.111122223333.partial" ] || die "a failed run should keep the previous folder and clean up"
set +e
stub_collect 2>/dev/null; rc=$?
set -e
[ "$rc" = 2 ] || die "collect.sh without OUTDIR should exit 2, got $rc"
# --org against the stub: a throttled list-accounts is retried; the member is collected with its
# role's credentials; a denied role gives collection-error.json; OU paths unreadable -> null.
rm -f "$tmp/stub"/*.n
say "collect.sh --org against a stub aws"
set +e
stub_collect --org --parallel 1 "$tmp/stuborg" 2>"$tmp/stuborg.log"; rc=$?
set -e
[ "$rc" = 1 ] || { cat "$tmp/stuborg.log" >&2; die "collect.sh --org with a denied role should exit 1, got $rc"; }
if [ "$(cat "$tmp/stub/list-accounts.n")" != 2 ] || ! grep -q "throttled (TooManyRequestsException)" "$tmp/stuborg.log"; then
    cat "$tmp/stuborg.log" >&2; die "a throttled list-accounts should be retried once"
fi
grep -q -- '--role-arn arn:aws:iam::222233334444:role/OrganizationAccountAccessRole' "$tmp/stub/calls" \
    || die "the member's role was not assumed"
! grep -q -- 'role/OrganizationAccountAccessRole.*111122223333\|111122223333:role' "$tmp/stub/calls" \
    || die "the caller's own account must be collected with its own credentials"
python3 - "$tmp/stuborg" <<'PY' || die "organization.json from the stub is not as expected"
import json, os, sys
out = sys.argv[1]
doc = json.load(open(os.path.join(out, "organization.json")))
r = {a["id"]: a for a in doc["accounts"]}
assert doc["organizationId"] == "o-stub" and list(doc)[0] == "credlintOrganization", doc
assert r["111122223333"]["result"] == "collected" and r["222233334444"]["result"] == "collected", r
assert r["222233334444"]["name"] == 'member "one"' and r["222233334444"]["ouPath"] is None, r
assert r["999988887777"]["result"] == "failed" and r["999988887777"]["error"]["code"] == "AccessDenied", r
assert r["555566667777"] == {"id": "555566667777", "name": "closed", "email": "c@x", "status": "SUSPENDED", "ouPath": None,
                             "result": "skipped", "reason": "status SUSPENDED"}, r
err = json.load(open(os.path.join(out, "999988887777", "collection-error.json")))
assert err["credlintCollectionError"] == 1 and err["operation"] == "AssumeRole" and err["code"] == "AccessDenied", err
assert os.listdir(os.path.join(out, "999988887777")) == ["collection-error.json"]
assert os.path.exists(os.path.join(out, "222233334444", "credential-report.json"))
PY
set +e
stub_collect --org --parallel 0 "$tmp/stuborg" 2>/dev/null; rc=$?
set -e
[ "$rc" = 2 ] || die "collect.sh --org --parallel 0 should exit 2, got $rc"

# == 2. a moto server, an account built with the AWS CLI, collect.sh, credlint
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
endpoint="http://127.0.0.1:$port"
# AWS managed policies (AdministratorAccess) exist in moto only with this set.
MOTO_IAM_LOAD_MANAGED_POLICIES=true python3 -m moto.server -H 127.0.0.1 -p "$port" >"$tmp/moto.log" 2>&1 &
moto_pid=$!
say "moto_server (pid $moto_pid) on $endpoint"
for i in $(seq 1 60); do
    if curl -s -o /dev/null --max-time 2 "$endpoint/moto-api/" 2>/dev/null; then break; fi
    kill -0 "$moto_pid" 2>/dev/null || { cat "$tmp/moto.log" >&2; die "moto_server exited"; }
    [ "$i" = 60 ] && die "moto_server did not answer within 30 s"
    sleep 0.5
done

# Dummy credentials: nothing here can reach AWS.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=testing
export AWS_DEFAULT_REGION=us-east-1 AWS_DEFAULT_OUTPUT=json AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE
iam() { timeout 60 aws iam "$@" --endpoint-url "$endpoint"; }
admin_policy=arn:aws:iam::aws:policy/AdministratorAccess

say "building the account"
# ana.admin: admin through the Admins group, console password, one virtual MFA device.
iam create-group --group-name Admins >/dev/null
iam attach-group-policy --group-name Admins --policy-arn "$admin_policy"
iam create-user --user-name ana.admin >/dev/null
iam add-user-to-group --group-name Admins --user-name ana.admin
iam create-login-profile --user-name ana.admin --password 'Example-Passw0rd-1!' >/dev/null
serial="$(iam create-virtual-mfa-device --virtual-mfa-device-name ana.admin \
    --outfile "$tmp/seed.txt" --bootstrap-method Base32StringSeed --query VirtualMFADevice.SerialNumber --output text)"
rm -f "$tmp/seed.txt"
iam enable-mfa-device --user-name ana.admin --serial-number "$serial" \
    --authentication-code1 123456 --authentication-code2 654321
# ben.admin: AdministratorAccess attached directly, console password, no MFA.
iam create-user --user-name ben.admin >/dev/null
iam attach-user-policy --user-name ben.admin --policy-arn "$admin_policy"
iam create-login-profile --user-name ben.admin --password 'Example-Passw0rd-2!' >/dev/null
# carl.console: console user without MFA.
iam create-user --user-name carl.console --path /eng/ >/dev/null
iam create-login-profile --user-name carl.console --password 'Example-Passw0rd-3!' >/dev/null
# breakglass: AdministratorAccess, one access key that was never used.
iam create-user --user-name breakglass --path /emergency/ >/dev/null
iam attach-user-policy --user-name breakglass --policy-arn "$admin_policy"
iam create-access-key --user-name breakglass >/dev/null
# svc.deploy: a service user whose first key is in use and who got an extra one.
iam create-user --user-name svc.deploy >/dev/null
key="$(iam create-access-key --user-name svc.deploy --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)"
iam create-access-key --user-name svc.deploy >/dev/null
# moto records a key's last use when it sees a request signed with it.
AWS_ACCESS_KEY_ID="${key%%	*}" AWS_SECRET_ACCESS_KEY="${key#*	}" AWS_SESSION_TOKEN="" \
    timeout 60 aws sts get-caller-identity --endpoint-url "$endpoint" >/dev/null
# A virtual MFA device created and never assigned; no password policy at all.
iam create-virtual-mfa-device --virtual-mfa-device-name spare-token \
    --outfile "$tmp/seed.txt" --bootstrap-method Base32StringSeed >/dev/null
rm -f "$tmp/seed.txt"

say "collecting"
timeout 300 scripts/collect.sh --endpoint-url "$endpoint" --region us-east-1 "$tmp/exports" 2>"$tmp/collect.log" \
    || { cat "$tmp/collect.log" >&2; die "collect.sh failed"; }
account_dir="$tmp/exports/123456789012"
for f in credential-report.json account-authorization-details.json virtual-mfa-devices.json account-summary.json \
         password-policy.json mfa-devices-ana.admin.json mfa-devices-breakglass.json; do
    [ -s "$account_dir/$f" ] || die "collect.sh did not write $f"
done
! grep -q -e Base32StringSeed -e QRCodePNG "$account_dir/virtual-mfa-devices.json" \
    || die "virtual-mfa-devices.json holds MFA seeds"
grep -q '^An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation' "$account_dir/password-policy.json" \
    || die "password-policy.json does not hold the NoSuchEntity line"

# moto writes GeneratedTime 2015-02-02; the users were created just now.
as_of="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "credlint lint --as-of $as_of"
set +e
timeout 120 "$bin" lint "$tmp/exports" --as-of "$as_of" --format json --output "text=$tmp/credlint.txt" \
    --output "sarif=$tmp/credlint.sarif" --output "gitlab=$tmp/gitlab.json" >"$tmp/credlint.json" 2>"$tmp/credlint.err"
rc=$?
set -e
cat "$tmp/credlint.txt"
[ "$rc" = 1 ] || { cat "$tmp/credlint.err" >&2; die "expected exit 1 (findings at or above high), got $rc"; }

# The expected findings, from docs/rules.md:
#   CL201 ben.admin, carl.console    console password, no MFA
#   CL206 svc.deploy                 two active keys
#   CL209 ben.admin, breakglass      AdministratorAccess attached to the user
#   CL210 ana.admin                  console user whose only MFA device is virtual
#   CL302 ben.admin breakglass       admins without MFA (break-glass is not exempt from CL302: issue 14)
#   CL303 ana.admin                  admin with exactly one MFA device
#   CL305 account                    no role has AWSSupportAccess
#   CL403 breakglass [access_key_1]  break-glass key never used
#   CL501 account                    no password policy (the NoSuchEntity line)
#   CL502 account                    spare-token is assigned to no one
#   CL503 account                    GeneratedTime (2015, moto's constant) is years before --as-of
# Not expected: CL301 (two usable admins), CL401/CL402 (an admin break-glass user exists),
# CL202/CL203/CL204 (everything is minutes old), and no root finding (moto's report has no root row).
expected="CL201 ben.admin carl.console
CL206 svc.deploy
CL209 ben.admin breakglass
CL210 ana.admin
CL302 ben.admin breakglass
CL303 ana.admin
CL305 account
CL403 breakglass
CL501 account
CL502 account
CL503 account"
got="$(python3 - "$tmp/credlint.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
by_rule = {}
for f in doc["findings"]:
    who = "account" if f["principal"].startswith("account:") else f["principalName"]
    by_rule.setdefault(f["ruleId"], set()).add(who)
for rule in sorted(by_rule):
    print(rule, " ".join(sorted(by_rule[rule])))
EOF
)"
if [ "$got" != "$expected" ]; then
    echo "expected findings (rule: principals):" >&2; echo "$expected" >&2
    echo "found:" >&2; echo "$got" >&2
    die "the findings differ"
fi
python3 - "$tmp/credlint.json" <<'EOF' || die "a finding is about root"
import json, sys
doc = json.load(open(sys.argv[1]))
root = [f for f in doc["findings"] if f["principal"].endswith(":root") or f["ruleId"].startswith("CL1")]
sys.exit(1 if root else 0)
EOF
grep -q "no root row" "$tmp/credlint.txt" || die "the text output does not say the report has no root row"
# With --as-of report the clock is moto's GeneratedTime (2015), before every date in the report: credlint must say so.
set +e
timeout 120 "$bin" lint "$tmp/exports" --as-of report >"$tmp/credlint-no-as-of.txt" 2>&1
set -e
grep -q "GeneratedTime 2015-02-02T20:02:02Z is earlier than dates inside it" "$tmp/credlint-no-as-of.txt" \
    || { cat "$tmp/credlint-no-as-of.txt" >&2; die "with --as-of report, credlint does not note moto's GeneratedTime"; }
# By default the clock is now: moto's 2015 GeneratedTime makes the report stale (CL503).
set +e
timeout 120 "$bin" lint "$tmp/exports" --fail-on none >"$tmp/credlint-now.txt" 2>&1
set -e
if ! { grep -q "(current time)" "$tmp/credlint-now.txt" && grep -q " CL503 credential-report-stale: " "$tmp/credlint-now.txt"; }; then
    cat "$tmp/credlint-now.txt" >&2; die "by default, credlint does not measure against the current time"
fi
if [ -f ../shared/tools/sarif_check.py ]; then
    python3 ../shared/tools/sarif_check.py "$tmp/credlint.sarif" >/dev/null || die "the SARIF of the moto account does not validate"
fi
python3 - "$tmp/gitlab.json" "$tmp/credlint.json" <<'EOF' || die "the GitLab report does not match the JSON findings"
import json, sys
issues, doc = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert sorted(i["fingerprint"] for i in issues) == sorted(f["fingerprint"] for f in doc["findings"])
EOF
say "OK: $(printf '%s\n' "$got" | wc -l | tr -d ' ') rules fired as expected, exit 1, no root findings"

# == 3. an Organization on the same server: collect.sh --org, then credlint on the folder
org_start=$SECONDS
say "building an Organization"
# Built with boto3 in one process (moto's dependency): a CLI call costs about 2 s here, and
# only the collector has to go through the CLI.
org_setup="$(python3 - "$endpoint" "$admin_policy" <<'PY'
import json, sys, urllib.request
import boto3
endpoint, admin = sys.argv[1], sys.argv[2]
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
orgs, iam, sts = (boto3.client(s, **kw) for s in ("organizations", "iam", "sts"))
# The account of sections 1 and 2 (moto's 123456789012) becomes the management account.
orgs.create_organization(FeatureSet="ALL")
root = orgs.list_roots()["Roots"][0]["Id"]
def ou(parent, name): return orgs.create_organizational_unit(ParentId=parent, Name=name)["OrganizationalUnit"]["Id"]
workloads = ou(root, "Workloads")
placement = {"Payments-Prod": ou(workloads, "Prod"), "Data-Lake": workloads, "Sandbox-Team": ou(root, "Sandbox")}
ids = {}
for name, parent in placement.items():
    acct = orgs.create_account(Email=f"{name}@example.com", AccountName=name)["CreateAccountStatus"]["AccountId"]
    orgs.move_account(AccountId=acct, SourceParentId=root, DestinationParentId=parent)
    ids[name] = acct
    # moto ties assume-role's credentials to the role's account. create-account made the role,
    # trusting the management account, as AWS does; AWS also gives it AdministratorAccess.
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{acct}:role/OrganizationAccountAccessRole", RoleSessionName="setup")["Credentials"]
    member = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"],
                          aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
    member.attach_role_policy(RoleName="OrganizationAccountAccessRole", PolicyArn=admin)
    member.create_user(UserName=f"ops.{name}")
    member.create_login_profile(UserName=f"ops.{name}", Password="Example-Passw0rd-9!")
    member.attach_user_policy(UserName=f"ops.{name}", PolicyArn=admin)
# The collector: a user of the management account that may not assume the Sandbox-Team role.
iam.create_user(UserName="org-collector")
iam.attach_user_policy(UserName="org-collector", PolicyArn=admin)
deny = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "sts:AssumeRole",
        "Resource": f"arn:aws:iam::{ids['Sandbox-Team']}:role/OrganizationAccountAccessRole"}]}
iam.put_user_policy(UserName="org-collector", PolicyName="no-sandbox", PolicyDocument=json.dumps(deny))
key = iam.create_access_key(UserName="org-collector")["AccessKey"]
# From here on moto checks every request's signature and policies, as AWS does.
req = urllib.request.Request(endpoint + "/moto-api/reset-auth", data=b"0", headers={"Content-Type": "text/plain"})
assert json.load(urllib.request.urlopen(req, timeout=10))["status"] == "ok"
print(ids["Payments-Prod"], ids["Data-Lake"], ids["Sandbox-Team"], key["AccessKeyId"], key["SecretAccessKey"])
PY
)" || die "could not build the Organization"
read -r payments datalake sandbox ckey csecret <<<"$org_setup"
declare -A member_id=([Payments-Prod]="$payments" [Data-Lake]="$datalake" [Sandbox-Team]="$sandbox")

say "collect.sh --org"
set +e
AWS_ACCESS_KEY_ID="$ckey" AWS_SECRET_ACCESS_KEY="$csecret" AWS_SESSION_TOKEN="" timeout 300 \
    scripts/collect.sh --org --endpoint-url "$endpoint" --region us-east-1 --parallel 3 "$tmp/org" 2>"$tmp/collect-org.log"
rc=$?
set -e
[ "$rc" = 1 ] || { cat "$tmp/collect-org.log" >&2; die "collect.sh --org should exit 1 (one account failed), got $rc"; }
python3 - "$tmp/org/organization.json" "$sandbox" <<'PY' || { cat "$tmp/collect-org.log" >&2; die "organization.json is not as expected"; }
import json, sys
doc, sandbox = json.load(open(sys.argv[1])), sys.argv[2]
assert list(doc)[0] == "credlintOrganization", "the marker must come first"
assert doc["managementAccountId"] == "123456789012" and doc["organizationId"].startswith("o-"), doc
by_id = {a["id"]: a for a in doc["accounts"]}
assert len(by_id) == 4, by_id
paths = {a["name"]: a["ouPath"] for a in doc["accounts"]}
assert paths["Payments-Prod"] == "Root/Workloads/Prod" and paths["Data-Lake"] == "Root/Workloads", paths
assert paths["Sandbox-Team"] == "Root/Sandbox", paths
for a in doc["accounts"]:
    if a["id"] == sandbox:
        assert a["result"] == "failed" and a["error"]["code"] == "AccessDenied", a
    else:
        assert a["result"] == "collected", a
PY
[ -f "$tmp/org/$sandbox/collection-error.json" ] || die "the failed account has no collection-error.json"
for name in Payments-Prod Data-Lake; do
    [ -s "$tmp/org/${member_id[$name]}/credential-report.json" ] || die "$name was not collected"
    grep -q "ops.$name" "$tmp/org/${member_id[$name]}/account-authorization-details.json" || die "$name's data is not its own"
done
[ -s "$tmp/org/123456789012/credential-report.json" ] || die "the management account was not collected"

say "credlint lint on the Organization folder"
set +e
timeout 120 "$bin" lint "$tmp/org" --as-of "$as_of" >"$tmp/org-lint.txt" 2>"$tmp/org-lint.err"
rc=$?
set -e
[ "$rc" = 2 ] || { cat "$tmp/org-lint.err" >&2; die "the failed account should fail the gate with exit 2, got $rc"; }
grep -q "collection-error.json:1:1: error: account $sandbox Sandbox-Team (Root/Sandbox) was not collected (collection failed: AccessDenied" \
    "$tmp/org-lint.err" || { cat "$tmp/org-lint.err" >&2; die "the error does not name the failed account"; }
[ ! -s "$tmp/org-lint.txt" ] || die "an input error must leave no report on standard output"
set +e
timeout 120 "$bin" lint "$tmp/org" --as-of "$as_of" --allow-missing account --format json \
    --output "text=$tmp/org-lint.txt" --output "sarif=$tmp/org.sarif" >"$tmp/org-lint.json" 2>"$tmp/org-lint.err"
rc=$?
set -e
[ "$rc" = 1 ] || { cat "$tmp/org-lint.err" >&2; die "with --allow-missing account expected exit 1 (findings), got $rc"; }
grep -q "1 account of the Organization not linted (allowed by --allow-missing account): $sandbox Sandbox-Team (Root/Sandbox): collection failed: AccessDenied" \
    "$tmp/org-lint.txt" || { cat "$tmp/org-lint.txt" >&2; die "the summary does not state the account left out"; }
for label in "123456789012 master" "${member_id[Payments-Prod]} Payments-Prod (Root/Workloads/Prod)" "${member_id[Data-Lake]} Data-Lake (Root/Workloads)"; do
    grep -q "^Account $label" "$tmp/org-lint.txt" || { grep '^Account' "$tmp/org-lint.txt" >&2; die "the text output does not name account $label"; }
done
python3 - "$tmp/org-lint.json" "$tmp/org.sarif" "$sandbox" <<'PY' || die "the JSON or SARIF output does not carry every account's name"
import json, sys
doc, sarif, sandbox = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
names = {a["accountId"]: a.get("accountName") for a in doc["accounts"]}
assert sorted(n for n in names.values() if n) == ["Data-Lake", "Payments-Prod", "master"], names
assert [m["accountId"] for m in doc["organization"]["missingAccounts"]] == [sandbox], doc["organization"]
assert "Sandbox-Team" in doc["organization"]["missingAccounts"][0]["label"]
seen = {r["properties"]["accountId"]: r["properties"].get("accountName") for r in sarif["runs"][0]["results"]}
assert set(seen) == set(names) and all(seen[a] == names[a] for a in seen), seen
PY
if [ -f ../shared/tools/sarif_check.py ]; then
    python3 ../shared/tools/sarif_check.py "$tmp/org.sarif" >/dev/null || die "the Organization's SARIF does not validate"
fi
# --accounts on lint: only the named account is linted, and the failed one is not asked for.
timeout 120 "$bin" lint "$tmp/org" --as-of "$as_of" --accounts "${member_id[Data-Lake]}" --fail-on none >"$tmp/org-one.txt" \
    || die "lint --accounts on one collected account should pass"
[ "$(grep -c '^Account ' "$tmp/org-one.txt")" = 1 ] || die "--accounts should lint exactly one account"
say "OK: Organization of 4 accounts collected (1 failed as planned), gate exit 2, --allow-missing account exit 1; section took $((SECONDS - org_start)) s"
