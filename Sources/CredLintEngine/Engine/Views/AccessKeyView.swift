import CredLintModel
import CredLintExpr

/// `key` in access_key rules, and the items of `user.keys`.
/// Reused row after row by its `UserView` (see there for why `@unchecked Sendable` holds).
final class AccessKeyView: @unchecked Sendable {
    var slot: AccessKeySlot
    init(_ slot: AccessKeySlot) { self.slot = slot }

    static let type = ObjectTypeDefinition(name: "AccessKey", doc: "An access-key slot of the credential report (`access_key_N_*`).", fields: [
        .init("slot", .int, doc: "1 or 2", of: AccessKeyView.self) { .int(Int64($0.slot.slot)) },
        .init("active", .bool, doc: "`access_key_N_active`", of: AccessKeyView.self) { $0.slot.active.exprValue },
        .init("last_rotated", .timestamp, doc: "`access_key_N_last_rotated`: created or last changed", of: AccessKeyView.self) { $0.slot.lastRotated.exprValue },
        .init("last_used", .timestamp, doc: "`access_key_N_last_used_date`; null when never used (`N/A`)", of: AccessKeyView.self) { $0.slot.lastUsedDate.exprValue },
        .init("last_used_region", .string, doc: "`access_key_N_last_used_region`", of: AccessKeyView.self) { $0.slot.lastUsedRegion.exprValue },
        .init("last_used_service", .string, doc: "`access_key_N_last_used_service`", of: AccessKeyView.self) { $0.slot.lastUsedService.exprValue },
    ])
}

/// Items of `user.certs`.
final class CertificateView: Sendable {
    let slot: CertificateSlot
    init(_ slot: CertificateSlot) { self.slot = slot }

    static let type = ObjectTypeDefinition(name: "Certificate", doc: "A signing-certificate slot (`cert_N_*`).", fields: [
        .init("slot", .int, doc: "1 or 2", of: CertificateView.self) { .int(Int64($0.slot.slot)) },
        .init("active", .bool, doc: "`cert_N_active`", of: CertificateView.self) { $0.slot.active.exprValue },
        .init("last_rotated", .timestamp, doc: "`cert_N_last_rotated`", of: CertificateView.self) { $0.slot.lastRotated.exprValue },
    ])
}
