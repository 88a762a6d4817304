/// An error in something the user gave us: an input file, a rule file, a
/// config file, a flag. Always maps to exit code 2 and prints as one line:
/// `path:line:column: error: what was found, what was expected`.
public struct CredLintError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.location = location
        self.message = message
    }

    package init(_ message: String, path: String, line: Int = 1, column: Int = 1) {
        self.location = SourceLocation(path: path, line: line, column: column)
        self.message = message
    }

    public var description: String {
        if let l = location { return "\(l): error: \(message)" }
        return "error: \(message)"
    }
}

/// A non-fatal observation made while reading inputs (an unknown extra column,
/// a skipped non-IAM file in a directory). Printed in the summary and carried
/// into SARIF as a tool execution notification.
public struct Note: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var location: SourceLocation?
    package var message: String
    package init(_ message: String, at location: SourceLocation? = nil) {
        self.location = location
        self.message = message
    }
    public static func < (a: Note, b: Note) -> Bool {
        (a.location?.path ?? "", a.location?.line ?? 0, a.message) < (b.location?.path ?? "", b.location?.line ?? 0, b.message)
    }
    public var description: String {
        if let l = location { return "\(l): note: \(message)" }
        return "note: \(message)"
    }
}
