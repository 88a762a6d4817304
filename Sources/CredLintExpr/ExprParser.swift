/// Recursive-descent parser for the rule language (grammar in `docs/rule-language.md`).
///
/// Precedence, loosest first: `?:`, `||`, `&&`, comparisons and `in`
/// (not chainable), `??` (right-associative), `+ -`, `*`, unary `! -`,
/// then `.field`, `.method()` and calls.
package struct ExprParser {
    static let maxDepth = 64
    static let maxSourceBytes = 16 * 1024

    var lexer: ExprLexer
    var tok: ExprToken
    var nesting = 0

    init(source: String, offset: Int = 0) throws(ExprError) {
        lexer = ExprLexer(source, offset: offset)
        if source.utf8.count > Self.maxSourceBytes {
            throw ExprError(line: 1, column: 1, message: "expression is \(source.utf8.count) bytes long, expected at most \(Self.maxSourceBytes)")
        }
        tok = ExprToken(kind: .eof, offset: offset)
        tok = try lexer.next()
    }

    /// Parses a whole source text as one expression.
    package static func parse(_ source: String) throws(ExprError) -> ExprNode {
        var p = try ExprParser(source: source)
        if p.tok.kind == .eof { throw p.lexer.error(0, "found an empty expression, expected a value such as `user.mfa_active`") }
        let node = try p.parseExpression()
        if p.tok.kind != .eof { throw p.unexpected("an operator or the end of the expression") }
        return node
    }

    func unexpected(_ expected: String) -> ExprError {
        lexer.error(tok.offset, "found \(Self.describe(tok.kind)), expected \(expected)")
    }

    static func describe(_ k: ExprToken.Kind) -> String {
        switch k {
        case .ident(let s): return "'\(s)'"
        case .int(let i): return "'\(i)'"
        case .duration(let d): return "'\(d)'"
        case .string: return "a string"
        case .kwTrue: return "'true'"
        case .kwFalse: return "'false'"
        case .kwNull: return "'null'"
        case .kwIn: return "'in'"
        case .lparen: return "'('"
        case .rparen: return "')'"
        case .lbracket: return "'['"
        case .rbracket: return "']'"
        case .lbrace: return "'{'"
        case .rbrace: return "'}'"
        case .comma: return "','"
        case .dot: return "'.'"
        case .question: return "'?'"
        case .colon: return "':'"
        case .coalesce: return "'??'"
        case .not: return "'!'"
        case .notEqual: return "'!='"
        case .equal: return "'=='"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterEqual: return "'>='"
        case .and: return "'&&'"
        case .or: return "'||'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .eof: return "the end of the expression"
        }
    }

    mutating func advance() throws(ExprError) { tok = try lexer.next() }

    mutating func expect(_ k: ExprToken.Kind, _ what: String) throws(ExprError) {
        guard tok.kind == k else { throw unexpected(what) }
        try advance()
    }

    func node(_ kind: ExprNode.Kind, pos: Int, start: Int, children: [ExprNode]) throws(ExprError) -> ExprNode {
        let depth = 1 + (children.map(\.depth).max() ?? 0)
        if depth > Self.maxDepth { throw tooDeep(pos) }
        return ExprNode(kind: kind, pos: pos, start: start, depth: depth)
    }

    func tooDeep(_ at: Int) -> ExprError {
        lexer.error(at, "expression is nested more than \(Self.maxDepth) levels deep; split it up")
    }

    mutating func enter() throws(ExprError) {
        nesting += 1
        if nesting > Self.maxDepth { throw tooDeep(tok.offset) }
    }

    // expr = or_expr [ "?" expr ":" expr ]
    mutating func parseExpression() throws(ExprError) -> ExprNode {
        try enter()
        defer { nesting -= 1 }
        let cond = try parseOr()
        guard tok.kind == .question else { return cond }
        let q = tok.offset
        try advance()
        let a = try parseExpression()
        try expect(.colon, "':' of the conditional `c ? a : b`")
        let b = try parseExpression()
        return try node(.conditional(cond, a, b), pos: q, start: cond.start, children: [cond, a, b])
    }

    mutating func parseOr() throws(ExprError) -> ExprNode {
        let first = try parseAnd()
        guard tok.kind == .or else { return first }
        let pos = tok.offset
        var items = [first]
        while tok.kind == .or {
            try advance()
            items.append(try parseAnd())
        }
        return try node(.or(items), pos: pos, start: first.start, children: items)
    }

    mutating func parseAnd() throws(ExprError) -> ExprNode {
        let first = try parseRelation()
        guard tok.kind == .and else { return first }
        let pos = tok.offset
        var items = [first]
        while tok.kind == .and {
            try advance()
            items.append(try parseRelation())
        }
        return try node(.and(items), pos: pos, start: first.start, children: items)
    }

    static func relation(_ k: ExprToken.Kind) -> ExprNode.BinaryOp? {
        switch k {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .kwIn: .in
        default: nil
        }
    }

    mutating func parseRelation() throws(ExprError) -> ExprNode {
        let lhs = try parseCoalesce()
        guard let op = Self.relation(tok.kind) else { return lhs }
        let pos = tok.offset
        try advance()
        let rhs = try parseCoalesce()
        if Self.relation(tok.kind) != nil {
            throw unexpected("no second comparison: `a < b < c` does not chain, write `a < b && b < c`")
        }
        return try node(.binary(op, lhs, rhs), pos: pos, start: lhs.start, children: [lhs, rhs])
    }

    // Right-associative: a ?? b ?? c = a ?? (b ?? c).
    mutating func parseCoalesce() throws(ExprError) -> ExprNode {
        let lhs = try parseAdditive()
        guard tok.kind == .coalesce else { return lhs }
        let pos = tok.offset
        try advance()
        try enter()
        defer { nesting -= 1 }
        let rhs = try parseCoalesce()
        return try node(.binary(.coalesce, lhs, rhs), pos: pos, start: lhs.start, children: [lhs, rhs])
    }

    mutating func parseAdditive() throws(ExprError) -> ExprNode {
        var lhs = try parseMultiplicative()
        while tok.kind == .plus || tok.kind == .minus {
            let op: ExprNode.BinaryOp = tok.kind == .plus ? .add : .subtract
            let pos = tok.offset
            try advance()
            let rhs = try parseMultiplicative()
            lhs = try node(.binary(op, lhs, rhs), pos: pos, start: lhs.start, children: [lhs, rhs])
        }
        return lhs
    }

    mutating func parseMultiplicative() throws(ExprError) -> ExprNode {
        var lhs = try parseUnary()
        while tok.kind == .star {
            let pos = tok.offset
            try advance()
            let rhs = try parseUnary()
            lhs = try node(.binary(.multiply, lhs, rhs), pos: pos, start: lhs.start, children: [lhs, rhs])
        }
        return lhs
    }

    mutating func parseUnary() throws(ExprError) -> ExprNode {
        let op: ExprNode.UnaryOp
        switch tok.kind {
        case .not: op = .not
        case .minus: op = .negate
        default: return try parsePostfix()
        }
        let pos = tok.offset
        try advance()
        try enter()
        defer { nesting -= 1 }
        let operand = try parseUnary()
        return try node(.unary(op, operand), pos: pos, start: pos, children: [operand])
    }

    mutating func parsePostfix() throws(ExprError) -> ExprNode {
        var base = try parsePrimary()
        while tok.kind == .dot {
            try advance()
            guard case .ident(let name) = tok.kind else { throw unexpected("a field or method name after '.'") }
            let pos = tok.offset
            try advance()
            if tok.kind == .lparen {
                let args = try parseArguments()
                base = try node(.method(base, name, args), pos: pos, start: base.start, children: [base] + args)
            } else {
                base = try node(.member(base, name), pos: pos, start: base.start, children: [base])
            }
        }
        return base
    }

    /// `(` [expr {"," expr}] `)`
    mutating func parseArguments() throws(ExprError) -> [ExprNode] {
        try advance()  // (
        var args: [ExprNode] = []
        if tok.kind == .rparen { try advance(); return args }
        while true {
            args.append(try parseExpression())
            if tok.kind == .comma { try advance(); continue }
            try expect(.rparen, "',' or ')' in the argument list")
            return args
        }
    }

    mutating func parsePrimary() throws(ExprError) -> ExprNode {
        let start = tok.offset
        func leaf(_ k: ExprNode.Kind) -> ExprNode { ExprNode(kind: k, pos: start, start: start, depth: 1) }
        switch tok.kind {
        case .kwTrue: try advance(); return leaf(.literal(.bool(true)))
        case .kwFalse: try advance(); return leaf(.literal(.bool(false)))
        case .kwNull: try advance(); return leaf(.literal(.null))
        case .int(let i): try advance(); return leaf(.literal(.int(i)))
        case .duration(let d): try advance(); return leaf(.literal(.duration(d)))
        case .string(let s): try advance(); return leaf(.literal(.string(s)))
        case .ident(let name):
            try advance()
            if tok.kind == .lparen {
                let args = try parseArguments()
                return try node(.call(name, args), pos: start, start: start, children: args)
            }
            return leaf(.ident(name))
        case .lparen:
            try advance()
            let inner = try parseExpression()
            try expect(.rparen, "')'")
            return inner
        case .lbracket:
            try advance()
            var items: [ExprNode] = []
            while tok.kind != .rbracket {
                items.append(try parseExpression())
                if tok.kind == .comma { try advance(); continue }
                guard tok.kind == .rbracket else { throw unexpected("',' or ']' in the list") }
            }
            try advance()
            return try node(.list(items), pos: start, start: start, children: items)
        default:
            throw unexpected("a value (a name, a number, a string, a duration, `(` or `[`)")
        }
    }
}
