import CredLintModel

/// Built-in functions, methods and list macros (documented in `ExprBuiltins`).
extension ExprChecker {
    func arity(_ name: String, _ args: [ExprNode], _ count: Int, _ n: ExprNode, _ usage: String) throws(ExprError) {
        guard args.count == count else {
            throw error(n.pos, "found \(args.count) argument\(args.count == 1 ? "" : "s") to \(name)(), expected \(count): \(usage)")
        }
    }

    /// Compiles an argument and checks its type.
    mutating func argument(_ node: ExprNode, _ expected: ExprType, of name: String) throws(ExprError) -> TypedCode {
        let t = try compile(node)
        guard Self.accepts(expected, t.type) else {
            throw error(node.start, "found \(Self.article(t.type)) as the argument of \(name)(), expected \(Self.article(expected))\(Self.conversionHint(expected: expected, found: t.type))")
        }
        return t
    }

    /// A one-argument function whose absent argument gives an absent result.
    @inline(__always)
    func lift(_ type: ExprType, _ a: TypedCode, pure: Bool = true,
              _ body: @escaping @Sendable (Value) -> Value) -> TypedCode {
        let ac = a.code
        return make(type, [a], pure: pure) { f in body(ac(&f)) }
    }

    mutating func compileCall(_ name: String, _ args: [ExprNode], _ n: ExprNode) throws(ExprError) -> TypedCode {
        switch name {
        case "age":
            try arity(name, args, 1, n, "age(timestamp)")
            let a = try argument(args[0], .timestamp, of: name)
            let ac = a.code
            return make(.duration, [a], pure: false) { f in ExprRuntime.age(ac(&f), asOf: f.asOf) }
        case "days", "hours":
            try arity(name, args, 1, n, "\(name)(int)")
            let unit: Int64 = name == "days" ? 86_400_000_000 : 3_600_000_000
            return lift(.duration, try argument(args[0], .int, of: name)) { v in
                guard case .int(let k) = v else { return ExprRuntime.absent(v) }
                let (r, o) = k.multipliedReportingOverflow(by: unit)
                return o ? .null : .duration(TimeSpan(micros: r))
            }
        case "in_days":
            try arity(name, args, 1, n, "in_days(duration)")
            let a = try argument(args[0], .duration, of: name)
            let ac = a.code
            // Written out rather than `lift`ed, as for date(), string() and has(): messages
            // call these for every finding, and this saves a closure call each time.
            return make(.int, [a]) { f in
                let v = ac(&f)
                guard case .duration(let d) = v else { return ExprRuntime.absent(v) }
                return .int(d.wholeDays)
            }
        case "abs":
            try arity(name, args, 1, n, "abs(duration) or abs(int)")
            let a = try compile(args[0])
            guard a.type == .duration || a.type == .int else {
                throw error(args[0].start, "found \(Self.article(a.type)) as the argument of abs(), expected a duration or an int")
            }
            return lift(a.type, a) { v in
                switch v {
                case .int(let x) where x < 0: ExprRuntime.negate(v)
                case .duration(let d) where d.micros < 0: ExprRuntime.negate(v)
                default: v
                }
            }
        case "has", "is_null", "is_unknown":
            try arity(name, args, 1, n, "\(name)(value)")
            let a = try compile(args[0])
            let ac = a.code
            switch name {
            case "has":
                return make(.bool, [a]) { f in .bool(ac(&f).isPresent) }.testing { f, wanted in ac(&f).isPresent == wanted }
            case "is_null":
                return make(.bool, [a]) { f in .bool(ExprRuntime.isNull(ac(&f))) }
                    .testing { f, wanted in ExprRuntime.isNull(ac(&f)) == wanted }
            default:
                return make(.bool, [a]) { f in .bool(ExprRuntime.isUnknown(ac(&f))) }
                    .testing { f, wanted in ExprRuntime.isUnknown(ac(&f)) == wanted }
            }
        case "size":
            try arity(name, args, 1, n, "size(list)")
            return try size(try compile(args[0]), args[0])
        case "latest", "earliest":
            return try extreme(name, args, n)
        case "lower":
            try arity(name, args, 1, n, "lower(string)")
            return lift(.string, try argument(args[0], .string, of: name)) { v in
                guard case .string(let s) = v else { return ExprRuntime.absent(v) }
                return .string(s.lowercased())
            }
        case "glob", "iglob":
            try arity(name, args, 2, n, "\(name)(string, pattern)")
            let s = try argument(args[0], .string, of: name)
            let p = try argument(args[1], .string, of: name)
            let ci = name == "iglob"
            if case .string(let pattern)? = p.constant {
                let glob = Glob(pattern, caseInsensitive: ci)
                return lift(.bool, s) { v in
                    guard case .string(let x) = v else { return ExprRuntime.absent(v) }
                    return .bool(glob.matches(x))
                }
            }
            return binary(.bool, s, p) { v, pat in
                guard case .string(let x) = v, case .string(let pt) = pat else { return ExprRuntime.absent(v, pat) }
                return .bool(Glob(pt, caseInsensitive: ci).matches(x))
            }
        case "join":
            try arity(name, args, 2, n, "join(list<string>, separator)")
            let l = try argument(args[0], .list(.string), of: name)
            let sep = try argument(args[1], .string, of: name)
            return binary(.string, l, sep) { lv, sv in
                guard case .list(let items) = lv, case .string(let s) = sv else { return ExprRuntime.absent(lv, sv) }
                var out = ""
                var first = true
                for case .string(let x) in items {
                    if !first { out += s }
                    out += x
                    first = false
                }
                return .string(out)
            }
        case "date":
            try arity(name, args, 1, n, "date(timestamp)")
            let a = try argument(args[0], .timestamp, of: name)
            let ac = a.code
            return make(.string, [a]) { f in
                let v = ac(&f)
                guard case .timestamp(let t) = v else { return ExprRuntime.absent(v) }
                return .string(ISO8601.formatDate(t))
            }
        case "timestamp":
            try arity(name, args, 1, n, "timestamp(string)")
            let a = try argument(args[0], .string, of: name)
            if case .string(let s)? = a.constant, ISO8601.parseDateOrTimestamp(s) == nil {
                throw error(args[0].start, "found '\(s)', expected a timestamp such as '2025-01-31T00:00:00Z' or a date such as '2025-01-31'")
            }
            return lift(.timestamp, a) { v in
                guard case .string(let s) = v else { return ExprRuntime.absent(v) }
                return ISO8601.parseDateOrTimestamp(s).map { .timestamp($0) } ?? .null
            }
        case "string":
            try arity(name, args, 1, n, "string(value)")
            let a = try compile(args[0])
            try checkRenderable(a.type, args[0], what: "string()")
            let ac = a.code
            return make(.string, [a]) { f in
                let v = ac(&f)
                return v.isPresent ? .string(v.messageText) : v
            }
        default:
            if ExprBuiltins.methodNames.contains(name) {
                throw error(n.pos, "found '\(name)' called as a function, expected a method call such as x.\(name)(...)")
            }
            throw error(n.pos, "unknown function '\(name)'\(NameSuggestion.hint(for: name, among: ExprBuiltins.globalFunctionNames))")
        }
    }

