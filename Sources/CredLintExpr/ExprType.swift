/// The static type of a rule-language expression.
///
/// Every type also admits the two absent values `null` and `unknown` at run
/// time, so there is no separate optional type. `.null` is the type of the
/// literal `null` and of `[]`'s elements: it joins with any other type.
public indirect enum ExprType: Hashable, Sendable, CustomStringConvertible {
    case bool, int, string, timestamp, duration, null
    case list(ExprType)
    /// An object type registered in the `ExprSchema` under this name.
    case object(String)

    public var description: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .string: "string"
        case .timestamp: "timestamp"
        case .duration: "duration"
        case .null: "null"
        case .list(let e): "list<\(e)>"
        case .object(let name): name
        }
    }

    /// The common type of two expressions that may meet (`a ?? b`, `c ? a : b`,
    /// list elements, `==`), or nil when they cannot: `null` joins with anything.
    package func joined(with other: ExprType) -> ExprType? {
        if self == other { return self }
        switch (self, other) {
        case (.null, _): return other
        case (_, .null): return self
        case (.list(let a), .list(let b)): return a.joined(with: b).map { .list($0) }
        default: return nil
        }
    }

    var elementType: ExprType? {
        if case .list(let e) = self { return e }
        return nil
    }

    /// Types `<`, `<=`, `>`, `>=` order.
    var isOrdered: Bool {
        switch self {
        case .int, .string, .timestamp, .duration: true
        default: false
        }
    }

    /// Types `==`, `!=` and `in` compare (lists and objects have no equality).
    var isEquatable: Bool { isOrdered || self == .bool || self == .null }
}
