import CredLintModel

/// A policy statement parsed once into the form evaluation needs: lower-cased
/// action patterns, split resource patterns, compiled conditions.
struct CompiledStatement: Sendable {
    let effect: PolicyStatement.Effect
    /// `Action` patterns, or `NotAction` patterns when `notAction`.
    let actions: [[UInt8]]
    let notAction: Bool
    /// `Resource` patterns, or `NotResource` patterns when `notResource`.
    let resources: [ResourcePattern]
    let notResource: Bool
    let conditions: [ConditionClause]
    /// `statement Sid` or `statement 2` (1-based), for paths and denials.
    let name: String

    init(_ s: PolicyStatement, index: Int) {
        effect = s.effect
        notAction = s.actions.isEmpty && !s.notActions.isEmpty
        actions = (notAction ? s.notActions : s.actions).map(Wildcard.lowercased)
        notResource = s.resources.isEmpty && !s.notResources.isEmpty
        resources = (notResource ? s.notResources : s.resources).map(ResourcePattern.init)
        conditions = s.conditions.map(ConditionClause.init)
        name = s.sid.map { $0.isEmpty ? "statement \(index + 1)" : "statement \($0)" } ?? "statement \(index + 1)"
    }

    /// Whether the statement's Action/NotAction and Resource/NotResource cover the request.
    /// A statement with neither Action nor NotAction (or no resource element) is invalid and matches nothing.
    func covers(action: [UInt8], resource: ProbeARN) -> Bool {
        guard covers(action: action) else { return false }
        let resourceHit = resources.contains { $0.matches(resource) }
        return resourceHit != notResource
    }

    /// Whether the statement's Action/NotAction covers `action` on some resource.
    func covers(action: [UInt8]) -> Bool {
        guard !actions.isEmpty, !resources.isEmpty else { return false }
        let actionHit = actions.contains { Wildcard.matches($0, action) }
        return actionHit != notAction
    }

    /// The conditions together (AND): fails if one fails, holds if all hold (or there are none).
    func conditionOutcome(in world: RequestWorld) -> ConditionClause.Outcome {
        var result = ConditionClause.Outcome.holds
        for c in conditions {
            switch c.outcome(in: world) {
            case .fails: return .fails
            case .maybe: result = .maybe
            case .holds: break
            }
        }
        return result
    }

    /// The clauses that were not decided in `world`, as a path names them ("if aws:SourceIp 203.0.113.0/24").
    func undecidedSummary(in world: RequestWorld) -> [String] {
        conditions.filter { $0.outcome(in: world) == .maybe }.map { "if " + $0.summary }
    }

    var usesMFAKeys: Bool { conditions.contains { $0.isMFAKey } }
}

/// A policy document compiled once; shared by every principal it reaches.
struct CompiledPolicy: Sendable {
    let statements: [CompiledStatement]
    init(_ doc: PolicyDocument) {
        statements = doc.statements.enumerated().map { CompiledStatement($0.element, index: $0.offset) }
    }
    init(statements: [CompiledStatement]) { self.statements = statements }

    var usesMFAKeys: Bool { statements.contains { $0.usesMFAKeys } }

    /// `Allow` `*` on `*`: what AWS's AdministratorAccess and configured admin policies grant.
    static let allowAll = CompiledPolicy(PolicyDocument(statements: [
        PolicyStatement(effect: .allow, actions: ["*"], resources: ["*"])]))
    /// `Allow` `iam:*` on `*`: the part of IAMFullAccess that matters here.
    static let allowIAM = CompiledPolicy(PolicyDocument(statements: [
        PolicyStatement(effect: .allow, actions: ["iam:*"], resources: ["*"])]))
}
