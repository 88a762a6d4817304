/// `user` in user, access_key and credential rules: a credential-report row
/// joined with what GetAccountAuthorizationDetails and the MFA lists say.
final class UserView: Sendable {
    let row: CredentialReportRow?
    let iam: IAMUser?
    let admin: AdminStatus?
    let isBreakGlass: Bool
    let devices: [MFADevice]
    let devicesKnown: Bool

    init(row: CredentialReportRow?, iam: IAMUser?, admin: AdminStatus?, isBreakGlass: Bool, devices: [MFADevice], devicesKnown: Bool) {
        self.row = row; self.iam = iam; self.admin = admin; self.isBreakGlass = isBreakGlass
        self.devices = devices; self.devicesKnown = devicesKnown
    }

    var name: String { row?.user ?? iam?.name ?? "" }
    var arn: String { row?.arn ?? iam?.arn ?? "" }
    var isRoot: Bool { row?.isRoot ?? false }

    var existingKeys: [AccessKeySlot] { row.map { [$0.accessKey1, $0.accessKey2].filter(\.exists) } ?? [] }
    var existingCerts: [CertificateSlot] { row.map { [$0.cert1, $0.cert2].filter(\.exists) } ?? [] }

    /// The password (when enabled or unknown), every existing key and certificate.
    var credentials: [CredentialView] {
        guard let r = row else { return [] }
        var out: [CredentialView] = []
        if r.passwordEnabled != .value(false) && !r.passwordEnabled.isAbsent {
            out.append(CredentialView(kind: .password, slot: 0, enabled: r.passwordEnabled.exprValue,
                                      lastUsed: r.passwordLastUsed.exprValue,
                                      created: r.passwordLastChanged.value.map { .timestamp($0) } ?? r.userCreationTime.exprValue))
        }
        for k in existingKeys {
            out.append(CredentialView(kind: .accessKey, slot: k.slot, enabled: k.active.exprValue,
                                      lastUsed: k.lastUsedDate.exprValue, created: k.lastRotated.exprValue))
        }
        for c in existingCerts {
            out.append(CredentialView(kind: .certificate, slot: c.slot, enabled: c.active.exprValue,
                                      lastUsed: .null, created: c.lastRotated.exprValue))
        }
        return out
    }

    var lastUsed: Value {
        guard let r = row else { return .null }
        let dates = [r.passwordLastUsed.value, r.accessKey1.lastUsedDate.value, r.accessKey2.lastUsedDate.value].compactMap { $0 }
        return dates.max().map { .timestamp($0) } ?? .null
    }

    /// Admin facts are null without authorization details (unknown is not "no").
    private func adminValue(_ f: (AdminStatus) -> Bool) -> Value { admin.map { .bool(f($0)) } ?? .null }
    private func iamList(_ f: (IAMUser) -> [String]) -> Value { iam.map { f($0).exprValue } ?? .null }

    var path: String {
        if let p = iam?.path { return p }
        guard let r = ARN.resource(arn), r.hasPrefix("user/") else { return "/" }
        let rest = r.dropFirst(5)
        guard let slash = rest.lastIndex(of: "/") else { return "/" }
        return String(rest[...slash]).hasPrefix("/") ? String(rest[...slash]) : "/" + rest[...slash]
    }

