/// One built-in function, method or list macro, as documented.
package struct FunctionDoc: Sendable, Hashable {
    package enum Kind: String, Sendable { case function, method, macro }
    package var name: String
    package var kind: Kind
    /// Exactly as written in the functions table of `docs/rule-language.md`.
    package var signature: String
    package var summary: String
}

/// One operator, as documented.
package struct OperatorDoc: Sendable, Hashable {
    /// How it is written, e.g. `a ?? b`; exactly as in the operators table.
    package var usage: String
    /// 1 binds loosest.
    package var precedence: Int
    package var summary: String
}

/// The language's built-ins, listed for documentation; a test checks
/// `docs/rule-language.md` documents exactly these.
package enum ExprBuiltins {
    package static let functions: [FunctionDoc] = [
        f("age", "age(timestamp) -> duration", "as_of minus the timestamp"),
        f("days", "days(int) -> duration", "n days"),
        f("hours", "hours(int) -> duration", "n hours"),
        f("in_days", "in_days(duration) -> int", "whole days, rounded towards zero"),
        f("abs", "abs(duration) -> duration", "absolute value"),
        f("abs", "abs(int) -> int", "absolute value"),
        f("has", "has(any) -> bool", "true when the value is neither null nor unknown"),
        f("is_null", "is_null(any) -> bool", "true when the value is null"),
        f("is_unknown", "is_unknown(any) -> bool", "true when the value is unknown"),
        f("size", "size(list<T>) -> int", "number of elements"),
        m("size", "list<T>.size() -> int", "number of elements"),
        f("latest", "latest(timestamp, ...) -> timestamp", "the latest present timestamp"),
        f("latest", "latest(list<timestamp>) -> timestamp", "the latest present timestamp of a list"),
        f("earliest", "earliest(timestamp, ...) -> timestamp", "the earliest present timestamp"),
        f("earliest", "earliest(list<timestamp>) -> timestamp", "the earliest present timestamp of a list"),
        f("date", "date(timestamp) -> string", "YYYY-MM-DD (UTC)"),
        f("timestamp", "timestamp(string) -> timestamp", "parses an ISO 8601 timestamp or a date"),
        f("string", "string(any) -> string", "the text a message placeholder shows"),
        f("lower", "lower(string) -> string", "lower case"),
        f("glob", "glob(string, string) -> bool", "wildcard match, `*` and `?`, case-sensitive"),
        f("iglob", "iglob(string, string) -> bool", "wildcard match, case-insensitive"),
        f("join", "join(list<string>, string) -> string", "joins strings with a separator"),
        m("startsWith", "string.startsWith(string) -> bool", "prefix test"),
        m("endsWith", "string.endsWith(string) -> bool", "suffix test"),
        m("contains", "string.contains(string) -> bool", "substring test"),
        macro("exists", "list<T>.exists(x, bool) -> bool", "some element satisfies the condition"),
        macro("all", "list<T>.all(x, bool) -> bool", "every element satisfies the condition"),
        macro("filter", "list<T>.filter(x, bool) -> list<T>", "the elements that satisfy the condition"),
        macro("map", "list<T>.map(x, U) -> list<U>", "the expression for each element"),
        macro("count", "list<T>.count(x, bool) -> int", "how many elements satisfy the condition"),
    ]

    package static let operators: [OperatorDoc] = [
        op("c ? a : b", 1, "conditional"),
        op("a || b", 2, "or (three-valued)"),
        op("a && b", 3, "and (three-valued)"),
        op("a == b", 4, "equal"),
        op("a != b", 4, "not equal"),
        op("a < b", 4, "less than"),
        op("a <= b", 4, "less than or equal"),
        op("a > b", 4, "greater than"),
        op("a >= b", 4, "greater than or equal"),
        op("a in b", 4, "list membership"),
        op("a ?? b", 5, "a, or b when a is null or unknown"),
        op("a + b", 6, "add"),
        op("a - b", 6, "subtract"),
        op("a * b", 7, "multiply"),
        op("!a", 8, "not (three-valued)"),
        op("-a", 8, "negate"),
        op("a.b", 9, "field access, method call"),
    ]

    static let globalFunctionNames: Set<String> = Set(functions.filter { $0.kind == .function }.map(\.name))
    static let methodNames: Set<String> = Set(functions.filter { $0.kind != .function }.map(\.name))

    private static func f(_ n: String, _ s: String, _ d: String) -> FunctionDoc { FunctionDoc(name: n, kind: .function, signature: s, summary: d) }
    private static func m(_ n: String, _ s: String, _ d: String) -> FunctionDoc { FunctionDoc(name: n, kind: .method, signature: s, summary: d) }
    private static func macro(_ n: String, _ s: String, _ d: String) -> FunctionDoc { FunctionDoc(name: n, kind: .macro, signature: s, summary: d) }
    private static func op(_ u: String, _ p: Int, _ d: String) -> OperatorDoc { OperatorDoc(usage: u, precedence: p, summary: d) }
}
