import CredLintModel

/// The inputs of one evaluation: the as-of time and the scope's variable
/// values, in the order the `ExprEnvironment` declared them.
public struct EvalContext: Sendable {
    package var asOf: Timestamp
    package var variables: [Value]

    public init(asOf: Timestamp, variables: [Value] = []) {
        self.asOf = asOf
        self.variables = variables
    }
}

/// Per-evaluation state threaded through compiled code: the context plus the
/// slots of macro loop variables (`x` in `list.exists(x, ...)`).
struct Frame {
    let asOf: Timestamp
    let variables: [Value]
    /// Stack memory owned by `with(_:locals:_:)`; valid only during that call.
    let locals: UnsafeMutableBufferPointer<Value>

    /// Runs `body` with a frame for `ctx`. Loop-variable slots live on the
    /// stack: a heap array per evaluation cost more than the rest of a small macro.
    static func with<R>(_ ctx: EvalContext, locals: Int, _ body: (inout Frame) -> R) -> R {
        if locals == 0 {
            var frame = Frame(asOf: ctx.asOf, variables: ctx.variables, locals: UnsafeMutableBufferPointer(start: nil, count: 0))
            return body(&frame)
        }
        return withUnsafeTemporaryAllocation(of: Value.self, capacity: locals) { slots in
            slots.initialize(repeating: .null)
            defer { _ = slots.deinitialize() }
            var frame = Frame(asOf: ctx.asOf, variables: ctx.variables, locals: slots)
            return body(&frame)
        }
    }

    /// For constant folding, which reads no variables.
    static func empty() -> Frame {
        Frame(asOf: Timestamp(micros: 0), variables: [], locals: UnsafeMutableBufferPointer(start: nil, count: 0))
    }
}

/// Compiled code: a closure tree built once; evaluation does no parsing or name lookup.
typealias ExprCode = @Sendable (inout Frame) -> Value
