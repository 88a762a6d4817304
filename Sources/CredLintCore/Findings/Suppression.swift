/// Why a finding is not reported: the exemption from `.credlint.yml` that covers it.
/// Rendered as SARIF `suppressions: [{kind: external, status: accepted, justification}]`.
public struct Suppression: Sendable, Equatable {
    public var reason: String
    public var expires: Timestamp
    /// Where the exemption is written (`.credlint.yml:12:5`).
    public var source: SourceLocation

    public init(reason: String, expires: Timestamp, source: SourceLocation) {
        self.reason = reason; self.expires = expires; self.source = source
    }
}
