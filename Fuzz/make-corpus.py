#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/corpus/<target>/ (committed; rerun after samples change).

Seeds come from samples/, rules/, the real captures in ../shared/notes/samples (when present)
and small hand-made hostile cases. Mode bytes match the targets: FuzzXML's first byte picks a
wrapper (0 = the whole document), FuzzRules' first byte picks rule/config/expression mode.
Usage: python3 Fuzz/make-corpus.py   (from the repository root)
"""
import base64, glob, gzip, hashlib, json, os, re, shutil, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "notes", "samples")
OUT = os.path.join(ROOT, "Fuzz", "corpus")
MAX = 64 << 10  # larger seeds would only be truncated by -max_len

# FuzzXML wrappers, in FuzzXMLKinds.wrappers order (mode = index + 1).
XML_KINDS = ["GetAccountAuthorizationDetails", "ListVirtualMFADevices", "ListMFADevices", "GetAccountSummary",
             "GetAccountPasswordPolicy", "GetCredentialReport", "GenerateCredentialReport", "ListUsers", "Error"]
SCOPES = ["user", "access_key", "credential", "role", "identity", "policy", "account"]  # RuleDescriptor.Scope order


def files(*patterns):
    out = []
    for p in patterns:
        out += sorted(glob.glob(os.path.join(ROOT, p), recursive=True))
    return out


def shared(*patterns):
    out = []
    for p in patterns:
        out += sorted(glob.glob(os.path.join(SHARED, p), recursive=True))
    return out


def read(path):
    if path.endswith(".gz"):
        with gzip.open(path, "rb") as f:
            return f.read()
    with open(path, "rb") as f:
        return f.read()


class Corpus:
    def __init__(self, name):
        self.dir = os.path.join(OUT, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.count = 0

    def add(self, data, label):
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > MAX:
            return
        label = re.sub(r"[^A-Za-z0-9._-]+", "-", label)[:60]
        digest = hashlib.sha1(data).hexdigest()[:10]
        with open(os.path.join(self.dir, f"{label}-{digest}"), "wb") as f:
            f.write(data)
        self.count += 1


def csv_reports():
    """(label, bytes) of every credential report we can find, bare or inside an envelope."""
    out = [(os.path.basename(p), read(p)) for p in files("samples/**/*.csv") + shared("**/*.csv")]
    for p in files("samples/**/GetCredentialReport.xml") + shared("**/GetCredentialReport*.xml"):
        m = re.search(rb"<Content>(.*?)</Content>", read(p), re.S)
        if m:
            try:
                out.append(("decoded-" + os.path.basename(p), base64.b64decode(m.group(1))))
            except Exception:
                pass
    for p in files("samples/**/credential-report.json") + shared("**/get-credential-report*.json"):
        try:
            out.append(("decoded-" + os.path.basename(p), base64.b64decode(json.loads(read(p))["Content"])))
        except Exception:
            pass
    return out


HEADER = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
          "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
          "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
          "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
          "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
          "cert_2_active,cert_2_last_rotated")
ROOT_ROW = ("<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,"
            "2026-01-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,"
            "N/A,false,N/A,false,N/A")
USER_ROW = ("alice,arn:aws:iam::123456789012:user/alice,2021-02-03T04:05:06+00:00,true,no_information,"
            "2021-02-03T04:05:06+00:00,N/A,false,true,2021-02-03T04:05:06+00:00,2026-01-01T00:00:00+00:00,"
            "us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A")


def csv_corpus():
    c = Corpus("FuzzCSV")
    for label, data in csv_reports():
        c.add(data, label)
    small = HEADER + "\n" + ROOT_ROW + "\n" + USER_ROW + "\n"
    hostile = {
        "empty": "", "newline": "\n", "blank-lines": "\n\n\r\n\r\r\n", "bom-only": "\ufeff", "bom-header": "\ufeff" + HEADER,
        "header-only": HEADER + "\n", "small": small, "small-crlf": small.replace("\n", "\r\n"),
        "small-cr": small.replace("\n", "\r"), "no-final-newline": small.rstrip("\n"),
        "quoted-user": small.replace("alice,arn", '"al,ice\n""x""",arn', 1),
        "moto-comma-user": small.replace("alice,arn:aws:iam::123456789012:user/alice", "a,b,arn:aws:iam::123456789012:user/a,b"),
        "unterminated": HEADER + '\n"abc', "after-quote": HEADER + '\n"a"b,c', "nul": HEADER + "\n\x00,a",
        "blank-between": HEADER + "\n\n\n" + USER_ROW + "\n", "two-accounts": small + USER_ROW.replace("123456789012", "210987654321") + "\n",
        "short-row": HEADER + "\nalice,arn:aws:iam::123456789012:user/alice\n", "bad-date": small.replace("2021-02-03T04:05:06", "2021-02-30T04:05:06", 1),
        "bad-bool": small.replace(",true,no_information", ",yes,no_information", 1), "quote-in-unquoted": 'a"b,c"d\n',
        "many-commas": "," * 300 + "\n", "old-layout": HEADER.replace(",cert_2_active,cert_2_last_rotated", "") + "\n",
        "unknown-column": HEADER + ",extra\n" + USER_ROW + ",x\n", "escaped-only": '""""""\n',
    }
    for label, text in hostile.items():
        c.add(text, "hand-" + label)
    return c


