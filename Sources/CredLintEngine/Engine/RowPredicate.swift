import CredLintModel
import CredLintExpr

/// Rule conditions over report rows, compiled a second time to read the row
/// directly.
///
/// The general compiled code reads every field through an `ObjectRef`, a
/// downcast and a field closure, with reference counting at each step; at
/// 15-20 conditions per row that was most of the engine's time. Here the
/// conditions' conjuncts are compiled again, where they use only what a row
/// has as plain values (bools, timestamps, durations, ints, the credential
/// kind), into closures over `RowState`. Every operator goes through the same
/// `ExprRuntime` functions as the general code, and each field reads what its
/// view's field does (`RowPredicateTests` checks both against the views), so
/// the answers are the same.
///
/// A condition `a && b && c` fires only when every conjunct is exactly `true`.
/// Conjuncts compiled here are evaluated first; one that is not `true` rules
/// the condition out. When every conjunct compiled, that is the whole answer;
/// otherwise the general code decides the rows that get past them.
struct RowPredicate: Sendable {
    typealias Code = @Sendable (RowState) -> Value

    /// True when every compiled conjunct is exactly `true` (one closure: calling
    /// closures out of an array goes through a reabstraction thunk each time).
    let test: @Sendable (RowState) -> Bool
    /// Every conjunct compiled: `test` alone decides.
    let exact: Bool

    /// How a rule's condition is tested on a row: nil when no conjunct compiles.
    static func compile(_ condition: CompiledExpression, scope: RuleDescriptor.Scope, params: [String: Value]) -> RowPredicate? {
        guard scope == .user || scope == .accessKey || scope == .credential else { return nil }
        guard let node = try? ExprParser.parse(condition.source) else { return nil }
        let env = ExprEnvironment(schema: EngineSchema.schema, variables: EngineSchema.variables(for: scope), params: params)
        var c = RowPredicateCompiler(env: env, source: condition.source, scope: scope)
        let parts: [ExprNode]
        if case .and(let items) = node.kind { parts = items } else { parts = [node] }
        var codes: [Fn] = []
        for p in parts {
            if let code = c.compile(p) { codes.append(code) }
        }
        if codes.isEmpty { return nil }
        return RowPredicate(test: chain(codes[...]), exact: codes.count == parts.count)
    }

    private static func chain(_ codes: ArraySlice<Fn>) -> @Sendable (RowState) -> Bool {
        let first = codes.first!.code
        if codes.count == 1 {
            return { s in if case .bool(true) = first(s) { return true }; return false }
        }
        let rest = chain(codes.dropFirst())
        return { s in
            guard case .bool(true) = first(s) else { return false }
            return rest(s)
        }
    }
}

/// A compiled closure in a collection. Closures kept directly in an `Array`
/// are stored at maximal abstraction and come back wrapped in a
/// reabstraction thunk on every call; inside a struct they do not.
struct Fn: Sendable {
    let code: RowPredicate.Code
    init(_ code: @escaping RowPredicate.Code) { self.code = code }
    @inline(__always) func callAsFunction(_ s: RowState) -> Value { code(s) }
}

/// What a native conjunct reads: the current row and what the other inputs say
/// about its user, plus the key or credential being evaluated. One per thread,
/// updated in place row after row (like the views, never shared between threads).
final class RowState: @unchecked Sendable {
    var row = CredentialReportRow(line: 0, user: "", arn: "", isRoot: false)
    var asOf = Timestamp(micros: 0)
    var isBreakGlass = false
    /// `is_admin`, `is_full_admin`, `is_iam_admin`: null without authorization details
    /// and when they cannot tell (unknown is not no).
    var isAdmin = Value.null, isFullAdmin = Value.null, isIAMAdmin = Value.null
    var hasDirectPolicies = Value.null
    /// `mfa_devices_known`, worked out when first read for the row.
    var devicesKnown: Bool?
    var devicesKnownFor: (String) -> Bool = { _ in false }
    /// The key of an access_key rule, or the item of a `user.keys` macro.
    var key = AccessKeySlot(slot: 1)
    var loopKey = AccessKeySlot(slot: 1)
    /// The credential of a credential rule.
    var cred = CredentialView(kind: .password, slot: 0, enabled: .null, lastUsed: .null, created: .null)

