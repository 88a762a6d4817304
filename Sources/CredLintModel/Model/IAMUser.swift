/// A user as GetAccountAuthorizationDetails describes it.
public struct IAMUser: Sendable, Equatable {
    package var name: String
    package var arn: String
    package var path: String
    package var id: String
    package var createDate: Timestamp?
    package var groups: [String]
    package var attachedPolicies: [AttachedPolicy]
    public var inlinePolicies: [InlinePolicy]
    package var permissionsBoundaryARN: String?
    package var tags: [String: String]
    /// The `<member>` element (XML) or object (JSON) the user came from.
    package var location: SourceLocation?

    package init(name: String, arn: String, path: String = "/", id: String = "", createDate: Timestamp? = nil,
                groups: [String] = [], attachedPolicies: [AttachedPolicy] = [], inlinePolicies: [InlinePolicy] = [],
                permissionsBoundaryARN: String? = nil, tags: [String: String] = [:], location: SourceLocation? = nil) {
        self.name = name; self.arn = arn; self.path = path; self.id = id; self.createDate = createDate
        self.groups = groups; self.attachedPolicies = attachedPolicies; self.inlinePolicies = inlinePolicies
        self.permissionsBoundaryARN = permissionsBoundaryARN; self.tags = tags; self.location = location
    }
}
