public struct IAMRole: Sendable, Equatable {
    public var name: String
    public var arn: String
    public var path: String
    public var createDate: Timestamp?
    /// The trust policy (`AssumeRolePolicyDocument`), when it could be read.
    public var trustPolicy: PolicyDocument?
    public var attachedPolicies: [AttachedPolicy]
    public var inlinePolicies: [InlinePolicy]
    public var permissionsBoundaryARN: String?
    public var tags: [String: String]
    public var lastUsed: Timestamp?
    public var location: SourceLocation?
    public init(name: String, arn: String, path: String = "/", createDate: Timestamp? = nil,
                trustPolicy: PolicyDocument? = nil, attachedPolicies: [AttachedPolicy] = [],
                inlinePolicies: [InlinePolicy] = [], permissionsBoundaryARN: String? = nil,
                tags: [String: String] = [:], lastUsed: Timestamp? = nil, location: SourceLocation? = nil) {
        self.name = name; self.arn = arn; self.path = path; self.createDate = createDate
        self.trustPolicy = trustPolicy; self.attachedPolicies = attachedPolicies
        self.inlinePolicies = inlinePolicies; self.permissionsBoundaryARN = permissionsBoundaryARN
        self.tags = tags; self.lastUsed = lastUsed; self.location = location
    }
}
