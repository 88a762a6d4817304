import CredLintModel

/// Decides which users and roles are administrators by evaluating their
/// identity-based policies as AWS does (`PolicyEvaluator`) against a probe set
/// (`AdminProbes`): managed policies attached directly or through a group,
/// inline policies on the principal or its groups, explicit Denies anywhere,
/// and the permissions boundary. docs/admin-analysis.md describes the rules.
///
/// Peers each look at one path only (Prowler: groups; Steampipe: direct
/// attachments; checks.md §10.4), which misses admins; credlint follows all of them.
///
/// Choices where the data cannot tell:
/// - `AdministratorAccess` and `IAMFullAccess` are recognised by ARN (any partition),
///   so their documents need not be in the input; so are configured admin policies.
/// - A group, or a customer managed policy, that is referenced but not in the
///   input could grant or deny anything: the principal is *unknown*, unless the
///   known policies already make it a full admin and nothing missing could deny
///   (then the missing piece changes nothing). An AWS managed policy missing
///   from the input may grant, and is taken not to deny (AWS's managed policies
///   do not Deny, except ones named for it, like `AWSDenyAll`).
/// - A permissions boundary whose document is missing (and is not a known AWS
///   policy) can only take rights away: an admin by its other policies becomes
///   unknown, a non-admin stays a non-admin.
/// - MFA: a user's verdict is taken in the world where they sign in with MFA when
///   they have a device, without it otherwise; when the input does not say and
///   the verdict differs between the two, the user is unknown. Roles are judged as
///   assumed with MFA (the caller's MFA carries into the role session).
public struct AdminAnalyzer: Sendable {
    /// Per user: the verdict without and with MFA (the same value when no policy looks at MFA).
    private let userStatus: [String: (noMFA: AdminStatus, withMFA: AdminStatus)]
    private let roleStatus: [String: AdminStatus]
    private let userMFA: [String: Bool]
    /// Escalation paths (CL307) by user or role ARN; nil for principals whose status is unknown.
    private let escalations: [String: [String]?]

