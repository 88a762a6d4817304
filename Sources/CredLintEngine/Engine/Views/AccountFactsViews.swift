import CredLintModel
import CredLintExpr

/// `account.password_policy`.
final class PasswordPolicyView: Sendable {
    let p: PasswordPolicy
    init(_ p: PasswordPolicy) { self.p = p }
    static let type = ObjectTypeDefinition(name: "PasswordPolicy", doc: "GetAccountPasswordPolicy.", fields: [
        .init("minimum_length", .int, doc: "`MinimumPasswordLength`", of: PasswordPolicyView.self) { $0.p.minimumPasswordLength.exprValue },
        .init("require_symbols", .bool, doc: "`RequireSymbols`", of: PasswordPolicyView.self) { $0.p.requireSymbols.exprValue },
        .init("require_numbers", .bool, doc: "`RequireNumbers`", of: PasswordPolicyView.self) { $0.p.requireNumbers.exprValue },
        .init("require_uppercase", .bool, doc: "`RequireUppercaseCharacters`", of: PasswordPolicyView.self) { $0.p.requireUppercaseCharacters.exprValue },
        .init("require_lowercase", .bool, doc: "`RequireLowercaseCharacters`", of: PasswordPolicyView.self) { $0.p.requireLowercaseCharacters.exprValue },
        .init("allow_users_to_change", .bool, doc: "`AllowUsersToChangePassword`", of: PasswordPolicyView.self) { $0.p.allowUsersToChangePassword.exprValue },
        .init("expire_passwords", .bool, doc: "`ExpirePasswords`", of: PasswordPolicyView.self) { $0.p.expirePasswords.exprValue },
        .init("max_age", .int, doc: "`MaxPasswordAge` (days)", of: PasswordPolicyView.self) { $0.p.maxPasswordAge.exprValue },
        .init("reuse_prevention", .int, doc: "`PasswordReusePrevention`", of: PasswordPolicyView.self) { $0.p.passwordReusePrevention.exprValue },
        .init("hard_expiry", .bool, doc: "`HardExpiry`", of: PasswordPolicyView.self) { $0.p.hardExpiry.exprValue },
    ])
}

/// `account.summary`.
final class SummaryView: Sendable {
    let s: AccountSummary
    init(_ s: AccountSummary) { self.s = s }
    private func flag(_ key: String) -> Value { s[key].map { .bool($0 != 0) } ?? .null }
    static let type = ObjectTypeDefinition(name: "Summary", doc: "GetAccountSummary; each field is null when the key is missing.", fields: [
        .init("mfa_enabled", .bool, doc: "`AccountMFAEnabled` = 1 (root has MFA)", of: SummaryView.self) { $0.flag("AccountMFAEnabled") },
        .init("access_keys_present", .bool, doc: "`AccountAccessKeysPresent` = 1 (root has access keys)", of: SummaryView.self) { $0.flag("AccountAccessKeysPresent") },
        .init("password_present", .bool, doc: "`AccountPasswordPresent` = 1 (root has a password)", of: SummaryView.self) { $0.flag("AccountPasswordPresent") },
        .init("signing_certificates_present", .bool, doc: "`AccountSigningCertificatesPresent` = 1", of: SummaryView.self) { $0.flag("AccountSigningCertificatesPresent") },
    ])
}

/// `account.report`.
final class ReportFactsView: Sendable {
    let generated: Timestamp?
    let rows: Int
    let path: String
    init(generated: Timestamp?, rows: Int, path: String) { self.generated = generated; self.rows = rows; self.path = path }
    static let type = ObjectTypeDefinition(name: "Report", doc: "The credential report.", fields: [
        .init("generated", .timestamp, doc: "`GeneratedTime`; null for a bare CSV", of: ReportFactsView.self) { $0.generated.exprValue },
        .init("rows", .int, doc: "rows read (account scope only; 0 elsewhere)", of: ReportFactsView.self) { .int(Int64($0.rows)) },
        .init("path", .string, doc: "input path", of: ReportFactsView.self) { .string($0.path) },
    ])
}
