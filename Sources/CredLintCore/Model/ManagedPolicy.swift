/// A managed policy from the `Policies` list, with its default version's document.
public struct ManagedPolicy: Sendable, Equatable {
    public var name: String
    public var arn: String
    public var path: String
    public var defaultVersionID: String?
    public var attachmentCount: Int?
    /// The document of the version with `IsDefaultVersion=true`.
    public var defaultDocument: PolicyDocument?
    public var location: SourceLocation?
    public init(name: String, arn: String, path: String = "/", defaultVersionID: String? = nil,
                attachmentCount: Int? = nil, defaultDocument: PolicyDocument? = nil, location: SourceLocation? = nil) {
        self.name = name; self.arn = arn; self.path = path; self.defaultVersionID = defaultVersionID
        self.attachmentCount = attachmentCount; self.defaultDocument = defaultDocument; self.location = location
    }
    public var isAWSManaged: Bool { arn.contains(":iam::aws:policy/") }
}
