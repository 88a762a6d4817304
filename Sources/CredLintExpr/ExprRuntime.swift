import CredLintModel

/// The run-time meaning of the operators, shared by compiled code and constant folding.
/// Every function here is total: absent, mistyped or overflowing operands give
/// `null`/`unknown`/`false`, never a trap.
package enum ExprRuntime {
    /// The result of an operation with an absent operand: `null` if any operand
    /// is `null`, else `unknown`.
    @inline(__always)
    package static func absent(_ a: Value) -> Value {
        if case .unknown = a { return .unknown }
        return .null
    }

    @inline(__always)
    static func absent(_ a: Value, _ b: Value) -> Value {
        if case .null = a { return .null }
        if case .null = b { return .null }
        return .unknown
    }

    @inline(__always)
    package static func isNull(_ v: Value) -> Bool {
        if case .null = v { return true }
        return false
    }

    @inline(__always)
    package static func isUnknown(_ v: Value) -> Bool {
        if case .unknown = v { return true }
        return false
    }

    /// The language's `==` on present scalars; false when either side is absent.
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.timestamp(let x), .timestamp(let y)): x == y
        case (.duration(let x), .duration(let y)): x == y
        default: false
        }
    }

    /// -1, 0, 1, or nil when either side is absent (or the types differ).
    @inline(__always)
    static func order(_ a: Value, _ b: Value) -> Int? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.int(let x), .int(let y)): return cmp(x, y)
        case (.timestamp(let x), .timestamp(let y)): return cmp(x.micros, y.micros)
        case (.duration(let x), .duration(let y)): return cmp(x.micros, y.micros)
        case (.string(let x), .string(let y)): return cmp(x, y)
        default: return nil
        }
    }

    package static func compare(_ op: ExprNode.BinaryOp, _ a: Value, _ b: Value) -> Bool {
        switch op {
        case .equal: return equal(a, b)
        case .notEqual: return a.isPresent && b.isPresent && !equal(a, b)
        default:
            guard let c = order(a, b) else { return false }
            switch op {
            case .less: return c < 0
            case .lessEqual: return c <= 0
            case .greater: return c > 0
            case .greaterEqual: return c >= 0
            default: return false
            }
        }
    }

    package static func add(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .null : .int(r)
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.micros.addingReportingOverflow(y.micros)
            return o ? .null : .duration(TimeSpan(micros: r))
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
            let (r, o) = t.micros.addingReportingOverflow(d.micros)
            return o ? .null : .timestamp(Timestamp(micros: r))
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.list(let x), .list(let y)): return .list(x + y)
        default: return absent(a, b)
        }
    }

    package static func subtract(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .null : .int(r)
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.micros.subtractingReportingOverflow(y.micros)
            return o ? .null : .duration(TimeSpan(micros: r))
        case (.timestamp(let t), .duration(let d)):
            let (r, o) = t.micros.subtractingReportingOverflow(d.micros)
            return o ? .null : .timestamp(Timestamp(micros: r))
        case (.timestamp(let x), .timestamp(let y)):
            let (r, o) = x.micros.subtractingReportingOverflow(y.micros)
            return o ? .null : .duration(TimeSpan(micros: r))
        default: return absent(a, b)
        }
    }

    package static func multiply(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .null : .int(r)
        case (.duration(let d), .int(let n)), (.int(let n), .duration(let d)):
            let (r, o) = d.micros.multipliedReportingOverflow(by: n)
            return o ? .null : .duration(TimeSpan(micros: r))
        default: return absent(a, b)
        }
    }

    package static func negate(_ a: Value) -> Value {
        switch a {
        case .int(let x):
            let (r, o) = Int64(0).subtractingReportingOverflow(x)
            return o ? .null : .int(r)
        case .duration(let d):
            let (r, o) = Int64(0).subtractingReportingOverflow(d.micros)
            return o ? .null : .duration(TimeSpan(micros: r))
        default: return absent(a)
        }
    }

    package static func not(_ a: Value) -> Value {
        if case .bool(let b) = a { return .bool(!b) }
        return .unknown
    }

    package static func age(_ t: Value, asOf: Timestamp) -> Value {
        guard case .timestamp(let ts) = t else { return absent(t) }
        let (r, o) = asOf.micros.subtractingReportingOverflow(ts.micros)
        return o ? .null : .duration(TimeSpan(micros: r))
    }

    /// `latest()`/`earliest()`: nulls are skipped, any `unknown` makes the answer unknown.
    static func extreme(_ values: [Value], latest: Bool) -> Value {
        var best: Timestamp?
        var sawUnknown = false
        for v in values {
            switch v {
            case .timestamp(let t):
                if let b = best { best = latest ? max(b, t) : min(b, t) } else { best = t }
            case .unknown: sawUnknown = true
            default: break
            }
        }
        if sawUnknown { return .unknown }
        return best.map { .timestamp($0) } ?? .null
    }
}
