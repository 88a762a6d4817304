/// Decides which users and roles are administrators, following every path
/// AWS grants rights through: managed policies attached directly or through a
/// group, inline policies on the principal or its groups, and permissions
/// boundaries and explicit Denies that take rights away again.
///
/// Peers each look at one path only (Prowler: groups; Steampipe: direct
/// attachments; checks.md §10.4), which misses admins; credlint follows all of them.
///
/// Choices where the data cannot tell:
/// - `AdministratorAccess` and `IAMFullAccess` are recognised by ARN (any partition),
///   so their documents need not be in the input.
/// - A customer managed policy whose document is not in the input grants nothing
///   (configure its ARN as an admin policy to count it).
/// - `Allow` + `NotAction` is never full admin (something is excluded), but it is
///   IAM admin when no excluded pattern can match an IAM action.
/// - Only unconditional Denies of `*` or `iam:*` on every resource remove admin
///   rights, and either removes both kinds (without IAM a principal can neither
///   manage identities nor recover anyone's MFA). Narrower, conditional and
///   `NotAction` Denies are not evaluated, so they never hide an admin.
/// - A permissions boundary whose document is not in the input (and is not a
///   known AWS policy) is assumed to allow everything; each path then says
///   "(permissions boundary not inspected)".
/// - Groups named by a user but missing from the input grant nothing.
public struct AdminAnalyzer: Sendable {
    private let userStatus: [String: AdminStatus]
    private let roleStatus: [String: AdminStatus]

    public init(users: [IAMUser], groups: [IAMGroup], roles: [IAMRole], policies: [ManagedPolicy],
                extraAdminPolicyARNs: Set<String> = []) {
        var context = Context(policies: policies, extraAdminPolicyARNs: extraAdminPolicyARNs)
        var groupsByKey: [GroupKey: Sources] = [:]
        for g in groups {
            groupsByKey[GroupKey(account: ARN.accountID(g.arn), name: g.name)] =
                context.sources(attached: g.attachedPolicies, inline: g.inlinePolicies, label: "group \(g.name)")
        }
        var userStatus: [String: AdminStatus] = [:]
        for u in users {
            var sources = context.sources(attached: u.attachedPolicies, inline: u.inlinePolicies, label: "direct")
            let account = ARN.accountID(u.arn)
            for name in u.groups {
                if let g = groupsByKey[GroupKey(account: account, name: name)] { sources.append(contentsOf: g) }
            }
            userStatus[u.arn] = context.status(sources, boundaryARN: u.permissionsBoundaryARN)
        }
        var roleStatus: [String: AdminStatus] = [:]
        for r in roles {
            let sources = context.sources(attached: r.attachedPolicies, inline: r.inlinePolicies, label: "direct")
            roleStatus[r.arn] = context.status(sources, boundaryARN: r.permissionsBoundaryARN)
        }
        self.userStatus = userStatus
        self.roleStatus = roleStatus
    }

    public init(details: AuthorizationDetailsPage, extraAdminPolicyARNs: Set<String> = []) {
        self.init(users: details.users, groups: details.groups, roles: details.roles, policies: details.policies,
                  extraAdminPolicyARNs: extraAdminPolicyARNs)
    }

    /// The user's status; nil when the user is not in the authorization details
    /// (so a caller can say "unknown" rather than "not an admin").
    public func status(ofUserARN arn: String) -> AdminStatus? { userStatus[arn] }

    /// The role's status; nil when the role is not in the authorization details.
    public func status(ofRoleARN arn: String) -> AdminStatus? { roleStatus[arn] }

    /// ARNs of every admin user, sorted.
    public var adminUserARNs: [String] { userStatus.filter { $0.value.isAdmin }.keys.sorted() }

    /// ARNs of every admin role, sorted.
    public var adminRoleARNs: [String] { roleStatus.filter { $0.value.isAdmin }.keys.sorted() }

    /// Whether people sign in through the role (SAML, or a listed OIDC provider): `RoleTrust`
    /// decides, from the trust policy only, never from the name.
    public func isHumanAssumable(_ role: IAMRole) -> Bool { AdminAnalyzer.isHumanAssumable(role) }

    public static func isHumanAssumable(_ role: IAMRole, settings: RoleTrust.Settings = .init()) -> Bool {
        RoleTrust(role: role, settings: settings).humanAssumable == true
    }

    /// An unconditional Allow of `*` (or `*:*`) on every resource: the test behind
    /// "custom policy grants full admin" rules. The document's Denies are not
    /// considered: the policy still hands out `*:*`.
    public static func allowsFullAdmin(_ doc: PolicyDocument) -> Bool { PolicyAdminSummary(doc).allowsFull }

    /// An unconditional Allow of every IAM action on every resource (`iam:*`, `*`, or
    /// a `NotAction` that excludes nothing of IAM).
    public static func allowsIAMAdmin(_ doc: PolicyDocument) -> Bool { PolicyAdminSummary(doc).allowsIAM }

