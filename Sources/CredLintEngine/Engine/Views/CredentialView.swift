import CredLintModel
import CredLintExpr

/// `cred` in credential rules: one password, access key or signing certificate.
/// The linter reuses one view per slot row after row (`set`), like `UserView`
/// (see there for why `@unchecked Sendable` holds).
final class CredentialView: @unchecked Sendable {
    enum Kind: String { case password, accessKey = "access_key", certificate }
    private(set) var kind: Kind
    private(set) var slot: Int
    private(set) var enabled: Value
    private(set) var lastUsed: Value
    private(set) var created: Value

    init(kind: Kind, slot: Int, enabled: Value, lastUsed: Value, created: Value) {
        self.kind = kind; self.slot = slot; self.enabled = enabled; self.lastUsed = lastUsed; self.created = created
    }

    func set(_ other: CredentialView) {
        kind = other.kind; slot = other.slot; enabled = other.enabled; lastUsed = other.lastUsed; created = other.created
    }

    /// Points this view at the row's password; false when the row has no password to check.
    func setPassword(_ r: CredentialReportRow) -> Bool {
        if case .value(false) = r.passwordEnabled { return false }
        if r.passwordEnabled.isAbsent { return false }
        kind = .password; slot = 0; enabled = r.passwordEnabled.exprValue; lastUsed = r.passwordLastUsed.exprValue
        if case .value(let t) = r.passwordLastChanged { created = .timestamp(t) } else { created = r.userCreationTime.exprValue }
        return true
    }

    func setKey(_ k: AccessKeySlot) {
        kind = .accessKey; slot = k.slot; enabled = k.active.exprValue; lastUsed = k.lastUsedDate.exprValue
        created = k.lastRotated.exprValue
    }

    func setCertificate(_ c: CertificateSlot) {
        kind = .certificate; slot = c.slot; enabled = c.active.exprValue; lastUsed = .null; created = c.lastRotated.exprValue
    }

    /// The password (enabled or unknown), or nil when the row has none.
    static func password(_ r: CredentialReportRow) -> CredentialView? {
        let v = CredentialView(kind: .password, slot: 0, enabled: .null, lastUsed: .null, created: .null)
        return v.setPassword(r) ? v : nil
    }
    static func key(_ k: AccessKeySlot) -> CredentialView {
        let v = CredentialView(kind: .accessKey, slot: k.slot, enabled: .null, lastUsed: .null, created: .null)
        v.setKey(k)
        return v
    }
    static func certificate(_ c: CertificateSlot) -> CredentialView {
        let v = CredentialView(kind: .certificate, slot: c.slot, enabled: .null, lastUsed: .null, created: .null)
        v.setCertificate(c)
        return v
    }

    /// Finding slot id: `password`, `access_key_1`, `certificate_2`.
    var slotID: String {
        switch (kind, slot) {
        case (.password, _): "password"
        case (.accessKey, 1): "access_key_1"
        case (.accessKey, 2): "access_key_2"
        case (.certificate, 1): "certificate_1"
        case (.certificate, 2): "certificate_2"
        default: "\(kind.rawValue)_\(slot)"
        }
    }
    var label: String {
        switch kind {
        case .password: "password"
        case .accessKey: "access key \(slot)"
        case .certificate: "certificate \(slot)"
        }
    }

    static let type = ObjectTypeDefinition(name: "Credential", doc: "A password, access key or signing certificate of a user.", fields: [
        .init("kind", .string, doc: "`password`, `access_key` or `certificate`", of: CredentialView.self) { .string($0.kind.rawValue) },
        .init("slot", .int, doc: "0 for the password, else 1 or 2", of: CredentialView.self) { .int(Int64($0.slot)) },
        .init("label", .string, doc: "`password`, `access key 1`, `certificate 2`", of: CredentialView.self) { .string($0.label) },
        .init("enabled", .bool, doc: "password enabled, key active, certificate active", of: CredentialView.self) { $0.enabled },
        .init("last_used", .timestamp, doc: "last use; null when never used and for certificates", of: CredentialView.self) { $0.lastUsed },
        .init("created", .timestamp, doc: "`password_last_changed` / `last_rotated`", of: CredentialView.self) { $0.created },
    ])
}