    /// Objects have no text form: a message must pick one of their fields.
    func checkRenderable(_ t: ExprType, _ node: ExprNode, what: String) throws(ExprError) {
        var inner = t
        while case .list(let e) = inner { inner = e }
        guard case .object(let name) = inner else { return }
        let fields = env.schema.objectTypes[name]?.fields ?? []
        let pick = fields.first { $0.name == "name" } ?? fields.first { $0.type == .string } ?? fields.first
        let hint = pick.map { "; pick a field such as .\($0.name)" } ?? ""
        throw error(node.start, "found \(Self.article(t)) in \(what), which has no text form\(hint)")
    }

    func size(_ l: TypedCode, _ node: ExprNode) throws(ExprError) -> TypedCode {
        guard l.type == .null || l.type.elementType != nil else {
            let hint = l.type == .string ? "; strings have no size() here" : ""
            throw error(node.start, "found \(Self.article(l.type)) as the argument of size(), expected a list\(hint)")
        }
        let lc = l.code
        return make(.int, [l]) { f in
            let v = lc(&f)
            guard case .list(let items) = v else { return ExprRuntime.absent(v) }
            return .int(Int64(items.count))
        }
    }

    /// `latest(a, b, ...)` or `latest(list)`, and `earliest`.
    mutating func extreme(_ name: String, _ args: [ExprNode], _ n: ExprNode) throws(ExprError) -> TypedCode {
        let isLatest = name == "latest"
        guard !args.isEmpty else {
            throw error(n.pos, "found 0 arguments to \(name)(), expected timestamps or one list<timestamp>")
        }
        if args.count == 1 {
            let a = try compile(args[0])
            if case .list(let e) = a.type, Self.accepts(.timestamp, e) {
                return lift(.timestamp, a) { v in
                    guard case .list(let items) = v else { return ExprRuntime.absent(v) }
                    return ExprRuntime.extreme(items, latest: isLatest)
                }
            }
            guard Self.accepts(.timestamp, a.type) else {
                throw error(args[0].start, "found \(Self.article(a.type)) as the argument of \(name)(), expected timestamps or one list<timestamp>")
            }
            return lift(.timestamp, a) { v in ExprRuntime.extreme([v], latest: isLatest) }
        }
        var operands: [TypedCode] = []
        for arg in args { operands.append(try argument(arg, .timestamp, of: name)) }
        if operands.count == 2 {
            return binary(.timestamp, operands[0], operands[1]) { a, b in ExprRuntime.extreme([a, b], latest: isLatest) }
        }
        let items = operands
        return make(.timestamp, operands) { f in
            ExprRuntime.extreme(items.map { $0.code(&f) }, latest: isLatest)
        }
    }