    func set(row: CredentialReportRow, iam: IAMUser?, admin: AdminStatus?, isBreakGlass: Bool) {
        self.row = row
        self.isBreakGlass = isBreakGlass
        if let a = admin, a.isKnown {
            isAdmin = .bool(a.isAdmin); isFullAdmin = .bool(a.isFullAdmin); isIAMAdmin = .bool(a.isIAMAdmin)
        } else {
            isAdmin = .null; isFullAdmin = .null; isIAMAdmin = .null
        }
        hasDirectPolicies = iam.map { .bool(!$0.attachedPolicies.isEmpty || !$0.inlinePolicies.isEmpty) } ?? .null
        devicesKnown = nil
    }

    /// Binds the macro item to key `i` (1 or 2); false when that slot does not exist.
    func setLoopKey(_ i: Int) -> Bool {
        if i == 1 { guard row.accessKey1.exists else { return false }; loopKey = row.accessKey1 }
        else { guard row.accessKey2.exists else { return false }; loopKey = row.accessKey2 }
        return true
    }

    var mfaDevicesKnown: Bool {
        if let k = devicesKnown { return k }
        let k = devicesKnownFor(row.user)
        devicesKnown = k
        return k
    }

    /// `user.last_used`, as `UserView.lastUsed` computes it.
    var lastUsed: Value {
        var best: Timestamp?
        if case .value(let t) = row.passwordLastUsed { best = t }
        if case .value(let t) = row.accessKey1.lastUsedDate, best.map({ t > $0 }) ?? true { best = t }
        if case .value(let t) = row.accessKey2.lastUsedDate, best.map({ t > $0 }) ?? true { best = t }
        return best.map { .timestamp($0) } ?? .null
    }
}

/// Compiles the subset; returns nil for anything outside it.
struct RowPredicateCompiler {
    typealias Code = RowPredicate.Code
    let env: ExprEnvironment
    let source: String
    let scope: RuleDescriptor.Scope
    /// The loop variable of a `user.keys` macro being compiled.
    var keyLoopVariable: String?

    init(env: ExprEnvironment, source: String, scope: RuleDescriptor.Scope) {
        self.env = env; self.source = source; self.scope = scope
    }

    /// A value the general compiler folds to a constant (literals, params, `days(params.days)`).
    func constant(_ n: ExprNode) -> Value? {
        if keyLoopVariable != nil { return nil }  // the checker does not know the loop variable
        var checker = ExprChecker(env: env, source: source)
        guard let typed = try? checker.compile(n), let k = typed.constant else { return nil }
        switch k {
        case .null, .unknown, .bool, .int, .timestamp, .duration, .string: return k
        default: return nil
        }
    }

    mutating func compile(_ n: ExprNode) -> Fn? {
        if case .literal(let v) = n.kind {
            switch v {
            case .null, .unknown, .bool, .int, .timestamp, .duration, .string: return Fn { _ in v }
            default: return nil
            }
        }
        if let k = constant(n) { return Fn { _ in k } }
        switch n.kind {
        case .member(let base, let field):
            guard case .ident(let v) = base.kind else { return nil }
            return Self.field(v == keyLoopVariable ? "loopKey" : v, field, scope: scope)
        case .ident("as_of"):
            return Fn { s in .timestamp(s.asOf) }
        case .unary(.not, let x):
            guard let c = compile(x) else { return nil }
            return Fn { s in ExprRuntime.not(c(s)) }
        case .and(let items), .or(let items):
            var codes: [Fn] = []
            for i in items {
                guard let c = compile(i) else { return nil }
                codes.append(c)
            }
            let isAnd: Bool
            if case .and = n.kind { isAnd = true } else { isAnd = false }
            return Fn(Self.logic(codes[...], isAnd: isAnd))
        case .conditional(let cn, let an, let bn):
            guard let cc = compile(cn), let ac = compile(an), let bc = compile(bn) else { return nil }
            return Fn { s in
                switch cc(s) {
                case .bool(true): return ac(s)
                case .bool(false): return bc(s)
                default: return .unknown
                }
            }
        case .binary(let op, let an, let bn):
            return binary(op, an, bn)
        case .call(let name, let args):
            return call(name, args)
        case .method(let recv, let name, let args):
            return keysMacro(recv, name, args)
        default:
            return nil
        }
    }

