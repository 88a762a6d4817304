import CredLintModel

/// Why a finding is not reported: the exemption from `.credlint.yml` that covers it.
/// Rendered as SARIF `suppressions: [{kind: external, status: accepted, justification}]`.
package struct Suppression: Sendable, Equatable {
    package var reason: String
    package var expires: Timestamp
    /// Where the exemption is written (`.credlint.yml:12:5`).
    package var source: SourceLocation

    package init(reason: String, expires: Timestamp, source: SourceLocation) {
        self.reason = reason; self.expires = expires; self.source = source
    }
}
