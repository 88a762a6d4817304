#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CredLintModel
import CredLintExpr
import CredLintEngine
import CredLintReport

/// The oracles shared by the fuzz targets (Tools/Sources/Fuzz*): what an input may
/// legitimately do is return a value or throw one of our own errors, located.
/// Anything else aborts the process, which libFuzzer records as a crash.
public enum FuzzCheck {
    /// Accepts `CredLintError` with a location (line and column ≥ 1) and the
    /// readers' "not IAM data" failures; any other error is a bug.
    public static func expectOurs(_ error: any Error, _ what: StaticString) {
        switch error {
        case let e as CredLintError:
            guard let l = e.location else { fail(what, "CredLintError without a location: \(e)") }
            if l.line < 1 || l.column < 1 { fail(what, "CredLintError at line \(l.line) column \(l.column): \(e)") }
            if e.message.isEmpty { fail(what, "CredLintError with an empty message at \(l)") }
        case is IAMXMLReader.Failure, is IAMJSONReader.Failure:
            break
        default:
            fail(what, "error that is not one of ours: \(type(of: error)): \(error)")
        }
    }

    /// Runs `body`, sending any thrown error through `expectOurs`; nil when it threw.
    @discardableResult
    public static func run<T>(_ what: StaticString, _ body: () throws -> T) -> T? {
        do { return try body() } catch {
            expectOurs(error, what)
            return nil
        }
    }

    /// An invariant that must hold for every input.
    public static func require(_ condition: Bool, _ what: StaticString, _ message: @autoclosure () -> String) {
        if !condition { fail(what, message()) }
    }

    /// Prints to stderr and aborts (libFuzzer then saves the input as a crash).
    public static func fail(_ what: StaticString, _ message: String) -> Never {
        let line = "fuzz invariant broken in \(what): \(message)\n"
        _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
        abort()
    }

    /// The input as an array (the pointer is only valid during the call).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}
