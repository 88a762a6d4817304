import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintExpr
@testable import CredLintEngine

/// The compiled code of every row rule (user, access_key, credential) against
/// an oracle: `ReferenceEvaluator` walks the syntax tree and reads fields
/// through the checked accessors (`FieldDefinition.get`) on fresh views, with
/// the Kleene logic, comparisons, `??`, `?:` and the macros written out again.
/// The compiled side is the production path itself, `RowEvaluator` with its
/// reused views, over rows that mix every kind of cell (values, N/A,
/// no_information, not_supported) and ages on both sides of every threshold.
@Suite struct CompiledRuleOracleTests {
    static let asOf = Timestamp(seconds: 1_767_225_600)  // 2026-01-01
    static let account = "123456789012"

    /// An account with authorization details (an admin, a break-glass user by tag,
    /// a user with a direct policy) and a virtual MFA list, or with neither.
    static func context(full: Bool) -> AccountContext {
        var inputs = AccountInputs(accountID: account)
        inputs.report = CredentialReportInput(path: "r.csv", container: .csv, content: .bytes([]))
        if full {
            inputs.hasAuthorizationDetails = true
            inputs.users = [
                IAMUser(name: "admin", arn: arn("admin"),
                        attachedPolicies: [AttachedPolicy(name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess")]),
                IAMUser(name: "tagged", arn: arn("tagged"), tags: ["break-glass": "true"]),
                IAMUser(name: "direct", arn: arn("direct"),
                        attachedPolicies: [AttachedPolicy(name: "S3", arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")]),
                IAMUser(name: "plain", arn: arn("plain")),
            ]
            inputs.hasVirtualMFAList = true
            inputs.virtualMFADevices = [MFADevice(serialNumber: "arn:aws:iam::\(account):mfa/admin", userName: "admin", userARN: arn("admin"))]
        }
        return AccountContext(inputs: inputs, configuration: Configuration())
    }

    static func arn(_ name: String) -> String { "arn:aws:iam::\(account):user/\(name)" }

    static let days: [Int64] = [-3, 0, 1, 6, 7, 8, 44, 45, 46, 89, 90, 91, 364, 365, 366, 900]

    static func bool(_ g: inout PropertyRNG) -> Cell<Bool> {
        [.value(true), .value(false), .value(true), .notApplicable, .noInformation, .unknown][g.below(6)]
    }

    static func time(_ g: inout PropertyRNG) -> Cell<Timestamp> {
        switch g.below(8) {
        case 0: return .notApplicable
        case 1: return .noInformation
        case 2: return .unknown
        default:
            // Exactly on a day boundary, or a second either side of it.
            let d = days[g.below(days.count)]
            return .value(Timestamp(seconds: asOf.micros / 1_000_000 - d * 86_400 + Int64(g.below(3)) - 1))
        }
    }

    static func text(_ g: inout PropertyRNG, _ value: String) -> Cell<String> {
        [.value(value), .notApplicable, .noInformation, .unknown][g.below(4)]
    }

    static func row(_ g: inout PropertyRNG, line: Int) -> CredentialReportRow {
        let names = ["admin", "tagged", "direct", "plain", "breakglass-1", "Emergency-Access-2", "bob", "<root_account>"]
        let name = names[g.below(names.count)]
        let root = name == "<root_account>"
        func key(_ slot: Int) -> AccessKeySlot {
            AccessKeySlot(slot: slot, active: bool(&g), lastRotated: time(&g), lastUsedDate: time(&g),
                          lastUsedRegion: text(&g, "us-east-1"), lastUsedService: text(&g, "s3"))
        }
        return CredentialReportRow(
            line: line, user: name, arn: root ? "arn:aws:iam::\(account):root" : arn(name), isRoot: root,
            userCreationTime: time(&g), passwordEnabled: bool(&g), passwordLastUsed: time(&g),
            passwordLastChanged: time(&g), passwordNextRotation: time(&g), mfaActive: bool(&g),
            accessKey1: key(1), accessKey2: key(2),
            cert1: CertificateSlot(slot: 1, active: bool(&g), lastRotated: time(&g)),
            cert2: CertificateSlot(slot: 2, active: bool(&g), lastRotated: time(&g)))
    }

    static let rowScopes: Set<RuleDescriptor.Scope> = [.user, .accessKey, .credential]

    /// One fired rule: what the compiled path captured, or what the oracle says it must.
    struct Fired: Equatable, CustomStringConvertible {
        var rule: String, line: Int, slot: String, values: [Value]
        var description: String { "\(rule) line \(line) \(slot): \(values)" }
    }

    /// What the oracle says `rules` find in `rows`, in the order `RowEvaluator` finds them.
    static func expected(_ rules: [CompiledRule], _ rows: [CredentialReportRow], _ ctx: AccountContext,
                         account: Value) throws -> [Fired] {
        var out: [Fired] = []
        for r in rows {
            let user = Value.object(ObjectRef(ctx.userView(row: r, iam: nil)))
            func run(_ scope: RuleDescriptor.Scope, _ bindings: [Value], slot: String) throws {
                for rule in rules where rule.descriptor.scope == scope {
                    let oracle = ReferenceEvaluator(rule, asOf: asOf, values: bindings)
                    guard case .bool(true) = try oracle.condition() else { continue }
                    out.append(Fired(rule: rule.id, line: r.line, slot: slot, values: try oracle.captured()))
                }
            }
            try run(.user, [user, account], slot: "")
            for k in [r.accessKey1, r.accessKey2] where k.exists {
                try run(.accessKey, [user, .object(ObjectRef(AccessKeyView(k))), account], slot: "access_key_\(k.slot)")
            }
            for c in ctx.userView(row: r, iam: nil).credentials {
                try run(.credential, [user, .object(ObjectRef(c)), account], slot: c.slotID)
            }
        }
        return out
    }

    /// What the production path finds: one `RowEvaluator`, its views reused row after row.
    static func compiled(_ rules: [CompiledRule], _ rows: [CredentialReportRow], _ ctx: AccountContext,
                         account: Value) -> [Fired] {
        var active = ActiveRules()
        for rule in rules { active.add(RuleProgram(rule)) }
        let evaluator = RowEvaluator(ctx: ctx, rules: active, asOf: asOf, accountValue: account, reportPath: "r.csv",
                                     envelopeLine: nil)
        for r in rows { evaluator.evaluate(r) }
        return evaluator.takeFindings().map { Fired(rule: $0.rule.id, line: $0.location.line, slot: $0.slot, values: $0.values) }
    }

    static func check(_ rules: [CompiledRule], seed: UInt64, rows count: Int) throws -> (fired: Int, rules: Set<String>) {
        var g = PropertyRNG(seed: seed)
        var fired = 0
        var firing = Set<String>()
        for full in [false, true] {
            let ctx = context(full: full)
            let account = Value.object(ObjectRef(AccountView(ctx: ctx)))
            let rows = (0..<count).map { row(&g, line: $0 + 2) }
            let want = try expected(rules, rows, ctx, account: account)
            let got = compiled(rules, rows, ctx, account: account)
            #expect(got.count == want.count)
            for (a, b) in zip(got, want) where a != b {
                Issue.record("compiled \(a), oracle \(b)")
                break
            }
            fired += want.count
            firing.formUnion(want.map(\.rule))
        }
        return (fired, firing)
    }

    @Test func builtInRowRulesAgreeWithTheOracle() throws {
        let catalog = try RuleCatalog.standard(configuration: Configuration())
        let rules = catalog.rules.filter { Self.rowScopes.contains($0.descriptor.scope) }
        #expect(rules.count >= 15)
        let (fired, firing) = try Self.check(rules, seed: 11, rows: 2_500)
        // The rows exercise both answers of nearly every rule.
        #expect(fired > 5_000)
        #expect(firing.count >= rules.count - 3, "rules that never fired: \(Set(rules.map(\.id)).subtracting(firing).sorted())")
    }

    /// Rules given with `--rules` are compiled and evaluated exactly as built-in ones:
    /// the built-in files loaded as user files find the same, value for value.
    @Test func rulesFromFilesTakeTheSamePath() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = try BuiltinRules.files.map { f in
            ("custom/" + f.name, try String(contentsOf: root.appendingPathComponent("rules/" + f.name), encoding: .utf8))
        }
        let custom = try RuleCatalog.load(files: files, configuration: Configuration()).rules
            .filter { Self.rowScopes.contains($0.descriptor.scope) }
        let standard = try RuleCatalog.standard(configuration: Configuration()).rules
            .filter { Self.rowScopes.contains($0.descriptor.scope) }
        #expect(custom.map(\.id) == standard.map(\.id))
        var g = PropertyRNG(seed: 5)
        let ctx = Self.context(full: true)
        let account = Value.object(ObjectRef(AccountView(ctx: ctx)))
        let rows = (0..<800).map { Self.row(&g, line: $0 + 2) }
        let a = Self.compiled(custom, rows, ctx, account: account)
        #expect(a == Self.compiled(standard, rows, ctx, account: account))
        #expect(a == (try Self.expected(custom, rows, ctx, account: account)))
        #expect(a.count > 500)
    }

    /// The oracle can fail: a rule whose compiled code differs from its source is caught.
    @Test func theOracleCatchesAWrongCondition() throws {
        let standard = try RuleCatalog.standard(configuration: Configuration()).rules
        let cl203 = try #require(standard.first { $0.id == "CL203" })
        let cl204 = try #require(standard.first { $0.id == "CL204" })
        // CL203's metadata and source with CL204's compiled condition.
        let swapped = CompiledRule(descriptor: cl203.descriptor, enabled: true, source: cl203.source, condition: cl204.condition,
                                   message: cl203.message, properties: cl203.properties, params: cl203.params)
        var g = PropertyRNG(seed: 3)
        let ctx = Self.context(full: false)
        let account = Value.object(ObjectRef(AccountView(ctx: ctx)))
        let rows = (0..<400).map { Self.row(&g, line: $0 + 2) }
        #expect(Self.compiled([swapped], rows, ctx, account: account) != (try Self.expected([swapped], rows, ctx, account: account)))
    }
}

/// A direct reading of the rule language over the syntax tree: no closures, no
/// reused views, fields read with `FieldDefinition.get`. Operators and functions
/// the built-in row rules use are written out here; any other function is
/// compiled on its own over variables (its own tests cover it).
struct ReferenceEvaluator {
    let rule: CompiledRule
    let env: ExprEnvironment
    let asOf: Timestamp
    var scope: [String: (value: Value, type: ExprType)] = [:]

    struct Unsupported: Error { let what: String }

    init(_ rule: CompiledRule, asOf: Timestamp, values: [Value]) {
        self.rule = rule
        self.asOf = asOf
        env = ExprEnvironment(schema: EngineSchema.schema, variables: EngineSchema.variables(for: rule.descriptor.scope),
                              params: rule.params)
        for (v, value) in zip(env.variables, values) { scope[v.name] = (value, v.type) }
    }

    /// The condition as the rule's file writes it (not as compiled).
    func condition() throws -> Value { try eval(try ExprParser.parse(rule.source.condition.text)).value }

    /// The message's non-constant placeholder values, then the properties' values, as a finding keeps them.
    func captured() throws -> [Value] {
        var out: [Value] = []
        let pieces = try #require(MessageTemplate.pieces(rule.source.message.text))
        var k = 0
        for case .placeholder(let node) in pieces {
            defer { k += 1 }
            if rule.message.constantPlaceholders[k] { continue }
            out.append(Captures.kept(try eval(node).value))
        }
        for (_, e) in rule.source.properties { out.append(Captures.kept(try eval(try ExprParser.parse(e.text)).value)) }
        return out
    }

    static func absent(_ vs: Value...) -> Value {
        vs.contains { if case .null = $0 { true } else { false } } ? .null : .unknown
    }

    func eval(_ n: ExprNode) throws -> (value: Value, type: ExprType) {
        switch n.kind {
        case .literal(let v):
            return (v, v.staticType)
        case .ident("as_of"):
            return (.timestamp(asOf), .timestamp)
        case .ident(let name):
            guard let b = scope[name] else { throw Unsupported(what: name) }
            return b
        case .member(let base, let name):
            if case .ident("params") = base.kind, let v = rule.params[name] { return (v, v.staticType) }
            let b = try eval(base)
            guard case .object(let typeName) = b.type, let field = env.schema.field(name, of: typeName) else {
                throw Unsupported(what: "field \(name) of \(b.type)")
            }
            switch b.value {
            case .object(let r): return (field.get(r), field.type)
            case .unknown: return (.unknown, field.type)
            default: return (.null, field.type)
            }
        case .unary(.not, let x):
            if case .bool(let b) = try eval(x).value { return (.bool(!b), .bool) }
            return (.unknown, .bool)
        case .and(let items), .or(let items):
            let decisive: Bool
            if case .and = n.kind { decisive = false } else { decisive = true }
            var sawOther = false
            for i in items {
                switch try eval(i).value {
                case .bool(let b) where b == decisive: return (.bool(decisive), .bool)
                case .bool: break
                default: sawOther = true
                }
            }
            return (sawOther ? .unknown : .bool(!decisive), .bool)
        case .conditional(let c, let a, let b):
            let ta = try eval(a), tb = try eval(b)
            let type = ta.type.joined(with: tb.type) ?? ta.type
            switch try eval(c).value {
            case .bool(true): return (ta.value, type)
            case .bool(false): return (tb.value, type)
            default: return (.unknown, type)
            }
        case .binary(let op, let an, let bn):
            let a = try eval(an), b = try eval(bn)
            let type = a.type.joined(with: b.type) ?? a.type
            let isBool: Bool = switch op {
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in: true
            default: false
            }
            return (try binary(op, a.value, b.value, nullTest: an.isNullLiteral || bn.isNullLiteral), isBool ? .bool : type)
        case .call(let name, let args):
            return try call(name, try args.map(eval))
        case .method(let recv, let name, let args):
            return try method(recv, name, args)
        default:
            throw Unsupported(what: "\(n.sexpr)")
        }
    }

    func binary(_ op: ExprNode.BinaryOp, _ a: Value, _ b: Value, nullTest: Bool) throws -> Value {
        func present(_ v: Value) -> Bool { if case .null = v { false } else if case .unknown = v { false } else { true } }
        func order(_ a: Value, _ b: Value) -> Int? {
            switch (a, b) {
            case (.int(let x), .int(let y)): x < y ? -1 : x == y ? 0 : 1
            case (.timestamp(let x), .timestamp(let y)): x.micros < y.micros ? -1 : x.micros == y.micros ? 0 : 1
            case (.duration(let x), .duration(let y)): x.micros < y.micros ? -1 : x.micros == y.micros ? 0 : 1
            case (.string(let x), .string(let y)): x < y ? -1 : x == y ? 0 : 1
            case (.bool(let x), .bool(let y)): x == y ? 0 : 1
            default: nil
            }
        }
        switch op {
        case .equal where nullTest:
            let x = (a == .null) ? b : a
            if case .null = x { return .bool(true) }
            return .bool(false)
        case .notEqual where nullTest:
            return .bool(present(a == .null ? b : a))
        case .equal: return .bool(order(a, b) == 0)
        case .notEqual: return .bool(present(a) && present(b) && order(a, b) != 0)
        case .less: return .bool((order(a, b) ?? 0) < 0)
        case .lessEqual: return .bool(order(a, b).map { $0 <= 0 } ?? false)
        case .greater: return .bool((order(a, b) ?? 0) > 0)
        case .greaterEqual: return .bool(order(a, b).map { $0 >= 0 } ?? false)
        case .coalesce: return present(a) ? a : b
        case .in:
            guard case .list(let items) = b else { return .bool(false) }
            return .bool(items.contains { order(a, $0) == 0 })
        case .add:
            switch (a, b) {
            case (.string(let x), .string(let y)): return .string(x + y)
            case (.int(let x), .int(let y)):
                let (r, o) = x.addingReportingOverflow(y)
                return o ? .null : .int(r)
            default: return ExprRuntime.add(a, b)  // timestamps, durations, lists: tested on their own
            }
        case .subtract: return ExprRuntime.subtract(a, b)
        case .multiply: return ExprRuntime.multiply(a, b)
        }
    }

    func call(_ name: String, _ args: [(value: Value, type: ExprType)]) throws -> (value: Value, type: ExprType) {
        let v = args.first?.value ?? .null
        switch (name, v) {
        case ("age", .timestamp(let t)): return (.duration(TimeSpan(micros: asOf.micros - t.micros)), .duration)
        case ("age", _): return (Self.absent(v), .duration)
        case ("days", .int(let k)): return (.duration(TimeSpan(micros: k * 86_400_000_000)), .duration)
        case ("days", _): return (Self.absent(v), .duration)
        case ("in_days", .duration(let d)): return (.int(d.micros / 86_400_000_000), .int)
        case ("in_days", _): return (Self.absent(v), .int)
        case ("has", _): return (.bool(v != .null && v != .unknown), .bool)
        case ("is_null", _): return (.bool(v == .null), .bool)
        case ("is_unknown", _): return (.bool(v == .unknown), .bool)
        case ("date", .timestamp(let t)): return (.string(String(t.iso8601.prefix(10))), .string)
        case ("date", _): return (Self.absent(v), .string)
        case ("string", .null), ("string", .unknown): return (v, .string)
        case ("string", _): return (.string(v.messageText), .string)
        case ("size", .list(let items)): return (.int(Int64(items.count)), .int)
        case ("size", _): return (Self.absent(v), .int)
        case ("join", .list(let items)):
            guard case .string(let sep) = args[1].value else { return (Self.absent(v, args[1].value), .string) }
            return (.string(items.compactMap { if case .string(let s) = $0 { s } else { nil } }.joined(separator: sep)), .string)
        case ("join", _): return (Self.absent(v, args[1].value), .string)
        default:
            // Compiled on its own, over variables holding the arguments.
            let names = args.indices.map { "x\($0)" }
            let env = ExprEnvironment(schema: EngineSchema.schema, variables: zip(names, args).map { ($0, $1.type) })
            let code = try ExprCompiler.compile("\(name)(\(names.joined(separator: ", ")))", in: env)
            return (code.evaluate(EvalContext(asOf: asOf, variables: args.map(\.value))), code.type)
        }
    }

    func method(_ recvNode: ExprNode, _ name: String, _ args: [ExprNode]) throws -> (value: Value, type: ExprType) {
        let recv = try eval(recvNode)
        guard case .list(let elem) = recv.type, args.count == 2, case .ident(let x) = args[0].kind else {
            throw Unsupported(what: "method \(name)")
        }
        guard case .list(let items) = recv.value else {
            let type: ExprType = name == "count" ? .int : name == "exists" || name == "all" ? .bool : recv.type
            return (Self.absent(recv.value), type)
        }
        var results: [(value: Value, type: ExprType)] = []
        for item in items {
            var inner = self
            inner.scope[x] = (item, elem)
            results.append(try inner.eval(args[1]))
        }
        switch name {
        case "exists", "all":
            let decisive = name == "exists"
            if results.contains(where: { $0.value == .bool(decisive) }) { return (.bool(decisive), .bool) }
            if results.allSatisfy({ if case .bool = $0.value { true } else { false } }) { return (.bool(!decisive), .bool) }
            return (.unknown, .bool)
        case "count":
            return (.int(Int64(results.filter { $0.value == .bool(true) }.count)), .int)
        case "filter":
            return (.list(zip(items, results).filter { $0.1.value == .bool(true) }.map(\.0)), recv.type)
        case "map":
            return (.list(results.map(\.value)), .list(results.first?.type ?? .null))
        default:
            throw Unsupported(what: "method \(name)")
        }
    }
}
