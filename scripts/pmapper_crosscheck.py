"""Cross-check credlint's admin analysis against PMapper (principalmapper), an independent implementation.

Run it through scripts/pmapper-crosscheck.sh, which makes the venv. For each account folder:
  1. read the exported GetAccountAuthorizationDetails (IAM Query API XML pages or awscli JSON);
  2. recreate the account in moto's in-process IAM mock through the IAM API (boto3), so PMapper
     reads it the way it reads a live account: through botocore, paginating GetAccountAuthorizationDetails;
  3. run PMapper's graph creation (every edge checker, one region) and read `is_admin` and the
     privilege-escalation path of each principal (what `pmapper query 'preset privesc *'` prints);
  4. compare with `credlint inspect` on the same folder and print a sorted table.

It is a report, not a gate: exit 0 after printing, whatever the verdicts; 3 when the tooling
itself fails (an input that cannot be read, moto refusing the account, PMapper crashing).
"""

import argparse
import collections
import collections.abc
import contextlib
import glob
import io
import json
import logging
import os
import sys
import urllib.parse
import xml.etree.ElementTree as ET

# The shim: principalmapper 1.1.5 (the latest on PyPI) imports Mapping and MutableMapping from
# `collections`, where Python 3.10 removed them (they live in collections.abc since 3.3). That is
# the only import of it that breaks on 3.11-3.13; it does not use imp, distutils or pkg_resources.
for _name in ("Mapping", "MutableMapping"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

# Dummy credentials and one region before boto3/botocore load: nothing here may reach AWS.
os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    # AWS managed policies come from the export (their documents as exported), not from moto's bundled copy.
    "MOTO_IAM_LOAD_MANAGED_POLICIES": "false",
})

import boto3  # noqa: E402
import botocore.session  # noqa: E402
from moto import mock_aws  # noqa: E402
from moto.iam import policy_validation  # noqa: E402
from moto.iam.models import AWSManagedPolicy, iam_backends  # noqa: E402
from principalmapper.graphing import gathering  # noqa: E402
from principalmapper.graphing.edge_identification import checker_map  # noqa: E402
from principalmapper.querying.presets.privesc import can_privesc  # noqa: E402

REGION = "us-east-1"
DOCUMENT_KEYS = {"PolicyDocument", "AssumeRolePolicyDocument", "Document"}
LIST_KEYS = {"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"}


# AWS accepted every exported document already; moto's validator is stricter than AWS (it refuses
# `arn:aws:iam::*:*`, which AWS takes), and a refusal would hide exactly the cases worth checking.
for _validator in (policy_validation.IAMPolicyDocumentValidator, policy_validation.IAMTrustPolicyDocumentValidator):
    _validator.validate = lambda self: None


class ToolError(Exception):
    """The tooling failed (not a verdict): the script exits 3."""


# == reading the export ==================================================================

def _xml_value(elem):
    """An IAM Query API element as JSON-like data: <member> children make a list, leaves are text."""
    children = list(elem)
    if not children:
        return elem.text or ""
    if all(_local(c.tag) == "member" for c in children):
        return [_xml_value(c) for c in children]
    return {_local(c.tag): _xml_value(c) for c in children}


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _document(value):
    """Policy documents: URL-encoded JSON in XML, an object (or sometimes a string) in awscli JSON."""
    if isinstance(value, dict):
        return value
    text = value
    if "%" in text and not text.lstrip().startswith("{"):
        text = urllib.parse.unquote(text)
    return json.loads(text)


def _normalise(node):
    """XML gives every leaf as text: decode documents and the booleans PMapper tests with `if`."""
    if isinstance(node, list):
        return [_normalise(x) for x in node]
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in DOCUMENT_KEYS:
                out[key] = _document(value)
            elif key == "IsDefaultVersion" and isinstance(value, str):
                out[key] = value.lower() == "true"
            else:
                out[key] = _normalise(value)
        return out
    return node


