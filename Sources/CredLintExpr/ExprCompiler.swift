/// Entry point: source text in, `CompiledExpression` out, or an `ExprError`
/// with the line and column of the problem inside the source.
///
///     let env = ExprEnvironment(schema: schema, variables: [("key", .object("AccessKey"))],
///                               params: ["days": .int(45)])
///     let cond = try ExprCompiler.compile("age(key.last_used) > days(params.days)", in: env, expecting: .bool)
///     cond.isTrue(EvalContext(asOf: now, variables: [.object(ObjectRef(key))]))
public enum ExprCompiler {
    /// Compiles `source`; with `expecting`, the expression must have that type
    /// (rule conditions pass `.bool`).
    public static func compile(_ source: String, in env: ExprEnvironment,
                               expecting expected: ExprType? = nil) throws(ExprError) -> CompiledExpression {
        try compile(source, in: env, expecting: expected, folding: true)
    }

    static func compile(_ source: String, in env: ExprEnvironment, expecting expected: ExprType?,
                        folding: Bool) throws(ExprError) -> CompiledExpression {
        let node = try ExprParser.parse(source)
        var checker = ExprChecker(env: env, source: source)
        checker.folding = folding
        let typed = try checker.compile(node)
        if let expected, !ExprChecker.accepts(expected, typed.type) {
            let what = expected == .bool ? "a bool condition" : ExprChecker.article(expected)
            throw checker.error(node.start, "found \(ExprChecker.article(typed.type)) expression, expected \(what)\(expected == .bool ? ExprChecker.boolHint(typed.type) : ExprChecker.conversionHint(expected: expected, found: typed.type))")
        }
        return CompiledExpression(source: source, type: typed.type, code: typed.code, test: typed.testCode,
                                  localCount: checker.localCount,
                                  variableCount: env.variables.count, constant: typed.constant)
    }
}
