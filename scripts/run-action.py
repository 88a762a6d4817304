#!/usr/bin/env python3
"""Runs a composite GitHub Action, or a workflow job that uses one, offline, the way GitHub does.

    run-action.py action DIR   [--with NAME=VALUE]...          [--workspace DIR] [--expect PATH=VALUE]...
    run-action.py workflow FILE --job JOB [--with STEP.NAME=VALUE]... [--workspace DIR] [--expect PATH=VALUE]...
    run-action.py --self-test     (checks the expression rules below)

What GitHub does, and so this does:
- a `run:` step with `shell: bash` runs as `bash --noprofile --norc -eo pipefail FILE`; a workflow step
  with no shell as `bash -e FILE`; in the workspace (or `working-directory`);
- each step gets fresh GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY files; outputs
  (`name=value` and `name<<DELIMITER` blocks) become `steps.ID.outputs`, GITHUB_ENV and GITHUB_PATH
  apply to the steps after it;
- `${{ }}` in a step's `env`, `with`, `working-directory` and `if` is evaluated against `inputs`,
  `steps`, `github`, `runner` and `env`, with GitHub's operators (! == != && || and parentheses,
  case-insensitive string equality, `||` yielding the first truthy value) and functions (success,
  failure, always, cancelled, hashFiles, contains, startsWith, endsWith); `if` without `${{ }}` too;
- a step's `if` defaults to success(): after a failed step only always()/failure()/!cancelled() steps run;
- inputs reach a composite action's scripts only through its `env:` (GitHub sets no INPUT_* variables
  for composite steps, actions/runner issue 665, so neither does this: a script that reads one
  without mapping it fails here as it would there);
  the inputs context holds the `with` values over the action's defaults; a missing required input fails;
- `uses:` steps other than a local composite action (./path) are not run: they are reported as
  skipped with a note (their `if` is still evaluated, so a conditional upload shows whether it would run).
Workflow commands in a step's output (::error::, ::warning::, ::notice::) are collected as annotations.

The result (conclusion, outputs, each step) is printed as JSON on stdout; the steps' own output goes
to stderr. Each --expect PATH=VALUE compares one field of that JSON (dotted path, for example
outputs.exit-code=1 or steps.credlint.conclusion=success); the exit status is 1 when one differs.
"""
import argparse
import glob
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile

try:
    import yaml  # PyYAML (Debian: python3-yaml)

    def load_yaml(path):
        with open(path) as f:
            return yaml.safe_load(f)
except ImportError:  # .ci/run's venv has ruamel.yaml (check-jsonschema's dependency)
    from ruamel.yaml import YAML

    def load_yaml(path):
        with open(path) as f:
            return YAML(typ="safe").load(f)

# ---------------------------------------------------------------- expressions

TOKEN = re.compile(r"""\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>-?\d+(?:\.\d+)?)|(?P<op>==|!=|&&|\|\||<=|>=|[!<>()\[\].,])|(?P<name>[A-Za-z_][A-Za-z0-9_-]*))""")


def tokenize(src):
    pos, out = 0, []
    src = src.strip()
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot read expression at {src[pos:]!r}")
        pos = m.end()
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
    return out


def truthy(v):
    return not (v is None or v is False or v == "" or v == 0)


def to_str(v):
    if v is None:
        return ""
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dict, list)):
        return json.dumps(v)
    return str(v)


def to_num(v):
    if v is None or v == "":
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).strip())
    except ValueError:
        return float("nan")


def equal(a, b):
    # GitHub: strings compare case-insensitively; different types are compared as numbers.
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if type(a) is type(b) or (a is None and b is None):
        return a == b
    return to_num(a) == to_num(b)


