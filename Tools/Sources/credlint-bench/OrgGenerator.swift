#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an organisation's worth of IAM exports, one directory per account
/// (`DIR/<12-digit id>/`), as a collector script would leave them:
///
/// - `credential-report.csv`: the report, `typical` mix (`ReportGenerator`);
/// - `GetAccountAuthorizationDetails.xml`: the same users with groups, attached
///   and inline policies (a few direct admins, service users with their own
///   policies, tags including `break-glass`), groups, roles (an IAM Identity
///   Center admin role, support and workload roles), customer policies with
///   URL-encoded documents;
/// - `ListVirtualMFADevices.xml` and `ListMFADevices-USER.xml` for the admins
///   and break-glass users;
/// - `GetAccountSummary.xml` and `GetAccountPasswordPolicy.xml` (or its
///   NoSuchEntity error).
///
/// With `organization` set, also `DIR/organization.json` as `scripts/collect.sh --org`
/// writes it: the first account is the management account, every account is
/// `collected`, and names and OU paths are made up so that an Organization's outputs
/// (names, OU columns, per-OU SARIF runs) have something to show.
///
/// Deterministic: the same seed gives the same bytes. The dates end at
/// 2026-01-01, so lint with `--as-of 2026-01-01`.
struct OrgGenerator {
    var accounts: Int
    var users: Int
    var seed: UInt64
    var directory: String
    var organization = false

    struct Totals { var files = 0, bytes = 0, csvBytes = 0, rows = 0 }

    func write() throws -> Totals {
        guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
            throw BenchError("cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        var totals = Totals()
        var ids = SplitMix64(seed: seed ^ 0xA5A5_5A5A_0F0F_F0F0)
        var used = Set<UInt64>()
        var listed: [String] = []
        // Every id first (the same stream as before): members need the management account's.
        for _ in 0..<accounts {
            var id: UInt64
            repeat { id = 100_000_000_000 + ids.next() % 899_999_999_999 } while !used.insert(id).inserted
            listed.append(String(id))
        }
        for (i, account) in listed.enumerated() {
            let dir = directory + "/" + account
            guard mkdir(dir, 0o755) == 0 || errno == EEXIST else {
                throw BenchError("cannot create \(dir): \(String(cString: strerror(errno)))")
            }
            try AccountWriter(account: account, dir: dir, users: users,
                              seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(i),
                              managementAccount: organization && i > 0 ? listed[0] : nil).write(&totals)
        }
        if organization { try writeManifest(listed, &totals) }
        return totals
    }

    /// OU paths the accounts are spread over (deterministically, by position).
    private static let ouPaths = ["Root/Workloads/Prod", "Root/Workloads/Staging", "Root/Workloads/Dev",
                                  "Root/Security", "Root/Sandbox", "Root/Infrastructure"]
    private static let teams = ["Payments", "Search", "Identity", "Data", "Mobile", "Billing", "Logistics", "Ads"]

    private func writeManifest(_ ids: [String], _ totals: inout Totals) throws {
        let w = try ByteWriter(path: directory + "/organization.json")
        w.append("{\n  \"credlintOrganization\": 1,\n  \"organizationId\": \"o-gen")
        w.append(String(seed % 1_000_000))
        w.append("\",\n  \"managementAccountId\": \"\(ids[0])\",\n  \"accounts\": [")
        for (i, id) in ids.enumerated() {
            let (name, ou) = i == 0
                ? ("Management", "Root")
                : ("\(Self.teams[i % Self.teams.count]) \(i)", Self.ouPaths[i % Self.ouPaths.count])
            w.append(i == 0 ? "\n" : ",\n")
            w.append("    {\"id\": \"\(id)\", \"name\": \"\(name)\", \"email\": \"aws+\(id)@example.com\", ")
            w.append("\"status\": \"ACTIVE\", \"ouPath\": \"\(ou)\", \"result\": \"collected\"}")
        }
        w.append("\n  ]\n}\n")
        try w.flush()
        totals.bytes += w.written
        totals.files += 1
    }
}

/// The files of one account.
private struct AccountWriter {
    let account: String
    let dir: String
    let users: Int
    let seed: UInt64
    /// For a member account of a generated Organization: the management account, which its
    /// `OrganizationAccountAccessRole` trusts (as AWS creates it in accounts made from the Organization).
    var managementAccount: String? = nil

    private static let end = ReportGenerator.end
    private static let day: Int64 = 86_400

