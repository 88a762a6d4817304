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
