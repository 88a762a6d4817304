/// The syntax tree of an expression, kept only until it is compiled.
package struct ExprNode {
    package enum BinaryOp: String {
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case `in` = "in", coalesce = "??", add = "+", subtract = "-", multiply = "*"
    }
    package enum UnaryOp: String { case not = "!", negate = "-" }

    package indirect enum Kind {
        case literal(Value)
        case ident(String)
        /// `base.name`
        case member(ExprNode, String)
        /// `name(args)`
        case call(String, [ExprNode])
        /// `receiver.name(args)`
        case method(ExprNode, String, [ExprNode])
        case unary(UnaryOp, ExprNode)
        case binary(BinaryOp, ExprNode, ExprNode)
        /// A chain `a && b && c`, kept flat so long chains do not nest deeply.
        case and([ExprNode])
        case or([ExprNode])
        /// `c ? a : b`
        case conditional(ExprNode, ExprNode, ExprNode)
        case list([ExprNode])
    }

    package var kind: Kind
    /// UTF-8 offset errors about this node point at: the operator of a binary
    /// expression, the name of a field or call, else the first token.
    var pos: Int
    /// UTF-8 offset of the node's first token.
    var start: Int
    /// Nesting depth of the tree rooted here (a leaf is 1).
    var depth: Int

    package var isNullLiteral: Bool {
        if case .literal(.null) = kind { return true }
        return false
    }
}

extension ExprNode {
    /// An S-expression of the tree, to test precedence: `a || b && c` is `(|| a (&& b c))`.
    var sexpr: String {
        switch kind {
        case .literal(let v): return v.description
        case .ident(let s): return s
        case .member(let b, let n): return "(. \(b.sexpr) \(n))"
        case .call(let n, let args): return "(\(([n] + args.map(\.sexpr)).joined(separator: " ")))"
        case .method(let r, let n, let args): return "(.\(n) \(([r] + args).map(\.sexpr).joined(separator: " ")))"
        case .unary(let op, let x): return "(\(op.rawValue) \(x.sexpr))"
        case .binary(let op, let a, let b): return "(\(op.rawValue) \(a.sexpr) \(b.sexpr))"
        case .and(let items): return "(&& \(items.map(\.sexpr).joined(separator: " ")))"
        case .or(let items): return "(|| \(items.map(\.sexpr).joined(separator: " ")))"
        case .conditional(let c, let a, let b): return "(? \(c.sexpr) \(a.sexpr) \(b.sexpr))"
        case .list(let items): return "[\(items.map(\.sexpr).joined(separator: " "))]"
        }
    }
}