    /// `userMFA`: whether each user (by ARN) has an MFA device; users not in it are
    /// "not known", which makes an MFA-gated verdict unknown.
    package init(users: [IAMUser], groups: [IAMGroup], roles: [IAMRole], policies: [ManagedPolicy],
                extraAdminPolicyARNs: Set<String> = [], userMFA: [String: Bool] = [:]) {
        var context = Context(policies: policies, extraAdminPolicyARNs: extraAdminPolicyARNs)
        var groupsByKey: [GroupKey: Gathered] = [:]
        var groupTargets: [GroupKey: EscalationFinder.Target] = [:]
        var adminGroups: [EscalationFinder.Target] = []
        for g in groups {
            let key = GroupKey(account: ARN.accountID(g.arn), name: g.name)
            let gathered = context.gather(attached: g.attachedPolicies, inline: g.inlinePolicies, label: "group \(g.name)")
            groupsByKey[key] = gathered
            groupTargets[key] = .init(name: g.name, arn: g.arn)
            // A group whose own policies make every member an admin (and nothing missing could deny).
            let alone = AdminJudgement(evaluator: PolicyEvaluator(sources: gathered.sources, boundary: nil, world: RequestWorld(mfa: false)),
                                       probes: context.probes(for: g.arn)).status()
            if alone.isAdmin && gathered.mayDeny.isEmpty { adminGroups.append(.init(name: g.name, arn: g.arn)) }
        }
        var subjects: [Subject] = []
        var userStatus: [String: (noMFA: AdminStatus, withMFA: AdminStatus)] = [:]
        for u in users {
            var gathered = context.gather(attached: u.attachedPolicies, inline: u.inlinePolicies, label: "direct")
            let account = ARN.accountID(u.arn)
            var myGroups: [EscalationFinder.Target] = []
            for name in u.groups {
                if let g = groupsByKey[GroupKey(account: account, name: name)] {
                    gathered.append(g)
                    myGroups += groupTargets[GroupKey(account: account, name: name)].map { [$0] } ?? []
                } else {
                    gathered.mayGrant.append("group \(name) is not in the authorization details")
                    gathered.mayDeny.append("group \(name) is not in the authorization details")
                }
            }
            let (noMFA, evaluator) = context.judge(gathered, boundaryARN: u.permissionsBoundaryARN, arn: u.arn, world: RequestWorld(mfa: false))
            subjects.append(Subject(target: .init(name: u.name, arn: u.arn), isUser: true, status: noMFA, evaluator: evaluator,
                                    groups: myGroups, customerPolicies: Self.customerPolicies(u.attachedPolicies, groupsOf: u, groups)))
            let usesMFA = gathered.sources.contains { $0.policy.usesMFAKeys }
                || (u.permissionsBoundaryARN.flatMap { context.resolve($0).policy?.usesMFAKeys } ?? false)
            let withMFA = usesMFA
                ? context.status(gathered, boundaryARN: u.permissionsBoundaryARN, arn: u.arn, world: RequestWorld(mfa: true))
                : noMFA
            userStatus[u.arn] = (noMFA, withMFA)
        }
        var roleStatus: [String: AdminStatus] = [:]
        for r in roles {
            let gathered = context.gather(attached: r.attachedPolicies, inline: r.inlinePolicies, label: "direct")
            let (status, _) = context.judge(gathered, boundaryARN: r.permissionsBoundaryARN, arn: r.arn, world: RequestWorld(mfa: true))
            roleStatus[r.arn] = status
            // Escalation is judged without MFA, like a user's: what long-term credentials behind the role can do.
            let (noMFA, evaluator) = context.judge(gathered, boundaryARN: r.permissionsBoundaryARN, arn: r.arn, world: RequestWorld(mfa: false))
            subjects.append(Subject(target: .init(name: r.name, arn: r.arn), isUser: false, status: noMFA, evaluator: evaluator,
                                    groups: [], customerPolicies: Self.customerPolicies(r.attachedPolicies, groupsOf: nil, [])))
        }
        let finder = EscalationFinder(
            adminUsers: subjects.filter { $0.isUser && $0.status.isAdmin && $0.status.isKnown }.map(\.target),
            adminRoles: roles.filter { roleStatus[$0.arn].map { $0.isAdmin && $0.isKnown } ?? false },
            adminGroups: adminGroups)
        var escalations: [String: [String]?] = [:]
        for s in subjects {
            escalations[s.target.arn] = !s.status.isKnown ? .some(nil) : s.status.isAdmin ? [] :
                finder.paths(evaluator: s.evaluator, principal: s.target, isUser: s.isUser, groups: s.groups,
                             customerPolicies: s.customerPolicies)
        }
        self.escalations = escalations
        self.userStatus = userStatus
        self.roleStatus = roleStatus
        self.userMFA = userMFA
    }

    package init(details: AuthorizationDetailsPage, extraAdminPolicyARNs: Set<String> = [], userMFA: [String: Bool] = [:]) {
        self.init(users: details.users, groups: details.groups, roles: details.roles, policies: details.policies,
                  extraAdminPolicyARNs: extraAdminPolicyARNs, userMFA: userMFA)
    }

    /// The user's status, with the MFA facts given at `init`; nil when the user is
    /// not in the authorization details (so a caller can say "unknown" rather than "not an admin").
    package func status(ofUserARN arn: String) -> AdminStatus? { status(ofUserARN: arn, hasMFA: userMFA[arn]) }

    /// The user's status when they have (`true`), lack (`false`) or may have (`nil`) an MFA device.
    package func status(ofUserARN arn: String, hasMFA: Bool?) -> AdminStatus? {
        guard let s = userStatus[arn] else { return nil }
        switch hasMFA {
        case true?: return s.withMFA
        case false?: return s.noMFA
        case nil:
            let a = s.noMFA, b = s.withMFA
            if a.isFullAdmin == b.isFullAdmin, a.isIAMAdmin == b.isIAMAdmin, a.isKnown == b.isKnown { return a }
            let with = b.paths.isEmpty ? "" : " (\(b.paths.joined(separator: "; ")))"
            return .unknown(["admin only when signed in with MFA\(with), and the input does not say whether the user has an MFA device"])
        }
    }

    /// How the user or role, not an admin, can make itself one (CL307), sorted; empty for admins and
    /// when there is no path; nil when it is not in the input or its status is unknown.
    package func escalation(ofARN arn: String) -> [String]? { escalations[arn] ?? nil }

    /// The role's status; nil when the role is not in the authorization details.
    package func status(ofRoleARN arn: String) -> AdminStatus? { roleStatus[arn] }

