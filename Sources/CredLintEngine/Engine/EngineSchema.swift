import CredLintExpr

/// The object types rules can read, and which variables each scope binds.
public enum EngineSchema {
    static let objectTypes: [ObjectTypeDefinition] = [
        UserView.type, AccessKeyView.type, CertificateView.type, CredentialView.type, MFADeviceView.type,
        TagView.type, RoleView.type, IdentityView.type, PolicyView.type, AdminView.type,
        AccountView.contextType, AccountView.type, PasswordPolicyView.type, SummaryView.type, ReportFactsView.type,
    ]

    public static let schema = ExprSchema(objectTypes)

    /// Variables in scope, in slot order (the engine fills `EvalContext.variables` in this order).
    public static func variables(for scope: RuleDescriptor.Scope) -> [(name: String, type: ExprType)] {
        switch scope {
        case .user: [("user", .object("User")), ("account", .object("AccountContext"))]
        case .accessKey: [("user", .object("User")), ("key", .object("AccessKey")), ("account", .object("AccountContext"))]
        case .credential: [("user", .object("User")), ("cred", .object("Credential")), ("account", .object("AccountContext"))]
        case .role: [("role", .object("Role")), ("account", .object("Account"))]
        case .identity: [("identity", .object("Identity")), ("account", .object("Account"))]
        case .policy: [("policy", .object("Policy")), ("account", .object("Account"))]
        case .account: [("account", .object("Account"))]
        }
    }
}
