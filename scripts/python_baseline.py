#!/usr/bin/env python3
"""The kind of script credlint replaces: the credential-report checks written
directly over Python's csv module. Used only as the baseline in
scripts/bench.sh (docs/performance.md); it is not part of credlint.

Implements the logic of CL101, CL102, CL104, CL105 and CL201-CL208 (CL103
needs the MFA device lists, which a bare report does not have, so credlint
skips it too). Findings are written as JSON lines to OUT, one per finding,
with a rendered message, as a fair stand-in for credlint's JSON output.

usage: python_baseline.py REPORT.csv OUT.jsonl [--as-of 2026-01-01T00:00:00Z]
"""
import csv
import json
import sys
from datetime import datetime, timedelta, timezone

DAY = timedelta(days=1)
BREAK_GLASS_PREFIXES = ("break-glass", "breakglass", "emergency-access")


def parse_time(s):
    if s in ("N/A", "no_information", "not_supported", ""):
        return None
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def parse_bool(s):
    if s == "true":
        return True
    if s == "false":
        return False
    return None  # not_supported, N/A


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, out_path = sys.argv[1], sys.argv[2]
    as_of = datetime.now(timezone.utc)
    if len(sys.argv) >= 5 and sys.argv[3] == "--as-of":
        as_of = datetime.fromisoformat(sys.argv[4].replace("Z", "+00:00"))

    findings = 0
    rows = 0
    with open(path, newline="", encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
        def emit(rule, severity, row, slot, message, **props):
            nonlocal findings
            findings += 1
            out.write(json.dumps({"ruleId": rule, "severity": severity, "principal": row["arn"],
                                  "principalName": row["user"], "slot": slot, "message": message,
                                  "properties": props}, sort_keys=True))
            out.write("\n")

        for row in csv.DictReader(f):
            rows += 1
            name = row["user"]
            is_root = name == "<root_account>" or row["arn"].endswith(":root")
            pw = parse_bool(row["password_enabled"])
            pw_used = parse_time(row["password_last_used"])
            pw_changed = parse_time(row["password_last_changed"])
            created = parse_time(row["user_creation_time"])
            mfa = parse_bool(row["mfa_active"])
            keys = []
            for n in (1, 2):
                active = parse_bool(row.get(f"access_key_{n}_active", "false"))
                rotated = parse_time(row.get(f"access_key_{n}_last_rotated", "N/A"))
                used = parse_time(row.get(f"access_key_{n}_last_used_date", "N/A"))
                if active or rotated is not None:
                    keys.append((n, active, rotated, used))
            certs = [n for n in (1, 2) if parse_bool(row.get(f"cert_{n}_active", "false"))]
            active_keys = [k for k in keys if k[1]]
            lower = name.lower()
            break_glass = not is_root and lower.startswith(BREAK_GLASS_PREFIXES)
            # Break-glass users without a password are exempt from the hygiene rules.
            exempt = break_glass and pw is False

            if is_root:
                for n, active, rotated, used in active_keys:
                    emit("CL101", "critical", row, f"access_key_{n}",
                         f"The root user '{name}' has active access key {n}.",
                         key_age_days=str((as_of - rotated) // DAY) if rotated else "n/a")
                if mfa is False and (pw or pw is None):
                    emit("CL102", "critical", row, "", f"The root user '{name}' has a console password and no MFA device enabled.")
                last = max([t for t in [pw_used] + [k[3] for k in keys] if t is not None], default=None)
                if last is not None and as_of - last <= 90 * DAY:
                    emit("CL104", "high", row, "", f"The root user '{name}' was last used on {last.date()}.",
                         days_since_use=str((as_of - last) // DAY))
                if certs:
                    emit("CL105", "high", row, "", f"The root user '{name}' has active signing certificate "
                         + " and ".join(map(str, certs)) + ".")
                continue

            if pw and mfa is False:
                emit("CL201", "high", row, "", f"IAM user '{name}' can sign in to the console with a password but has no MFA device enabled.",
                     days_since_password_use=str((as_of - pw_used) // DAY) if pw_used else "n/a")
            if exempt:
                continue
            if pw:
                ref = pw_used or pw_changed or created
                if ref is not None and as_of - ref > 45 * DAY:
                    emit("CL202", "medium", row, "password", f"The console password of '{name}' was last used {(as_of - ref) // DAY} days ago.",
                         days_unused=str((as_of - ref) // DAY), never_used=str(pw_used is None).lower())
            for n, active, rotated, used in active_keys:
                ref = used or rotated
                if ref is not None and as_of - ref > 45 * DAY:
                    emit("CL203", "medium", row, f"access_key_{n}", f"Access key {n} of '{name}' was last used {(as_of - ref) // DAY} days ago, and is still active.",
                         days_unused=str((as_of - ref) // DAY))
                if rotated is not None and 90 * DAY < as_of - rotated <= 365 * DAY:
                    emit("CL204", "medium", row, f"access_key_{n}", f"Access key {n} of '{name}' was created on {rotated.date()}, and is still active.",
                         key_age_days=str((as_of - rotated) // DAY))
                if rotated is not None and as_of - rotated > 365 * DAY:
                    emit("CL205", "high", row, f"access_key_{n}", f"Access key {n} of '{name}' was created on {rotated.date()}, and is still active.",
                         key_age_days=str((as_of - rotated) // DAY))
                if used is None and pw:
                    emit("CL207", "low", row, f"access_key_{n}", f"Access key {n} of console user '{name}' is active but has never been used.")
            if len(active_keys) > 1:
                emit("CL206", "medium", row, "", f"IAM user '{name}' has {len(active_keys)} active access keys.",
                     active_keys=str(len(active_keys)))
            if pw and active_keys:
                emit("CL208", "low", row, "", f"IAM user '{name}' has a console password and {len(active_keys)} active access keys.",
                     active_keys=str(len(active_keys)))

    print(f"python baseline: {rows} rows, {findings} findings", file=sys.stderr)


if __name__ == "__main__":
    main()
