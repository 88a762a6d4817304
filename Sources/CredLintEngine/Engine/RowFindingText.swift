import CredLintExpr

/// A row rule's message and properties compiled over report rows, like
/// `RowPredicate` compiles its condition: placeholders that use only what a
/// row has as plain values are read from `RowState` directly. A message with
/// any other placeholder (lists of MFA devices, say) is rendered by the general
/// code; properties are decided one by one.
struct RowFindingText: Sendable {
    enum Piece: Sendable {
        case text(String)
        case value(Fn)
    }

    struct Property: Sendable {
        let name: String
        let native: Fn?
        let general: CompiledExpression
    }

    /// Nil when some placeholder did not compile.
    let message: [Piece]?
    let textLength: Int
    let properties: [Property]

    static func compile(message: MessageTemplate, properties: [(name: String, expr: CompiledExpression)],
                        scope: RuleDescriptor.Scope, params: [String: Value]) -> RowFindingText? {
        guard scope == .user || scope == .accessKey || scope == .credential else { return nil }
        let env = ExprEnvironment(schema: EngineSchema.schema, variables: EngineSchema.variables(for: scope), params: params)
        var pieces: [Piece]? = []
        var length = 0
        if let parts = MessageTemplate.pieces(message.text) {
            for p in parts {
                switch p {
                case .text(let t):
                    pieces?.append(.text(t)); length += t.utf8.count
                case .placeholder(let node):
                    var c = RowPredicateCompiler(env: env, source: message.text, scope: scope)
                    if let code = c.compile(node) { pieces?.append(.value(code)) } else { pieces = nil }
                }
            }
        } else {
            pieces = nil
        }
        var props: [Property] = []
        for (name, expr) in properties {
            var c = RowPredicateCompiler(env: env, source: expr.source, scope: scope)
            let native = (try? ExprParser.parse(expr.source)).flatMap { c.compile($0) }
            props.append(Property(name: name, native: native, general: expr))
        }
        return RowFindingText(message: pieces, textLength: length, properties: props)
    }

    /// The message as `MessageTemplate.render` writes it, or nil when it must render it.
    func render(_ s: RowState) -> String? {
        guard let pieces = message else { return nil }
        var out = ""
        out.reserveCapacity(textLength + 64)
        for p in pieces {
            switch p {
            case .text(let t): out += t
            case .value(let code): out += code(s).messageText
            }
        }
        return out
    }
}