    private mutating func binary(_ op: ExprNode.BinaryOp, _ an: ExprNode, _ bn: ExprNode) -> Fn? {
        // `cred.kind == 'password'`: the one string field conditions compare.
        if op == .equal || op == .notEqual, let test = kindComparison(an, bn) ?? kindComparison(bn, an) {
            let negate = op == .notEqual
            return Fn { s in .bool(test(s) != negate) }
        }
        if (op == .equal || op == .notEqual) && (an.isNullLiteral || bn.isNullLiteral) {
            guard let xc = compile(an.isNullLiteral ? bn : an) else { return nil }
            if op == .equal { return Fn { s in .bool(ExprRuntime.isNull(xc(s))) } }
            return Fn { s in .bool(xc(s).isPresent) }
        }
        guard let ac = compile(an), let bc = compile(bn) else { return nil }
        switch op {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return Fn { s in .bool(ExprRuntime.compare(op, ac(s), bc(s))) }
        case .coalesce:
            return Fn { s in
                let v = ac(s)
                return v.isPresent ? v : bc(s)
            }
        case .add: return Fn { s in ExprRuntime.add(ac(s), bc(s)) }
        case .subtract: return Fn { s in ExprRuntime.subtract(ac(s), bc(s)) }
        case .multiply: return Fn { s in ExprRuntime.multiply(ac(s), bc(s)) }
        case .in: return nil
        }
    }

    /// `cred.kind` compared with a string literal.
    private func kindComparison(_ field: ExprNode, _ literal: ExprNode) -> (@Sendable (RowState) -> Bool)? {
        guard scope == .credential, case .member(let base, "kind") = field.kind, case .ident("cred") = base.kind,
              case .literal(.string(let text)) = literal.kind else { return nil }
        return { s in s.cred.kind.rawValue == text }
    }

    private mutating func call(_ name: String, _ args: [ExprNode]) -> Fn? {
        guard args.count == 1, let a = compile(args[0]) else { return nil }
        // Each as `ExprChecker.compileCall` defines it.
        switch name {
        case "date":
            return Fn { s in
                let v = a(s)
                guard case .timestamp(let t) = v else { return ExprRuntime.absent(v) }
                return .string(ISO8601.formatDate(t))
            }
        case "string":
            return Fn { s in
                let v = a(s)
                return v.isPresent ? .string(v.messageText) : v
            }
        case "abs":
            return Fn { s in
                let v = a(s)
                switch v {
                case .int(let x) where x < 0: return ExprRuntime.negate(v)
                case .duration(let d) where d.micros < 0: return ExprRuntime.negate(v)
                default: return v
                }
            }
        case "age": return Fn { s in ExprRuntime.age(a(s), asOf: s.asOf) }
        case "has": return Fn { s in .bool(a(s).isPresent) }
        case "is_null": return Fn { s in .bool(ExprRuntime.isNull(a(s))) }
        case "is_unknown": return Fn { s in .bool(ExprRuntime.isUnknown(a(s))) }
        case "in_days":
            return Fn { s in
                let v = a(s)
                guard case .duration(let d) = v else { return ExprRuntime.absent(v) }
                return .int(d.wholeDays)
            }
        default: return nil
        }
    }

    /// `user.keys.exists(k, …)`, `.all(k, …)`, `.count(k, …)` with a body over the key.
    private mutating func keysMacro(_ recv: ExprNode, _ name: String, _ args: [ExprNode]) -> Fn? {
        guard ["exists", "all", "count"].contains(name), args.count == 2, keyLoopVariable == nil,
              case .member(let base, "keys") = recv.kind, case .ident("user") = base.kind,
              case .ident(let v) = args[0].kind, env.variableSlot(v) == nil, v != "as_of", v != "params" else { return nil }
        keyLoopVariable = v
        defer { keyLoopVariable = nil }
        guard let body = compile(args[1]) else { return nil }
        // Same as the general macro code, over the row's existing keys in slot order.
        switch name {
        case "count":
            return Fn { s in
                var k: Int64 = 0
                for i in 1...2 {
                    guard s.setLoopKey(i) else { continue }
                    if case .bool(true) = body(s) { k += 1 }
                }
                return .int(k)
            }
        default:
            let decisive = name == "exists"
            return Fn { s in
                var undetermined = false
                for i in 1...2 {
                    guard s.setLoopKey(i) else { continue }
                    switch body(s) {
                    case .bool(let b): if b == decisive { return .bool(decisive) }
                    default: undetermined = true
                    }
                }
                return undetermined ? .unknown : .bool(!decisive)
            }
        }
    }

