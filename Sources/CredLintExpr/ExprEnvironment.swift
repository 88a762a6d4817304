/// What an expression may refer to in one rule scope: the schema, the scope's
/// variables (`user`, `key`, `account`, ...) and the rule's parameter values.
///
/// Variable `i` is read from `EvalContext.variables[i]`. `as_of` (the
/// evaluation time) and `params.NAME` are built in; parameters are compiled
/// in as constants, so changing a parameter means compiling again.
public struct ExprEnvironment: Sendable {
    package var schema: ExprSchema
    package var variables: [(name: String, type: ExprType)]
    package var params: [String: Value]

    /// Names the language reserves for itself.
    package static let reservedNames: Set<String> = ["as_of", "params", "true", "false", "null", "in"]

    public init(schema: ExprSchema, variables: [(name: String, type: ExprType)] = [], params: [String: Value] = [:]) {
        for v in variables {
            precondition(!Self.reservedNames.contains(v.name), "variable name '\(v.name)' is reserved")
        }
        self.schema = schema
        self.variables = variables
        self.params = params
    }

    package func variableSlot(_ name: String) -> Int? { variables.firstIndex { $0.name == name } }
}
