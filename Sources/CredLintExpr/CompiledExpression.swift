/// A type-checked expression compiled to code. Immutable and `Sendable`:
/// compile once, evaluate from any number of threads.
public struct CompiledExpression: Sendable {
    /// One reference, so passing the expression around costs a single retain.
    final class Program: Sendable {
        let source: String
        let type: ExprType
        let code: ExprCode
        /// Whether the value is exactly `.bool(true)`, without making the `Value`s of
        /// the bool operators (`TestCode`).
        let test: Test
        let localCount: Int
        let variableCount: Int
        let constant: Value?

        init(source: String, type: ExprType, code: @escaping ExprCode, test: Test, localCount: Int,
             variableCount: Int, constant: Value?) {
            self.source = source; self.type = type; self.code = code; self.test = test
            self.localCount = localCount; self.variableCount = variableCount; self.constant = constant
        }
    }

    let program: Program

    init(source: String, type: ExprType, code: @escaping ExprCode, test: Test, localCount: Int, variableCount: Int,
         constant: Value?) {
        program = Program(source: source, type: type, code: code, test: test, localCount: localCount,
                          variableCount: variableCount, constant: constant)
    }

    package var source: String { program.source }
    package var type: ExprType { program.type }
    /// The value when it is known at compile time (no variables, no `as_of`).
    public var constantValue: Value? { program.constant }

    /// The value for one scope instance; never traps on absent or odd values.
    public func evaluate(_ ctx: EvalContext) -> Value {
        let p = program(for: ctx)
        let code = p.code
        return Frame.with(ctx, locals: p.localCount) { code(&$0) }
    }

    /// True only when the value is exactly `true`: how a rule condition fires.
    package func isTrue(_ ctx: EvalContext) -> Bool {
        let p = program(for: ctx)
        if p.localCount == 0 {
            // Called straight from the program (no copy of the closure: no retain and release).
            var frame = Frame(ctx)
            return p.test(&frame, true)
        }
        return Frame.withLocals(ctx, p.localCount) { p.test(&$0, true) }
    }

    /// The program, for a context with as many variables as it was compiled for.
    @inline(__always)
    private func program(for ctx: EvalContext) -> Program {
        precondition(ctx.variableCount == program.variableCount,
                     "expression compiled for \(program.variableCount) variables, evaluated with \(ctx.variableCount)")
        return program
    }
}