    /// Kleene `&&`/`||` exactly as `ExprChecker.logicTree` evaluates them.
    static func logic(_ codes: ArraySlice<Fn>, isAnd: Bool) -> Code {
        if codes.count == 1 { return codes.first!.code }
        let mid = codes.startIndex + codes.count / 2
        let ac = logic(codes[..<mid], isAnd: isAnd), bc = logic(codes[mid...], isAnd: isAnd)
        let decisive = !isAnd
        return { s in
            let a = ac(s)
            if case .bool(let x) = a, x == decisive { return a }
            let b = bc(s)
            if case .bool(let y) = b {
                if y == decisive { return b }
                if case .bool = a { return b }
            }
            return .unknown
        }
    }

    /// Fields a row has as plain values; each must read what its view's field reads.
    static func field(_ variable: String, _ name: String, scope: RuleDescriptor.Scope) -> Fn? {
        switch (variable, name) {
        case ("user", "name"): return Fn { s in .string(s.row.user) }
        case ("user", "arn"): return Fn { s in .string(s.row.arn) }
        case ("user", "is_root"): return Fn { s in .bool(s.row.isRoot) }
        case ("user", "in_report"): return Fn { _ in .bool(true) }
        case ("user", "created"): return Fn { s in s.row.userCreationTime.exprValue }
        case ("user", "password_enabled"): return Fn { s in s.row.passwordEnabled.exprValue }
        case ("user", "password_last_used"): return Fn { s in s.row.passwordLastUsed.exprValue }
        case ("user", "password_last_changed"): return Fn { s in s.row.passwordLastChanged.exprValue }
        case ("user", "password_next_rotation"): return Fn { s in s.row.passwordNextRotation.exprValue }
        case ("user", "mfa_active"): return Fn { s in s.row.mfaActive.exprValue }
        case ("user", "last_used"): return Fn { s in s.lastUsed }
        case ("user", "is_break_glass"): return Fn { s in .bool(s.isBreakGlass) }
        case ("user", "is_admin"): return Fn { s in s.isAdmin }
        case ("user", "is_full_admin"): return Fn { s in s.isFullAdmin }
        case ("user", "is_iam_admin"): return Fn { s in s.isIAMAdmin }
        case ("user", "has_direct_policies"): return Fn { s in s.hasDirectPolicies }
        case ("user", "mfa_devices_known"): return Fn { s in .bool(s.mfaDevicesKnown) }
        case ("key", _) where scope == .accessKey: return keyField(name, loop: false)
        case ("loopKey", _): return keyField(name, loop: true)
        case ("cred", "slot") where scope == .credential: return Fn { s in .int(Int64(s.cred.slot)) }
        case ("cred", "kind") where scope == .credential: return Fn { s in .string(s.cred.kind.rawValue) }
        case ("cred", "label") where scope == .credential: return Fn { s in .string(s.cred.label) }
        case ("cred", "enabled") where scope == .credential: return Fn { s in s.cred.enabled }
        case ("cred", "last_used") where scope == .credential: return Fn { s in s.cred.lastUsed }
        case ("cred", "created") where scope == .credential: return Fn { s in s.cred.created }
        default: return nil
        }
    }

    private static func keyField(_ name: String, loop: Bool) -> Fn? {
        switch (name, loop) {
        case ("slot", false): return Fn { s in .int(Int64(s.key.slot)) }
        case ("active", false): return Fn { s in s.key.active.exprValue }
        case ("last_rotated", false): return Fn { s in s.key.lastRotated.exprValue }
        case ("last_used", false): return Fn { s in s.key.lastUsedDate.exprValue }
        case ("last_used_region", false): return Fn { s in s.key.lastUsedRegion.exprValue }
        case ("last_used_service", false): return Fn { s in s.key.lastUsedService.exprValue }
        case ("slot", true): return Fn { s in .int(Int64(s.loopKey.slot)) }
        case ("active", true): return Fn { s in s.loopKey.active.exprValue }
        case ("last_rotated", true): return Fn { s in s.loopKey.lastRotated.exprValue }
        case ("last_used", true): return Fn { s in s.loopKey.lastUsedDate.exprValue }
        case ("last_used_region", true): return Fn { s in s.loopKey.lastUsedRegion.exprValue }
        case ("last_used_service", true): return Fn { s in s.loopKey.lastUsedService.exprValue }
        default: return nil
        }
    }
}
