/// One typed row of the IAM credential report.
///
/// Columns are mapped by header name, so a 16-column (older) report leaves the
/// `last_used_*` key columns as `.notApplicable`.
public struct CredentialReportRow: Sendable, Equatable {
    /// 1-based line of the row's first character in the CSV text.
    public var line: Int
    package var user: String
    package var arn: String
    /// `<root_account>` (or `root_account` as copied from HTML) or an ARN ending `:root`.
    public var isRoot: Bool
    package var userCreationTime: Cell<Timestamp>
    /// Root: often `not_supported` (unknown), sometimes `true`/`false`.
    package var passwordEnabled: Cell<Bool>
    public var passwordLastUsed: Cell<Timestamp>
    package var passwordLastChanged: Cell<Timestamp>
    package var passwordNextRotation: Cell<Timestamp>
    public var mfaActive: Cell<Bool>
    public var accessKey1: AccessKeySlot
    public var accessKey2: AccessKeySlot
    package var cert1: CertificateSlot
    package var cert2: CertificateSlot

    package init(
        line: Int, user: String, arn: String, isRoot: Bool,
        userCreationTime: Cell<Timestamp> = .notApplicable,
        passwordEnabled: Cell<Bool> = .value(false),
        passwordLastUsed: Cell<Timestamp> = .notApplicable,
        passwordLastChanged: Cell<Timestamp> = .notApplicable,
        passwordNextRotation: Cell<Timestamp> = .notApplicable,
        mfaActive: Cell<Bool> = .value(false),
        accessKey1: AccessKeySlot = AccessKeySlot(slot: 1),
        accessKey2: AccessKeySlot = AccessKeySlot(slot: 2),
        cert1: CertificateSlot = CertificateSlot(slot: 1),
        cert2: CertificateSlot = CertificateSlot(slot: 2)
    ) {
        self.line = line; self.user = user; self.arn = arn; self.isRoot = isRoot
        self.userCreationTime = userCreationTime; self.passwordEnabled = passwordEnabled
        self.passwordLastUsed = passwordLastUsed; self.passwordLastChanged = passwordLastChanged
        self.passwordNextRotation = passwordNextRotation; self.mfaActive = mfaActive
        self.accessKey1 = accessKey1; self.accessKey2 = accessKey2; self.cert1 = cert1; self.cert2 = cert2
    }

    package var accessKeys: [AccessKeySlot] { [accessKey1, accessKey2] }
    package var certificates: [CertificateSlot] { [cert1, cert2] }

    /// The 12-digit account id taken from the ARN (`arn:PARTITION:iam::ACCOUNT:...`).
    package var accountID: String? { ARN.accountID(arn) }
}

/// `access_key_N_*` columns.
public struct AccessKeySlot: CredentialSlot, Sendable, Equatable {
    public var slot: Int
    public var active: Cell<Bool>
    public var lastRotated: Cell<Timestamp>
    public var lastUsedDate: Cell<Timestamp>
    public var lastUsedRegion: Cell<String>
    public var lastUsedService: Cell<String>

    package init(slot: Int, active: Cell<Bool> = .value(false), lastRotated: Cell<Timestamp> = .notApplicable,
                lastUsedDate: Cell<Timestamp> = .notApplicable, lastUsedRegion: Cell<String> = .notApplicable,
                lastUsedService: Cell<String> = .notApplicable) {
        self.slot = slot; self.active = active; self.lastRotated = lastRotated
        self.lastUsedDate = lastUsedDate; self.lastUsedRegion = lastUsedRegion; self.lastUsedService = lastUsedService
    }

}

/// `cert_N_*` columns (X.509 signing certificates).
public struct CertificateSlot: CredentialSlot, Sendable, Equatable {
    public var slot: Int
    public var active: Cell<Bool>
    public var lastRotated: Cell<Timestamp>
    package init(slot: Int, active: Cell<Bool> = .value(false), lastRotated: Cell<Timestamp> = .notApplicable) {
        self.slot = slot; self.active = active; self.lastRotated = lastRotated
    }
}

/// What an access key slot and a certificate slot share: whether the credential is active,
/// and whether the slot holds one at all.
public protocol CredentialSlot {
    var active: Cell<Bool> { get }
    var lastRotated: Cell<Timestamp> { get }
}

extension CredentialSlot {
    @inlinable
    package var isActive: Bool { if case .value(true) = active { return true }; return false }
    /// A slot exists when the credential is active or has a `last_rotated` date (an inactive one keeps its date).
    @inlinable
    package var exists: Bool {
        if isActive { return true }
        if case .value = lastRotated { return true }
        return false
    }
}
