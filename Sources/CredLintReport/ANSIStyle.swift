import CredLintEngine

/// ANSI SGR styling that collapses to plain text when colour is off, so the
/// text reporter has one code path and goldens stay escape-free.
struct ANSIStyle {
    let enabled: Bool

    func bold(_ s: String) -> String { wrap(s, "1") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func yellow(_ s: String) -> String { wrap(s, "33") }
    func cyan(_ s: String) -> String { wrap(s, "36") }

    func severity(_ s: Severity) -> String {
        switch s {
        case .critical: wrap(s.rawValue, "1;31")
        case .high: wrap(s.rawValue, "31")
        case .medium: wrap(s.rawValue, "33")
        case .low: wrap(s.rawValue, "36")
        case .info: wrap(s.rawValue, "34")
        }
    }

    private func wrap(_ s: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}
