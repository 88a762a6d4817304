/// Every resource cap credlint applies to its inputs, in one place (issue 15).
///
/// Each cap is derived from what AWS itself can produce: an IAM quota from AWS's
/// "IAM and AWS STS quotas" page (or the largest response those quotas allow), times a
/// headroom of at least 4. A file that goes past a cap is not an AWS export of a real
/// account, so it ends the run with one located error (exit 2) instead of costing
/// unbounded memory or time. The readers take their caps from here, never from a
/// literal of their own; `docs/reliability.md`'s caps table is generated from `table`
/// (`credlint-dev generate`).
///
/// `--max-input-size MiB` sets the file-size cap and, above its default of 256 MiB,
/// raises every other size and count cap by the same factor (`scale`), so one flag is
/// enough for a synthetic 200,000-user report. Structural caps (nesting depths, blank
/// lines in a row) say what a well-formed file looks like, not how big it is, and
/// do not scale. Lowering the flag lowers the file-size cap only: a file smaller than
/// a cap cannot reach it anyway.
public struct InputCaps: Sendable, Equatable {
    /// `--max-input-size` in MiB.
    package let maxInputMiB: Int

    public static let defaultMaxInputMiB = 256
    /// The largest `--max-input-size` accepted (1 TiB).
    public static let maxMaxInputMiB = 1 << 20
    /// The caps with `--max-input-size` at its default.
    public static let standard = InputCaps()

    public init(maxInputMiB: Int = InputCaps.defaultMaxInputMiB) {
        self.maxInputMiB = min(max(1, maxInputMiB), Self.maxMaxInputMiB)
    }

    /// The factor every scaled cap is multiplied by: `--max-input-size` over its default, at least 1.
    package var scale: (numerator: Int, denominator: Int) {
        (max(maxInputMiB, Self.defaultMaxInputMiB), Self.defaultMaxInputMiB)
    }

    private func scaled(_ base: Int) -> Int {
        let (n, d) = scale
        let (product, overflow) = base.multipliedReportingOverflow(by: n)
        return overflow ? Int.max / 2 : product / d
    }

    // MARK: sizes and counts (scaled)

    /// Largest input file, standard input, or input once decompressed (gzip) or transcoded (UTF-16).
    package var inputBytes: Int { maxInputMiB << 20 }
    /// Data rows of one credential report.
    public var reportRows: Int { scaled(Base.reportRows) }
    /// One CSV record (so one field).
    package var csvRecordBytes: Int { scaled(Base.csvRecordBytes) }
    /// Start tags in one XML document.
    package var xmlElements: Int { scaled(Base.xmlElements) }
    /// Text between two tags. libxml2 refuses more than 10,000,000 bytes unless told to parse
    /// "huge" documents, which the hardened reader never does, so scaling stops there.
    package var xmlTextBytes: Int { min(scaled(Base.xmlTextBytes), Self.libxml2TextCeiling) }
    package static let libxml2TextCeiling = 10_000_000
    /// One JSON string (key or value), after unescaping.
    package var jsonStringBytes: Int { scaled(Base.jsonStringBytes) }
    /// One policy document given as text (URL-encoded in XML, or a JSON string), before decoding.
    public var policyDocumentBytes: Int { scaled(Base.policyDocumentBytes) }
    /// Managed policies attached to one user, group or role.
    package var attachedPoliciesPerIdentity: Int { scaled(Base.attachedPoliciesPerIdentity) }
    /// Inline policies embedded in one user, group or role.
    package var inlinePoliciesPerIdentity: Int { scaled(Base.inlinePoliciesPerIdentity) }
    /// Groups one user is in.
    package var groupsPerUser: Int { scaled(Base.groupsPerUser) }
    /// Versions listed for one managed policy.
    package var policyVersions: Int { scaled(Base.policyVersions) }
    /// Devices in one ListMFADevices response (one user's).
    package var mfaDevicesPerUser: Int { scaled(Base.mfaDevicesPerUser) }
    /// Devices in one ListVirtualMFADevices response (the whole account's).
    package var virtualMFADevices: Int { scaled(Base.virtualMFADevices) }
    /// Users in one GetAccountAuthorizationDetails document.
    package var users: Int { scaled(Base.users) }
    /// Roles in one GetAccountAuthorizationDetails document.
    package var roles: Int { scaled(Base.roles) }
    /// Groups in one GetAccountAuthorizationDetails document.
    package var groups: Int { scaled(Base.groups) }
    /// Managed policies (customer and AWS managed) in one GetAccountAuthorizationDetails document.
    package var managedPolicies: Int { scaled(Base.managedPolicies) }

    // MARK: structure (not scaled)

    /// XML element nesting (the root is depth 1).
    package var xmlDepth: Int { Base.xmlDepth }
    /// JSON array and object nesting.
    package var jsonDepth: Int { Base.jsonDepth }
    /// Blank lines in a row in a credential report.
    package var blankLinesInARow: Int { Base.blankLinesInARow }

    /// The defaults (`--max-input-size 256`). Each is an AWS figure times the headroom in `table`.
    enum Base {
        static let reportRows = 20_004
        static let csvRecordBytes = 1 << 20
        static let xmlElements = 5_000_000
        static let xmlTextBytes = 8 << 20
        static let jsonStringBytes = 16 << 20
        static let policyDocumentBytes = 512 << 10
        static let attachedPoliciesPerIdentity = 80
        static let inlinePoliciesPerIdentity = 512
        static let groupsPerUser = 40
        static let policyVersions = 20
        static let mfaDevicesPerUser = 32
        static let virtualMFADevices = 160_032
        static let users = 20_000
        static let roles = 20_000
        static let groups = 1_200
        static let managedPolicies = 26_000
        static let xmlDepth = 64
        static let jsonDepth = 128
        static let blankLinesInARow = 1_000
    }

    /// The XML reader's caps (`CredLintXML` sits below this module, so they are handed down).
    package var xmlLimits: XMLLimitsValues {
        XMLLimitsValues(maxDepth: xmlDepth, maxElements: xmlElements, maxTextBytes: xmlTextBytes, maxFileBytes: inputBytes)
    }

    /// The four numbers `XMLLimits` takes, without importing `CredLintXML` into every client.
    package struct XMLLimitsValues: Sendable, Equatable {
        package var maxDepth: Int, maxElements: Int, maxTextBytes: Int, maxFileBytes: Int
    }

    /// The JSON parser with these caps.
    package var jsonParser: JSONParser {
        JSONParser(maxDepth: jsonDepth, maxInputSize: inputBytes, maxStringLength: jsonStringBytes)
    }

    /// The error for a count or size past a scaled cap: one located line that says what
    /// was found, what AWS allows, the limit, and how to raise it.
    static func exceeded(_ found: String, aws: String, limit: Int, at location: SourceLocation) -> CredLintError {
        CredLintError("found \(found), more than AWS allows (\(aws)); the limit is \(limit) (raise it with --max-input-size)",
                      at: location)
    }
}
