import CredLintModel

/// Who can assume a role, read from its trust policy (`AssumeRolePolicyDocument`).
///
/// Three questions, each answered with the reason (docs/admin-analysis.md, "Who can
/// assume a role"):
/// - **human**: people sign in through it: a SAML provider (IAM Identity Center's
///   `AWSSSO_…` provider included), or an OIDC provider listed in `human_oidc_providers`.
///   Workload identity (GitHub Actions, GitLab, Terraform Cloud, EKS, Cognito…) and
///   services are not people. A role is never judged by its name.
/// - **from which other accounts**: `arn:aws:iam::OTHER:root`, a bare account id or a
///   principal of another account. Such a role is a recovery route "via account X"
///   (OrganizationAccountAccessRole trusting the management account), restricted to
///   `trusted_admin_accounts` when that is configured. The role's own account adds
///   nobody new: whoever can assume the role from there is an identity of the account,
///   judged on its own.
/// - **anyone**: `"*"` or `{"AWS": "*"}` with no condition that restricts the caller.
///
/// Unconditional `Deny` statements subtract from what the Allows grant; a conditional
/// Deny subtracts only "anyone" (when it denies every caller outside an organisation,
/// account…), since whether it applies to a named principal depends on the request.
public struct RoleTrust: Sendable, Hashable {
    public struct Settings: Sendable, Hashable {
        /// Wildcard patterns (`*`, `?`, case-insensitive) of OIDC provider hosts people sign in with.
        package var humanOIDCProviders: [String]
        /// Other accounts whose trust counts as an admin route; nil: every other account.
        package var trustedAdminAccounts: [String]?
        public init(humanOIDCProviders: [String] = [], trustedAdminAccounts: [String]? = nil) {
            self.humanOIDCProviders = humanOIDCProviders; self.trustedAdminAccounts = trustedAdminAccounts
        }
    }

    /// People can assume the role (SAML, or a listed OIDC provider); nil when the trust policy is not in the input.
    package var humanAssumable: Bool?
    /// Other accounts whose principals may assume the role, sorted.
    package var assumableFrom: [String]
    /// Those of `assumableFrom` that count as a route to the role's rights ("via account X").
    package var adminAccounts: [String]
    /// The trust allows any AWS principal without a condition restricting the caller; nil when unknown.
    package var allowsAnyone: Bool?
    /// One line per principal (or Deny) of the trust policy saying what it means, in document order.
    package var reasons: [String]

    /// A human can use the role: directly (federation) or from another account.
    package var isUsableByHuman: Bool { humanAssumable == true || !adminAccounts.isEmpty }

    /// Caller-restricting condition keys (lower-cased): an Allow of `*` gated on one of these
    /// (with a positive operator) is not "anyone". Network, time, MFA and tag keys do not name
    /// the caller (anyone can tag their own principals), so they do not count.
    package static let restrictingKeys: [String] = [
        "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
        "aws:principalservicename", "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid",
        "aws:sourceorgpaths", "aws:userid", "sts:externalid",
    ]

    /// OIDC hosts that issue tokens to machines (CI jobs, pods, app users' devices), named in reasons.
    package static let workloadOIDCProviders: [String] = [
        "token.actions.githubusercontent.com", "token.actions.githubusercontent.com/*", "gitlab.com",
        "app.terraform.io", "oidc.eks.*", "cognito-identity.amazonaws.com", "oidc.circleci.com/*", "agent.buildkite.com",
    ]

    static let identityCenterPath = "/aws-reserved/sso.amazonaws.com/"

