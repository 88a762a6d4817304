#!/usr/bin/env bash
# Validates credlint's bundled sample data (runs in CI; needs only python3).
#  1. every XML file is well-formed (xml.dom.minidom) and every JSON file parses (json.tool);
#  2. every base64 credential report decodes to a well-formed 22-column report
#     (exact header, <root_account> first, LF only, no newline after the last row),
#     byte-identical to the sibling credential-report.csv where there is one;
#  3. risky-json holds the same report as risky, with account 333333333333;
#  4. names, unique-id prefixes and ARNs are consistent, and no access key id appears;
#  5. make-samples.py regenerates exactly the committed files.
set -euo pipefail
cd "$(dirname "$0")"

fail=0
count=0
while IFS= read -r -d '' f; do
    count=$((count + 1))
    python3 -c 'import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])' "$f" \
        || { echo "not well-formed XML: $f" >&2; fail=1; }
done < <(find . -name '*.xml' -print0 | sort -z)
while IFS= read -r -d '' f; do
    count=$((count + 1))
    python3 -m json.tool "$f" > /dev/null || { echo "not valid JSON: $f" >&2; fail=1; }
done < <(find . -name '*.json' -print0 | sort -z)
echo "parsed $count XML/JSON files"

python3 - <<'EOF' || fail=1
import base64, binascii, glob, json, os, re, sys
import xml.dom.minidom as minidom

HEADER = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
          "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
          "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
          "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
          "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
          "cert_1_last_rotated,cert_2_active,cert_2_last_rotated")
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")
NAME = re.compile(r"^[\w+=,.@-]{1,64}$")
errors = []

def err(msg):
    errors.append(msg)

def text(node, tag):
    els = node.getElementsByTagName(tag)
    return els[0].firstChild.data if els and els[0].firstChild else None

def check_csv(label, data):
    if b"\r" in data: err(f"{label}: CR in report")
    if data.endswith(b"\n"): err(f"{label}: newline after the last row")
    lines = data.decode("utf-8").split("\n")
    if lines[0] != HEADER: err(f"{label}: header differs from the 22-column header")
    if len(lines) < 2 or not lines[1].startswith("<root_account>,"): err(f"{label}: root row is not first")
    for n, line in enumerate(lines[1:], start=2):
        cols = line.split(",")
        if len(cols) != 22: err(f"{label}:{n}: {len(cols)} fields, expected 22"); continue
        root = cols[0] == "<root_account>"
        if not root and not NAME.match(cols[0]): err(f"{label}:{n}: bad user name {cols[0]!r}")
        if root and cols[3] != "not_supported": err(f"{label}:{n}: root password_enabled is {cols[3]}")
        for i in (2, 4, 5, 6, 9, 10, 14, 15, 19, 21):
            v = cols[i]
            if not (DATE.match(v) or v in ("N/A", "no_information", "not_supported")):
                err(f"{label}:{n}: column {i + 1} has {v!r}")
        for i in (7, 8, 13, 18, 20):
            if cols[i] not in ("true", "false"): err(f"{label}:{n}: column {i + 1} has {cols[i]!r}")
    return lines

reports = {}
def parse(path):
    try:
        return minidom.parse(path)
    except Exception:  # already reported as not well-formed
        return None

for path in sorted(glob.glob("*/GetCredentialReport.xml")):
    dom = parse(path)
    if dom is None: continue
    try:
        data = base64.b64decode(text(dom, "Content"), validate=True)
    except (binascii.Error, TypeError) as e:
        err(f"{path}: Content is not base64 ({e})"); continue
    if text(dom, "ReportFormat") != "text/csv": err(f"{path}: ReportFormat")
    if text(dom, "GeneratedTime") != "2026-11-28T09:30:00Z": err(f"{path}: GeneratedTime")
    check_csv(path, data)
    reports[os.path.dirname(path)] = data
    bare = os.path.join(os.path.dirname(path), "credential-report.csv")
    if os.path.exists(bare):
        with open(bare, "rb") as f:
            if f.read() != data: err(f"{path}: Content does not decode to {bare}")
