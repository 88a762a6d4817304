/// A user as GetAccountAuthorizationDetails describes it.
public struct IAMUser: Sendable, Equatable {
    public var name: String
    public var arn: String
    public var path: String
    public var id: String
    public var createDate: Timestamp?
    public var groups: [String]
    public var attachedPolicies: [AttachedPolicy]
    public var inlinePolicies: [InlinePolicy]
    public var permissionsBoundaryARN: String?
    public var tags: [String: String]
    /// The `<member>` element (XML) or object (JSON) the user came from.
    public var location: SourceLocation?

    public init(name: String, arn: String, path: String = "/", id: String = "", createDate: Timestamp? = nil,
                groups: [String] = [], attachedPolicies: [AttachedPolicy] = [], inlinePolicies: [InlinePolicy] = [],
                permissionsBoundaryARN: String? = nil, tags: [String: String] = [:], location: SourceLocation? = nil) {
        self.name = name; self.arn = arn; self.path = path; self.id = id; self.createDate = createDate
        self.groups = groups; self.attachedPolicies = attachedPolicies; self.inlinePolicies = inlinePolicies
        self.permissionsBoundaryARN = permissionsBoundaryARN; self.tags = tags; self.location = location
    }
}
