import CredLintExpr

/// A row rule's message and properties compiled over report rows, like
/// `RowPredicate` compiles its condition: placeholders that use only what a
/// row has as plain values are read from `RowState` directly. A message with
/// any other placeholder (lists of MFA devices, say) is captured by the general
/// code; properties are decided one by one. Either way it gives values, not text.
struct RowFindingText: Sendable {
    struct Property: Sendable {
        let name: String
        let native: Fn?
        let general: CompiledExpression
    }

    /// The message's placeholders that are not constants (`MessageTemplate.capture` keeps
    /// the same ones), in order; nil when one did not compile.
    let message: [Fn]?
    let properties: [Property]

    static func compile(message: MessageTemplate, properties: [(name: String, expr: CompiledExpression)],
                        scope: RuleDescriptor.Scope, params: [String: Value]) -> RowFindingText? {
        guard scope == .user || scope == .accessKey || scope == .credential else { return nil }
        let env = ExprEnvironment(schema: EngineSchema.schema, variables: EngineSchema.variables(for: scope), params: params)
        var codes: [Fn]? = []
        if let parts = MessageTemplate.pieces(message.text) {
            var k = 0
            for p in parts {
                guard case .placeholder(let node) = p else { continue }
                defer { k += 1 }
                if k < message.constantPlaceholders.count && message.constantPlaceholders[k] { continue }
                var c = RowPredicateCompiler(env: env, source: message.text, scope: scope)
                if let code = c.compile(node) { codes?.append(code) } else { codes = nil }
            }
        } else {
            codes = nil
        }
        var props: [Property] = []
        for (name, expr) in properties {
            var c = RowPredicateCompiler(env: env, source: expr.source, scope: scope)
            let native = (try? ExprParser.parse(expr.source)).flatMap { c.compile($0) }
            props.append(Property(name: name, native: native, general: expr))
        }
        return RowFindingText(message: codes, properties: props)
    }
}
