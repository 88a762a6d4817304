/// A type-checked expression compiled to code. Immutable and `Sendable`:
/// compile once, evaluate from any number of threads.
public struct CompiledExpression: Sendable {
    public let source: String
    public let type: ExprType
    let code: ExprCode
    let localCount: Int
    let variableCount: Int

    /// The value for one scope instance; never traps on absent or odd values.
    public func evaluate(_ ctx: EvalContext) -> Value {
        precondition(ctx.variables.count == variableCount,
                     "expression compiled for \(variableCount) variables, evaluated with \(ctx.variables.count)")
        var frame = Frame(asOf: ctx.asOf, variables: ctx.variables,
                          locals: localCount == 0 ? [] : Array(repeating: .null, count: localCount))
        return code(&frame)
    }

    /// True only when the value is exactly `true`: how a rule condition fires.
    public func isTrue(_ ctx: EvalContext) -> Bool {
        if case .bool(true) = evaluate(ctx) { return true }
        return false
    }

    /// The value when it is known at compile time (no variables, no `as_of`).
    public var constantValue: Value? { constant }
    let constant: Value?
}