    package init(role: IAMRole, settings: Settings = Settings()) {
        guard let doc = role.trustPolicy else {
            self.init(humanAssumable: nil, assumableFrom: [], adminAccounts: [], allowsAnyone: nil,
                      reasons: ["the trust policy is not in the input"])
            return
        }
        let own = ARN.accountID(role.arn)
        let denies = doc.statements.filter { $0.effect == .deny }
        var human = false, anyone = false
        var from = Set<String>(), admin = Set<String>()
        var reasons: [String] = []

        for s in doc.statements where s.effect == .allow {
            for (kind, values) in s.principals.sorted(by: { $0.key < $1.key }) {
                for value in values {
                    let p = Principal(kind: kind, value: value)
                    guard Self.covers(s, p.action) else {
                        reasons.append("\(p.label): the statement does not allow \(p.action)")
                        continue
                    }
                    if let d = denies.first(where: { $0.conditions.isEmpty && Self.covers($0, p.action) && Self.names($0, p) }) {
                        reasons.append("\(p.label): denied by statement \(d.sid ?? "without Sid")")
                        continue
                    }
                    switch p.kind {
                    case .anyone:
                        if let keys = Self.restriction(s.conditions) {
                            reasons.append("any AWS principal, restricted by \(keys)")
                        } else if let (d, keys) = denies.lazy.compactMap({ d in
                            Self.covers(d, p.action) && Self.names(d, p) ? Self.denyRestriction(d.conditions).map { (d, $0) } : nil
                        }).first {
                            reasons.append("any AWS principal, restricted by statement \(d.sid ?? "without Sid") (Deny unless \(keys))")
                        } else {
                            anyone = true
                            reasons.append("any AWS principal of any account (no condition restricts the caller)")
                        }
                    case .saml(let name):
                        human = true
                        if name.hasPrefix("AWSSSO_") && role.path.hasPrefix(Self.identityCenterPath) {
                            reasons.append("IAM Identity Center (SAML provider \(name)): human")
                        } else {
                            reasons.append("SAML provider \(name): human")
                        }
                    case .oidc(let host):
                        if settings.humanOIDCProviders.contains(where: { Glob($0, caseInsensitive: true).matches(host) }) {
                            human = true
                            reasons.append("OIDC provider \(host) (listed in human_oidc_providers): human")
                        } else if Self.workloadOIDCProviders.contains(where: { Glob($0, caseInsensitive: true).matches(host) }) {
                            reasons.append("OIDC provider \(host): workload identity, not a human")
                        } else {
                            reasons.append("OIDC provider \(host): not a human (not in human_oidc_providers)")
                        }
                    case .account(let account, let whole):
                        let who = whole ? "account \(account)" : "\(value) of account \(account)"
                        if account == own {
                            reasons.append("\(who): the role's own account, no new human")
                            continue
                        }
                        from.insert(account)
                        if let trusted = settings.trustedAdminAccounts {
                            if trusted.contains(account) {
                                admin.insert(account)
                                reasons.append("\(who): another account, in trusted_admin_accounts")
                            } else {
                                reasons.append("\(who): another account, not in trusted_admin_accounts")
                            }
                        } else if s.conditions.contains(where: { $0.key.lowercased() == "sts:externalid" }) {
                            reasons.append("\(who): a third party (sts:ExternalId), not an admin route")
                        } else {
                            admin.insert(account)
                            reasons.append("\(who): another account")
                        }
                    case .uniqueID:
                        reasons.append("\(value): a deleted principal's unique id, nobody")
                    case .service:
                        reasons.append("service \(value): not a human")
                    case .other:
                        reasons.append("\(kind) \(value): not a human")
                    }
                }
            }
        }
        self.init(humanAssumable: human, assumableFrom: from.sorted(), adminAccounts: admin.sorted(),
                  allowsAnyone: anyone, reasons: reasons)
    }

    init(humanAssumable: Bool?, assumableFrom: [String], adminAccounts: [String], allowsAnyone: Bool?, reasons: [String]) {
        self.humanAssumable = humanAssumable; self.assumableFrom = assumableFrom; self.adminAccounts = adminAccounts
        self.allowsAnyone = allowsAnyone; self.reasons = reasons
    }

    // MARK: - Statements

    /// The statement's `Action` (or `NotAction`) covers `action`, wildcards and case as IAM reads them.
    /// A statement with neither is invalid and grants nothing.
    static func covers(_ s: PolicyStatement, _ action: String) -> Bool {
        if !s.actions.isEmpty { return s.actions.contains { Glob($0, caseInsensitive: true).matches(action) } }
        if !s.notActions.isEmpty { return !s.notActions.contains { Glob($0, caseInsensitive: true).matches(action) } }
        return false
    }

