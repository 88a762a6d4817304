/// The caps table of `docs/reliability.md`: what each cap is derived from, generated from
/// the caps themselves so the two cannot disagree (`Generated`, `GeneratedFilesTests`).
extension InputCaps {
    package struct Row: Sendable {
        /// What is capped.
        package var input: String
        /// The cap at `--max-input-size` 256.
        package var value: @Sendable (InputCaps) -> Int
        package var unit: Unit
        /// The AWS limit (or the largest AWS response its quotas allow) it derives from, with the figure in words.
        package var aws: String
        /// That figure, in the cap's unit; nil when AWS has no such limit (structural caps).
        package var awsFigure: Int?
        /// Whether `--max-input-size` above its default raises it.
        package var scales: Bool
        /// Where it is enforced.
        package var enforcedBy: String
        /// What a file past it gets.
        package var onHit: String
        /// Why there is a cap at all.
        package var reason: String
    }

    package enum Unit: Sendable { case bytes, count, levels }

    /// AWS's figures (IAM User Guide, "IAM and AWS STS quotas"; IAM API model). The caps are
    /// at least 4 times these (`headroom`), and `InputCapsTests` checks that they are.
    package static let table: [Row] = [
        Row(input: "input file, standard input, a gzip once decompressed, UTF-16 once transcoded",
            value: { $0.inputBytes }, unit: .bytes,
            aws: "≈66 MB: GetAccountAuthorizationDetails (awscli JSON) of an account at IAM's default quotas: 5,000 users and 1,000 roles at 3-4 KB each, 300 groups, 1,500 customer managed policies × 5 versions × 6,144 characters",
            awsFigure: 66_000_000, scales: true, enforcedBy: "`InputCaps.inputBytes` (`--max-input-size` MiB)",
            onHit: "`file is N bytes; the limit is M (raise it with --max-input-size)`; gzip: `input is larger than M bytes once decompressed (…)`",
            reason: "XML, JSON, standard input and decompressed input are held in memory; a CSV streams, but its time grows with it"),
        Row(input: "credential report rows", value: { $0.reportRows }, unit: .count,
            aws: "5,001: IAM users per account 5,000, plus the root row",
            awsFigure: 5_001, scales: true, enforcedBy: "`CredentialReportParser`",
            onHit: "`found more than 20004 rows in one credential report, more than AWS allows (…); the limit is 20004 (…)` at the first row past it",
            reason: "each row's ARN is kept to catch a user given twice, so memory grows with rows"),
        Row(input: "one CSV record (so one field)", value: { $0.csvRecordBytes }, unit: .bytes,
            aws: "≈2,700 bytes: a report row of 22 fields with an ARN of 2,048 characters (its longest)",
            awsFigure: 2_700, scales: true, enforcedBy: "`CSVReader.maxRecordBytes`",
            onHit: "`quoted field is still open after 1048576 bytes` / `record is longer than 1048576 bytes`",
            reason: "a record is buffered whole; an unclosed quote would otherwise buffer the whole file"),
        Row(input: "XML elements in one document", value: { $0.xmlElements }, unit: .count,
            aws: "≈1,000,000 start tags: GetAccountAuthorizationDetails at IAM's default quotas (5,000 users × ~100, 1,000 roles × ~150, 300 groups × ~50, 1,500 policies × ~40)",
            awsFigure: 1_000_000, scales: true, enforcedBy: "`XMLLimits.maxElements` (from `InputCaps.xmlLimits`)",
            onHit: "`more than 5000000 elements in one document`",
            reason: "bounds parsing time for a file of tiny elements under the size cap"),
        Row(input: "XML text between two tags", value: { $0.xmlTextBytes }, unit: .bytes,
            aws: "≈2,000,000 bytes: the base64 `Content` of a GetCredentialReport for 5,000 users and root",
            awsFigure: 2_000_000, scales: true, enforcedBy: "`XMLLimits.maxTextBytes`; never above libxml2's 10,000,000 (credlint never sets XML_PARSE_HUGE)",
            onHit: "`text of N bytes between two tags, more than the 8388608-byte limit`",
            reason: "a text node is held whole"),
        Row(input: "one JSON string", value: { $0.jsonStringBytes }, unit: .bytes,
            aws: "≈2,000,000 bytes: the base64 `Content` of `aws iam get-credential-report` for 5,000 users and root",
            awsFigure: 2_000_000, scales: true, enforcedBy: "`JSONParser.maxStringLength` (from `InputCaps.jsonParser`)",
            onHit: "`found a string longer than 16777216 bytes`",
            reason: "a string is held whole"),
        Row(input: "one policy document given as text (URL-encoded in XML, a JSON string)",
            value: { $0.policyDocumentBytes }, unit: .bytes,
            aws: "131,072 characters: the IAM API's longest policy document (`policyDocumentType`); the quotas are lower (managed policy 6,144; inline aggregate per user 2,048, group 5,120, role 10,240; trust policy 2,048 default, 4,096 max)",
            awsFigure: 131_072, scales: true, enforcedBy: "`PolicyDocumentDecoder.decode(text:location:maxBytes:)`",
            onHit: "`found a policy document of N bytes, more than AWS allows (…); the limit is 524288 (…)`",
            reason: "a document is decoded and parsed whole, and every statement is analysed"),
        Row(input: "managed policies attached to one user, group or role", value: { $0.attachedPoliciesPerIdentity }, unit: .count,
            aws: "20: managed policies attached per user, group or role (10 by default, 20 at most)",
            awsFigure: 20, scales: true, enforcedBy: "`InputCaps.check(_:)` on every GetAccountAuthorizationDetails",
            onHit: "`found N managed policies attached to user 'x', more than AWS allows (…); the limit is 80 (…)`",
            reason: "admin analysis walks every attachment of every identity"),
        Row(input: "inline policies in one user, group or role", value: { $0.inlinePoliciesPerIdentity }, unit: .count,
            aws: "128: no count quota, but a role's inline policies total at most 10,240 characters and the smallest valid policy is about 80",
            awsFigure: 128, scales: true, enforcedBy: "`InputCaps.check(_:)`",
            onHit: "`found N inline policies in role 'x', …; the limit is 512 (…)`",
            reason: "each inline policy is analysed"),
        Row(input: "groups one user is in", value: { $0.groupsPerUser }, unit: .count,
            aws: "10: groups per user", awsFigure: 10, scales: true, enforcedBy: "`InputCaps.check(_:)`",
            onHit: "`found N groups for user 'x', …; the limit is 40 (…)`",
            reason: "group policies are resolved for every membership"),
        Row(input: "versions of one managed policy", value: { $0.policyVersions }, unit: .count,
            aws: "5: versions per managed policy", awsFigure: 5, scales: true, enforcedBy: "`InputCaps.check(_:)`",
            onHit: "`found N versions of policy 'x', …; the limit is 20 (…)`",
            reason: "versions are searched for the default one"),
        Row(input: "MFA devices in one ListMFADevices (one user)", value: { $0.mfaDevicesPerUser }, unit: .count,
            aws: "8: MFA devices per user", awsFigure: 8, scales: true, enforcedBy: "`InputCaps.check(_:)` on every MFA list",
            onHit: "`found N MFA devices in one ListMFADevices response, …; the limit is 32 (…)`",
            reason: "devices are matched to users"),
        Row(input: "devices in one ListVirtualMFADevices (the account)", value: { $0.virtualMFADevices }, unit: .count,
            aws: "40,008: 8 MFA devices for each of 5,000 users and root", awsFigure: 40_008, scales: true,
            enforcedBy: "`InputCaps.check(_:)`",
            onHit: "`found N devices in one ListVirtualMFADevices response, …; the limit is 160032 (…)`",
            reason: "devices are matched to users"),
        Row(input: "users in one GetAccountAuthorizationDetails", value: { $0.users }, unit: .count,
            aws: "5,000: IAM users per account", awsFigure: 5_000, scales: true, enforcedBy: "`InputCaps.check(_:)`",
            onHit: "`found more than 20000 users in one GetAccountAuthorizationDetails, …; the limit is 20000 (…)`",
            reason: "every identity is kept for the admin analysis"),
        Row(input: "roles in one GetAccountAuthorizationDetails", value: { $0.roles }, unit: .count,
            aws: "5,000: IAM roles per account (1,000 by default, 5,000 at most)", awsFigure: 5_000, scales: true,
            enforcedBy: "`InputCaps.check(_:)`", onHit: "as for users",
            reason: "every identity is kept for the admin analysis"),
        Row(input: "groups in one GetAccountAuthorizationDetails", value: { $0.groups }, unit: .count,
            aws: "300: IAM groups per account", awsFigure: 300, scales: true, enforcedBy: "`InputCaps.check(_:)`",
            onHit: "as for users", reason: "every identity is kept for the admin analysis"),
        Row(input: "managed policies in one GetAccountAuthorizationDetails", value: { $0.managedPolicies }, unit: .count,
            aws: "6,500: customer managed policies per account (1,500 by default, 5,000 at most) plus about 1,500 AWS managed ones",
            awsFigure: 6_500, scales: true, enforcedBy: "`InputCaps.check(_:)`",
            onHit: "as for users", reason: "every policy is kept for the admin analysis"),
        Row(input: "XML nesting", value: { $0.xmlDepth }, unit: .levels,
            aws: "11: the deepest IAM response path (GetAccountAuthorizationDetails …/RoleDetailList/member/InstanceProfileList/member/Roles/member/Tags/member/Key)",
            awsFigure: 11, scales: false, enforcedBy: "`XMLLimits.maxDepth`",
            onHit: "`elements nested deeper than 64 levels; IAM responses are shallow`",
            reason: "the element stack; a structural limit, not a size"),
        Row(input: "JSON nesting", value: { $0.jsonDepth }, unit: .levels,
            aws: "16: awscli GetAccountAuthorizationDetails down to a condition's value list inside an instance profile's role's trust policy",
            awsFigure: 16, scales: false, enforcedBy: "`JSONParser.maxDepth`",
            onHit: "`found arrays or objects nested deeper than 128 levels`",
            reason: "the parser recurses; a structural limit"),
        Row(input: "blank lines in a row (CSV)", value: { $0.blankLinesInARow }, unit: .count,
            aws: "none: AWS writes no blank line (at most a final line break)", awsFigure: nil, scales: false,
            enforcedBy: "`CredentialReportParser`",
            onHit: "`found more than 1000 blank lines in a row [and no header]`",
            reason: "a header and 1 GB of line breaks fails in microseconds instead of being read twice"),
    ]

