/// Several input errors found together (one line each), such as every account an Organization
/// folder is missing: naming them all at once saves a collect-and-retry round per account.
public struct CredLintErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// In the order they are printed; never empty.
    public var errors: [CredLintError]
    public init(_ errors: [CredLintError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
