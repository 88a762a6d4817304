/// The inputs of one evaluation: the as-of time and the scope's variable
/// values, in the order the `ExprEnvironment` declared them.
public struct EvalContext: Sendable {
    public var asOf: Timestamp
    public var variables: [Value]

    public init(asOf: Timestamp, variables: [Value] = []) {
        self.asOf = asOf
        self.variables = variables
    }
}

/// Per-evaluation state threaded through compiled code: the context plus the
/// slots of macro loop variables (`x` in `list.exists(x, ...)`).
@usableFromInline
struct Frame {
    let asOf: Timestamp
    let variables: [Value]
    var locals: [Value]
}

/// Compiled code: a closure tree built once; evaluation does no parsing or name lookup.
@usableFromInline
typealias ExprCode = @Sendable (inout Frame) -> Value