def xml_corpus():
    c = Corpus("FuzzXML")
    docs = files("samples/**/*.xml") + shared("**/*.xml", "**/*.xml.gz")
    for p in docs:
        data = read(p)
        c.add(b"\x00" + data, os.path.basename(p))
        for i, kind in enumerate(XML_KINDS):
            tag = "Error" if kind == "Error" else kind + "Result"
            m = re.search(rb"<%s>(.*)</%s>" % (tag.encode(), tag.encode()), data, re.S)
            if m:
                c.add(bytes([i + 1]) + m.group(1), f"inner-{kind}-{os.path.basename(p)}")
    laughs = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)) + \
        ']>\n<ListUsersResponse>&lol9;</ListUsersResponse>\n'
    hostile = {
        "billion-laughs": laughs,
        "xxe": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><GetAccountSummaryResponse>&x;</GetAccountSummaryResponse>',
        "param-entity": '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]><r/>',
        "deep": "<a>" * 100 + "</a>" * 100, "unclosed": "<GetAccountSummaryResponse><GetAccountSummaryResult>",
        "entity-ref": "<ListUsersResponse>&amp;&lt;&#65;&#x1F600;&bogus;</ListUsersResponse>",
        "cdata": "<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap><entry><key><![CDATA[Users]]></key><value>3</value></entry></SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>",
        "trailing-junk": "<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse><junk/>",
        "pi-comment": '<?xml version="1.0" encoding="UTF-8"?><!-- c --><?pi x?><ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"/>',
        "utf16": '\ufeff<r/>'.encode("utf-16"), "bad-base64": "<GetCredentialReportResponse><GetCredentialReportResult><Content>!!!</Content></GetCredentialReportResult></GetCredentialReportResponse>",
    }
    for label, text in hostile.items():
        c.add(b"\x00" + (text if isinstance(text, bytes) else text.encode()), "hand-" + label)
    c.add(bytes([4]) + b"<SummaryMap><entry><key>Users</key><value>99999999999999999999999</value></entry></SummaryMap>", "hand-int-overflow")
    c.add(bytes([5]) + b"<PasswordPolicy><MinimumPasswordLength>-1</MinimumPasswordLength><HardExpiry>maybe</HardExpiry></PasswordPolicy>", "hand-bad-policy")
    c.add(bytes([6]) + b"<Content>" + base64.b64encode((HEADER + "\n" + USER_ROW + "\n").encode()) + b"</Content><ReportFormat>text/csv</ReportFormat>", "hand-report")
    c.add(bytes([1]) + b"<RoleDetailList><member><RoleName>r</RoleName><Arn>arn:aws:iam::123456789012:role/r</Arn><AssumeRolePolicyDocument>%7B%22Statement%22%3A%5B%5D%7D</AssumeRolePolicyDocument></member></RoleDetailList>", "hand-role")
    return c


