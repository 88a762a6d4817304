#!/usr/bin/env python3
"""Writes credlint's bundled sample data (three self-made IAM accounts).

This file is the single source of truth for samples/healthy, samples/risky and
samples/risky-json: every CSV, XML and JSON file there is generated from the
account descriptions below, so ARNs, ids, paths and dates stay consistent
across files. Edit the data here, then run

    python3 samples/make-samples.py            # rewrite the sample directories
    python3 samples/make-samples.py OUTDIR     # write them somewhere else (CI diff)

Every date is fixed (no clock reads) and chosen relative to the as-of time
2026-11-28T12:00:00Z; the credential reports were "generated" at
2026-11-28T09:30:00Z. `check_story()` asserts the ages each account relies on,
so a date edit that breaks the intended findings fails loudly.
Standard library only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from urllib.parse import quote
from xml.sax.saxutils import escape

AS_OF = datetime(2026, 11, 28, 12, 0, 0, tzinfo=timezone.utc)
GENERATED = datetime(2026, 11, 28, 9, 30, 0, tzinfo=timezone.utc)
NS = "https://iam.amazonaws.com/doc/2010-05-08/"

CSV_HEADER = (
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
    "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
    "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
    "cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
)

NEVER = "no_information"  # password set but never used (credential-report token)


def t(s: str) -> datetime:
    """A UTC timestamp written without offset, e.g. t("2026-11-27T16:48:03")."""
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)


def csv_date(d: datetime) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def xml_date(d: datetime) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def cli_date(d: datetime) -> str:
    # awscli v2 (cli_timestamp_format = iso8601)
    return d.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def days_before_as_of(d: datetime) -> float:
    return (AS_OF - d).total_seconds() / 86400


# ---------------------------------------------------------------------------
# Deterministic identifiers (no randomness, so regeneration is byte-stable)

B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def unique_id(prefix: str, seed: str) -> str:
    """21-character IAM unique id: 4-letter prefix + 17 base32 characters."""
    h = hashlib.sha256(seed.encode()).digest()
    return prefix + "".join(B32[b % 32] for b in h[:17])


def request_id(seed: str) -> str:
    return str(uuid.UUID(bytes=hashlib.sha256(("req:" + seed).encode()).digest()[:16], version=4))


def opaque_marker(seed: str) -> str:
    h = hashlib.sha512(("marker:" + seed).encode()).digest() + hashlib.sha256(seed.encode()).digest()[:12]
    return base64.b64encode(h).decode()


def fido_suffix(seed: str) -> str:
    h = hashlib.sha256(("fido:" + seed).encode()).digest()
    return "".join(B32[b % 32] for b in h[:26])


# ---------------------------------------------------------------------------
# Account model


@dataclass
class Key:
    active: bool
    rotated: datetime
    used: datetime | None = None
    region: str | None = None  # None with a `used` date = AWS wrote N/A (e.g. S3)
    service: str | None = None


@dataclass
class Cert:
    active: bool
    rotated: datetime


@dataclass
class Mfa:
    serial: str
    enabled: datetime

    @property
    def virtual(self) -> bool:
        return self.serial.startswith("arn:") and ":mfa/" in self.serial


@dataclass
class Password:
    changed: datetime
    last_used: datetime | str  # datetime or NEVER


@dataclass
class User:
    name: str
    created: datetime
    path: str = "/"
    password: Password | None = None
    mfa: list[Mfa] = field(default_factory=list)
    keys: list[Key | None] = field(default_factory=lambda: [None, None])
    certs: list[Cert | None] = field(default_factory=lambda: [None, None])
    groups: list[str] = field(default_factory=list)
    attached: list[str] = field(default_factory=list)  # policy keys (see Account.policies)
    inline: dict[str, dict] = field(default_factory=dict)
    tags: list[tuple[str, str]] = field(default_factory=list)
    # Ship ListMFADevices-<user> (also when the list is empty).
    list_mfa_file: bool = False


@dataclass
class Root:
    created: datetime
    password_last_used: datetime | str
    mfa: list[Mfa]
    keys: list[Key | None] = field(default_factory=lambda: [None, None])
    certs: list[Cert | None] = field(default_factory=lambda: [None, None])


@dataclass
class Group:
    name: str
    created: datetime
    path: str = "/"
    attached: list[str] = field(default_factory=list)
    inline: dict[str, dict] = field(default_factory=dict)


@dataclass
class Role:
    name: str
    created: datetime
    trust: dict
    path: str = "/"
    attached: list[str] = field(default_factory=list)
    inline: dict[str, dict] = field(default_factory=dict)
    last_used: tuple[datetime, str] | None = None


@dataclass
class PolicyVersion:
    version: str
    document: dict
    created: datetime


@dataclass
class Policy:
    name: str
    path: str
    created: datetime
    versions: list[PolicyVersion]
    default: str
    description: str | None = None
    aws_managed: bool = False
    attachable: bool = True
    pretty: bool = False  # AWS-managed documents are stored indented; customer ones compact here


@dataclass
class Account:
    dirname: str
    id: str
    root: Root
    users: list[User]
    groups: list[Group]
    roles: list[Role]
    policies: dict[str, Policy]
    password_policy: dict | None  # None -> NoSuchEntity
    unassigned_virtual: list[str] = field(default_factory=list)  # serials
    summary_extra: dict[str, int] = field(default_factory=dict)

    def user_arn(self, u: User) -> str:
        return f"arn:aws:iam::{self.id}:user{u.path}{u.name}"

    def root_arn(self) -> str:
        return f"arn:aws:iam::{self.id}:root"

    def policy_arn(self, key: str) -> str:
        p = self.policies[key]
        owner = "aws" if p.aws_managed else self.id
        return f"arn:aws:iam::{owner}:policy{p.path}{p.name}"

    def group(self, name: str) -> Group:
        return next(g for g in self.groups if g.name == name)

    def attachment_count(self, key: str) -> int:
        holders = [*self.users, *self.groups, *self.roles]
        return sum(1 for h in holders if key in h.attached)


def doc(*statements: dict) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action, resource="*", **extra) -> dict:
    s = {"Effect": "Allow", "Action": action, "Resource": resource}
    s.update(extra)
    return s


# ---------------------------------------------------------------------------
# AWS managed policies (shared by both accounts). AdministratorAccess carries its
# real document; the others are short, plausible abbreviations (see README).

def aws_managed_policies() -> dict[str, Policy]:
    return {
        "AdministratorAccess": Policy(
            "AdministratorAccess", "/", t("2015-02-06T18:39:46"),
            [PolicyVersion("v1", doc(allow("*")), t("2015-02-06T18:39:46"))], "v1",
            description="Provides full access to AWS services and resources.", aws_managed=True, pretty=True),
        "AWSSupportAccess": Policy(
            "AWSSupportAccess", "/", t("2015-02-06T18:41:11"),
            [PolicyVersion("v1", doc(allow(["support:*"])), t("2015-02-06T18:41:11"))], "v1",
            description="Allows users to access the AWS Support Center.", aws_managed=True, pretty=True),
        "AWSCloudShellFullAccess": Policy(
            "AWSCloudShellFullAccess", "/", t("2020-12-15T17:50:43"),
            [PolicyVersion("v1", doc(allow(["cloudshell:*"])), t("2020-12-15T17:50:43"))], "v1",
            description="Grants full access to AWS CloudShell", aws_managed=True, pretty=True),
        "AWSSupportServiceRolePolicy": Policy(
            "AWSSupportServiceRolePolicy", "/aws-service-role/", t("2018-04-19T18:04:44"),
            [PolicyVersion("v1", doc({
                "Sid": "AWSSupportPolicy", "Effect": "Allow",
                "Action": ["cloudtrail:DescribeTrails", "ec2:Describe*", "iam:GetAccountSummary",
                           "iam:ListUsers", "s3:GetBucketPolicy", "trustedadvisor:Describe*"],
                "Resource": "*"}), t("2018-04-19T18:04:44"))], "v1",
            description="Enables resource access for AWS to provide billing, administrative and support services",
            aws_managed=True, attachable=False, pretty=True),
    }


def support_service_linked_role(created: datetime, last_used: datetime) -> Role:
    return Role("AWSServiceRoleForSupport", created,
                doc({"Effect": "Allow", "Principal": {"Service": "support.amazonaws.com"},
                     "Action": "sts:AssumeRole"}),
                path="/aws-service-role/support.amazonaws.com/",
                attached=["AWSSupportServiceRolePolicy"], last_used=(last_used, "us-east-1"))


MANAGE_OWN_CREDENTIALS = doc(
    allow(["iam:ChangePassword", "iam:GetUser", "iam:ListMFADevices", "iam:EnableMFADevice",
           "iam:ResyncMFADevice", "iam:CreateVirtualMFADevice"],
          ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:mfa/*"]),
    {"Effect": "Deny", "NotAction": ["iam:ChangePassword", "iam:GetUser", "iam:ListMFADevices",
                                     "iam:EnableMFADevice", "iam:CreateVirtualMFADevice", "sts:GetSessionToken"],
     "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}},
)

DEVELOPER_ACCESS_V1 = doc(
    allow(["ec2:Describe*", "s3:Get*", "s3:List*", "logs:Get*", "logs:Describe*", "cloudwatch:Get*"]))
DEVELOPER_ACCESS_V2 = doc(
    allow(["ec2:Describe*", "s3:Get*", "s3:List*", "logs:Get*", "logs:Describe*", "logs:FilterLogEvents",
           "cloudwatch:Get*", "cloudwatch:List*", "lambda:Get*", "lambda:List*", "lambda:UpdateFunctionCode",
           "dynamodb:Describe*", "dynamodb:Query"]),
    allow(["s3:PutObject", "s3:DeleteObject"], "arn:aws:s3:::app-artifacts-*/*"),
)


# ---------------------------------------------------------------------------
# healthy: 111111111111

def healthy() -> Account:
    acct = "111111111111"
    policies = aws_managed_policies()
    del policies["AWSCloudShellFullAccess"]
    policies["developer-access"] = Policy(
        "developer-access", "/eng/", t("2024-06-03T08:41:19"),
        [PolicyVersion("v1", DEVELOPER_ACCESS_V1, t("2024-06-03T08:41:19")),
         PolicyVersion("v2", DEVELOPER_ACCESS_V2, t("2026-03-17T14:02:50"))], "v2",
        description="Day-to-day access for application developers")
    policies["github-deploy"] = Policy(
        "github-deploy", "/ci/", t("2025-04-08T11:27:36"),
        [PolicyVersion("v1", doc(
            allow(["cloudformation:CreateChangeSet", "cloudformation:DescribeChangeSet",
                   "cloudformation:ExecuteChangeSet", "cloudformation:DescribeStacks"],
                  f"arn:aws:cloudformation:*:{acct}:stack/shop-*/*"),
            allow(["s3:PutObject"], "arn:aws:s3:::app-artifacts-111111111111/*")),
            t("2025-04-08T11:27:36"))], "v1",
        description="Lets GitHub Actions deploy the shop stacks")

    def virtual(name, enabled):
        return Mfa(f"arn:aws:iam::{acct}:mfa/{name}", t(enabled))

    def fido(user, label, enabled):
        return Mfa(f"arn:aws:iam::{acct}:u2f/user/{user}/{label}-{fido_suffix(acct + user + label)}", t(enabled))

    users = [
        User("maria.garcia", t("2021-09-06T13:05:12"),
             password=Password(t("2026-06-10T08:31:40"), t("2026-11-27T16:48:03")),
             mfa=[virtual("maria.garcia-phone", "2021-09-06T13:20:02"),
                  fido("maria.garcia", "yubikey5c", "2024-02-19T10:12:55")],
             groups=["Admins"], tags=[("team", "platform")], list_mfa_file=True),
        User("tom.nakamura", t("2022-01-17T09:44:30"),
             password=Password(t("2026-04-22T11:02:18"), t("2026-11-28T08:12:37")),
             mfa=[Mfa("GAHT12345678", t("2022-01-18T15:30:11")),
                  virtual("tom.nakamura-phone", "2023-05-02T07:45:29")],
             groups=["Admins"], tags=[("team", "platform")], list_mfa_file=True),
        # Key-only break-glass: kept in a safe, tested at the last drill (2026-03-02).
        # With no password, CL202-CL208 leave it to the break-glass rules CL403-CL405.
        User("breakglass-admin", t("2023-11-02T14:10:05"), path="/emergency/",
             keys=[Key(True, t("2025-12-09T15:22:47"), t("2026-03-02T10:17:00"), "us-east-1", "sts"), None],
             mfa=[Mfa("GAHT58302217", t("2023-11-02T14:26:40")),
                  fido("breakglass-admin", "safe-b-yubikey", "2025-12-09T15:31:02")],
             groups=["Admins"],
             tags=[("break-glass", "true"), ("owner", "security-team"), ("last-drill", "2026-03-02")],
             list_mfa_file=True),
        User("dev.chen", t("2024-06-03T09:00:14"), path="/eng/",
             password=Password(t("2026-09-15T12:40:09"), t("2026-11-26T14:05:51")),
             mfa=[fido("dev.chen", "yubikey5nfc", "2024-06-03T09:12:40"),
                  virtual("dev.chen", "2025-01-10T18:22:03")],
             groups=["Developers"], list_mfa_file=True),
        User("dev.okafor", t("2025-02-24T10:31:27"), path="/eng/",
             password=Password(t("2025-02-24T10:48:02"), t("2026-11-28T07:58:19")),
             mfa=[fido("dev.okafor", "titan-key", "2025-02-24T10:51:36")],
             groups=["Developers"], list_mfa_file=True),
        # CLI-only developer: no console password, hardware TOTP for MFA-protected API calls,
        # key 1 rotated out (inactive, recent), key 2 active and used this morning.
        User("dev.patel", t("2023-03-08T16:14:50"), path="/eng/",
             mfa=[Mfa("GAHT30917755", t("2023-03-08T16:30:02"))],
             keys=[Key(False, t("2026-09-10T09:02:11"), t("2026-10-20T17:41:00"), "eu-west-1", "lambda"),
                   Key(True, t("2026-10-20T17:35:48"), t("2026-11-28T08:51:00"), "eu-west-1", "cloudformation")],
             groups=["Developers"], list_mfa_file=True),
    ]
    groups = [
        Group("Admins", t("2021-09-06T12:58:40"), attached=["AdministratorAccess"]),
        Group("Developers", t("2024-06-03T08:44:02"), path="/eng/", attached=["developer-access"],
              inline={"manage-own-credentials": MANAGE_OWN_CREDENTIALS}),
    ]
    saml = f"arn:aws:iam::{acct}:saml-provider/AWSSSO_5f2a9c0e1b7d3a46_DO_NOT_DELETE"
    roles = [
        Role("AWSReservedSSO_AdministratorAccess_0123456789abcdef", t("2022-03-21T10:14:26"),
             doc({"Effect": "Allow", "Principal": {"Federated": saml},
                  "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                  "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}),
             path="/aws-reserved/sso.amazonaws.com/", attached=["AdministratorAccess"],
             last_used=(t("2026-11-27T09:03:44"), "eu-west-1")),
        Role("AWSSupportRole", t("2021-09-06T13:41:57"),
             doc({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{acct}:root"},
                  "Action": "sts:AssumeRole",
                  "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}),
             attached=["AWSSupportAccess"], last_used=(t("2026-10-02T13:15:08"), "us-east-1")),
        support_service_linked_role(t("2021-09-07T08:00:12"), t("2026-11-20T04:11:37")),
        Role("github-actions-deploy", t("2025-04-08T11:30:05"),
             doc({"Effect": "Allow",
                  "Principal": {"Federated": f"arn:aws:iam::{acct}:oidc-provider/token.actions.githubusercontent.com"},
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                                "StringLike": {"token.actions.githubusercontent.com:sub":
                                               "repo:example-org/shop-api:ref:refs/heads/main"}}}),
             path="/ci/", attached=["github-deploy"], last_used=(t("2026-11-27T15:20:18"), "eu-west-1")),
    ]
    root = Root(t("2019-03-14T16:22:41"), t("2025-06-17T08:14:52"),
                mfa=[Mfa("GAHT90000125", t("2019-03-14T16:40:09"))])
    return Account(
        "healthy", acct, root, users, groups, roles, policies,
        password_policy={"MinimumPasswordLength": 16, "RequireSymbols": True, "RequireNumbers": True,
                         "RequireUppercaseCharacters": True, "RequireLowercaseCharacters": True,
                         "AllowUsersToChangePassword": True, "ExpirePasswords": False,
                         "PasswordReusePrevention": 24, "HardExpiry": False})


# ---------------------------------------------------------------------------
# risky: 222222222222 (and risky-json: the same account as 333333333333)

def risky(acct: str = "222222222222", dirname: str = "risky") -> Account:
    policies = aws_managed_policies()
    del policies["AWSSupportAccess"]  # no support role: CL305
    policies["AllowEverything"] = Policy(
        "AllowEverything", "/", t("2026-02-02T13:40:51"),
        [PolicyVersion("v1", doc(allow("s3:*")), t("2026-02-02T13:40:51")),
         PolicyVersion("v2", doc(allow("*")), t("2026-02-09T09:12:07"))], "v2",
        description="Temporary: unblock the legacy data migration")
    policies["developer-access"] = Policy(
        "developer-access", "/", t("2022-08-01T08:03:12"),
        [PolicyVersion("v1", DEVELOPER_ACCESS_V2, t("2022-08-01T08:03:12"))], "v1")
    policies["automation-access"] = Policy(
        "automation-access", "/svc/", t("2024-09-09T10:47:33"),
        [PolicyVersion("v1", doc(
            allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:PutImage",
                   "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
                   "ecs:UpdateService", "ecs:DescribeServices"]),
            allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                  ["arn:aws:s3:::etl-landing", "arn:aws:s3:::etl-landing/*"])), t("2024-09-09T10:47:33"))], "v1",
        description="CI builds and the nightly ETL")

    def virtual(name, enabled):
        return Mfa(f"arn:aws:iam::{acct}:mfa/{name}", t(enabled))

    users = [
        # AWSCloudShellFullAccess attached directly: CL306, CL209; virtual-only MFA: CL210.
        User("ana.souza", t("2024-04-15T12:30:00"), path="/support/",
             password=Password(t("2026-02-20T10:05:33"), t("2026-11-18T13:02:47")),
             mfa=[virtual("ana.souza", "2024-04-15T12:45:19")],
             groups=["Developers"], attached=["AWSCloudShellFullAccess"], list_mfa_file=True),
        # Break-glass by name: AdministratorAccess directly, an active key never used,
        # no password, no MFA: CL403, CL209, CL302 (and key-age rules unless exempted).
        User("breakglass", t("2024-03-15T10:02:55"), path="/emergency/",
             keys=[Key(True, t("2024-03-15T10:04:10")), None],
             attached=["AdministratorAccess"], list_mfa_file=True),
        # Both keys active: CL206.
        User("build-agent", t("2024-09-09T10:52:16"), path="/svc/",
             keys=[Key(True, t("2026-09-01T10:14:05"), t("2026-11-27T22:10:00"), "eu-central-1", "ecr"),
                   Key(True, t("2026-10-30T08:55:41"), t("2026-11-28T06:40:00"), "eu-central-1", "ecs")],
             groups=["Automation"]),
        # Console user without MFA: CL201.
        User("dev-no-mfa", t("2025-10-06T13:27:10"), path="/eng/",
             password=Password(t("2025-10-06T13:27:10"), t("2026-11-25T09:14:33")),
             groups=["Developers"], list_mfa_file=True),
        # Key 400 days old but used yesterday (S3: AWS writes region N/A): CL205 (CL204 stops at its limit).
        # A "self-service" inline policy lets it write its own policies: a shadow admin (CL307), CL209.
        User("etl-runner", t("2025-10-24T07:31:02"), path="/svc/",
             keys=[Key(True, t("2025-10-24T07:31:09"), t("2026-11-27T23:47:00"), None, "s3"), None],
             groups=["Automation"],
             inline={"etl-self-service": doc(allow("iam:PutUserPolicy", f"arn:aws:iam::{acct}:user/svc/etl-runner"))}),
        # Password unused for 120 days: CL202; virtual-only MFA: CL210.
        User("lena.fischer", t("2023-01-09T10:00:41"), path="/eng/",
             password=Password(t("2025-11-02T08:12:19"), t("2026-07-31T15:22:08")),
             mfa=[virtual("lena.fischer", "2023-01-09T10:22:10")],
             groups=["Developers"], list_mfa_file=True),
        # Customer-managed AllowEverything (default version * on *) plus an inline policy,
        # but every credential is off (key deactivated), so it is not a usable admin:
        # CL209, CL304.
        User("migration-temp", t("2026-02-02T13:44:20"), path="/contractors/",
             keys=[Key(False, t("2026-02-02T13:47:03"), t("2026-08-28T16:20:00"), "us-west-2", "dms"), None],
             attached=["AllowEverything"],
             inline={"migration-bucket-rw": doc(
                 allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                       ["arn:aws:s3:::acme-legacy-export", "arn:aws:s3:::acme-legacy-export/*"]))},
             tags=[("owner", "vendor-acme"), ("expires", "2026-06-30")], list_mfa_file=True),
        # In Admins, but password removed and key deactivated: an admin that is not usable.
        User("old-admin", t("2021-05-20T10:02:48"),
             keys=[Key(False, t("2023-02-14T12:08:33"), t("2025-07-30T09:41:00"), "eu-west-1", "ec2"), None],
             groups=["Admins"], list_mfa_file=True),
        # The only usable admin, with one virtual MFA device: CL301, CL303, CL210. Admin through
        # group MfaAdmins, whose policy allows * only with MFA (AWS's recommended pattern).
        User("ops-admin", t("2022-08-01T08:15:27"),
             password=Password(t("2026-05-11T09:20:14"), t("2026-11-27T18:22:05")),
             mfa=[virtual("ops-admin", "2022-08-01T08:40:51")],
             groups=["MfaAdmins"], list_mfa_file=True),
        # New console user who never signed in (no_information), no MFA: CL201, CL202 (60 days since set).
        User("p.novak", t("2026-09-29T09:10:55"), path="/eng/",
             password=Password(t("2026-09-29T09:10:55"), NEVER),
             groups=["Developers"]),
        # Setup key: created with the user 200 days ago, never used, plus a console password:
        # CL203, CL204, CL207, CL208; virtual-only MFA: CL210.
        User("sam.rivera", t("2026-05-12T14:03:11"), path="/eng/",
             password=Password(t("2026-05-12T14:25:40"), t("2026-11-24T16:40:12")),
             mfa=[virtual("sam.rivera", "2026-05-12T14:30:02")],
             keys=[Key(True, t("2026-05-12T14:03:19")), None],
             groups=["Developers"], list_mfa_file=True),
    ]
    groups = [
        Group("Admins", t("2021-05-20T09:58:02"), attached=["AdministratorAccess"]),
        Group("Automation", t("2024-09-09T10:48:10"), path="/svc/", attached=["automation-access"]),
        Group("Developers", t("2022-08-01T08:05:46"), attached=["developer-access"]),
        Group("MfaAdmins", t("2022-08-01T08:11:02"), inline={"AdminWithMFA": doc(
            allow("*", Condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}))}),
    ]
    roles = [
        support_service_linked_role(t("2021-05-21T07:12:40"), t("2026-11-22T03:48:09")),
        Role("ci-deploy", t("2023-06-12T15:20:31"),
             doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}),
             path="/service/",
             inline={"deploy-stacks": doc(allow(["cloudformation:*", "s3:GetObject"]))},
             last_used=(t("2026-11-28T05:02:17"), "eu-central-1")),
        # Trusts any AWS principal of any account (a vendor set up without its external id):
        # CL308 (high: the role reads one bucket, it is not an admin).
        Role("partner-audit", t("2025-03-03T14:26:50"),
             doc({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}),
             path="/partners/",
             inline={"audit-read": doc(allow(["s3:GetObject", "s3:ListBucket"],
                                             ["arn:aws:s3:::acme-audit-exports", "arn:aws:s3:::acme-audit-exports/*"]))},
             last_used=(t("2026-11-03T21:07:45"), "us-east-1")),
    ]
    root = Root(t("2021-05-20T09:12:33"), t("2026-11-08T11:49:27"),
                mfa=[virtual("root-account-mfa-device", "2021-05-20T09:31:48")],
                keys=[Key(True, t("2021-05-20T09:40:12"), t("2026-11-08T11:52:00"), "us-east-1", "ec2"), None],
                certs=[Cert(True, t("2021-06-02T17:20:45")), None])
    return Account(dirname, acct, root, users, groups, roles, policies, password_policy=None,
                   unassigned_virtual=[f"arn:aws:iam::{acct}:mfa/spare-token"])


# ---------------------------------------------------------------------------
# Credential report (CSV)

def csv_tok(d: datetime | str | None) -> str:
    if d is None:
        return "N/A"
    if isinstance(d, str):
        return d
    return csv_date(d)


def key_cols(k: Key | None) -> list[str]:
    if k is None:
        return ["false", "N/A", "N/A", "N/A", "N/A"]
    used = k.used is not None
    return ["true" if k.active else "false", csv_date(k.rotated), csv_tok(k.used),
            (k.region or "N/A") if used else "N/A", (k.service or "N/A") if used else "N/A"]


def cert_cols(c: Cert | None) -> list[str]:
    return ["false", "N/A"] if c is None else ["true" if c.active else "false", csv_date(c.rotated)]


def credential_report(a: Account) -> bytes:
    r = a.root
    rows = [["<root_account>", a.root_arn(), csv_date(r.created), "not_supported", csv_tok(r.password_last_used),
             "not_supported", "not_supported", "true" if r.mfa else "false",
             *key_cols(r.keys[0]), *key_cols(r.keys[1]), *cert_cols(r.certs[0]), *cert_cols(r.certs[1])]]
    for u in sorted(a.users, key=lambda u: u.name):
        p = u.password
        pw = ["false", "N/A", "N/A", "N/A"] if p is None else ["true", csv_tok(p.last_used), csv_date(p.changed), "N/A"]
        rows.append([u.name, a.user_arn(u), csv_date(u.created), *pw, "true" if u.mfa else "false",
                     *key_cols(u.keys[0]), *key_cols(u.keys[1]), *cert_cols(u.certs[0]), *cert_cols(u.certs[1])])
    lines = [CSV_HEADER] + [",".join(row) for row in rows]
    return "\n".join(lines).encode()  # LF, no newline after the last row (as AWS)


# ---------------------------------------------------------------------------
# Tiny XML writer: two-space indentation like the AWS documentation samples.

class X:
    def __init__(self, tag: str, *children, text: str | None = None, attrs: str = ""):
        self.tag, self.children, self.text, self.attrs = tag, [c for c in children if c is not None], text, attrs

    def render(self, depth: int = 0) -> list[str]:
        pad = "  " * depth
        if self.text is not None:
            return [f"{pad}<{self.tag}{self.attrs}>{escape(self.text)}</{self.tag}>"]
        if not self.children:
            return [f"{pad}<{self.tag}{self.attrs}/>"]
        out = [f"{pad}<{self.tag}{self.attrs}>"]
        for c in self.children:
            out.extend(c.render(depth + 1))
        out.append(f"{pad}</{self.tag}>")
        return out


def leaf(tag: str, value) -> X:
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, datetime):
        value = xml_date(value)
    return X(tag, text=str(value))


def response(op: str, result: X | None, seed: str) -> str:
    body = X(f"{op}Response", result,
             X("ResponseMetadata", leaf("RequestId", request_id(seed))), attrs=f' xmlns="{NS}"')
    return "\n".join(body.render()) + "\n"


def error_response(code: str, message: str, seed: str) -> str:
    body = X("ErrorResponse",
             X("Error", leaf("Type", "Sender"), leaf("Code", code), leaf("Message", message)),
             leaf("RequestId", request_id(seed)), attrs=f' xmlns="{NS}"')
    return "\n".join(body.render()) + "\n"


# ---------------------------------------------------------------------------
# Structured (format-neutral) views, rendered to XML and to awscli JSON.
# A view is a list of (name, value) pairs; value is a scalar, a datetime, a
# Doc (policy document), a nested view, or a list (None = element left out).

class Doc:
    def __init__(self, d: dict, pretty: bool = False):
        self.d, self.pretty = d, pretty

    def text(self) -> str:
        s = json.dumps(self.d, indent=4) if self.pretty else json.dumps(self.d, separators=(",", ":"))
        return quote(s, safe="")  # RFC 3986, as IAM returns policy documents


def to_xml(name: str, v) -> X:
    if isinstance(v, list):
        return X(name, *[to_xml("member", i) for i in v])
    if isinstance(v, tuple) and v and v[0] == "view":
        return X(name, *[to_xml(k, x) for k, x in v[1] if x is not None])
    if isinstance(v, Doc):
        return X(name, text=v.text())
    return leaf(name, v)


def to_json(v):
    if isinstance(v, list):
        return [to_json(i) for i in v]
    if isinstance(v, tuple) and v and v[0] == "view":
        return {k: to_json(x) for k, x in v[1] if x is not None}
    if isinstance(v, Doc):
        return v.d  # botocore's after-call handler decodes policy documents into objects
    if isinstance(v, datetime):
        return cli_date(v)
    return v


def view(*pairs) -> tuple:
    return ("view", list(pairs))


def attached_view(a: Account, keys: list[str]) -> list:
    return [view(("PolicyName", a.policies[k].name), ("PolicyArn", a.policy_arn(k))) for k in keys]


def inline_view(inline: dict[str, dict]) -> list:
    return [view(("PolicyName", n), ("PolicyDocument", Doc(d))) for n, d in inline.items()]


def user_detail(a: Account, u: User) -> tuple:
    return view(
        ("Path", u.path), ("UserName", u.name), ("UserId", unique_id("AIDA", a.id + "user" + u.name)),
        ("Arn", a.user_arn(u)), ("CreateDate", u.created),
        ("UserPolicyList", inline_view(u.inline) if u.inline else None),
        ("GroupList", list(u.groups)),
        ("AttachedManagedPolicies", attached_view(a, u.attached)),
        ("Tags", [view(("Key", k), ("Value", v)) for k, v in u.tags] if u.tags else None))


def group_detail(a: Account, g: Group) -> tuple:
    return view(
        ("Path", g.path), ("GroupName", g.name), ("GroupId", unique_id("AGPA", a.id + "group" + g.name)),
        ("Arn", f"arn:aws:iam::{a.id}:group{g.path}{g.name}"), ("CreateDate", g.created),
        ("GroupPolicyList", inline_view(g.inline)),
        ("AttachedManagedPolicies", attached_view(a, g.attached)))


def role_detail(a: Account, r: Role) -> tuple:
    last = view(("LastUsedDate", r.last_used[0]), ("Region", r.last_used[1])) if r.last_used else view()
    return view(
        ("Path", r.path), ("RoleName", r.name), ("RoleId", unique_id("AROA", a.id + "role" + r.name)),
        ("Arn", f"arn:aws:iam::{a.id}:role{r.path}{r.name}"), ("CreateDate", r.created),
        ("AssumeRolePolicyDocument", Doc(r.trust)),
        ("InstanceProfileList", []),
        ("RolePolicyList", inline_view(r.inline)),
        ("AttachedManagedPolicies", attached_view(a, r.attached)),
        ("RoleLastUsed", last))


def policy_detail(a: Account, key: str) -> tuple:
    p = a.policies[key]
    arn = a.policy_arn(key)
    updated = max(v.created for v in p.versions)
    return view(
        ("PolicyName", p.name), ("PolicyId", unique_id("ANPA", arn)), ("Arn", arn), ("Path", p.path),
        ("DefaultVersionId", p.default), ("AttachmentCount", a.attachment_count(key)),
        ("PermissionsBoundaryUsageCount", 0), ("IsAttachable", p.attachable),
        ("Description", p.description), ("CreateDate", p.created), ("UpdateDate", updated),
        ("PolicyVersionList", [view(("Document", Doc(v.document, p.pretty)), ("VersionId", v.version),
                                    ("IsDefaultVersion", v.version == p.default), ("CreateDate", v.created))
                               for v in p.versions]))


def gaad_pages(a: Account, max_items: int | None) -> list[tuple]:
    """GetAccountAuthorizationDetails results; items flow users→groups→roles→policies across pages."""
    items = ([("UserDetailList", user_detail(a, u)) for u in sorted(a.users, key=lambda u: u.name)]
             + [("GroupDetailList", group_detail(a, g)) for g in sorted(a.groups, key=lambda g: g.name)]
             + [("RoleDetailList", role_detail(a, r)) for r in sorted(a.roles, key=lambda r: r.name)]
             + [("Policies", policy_detail(a, k)) for k in sorted(a.policies, key=lambda k: a.policy_arn(k))
                if a.attachment_count(k) > 0])
    size = max_items or len(items)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    pages = []
    for n, chunk in enumerate(chunks):
        lists = {k: [] for k in ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")}
        for k, v in chunk:
            lists[k].append(v)
        truncated = n < len(chunks) - 1
        pages.append(view(*lists.items(), ("IsTruncated", truncated),
                          ("Marker", opaque_marker(f"{a.id}:{n}") if truncated else None)))
    return pages


def merged_gaad(a: Account) -> dict:
    """What `aws iam get-account-authorization-details` prints: pages merged, no IsTruncated/Marker."""
    merged = {k: [] for k in ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")}
    for page in gaad_pages(a, None):
        for k, v in page[1]:
            if k in merged:
                merged[k].extend(to_json(v))
    return merged


def vmfa_user_view(a: Account, owner: User | None) -> tuple:
    if owner is None:  # root [unverified shape: UserId is the account id, no UserName]
        r = a.root
        return view(("Path", "/"), ("UserId", a.id), ("Arn", a.root_arn()), ("CreateDate", r.created),
                    ("PasswordLastUsed", r.password_last_used if isinstance(r.password_last_used, datetime) else None))
    p = owner.password
    return view(("Path", owner.path), ("UserName", owner.name),
                ("UserId", unique_id("AIDA", a.id + "user" + owner.name)), ("Arn", a.user_arn(owner)),
                ("CreateDate", owner.created),
                ("PasswordLastUsed", p.last_used if p and isinstance(p.last_used, datetime) else None))


def virtual_devices(a: Account) -> list[tuple]:
    out = []
    holders = [(None, d) for d in a.root.mfa] + [(u, d) for u in a.users for d in u.mfa]
    for owner, d in holders:
        if d.virtual:
            out.append((d.serial, view(("SerialNumber", d.serial), ("User", vmfa_user_view(a, owner)),
                                       ("EnableDate", d.enabled))))
    for s in a.unassigned_virtual:
        out.append((s, view(("SerialNumber", s))))
    return [v for _, v in sorted(out, key=lambda x: x[0])]


def mfa_devices(u: User) -> list[tuple]:
    return [view(("UserName", u.name), ("SerialNumber", d.serial), ("EnableDate", d.enabled)) for d in u.mfa]


def summary_map(a: Account) -> list[tuple[str, int]]:
    in_use = len(a.root.mfa) + sum(len(u.mfa) for u in a.users)
    versions = sum(len(p.versions) for p in a.policies.values() if not p.aws_managed)
    inline = sum(len(x.inline) for x in [*a.users, *a.groups, *a.roles])
    r = a.root
    vals = {
        "GroupPolicySizeQuota": 5120, "InstanceProfilesQuota": 1000,
        "Policies": sum(1 for p in a.policies.values() if not p.aws_managed),
        "GroupsPerUserQuota": 10, "InstanceProfiles": 0, "AttachedPoliciesPerUserQuota": 10,
        "Users": len(a.users), "PoliciesQuota": 1500, "Providers": 2 if a.dirname == "healthy" else 0,
        "AccountMFAEnabled": 1 if r.mfa else 0, "AccessKeysPerUserQuota": 2, "AssumeRolePolicySizeQuota": 2048,
        "PolicyVersionsInUseQuota": 10000, "GlobalEndpointTokenVersion": 1, "VersionsPerPolicyQuota": 5,
        "AttachedPoliciesPerGroupQuota": 10, "PolicySizeQuota": 6144, "Groups": len(a.groups),
        "AccountSigningCertificatesPresent": 1 if any(c and c.active for c in r.certs) else 0,
        "UsersQuota": 5000, "ServerCertificatesQuota": 20,
        "MFADevices": in_use + len(a.unassigned_virtual), "UserPolicySizeQuota": 2048,
        "PolicyVersionsInUse": versions + inline, "ServerCertificates": 0, "Roles": len(a.roles),
        "RolesQuota": 1000, "SigningCertificatesPerUserQuota": 2, "MFADevicesInUse": in_use,
        "RolePolicySizeQuota": 10240, "AttachedPoliciesPerRoleQuota": 10,
        "AccountAccessKeysPresent": 1 if any(k and k.active for k in r.keys) else 0,
        "AccountPasswordPresent": 1, "GroupsQuota": 300,
    }
    vals.update(a.summary_extra)
    return list(vals.items())


# ---------------------------------------------------------------------------
# Writers

def write(out: str, rel: str, data: str | bytes) -> None:
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def write_xml_account(out: str, a: Account, gaad_max_items: int | None, bare_csv: bool) -> None:
    d = a.dirname
    report = credential_report(a)
    if bare_csv:
        write(out, f"{d}/credential-report.csv", report)
    write(out, f"{d}/GetCredentialReport.xml", response("GetCredentialReport", X(
        "GetCredentialReportResult", leaf("Content", base64.b64encode(report).decode()),
        leaf("ReportFormat", "text/csv"), leaf("GeneratedTime", GENERATED)), f"{a.id}:report"))

    pages = gaad_pages(a, gaad_max_items)
    for n, page in enumerate(pages):
        name = "GetAccountAuthorizationDetails" + (f"-page{n + 1}" if len(pages) > 1 else "") + ".xml"
        write(out, f"{d}/{name}", response("GetAccountAuthorizationDetails",
                                           to_xml("GetAccountAuthorizationDetailsResult", page), f"{a.id}:gaad{n}"))

    write(out, f"{d}/ListVirtualMFADevices.xml", response("ListVirtualMFADevices", X(
        "ListVirtualMFADevicesResult", to_xml("VirtualMFADevices", virtual_devices(a)),
        leaf("IsTruncated", False)), f"{a.id}:vmfa"))
    for u in a.users:
        if u.list_mfa_file:
            write(out, f"{d}/ListMFADevices-{u.name}.xml", response("ListMFADevices", X(
                "ListMFADevicesResult", to_xml("MFADevices", mfa_devices(u)), leaf("IsTruncated", False)),
                f"{a.id}:mfa:{u.name}"))

    write(out, f"{d}/GetAccountSummary.xml", response("GetAccountSummary", X(
        "GetAccountSummaryResult", X("SummaryMap", *[X("entry", leaf("key", k), leaf("value", v))
                                                     for k, v in summary_map(a)])), f"{a.id}:summary"))

    if a.password_policy is None:
        write(out, f"{d}/GetAccountPasswordPolicy.xml", error_response(
            "NoSuchEntity", f"The Password Policy with domain name {a.id} cannot be found.", f"{a.id}:pp"))
    else:
        write(out, f"{d}/GetAccountPasswordPolicy.xml", response("GetAccountPasswordPolicy", X(
            "GetAccountPasswordPolicyResult", X("PasswordPolicy", *[leaf(k, v) for k, v in a.password_policy.items()])),
            f"{a.id}:pp"))


def dump_json(obj) -> str:
    return json.dumps(obj, indent=4, ensure_ascii=False) + "\n"  # awscli's default JSON output


def write_json_account(out: str, a: Account) -> None:
    d = a.dirname
    write(out, f"{d}/credential-report.json", dump_json({
        "Content": base64.b64encode(credential_report(a)).decode(), "ReportFormat": "text/csv",
        "GeneratedTime": cli_date(GENERATED)}))
    write(out, f"{d}/account-authorization-details.json", dump_json(merged_gaad(a)))
    write(out, f"{d}/virtual-mfa-devices.json", dump_json({"VirtualMFADevices": to_json(virtual_devices(a))}))
    for u in a.users:
        if u.list_mfa_file:
            write(out, f"{d}/mfa-devices-{u.name}.json", dump_json({"MFADevices": to_json(mfa_devices(u))}))
    write(out, f"{d}/account-summary.json", dump_json({"SummaryMap": dict(summary_map(a))}))
    # No password-policy file: the rule that needs it is skipped for this account.


# ---------------------------------------------------------------------------
# Story checks: the ages each account is built on.

def check_story(h: Account, r: Account) -> None:
    def age(d):
        return days_before_as_of(d)

    for a in (h, r):
        for u in [a.root, *a.users]:
            created = u.created
            for k in u.keys:
                if k:
                    assert created <= k.rotated <= GENERATED
                    assert k.used is None or k.rotated <= k.used <= GENERATED
            pw = getattr(u, "password", None)
            if pw:
                assert created <= pw.changed <= GENERATED
                assert pw.last_used == NEVER or pw.changed <= pw.last_used <= GENERATED
        assert 0 < (AS_OF - GENERATED).total_seconds() < 24 * 3600

    # healthy: nothing should fire
    assert age(h.root.password_last_used) > 365 and not any(h.root.keys) and h.root.mfa
    assert not any(m.virtual for m in h.root.mfa)
    admins = [u for u in h.users if "Admins" in u.groups]
    assert len(admins) >= 2
    for u in h.users:
        assert not u.attached and not u.inline, u.name
        if u.password:
            assert u.mfa and any(not m.virtual for m in u.mfa), u.name
            if not u.name.startswith("breakglass"):
                assert age(u.password.last_used) < 45, u.name
            assert not any(k and k.active for k in u.keys), u.name
        if u.mfa:
            assert any(not m.virtual for m in u.mfa), u.name
        if u in admins:
            assert len(u.mfa) >= 2 and any(not m.virtual for m in u.mfa), u.name
        active = [k for k in u.keys if k and k.active]
        assert len(active) <= 1
        for k in u.keys:
            if k and not u.name.startswith("breakglass"):  # even inactive keys stay inside every threshold
                assert age(k.rotated) < 90 and k.used and age(k.used) < 45, u.name
    bg = next(u for u in h.users if u.name == "breakglass-admin")
    assert bg.password is None and bg.keys[0].used == t("2026-03-02T10:17:00") and 7 < age(bg.keys[0].used) < 365

    # risky: the ages the README promises
    assert 19.5 < age(r.root.keys[0].used) <= 20.01
    assert age(r.root.password_last_used) < 90
    ur = {u.name: u for u in r.users}
    assert 199 < age(ur["sam.rivera"].keys[0].rotated) < 201 and ur["sam.rivera"].keys[0].used is None
    assert 399 < age(ur["etl-runner"].keys[0].rotated) < 401 and age(ur["etl-runner"].keys[0].used) < 1
    assert 119.5 < age(ur["lena.fischer"].password.last_used) < 121
    assert 45 < age(ur["p.novak"].password.changed) < 90
    assert 45 < age(ur["build-agent"].keys[0].rotated) < 90
    full_admin = {"AdministratorAccess", "AllowEverything"}
    usable_admins = [u for u in r.users if ({"Admins", "MfaAdmins"} & set(u.groups) or full_admin & set(u.attached))
                     and (u.password or any(k and k.active for k in u.keys))
                     and not u.name.startswith("breakglass")]
    assert [u.name for u in usable_admins] == ["ops-admin"], usable_admins


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else here
    h, r = healthy(), risky()
    check_story(h, r)
    write_xml_account(out, h, gaad_max_items=None, bare_csv=True)
    write_xml_account(out, r, gaad_max_items=12, bare_csv=False)
    write_json_account(out, risky("333333333333", "risky-json"))


if __name__ == "__main__":
    main()
