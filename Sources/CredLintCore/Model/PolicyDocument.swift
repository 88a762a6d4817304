/// An IAM policy document, reduced to what credlint reasons about.
///
/// `Statement`, `Action`, `Resource` may each be a single value or a list in
/// the JSON; here they are always lists.
public struct PolicyDocument: Sendable, Equatable, Hashable {
    public var statements: [PolicyStatement]
    public init(statements: [PolicyStatement]) { self.statements = statements }
}

public struct PolicyStatement: Sendable, Equatable, Hashable {
    public enum Effect: String, Sendable { case allow = "Allow", deny = "Deny" }
    public var sid: String?
    public var effect: Effect
    public var actions: [String]
    public var notActions: [String]
    public var resources: [String]
    public var notResources: [String]
    /// Trust policies: principals by kind (`AWS`, `Service`, `Federated`, or `*` for `"Principal": "*"`).
    public var principals: [String: [String]]
    /// The statement has a `Condition` block (an Allow with a condition is not unconditional admin).
    public var hasCondition: Bool

    public init(sid: String? = nil, effect: Effect, actions: [String] = [], notActions: [String] = [],
                resources: [String] = [], notResources: [String] = [], principals: [String: [String]] = [:],
                hasCondition: Bool = false) {
        self.sid = sid; self.effect = effect; self.actions = actions; self.notActions = notActions
        self.resources = resources; self.notResources = notResources; self.principals = principals
        self.hasCondition = hasCondition
    }
}
