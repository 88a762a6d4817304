/// `cred` in credential rules: one password, access key or signing certificate.
final class CredentialView: Sendable {
    enum Kind: String { case password, accessKey = "access_key", certificate }
    let kind: Kind
    let slot: Int
    let enabled: Value
    let lastUsed: Value
    let created: Value

    init(kind: Kind, slot: Int, enabled: Value, lastUsed: Value, created: Value) {
        self.kind = kind; self.slot = slot; self.enabled = enabled; self.lastUsed = lastUsed; self.created = created
    }

    /// Finding slot id: `password`, `access_key_1`, `certificate_2`.
    var slotID: String { kind == .password ? "password" : "\(kind.rawValue)_\(slot)" }
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