    func write(_ totals: inout OrgGenerator.Totals) throws {
        var rng = SplitMix64(seed: seed ^ 0x5EED_0001)
        var people: [GeneratedUser] = []
        var rootMFA = true, rootKey = false
        var report = ReportGenerator(users: users, seed: seed, account: account, mix: .typical)
        report.onUser = { people.append($0) }
        report.onRoot = { rootMFA = $0; rootKey = $1 }
        let csv = try ByteWriter(path: dir + "/credential-report.csv")
        try report.write(to: csv)
        totals.csvBytes += csv.written
        totals.bytes += csv.written
        totals.rows += users + 1
        totals.files += 1

        var plan = Plan(account: account, people: people, rng: &rng)
        plan.managementAccount = managementAccount
        try file("GetAccountAuthorizationDetails.xml", &totals) { try plan.writeGAAD($0, &rng) }
        let rootVirtual = rootMFA && rng.chance(0.3)
        try file("ListVirtualMFADevices.xml", &totals) { plan.writeVirtualMFA($0, rootVirtual: rootVirtual, &rng) }
        for u in plan.mfaListed {
            try file("ListMFADevices-\(u.name).xml", &totals) { plan.writeMFADevices($0, for: u, &rng) }
        }
        try file("GetAccountSummary.xml", &totals) {
            plan.writeSummary($0, rootMFA: rootMFA, rootKey: rootKey, &rng)
        }
        try file("GetAccountPasswordPolicy.xml", &totals) { plan.writePasswordPolicy($0, &rng) }
    }

    private func file(_ name: String, _ totals: inout OrgGenerator.Totals, _ body: (ByteWriter) throws -> Void) throws {
        let w = try ByteWriter(path: dir + "/" + name)
        try body(w)
        try w.flush()
        totals.bytes += w.written
        totals.files += 1
    }
}

/// Who is what in one account, decided once so every file agrees.
private struct Plan {
    enum Role { case admin, directAdmin, iamManager, breakGlass, developer, readOnly, support, plain, service }

    struct Person {
        var user: GeneratedUser
        var role: Role
        var directManaged: [String]   // policy names
        var inline: [String]
        var boundary: Bool
        var tags: [(String, String)]
        var virtualMFA: Bool
        /// ListMFADevices devices beyond the virtual one (FIDO keys, hardware tokens).
        var extraDevices: Int
    }

    let account: String
    var people: [Person] = []
    var workloadRoles: [(name: String, service: String)] = []
    var hasSupportRole: Bool
    var hasFullAdminPolicy: Bool
    var hasCloudShellRole: Bool
    var ssoSuffix: String
    /// Set for a member account of an Organization: it gets `OrganizationAccountAccessRole`.
    var managementAccount: String?

    static let services = ["s3", "ec2", "lambda", "dynamodb", "logs", "sqs", "sns", "kinesis"]
    static let teams = ["platform", "payments", "search", "data", "mobile", "growth", "security", "billing"]

    init(account: String, people generated: [GeneratedUser], rng: inout SplitMix64) {
        self.account = account
        hasSupportRole = rng.chance(0.8)
        hasFullAdminPolicy = rng.chance(0.05)
        hasCloudShellRole = rng.chance(0.03)
        ssoSuffix = Plan.hex(&rng, 16)
        for u in generated {
            var role: Role
            var direct: [String] = [], inline: [String] = [], boundary = false
            switch u.kind {
            case .breakglass:
                role = .breakGlass
            case .programmatic:
                role = .service
                let r = rng.below(100)
                if r < 10 { direct = ["svc-\(Plan.services[rng.below(Plan.services.count)])-access"] }
                else if r < 15 { inline = ["\(Plan.services[rng.below(Plan.services.count)])-writer"] }
                boundary = rng.chance(0.05)
            default:
                let r = rng.below(10_000)
                switch r {
                case 0..<25: role = .admin
                case 25..<30: role = .directAdmin
                case 30..<40: role = .iamManager
                case 40..<6_540: role = .developer
                case 6_540..<9_040: role = .readOnly
                case 9_040..<9_540: role = .support
                default: role = .plain
                }
                if role != .directAdmin && rng.chance(0.03) { direct = ["AmazonS3ReadOnlyAccess"] }
                if rng.chance(0.01) { inline = ["personal-sandbox"] }
            }
            var tags: [(String, String)] = []
            if role == .breakGlass {
                tags = [("break-glass", "true"), ("owner", "security-team")]
            } else if rng.chance(0.3) {
                tags = [("team", Plan.teams[rng.below(Plan.teams.count)]), ("cost-center", String(4000 + rng.below(900)))]
            }
            // Break-glass users keep hardware tokens in a safe; most others use a phone app.
            let virtual = u.mfa && role != .breakGlass && rng.chance(0.85)
            let isAdmin = role == .admin || role == .directAdmin || role == .iamManager || role == .breakGlass
            let second = isAdmin && rng.chance(0.5)
            let extra = !u.mfa ? 0 : virtual ? (second ? 1 : 0) : (second ? 2 : 1)
            people.append(Person(user: u, role: role, directManaged: direct, inline: inline, boundary: boundary,
                                 tags: tags, virtualMFA: virtual, extraDevices: extra))
        }
        // Every account has a couple of named admins even when the dice gave none.
        var admins = people.indices.filter { people[$0].role == .admin || people[$0].role == .directAdmin }
        for i in people.indices where admins.count < 2 && people[i].role == .developer && people[i].user.password {
            people[i].role = .admin
            admins.append(i)
        }
        let roleCount = 10 + rng.below(30)
        for i in 0..<roleCount {
            let svc = Plan.services[rng.below(Plan.services.count)]
            workloadRoles.append((name: "\(svc)-worker-\(i)", service: rng.chance(0.6) ? "lambda" : "ec2"))
        }
    }

