import CredLintModel
import CredLintExpr

/// `identity` in identity rules: a user, group or role that policies attach to.
final class IdentityView: Sendable {
    let kind: String
    let name: String
    let arn: String
    let attached: [AttachedPolicy]
    let inline: [InlinePolicy]
    let location: SourceLocation?
    /// Escalation paths to admin (users and roles); nil for groups and when admin status is unknown.
    let escalation: [String]?
    init(kind: String, name: String, arn: String, attached: [AttachedPolicy], inline: [InlinePolicy], location: SourceLocation?,
         escalation: [String]? = nil) {
        self.kind = kind; self.name = name; self.arn = arn; self.attached = attached; self.inline = inline; self.location = location
        self.escalation = escalation
    }

    static let type = ObjectTypeDefinition(name: "Identity", doc: "A user, group or role from GetAccountAuthorizationDetails.", fields: [
        .init("kind", .string, doc: "`user`, `group` or `role`", of: IdentityView.self) { .string($0.kind) },
        .init("name", .string, doc: "name", of: IdentityView.self) { .string($0.name) },
        .init("arn", .string, doc: "ARN", of: IdentityView.self) { .string($0.arn) },
        .init("attached_policies", .list(.string), doc: "names of attached managed policies", of: IdentityView.self) { $0.attached.map(\.name).exprValue },
        .init("attached_policy_arns", .list(.string), doc: "their ARNs", of: IdentityView.self) { $0.attached.map(\.arn).exprValue },
        .init("inline_policies", .list(.string), doc: "names of inline policies", of: IdentityView.self) { $0.inline.map(\.name).exprValue },
        .init("escalation", .list(.string), doc: "how a user or role that is not an admin can make itself one, e.g. `iam:AttachUserPolicy on itself` (docs/admin-analysis.md); empty for admins; null for groups and when admin status is unknown", of: IdentityView.self) {
            $0.escalation.map { $0.exprValue } ?? .null
        },
    ])
}
