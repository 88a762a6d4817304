/// GetAccountSummary's `SummaryMap` (`AccountMFAEnabled`, `AccountAccessKeysPresent`,
/// `AccountPasswordPresent`, ...). Keys AWS did not send are simply missing.
public struct AccountSummary: Sendable, Equatable {
    public var values: [String: Int]
    public var location: SourceLocation?
    public init(values: [String: Int], location: SourceLocation? = nil) { self.values = values; self.location = location }
    public subscript(key: String) -> Int? { values[key] }
}