    mutating func compileMethod(_ recvNode: ExprNode, _ name: String, _ args: [ExprNode], _ n: ExprNode) throws(ExprError) -> TypedCode {
        let recv = try compile(recvNode)
        if recv.type == .string, ["startsWith", "endsWith", "contains"].contains(name) {
            try arity(name, args, 1, n, "s.\(name)(string)")
            let p = try argument(args[0], .string, of: name)
            let test: @Sendable (String, String) -> Bool = switch name {
            case "startsWith": { s, p in s.hasPrefix(p) }
            case "endsWith": { s, p in s.hasSuffix(p) }
            default: { s, p in p.isEmpty || s.contains(p) }
            }
            return binary(.bool, recv, p) { sv, pv in
                guard case .string(let s) = sv, case .string(let p) = pv else { return ExprRuntime.absent(sv, pv) }
                return .bool(test(s, p))
            }
        }
        if let elem = recv.type == .null ? .null : recv.type.elementType {
            switch name {
            case "size":
                try arity(name, args, 0, n, "list.size()")
                return try size(recv, recvNode)
            case "exists", "all", "filter", "map", "count":
                return try macro(name, recv, elem, args, n)
            default: break
            }
        }
        if case .object(let typeName) = recv.type, env.schema.field(name, of: typeName) != nil {
            throw error(n.pos, "found '\(name)()' called as a method, but '\(name)' is a field of \(typeName); drop the ()")
        }
        if case .list = recv.type, name == "contains" {
            throw error(n.pos, "found list.contains(), expected 'x in list'")
        }
        // A method that exists, but for another receiver type.
        let receivers = ExprBuiltins.functions.filter { $0.kind != .function && $0.name == name }
            .map { $0.signature.hasPrefix("string.") ? "strings" : "lists" }
        if !receivers.isEmpty {
            throw error(n.pos, "found method '\(name)' on \(Self.article(recv.type)); \(name)() is a method of \(receivers.joined(separator: " and "))")
        }
        if ExprBuiltins.globalFunctionNames.contains(name) {
            throw error(n.pos, "found '\(name)' called as a method, expected a function call such as \(name)(x)")
        }
        let methods: [String] = switch recv.type {
        case .string: ["startsWith", "endsWith", "contains"]
        case .list: ["size", "exists", "all", "filter", "map", "count"]
        default: []
        }
        let hint = methods.isEmpty ? "" : NameSuggestion.hint(for: name, among: methods)
        throw error(n.pos, "unknown method '\(name)' of \(recv.type)\(hint)")
    }