    static let type = ObjectTypeDefinition(name: "User", doc: "A user: a credential-report row joined with GetAccountAuthorizationDetails and the MFA device lists.", fields: [
        .init("name", .string, doc: "user name (`<root_account>` for root)", of: UserView.self) { .string($0.name) },
        .init("arn", .string, doc: "ARN", of: UserView.self) { .string($0.arn) },
        .init("path", .string, doc: "IAM path (`/`, `/eng/`)", of: UserView.self) { .string($0.path) },
        .init("is_root", .bool, doc: "the root row", of: UserView.self) { .bool($0.isRoot) },
        .init("in_report", .bool, doc: "has a credential-report row", of: UserView.self) { .bool($0.row != nil) },
        .init("created", .timestamp, doc: "`user_creation_time` (or CreateDate from authorization details)", of: UserView.self) {
            $0.row?.userCreationTime.exprValue ?? $0.iam?.createDate.exprValue ?? .null
        },
        .init("password_enabled", .bool, doc: "`password_enabled`; unknown when `not_supported` (root)", of: UserView.self) { $0.row?.passwordEnabled.exprValue ?? .null },
        .init("password_last_used", .timestamp, doc: "null for `N/A` and `no_information`", of: UserView.self) { $0.row?.passwordLastUsed.exprValue ?? .null },
        .init("password_last_changed", .timestamp, doc: "`password_last_changed`", of: UserView.self) { $0.row?.passwordLastChanged.exprValue ?? .null },
        .init("password_next_rotation", .timestamp, doc: "`password_next_rotation`", of: UserView.self) { $0.row?.passwordNextRotation.exprValue ?? .null },
        .init("mfa_active", .bool, doc: "`mfa_active`", of: UserView.self) { $0.row?.mfaActive.exprValue ?? .null },
        .init("keys", .list(.object("AccessKey")), doc: "existing access-key slots (active, or with a `last_rotated` date)", of: UserView.self) {
            .list($0.existingKeys.map { .object(ObjectRef(AccessKeyView($0))) })
        },
        .init("certs", .list(.object("Certificate")), doc: "existing signing-certificate slots", of: UserView.self) {
            .list($0.existingCerts.map { .object(ObjectRef(CertificateView($0))) })
        },
        .init("credentials", .list(.object("Credential")), doc: "password (when enabled), keys and certificates", of: UserView.self) {
            .list($0.credentials.map { .object(ObjectRef($0)) })
        },
        .init("last_used", .timestamp, doc: "latest of the password and key last-used dates; null when none", of: UserView.self) { $0.lastUsed },
        .init("is_break_glass", .bool, doc: "designated break-glass identity (config names, globs, tags, or the defaults)", of: UserView.self) { .bool($0.isBreakGlass) },
        .init("is_admin", .bool, doc: "full admin or IAM admin; null without authorization details", of: UserView.self) { $0.adminValue(\.isAdmin) },
        .init("is_full_admin", .bool, doc: "an Allow of `*` on `*` that no Deny or permissions boundary takes away", of: UserView.self) { $0.adminValue(\.isFullAdmin) },
        .init("is_iam_admin", .bool, doc: "`iam:*` on `*` (enough to reset anyone's MFA)", of: UserView.self) { $0.adminValue(\.isIAMAdmin) },
        .init("admin_paths", .list(.string), doc: "how the user is admin, e.g. `group Admins: AdministratorAccess`", of: UserView.self) {
            $0.admin.map { $0.paths.exprValue } ?? .null
        },
        .init("groups", .list(.string), doc: "group names", of: UserView.self) { $0.iamList(\.groups) },
        .init("attached_policies", .list(.string), doc: "names of managed policies attached to the user", of: UserView.self) { $0.iamList { $0.attachedPolicies.map(\.name) } },
        .init("attached_policy_arns", .list(.string), doc: "their ARNs", of: UserView.self) { $0.iamList { $0.attachedPolicies.map(\.arn) } },
        .init("inline_policies", .list(.string), doc: "names of inline policies of the user", of: UserView.self) { $0.iamList { $0.inlinePolicies.map(\.name) } },
        .init("has_direct_policies", .bool, doc: "any managed or inline policy on the user itself", of: UserView.self) {
            $0.iam.map { .bool(!$0.attachedPolicies.isEmpty || !$0.inlinePolicies.isEmpty) } ?? .null
        },
        .init("mfa_devices", .list(.object("MFADevice")), doc: "MFA devices known for this user", of: UserView.self) {
            .list($0.devices.map { .object(ObjectRef(MFADeviceView($0))) })
        },
        .init("mfa_devices_known", .bool, doc: "a device list covering this user was given (ListMFADevices for the user, or ListVirtualMFADevices)", of: UserView.self) { .bool($0.devicesKnown) },
        .init("tags", .list(.object("Tag")), doc: "tags from authorization details", of: UserView.self) {
            $0.iam.map { .list($0.tags.sorted { $0.key < $1.key }.map { .object(ObjectRef(TagView(key: $0.key, value: $0.value))) }) } ?? .null
        },
    ])
}

final class TagView: Sendable {
    let key: String, value: String
    init(key: String, value: String) { self.key = key; self.value = value }
    static let type = ObjectTypeDefinition(name: "Tag", doc: "An IAM tag.", fields: [
        .init("key", .string, doc: "tag key", of: TagView.self) { .string($0.key) },
        .init("value", .string, doc: "tag value", of: TagView.self) { .string($0.value) },
    ])
}
