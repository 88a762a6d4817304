import ArgumentParser
import CredLintModel
import CredLintEngine

/// Values of options that take one of a fixed list (`--format`, `--fail-on`, …): matched
/// case-insensitively (`--fail-on HIGH`), and a near miss names the closest value, so a
/// typo costs one reading of the error instead of a trip to `--help`.
enum Choice {
    /// The allowed value `value` names, ignoring case; else an error naming the closest.
    static func match(_ value: String, among allowed: [String]) throws -> String {
        if let m = allowed.first(where: { $0.lowercased() == value.lowercased() }) { return m }
        throw ValidationError(message(value, among: allowed))
    }

    /// `value` as one of `T`'s cases (their raw values), ignoring case.
    static func parse<T: RawRepresentable & CaseIterable>(_ value: String, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        T(rawValue: try match(value, among: T.allCases.map(\.rawValue)))!
    }

    /// "did you mean 'sarif'? expected one of …".
    static func message(_ value: String, among allowed: [String]) -> String {
        let hint = Suggest.closest(to: value, among: allowed).map { "did you mean '\($0)'? " } ?? ""
        return "\(hint)expected one of \(allowed.joined(separator: ", "))"
    }

    /// `--fail-on` and `fail_on`: a severity or `none`.
    static let gateLevels = Severity.allCases.reversed().map(\.rawValue) + ["none"]
    /// `--min-severity`, `min_severity` and a rule's `severity`, highest first.
    static let severities = Severity.allCases.reversed().map(\.rawValue)
}
