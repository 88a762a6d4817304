import CredLintModel
import CredLintExpr

/// `user` in user, access_key and credential rules: a credential-report row
/// joined with what GetAccountAuthorizationDetails and the MFA lists say.
///
/// Reused while a report streams: each linting thread keeps one `UserView`
/// (with its key and credential views) and points it at row after row with
/// `reset`, so no view is allocated per row. Views are only read while their
/// row is evaluated, on the thread that owns them, and values holding them
/// never outlive the evaluation; a user kept for account rules (root, admins,
/// break-glass) gets a fresh view of its own. That is why `@unchecked Sendable`
/// holds here: no view is ever shared between threads.
final class UserView: @unchecked Sendable {
    private(set) var row: CredentialReportRow?
    private(set) var iam: IAMUser?
    private(set) var admin: AdminStatus?
    private(set) var isBreakGlass: Bool
    /// For the MFA device lookup, done only when a rule reads the devices.
    private let context: AccountContext?
    private var cachedDevices: [MFADevice]?

    /// The reusable key views and the `keys` lists over them (reusable views only).
    private let keyViews: (AccessKeyView, AccessKeyView)?
    private let keyLists: (none: Value, first: Value, second: Value, both: Value)?
    /// The one of `keyLists` for the current row (reusable views only).
    private var currentKeys = Value.list([])

    init(row: CredentialReportRow?, iam: IAMUser?, admin: AdminStatus?, isBreakGlass: Bool, context: AccountContext?,
         reusable: Bool = false) {
        self.row = row; self.iam = iam; self.admin = admin; self.isBreakGlass = isBreakGlass
        self.context = context
        if reusable {
            let k1 = AccessKeyView(row?.accessKey1 ?? AccessKeySlot(slot: 1))
            let k2 = AccessKeyView(row?.accessKey2 ?? AccessKeySlot(slot: 2))
            keyViews = (k1, k2)
            let v1 = Value.object(ObjectRef(k1)), v2 = Value.object(ObjectRef(k2))
            keyLists = (.list([]), .list([v1]), .list([v2]), .list([v1, v2]))
        } else {
            keyViews = nil
            keyLists = nil
        }
    }

    /// Points a reusable view at another row (see the type's comment).
    func reset(row: CredentialReportRow, iam: IAMUser?, admin: AdminStatus?, isBreakGlass: Bool) {
        self.row = row; self.iam = iam; self.admin = admin; self.isBreakGlass = isBreakGlass
        cachedDevices = nil
        if let (k1, k2) = keyViews, let lists = keyLists {
            k1.slot = row.accessKey1
            k2.slot = row.accessKey2
            switch (row.accessKey1.exists, row.accessKey2.exists) {
            case (false, false): currentKeys = lists.none
            case (true, false): currentKeys = lists.first
            case (false, true): currentKeys = lists.second
            case (true, true): currentKeys = lists.both
            }
        }
    }

    /// The reusable views of access keys 1 and 2 (nil for a one-off view).
    var reusableKeyViews: (AccessKeyView, AccessKeyView)? { keyViews }

    var name: String { row?.user ?? iam?.name ?? "" }
    var arn: String { row?.arn ?? iam?.arn ?? "" }
    var isRoot: Bool { row?.isRoot ?? false }

    var devices: [MFADevice] {
        if let d = cachedDevices { return d }
        let d = context?.devices(forARN: arn, name: name) ?? []
        cachedDevices = d
        return d
    }
    var devicesKnown: Bool { context?.devicesKnown(name: name) ?? false }

    var existingKeys: [AccessKeySlot] { row.map { [$0.accessKey1, $0.accessKey2].filter(\.exists) } ?? [] }
    var existingCerts: [CertificateSlot] { row.map { [$0.cert1, $0.cert2].filter(\.exists) } ?? [] }

    /// `keys`: the reusable lists when there are reusable key views, else fresh ones.
    var keysValue: Value {
        if keyLists != nil { return currentKeys }
        return .list(existingKeys.map { .object(ObjectRef(AccessKeyView($0))) })
    }

    /// The password (when enabled or unknown), every existing key and certificate.
    var credentials: [CredentialView] {
        guard let r = row else { return [] }
        var out: [CredentialView] = []
        if let c = CredentialView.password(r) { out.append(c) }
        for k in existingKeys { out.append(CredentialView.key(k)) }
        for c in existingCerts { out.append(CredentialView.certificate(c)) }
        return out
    }

    var lastUsed: Value {
        guard let r = row else { return .null }
        var best: Timestamp?
        for d in [r.passwordLastUsed, r.accessKey1.lastUsedDate, r.accessKey2.lastUsedDate] {
            if case .value(let t) = d, best.map({ t > $0 }) ?? true { best = t }
        }
        return best.map { .timestamp($0) } ?? .null
    }

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
            $0.keysValue
        },
        .init("certs", .list(.object("Certificate")), doc: "existing signing-certificate slots", of: UserView.self) {
            .list($0.existingCerts.map { .object(ObjectRef(CertificateView($0))) })
        },
        .init("credentials", .list(.object("Credential")), doc: "password (when enabled), keys and certificates", of: UserView.self) {
            .list($0.credentials.map { .object(ObjectRef($0)) })
        },
        .init("last_used", .timestamp, doc: "latest of the password and key last-used dates; null when none", of: UserView.self) { $0.lastUsed },
        .init("is_break_glass", .bool, doc: "designated break-glass identity (config names, globs, tags, or the defaults)", of: UserView.self) { .bool($0.isBreakGlass) },
        .init("is_admin", .bool, doc: "full admin or IAM admin; null without authorization details, and when they cannot tell (`admin_unknown_reasons`)", of: UserView.self) { $0.admin.exprValue(\.isAdmin) },
        .init("is_full_admin", .bool, doc: "an Allow of `*` on `*` that no Deny or permissions boundary takes away; null like `is_admin`", of: UserView.self) { $0.admin.exprValue(\.isFullAdmin) },
        .init("is_iam_admin", .bool, doc: "`iam:*` on `*` (enough to reset anyone's MFA); null like `is_admin`", of: UserView.self) { $0.admin.exprValue(\.isIAMAdmin) },
        .init("admin_paths", .list(.string), doc: "how the user is admin, e.g. `group Admins: AdministratorAccess`; null like `is_admin`", of: UserView.self) {
            $0.admin.pathsValue
        },
        .init("admin_unknown_reasons", .list(.string), doc: "why the admin status cannot be told, e.g. `not in the authorization details`; empty when it can; null without authorization details", of: UserView.self) {
            $0.admin.map { $0.unknownReasons.exprValue } ?? .null
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
