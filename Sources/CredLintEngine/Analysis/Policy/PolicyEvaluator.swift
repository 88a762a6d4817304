/// Evaluates identity-based policies for one request the way AWS does: an
/// explicit Deny wins over any Allow, an Allow is needed (otherwise implicit
/// deny), and when a permissions boundary is set the request must be allowed by
/// it too (a Deny in the boundary also denies).
///
/// Out of scope: service control policies, resource control policies, resource
/// policies and session policies. They can only take rights away from an
/// identity-policy admin (or, for resource policies, grant on one resource),
/// and they are not in the inputs credlint reads.
///
/// Conditions are judged in a `RequestWorld`: a statement whose conditions
/// certainly hold applies, one whose conditions certainly fail does not, and one
/// that depends on the request (source IP, tags, time…) is *conditional*: it
/// grants conditionally (the grant carries the condition) and a conditional Deny
/// is named but does not deny.
struct PolicyEvaluator {
    /// One policy reaching the principal: `direct: AdministratorAccess`, `group Ops: inline policy X`.
    struct Source: Sendable {
        let label: String
        let qualifiers: [String]
        let policy: CompiledPolicy
    }

    /// How one source allows a request.
    struct Grant: Sendable, Equatable {
        /// Undecided conditions of the allowing statement, empty when it certainly applies.
        var conditions: [String]
        /// The statement applies because the caller signed in with MFA.
        var withMFA: Bool
    }

    /// The evaluation of one request.
    struct Outcome: Sendable {
        /// Allowing sources by index into `sources`.
        var grants: [Int: Grant] = [:]
        /// Deny statements that certainly apply: `group Ops: inline policy guard, statement 1`.
        var denials: [String] = []
        /// Deny statements that apply only under undecided conditions, with the conditions.
        var conditionalDenials: [String] = []
        /// nil without a boundary; otherwise how the boundary allows the request (nil inside: it does not).
        var boundary: Grant?? = .none
        var boundaryDenies = false

        var boundaryAllows: Bool {
            if boundaryDenies { return false }
            switch boundary { case .none: return true; case .some(let g): return g != nil }
        }
        var allowed: Bool { denials.isEmpty && !grants.isEmpty && boundaryAllows }
    }

    let sources: [Source]
    let boundary: Source?
    let world: RequestWorld

    /// False when no source has an Allow statement whose Action/NotAction covers `actionLower`:
    /// then no request for that action is allowed, on any resource, under any condition
    /// (`Outcome.allowed` needs a grant). Answering that first is what keeps the escalation
    /// search cheap: most principals cannot call any of its actions, and `evaluate` splits
    /// the resource ARN and walks every statement of every source.
    func mayAllow(actionLower: [UInt8]) -> Bool {
        sources.contains { $0.policy.statements.contains { $0.effect == .allow && $0.covers(action: actionLower) } }
    }

    func evaluate(_ probe: AdminProbes.Probe) -> Outcome {
        var out = Outcome()
        for (i, source) in sources.enumerated() {
            if let g = grant(source, probe, denials: &out.denials, conditional: &out.conditionalDenials) {
                out.grants[i] = g
            }
        }
        if let b = boundary {
            var denials: [String] = [], conditional: [String] = []
            out.boundary = .some(grant(b, probe, denials: &denials, conditional: &conditional))
            out.boundaryDenies = !denials.isEmpty
            out.denials += denials
            out.conditionalDenials += conditional
        }
        return out
    }

    /// How `source` allows `probe` (nil: it does not); its Deny statements go to `denials`/`conditional`.
    func grant(_ source: Source, _ probe: AdminProbes.Probe, denials: inout [String],
               conditional: inout [String]) -> Grant? {
        var best: Grant? = nil
        for s in source.policy.statements where s.covers(action: probe.actionLower, resource: probe.resource) {
            let outcome = s.conditionOutcome(in: world)
            switch (s.effect, outcome) {
            case (_, .fails):
                continue
            case (.deny, .holds):
                denials.append("\(source.label), \(s.name)")
            case (.deny, .maybe):
                conditional.append("\(source.label), \(s.name) (\(s.undecidedSummary(in: world).joined(separator: ", ")))")
            case (.allow, .holds):
                // An unconditional grant beats a conditional one; among unconditional ones, one without MFA.
                let g = Grant(conditions: [], withMFA: s.usesMFAKeys)
                if best == nil || !best!.conditions.isEmpty || (best!.withMFA && !g.withMFA) { best = g }
            case (.allow, .maybe):
                if best == nil { best = Grant(conditions: s.undecidedSummary(in: world), withMFA: s.usesMFAKeys && world.mfa) }
            }
        }
        return best
    }
}