    /// ARNs of every user known to be an admin, sorted.
    package var adminUserARNs: [String] {
        userStatus.keys.filter { status(ofUserARN: $0).map { $0.isAdmin && $0.isKnown } ?? false }.sorted()
    }

    /// ARNs of every role known to be an admin, sorted.
    package var adminRoleARNs: [String] { roleStatus.filter { $0.value.isAdmin && $0.value.isKnown }.keys.sorted() }

    /// Whether people sign in through the role (SAML, or a listed OIDC provider): `RoleTrust`
    /// decides, from the trust policy only, never from the name.
    package func isHumanAssumable(_ role: IAMRole) -> Bool { AdminAnalyzer.isHumanAssumable(role) }

    public static func isHumanAssumable(_ role: IAMRole, settings: RoleTrust.Settings = .init()) -> Bool {
        RoleTrust(role: role, settings: settings).humanAssumable == true
    }

    /// Whether the document's unconditional Allows alone grant every full-admin probe:
    /// the test behind "custom policy grants full admin" rules. The document's Denies
    /// are not considered: the policy still hands out `*:*`.
    public static func allowsFullAdmin(_ doc: PolicyDocument) -> Bool { unconditionalGrant(doc).isFullAdmin }

    /// Whether the document's unconditional Allows alone grant every IAM-admin probe.
    public static func allowsIAMAdmin(_ doc: PolicyDocument) -> Bool { unconditionalGrant(doc).isIAMAdmin }

    static func unconditionalGrant(_ doc: PolicyDocument) -> AdminStatus {
        let allows = CompiledPolicy(doc).statements.filter { $0.effect == .allow && $0.conditions.isEmpty }
        let source = PolicyEvaluator.Source(label: "policy", qualifiers: [], policy: CompiledPolicy(statements: allows))
        let evaluator = PolicyEvaluator(sources: [source], boundary: nil, world: RequestWorld(mfa: false))
        return AdminJudgement(evaluator: evaluator, probes: AdminProbes(partition: "aws", account: "000000000000")).status()
    }

    /// `arn:PARTITION:iam::aws:policy/AdministratorAccess`.
    package static func isAdministratorAccess(arn: String) -> Bool { isAWSManaged(arn, name: "AdministratorAccess") }

    /// `arn:PARTITION:iam::aws:policy/IAMFullAccess`.
    package static func isIAMFullAccess(arn: String) -> Bool { isAWSManaged(arn, name: "IAMFullAccess") }

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
    /// A user or role as escalation analysis needs it.
    struct Subject {
        let target: EscalationFinder.Target
        let isUser: Bool
        /// Its status without MFA.
        let status: AdminStatus
        let evaluator: PolicyEvaluator
        let groups: [EscalationFinder.Target]
        let customerPolicies: [EscalationFinder.Target]
    }

    /// Customer managed policies attached to the principal or one of its groups.
    static func customerPolicies(_ attached: [AttachedPolicy], groupsOf user: IAMUser?, _ groups: [IAMGroup]) -> [EscalationFinder.Target] {
        var all = attached
        if let u = user {
            let account = ARN.accountID(u.arn)
            for g in groups where u.groups.contains(g.name) && ARN.accountID(g.arn) == account { all += g.attachedPolicies }
        }
        var seen = Set<String>()
        return all.filter { !$0.isAWSManaged && seen.insert($0.arn).inserted }.map { .init(name: $0.name, arn: $0.arn) }
    }

    /// The policies reaching a principal, and what the input leaves out.
    struct Gathered {
        var sources: [PolicyEvaluator.Source] = []
        /// Missing pieces that could grant rights / could take them away.
        var mayGrant: [String] = []
        var mayDeny: [String] = []

        mutating func append(_ other: Gathered) {
            sources += other.sources; mayGrant += other.mayGrant; mayDeny += other.mayDeny
        }
    }

    /// A managed policy as the analysis sees it.
    enum Resolved {
        case policy(CompiledPolicy, qualifiers: [String])
        /// Not in the input: why, and whether it could hold a Deny.
        case missing(String, mayDeny: Bool)

        var policy: CompiledPolicy? { if case .policy(let p, _) = self { return p }; return nil }
    }

    /// Policy lookups shared by every principal, memoised per managed policy ARN and account.
    struct Context {
        let policiesByARN: [String: ManagedPolicy]
        let extraAdminPolicyARNs: Set<String>
        var cache: [String: Resolved] = [:]
        var probes: [String: AdminProbes] = [:]