    /// ListMFADevices files: admins and break-glass users (a collector lists the people that matter).
    var mfaListed: [GeneratedUser] {
        Array(people.filter { $0.user.mfa && $0.role != .developer && $0.role != .readOnly && $0.role != .support
            && $0.role != .plain && $0.role != .service }.map(\.user).prefix(12))
    }

    static func hex(_ rng: inout SplitMix64, _ n: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: (0..<n).map { _ in digits[rng.below(16)] }, as: UTF8.self)
    }

    static func id(_ prefix: String, _ rng: inout SplitMix64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        return prefix + String(decoding: (0..<17).map { _ in alphabet[rng.below(32)] }, as: UTF8.self)
    }

    // MARK: GetAccountAuthorizationDetails

    func writeGAAD(_ x: ByteWriter, _ rng: inout SplitMix64) throws {
        let a = account
        x.line(0, "<GetAccountAuthorizationDetailsResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
        x.line(1, "<GetAccountAuthorizationDetailsResult>")
        x.line(2, "<UserDetailList>")
        for p in people {
            let u = p.user
            x.line(3, "<member>")
            x.leaf(4, "Path", u.path)
            x.leaf(4, "UserName", u.name)
            x.leaf(4, "UserId", Plan.id("AIDA", &rng))
            x.leaf(4, "Arn", u.arn)
            x.date(4, "CreateDate", u.created)
            let groups = Plan.groups(of: p.role)
            x.list(4, "GroupList", groups) { x.leaf(5, "member", $0) }
            var managed = p.directManaged.map { (name: $0, arn: Plan.policyARN($0, a)) }
            if p.role == .directAdmin { managed.append((name: "AdministratorAccess", arn: Plan.policyARN("AdministratorAccess", a))) }
            x.list(4, "AttachedManagedPolicies", managed) { m in
                x.line(5, "<member>")
                x.leaf(6, "PolicyName", m.name)
                x.leaf(6, "PolicyArn", m.arn)
                x.line(5, "</member>")
            }
            if !p.inline.isEmpty {
                x.list(4, "UserPolicyList", p.inline) { name in
                    x.line(5, "<member>")
                    x.leaf(6, "PolicyName", name)
                    x.leaf(6, "PolicyDocument", Plan.encode(Plan.scopedDocument(name, a)))
                    x.line(5, "</member>")
                }
            }
            if p.boundary {
                x.line(4, "<PermissionsBoundary>")
                x.leaf(5, "PermissionsBoundaryType", "Policy")
                x.leaf(5, "PermissionsBoundaryArn", "arn:aws:iam::\(a):policy/boundaries/service-boundary")
                x.line(4, "</PermissionsBoundary>")
            }
            if !p.tags.isEmpty {
                x.list(4, "Tags", p.tags) { t in
                    x.line(5, "<member>")
                    x.leaf(6, "Key", t.0)
                    x.leaf(6, "Value", t.1)
                    x.line(5, "</member>")
                }
            }
            x.line(3, "</member>")
            try x.flushIfLarge()
        }
        x.line(2, "</UserDetailList>")

        x.line(2, "<GroupDetailList>")
        for (name, managed, inline) in Plan.groupTable {
            x.line(3, "<member>")
            x.leaf(4, "Path", "/")
            x.leaf(4, "GroupName", name)
            x.leaf(4, "GroupId", Plan.id("AGPA", &rng))
            x.leaf(4, "Arn", "arn:aws:iam::\(a):group/\(name)")
            x.date(4, "CreateDate", AccountWriterDates.accountCreated)
            x.list(4, "GroupPolicyList", inline) { n in
                x.line(5, "<member>")
                x.leaf(6, "PolicyName", n)
                x.leaf(6, "PolicyDocument", Plan.encode(Plan.denyBillingDocument))
                x.line(5, "</member>")
            }
            x.list(4, "AttachedManagedPolicies", managed) { m in
                x.line(5, "<member>")
                x.leaf(6, "PolicyName", m)
                x.leaf(6, "PolicyArn", Plan.policyARN(m, a))
                x.line(5, "</member>")
            }
            x.line(3, "</member>")
        }
        x.line(2, "</GroupDetailList>")

        x.line(2, "<RoleDetailList>")
        let saml = Plan.trust(federated: "arn:aws:iam::\(a):saml-provider/AWSSSO_\(ssoSuffix)_DO_NOT_DELETE",
                              action: "sts:AssumeRoleWithSAML")
        for (perm, managed) in [("AdministratorAccess", "AdministratorAccess"), ("ReadOnlyAccess", "ReadOnlyAccess"),
                                ("PowerUserAccess", "PowerUserAccess")] {
            role(x, &rng, path: "/aws-reserved/sso.amazonaws.com/", name: "AWSReservedSSO_\(perm)_\(ssoSuffix)",
                 trust: saml, managed: [managed], inline: [], lastUsed: 0)
        }
        role(x, &rng, path: "/aws-service-role/support.amazonaws.com/", name: "AWSServiceRoleForSupport",
             trust: Plan.trust(service: "support.amazonaws.com"), managed: ["aws-service-role/AWSSupportServiceRolePolicy"],
             inline: [], lastUsed: 4)
        if hasSupportRole {
            role(x, &rng, path: "/", name: "AWSSupportRole", trust: Plan.trust(aws: "arn:aws:iam::\(a):root"),
                 managed: ["AWSSupportAccess"], inline: [], lastUsed: 60)
        }
        role(x, &rng, path: "/ci/", name: "github-actions-deploy",
             trust: Plan.trust(federated: "arn:aws:iam::\(a):oidc-provider/token.actions.githubusercontent.com",
                               action: "sts:AssumeRoleWithWebIdentity"),
             managed: ["ci-deploy"], inline: [], lastUsed: 1)
        if hasFullAdminPolicy {
            role(x, &rng, path: "/", name: "legacy-automation", trust: Plan.trust(service: "ec2.amazonaws.com"),
                 managed: ["AllowEverything"], inline: [], lastUsed: 200)
        }
        if hasCloudShellRole {
            role(x, &rng, path: "/", name: "cloudshell-users", trust: Plan.trust(aws: "arn:aws:iam::\(a):root"),
                 managed: ["AWSCloudShellFullAccess"], inline: [], lastUsed: 30)
        }
        for w in workloadRoles {
            role(x, &rng, path: "/service-role/", name: w.name, trust: Plan.trust(service: "\(w.service).amazonaws.com"),
                 managed: w.service == "lambda" ? ["service-role/AWSLambdaBasicExecutionRole"] : [],
                 inline: ["\(w.name)-data"], lastUsed: rng.below(20))
        }
        if let m = managementAccount {
            // AWS's own trust policy for the role: the management account, no condition.
            role(x, &rng, path: "/", name: "OrganizationAccountAccessRole",
                 trust: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(m):root"},"Action":"sts:AssumeRole"}]}"#,
                 managed: ["AdministratorAccess"], inline: [], lastUsed: 90)
        }
        x.line(2, "</RoleDetailList>")

        x.line(2, "<Policies>")
        var customer: [(String, String, String)] = [
            ("developer-access", "/eng/", Plan.developerDocument),
            ("ci-deploy", "/ci/", Plan.ciDocument(a)),
            ("service-boundary", "/boundaries/", Plan.boundaryDocument),
        ]
        for s in Plan.services { customer.append(("svc-\(s)-access", "/svc/", Plan.scopedDocument(s, a))) }
        if hasFullAdminPolicy { customer.append(("AllowEverything", "/", Plan.fullAdminDocument)) }
        for (name, path, doc) in customer {
            policy(x, &rng, name: name, arn: "arn:aws:iam::\(a):policy\(path)\(name)", path: path, document: doc)
        }
        for (name, doc) in Plan.awsManaged {
            let parts = name.split(separator: "/")
            let path = parts.count > 1 ? "/" + parts.dropLast().joined(separator: "/") + "/" : "/"
            policy(x, &rng, name: String(parts.last!), arn: Plan.policyARN(name, a), path: path, document: doc)
        }
        x.line(2, "</Policies>")
        x.leaf(2, "IsTruncated", "false")
        x.line(1, "</GetAccountAuthorizationDetailsResult>")
        x.line(1, "<ResponseMetadata>")
        x.leaf(2, "RequestId", Plan.requestID(&rng))
        x.line(1, "</ResponseMetadata>")
        x.line(0, "</GetAccountAuthorizationDetailsResponse>")
    }

    private func role(_ x: ByteWriter, _ rng: inout SplitMix64, path: String, name: String, trust: String,
                      managed: [String], inline: [String], lastUsed: Int) {
        x.line(3, "<member>")
        x.leaf(4, "Path", path)
        x.leaf(4, "RoleName", name)
        x.leaf(4, "RoleId", Plan.id("AROA", &rng))
        x.leaf(4, "Arn", "arn:aws:iam::\(account):role\(path)\(name)")
        x.date(4, "CreateDate", AccountWriterDates.accountCreated + Int64(rng.below(400 * 86_400)))
        x.leaf(4, "AssumeRolePolicyDocument", Plan.encode(trust))
        x.line(4, "<InstanceProfileList/>")
        x.list(4, "RolePolicyList", inline) { n in
            x.line(5, "<member>")
            x.leaf(6, "PolicyName", n)
            x.leaf(6, "PolicyDocument", Plan.encode(Plan.scopedDocument(n, account)))
            x.line(5, "</member>")
        }
        x.list(4, "AttachedManagedPolicies", managed) { m in
            x.line(5, "<member>")
            x.leaf(6, "PolicyName", String(m.split(separator: "/").last!))
            x.leaf(6, "PolicyArn", Plan.policyARN(m, account))
            x.line(5, "</member>")
        }
        x.line(4, "<RoleLastUsed>")
        x.date(5, "LastUsedDate", AccountWriterDates.end - Int64(lastUsed) * 86_400 - Int64(rng.below(86_400)))
        x.leaf(5, "Region", "us-east-1")
        x.line(4, "</RoleLastUsed>")
        x.line(3, "</member>")
    }

    private func policy(_ x: ByteWriter, _ rng: inout SplitMix64, name: String, arn: String, path: String, document: String) {
        let created = AccountWriterDates.accountCreated + Int64(rng.below(300 * 86_400))
        x.line(3, "<member>")
        x.leaf(4, "PolicyName", name)
        x.leaf(4, "PolicyId", Plan.id("ANPA", &rng))
        x.leaf(4, "Arn", arn)
        x.leaf(4, "Path", path)
        x.leaf(4, "DefaultVersionId", "v1")
        x.leaf(4, "AttachmentCount", "1")
        x.leaf(4, "PermissionsBoundaryUsageCount", "0")
        x.leaf(4, "IsAttachable", "true")
        x.date(4, "CreateDate", created)
        x.date(4, "UpdateDate", created)
        x.line(4, "<PolicyVersionList>")
        x.line(5, "<member>")
        x.leaf(6, "Document", Plan.encode(document))
        x.leaf(6, "VersionId", "v1")
        x.leaf(6, "IsDefaultVersion", "true")
        x.date(6, "CreateDate", created)
        x.line(5, "</member>")
        x.line(4, "</PolicyVersionList>")
        x.line(3, "</member>")
    }

    static func groups(of role: Role) -> [String] {
        switch role {
        case .admin, .breakGlass: ["Admins"]
        case .iamManager: ["IAMManagers", "Developers"]
        case .developer: ["Developers"]
        case .readOnly: ["ReadOnly"]
        case .support: ["Support", "ReadOnly"]
        case .service: ["Automation"]
        case .directAdmin, .plain: []
        }
    }

    /// (name, attached managed policies, inline policies)
    static let groupTable: [(String, [String], [String])] = [
        ("Admins", ["AdministratorAccess"], []),
        ("Automation", ["ci-deploy"], []),
        ("Developers", ["developer-access"], ["deny-billing"]),
        ("IAMManagers", ["IAMFullAccess"], []),
        ("ReadOnly", ["ReadOnlyAccess"], []),
        ("Support", ["AWSSupportAccess"], []),
    ]

    static let customerNames: Set<String> = ["developer-access", "ci-deploy", "service-boundary", "AllowEverything"]

    /// AWS-managed names carry no account; customer ones (and `svc-*-access`) do.
    static func policyARN(_ name: String, _ account: String) -> String {
        if customerNames.contains(name) || name.hasPrefix("svc-") {
            let path = name == "developer-access" ? "/eng/" : name == "ci-deploy" ? "/ci/" : name.hasPrefix("svc-") ? "/svc/"
                : name == "service-boundary" ? "/boundaries/" : "/"
            return "arn:aws:iam::\(account):policy\(path)\(name)"
        }
        return "arn:aws:iam::aws:policy/\(name)"
    }

    static func trust(federated: String, action: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"\#(federated)"},"Action":"\#(action)"}]}"#
    }
    static func trust(service: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"\#(service)"},"Action":"sts:AssumeRole"}]}"#
    }
    static func trust(aws: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(aws)"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#
    }

    static func scopedDocument(_ name: String, _ account: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:ListBucket"],"Resource":["arn:aws:s3:::\#(name)-\#(account)","arn:aws:s3:::\#(name)-\#(account)/*"]},{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}"#
    }
    static func ciDocument(_ account: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudformation:CreateChangeSet","cloudformation:DescribeChangeSet","cloudformation:ExecuteChangeSet","cloudformation:DescribeStacks"],"Resource":"arn:aws:cloudformation:*:\#(account):stack/app-*/*"},{"Effect":"Allow","Action":["s3:PutObject"],"Resource":"arn:aws:s3:::artifacts-\#(account)/*"}]}"#
    }
    static let developerDocument =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:Describe*","s3:Get*","s3:List*","logs:Get*","logs:Describe*","cloudwatch:Get*","lambda:Get*","lambda:List*","dynamodb:Describe*","dynamodb:Query"],"Resource":"*"}]}"#
    static let denyBillingDocument =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["aws-portal:*","budgets:*"],"Resource":"*"}]}"#
    static let boundaryDocument =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","dynamodb:*","sqs:*","logs:*"],"Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#
    static let fullAdminDocument = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

    /// AWS-managed policies as GAAD lists them (documents shortened; admin status comes from the ARN).
    static let awsManaged: [(String, String)] = [
        ("AdministratorAccess", fullAdminDocument),
        ("IAMFullAccess", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*","organizations:DescribeAccount","organizations:DescribeOrganization"],"Resource":"*"}]}"#),
        ("ReadOnlyAccess", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["a4b:Get*","a4b:List*","access-analyzer:Get*","access-analyzer:List*","acm:Describe*","acm:Get*","acm:List*","ec2:Describe*","ec2:Get*","iam:Get*","iam:List*","s3:Get*","s3:List*"],"Resource":"*"}]}"#),
        ("PowerUserAccess", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions"],"Resource":"*"}]}"#),
        ("AWSSupportAccess", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["support:*"],"Resource":"*"}]}"#),
        ("AmazonS3ReadOnlyAccess", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]}"#),
        ("AWSCloudShellFullAccess", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudshell:*"],"Resource":"*"}]}"#),
        ("service-role/AWSLambdaBasicExecutionRole", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}"#),
        ("aws-service-role/AWSSupportServiceRolePolicy", #"{"Version":"2012-10-17","Statement":[{"Sid":"AWSSupportPolicy","Effect":"Allow","Action":["cloudtrail:DescribeTrails","ec2:Describe*","iam:GetAccountSummary","iam:ListUsers"],"Resource":"*"}]}"#),
    ]

    /// URL encoding as IAM returns policy documents: everything but `A-Za-z0-9-_.~` as `%XX`.
    static func encode(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count * 2)
        for b in s.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.append(b)
            default: out.append(0x25); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func requestID(_ rng: inout SplitMix64) -> String {
        "\(hex(&rng, 8))-\(hex(&rng, 4))-4\(hex(&rng, 3))-a\(hex(&rng, 3))-\(hex(&rng, 12))"
    }

    // MARK: MFA lists

    func writeVirtualMFA(_ x: ByteWriter, rootVirtual: Bool, _ rng: inout SplitMix64) {
        x.line(0, "<ListVirtualMFADevicesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
        x.line(1, "<ListVirtualMFADevicesResult>")
        x.line(2, "<VirtualMFADevices>")
        var devices: [(serial: String, user: GeneratedUser?, root: Bool)] = []
        if rootVirtual { devices.append(("arn:aws:iam::\(account):mfa/root-account-mfa-device", nil, true)) }
        for p in people where p.virtualMFA { devices.append(("arn:aws:iam::\(account):mfa\(p.user.path)\(p.user.name)", p.user, false)) }
        // Enrolment started and abandoned: a device assigned to no one.
        if rng.chance(0.2) {
            for i in 0..<(1 + rng.below(2)) { devices.append(("arn:aws:iam::\(account):mfa/unfinished-\(i)", nil, false)) }
        }
        devices.sort { $0.serial < $1.serial }
        for d in devices {
            x.line(3, "<member>")
            x.leaf(4, "SerialNumber", d.serial)
            if let u = d.user {
                x.line(4, "<User>")
                x.leaf(5, "Path", u.path)
                x.leaf(5, "UserName", u.name)
                x.leaf(5, "UserId", Plan.id("AIDA", &rng))
                x.leaf(5, "Arn", u.arn)
                x.date(5, "CreateDate", u.created)
                x.line(4, "</User>")
                x.date(4, "EnableDate", u.created + Int64(rng.below(3_600)))
            } else if d.root {
                x.line(4, "<User>")
                x.leaf(5, "Path", "/")
                x.leaf(5, "UserId", account)
                x.leaf(5, "Arn", "arn:aws:iam::\(account):root")
                x.date(5, "CreateDate", AccountWriterDates.accountCreated)
                x.line(4, "</User>")
                x.date(4, "EnableDate", AccountWriterDates.accountCreated + 1_200)
            }
            x.line(3, "</member>")
        }
        x.line(2, "</VirtualMFADevices>")
        x.leaf(2, "IsTruncated", "false")
        x.line(1, "</ListVirtualMFADevicesResult>")
        x.line(1, "<ResponseMetadata>")
        x.leaf(2, "RequestId", Plan.requestID(&rng))
        x.line(1, "</ResponseMetadata>")
        x.line(0, "</ListVirtualMFADevicesResponse>")
    }

    func writeMFADevices(_ x: ByteWriter, for u: GeneratedUser, _ rng: inout SplitMix64) {
        let p = people.first { $0.user.arn == u.arn }!
        x.line(0, "<ListMFADevicesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
        x.line(1, "<ListMFADevicesResult>")
        x.line(2, "<MFADevices>")
        var serials: [String] = []
        if p.virtualMFA { serials.append("arn:aws:iam::\(account):mfa\(u.path)\(u.name)") }
        for i in 0..<p.extraDevices {
            serials.append(i == 0 && rng.chance(0.3) ? "GAHT\(10_000_000 + rng.below(89_999_999))"
                           : "arn:aws:iam::\(account):u2f/user/\(u.name)/yubikey-\(Plan.id("", &rng))")
        }
        for s in serials {
            x.line(3, "<member>")
            x.leaf(4, "UserName", u.name)
            x.leaf(4, "SerialNumber", s)
            x.date(4, "EnableDate", u.created + Int64(rng.below(86_400 * 30)))
            x.line(3, "</member>")
        }
        x.line(2, "</MFADevices>")
        x.leaf(2, "IsTruncated", "false")
        x.line(1, "</ListMFADevicesResult>")
        x.line(1, "<ResponseMetadata>")
        x.leaf(2, "RequestId", Plan.requestID(&rng))
        x.line(1, "</ResponseMetadata>")
        x.line(0, "</ListMFADevicesResponse>")
    }

    // MARK: Summary and password policy

    func writeSummary(_ x: ByteWriter, rootMFA: Bool, rootKey: Bool, _ rng: inout SplitMix64) {
        let mfaInUse = people.filter(\.user.mfa).count + (rootMFA ? 1 : 0)
        let entries: [(String, Int)] = [
            ("GroupPolicySizeQuota", 5120), ("InstanceProfilesQuota", 1000), ("Policies", 11 + (hasFullAdminPolicy ? 1 : 0)),
            ("GroupsPerUserQuota", 10), ("InstanceProfiles", 0), ("AttachedPoliciesPerUserQuota", 10),
            ("Users", people.count), ("PoliciesQuota", 1500), ("Providers", 2), ("AccountMFAEnabled", rootMFA ? 1 : 0),
            ("AccessKeysPerUserQuota", 2), ("AssumeRolePolicySizeQuota", 2048), ("PolicyVersionsInUseQuota", 10000),
            ("GlobalEndpointTokenVersion", 1), ("VersionsPerPolicyQuota", 5), ("AttachedPoliciesPerGroupQuota", 10),
            ("PolicySizeQuota", 6144), ("Groups", Plan.groupTable.count), ("AccountSigningCertificatesPresent", 0),
            ("UsersQuota", 5000), ("ServerCertificatesQuota", 20), ("MFADevices", mfaInUse),
            ("UserPolicySizeQuota", 2048), ("PolicyVersionsInUse", 20), ("ServerCertificates", 0),
            ("Roles", 5 + workloadRoles.count + (managementAccount == nil ? 0 : 1)), ("RolesQuota", 1000), ("SigningCertificatesPerUserQuota", 2),
            ("MFADevicesInUse", mfaInUse), ("RolePolicySizeQuota", 10240), ("AttachedPoliciesPerRoleQuota", 10),
            ("AccountAccessKeysPresent", rootKey ? 1 : 0), ("AccountPasswordPresent", 1), ("GroupsQuota", 300),
        ]
        x.line(0, "<GetAccountSummaryResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
        x.line(1, "<GetAccountSummaryResult>")
        x.line(2, "<SummaryMap>")
        for (k, v) in entries {
            x.line(3, "<entry>")
            x.leaf(4, "key", k)
            x.leaf(4, "value", String(v))
            x.line(3, "</entry>")
        }
        x.line(2, "</SummaryMap>")
        x.line(1, "</GetAccountSummaryResult>")
        x.line(1, "<ResponseMetadata>")
        x.leaf(2, "RequestId", Plan.requestID(&rng))
        x.line(1, "</ResponseMetadata>")
        x.line(0, "</GetAccountSummaryResponse>")
    }

    func writePasswordPolicy(_ x: ByteWriter, _ rng: inout SplitMix64) {
        let r = rng.below(100)
        if r >= 80 {
            x.line(0, "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
            x.line(1, "<Error>")
            x.leaf(2, "Type", "Sender")
            x.leaf(2, "Code", "NoSuchEntity")
            x.leaf(2, "Message", "The Password Policy with domain name \(account) cannot be found.")
            x.line(1, "</Error>")
            x.leaf(1, "RequestId", Plan.requestID(&rng))
            x.line(0, "</ErrorResponse>")
            return
        }
        let strong = r < 65
        x.line(0, "<GetAccountPasswordPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
        x.line(1, "<GetAccountPasswordPolicyResult>")
        x.line(2, "<PasswordPolicy>")
        x.leaf(3, "MinimumPasswordLength", strong ? "16" : "8")
        x.leaf(3, "RequireSymbols", "true")
        x.leaf(3, "RequireNumbers", "true")
        x.leaf(3, "RequireUppercaseCharacters", "true")
        x.leaf(3, "RequireLowercaseCharacters", "true")
        x.leaf(3, "AllowUsersToChangePassword", "true")
        x.leaf(3, "ExpirePasswords", strong ? "false" : "true")
        if !strong { x.leaf(3, "MaxPasswordAge", "90") }
        x.leaf(3, "PasswordReusePrevention", strong ? "24" : "5")
        x.leaf(3, "HardExpiry", "false")
        x.line(2, "</PasswordPolicy>")
        x.line(1, "</GetAccountPasswordPolicyResult>")
        x.line(1, "<ResponseMetadata>")
        x.leaf(2, "RequestId", Plan.requestID(&rng))
        x.line(1, "</ResponseMetadata>")
        x.line(0, "</GetAccountPasswordPolicyResponse>")
    }
}

private enum AccountWriterDates {
    static let end = ReportGenerator.end
    /// Matches `ReportGenerator`'s window start: the account predates its users.
    static let accountCreated = ReportGenerator.end - 3 * 365 * 86_400
}

/// Indented XML, two spaces a level, as the IAM Query API returns it.
extension ByteWriter {
    func line(_ depth: Int, _ s: String) {
        for _ in 0..<depth { append("  " as StaticString) }
        append(s)
        append(0x0A)
    }

    func leaf(_ depth: Int, _ name: String, _ text: String) {
        for _ in 0..<depth { append("  " as StaticString) }
        append(0x3C); append(name); append(0x3E)
        for b in text.utf8 {
            switch b {
            case 0x26: append("&amp;" as StaticString)
            case 0x3C: append("&lt;" as StaticString)
            case 0x3E: append("&gt;" as StaticString)
            default: append(b)
            }
        }
        append("</" as StaticString); append(name); append(0x3E); append(0x0A)
    }

    func date(_ depth: Int, _ name: String, _ t: Int64) {
        for _ in 0..<depth { append("  " as StaticString) }
        append(0x3C); append(name); append(0x3E)
        ReportGenerator.date(self, t, zulu: true)
        append("</" as StaticString); append(name); append(0x3E); append(0x0A)
    }

    /// `<Name/>` when empty, else `<Name>` + a `body` per item + `</Name>`.
    func list<T>(_ depth: Int, _ name: String, _ items: [T], _ body: (T) -> Void) {
        if items.isEmpty { line(depth, "<\(name)/>"); return }
        line(depth, "<\(name)>")
        for i in items { body(i) }
        line(depth, "</\(name)>")
    }
}