    /// The cap over the AWS figure, rounded down to a tenth.
    package static func headroom(_ row: Row) -> String? {
        guard let figure = row.awsFigure, figure > 0 else { return nil }
        let tenths = row.value(.standard) * 10 / figure
        return tenths % 10 == 0 || tenths >= 100 ? "\(tenths / 10)×" : "\(tenths / 10).\(tenths % 10)×"
    }

    static func format(_ n: Int, _ unit: Unit) -> String {
        func grouped(_ v: Int) -> String {
            let s = String(v)
            var out = ""
            for (i, c) in s.enumerated() {
                if i > 0 && (s.count - i) % 3 == 0 { out += "," }
                out.append(c)
            }
            return out
        }
        switch unit {
        case .bytes:
            if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(grouped(n >> 20)) MiB" }
            if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(grouped(n >> 10)) KiB" }
            return "\(grouped(n)) bytes"
        case .count: return grouped(n)
        case .levels: return "\(grouped(n)) levels"
        }
    }

    static let tableBegin = "<!-- caps table: generated from InputCaps.table by `swift run --package-path Tools credlint-dev generate`; do not edit -->"
    static let tableEnd = "<!-- end of caps table -->"

    /// The table as Markdown.
    package static func markdown() -> String {
        var out = "| input | cap (default) | AWS maximum it derives from | headroom | scales with `--max-input-size` | enforced by | what happens | why a cap |\n"
        out += "|---|---|---|---|---|---|---|---|\n"
        for r in table {
            out += "| \(r.input) | \(format(r.value(.standard), r.unit)) | \(r.aws) | \(headroom(r) ?? "—") | \(r.scales ? "yes" : "no") | \(r.enforcedBy) | \(r.onHit) | \(r.reason) |\n"
        }
        return out
    }

    /// `document` (docs/reliability.md) with the text between the table markers replaced.
    package static func splice(into document: String) throws -> String {
        guard let begin = document.range(of: tableBegin), let end = document.range(of: tableEnd),
              begin.upperBound <= end.lowerBound else {
            throw CredLintError("no caps table markers (\(tableBegin) … \(tableEnd))", path: "docs/reliability.md")
        }
        return String(document[..<begin.upperBound]) + "\n" + markdown() + String(document[end.lowerBound...])
    }
}
