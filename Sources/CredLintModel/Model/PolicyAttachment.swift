/// A managed policy attached to a user, group or role.
package struct AttachedPolicy: Sendable, Equatable, Hashable {
    package var name: String
    package var arn: String
    package init(name: String, arn: String) { self.name = name; self.arn = arn }
    /// AWS-managed policies live under `arn:PARTITION:iam::aws:policy/`.
    package var isAWSManaged: Bool { ARN.isAWSManagedPolicy(arn) }
}

/// An inline policy embedded in a user, group or role.
public struct InlinePolicy: Sendable, Equatable, Hashable {
    package var name: String
    public var document: PolicyDocument
    package var location: SourceLocation?
    package init(name: String, document: PolicyDocument, location: SourceLocation? = nil) {
        self.name = name; self.document = document; self.location = location
    }
}
