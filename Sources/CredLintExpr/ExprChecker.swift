/// An expression that has been type-checked and turned into code.
package struct TypedCode: Sendable {
    var type: ExprType
    var code: ExprCode
    /// Set when the value is known at compile time (literals, parameters and
    /// pure operations on them); such code is folded to a constant.
    package var constant: Value?
    /// A faster test of a bool expression than `code` (`TestCode`); nil: `code` decides.
    var test: Test? = nil

    static func constant(_ v: Value, _ type: ExprType) -> TypedCode {
        TypedCode(type: type, code: { _ in v }, constant: v)
    }

    /// Whether the value is exactly `.bool(wanted)`.
    var testCode: Test {
        if let test { return test }
        let code = self.code
        return Test(run: { f, wanted in code(&f).isBool(wanted) })
    }

    /// This code with `test` as its test, unless it was folded to a constant.
    func testing(_ test: Test) -> TypedCode {
        guard constant == nil else { return self }
        var t = self
        t.test = test
        return t
    }

    func testing(_ run: @escaping TestCode) -> TypedCode { testing(Test(run: run)) }
}

/// Type-checks a syntax tree against an `ExprEnvironment` and compiles it to
/// closures, resolving every name (variable slot, field accessor, parameter
/// value, function) now so that evaluation never looks anything up.
package struct ExprChecker {
    let env: ExprEnvironment
    let source: String
    /// Macro loop variables in scope, innermost last.
    var locals: [(name: String, type: ExprType, slot: Int)] = []
    /// Local slots an evaluation needs.
    var localCount = 0
    /// Constant folding; tests turn it off to run the run-time code paths.
    var folding = true

    package init(env: ExprEnvironment, source: String) {
        self.env = env
        self.source = source
    }

    func error(_ at: Int, _ message: String) -> ExprError { ExprError.at(at, in: source, message) }

    /// Code for an operation, folded to a constant when it is pure and every operand is constant.
    func make(_ type: ExprType, _ operands: [TypedCode], pure: Bool = true, _ code: @escaping ExprCode) -> TypedCode {
        if folding && pure && operands.allSatisfy({ $0.constant != nil }) {
            var frame = Frame.empty()
            return .constant(code(&frame), type)
        }
        return TypedCode(type: type, code: code, constant: nil)
    }

    static func article(_ t: ExprType) -> String {
        if t == .null { return "null" }
        let s = t.description
        return ("aeiouAEIOU".contains(s.first ?? "x") ? "an " : "a ") + s
    }

    /// `expected` accepts `actual` when they are equal, or `actual` is (a list of) null.
    static func accepts(_ expected: ExprType, _ actual: ExprType) -> Bool {
        actual.joined(with: expected) == expected
    }

    /// A hint for the usual mix-ups between ints and durations.
    static func conversionHint(expected: ExprType, found: ExprType) -> String {
        switch (expected, found) {
        case (.duration, .int): "; write days(n), hours(n) or a literal such as 45d"
        case (.int, .duration): "; in_days(d) gives whole days"
        case (.duration, .timestamp): "; age(t) gives the time since t"
        case (.timestamp, .duration): "; as_of - d gives the time d before as_of"
        case (.string, .timestamp): "; date(t) or string(t) gives text"
        default: ""
        }
    }

    package mutating func compile(_ n: ExprNode) throws(ExprError) -> TypedCode {
        switch n.kind {
        case .literal(let v):
            return .constant(v, v.staticType)
        case .ident(let name):
            return try compileIdent(name, n)
        case .member(let base, let name):
            return try compileMember(base, name, n)
        case .call(let name, let args):
            return try compileCall(name, args, n)
        case .method(let recv, let name, let args):
            return try compileMethod(recv, name, args, n)
        case .unary(let op, let operand):
            return try compileUnary(op, operand, n)
        case .binary(let op, let a, let b):
            return try compileBinary(op, a, b, n)
        case .and(let items):
            return try compileLogic(items, isAnd: true)
        case .or(let items):
            return try compileLogic(items, isAnd: false)
        case .conditional(let c, let a, let b):
            return try compileConditional(c, a, b, n)
        case .list(let items):
            return try compileList(items, n)
        }
    }

    // MARK: names

    var globalNames: [String] {
        locals.map(\.name) + env.variables.map(\.name) + ["as_of", "params"]
    }

    mutating func compileIdent(_ name: String, _ n: ExprNode) throws(ExprError) -> TypedCode {
        if let local = locals.last(where: { $0.name == name }) {
            let slot = local.slot
            return TypedCode(type: local.type, code: { f in f.locals[slot] }, constant: nil)
        }
        if let slot = env.variableSlot(name) {
            return TypedCode(type: env.variables[slot].type, code: { f in f.variables[slot] }, constant: nil)
        }
        switch name {
        case "as_of":
            return TypedCode(type: .timestamp, code: { f in .timestamp(f.asOf) }, constant: nil)
        case "params":
            let names = env.params.keys.sorted()
            let list = names.isEmpty ? "this rule has none" : "this rule has " + names.map { "params.\($0)" }.joined(separator: ", ")
            throw error(n.pos, "found 'params' alone, expected a parameter such as params.days (\(list))")
        default:
            if ExprBuiltins.globalFunctionNames.contains(name) {
                throw error(n.pos, "found function '\(name)' without arguments, expected a call such as \(name)(...)")
            }
            let scope = globalNames.map { "'\($0)'" }.joined(separator: ", ")
            throw error(n.pos, "unknown name '\(name)'\(NameSuggestion.hint(for: name, among: globalNames)) (names here: \(scope))")
        }
    }

    mutating func compileMember(_ baseNode: ExprNode, _ name: String, _ n: ExprNode) throws(ExprError) -> TypedCode {
        if case .ident("params") = baseNode.kind, !locals.contains(where: { $0.name == "params" }) {
            guard let v = env.params[name] else {
                let names = env.params.keys.sorted()
                let hint = names.isEmpty ? " (this rule has no params)" : NameSuggestion.hint(for: name, among: names)
                throw error(n.pos, "unknown parameter 'params.\(name)'\(hint)")
            }
            return .constant(v, v.staticType)
        }
        let base = try compile(baseNode)
        guard case .object(let typeName) = base.type else {
            if case .list(.object(let elem)) = base.type, env.schema.field(name, of: elem) != nil {
                throw error(n.pos, "found field '\(name)' on \(Self.article(base.type)), expected an object; use a macro such as .exists(x, x.\(name)) or .map(x, x.\(name))")
            }
            throw error(n.pos, "found field '\(name)' on \(Self.article(base.type)), which has no fields")
        }
        guard let type = env.schema.objectTypes[typeName] else {
            throw error(n.pos, "object type '\(typeName)' is not registered in the schema")
        }
        guard let field = type.field(name) else {
            var hint = NameSuggestion.hint(for: name, among: type.fields.map(\.name))
            if hint.isEmpty, ExprBuiltins.methodNames.contains(name) {
                hint = "; '\(name)' is a method, call it with ()"
            }
            throw error(n.pos, "unknown field '\(name)' of \(typeName)\(hint)")
        }
        // A field of a variable reads the object bound to the slot (`FieldDefinition.compiled`).
        if case .ident(let v) = baseNode.kind {
            let base: FieldBase?
            if let local = locals.last(where: { $0.name == v }) {
                base = .local(local.slot)
            } else if let slot = env.variableSlot(v) {
                base = .variable(slot)
            } else {
                base = nil
            }
            if let base {
                let (code, test) = field.compiled(base)
                return TypedCode(type: field.type, code: code, constant: nil, test: field.type == .bool ? Test(run: test) : nil)
            }
        }
        let bc = base.code, get = field.get
        return TypedCode(type: field.type, code: { f in bc(&f).field(get) }, constant: nil)
    }

    // MARK: operators

    mutating func compileUnary(_ op: ExprNode.UnaryOp, _ operandNode: ExprNode, _ n: ExprNode) throws(ExprError) -> TypedCode {
        let a = try compile(operandNode)
        let ac = a.code
        switch op {
        case .not:
            guard Self.accepts(.bool, a.type) else {
                throw error(n.pos, "found '!' applied to \(Self.article(a.type)), expected a bool")
            }
            var negated = a.testCode
            negated.negated.toggle()
            return make(.bool, [a]) { f in ExprRuntime.not(ac(&f)) }.testing(negated)
        case .negate:
            guard a.type == .int || a.type == .duration else {
                throw error(n.pos, "found '-' applied to \(Self.article(a.type)), expected an int or a duration")
            }
            return make(a.type, [a]) { f in ExprRuntime.negate(ac(&f)) }
        }
    }

    /// Code calling `op(a, b)`, with a constant operand captured rather than called.
    func binary(_ type: ExprType, _ a: TypedCode, _ b: TypedCode,
                _ op: @escaping @Sendable (Value, Value) -> Value) -> TypedCode {
        let ac = a.code, bc = b.code
        if a.constant == nil, let k = b.constant {
            return make(type, [a, b]) { f in op(ac(&f), k) }
        }
        if b.constant == nil, let k = a.constant {
            return make(type, [a, b]) { f in op(k, bc(&f)) }
        }
        return make(type, [a, b]) { f in op(ac(&f), bc(&f)) }
    }

    mutating func compileBinary(_ op: ExprNode.BinaryOp, _ an: ExprNode, _ bn: ExprNode, _ n: ExprNode) throws(ExprError) -> TypedCode {
        let a = try compile(an)
        let b = try compile(bn)
        switch op {
        case .equal, .notEqual:
            // `x == null` / `x != null` test presence, for any type.
            if an.isNullLiteral || bn.isNullLiteral {
                let x = an.isNullLiteral ? b : a
                let xc = x.code
                if op == .equal {
                    return make(.bool, [x]) { f in .bool(ExprRuntime.isNull(xc(&f))) }
                        .testing { f, wanted in ExprRuntime.isNull(xc(&f)) == wanted }
                }
                return make(.bool, [x]) { f in .bool(xc(&f).isPresent) }
                    .testing { f, wanted in xc(&f).isPresent == wanted }
            }
            try checkComparable(op, a.type, b.type, n, ordered: false)
            return comparison(op, a, b)
        case .less, .lessEqual, .greater, .greaterEqual:
            try checkComparable(op, a.type, b.type, n, ordered: true)
            return comparison(op, a, b)
        case .in:
            guard case .list(let elem) = b.type else {
                let hint = b.type == .string ? "; for a substring write s.contains(part)" : ""
                throw error(n.pos, "found 'in' with \(Self.article(b.type)) on its right, expected a list\(hint)")
            }
            guard let t = a.type.joined(with: elem), t.isEquatable else {
                throw error(n.pos, "found 'in' looking for \(Self.article(a.type)) in \(Self.article(b.type)), expected an element of type \(elem)")
            }
            if case .list(let items)? = b.constant, a.constant == nil {
                let ac = a.code
                return make(.bool, [a]) { f in
                    let x = ac(&f)
                    return .bool(items.contains { ExprRuntime.equal(x, $0) })
                }
            }
            return binary(.bool, a, b) { x, list in
                guard case .list(let items) = list else { return .bool(false) }
                return .bool(items.contains { ExprRuntime.equal(x, $0) })
            }
        case .coalesce:
            guard let t = a.type.joined(with: b.type) else {
                throw error(n.pos, "found '??' between \(Self.article(a.type)) and \(Self.article(b.type)), expected two values of the same type")
            }
            if let k = a.constant { return k.isPresent ? .constant(k, t) : TypedCode(type: t, code: b.code, constant: b.constant) }
            let ac = a.code, bc = b.code
            return TypedCode(type: t, code: { f in
                let v = ac(&f)
                return v.isPresent ? v : bc(&f)
            }, constant: nil)
        case .add, .subtract, .multiply:
            let type = try arithmeticType(op, a.type, b.type, n)
            switch op {
            case .add: return binary(type, a, b, ExprRuntime.add)
            case .subtract: return binary(type, a, b, ExprRuntime.subtract)
            default: return binary(type, a, b, ExprRuntime.multiply)
            }
        }
    }

    /// A comparison: always a bool, so its test is the comparison itself.
    func comparison(_ op: ExprNode.BinaryOp, _ a: TypedCode, _ b: TypedCode) -> TypedCode {
        let code = binary(.bool, a, b) { x, y in .bool(ExprRuntime.compare(op, x, y)) }
        let ac = a.code, bc = b.code
        if a.constant == nil, let k = b.constant {
            return code.testing { f, wanted in ExprRuntime.compare(op, ac(&f), k) == wanted }
        }
        if b.constant == nil, let k = a.constant {
            return code.testing { f, wanted in ExprRuntime.compare(op, k, bc(&f)) == wanted }
        }
        return code.testing { f, wanted in ExprRuntime.compare(op, ac(&f), bc(&f)) == wanted }
    }

    func checkComparable(_ op: ExprNode.BinaryOp, _ a: ExprType, _ b: ExprType, _ n: ExprNode, ordered: Bool) throws(ExprError) {
        guard let t = a.joined(with: b) else {
            // Comparing a duration with a bare number: the number is what needs a unit.
            var hint = a == .int ? Self.conversionHint(expected: b, found: a) : Self.conversionHint(expected: a, found: b)
            if hint.isEmpty { hint = Self.conversionHint(expected: b, found: a) }
            throw error(n.pos, "found '\(op.rawValue)' between \(Self.article(a)) and \(Self.article(b)), expected two values of the same type\(hint)")
        }
        if ordered ? !t.isOrdered : !t.isEquatable {
            let what = ordered ? "an int, string, timestamp or duration" : "a bool, int, string, timestamp or duration"
            var hint = ""
            if case .list = t { hint = "; use size(), 'in' or a macro such as exists()" }
            throw error(n.pos, "found '\(op.rawValue)' between \(Self.article(a)) and \(Self.article(b)), expected \(what)\(hint)")
        }
    }

    func arithmeticType(_ op: ExprNode.BinaryOp, _ a: ExprType, _ b: ExprType, _ n: ExprNode) throws(ExprError) -> ExprType {
        let result: ExprType? = switch (op, a, b) {
        case (.add, .int, .int), (.subtract, .int, .int), (.multiply, .int, .int): .int
        case (.add, .duration, .duration), (.subtract, .duration, .duration): .duration
        case (.add, .timestamp, .duration), (.add, .duration, .timestamp), (.subtract, .timestamp, .duration): .timestamp
        case (.subtract, .timestamp, .timestamp): .duration
        case (.multiply, .duration, .int), (.multiply, .int, .duration): .duration
        case (.add, .string, .string): .string
        case (.add, .list, .list): a.joined(with: b)
        default: nil
        }
        guard let result else {
            var hint = ""
            if (a == .duration && b == .int) || (a == .int && b == .duration), op != .multiply {
                hint = "; write days(n), hours(n) or a literal such as 45d for a duration"
            } else if op == .add && a == .timestamp && b == .timestamp {
                hint = "; subtract timestamps to get a duration"
            }
            throw error(n.pos, "found '\(op.rawValue)' between \(Self.article(a)) and \(Self.article(b)), which it does not combine\(hint)")
        }
        return result
    }

    mutating func compileLogic(_ items: [ExprNode], isAnd: Bool) throws(ExprError) -> TypedCode {
        var operands: [TypedCode] = []
        for item in items {
            let t = try compile(item)
            guard Self.accepts(.bool, t.type) else {
                throw error(item.start, "found \(Self.article(t.type)) as an operand of '\(isAnd ? "&&" : "||")', expected a bool\(t.type == .null ? "" : Self.boolHint(t.type))")
            }
            operands.append(t)
        }
        return make(.bool, operands, Self.logicTree(operands[...], isAnd: isAnd))
            .testing(Self.testTree(operands[...], isAnd: isAnd))
    }

    /// The test of a Kleene `&&`/`||`: `a && b` is true when both are, false when
    /// either is; `a || b` the other way round. Up to four operands share one closure;
    /// longer chains become a balanced tree of those.
    static func testTree(_ codes: ArraySlice<TypedCode>, isAnd: Bool) -> Test {
        testGroup(codes.map(\.testCode)[...], isAnd: isAnd)
    }

    static func testGroup(_ t: ArraySlice<Test>, isAnd: Bool) -> Test {
        let i = t.startIndex
        // `&&` is true when every operand is, `||` false when every operand is; the
        // other answers need one operand with that answer.
        switch t.count {
        case 1:
            return t[i]
        case 2:
            let a = t[i], b = t[i + 1]
            return Test(run: { f, wanted in
                wanted == isAnd ? a(&f, wanted) && b(&f, wanted) : a(&f, wanted) || b(&f, wanted)
            })
        case 3:
            let a = t[i], b = t[i + 1], c = t[i + 2]
            return Test(run: { f, wanted in
                wanted == isAnd ? a(&f, wanted) && b(&f, wanted) && c(&f, wanted)
                    : a(&f, wanted) || b(&f, wanted) || c(&f, wanted)
            })
        case 4:
            let a = t[i], b = t[i + 1], c = t[i + 2], d = t[i + 3]
            return Test(run: { f, wanted in
                wanted == isAnd ? a(&f, wanted) && b(&f, wanted) && c(&f, wanted) && d(&f, wanted)
                    : a(&f, wanted) || b(&f, wanted) || c(&f, wanted) || d(&f, wanted)
            })
        default:
            let mid = i + t.count / 2
            return testGroup([testGroup(t[..<mid], isAnd: isAnd), testGroup(t[mid...], isAnd: isAnd)], isAnd: isAnd)
        }
    }

    /// Kleene logic: the deciding value (false for &&, true for ||) wins over
    /// unknown; anything that is not a bool counts as unknown. Long chains become
    /// a balanced tree of two-operand closures: no array walk at run time, and
    /// nesting grows only with the logarithm of the chain length.
    /// (Closures are kept inside `TypedCode`, never in an `Array` of closures, which
    /// would wrap every call in a reabstraction thunk.)
    static func logicTree(_ codes: ArraySlice<TypedCode>, isAnd: Bool) -> ExprCode {
        if codes.count == 1 { return codes.first!.code }
        let mid = codes.startIndex + codes.count / 2
        let ac = logicTree(codes[..<mid], isAnd: isAnd), bc = logicTree(codes[mid...], isAnd: isAnd)
        let decisive = !isAnd
        return { f in
            let a = ac(&f)
            if case .bool(let x) = a, x == decisive { return a }
            let b = bc(&f)
            if case .bool(let y) = b {
                if y == decisive { return b }
                if case .bool = a { return b }
            }
            return .unknown
        }
    }

    static func boolHint(_ t: ExprType) -> String {
        switch t {
        case .list: "; use size(x) > 0 or a macro such as exists()"
        case .string, .int, .timestamp, .duration, .object: "; compare it, or test presence with has(x)"
        default: ""
        }
    }

    mutating func compileConditional(_ cn: ExprNode, _ an: ExprNode, _ bn: ExprNode, _ n: ExprNode) throws(ExprError) -> TypedCode {
        let c = try compile(cn)
        guard Self.accepts(.bool, c.type) else {
            throw error(cn.start, "found \(Self.article(c.type)) as the condition of '?:', expected a bool\(Self.boolHint(c.type))")
        }
        let a = try compile(an)
        let b = try compile(bn)
        guard let t = a.type.joined(with: b.type) else {
            throw error(n.pos, "found branches of '?:' of different types, \(a.type) and \(b.type), expected one type")
        }
        if case .bool(let x)? = c.constant {
            let chosen = x ? a : b
            return TypedCode(type: t, code: chosen.code, constant: chosen.constant, test: chosen.test)
        }
        let cc = c.code, ac = a.code, bc = b.code
        let code = make(t, [c, a, b]) { f in
            switch cc(&f) {
            case .bool(true): return ac(&f)
            case .bool(false): return bc(&f)
            default: return .unknown
            }
        }
        guard t == .bool else { return code }
        // The condition's value, not its test: asking its test "true?" then "false?" would
        // evaluate it twice whenever it is false.
        let at = a.testCode, bt = b.testCode
        return code.testing { f, wanted in
            switch cc(&f) {
            case .bool(true): return at(&f, wanted)
            case .bool(false): return bt(&f, wanted)
            default: return false
            }
        }
    }

    mutating func compileList(_ items: [ExprNode], _ n: ExprNode) throws(ExprError) -> TypedCode {
        var elem = ExprType.null
        var operands: [TypedCode] = []
        for item in items {
            let t = try compile(item)
            guard let j = elem.joined(with: t.type) else {
                throw error(item.start, "found \(Self.article(t.type)) in a list of \(elem), expected every element to have the same type")
            }
            elem = j
            operands.append(t)
        }
        let items = operands
        return make(.list(elem), operands) { f in
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for c in items { out.append(c.code(&f)) }
            return .list(out)
        }
    }
}