    /// `arn:PARTITION:iam::aws:policy/AdministratorAccess`.
    public static func isAdministratorAccess(arn: String) -> Bool { isAWSManaged(arn, name: "AdministratorAccess") }

    /// `arn:PARTITION:iam::aws:policy/IAMFullAccess`.
    public static func isIAMFullAccess(arn: String) -> Bool { isAWSManaged(arn, name: "IAMFullAccess") }

    /// `arn:PARTITION:iam::aws:policy/NAME`, compared on UTF-8 (no Unicode-aware string scans in the hot loop).
    static func isAWSManaged(_ arn: String, name: String) -> Bool {
        let a = arn.utf8, suffix = Array(":iam::aws:policy/".utf8) + Array(name.utf8)
        guard a.count > 4 + suffix.count, a.starts(with: "arn:".utf8), a.reversed().starts(with: suffix.reversed()) else {
            return false
        }
        let partition = a.dropFirst(4).dropLast(suffix.count)
        return !partition.contains(UInt8(ascii: ":"))
    }

    /// Group names are unique per account; keying by both keeps multi-account inputs apart.
    struct GroupKey: Hashable {
        var account: String?
        var name: String
    }
}

extension AdminAnalyzer {
    /// One policy reaching a principal: its label for `paths` and what it grants.
    struct Source: Sendable {
        var label: String
        var qualifiers: [String]
        var summary: PolicyAdminSummary
    }

    typealias Sources = [Source]

    /// Policy lookups shared by every principal, memoised per managed policy ARN.
    struct Context {
        let policiesByARN: [String: ManagedPolicy]
        let extraAdminPolicyARNs: Set<String>
        var cache: [String: (PolicyAdminSummary, [String])?] = [:]

        init(policies: [ManagedPolicy], extraAdminPolicyARNs: Set<String>) {
            var byARN: [String: ManagedPolicy] = [:]
            for p in policies { byARN[p.arn] = p }
            self.policiesByARN = byARN
            self.extraAdminPolicyARNs = extraAdminPolicyARNs
        }

        /// What a managed policy grants, with the qualifiers its paths carry; nil when it cannot be known.
        mutating func summary(ofManaged arn: String) -> (PolicyAdminSummary, [String])? {
            if let known = cache[arn] { return known }
            let computed = computeSummary(ofManaged: arn)
            cache[arn] = .some(computed)
            return computed
        }

        func computeSummary(ofManaged arn: String) -> (PolicyAdminSummary, [String])? {
            let owner = AttachedPolicy(name: "", arn: arn).isAWSManaged ? [] : ["customer managed"]
            if extraAdminPolicyARNs.contains(arn) { return (.fullAdmin, owner + ["configured admin policy"]) }
            if AdminAnalyzer.isAdministratorAccess(arn: arn) { return (.fullAdmin, []) }
            if AdminAnalyzer.isIAMFullAccess(arn: arn) { return (.iamAdmin, []) }
            guard let doc = policiesByARN[arn]?.defaultDocument else { return nil }
            return (PolicyAdminSummary(doc), owner)
        }

        mutating func sources(attached: [AttachedPolicy], inline: [InlinePolicy], label: String) -> Sources {
            var out: Sources = []
            for a in attached {
                guard let (summary, qualifiers) = summary(ofManaged: a.arn) else { continue }
                out.append(Source(label: "\(label): \(a.name)", qualifiers: qualifiers, summary: summary))
            }
            for p in inline {
                out.append(Source(label: "\(label): inline policy \(p.name)", qualifiers: [],
                                  summary: PolicyAdminSummary(p.document)))
            }
            return out
        }

        mutating func status(_ sources: Sources, boundaryARN: String?) -> AdminStatus {
            let deniesAll = sources.contains { $0.summary.deniesAll }
            let deniesIAM = sources.contains { $0.summary.deniesIAM }
            if deniesAll || deniesIAM { return .notAdmin }

            var boundaryFull = true, boundaryIAM = true
            var boundaryNote: String? = nil
            if let arn = boundaryARN {
                if let (summary, _) = summary(ofManaged: arn) {
                    boundaryFull = summary.effectiveFull
                    boundaryIAM = summary.effectiveIAM
                } else {
                    boundaryNote = "permissions boundary not inspected"
                }
            }
            let isFull = boundaryFull && sources.contains { $0.summary.allowsFull }
            let isIAM = boundaryIAM && sources.contains { $0.summary.allowsIAM }
            guard isFull || isIAM else { return .notAdmin }

            var paths = Set<String>()
            for s in sources where s.summary.allowsIAM {
                var qualifiers = s.qualifiers
                if !s.summary.allowsFull {
                    qualifiers.append("IAM admin only")
                } else if !isFull {
                    qualifiers.append("limited to IAM by permissions boundary")
                }
                if let note = boundaryNote { qualifiers.append(note) }
                paths.insert(qualifiers.isEmpty ? s.label : "\(s.label) (\(qualifiers.joined(separator: ", ")))")
            }
            return AdminStatus(isFullAdmin: isFull, isIAMAdmin: isIAM, paths: paths.sorted())
        }
    }
}
