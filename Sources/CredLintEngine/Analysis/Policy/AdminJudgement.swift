/// Turns the evaluation of the probe set into an `AdminStatus`: full admin when
/// every probe is allowed, IAM admin when every IAM probe is, with the paths that
/// grant it and the statements that take it away.
///
/// A path is one source that grants the whole probe set on its own
/// (`direct: AdministratorAccess`); when only several together do, one path
/// names them all (`combined: direct: a + group Ops: b`). Qualifiers in
/// parentheses: `customer managed`, `with MFA`, undecided conditions
/// (`if aws:SourceIp 203.0.113.0/24`), conditional Denies that may apply
/// (`unless …`), and `IAM admin only` / `limited to IAM by …`.
struct AdminJudgement {
    let evaluator: PolicyEvaluator
    let probes: AdminProbes

    func status() -> AdminStatus {
        let outcomes = probes.full.map(evaluator.evaluate)
        let iamOutcomes = outcomes.prefix(probes.iam.count)
        let isFull = outcomes.allSatisfy(\.allowed)
        let isIAM = iamOutcomes.allSatisfy(\.allowed)
        let deniedBy = takenAway(outcomes)
        guard isIAM else { return AdminStatus(isFullAdmin: false, isIAMAdmin: false, paths: [], deniedBy: deniedBy) }

        let relevant = isFull ? outcomes[...] : iamOutcomes
        // What every path shares: conditional Denies and a conditional boundary.
        var shared = Set<String>()
        for o in relevant {
            for d in o.conditionalDenials { shared.insert("unless \(d) denies") }
            if case .some(let g?) = o.boundary {
                for c in g.conditions { shared.insert("permissions boundary \(c)") }
                if g.withMFA { shared.insert("with MFA") }
            }
        }
        func covers(_ i: Int, _ set: ArraySlice<PolicyEvaluator.Outcome>) -> Bool { set.allSatisfy { $0.grants[i] != nil } }
        func grantQualifiers(_ indices: [Int], _ set: ArraySlice<PolicyEvaluator.Outcome>) -> [String] {
            var mfa = false, conditions = Set<String>()
            for o in set {
                for i in indices { if let g = o.grants[i] { mfa = mfa || g.withMFA; conditions.formUnion(g.conditions) } }
            }
            return (mfa ? ["with MFA"] : []) + conditions.sorted()
        }
        let boundaryCutsFull = outcomes.contains { !$0.boundaryAllows && !$0.grants.isEmpty }
        var paths = Set<String>()
        // The conditions the verdict depends on: none as soon as one path needs none.
        var conditions = Set<String>(), unconditionalPath = false
        func add(_ label: String, _ q: [String], conditional c: [String]) {
            let pathConditions = c + shared.sorted()
            if pathConditions.isEmpty { unconditionalPath = true } else { conditions.formUnion(pathConditions) }
            let all = q + shared.sorted()
            paths.insert(all.isEmpty ? label : "\(label) (\(all.joined(separator: ", ")))")
        }
        var fullPathFound = false
        for (i, source) in evaluator.sources.enumerated() where covers(i, iamOutcomes) {
            let full = covers(i, outcomes[...])
            let c = grantQualifiers([i], full && isFull ? outcomes[...] : iamOutcomes)
            var q = source.qualifiers + c
            if !full { q.append("IAM admin only") }
            else if !isFull { q.append(boundaryCutsFull ? "limited to IAM by permissions boundary" : "limited to IAM by a Deny") }
            fullPathFound = fullPathFound || full
            add(source.label, q, conditional: c)
        }
        // No single policy grants the verdict: name the policies that do together.
        if paths.isEmpty || (isFull && !fullPathFound) {
            let used = Set(relevant.flatMap { $0.grants.keys }).sorted()
            let c = grantQualifiers(used, relevant)
            add("combined: " + used.map { evaluator.sources[$0].label }.joined(separator: " + "),
                c + (isFull ? [] : ["IAM admin only"]), conditional: c)
        }
        return AdminStatus(isFullAdmin: isFull, isIAMAdmin: true, paths: paths.sorted(), deniedBy: deniedBy,
                           conditions: unconditionalPath ? [] : conditions.sorted())
    }

    /// Denies and boundaries that refuse a probe some Allow grants.
    func takenAway(_ outcomes: [PolicyEvaluator.Outcome]) -> [String] {
        var out = Set<String>()
        for o in outcomes where !o.grants.isEmpty && !o.allowed {
            out.formUnion(o.denials)
            if !o.boundaryAllows, let b = evaluator.boundary, o.denials.isEmpty || !o.boundaryDenies {
                out.insert(b.label)
            }
        }
        return out.sorted()
    }
}
