import CredLintModel
import CredLintExpr

/// `policy` in policy rules: a customer-managed policy or an inline policy.
final class PolicyView: Sendable {
    let kind: String
    let name: String
    let arn: String?
    let owner: String?
    let isAWSManaged: Bool
    let attachedTo: [String]
    let allowsFullAdmin: Bool
    let location: SourceLocation?
    init(kind: String, name: String, arn: String?, owner: String?, isAWSManaged: Bool, attachedTo: [String],
         allowsFullAdmin: Bool, location: SourceLocation?) {
        self.kind = kind; self.name = name; self.arn = arn; self.owner = owner; self.isAWSManaged = isAWSManaged
        self.attachedTo = attachedTo; self.allowsFullAdmin = allowsFullAdmin; self.location = location
    }
    /// Finding principal: the managed policy's ARN, or `OWNER-ARN/inline/NAME`.
    var principal: String { arn ?? "\(owner ?? "")#inline-policy/\(name)" }

    static let type = ObjectTypeDefinition(name: "Policy", doc: "A customer-managed policy, or an inline policy of a user, group or role.", fields: [
        .init("kind", .string, doc: "`managed` or `inline`", of: PolicyView.self) { .string($0.kind) },
        .init("name", .string, doc: "policy name", of: PolicyView.self) { .string($0.name) },
        .init("arn", .string, doc: "ARN (managed policies); null for inline ones", of: PolicyView.self) { $0.arn.exprValue },
        .init("owner", .string, doc: "ARN of the user, group or role that holds an inline policy", of: PolicyView.self) { $0.owner.exprValue },
        .init("is_aws_managed", .bool, doc: "ARN under `arn:aws:iam::aws:policy/`", of: PolicyView.self) { .bool($0.isAWSManaged) },
        .init("attached", .bool, doc: "attached to at least one user, group or role (inline policies always are)", of: PolicyView.self) { .bool(!$0.attachedTo.isEmpty) },
        .init("attached_to", .list(.string), doc: "ARNs it is attached to", of: PolicyView.self) { $0.attachedTo.exprValue },
        .init("allows_full_admin", .bool, doc: "an unconditional Allow of `*` on `*`", of: PolicyView.self) { .bool($0.allowsFullAdmin) },
    ])
}
