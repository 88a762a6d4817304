/// A managed policy attached to a user, group or role.
public struct AttachedPolicy: Sendable, Equatable, Hashable {
    public var name: String
    public var arn: String
    public init(name: String, arn: String) { self.name = name; self.arn = arn }
    /// AWS-managed policies live under `arn:PARTITION:iam::aws:policy/`.
    public var isAWSManaged: Bool { arn.contains(":iam::aws:policy/") }
}

/// An inline policy embedded in a user, group or role.
public struct InlinePolicy: Sendable, Equatable, Hashable {
    public var name: String
    public var document: PolicyDocument
    public var location: SourceLocation?
    public init(name: String, document: PolicyDocument, location: SourceLocation? = nil) {
        self.name = name; self.document = document; self.location = location
    }
}