def read_authorization_details(folder):
    """Every GetAccountAuthorizationDetails page in the folder, merged (by ARN: pages do not overlap)."""
    merged = {key: {} for key in LIST_KEYS}
    sources = []
    for path in sorted(glob.glob(os.path.join(folder, "*.xml")) + glob.glob(os.path.join(folder, "*.json"))):
        page = None
        if path.endswith(".xml"):
            try:
                root = ET.parse(path).getroot()
            except ET.ParseError:
                continue
            if _local(root.tag) != "GetAccountAuthorizationDetailsResponse":
                continue
            result = next(c for c in root if _local(c.tag) == "GetAccountAuthorizationDetailsResult")
            page = _xml_value(result)
        else:
            try:
                with open(path, encoding="utf-8") as f:
                    data = json.load(f)
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(data, dict) and LIST_KEYS & data.keys():
                page = data
        if page is None:
            continue
        sources.append(path)
        page = _normalise(page)
        for key in LIST_KEYS:
            for item in page.get(key) or []:
                if isinstance(item, dict):
                    merged[key][item["Arn"]] = item
    if not sources:
        return None, []
    return {key: [merged[key][arn] for arn in sorted(merged[key])] for key in LIST_KEYS}, sources


def account_of(details):
    for key in ("UserDetailList", "RoleDetailList", "GroupDetailList"):
        for item in details[key]:
            return item["Arn"].split(":")[4]
    for item in details["Policies"]:
        if item["Arn"].split(":")[4] != "aws":
            return item["Arn"].split(":")[4]
    raise ToolError("no principal or customer managed policy to take the account id from")


# == loading the account into moto ==========================================================

def _tags(item):
    return [{"Key": t["Key"], "Value": t.get("Value", "")} for t in item.get("Tags") or []]


