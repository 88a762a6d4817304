import CredLintModel
import CredLintExpr
import CredLintEngine
import CredLintReport
import FuzzSupport

// libFuzzer entry point for what users write: rule files, `.credlint.yml` and
// the expression language. The first byte picks the mode, the rest is UTF-8 text:
//   0  a rule file: parse, compile, and run its examples (RuleChecker);
//   1  a configuration: parse, then compile the built-in rules it configures;
//   2  an expression in one rule scope (second byte): compile as a condition
//      and as a message template;
//   3  an expression with params but no variables: compile, evaluate, render;
//   4  a rule file and a configuration, separated by a line `...`: the rule
//      compiled with the configuration's settings (param overrides) applied.
// Errors must be ours and located at line ≥ 1 (ExprError: inside the text).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzCheck.bytes(data, size)
    guard let mode = input.first else { return 0 }
    switch mode % 5 {
    case 0: FuzzRuleModes.ruleFile(String(decoding: input.dropFirst(), as: UTF8.self))
    case 1: FuzzRuleModes.configuration(String(decoding: input.dropFirst(), as: UTF8.self))
    case 2:
        let scopes = RuleDescriptor.Scope.allCases
        let scope = scopes[Int(input.dropFirst().first ?? 0) % scopes.count]
        FuzzRuleModes.expression(String(decoding: input.dropFirst(2), as: UTF8.self), scope: scope)
    case 3: FuzzRuleModes.constantExpression(String(decoding: input.dropFirst(), as: UTF8.self))
    default:
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        let parts = text.split(separator: "\n...\n", maxSplits: 1, omittingEmptySubsequences: false)
        FuzzRuleModes.ruleFile(String(parts[0]), configuration: parts.count > 1 ? String(parts[1]) : "")
    }
    return 0
}

enum FuzzRuleModes {
    static func ruleFile(_ text: String, configuration configText: String? = nil) {
        // The file name must match the rule's id and name; learn it from the first error.
        var path = "rules/CL999-fuzz-rule.yml"
        do {
            _ = try RuleSource.parse(text: text, path: path)
        } catch let e as CredLintError where e.message.hasPrefix("file name '") {
            // "... does not match the rule; expected 'CL203-access-key-unused.yml'"
            guard let start = e.message.range(of: "; expected '"), e.message.hasSuffix("'") else {
                FuzzCheck.fail("RuleSource", "file-name error without an expected name: \(e)")
            }
            path = "rules/" + e.message[start.upperBound...].dropLast()
            do {
                _ = try RuleSource.parse(text: text, path: path)
            } catch let again as CredLintError where again.message.hasPrefix("file name '") {
                FuzzCheck.fail("RuleSource", "the expected file name \(path) does not match either: \(again)")
            } catch {
                FuzzCheck.expectOurs(error, "RuleSource")
                return
            }
        } catch {
            FuzzCheck.expectOurs(error, "RuleSource")
            return
        }
        var config = Configuration()
        if let configText {
            guard let c = FuzzCheck.run("Configuration", { try Configuration.parse(configText, path: ".credlint.yml") })
            else { return }
            config = c
        }
        guard let catalog = FuzzCheck.run("RuleCatalog", {
            try RuleCatalog.load(files: [(path: path, text: text)], configuration: config)
        }) else { return }
        FuzzCheck.run("RuleChecker") { try RuleChecker.check(catalog) }
    }

    static func configuration(_ text: String) {
        guard let config = FuzzCheck.run("Configuration", { try Configuration.parse(text, path: ".credlint.yml") }) else { return }
        // Only the built-in rules it names, so one run stays fast.
        let named = BuiltinRules.files.filter { f in
            config.rules.keys.contains { key in f.name.hasPrefix(key + "-") || f.name.hasSuffix("-" + key + ".yml") }
        }
        if named.isEmpty { return }
        FuzzCheck.run("RuleCatalog (configured)") {
            try RuleCatalog.builtin(named, configuration: config)
        }
    }

    static let params: [String: Value] = [
        "days": .int(45), "limit": .int(Int64.max), "name": .string("break-glass"), "flag": .bool(true),
        "max_age": .duration(.days(90)), "when": .timestamp(Timestamp(seconds: 1_700_000_000)),
    ]

    static func expression(_ text: String, scope: RuleDescriptor.Scope) {
        let env = ExprEnvironment(schema: EngineSchema.schema, variables: EngineSchema.variables(for: scope), params: params)
        checkExpr { () throws(ExprError) in _ = try ExprCompiler.compile(text, in: env, expecting: .bool) }
        checkExpr { () throws(ExprError) in _ = try MessageTemplate.compile(text, in: env) }
    }

    static func constantExpression(_ text: String) {
        let env = ExprEnvironment(schema: EngineSchema.schema, variables: [], params: params)
        let ctx = EvalContext(asOf: Timestamp(seconds: 1_764_000_000))
        checkExpr { () throws(ExprError) in
            let e = try ExprCompiler.compile(text, in: env)
            let v = e.evaluate(ctx)
            _ = v.messageText
            if let c = e.constantValue {
                FuzzCheck.require(c == v, "ExprCompiler", "folded to \(c) but evaluates to \(v): \(text)")
            }
        }
        checkExpr { () throws(ExprError) in
            let m = try MessageTemplate.compile(text, in: env)
            _ = m.render(ctx)
        }
    }

    /// ExprError is the expression compiler's own error: positions are inside the text, from 1.
    static func checkExpr(_ body: () throws(ExprError) -> Void) {
        do {
            try body()
        } catch {
            FuzzCheck.require(error.line >= 1 && error.column >= 1 && !error.message.isEmpty, "ExprCompiler",
                              "error at \(error.line):\(error.column): \(error.message)")
        }
    }
}