    /// A Deny statement's `Principal` names `p`: everyone, every AWS principal, the same
    /// provider or principal, or the whole account `p` belongs to.
    static func names(_ deny: PolicyStatement, _ p: Principal) -> Bool {
        for (kind, values) in deny.principals {
            for value in values {
                let d = Principal(kind: kind, value: value)
                if case .anyone = d.kind, kind == "*" || p.isAWS { return true }
                if kind == p.rawKind && value == p.value { return true }
                if case .account(let account, true) = d.kind, case .account(account, _) = p.kind { return true }
            }
        }
        return false
    }

    /// The restricting keys of an Allow's conditions, joined; nil when none restricts the caller.
    /// A key restricts with a positive operator (not `Not…`, not `…IfExists`, not `ForAllValues:`,
    /// which all hold when the key is absent or different) and values other than `*`.
    static func restriction(_ conditions: [PolicyCondition]) -> String? {
        let keys = conditions.filter { c in
            let op = c.op.lowercased()
            return restrictingKeys.contains(c.key.lowercased()) && !op.contains("not") && !op.hasSuffix("ifexists")
                && !op.hasPrefix("forallvalues:") && !op.hasPrefix("null") && !c.values.isEmpty && !c.values.contains("*")
        }.map(\.key)
        return keys.isEmpty ? nil : Set(keys).sorted().joined(separator: ", ")
    }

    /// The restricting keys of a Deny's conditions that deny every caller *outside* a set
    /// (`StringNotEquals aws:PrincipalOrgID o-…`); nil when it does not restrict "anyone".
    static func denyRestriction(_ conditions: [PolicyCondition]) -> String? {
        guard !conditions.isEmpty else { return nil }
        let keys = conditions.filter { c in
            let op = c.op.lowercased()
            return restrictingKeys.contains(c.key.lowercased()) && op.contains("not") && !op.hasPrefix("null")
                && !c.values.isEmpty && !c.values.contains("*")
        }.map(\.key)
        // Every condition must be one of these: a Deny also gated on, say, the source IP lets callers through elsewhere.
        return keys.count == conditions.count ? Set(keys).sorted().joined(separator: ", ") : nil
    }

    /// One principal of a trust statement, classified.
    struct Principal {
        enum Kind {
            case anyone
            case saml(String)
            case oidc(String)
            /// An account, or a principal of it (`whole` false: a user, role or session).
            case account(String, whole: Bool)
            case uniqueID
            case service
            case other
        }
        let rawKind: String
        let value: String
        let kind: Kind

        init(kind: String, value: String) {
            rawKind = kind; self.value = value
            switch kind {
            case "*": self.kind = .anyone
            case "AWS":
                if value == "*" { self.kind = .anyone }
                else if value.utf8.count == 12, value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { self.kind = .account(value, whole: true) }
                else if let account = ARN.accountID(value), !account.isEmpty {
                    self.kind = .account(account, whole: value.hasSuffix(":root"))
                } else { self.kind = .uniqueID }
            case "Federated":
                if let r = value.range(of: ":saml-provider/") { self.kind = .saml(String(value[r.upperBound...])) }
                else if let r = value.range(of: ":oidc-provider/") { self.kind = .oidc(String(value[r.upperBound...])) }
                else { self.kind = .oidc(value) }  // web identity names a provider by host: cognito-identity.amazonaws.com
            case "Service": self.kind = .service
            default: self.kind = .other
            }
        }

        var isAWS: Bool { rawKind == "AWS" || rawKind == "*" }

        /// The STS action this principal assumes the role with.
        var action: String {
            switch kind {
            case .saml: "sts:AssumeRoleWithSAML"
            case .oidc: "sts:AssumeRoleWithWebIdentity"
            default: "sts:AssumeRole"
            }
        }

        var label: String { rawKind == "*" ? "\"*\"" : "\(rawKind) \(value)" }
    }
}