def load_into_moto(details, account, credentials):
    """Recreate the export through the IAM API. AWS managed policies cannot be created through the
    API, so those (with the document the export holds) go straight into moto's backend."""
    iam = boto3.client("iam", region_name=REGION)
    backend = iam_backends[account]["aws"]
    for policy in details["Policies"]:
        versions = sorted(policy.get("PolicyVersionList") or [], key=lambda v: int(str(v["VersionId"]).lstrip("v")))
        default = [v for v in versions if v.get("IsDefaultVersion")]
        if not default:
            raise ToolError(f"policy {policy['Arn']} has no default version in the export")
        if policy["Arn"].split(":")[4] == "aws":
            managed = AWSManagedPolicy(policy["PolicyName"], account_id=account, region=REGION,
                                       default_version_id="v1", path=policy.get("Path", "/"),
                                       document=json.dumps(default[0]["Document"]))
            if managed.arn != policy["Arn"]:
                raise ToolError(f"AWS managed policy {policy['Arn']} would be {managed.arn} in moto")
            backend.aws_managed_policies.append(managed)
            backend.managed_policies[managed.arn] = managed
            continue
        # Every exported version, in order, with the exported default (PMapper reads the default only).
        arn = iam.create_policy(PolicyName=policy["PolicyName"], Path=policy.get("Path", "/"),
                                PolicyDocument=json.dumps(versions[0]["Document"]))["Policy"]["Arn"]
        if arn != policy["Arn"]:
            raise ToolError(f"policy {policy['Arn']} became {arn} in moto")
        for version in versions[1:]:
            iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(version["Document"]))
        default_id = "v%d" % (versions.index(default[0]) + 1)
        if default_id != "v1":  # moto 5.2.5 clears the flag when v1 is set default again
            iam.set_default_policy_version(PolicyArn=arn, VersionId=default_id)

    for group in details["GroupDetailList"]:
        name = group["GroupName"]
        iam.create_group(GroupName=name, Path=group.get("Path", "/"))
        for inline in group.get("GroupPolicyList") or []:
            iam.put_group_policy(GroupName=name, PolicyName=inline["PolicyName"],
                                 PolicyDocument=json.dumps(inline["PolicyDocument"]))
        for attached in group.get("AttachedManagedPolicies") or []:
            iam.attach_group_policy(GroupName=name, PolicyArn=attached["PolicyArn"])

    for user in details["UserDetailList"]:
        name = user["UserName"]
        args = {"UserName": name, "Path": user.get("Path", "/")}
        if _tags(user):
            args["Tags"] = _tags(user)
        iam.create_user(**args)
        for group_name in user.get("GroupList") or []:
            iam.add_user_to_group(UserName=name, GroupName=group_name)
        for inline in user.get("UserPolicyList") or []:
            iam.put_user_policy(UserName=name, PolicyName=inline["PolicyName"],
                                PolicyDocument=json.dumps(inline["PolicyDocument"]))
        for attached in user.get("AttachedManagedPolicies") or []:
            iam.attach_user_policy(UserName=name, PolicyArn=attached["PolicyArn"])
        # moto 5.2.5 has no user permissions boundaries (PutUserPermissionsBoundary is not
        # implemented): _moto_gaps hands the exported one to PMapper.
        # Passwords and keys come from the credential report (credlint inspect): PMapper's
        # CreateLoginProfile/UpdateLoginProfile and CreateAccessKey edges look at them.
        password, keys = credentials.get(user["Arn"], (False, 0))
        if password:
            iam.create_login_profile(UserName=name, Password="Cr0ss-check-only!")
        for _ in range(keys):
            iam.create_access_key(UserName=name)

    profiles = {}
    for role in details["RoleDetailList"]:
        name = role["RoleName"]
        args = {"RoleName": name, "Path": role.get("Path", "/"),
                "AssumeRolePolicyDocument": json.dumps(role["AssumeRolePolicyDocument"])}
        boundary = (role.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn")
        if boundary:
            args["PermissionsBoundary"] = boundary
        if _tags(role):
            args["Tags"] = _tags(role)
        iam.create_role(**args)
        for inline in role.get("RolePolicyList") or []:
            iam.put_role_policy(RoleName=name, PolicyName=inline["PolicyName"],
                                PolicyDocument=json.dumps(inline["PolicyDocument"]))
        for attached in role.get("AttachedManagedPolicies") or []:
            iam.attach_role_policy(RoleName=name, PolicyArn=attached["PolicyArn"])
        for profile in role.get("InstanceProfileList") or []:
            if profile["InstanceProfileName"] not in profiles:
                iam.create_instance_profile(InstanceProfileName=profile["InstanceProfileName"],
                                            Path=profile.get("Path", "/"))
                profiles[profile["InstanceProfileName"]] = True
            iam.add_role_to_instance_profile(InstanceProfileName=profile["InstanceProfileName"], RoleName=name)

    # The round trip must not lose anything: compare what moto now returns with the export.
    back = {key: set() for key in ("UserDetailList", "GroupDetailList", "RoleDetailList")}
    for page in iam.get_paginator("get_account_authorization_details").paginate():
        for key in back:
            back[key].update(item["Arn"] for item in page[key])
    for key in back:
        want = {item["Arn"] for item in details[key]}
        if back[key] != want:
            raise ToolError(f"moto lost or renamed {key} entries: {sorted(want ^ back[key])}")


# == PMapper ================================================================================

def _moto_gaps(details):
    """A botocore hook that puts back, from the export, the two fields moto 5.2.5 cannot return in
    GetAccountAuthorizationDetails: each managed policy's PolicyName (AWS sends it, moto leaves it
    out, PMapper needs it) and each user's PermissionsBoundary (moto has no user boundaries)."""
    names = {p["Arn"]: p["PolicyName"] for p in details["Policies"]}
    boundaries = {u["Arn"]: u["PermissionsBoundary"] for u in details["UserDetailList"] if u.get("PermissionsBoundary")}

    def hook(parsed, **_):
        for policy in parsed.get("Policies") or []:
            policy.setdefault("PolicyName", names.get(policy["Arn"], policy["Arn"].rsplit("/", 1)[-1]))
        for user in parsed.get("UserDetailList") or []:
            if user["Arn"] in boundaries and "PermissionsBoundary" not in user:
                user["PermissionsBoundary"] = boundaries[user["Arn"]]
    return hook


def run_pmapper(details):
    """PMapper's graph, as `pmapper graph create` builds it (every edge checker; one region, as
    the account has no resources elsewhere), and its verdict per principal."""
    session = botocore.session.get_session()
    session.register("after-call.iam.GetAccountAuthorizationDetails", _moto_gaps(details))
    with contextlib.redirect_stdout(io.StringIO()):
        graph = gathering.create_graph(session, sorted(checker_map), region_allow_list=[REGION])
    verdicts = {}
    for node in graph.nodes:
        path = []
        if not node.is_admin:
            found, edges = can_privesc(graph, node)
            if found:
                path = [edge.describe_edge() for edge in edges]
        verdicts[node.arn] = {"admin": bool(node.is_admin), "privesc": path}
    edges = sorted(edge.describe_edge() for edge in graph.edges)
    return verdicts, edges


# == credlint ===============================================================================

def credlint_view(inspect_json, account):
    """Per principal ARN: isAdmin (True/False/None), escalation (list, or None when credlint does not
    print the field), and the paths. Missing keys are read as "not printed", never as "no"."""
    principals = {}
    credentials = {}
    for acct in inspect_json.get("accounts") or []:
        if acct.get("accountId") != account:
            continue
        for kind in ("users", "roles"):
            for p in acct.get(kind) or []:
                arn = p.get("arn")
                if not arn or p.get("isRoot"):
                    continue
                admin = p.get("admin")
                entry = {"isAdmin": None, "escalation": None, "paths": [], "printed": admin is not None}
                if isinstance(admin, dict):
                    entry["isAdmin"] = admin.get("isAdmin")
                    entry["paths"] = [str(x) for x in admin.get("paths") or []]
                    if "escalation" in admin:
                        entry["escalation"] = admin.get("escalation") or []
                if "escalation" in p:
                    entry["escalation"] = p.get("escalation") or []
                principals[arn] = entry
                if kind == "users":
                    keys = sum(1 for k in p.get("accessKeys") or [] if isinstance(k, dict) and k.get("exists") is True)
                    credentials[arn] = (p.get("passwordEnabled") is True, keys)
    return principals, credentials


def _escalation_text(item):
    if isinstance(item, str):
        return item
    return json.dumps(item, sort_keys=True)


# == the comparison =========================================================================

def _fmt(value):
    return {True: "true", False: "false", None: "null"}.get(value, str(value))


def admin_verdict(p, c):
    if p is None or c is None:
        return "only-" + ("credlint" if p is None else "pmapper")
    if c["isAdmin"] is None:
        return "unknown"
    if c["isAdmin"] == p["admin"]:
        return "agree"
    if p["admin"] and c["escalation"]:
        # PMapper's is_admin includes "can make itself admin through IAM" (PutUserPolicy on
        # itself, AttachGroupPolicy on its group, ...); credlint reports those as escalation.
        return "agree (PMapper admin = credlint escalation)"
    return "DISAGREE"


def escalation_verdict(p, c):
    """Only for principals PMapper does not call admin: does a path to an admin exist?"""
    if p is None or c is None or p["admin"]:
        return "-"
    if c["escalation"] is None:
        return "not compared" if p["privesc"] else "-"
    return "agree" if bool(p["privesc"]) == bool(c["escalation"]) else "DISAGREE"


def compare(pm, cl):
    rows = []
    disagreements = []
    for arn in sorted(set(pm) | set(cl)):
        name = arn.split(":", 5)[5]
        p, c = pm.get(arn), cl.get(arn)
        pm_admin = "absent" if p is None else _fmt(p["admin"])
        cl_admin = "absent" if c is None else _fmt(c["isAdmin"])
        pm_esc = "absent" if p is None else ("-" if p["admin"] else ("yes" if p["privesc"] else "no"))
        cl_esc = "n/a" if c is None or c["escalation"] is None else ("yes" if c["escalation"] else "no")
        admin, escalation = admin_verdict(p, c), escalation_verdict(p, c)
        rows.append((name, pm_admin, cl_admin, admin, pm_esc, cl_esc, escalation))
        if admin.startswith(("DISAGREE", "only-")) or escalation in ("DISAGREE", "not compared"):
            disagreements.append((name, p, c, admin, escalation))
    return rows, disagreements


def print_report(folder, account, sources, rows, disagreements, pm, cl, edges):
    print(f"## {folder} (account {account})")
    print("authorization details: " + ", ".join(sources))
    header = ("principal", "PMapper admin", "credlint isAdmin", "admin verdict",
              "PMapper privesc", "credlint escalation", "escalation verdict")
    widths = [max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(len(header))]

    def line(cells):
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    print(line(header))
    print(line(["-" * w for w in widths]))
    for row in rows:
        print(line(row))
    admin_counts = collections.Counter(r[3] for r in rows)
    print("admin verdicts: " + ", ".join(f"{k} {admin_counts[k]}" for k in sorted(admin_counts)))
    print("PMapper escalation paths (from a non-admin principal to an admin):")
    paths = [arn for arn in sorted(pm) if pm[arn]["privesc"]]
    for arn in paths:
        print(f"  {arn.split(':', 5)[5]}:")
        for step in pm[arn]["privesc"]:
            print(f"    {step}")
    if not paths:
        print("  (none)")
    if any(c["escalation"] is not None for c in cl.values()):
        print("credlint escalation:")
        printed = [arn for arn in sorted(cl) if cl[arn]["escalation"]]
        for arn in printed:
            for item in cl[arn]["escalation"]:
                print(f"  {arn.split(':', 5)[5]}: {_escalation_text(item)}")
        if not printed:
            print("  (none)")
    else:
        print("credlint escalation: not printed by this credlint (no `escalation` field)")
    print(f"PMapper edges ({len(edges)}):")
    for e in edges:
        print(f"  {e}")
    print(f"disagreements ({len(disagreements)}):")
    for name, p, c, admin, escalation in disagreements:
        cl_paths = "; ".join(c["paths"]) if c and c["paths"] else "(none)"
        print(f"  {name}: admin {admin}, escalation {escalation}; credlint paths: {cl_paths}")
    print()


def check_folder(folder, inspect_path):
    details, sources = read_authorization_details(folder)
    if details is None:
        print(f"## {folder}\nno GetAccountAuthorizationDetails in this folder: skipped\n")
        return 0
    account = account_of(details)
    with open(inspect_path, encoding="utf-8") as f:
        inspect_json = json.load(f)
    cl, credentials = credlint_view(inspect_json, account)
    os.environ["MOTO_ACCOUNT_ID"] = account
    with mock_aws():
        load_into_moto(details, account, credentials)
        pm, edges = run_pmapper(details)
    rows, disagreements = compare(pm, cl)
    print_report(folder, account, sources, rows, disagreements, pm, cl, edges)
    return len(disagreements)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", metavar="FOLDER=INSPECT_JSON",
                        help="an account folder and the file holding `credlint inspect FOLDER`")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    for name in ("principalmapper", "botocore", "moto", "urllib3"):
        logging.getLogger(name).setLevel(logging.ERROR)
    total = 0
    for pair in args.pairs:
        folder, _, inspect_path = pair.rpartition("=")
        try:
            total += check_folder(folder, inspect_path)
        except ToolError as e:
            print(f"pmapper-crosscheck: {folder}: {e}", file=sys.stderr)
            return 3
        except Exception as e:  # moto or PMapper failed: a tooling failure, not a verdict
            print(f"pmapper-crosscheck: {folder}: {type(e).__name__}: {e}", file=sys.stderr)
            return 3
    print(f"disagreements in all: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
