/// GetAccountSummary's `SummaryMap` (`AccountMFAEnabled`, `AccountAccessKeysPresent`,
/// `AccountPasswordPresent`, ...). Keys AWS did not send are simply missing.
public struct AccountSummary: Sendable, Equatable {
    package var values: [String: Int]
    package var location: SourceLocation?
    package init(values: [String: Int], location: SourceLocation? = nil) { self.values = values; self.location = location }
    package subscript(key: String) -> Int? { values[key] }
}
