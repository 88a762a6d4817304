/// A finding message with `{expression}` placeholders, compiled once.
///
/// `{{` and `}}` stand for literal braces. Placeholders render as
/// `Value.messageText` does: strings as they are, timestamps as
/// `YYYY-MM-DDTHH:MM:SSZ`, durations as whole days (`45 days`), `null` as
/// `n/a`, `unknown` as `unknown`, lists joined by `, `.
public struct MessageTemplate: Sendable {
    enum Segment: Sendable {
        case text(String)
        case value(ExprCode)
    }

    package let text: String
    let segments: [Segment]
    let localCount: Int
    let variableCount: Int
    /// Per placeholder, in order: true when it is a constant (folded into the text).
    package let constantPlaceholders: [Bool]

    public static func compile(_ text: String, in env: ExprEnvironment) throws(ExprError) -> MessageTemplate {
        if text.utf8.count > ExprParser.maxSourceBytes {
            throw ExprError(line: 1, column: 1, message: "message is \(text.utf8.count) bytes long, expected at most \(ExprParser.maxSourceBytes)")
        }
        let bytes = Array(text.utf8)
        var checker = ExprChecker(env: env, source: text)
        var segments: [Segment] = []
        var constants: [Bool] = []
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty { segments.append(.text(String(decoding: literal, as: UTF8.self))); literal.removeAll() }
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
            if b == 123 && next == 123 || b == 125 && next == 125 {  // {{ or }}
                literal.append(b); i += 2; continue
            }
            if b == 125 {
                throw ExprError.at(i, in: text, "found '}' outside a placeholder, expected '}}' for a literal brace")
            }
            if b != 123 { literal.append(b); i += 1; continue }
            var parser = try ExprParser(source: text, offset: i + 1)
            if parser.tok.kind == .rbrace {
                throw ExprError.at(i, in: text, "found an empty placeholder '{}', expected an expression inside, or '{{' for a literal brace")
            }
            if parser.tok.kind == .eof {
                throw ExprError.at(i, in: text, "found '{' at the end of the message, expected an expression and '}', or '{{' for a literal brace")
            }
            let node = try parser.parseExpression()
            guard parser.tok.kind == .rbrace else {
                throw parser.unexpected("'}' closing the placeholder opened at column \(ExprError.position(of: i, in: text).column)")
            }
            let typed = try checker.compile(node)
            try checker.checkRenderable(typed.type, node, what: "a message")
            flush()
            constants.append(typed.constant != nil)
            if let k = typed.constant {
                segments.append(.text(k.messageText))
            } else {
                segments.append(.value(typed.code))
            }
            i = parser.tok.offset + 1
        }
        flush()
        // Merge adjacent text (constant placeholders) so rendering appends less.
        var merged: [Segment] = []
        for s in segments {
            if case .text(let t) = s, case .text(let prev)? = merged.last {
                merged[merged.count - 1] = .text(prev + t)
            } else {
                merged.append(s)
            }
        }
        return MessageTemplate(text: text, segments: merged, localCount: checker.localCount,
                               variableCount: env.variables.count, constantPlaceholders: constants)
    }

    /// The literal text and placeholder trees of a template that compiles, in order
    /// (`{{`/`}}` already unescaped), for compiling its placeholders another way.
    package enum Piece { case text(String), placeholder(ExprNode) }

    package static func pieces(_ text: String) -> [Piece]? {
        let bytes = Array(text.utf8)
        var out: [Piece] = []
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty { out.append(.text(String(decoding: literal, as: UTF8.self))); literal.removeAll() }
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
            if b == 123 && next == 123 || b == 125 && next == 125 { literal.append(b); i += 2; continue }
            if b == 125 { return nil }
            if b != 123 { literal.append(b); i += 1; continue }
            guard var parser = try? ExprParser(source: text, offset: i + 1), parser.tok.kind != .rbrace,
                  parser.tok.kind != .eof, let node = try? parser.parseExpression(), parser.tok.kind == .rbrace else { return nil }
            flush()
            out.append(.placeholder(node))
            i = parser.tok.offset + 1
        }
        flush()
        return out
    }

    public func render(_ ctx: EvalContext) -> String {
        var values: [Value] = []
        Captures(message: self, properties: []).capture(ctx, into: &values)
        var out = ""
        var k = 0
        for s in segments {
            switch s {
            case .text(let t): out += t
            case .value: out += values[k].messageText; k += 1
            }
        }
        return out
    }

    /// A piece of a message's layout: literal text, or the index of a captured value.
    package enum Part: Sendable, Equatable {
        case text(String)
        case value(Int)
    }

    /// The message as a `FindingRule` renders it: literal text (constants folded in), and
    /// the index of each captured value.
    package var findingParts: [Part] {
        var k = 0
        return segments.map { s in
            switch s {
            case .text(let t): return .text(t)
            case .value: defer { k += 1 }; return .value(k)
            }
        }
    }
}

/// What a finding captures when its rule fires: the values of the message's
/// placeholders that are not constants, then the values of the properties, in
/// one frame (one set of loop-variable slots serves them all: each runs to the end
/// before the next starts).
package struct Captures: Sendable {
    /// A closure in a struct: closures kept directly in an `Array` come back
    /// wrapped in a reabstraction thunk on every call.
    struct Code: Sendable {
        let run: ExprCode
    }

    let codes: [Code]
    let localCount: Int
    let variableCount: Int

    package init(message: MessageTemplate, properties: [CompiledExpression]) {
        var codes: [Code] = []
        var locals = message.localCount
        for s in message.segments {
            if case .value(let code) = s { codes.append(Code(run: code)) }
        }
        for p in properties {
            precondition(p.program.variableCount == message.variableCount, "message and properties of different scopes")
            codes.append(Code(run: p.program.code))
            locals = max(locals, p.program.localCount)
        }
        self.codes = codes
        localCount = locals
        variableCount = message.variableCount
    }

    /// Appends each value to `out`, as `kept` keeps it.
    package func capture(_ ctx: EvalContext, into out: inout [Value]) {
        precondition(ctx.variableCount == variableCount,
                     "message compiled for \(variableCount) variables, rendered with \(ctx.variableCount)")
        Frame.with(ctx, locals: localCount) { frame in
            for c in codes { out.append(Self.kept(c.run(&frame))) }
        }
    }

    /// A value as a finding keeps it: lists and objects are rendered to their message text
    /// now (a finding keeps no reference into views that are reused row after row); the
    /// rest (timestamps, durations, ...) stays as it is and is rendered only when written.
    @inline(__always)
    package static func kept(_ v: Value) -> Value {
        switch v {
        case .list, .object: .string(v.messageText)
        default: v
        }
    }
}
