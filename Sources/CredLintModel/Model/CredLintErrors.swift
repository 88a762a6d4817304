/// Several input errors found together (one line each), such as every account an Organization
/// folder is missing: naming them all at once saves a collect-and-retry round per account.
package struct CredLintErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// In the order they are printed; never empty.
    package var errors: [CredLintError]
    package init(_ errors: [CredLintError]) { self.errors = errors }
    package var description: String { errors.map(\.description).joined(separator: "\n") }
}