        init(policies: [ManagedPolicy], extraAdminPolicyARNs: Set<String>) {
            var byARN: [String: ManagedPolicy] = [:]
            for p in policies { byARN[p.arn] = p }
            self.policiesByARN = byARN
            self.extraAdminPolicyARNs = extraAdminPolicyARNs
        }

        mutating func resolve(_ arn: String) -> Resolved {
            if let known = cache[arn] { return known }
            let computed = computeResolved(arn)
            cache[arn] = computed
            return computed
        }

        func computeResolved(_ arn: String) -> Resolved {
            let awsManaged = AttachedPolicy(name: "", arn: arn).isAWSManaged
            let owner = awsManaged ? [] : ["customer managed"]
            if extraAdminPolicyARNs.contains(arn) { return .policy(.allowAll, qualifiers: owner + ["configured admin policy"]) }
            if AdminAnalyzer.isAdministratorAccess(arn: arn) { return .policy(.allowAll, qualifiers: []) }
            if AdminAnalyzer.isIAMFullAccess(arn: arn) { return .policy(.allowIAM, qualifiers: []) }
            guard let doc = policiesByARN[arn]?.defaultDocument else {
                let denyish = !awsManaged || arn.utf8.split(separator: UInt8(ascii: "/")).last.map {
                    Wildcard.lowercased(String(decoding: $0, as: UTF8.self)).firstRange(of: Array("deny".utf8)) != nil
                } ?? true
                return .missing("managed policy \(arn) is not in the authorization details", mayDeny: denyish)
            }
            return .policy(CompiledPolicy(doc), qualifiers: owner)
        }

        mutating func gather(attached: [AttachedPolicy], inline: [InlinePolicy], label: String) -> Gathered {
            var out = Gathered()
            for a in attached {
                switch resolve(a.arn) {
                case .policy(let p, let qualifiers):
                    out.sources.append(.init(label: "\(label): \(a.name)", qualifiers: qualifiers, policy: p))
                case .missing(let reason, let mayDeny):
                    out.mayGrant.append(reason)
                    if mayDeny { out.mayDeny.append(reason) }
                }
            }
            for p in inline {
                out.sources.append(.init(label: "\(label): inline policy \(p.name)", qualifiers: [], policy: CompiledPolicy(p.document)))
            }
            return out
        }

        mutating func probes(for arn: String) -> AdminProbes {
            let account = ARN.accountID(arn) ?? "000000000000"
            let partition = ARN.partition(arn) ?? "aws"
            let key = partition + ":" + account
            if let p = probes[key] { return p }
            let p = AdminProbes(partition: partition, account: account)
            probes[key] = p
            return p
        }

        mutating func judge(_ g: Gathered, boundaryARN: String?, arn: String, world: RequestWorld) -> (AdminStatus, PolicyEvaluator) {
            var mayDeny = g.mayDeny
            var boundary: PolicyEvaluator.Source? = nil
            if let b = boundaryARN {
                let name = b.utf8.split(separator: UInt8(ascii: "/")).last.map { String(decoding: $0, as: UTF8.self) } ?? b
                switch resolve(b) {
                case .policy(let p, _):
                    boundary = .init(label: "permissions boundary \(name)", qualifiers: [], policy: p)
                case .missing:
                    mayDeny.append("permissions boundary \(b) is not in the authorization details")
                    // Without its document the boundary can only be assumed to allow what the policies do.
                    boundary = nil
                }
            }
            let evaluator = PolicyEvaluator(sources: g.sources, boundary: boundary, world: world)
            let known = AdminJudgement(evaluator: evaluator, probes: probes(for: arn)).status()
            // Unknown is not no: what is missing could change the verdict in the direction it can move.
            let reasons: [String]
            if known.isFullAdmin { reasons = mayDeny }
            else if known.isIAMAdmin { reasons = g.mayGrant + mayDeny }
            else { reasons = g.mayGrant }
            return (reasons.isEmpty ? known : .unknown(Array(Set(reasons))), evaluator)
        }

        mutating func status(_ g: Gathered, boundaryARN: String?, arn: String, world: RequestWorld) -> AdminStatus {
            judge(g, boundaryARN: boundaryARN, arn: arn, world: world).0
        }
    }
}
