import CredLintModel

/// A compile error in an expression or message template, located by a
/// 1-based line and column inside the expression's own source text.
public struct ExprError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    package init(line: Int, column: Int, message: String) {
        self.line = line; self.column = column; self.message = message
    }

    /// `line:column: message`
    public var description: String { "\(line):\(column): \(message)" }

    /// The error placed in a file, for an expression whose first character is at
    /// `line`:`column` of `path`. Later lines of the expression keep their own
    /// column plus `indent` (the block scalar's indentation).
    package func located(path: String, line: Int, column: Int, indent: Int = 0) -> CredLintError {
        let l = line + self.line - 1
        let c = self.line == 1 ? column + self.column - 1 : self.column + indent
        return CredLintError(message, path: path, line: l, column: c)
    }

    /// The error at UTF-8 `offset` of `source`; the column counts characters.
    static func at(_ offset: Int, in source: String, _ message: String) -> ExprError {
        let (l, c) = position(of: offset, in: source)
        return ExprError(line: l, column: c, message: message)
    }

    static func position(of offset: Int, in source: String) -> (line: Int, column: Int) {
        let utf8 = source.utf8
        let end = utf8.index(utf8.startIndex, offsetBy: min(max(0, offset), utf8.count))
        var line = 1
        var lineStart = utf8.startIndex
        var i = utf8.startIndex
        while i < end {
            if utf8[i] == 10 { line += 1; lineStart = utf8.index(after: i) }
            i = utf8.index(after: i)
        }
        // Count characters, not bytes, so `é` is one column.
        let column = Substring(source[lineStart..<end]).count + 1
        return (line, column)
    }
}
