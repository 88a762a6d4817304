/// One policy document reduced to the four facts admin analysis needs.
///
/// Only unconditional statements count, in both directions: a conditional
/// Allow may not apply (so it does not make an admin), and a conditional Deny
/// may not apply either (so it does not unmake one). Statements with
/// `NotResource` are ignored for the same reason: they do not cover every resource.
struct PolicyAdminSummary: Sendable, Hashable {
    /// Allow of `*` (or `*:*`) on every resource.
    var allowsFull = false
    /// Allow of every IAM action on every resource: `iam:*`, `*`, or a `NotAction`
    /// list that excludes no IAM action.
    var allowsIAM = false
    /// Deny of `*` on every resource.
    var deniesAll = false
    /// Deny of `iam:*` (or `*`) on every resource.
    var deniesIAM = false

    static let fullAdmin = PolicyAdminSummary(allowsFull: true, allowsIAM: true)
    static let iamAdmin = PolicyAdminSummary(allowsIAM: true)

    init(allowsFull: Bool = false, allowsIAM: Bool = false, deniesAll: Bool = false, deniesIAM: Bool = false) {
        self.allowsFull = allowsFull; self.allowsIAM = allowsIAM; self.deniesAll = deniesAll; self.deniesIAM = deniesIAM
    }

    init(_ doc: PolicyDocument) {
        for s in doc.statements where !s.hasCondition && s.notResources.isEmpty
            && s.resources.contains(where: PolicyAdminSummary.coversAllResources) {
            switch s.effect {
            case .allow:
                if s.actions.contains(where: PolicyAdminSummary.coversAllActions) {
                    allowsFull = true; allowsIAM = true
                } else if s.actions.contains(where: PolicyAdminSummary.coversIAMActions) {
                    allowsIAM = true
                } else if s.actions.isEmpty, !s.notActions.isEmpty,
                          !s.notActions.contains(where: PolicyAdminSummary.mayMatchIAMAction) {
                    // "everything except X" where X has nothing of IAM in it still hands out iam:*.
                    allowsIAM = true
                }
            case .deny:
                if s.actions.contains(where: PolicyAdminSummary.coversAllActions) {
                    deniesAll = true; deniesIAM = true
                } else if s.actions.contains(where: PolicyAdminSummary.coversIAMActions) {
                    deniesIAM = true
                }
            }
        }
    }

    /// What is left once the document's own Denies are applied (used for boundaries).
    var effectiveFull: Bool { allowsFull && !deniesAll && !deniesIAM }
    var effectiveIAM: Bool { allowsIAM && !deniesAll && !deniesIAM }

    // MARK: - Pattern tests (action names are case-insensitive in IAM)

    static func isStars<S: StringProtocol>(_ s: S) -> Bool { !s.isEmpty && s.allSatisfy { $0 == "*" } }

    /// `*`, `*:*` (and spellings like `**`).
    static func coversAllActions(_ pattern: String) -> Bool {
        let parts = pattern.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isStars(parts[0])
        case 2: return isStars(parts[0]) && isStars(parts[1])
        default: return false
        }
    }

    /// `iam:*`, `IAM:*`, `i*:*`, or anything covering all actions.
    static func coversIAMActions(_ pattern: String) -> Bool {
        if coversAllActions(pattern) { return true }
        let parts = pattern.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 && isStars(parts[1]) && globMatches(parts[0].lowercased(), "iam")
    }

    /// Whether a (Not)Action pattern can match at least one IAM action.
    static func mayMatchIAMAction(_ pattern: String) -> Bool {
        let parts = pattern.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return isStars(pattern) }
        return globMatches(parts[0].lowercased(), "iam")
    }

    /// `*`, or an ARN pattern whose every field after the partition is a wildcard (`arn:aws:*:*:*:*`).
    static func coversAllResources(_ pattern: String) -> Bool {
        if isStars(pattern) { return true }
        let parts = pattern.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "arn", let last = parts.last, isStars(last) else { return false }
        for (k, part) in parts.enumerated().dropFirst() where !isStars(part) {
            guard k == 1, ["aws", "aws-cn", "aws-us-gov"].contains(part) else { return false }
        }
        return true
    }

    /// IAM-style glob: `*` any run, `?` one character.
    static func globMatches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
