/// A managed policy from the `Policies` list, with its default version's document.
public struct ManagedPolicy: Sendable, Equatable {
    package var name: String
    package var arn: String
    package var path: String
    package var defaultVersionID: String?
    package var attachmentCount: Int?
    /// The document of the version with `IsDefaultVersion=true`.
    public var defaultDocument: PolicyDocument?
    package var location: SourceLocation?
    package init(name: String, arn: String, path: String = "/", defaultVersionID: String? = nil,
                attachmentCount: Int? = nil, defaultDocument: PolicyDocument? = nil, location: SourceLocation? = nil) {
        self.name = name; self.arn = arn; self.path = path; self.defaultVersionID = defaultVersionID
        self.attachmentCount = attachmentCount; self.defaultDocument = defaultDocument; self.location = location
    }
    package var isAWSManaged: Bool { ARN.isAWSManagedPolicy(arn) }
}
