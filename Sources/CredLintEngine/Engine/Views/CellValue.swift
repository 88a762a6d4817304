import CredLintModel
import CredLintExpr

// Conversions from the input model to rule-language values.

extension Cell where T == Timestamp {
    var exprValue: Value {
        switch self { case .value(let t): .timestamp(t); case .unknown: .unknown; default: .null }
    }
}

extension Cell where T == Bool {
    var exprValue: Value {
        switch self { case .value(let b): .bool(b); case .unknown: .unknown; default: .null }
    }
}

extension Cell where T == String {
    var exprValue: Value {
        switch self { case .value(let s): .string(s); case .unknown: .unknown; default: .null }
    }
}

extension Optional where Wrapped == Timestamp {
    var exprValue: Value { map { .timestamp($0) } ?? .null }
}
extension Optional where Wrapped == String {
    var exprValue: Value { map { .string($0) } ?? .null }
}
extension Optional where Wrapped == Bool {
    var exprValue: Value { map { .bool($0) } ?? .null }
}
extension Optional where Wrapped == Int {
    var exprValue: Value { map { .int(Int64($0)) } ?? .null }
}

extension Array where Element == String {
    var exprValue: Value { .list(map { .string($0) }) }
}

extension Optional where Wrapped == AdminStatus {
    /// An admin fact as the rule language sees it: null without authorization details,
    /// and null when they cannot tell (`unknownReasons`), so no rule reads "unknown" as "no".
    func exprValue(_ fact: (AdminStatus) -> Bool) -> Value {
        guard let a = self, a.isKnown else { return .null }
        return .bool(fact(a))
    }
    /// `admin_paths`: null when the admin facts are.
    var pathsValue: Value {
        guard let a = self, a.isKnown else { return .null }
        return a.paths.exprValue
    }
}
