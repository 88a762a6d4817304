/// An IAM policy document, reduced to what credlint reasons about.
///
/// `Statement`, `Action`, `Resource` may each be a single value or a list in
/// the JSON; here they are always lists.
public struct PolicyDocument: Sendable, Equatable, Hashable {
    package var statements: [PolicyStatement]
    package init(statements: [PolicyStatement]) { self.statements = statements }
}

package struct PolicyStatement: Sendable, Equatable, Hashable {
    package enum Effect: String, Sendable { case allow = "Allow", deny = "Deny" }
    package var sid: String?
    package var effect: Effect
    package var actions: [String]
    package var notActions: [String]
    package var resources: [String]
    package var notResources: [String]
    /// Trust policies: principals by kind (`AWS`, `Service`, `Federated`, or `*` for `"Principal": "*"`).
    package var principals: [String: [String]]
    /// The `Condition` block, one entry per operator and key, in document order.
    /// Empty when there is none or it is `{}` (which constrains nothing).
    package var conditions: [PolicyCondition]

    package init(sid: String? = nil, effect: Effect, actions: [String] = [], notActions: [String] = [],
                resources: [String] = [], notResources: [String] = [], principals: [String: [String]] = [:],
                conditions: [PolicyCondition] = []) {
        self.sid = sid; self.effect = effect; self.actions = actions; self.notActions = notActions
        self.resources = resources; self.notResources = notResources; self.principals = principals
        self.conditions = conditions
    }

    /// The statement has a non-empty `Condition` block.
    package var hasCondition: Bool { !conditions.isEmpty }
}

/// One `"Operator": {"key": values}` entry of a `Condition` block, as written
/// (`BoolIfExists`, `aws:MultiFactorAuthPresent`, `["false"]`). JSON booleans and
/// numbers are kept as their text (`true`, `3600`), which is how IAM compares them.
package struct PolicyCondition: Sendable, Equatable, Hashable {
    package var op: String
    package var key: String
    package var values: [String]
    package init(op: String, key: String, values: [String]) { self.op = op; self.key = key; self.values = values }
}