class Evaluator:
    def __init__(self, context, functions):
        self.context, self.functions = context, functions

    def evaluate(self, src):
        self.tokens, self.i = tokenize(src), 0
        value = self.or_()
        if self.i != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.i][1]!r} in {src!r}")
        return value

    def peek(self):
        return self.tokens[self.i][1] if self.i < len(self.tokens) else None

    def take(self, want=None):
        tok = self.tokens[self.i]
        if want is not None and tok[1] != want:
            raise ValueError(f"expected {want!r}, found {tok[1]!r}")
        self.i += 1
        return tok

    def or_(self):
        v = self.and_()
        while self.peek() == "||":
            self.take()
            right = self.and_()
            v = v if truthy(v) else right
        return v

    def and_(self):
        v = self.cmp()
        while self.peek() == "&&":
            self.take()
            right = self.cmp()
            v = right if truthy(v) else v
        return v

    def cmp(self):
        v = self.unary()
        while self.peek() in ("==", "!=", "<", ">", "<=", ">="):
            op = self.take()[1]
            right = self.unary()
            if op == "==":
                v = equal(v, right)
            elif op == "!=":
                v = not equal(v, right)
            else:
                a, b = to_num(v), to_num(right)
                v = {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
        return v

    def unary(self):
        if self.peek() == "!":
            self.take()
            return not truthy(self.unary())
        return self.postfix()

    def postfix(self):
        kind, text = self.take()
        if text == "(":
            v = self.or_()
            self.take(")")
        elif kind == "str":
            v = text[1:-1].replace("''", "'")
        elif kind == "num":
            v = float(text)
        elif kind == "name" and text in ("true", "false", "null"):
            v = {"true": True, "false": False, "null": None}[text]
        elif kind == "name" and self.peek() == "(":
            self.take("(")
            args = []
            while self.peek() != ")":
                args.append(self.or_())
                if self.peek() == ",":
                    self.take()
            self.take(")")
            fn = self.functions.get(text.lower())
            if fn is None:
                raise ValueError(f"function {text}() is not supported by this runner")
            v = fn(*args)
        elif kind == "name":
            v = self.context.get(text)
        else:
            raise ValueError(f"unexpected {text!r}")
        while self.peek() in (".", "["):
            if self.take()[1] == ".":
                key = self.take()[1]
            else:
                key = to_str(self.or_())
                self.take("]")
            v = v.get(key) if isinstance(v, dict) else None
        return v


EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def substitute(value, ev):
    if not isinstance(value, str):
        return to_str(value)
    whole = EXPR.fullmatch(value.strip())
    if whole and value.strip() == value:
        return to_str(ev.evaluate(whole.group(1)))
    return EXPR.sub(lambda m: to_str(ev.evaluate(m.group(1))), value)


def condition(src, ev):
    if src is None:
        src = "success()"
    if isinstance(src, bool):
        return src
    src = str(src).strip()
    m = EXPR.fullmatch(src)
    expr = m.group(1) if m else src
    # GitHub adds success() unless the condition names a status function.
    if not re.search(r"\b(success|failure|always|cancelled)\s*\(", expr):
        expr = f"success() && ({expr})"
    return truthy(ev.evaluate(expr))


# ---------------------------------------------------------------- running steps

def read_outputs(path):
    out, lines, i = {}, open(path, encoding="utf-8").read().split("\n"), 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip():
            continue
        m = re.match(r"^([^=<]+)<<(.+)$", line)
        if m:
            name, delim, body = m.group(1), m.group(2), []
            while i < len(lines) and lines[i] != delim:
                body.append(lines[i])
                i += 1
            if i >= len(lines):
                raise ValueError(f"{path}: {name}<<{delim} is never closed")
            i += 1
            out[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            out[name] = value
        else:
            raise ValueError(f"{path}: line {line!r} is neither name=value nor name<<DELIMITER")
    return out


ANNOTATION = re.compile(r"^::(error|warning|notice)(?: [^:]*)?::(.*)$")


class Runner:
    def __init__(self, workspace, log):
        self.workspace = os.path.abspath(workspace)
        self.log = log
        self.temp = tempfile.mkdtemp(prefix="run-action-")
        self.tool_cache = os.environ.get("RUNNER_TOOL_CACHE") or os.path.join(self.temp, "tool-cache")
        os.makedirs(self.tool_cache, exist_ok=True)
        self.env = dict(os.environ)
        arch = {"x86_64": "X64", "amd64": "X64", "aarch64": "ARM64", "arm64": "ARM64"}.get(platform.machine().lower(), platform.machine())
        self.runner = {"os": {"Linux": "Linux", "Darwin": "macOS"}.get(platform.system(), platform.system()),
                       "arch": arch, "temp": self.temp, "tool_cache": self.tool_cache}
        self.env.update({
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": self.workspace,
            "RUNNER_OS": self.runner["os"], "RUNNER_ARCH": arch, "RUNNER_TEMP": self.temp,
            "RUNNER_TOOL_CACHE": self.tool_cache,
            "GITHUB_SERVER_URL": os.environ.get("GITHUB_SERVER_URL", "https://github.com"),
        })
        self.summary = []

    def github(self, **extra):
        g = {"workspace": self.workspace, "server_url": self.env["GITHUB_SERVER_URL"],
             "repository": self.env.get("GITHUB_REPOSITORY", ""), "action_path": "", "action_ref": "",
             "action_repository": "", "event_name": "workflow_dispatch"}
        g.update(extra)
        return g

    def functions(self, status):
        def hash_files(*patterns):
            files = sorted({f for p in patterns for f in glob.glob(os.path.join(self.workspace, to_str(p)), recursive=True)
                            if os.path.isfile(f)})
            if not files:
                return ""
            h = hashlib.sha256()
            for f in files:
                h.update(hashlib.sha256(open(f, "rb").read()).digest())
            return h.hexdigest()
        return {
            "success": lambda: status["failed"] is False,
            "failure": lambda: status["failed"] is True,
            "always": lambda: True,
            "cancelled": lambda: False,
            "hashfiles": hash_files,
            "contains": lambda a, b: (to_str(b).lower() in to_str(a).lower()) if not isinstance(a, list) else any(equal(x, b) for x in a),
            "startswith": lambda a, b: to_str(a).lower().startswith(to_str(b).lower()),
            "endswith": lambda a, b: to_str(a).lower().endswith(to_str(b).lower()),
        }

    def run_script(self, step, ev, env_extra, default_shell, action_path=None):
        shell = step.get("shell")
        if shell is None and default_shell is None:
            raise ValueError(f"step {step.get('id') or step.get('name')}: a composite action's run step needs shell:")
        shell = shell or default_shell
        if shell == "bash":
            argv = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]
        elif shell == "bash -e":
            argv = ["bash", "-e"]
        elif shell == "sh":
            argv = ["sh", "-e"]
        else:
            raise ValueError(f"shell {shell!r} is not supported by this runner")
        files = {}
        for var in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY"):
            fd, files[var] = tempfile.mkstemp(prefix=var.lower() + "-", dir=self.temp)
            os.close(fd)
        script = os.path.join(self.temp, "step.sh")
        with open(script, "w") as f:
            f.write(step["run"])
        env = dict(self.env)
        env.update(env_extra)
        for k, v in (step.get("env") or {}).items():
            env[k] = substitute(v, ev)
        env.update(files)
        if action_path:
            env["GITHUB_ACTION_PATH"] = action_path
        cwd = os.path.join(self.workspace, substitute(step.get("working-directory", "."), ev))
        proc = subprocess.run(argv + [script], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        text = proc.stdout.decode("utf-8", "replace")
        self.log.write(text)
        annotations = [{"level": m.group(1), "message": m.group(2)}
                       for m in (ANNOTATION.match(line) for line in text.splitlines()) if m]
        outputs = read_outputs(files["GITHUB_OUTPUT"])
        for k, v in read_outputs(files["GITHUB_ENV"]).items():
            self.env[k] = v
        for line in open(files["GITHUB_PATH"]).read().splitlines():
            if line.strip():
                self.env["PATH"] = line.strip() + os.pathsep + self.env["PATH"]
        summary = open(files["GITHUB_STEP_SUMMARY"]).read()
        if summary:
            self.summary.append(summary)
        return proc.returncode, outputs, annotations

    def run_steps(self, steps, context_for, default_shell, action_path=None, uses_handler=None):
        """Runs steps in order; returns (failed, steps-context, per-step records)."""
        status = {"failed": False}
        steps_ctx, records = {}, []
        for n, step in enumerate(steps):
            sid = step.get("id") or f"__step{n}"
            ev = Evaluator(context_for(steps_ctx), self.functions(status))
            name = step.get("name") or step.get("uses") or sid
            record = {"id": sid, "name": name}
            if not condition(step.get("if"), ev):
                record.update(conclusion="skipped", note="its if: is false")
                steps_ctx[sid] = {"outputs": {}, "outcome": "skipped", "conclusion": "skipped"}
                self.log.write(f"-- {name}: skipped (if: false)\n")
                records.append(record)
                continue
            self.log.write(f"-- {name}\n")
            if "uses" in step:
                handled = uses_handler(step, ev) if uses_handler else None
                if handled is None:
                    record.update(conclusion="success", note=f"uses: {step['uses']} is not run offline (it would run here)")
                    self.log.write(f"   (not run offline: uses {step['uses']})\n")
                    steps_ctx[sid] = {"outputs": {}, "outcome": "success", "conclusion": "success"}
                    records.append(record)
                    continue
                ok, outputs, annotations, inner = handled
                code = 0 if ok else 1
                record["steps"] = inner
            else:
                code, outputs, annotations = self.run_script(step, ev, {}, default_shell, action_path)
                record["exit-status"] = code
            conclusion = "success" if code == 0 else "failure"
            if code != 0 and str(step.get("continue-on-error", "false")).lower() != "true":
                status["failed"] = True
            record.update(conclusion=conclusion, outputs=outputs, annotations=annotations)
            steps_ctx[sid] = {"outputs": outputs, "outcome": conclusion, "conclusion": conclusion}
            records.append(record)
        return status["failed"], steps_ctx, records

    def run_action(self, action_dir, given, outer_github=None):
        action_dir = os.path.realpath(action_dir)
        doc = load_yaml(os.path.join(action_dir, "action.yml"))
        if doc["runs"].get("using") != "composite":
            raise ValueError(f"{action_dir}: only composite actions are run")
        inputs = {}
        for name, spec in (doc.get("inputs") or {}).items():
            if name in given:
                inputs[name] = given[name]
            elif spec.get("default") is not None:
                inputs[name] = to_str(spec["default"])
            elif spec.get("required"):
                raise ValueError(f"input {name} is required")
            else:
                inputs[name] = ""
        unknown = set(given) - set(doc.get("inputs") or {})
        if unknown:
            self.log.write(f"warning: unexpected inputs {sorted(unknown)} (GitHub warns too)\n")
        gh = self.github(action_path=action_dir, **(outer_github or {}))

        def ctx(steps_ctx):
            return {"inputs": inputs, "steps": steps_ctx, "github": gh, "runner": self.runner, "env": self.env}
        failed, steps_ctx, records = self.run_steps(doc["runs"]["steps"], ctx, None, action_path=action_dir)
        ev = Evaluator(ctx(steps_ctx), self.functions({"failed": failed}))
        outputs = {k: substitute(v.get("value", ""), ev) for k, v in (doc.get("outputs") or {}).items()}
        annotations = [a for r in records for a in r.get("annotations", [])]
        return not failed, outputs, annotations, records

    def run_workflow(self, path, job, overrides):
        doc = load_yaml(path)
        spec = doc["jobs"][job]
        shell = ((spec.get("defaults") or {}).get("run") or {}).get("shell") \
            or ((doc.get("defaults") or {}).get("run") or {}).get("shell") or "bash -e"

        def ctx(steps_ctx):
            return {"steps": steps_ctx, "github": self.github(), "runner": self.runner, "env": self.env}

        def uses(step, ev):
            ref = step["uses"]
            if not ref.startswith("./"):
                return None
            given = {k: substitute(v, ev) for k, v in (step.get("with") or {}).items()}
            given.update(overrides.get(step.get("id"), {}))
            return self.run_action(os.path.join(self.workspace, ref), given)
        failed, steps_ctx, records = self.run_steps(spec["steps"], ctx, shell, uses_handler=uses)
        return not failed, {}, [a for r in records for a in r.get("annotations", [])], records


def self_test():
    """GitHub's expression rules that the action and the example workflow depend on."""
    status = {"failed": False}
    r = Runner(".", sys.stderr)
    ctx = {"inputs": {"fail-on": "High", "empty": ""}, "steps": {"plan": {"outputs": {"mode": "release", "bin": ""}}},
           "github": {"action_ref": ""}}
    ev = Evaluator(ctx, r.functions(status))
    checks = [
        ("inputs.fail-on == 'high'", True),                       # strings compare case-insensitively
        ("steps.plan.outputs.mode != 'source'", True),
        ("steps.plan.outputs.bin || steps.missing.outputs.bin || 'fallback'", "fallback"),  # || yields a value
        ("inputs.empty || 'x'", "x"),
        ("github.action_ref && 'tag'", ""),                       # && yields the falsy operand
        ("!cancelled()", True),
        ("'it''s'", "it's"),
        ("steps.plan.outputs['mode'] == 'RELEASE' && (1 == '1')", True),
        ("startsWith('v1.2.3', 'V1')", True),
        ("hashFiles('no-such-file-*') != ''", False),
    ]
    wrong = [(e, want, got) for e, want in checks if (got := ev.evaluate(e)) != want]
    assert condition("steps.plan.outputs.mode == 'release'", ev) is True
    status["failed"] = True
    assert condition("steps.plan.outputs.mode == 'release'", ev) is False, "a plain if: implies success()"
    assert condition("${{ always() }}", ev) is True and condition("failure()", ev) is True
    assert substitute("a-${{ inputs.fail-on }}-${{ inputs.empty }}", ev) == "a-High-"
    for e, want, got in wrong:
        sys.stderr.write(f"run-action self-test: {e} gave {got!r}, expected {want!r}\n")
    sys.exit(1 if wrong else 0)


def lookup(result, dotted):
    v = result
    for part in dotted.split("."):
        if isinstance(v, list):  # steps by id
            v = next((s for s in v if part in (s.get("id"), s.get("name"))), None)
        elif isinstance(v, dict):
            v = v.get(part)
        else:
            return None
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=["action", "workflow"])
    ap.add_argument("path")
    ap.add_argument("--job")
    ap.add_argument("--with", dest="with_", action="append", default=[], metavar="NAME=VALUE")
    ap.add_argument("--workspace", default=".")
    ap.add_argument("--expect", action="append", default=[], metavar="PATH=VALUE")
    if sys.argv[1:] == ["--self-test"]:
        self_test()
    a = ap.parse_args()
    runner = Runner(a.workspace, sys.stderr)
    pairs = [w.split("=", 1) for w in a.with_]
    if any(len(p) != 2 for p in pairs):
        ap.error("--with takes NAME=VALUE")
    if a.kind == "action":
        ok, outputs, annotations, steps = runner.run_action(a.path, dict(pairs))
    else:
        if not a.job:
            ap.error("workflow needs --job")
        overrides = {}
        for k, v in pairs:
            sid, _, name = k.partition(".")
            overrides.setdefault(sid, {})[name] = v
        ok, outputs, annotations, steps = runner.run_workflow(a.path, a.job, overrides)
    result = {"conclusion": "success" if ok else "failure", "outputs": outputs,
              "annotations": annotations, "steps": steps, "summary": "".join(runner.summary)}
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    wrong = []
    for e in a.expect:
        path, _, want = e.partition("=")
        got = lookup(result, path)
        if to_str(got) != want:
            wrong.append(f"{path}: expected {want!r}, got {to_str(got)!r}")
    for w in wrong:
        sys.stderr.write(f"run-action: {w}\n")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