    /// `list.exists(x, pred)` and friends: `x` is bound to each element in turn.
    mutating func macro(_ name: String, _ recv: TypedCode, _ elem: ExprType, _ args: [ExprNode], _ n: ExprNode) throws(ExprError) -> TypedCode {
        guard args.count == 2 else {
            throw error(n.pos, "found \(args.count) argument\(args.count == 1 ? "" : "s") to \(name)(), expected 2: list.\(name)(x, \(name == "map" ? "expression" : "condition"))")
        }
        guard case .ident(let varName) = args[0].kind else {
            throw error(args[0].start, "found an expression as the first argument of \(name)(), expected a variable name such as x")
        }
        if globalNames.contains(varName) || ExprEnvironment.reservedNames.contains(varName) {
            throw error(args[0].start, "found loop variable '\(varName)', which is already a name here; pick another")
        }
        let slot = localCount
        localCount += 1
        locals.append((varName, elem, slot))
        let body = try compile(args[1])
        locals.removeLast()
        if name != "map" {
            guard Self.accepts(.bool, body.type) else {
                throw error(args[1].start, "found \(Self.article(body.type)) as the condition of \(name)(), expected a bool\(Self.boolHint(body.type))")
            }
        }
        let lc = recv.code, bc = body.code, bt = body.testCode
        let type: ExprType = switch name {
        case "exists", "all": .bool
        case "count": .int
        case "filter": .list(elem)
        default: .list(body.type)
        }
        let code: ExprCode
        var test: Test?
        switch name {
        case "exists", "all":
            // Kleene: any decisive result (true for exists, false for all) wins; else unknown if any was not a bool.
            let decisive = name == "exists"
            code = { f in
                let l = lc(&f)
                guard case .list(let items) = l else { return ExprRuntime.absent(l) }
                var undetermined = false
                for item in items {
                    f.bind(slot, item)
                    switch bc(&f) {
                    case .bool(let b): if b == decisive { return .bool(decisive) }
                    default: undetermined = true
                    }
                }
                return undetermined ? .unknown : .bool(!decisive)
            }
            // `exists` is true when some item's condition is, false when every item's is
            // false; `all` the other way round.
            test = Test(run: { f, wanted in
                guard case .list(let items) = lc(&f) else { return false }
                if wanted == decisive {
                    for item in items {
                        f.bind(slot, item)
                        if bt(&f, decisive) { return true }
                    }
                    return false
                }
                for item in items {
                    f.bind(slot, item)
                    if !bt(&f, !decisive) { return false }
                }
                return true
            })
        case "count":
            code = { f in
                let l = lc(&f)
                guard case .list(let items) = l else { return ExprRuntime.absent(l) }
                var k: Int64 = 0
                for item in items {
                    f.bind(slot, item)
                    if bt(&f, true) { k += 1 }
                }
                return .int(k)
            }
        case "filter":
            code = { f in
                let l = lc(&f)
                guard case .list(let items) = l else { return ExprRuntime.absent(l) }
                var out: [Value] = []
                for item in items {
                    f.bind(slot, item)
                    if bt(&f, true) { out.append(item) }
                }
                return .list(out)
            }
        default:
            code = { f in
                let l = lc(&f)
                guard case .list(let items) = l else { return ExprRuntime.absent(l) }
                var out: [Value] = []
                out.reserveCapacity(items.count)
                for item in items {
                    f.bind(slot, item)
                    out.append(bc(&f))
                }
                return .list(out)
            }
        }
        return TypedCode(type: type, code: code, constant: nil, test: test)
    }
}
