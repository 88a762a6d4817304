/// A failure to write what the run produced (an output file, standard output, the
/// baseline): exit 3, never 0 or 1, because the gate's result did not reach its reader.
/// A bad output *path*, found before any input is read, is a usage error instead
/// (`CredLintError`, exit 2).
package struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { "error: \(message)" }
}