for path in sorted(glob.glob("*/credential-report.json")):
    with open(path) as f:
        j = json.load(f)
    data = base64.b64decode(j["Content"], validate=True)
    if j.get("ReportFormat") != "text/csv" or j.get("GeneratedTime") != "2026-11-28T09:30:00+00:00":
        err(f"{path}: ReportFormat/GeneratedTime")
    check_csv(path, data)
    reports[os.path.dirname(path)] = data
for path in sorted(glob.glob("*/credential-report.csv")):
    with open(path, "rb") as f:
        check_csv(path, f.read())

if "risky" in reports and "risky-json" in reports:
    if reports["risky"].replace(b"222222222222", b"333333333333") != reports["risky-json"]:
        err("risky-json's report is not risky's report with account 333333333333")

# Ids, names and ARNs across every file of an account.
ids = {"UserId": "AIDA", "GroupId": "AGPA", "RoleId": "AROA", "PolicyId": "ANPA"}
for d in sorted(reports):
    acct = re.search(rb"arn:aws:iam::(\d{12}):root", reports[d]).group(1).decode()
    report_arns = {line.split(",")[0]: line.split(",")[1]
                   for line in reports[d].decode().split("\n")[1:]}
    seen_arns = {}
    for path in sorted(glob.glob(f"{d}/*")):
        if not path.endswith((".xml", ".json")): continue
        with open(path, encoding="utf-8") as f:
            body = f.read()
        if re.search(r"\b(AKIA|ASIA)[A-Z0-9]{16}\b", body): err(f"{path}: contains an access key id")
        for other in re.findall(r"arn:aws:iam::(\d{12}):", body):
            if other != acct: err(f"{path}: ARN of account {other}, expected {acct}")
        if path.endswith(".json"):
            def walk(v):
                if isinstance(v, dict):
                    yield v
                    for x in v.values(): yield from walk(x)
                elif isinstance(v, list):
                    for x in v: yield from walk(x)
            with open(path) as f:
                objs = list(walk(json.load(f)))
            get = lambda o, k: o.get(k)
        else:
            dom = parse(path)
            if dom is None: continue
            objs = [e for e in dom.getElementsByTagName("*")
                    if any(c.nodeType == c.ELEMENT_NODE for c in e.childNodes)]
            get = lambda o, k: next((c.firstChild.data for c in o.childNodes
                                     if c.nodeType == c.ELEMENT_NODE and c.tagName == k and c.firstChild), None)
        for o in objs:
            for k, prefix in ids.items():
                v = get(o, k)
                if v is not None and v != acct and not re.fullmatch(prefix + r"[A-Z2-7]{17}", v):
                    err(f"{path}: {k} {v!r} is not {prefix} + 17 characters")
            name, arn = get(o, "UserName"), get(o, "Arn")
            if name is not None:
                if not NAME.match(name): err(f"{path}: bad user name {name!r}")
                if arn is not None:
                    if seen_arns.setdefault(name, arn) != arn: err(f"{path}: {name} has two ARNs")
                    if name in report_arns and report_arns[name] != arn:
                        err(f"{path}: {name} is {arn} here but {report_arns[name]} in the report")

for e in errors:
    print(e, file=sys.stderr)
print(f"checked {len(reports)} credential reports, {len(errors)} problems")
sys.exit(1 if errors else 0)
EOF

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 make-samples.py "$tmp"
for d in healthy risky risky-json; do
    diff -r "$tmp/$d" "$d" > "$tmp/diff.txt" || {
        echo "samples/$d differs from what make-samples.py writes:" >&2; cat "$tmp/diff.txt" >&2; fail=1; }
done
[ "$fail" -eq 0 ] && echo "samples OK"
exit "$fail"