def json_corpus():
    c = Corpus("FuzzJSON")
    for p in files("samples/**/*.json") + shared("**/*.json"):
        c.add(read(p), os.path.basename(p))
    for p in shared("aws-docs/awscli-examples/*.rst"):
        for i, block in enumerate(re.findall(r"Output::\s*\n\n((?:    .*\n|\n)+)", read(p).decode())):
            c.add("\n".join(l[4:] for l in block.splitlines()), f"doc-{os.path.basename(p)}-{i}")
    hostile = {
        "deep": "[" * 200 + "]" * 200, "deep-objects": '{"a":' * 150 + "1" + "}" * 150,
        "surrogates": '{"a":"\\ud83d\\ude00 \\ud800 x"}', "lone-low": '"\\udc00"', "bom": "\ufeff{}",
        "utf16-bom": b"\xff\xfe{\x00}\x00", "numbers": "[0,-0,1e999,-1.5E-7,01,1.,.5,-]", "literals": "[true,false,null,nul,True]",
        "dup-keys": '{"a":1,"a":2' + "".join(f',"k{i}":{i}' for i in range(20)) + ',"a":3}',
        "controls": '{"a":"\x01\t"}', "bad-utf8": b'{"a":"\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80"}',
        "report": json.dumps({"Content": base64.b64encode((HEADER + "\n" + USER_ROW + "\n").encode()).decode(),
                              "ReportFormat": "text/csv", "GeneratedTime": "2026-11-28T12:00:00+00:00"}),
        "summary-big": '{"SummaryMap":{"Users":99999999999999999999,"MFADevices":1.5}}',
        "mfa": '{"VirtualMFADevices":[{"SerialNumber":"arn:aws:iam::123456789012:mfa/a","User":{"UserName":"a","Arn":"arn:aws:iam::123456789012:user/a"},"EnableDate":"2026-01-01T00:00:00Z"}],"IsTruncated":true,"NextToken":"x"}',
        "policy-versions": '{"Policies":[{"Arn":"arn:aws:iam::123456789012:policy/p","PolicyVersionList":[{"Document":{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}},"IsDefaultVersion":true}]}]}',
        "state": '{"State":"COMPLETE"}', "trailing": "{} {}", "empty": "",
    }
    for label, text in hostile.items():
        c.add(text, "hand-" + label)
    return c


def policy_texts():
    out = []
    for p in files("samples/**/*.xml") + shared("**/*.xml", "**/*.xml.gz"):
        for m in re.finditer(rb"<(PolicyDocument|Document|AssumeRolePolicyDocument)>(.*?)</\1>", read(p), re.S):
            out.append((os.path.basename(p), m.group(2)))
    def walk(v, label):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in ("PolicyDocument", "Document", "AssumeRolePolicyDocument"):
                    out.append((label, (x if isinstance(x, str) else json.dumps(x, indent=1)).encode()))
                else:
                    walk(x, label)
        elif isinstance(v, list):
            for x in v:
                walk(x, label)
    for p in files("samples/**/*.json") + shared("**/*.json"):
        try:
            walk(json.loads(read(p)), os.path.basename(p))
        except Exception:
            pass
    return out


def policy_corpus():
    c = Corpus("FuzzPolicy")
    # moto's unfiltered GAAD carries ~1,500 AWS managed policies: keep 60 of them, spread over sizes.
    unique = sorted({text: label for label, text in policy_texts()}.items(), key=lambda kv: len(kv[0]))
    step = max(1, len(unique) // 60)
    for text, label in unique[::step]:
        c.add(text, label)
    admin = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
    hostile = {
        "admin": admin, "admin-encoded": urllib.parse.quote(admin, safe=""), "padded": "\n  " + admin + "\n\t",
        "bad-percent": "%7B%22Statement%2", "percent-zz": "%zz%7B", "plus": urllib.parse.quote(admin).replace("%20", "+"),
        "not-object": "[1,2]", "no-statement": '{"Version":"2012-10-17"}', "statement-object": '{"Statement":{"Effect":"Deny","NotAction":["iam:*"],"NotResource":"*"}}',
        "principal": '{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root"],"Service":"ec2.amazonaws.com","Federated":null},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}',
        "principal-star": '{"Statement":[{"Effect":"Allow","Principal":"*","Action":["iam:*","s3:Get*"],"Resource":["*"]}]}',
        "bad-effect": '{"Statement":[{"Effect":"allow","Action":"*"}]}', "deep": '{"Statement":' + "[" * 200 + "]" * 200 + "}",
        "encoded-deep": urllib.parse.quote('{"a":' * 150 + "1" + "}" * 150), "empty": "", "spaces": "   ",
        "wildcards": '{"Statement":[{"Effect":"Allow","Action":["*:*","iam:Put*","IAM:PASSROLE"],"Resource":"arn:aws:*:*"}]}',
    }
    for label, text in hostile.items():
        c.add(text, "hand-" + label)
    return c


def rule_conditions():
    out = []
    for p in files("rules/*.yml"):
        text = read(p).decode()
        scope = re.search(r"^scope:\s*(\S+)", text, re.M).group(1)
        for key in ("condition", "message"):
            m = re.search(r"^%s:\s*(?:[|>][-+]?\s*\n)?((?:(?:  .*)?\n)+|.*\n)" % key, text, re.M)
            if m:
                block = "\n".join(l[2:] if l.startswith("  ") else l for l in m.group(1).splitlines()).strip()
                out.append((os.path.basename(p), scope, key, block))
    return out


def rules_corpus():
    c = Corpus("FuzzRules")
    for p in files("rules/*.yml"):
        c.add(b"\x00" + read(p), os.path.basename(p))
    configs = {
        "readme": """rules:
  CL203: { params: { days: 30 } }
  user-has-direct-policies: { enabled: false }
  CL210: { severity: medium }
break_glass:
  users: [ops-emergency-*]
  tags: { emergency: "yes" }
  drill_dates: [2026-03-02]
admin_policy_arns: [arn:aws:iam::123456789012:policy/OrgAdmin]
exemptions:
  - rule: CL203
    principal: arn:aws:iam::123456789012:user/ci-*
    slot: access_key_1
    reason: CI keys are rotated by the vault job (TICKET-123)
    expires: 2027-01-31
fail_on: high
""",
        "empty": "", "null": "~\n", "unknown-key": "rulez: {}\n", "anchor": "a: &x [1]\nb: *x\n",
        "deep": "a: " + "[" * 80 + "]" * 80 + "\n", "dup": "fail_on: high\nfail_on: low\n",
        "param-types": "rules:\n  CL204: { params: { max_age: 9223372036854775807 } }\n  CL203: { params: { days: 45d } }\n  CL205: { params: { max_age: '1d' } }\n",
        "bad-date": "exemptions:\n  - { rule: CL101, principal: '*', reason: x, expires: 2027-02-30 }\n",
        "tabs": "rules:\n\tCL101: {}\n",
    }
    for label, text in configs.items():
        c.add(b"\x01" + text.encode(), "config-" + label)
    cl203 = read(os.path.join(ROOT, "rules", "CL203-access-key-unused.yml")).decode()
    with_duration = cl203.replace("params:\n", "params:\n  window:\n    default: 30d\n    description: A duration param.\n"
                                  "  label:\n    default: x\n    description: A string param.\n  strict:\n    default: true\n"
                                  "    description: A bool param.\n", 1)
    overrides = {
        "duration-int": "rules:\n  CL203: { params: { window: 9223372036854775807 } }\n",
        "duration-neg": "rules:\n  access-key-unused: { params: { window: -106751991167301, days: -1 } }\n",
        "int-huge": "rules:\n  CL203: { params: { days: 9223372036854775807 }, severity: low }\n",
        "kinds": "rules:\n  CL203: { params: { window: 12h, label: 3, strict: 'yes', days: 1d } }\n",
        "unknown-param": "rules:\n  CL203: { params: { dayz: 4 }, enabled: false }\n",
    }
    for label, text in overrides.items():
        c.add(b"\x04" + (with_duration + "\n...\n" + text).encode(), "rule-config-" + label)
    # Durations at the edge of what an Int64 of microseconds holds (106751991 days).
    for default in ("106751991d", "106751991d23h59m", "1d" * 40, "9223372036854s"):
        c.add(b"\x00" + with_duration.replace("default: 30d", "default: " + default).encode(), "rule-duration-" + default[:20])
    for label, scope, key, text in rule_conditions():
        c.add(bytes([2, SCOPES.index(scope)]) + text.encode(), f"expr-{key}-{label}")
    constants = {
        "arith": "1 + 2 * 3 - 4 / 2 % 3", "overflow-add": "9223372036854775807 + 1", "overflow-mul": "9223372036854775807 * 2",
        "overflow-neg": "-(-9223372036854775807 - 1)", "div-zero": "1 / 0", "mod-zero": "5 % 0", "min-div": "(-9223372036854775807 - 1) / -1",
        "durations": "days(params.days) > days(30) && params.max_age >= days(1)", "huge-days": "days(params.limit)",
        "strings": "'a' + \"b\" == 'ab' && 'x' in ['x', 'y']", "coalesce": "null ?? 3", "template": "Key is {params.days} days old; {params.name}",
        "as-of": "as_of - days(params.limit) < params.when", "nested": "(" * 70 + "1" + ")" * 70, "unary": "!!!true && - - -1 < 0",
    }
    for label, text in constants.items():
        c.add(b"\x03" + text.encode(), "const-" + label)
    return c


if __name__ == "__main__":
    for make in (csv_corpus, xml_corpus, json_corpus, policy_corpus, rules_corpus):
        corpus = make()
        print(f"{os.path.relpath(corpus.dir, ROOT)}: {corpus.count} seeds")


def dict_entry(s):
    """A libFuzzer dictionary entry: printable ASCII as is, everything else as \\xHH."""
    out = ""
    for b in s.encode("utf-8"):
        out += chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else "\\x%02X" % b
    return '"' + out + '"'


def dictionaries():
    """Fuzz/xml.dict (syntax plus every element name in the XML samples) and Fuzz/json.dict."""
    names = set()
    for p in files("samples/**/*.xml") + shared("**/*.xml"):
        names.update(n.decode() for n in re.findall(rb"</?([A-Za-z][A-Za-z0-9]*)[ >/]", read(p)))
    syntax = ['<?xml version="1.0" encoding="UTF-8"?>', "<!DOCTYPE", "<!ENTITY", "SYSTEM", "PUBLIC", "<![CDATA[", "]]>",
              "<!--", "-->", "<?", "?>", "</", "/>", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#", "&#x", "xmlns=",
              'xmlns="https://iam.amazonaws.com/doc/2010-05-08/"', "xmlns:a=", "encoding=", 'standalone="yes"',
              "true", "false", "TRUE", "N/A", "2026-11-28T12:00:00Z", "text/csv", "%7B%22", "arn:aws:iam::123456789012:",
              "NoSuchEntity", "password policy", "Response", "Result", "member"]
    with open(os.path.join(ROOT, "Fuzz", "xml.dict"), "w") as f:
        f.write("# libFuzzer dictionary for FuzzXML (generated by Fuzz/make-corpus.py).\n")
        for s in syntax:
            f.write(dict_entry(s) + "\n")
        for n in sorted(names):
            f.write(dict_entry("<" + n + ">") + "\n" + dict_entry("</" + n + ">") + "\n")
    keys = set()
    for p in files("samples/**/*.json") + shared("**/*.json"):
        keys.update(re.findall(r'"([A-Za-z][A-Za-z0-9]*)"\s*:', read(p).decode("utf-8", "replace")))
    syntax = ["{", "}", "[", "]", ":", ",", '"', "\\u", "\\ud83d\\ude00", "\\\"", "true", "false", "null", "-0.5e+10",
              "\ufeff", "text/csv", "arn:aws:iam::123456789012:", "2026-11-28T12:00:00Z", "COMPLETE"]
    with open(os.path.join(ROOT, "Fuzz", "json.dict"), "w") as f:
        f.write("# libFuzzer dictionary for FuzzJSON and FuzzPolicy (generated by Fuzz/make-corpus.py).\n")
        for s in syntax:
            f.write(dict_entry(s) + "\n")
        for k in sorted(keys):
            f.write(dict_entry('"' + k + '":') + "\n")
    words = set()
    for _, _, _, text in rule_conditions():
        words.update(re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", text))
    for p in files("rules/*.yml"):
        words.update(re.findall(r"^\s*([a-z_]+):", read(p).decode(), re.M))
    syntax = ["&&", "||", "!", "==", "!=", "<=", ">=", "??", " in ", "(", ")", "[", "]", "{", "}", "'", '"', "9223372036854775807",
              "-9223372036854775808", "30d", "1h", "null", "true", "false", "as_of", "params.", ": |\n  ", "\n- ", "{ ", "&a ", "*a",
              "---\n", "rules:\n  ", "break_glass:\n  ", "exemptions:\n  - ", "expires: 2027-01-31", "fires: true", "fires: false"]
    with open(os.path.join(ROOT, "Fuzz", "rules.dict"), "w") as f:
        f.write("# libFuzzer dictionary for FuzzRules (generated by Fuzz/make-corpus.py).\n")
        for w in syntax + sorted(words):
            f.write(dict_entry(w) + "\n")
    return len(names), len(keys), len(words)


if __name__ == "__main__":
    print("dictionaries: %d XML element names, %d JSON keys, %d rule words" % dictionaries())
