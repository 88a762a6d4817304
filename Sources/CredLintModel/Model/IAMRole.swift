public struct IAMRole: Sendable, Equatable {
    package var name: String
    package var arn: String
    package var path: String
    package var createDate: Timestamp?
    /// The trust policy (`AssumeRolePolicyDocument`), when it could be read.
    package var trustPolicy: PolicyDocument?
    package var attachedPolicies: [AttachedPolicy]
    package var inlinePolicies: [InlinePolicy]
    package var permissionsBoundaryARN: String?
    package var tags: [String: String]
    package var lastUsed: Timestamp?
    package var location: SourceLocation?
    package init(name: String, arn: String, path: String = "/", createDate: Timestamp? = nil,
                trustPolicy: PolicyDocument? = nil, attachedPolicies: [AttachedPolicy] = [],
                inlinePolicies: [InlinePolicy] = [], permissionsBoundaryARN: String? = nil,
                tags: [String: String] = [:], lastUsed: Timestamp? = nil, location: SourceLocation? = nil) {
        self.name = name; self.arn = arn; self.path = path; self.createDate = createDate
        self.trustPolicy = trustPolicy; self.attachedPolicies = attachedPolicies
        self.inlinePolicies = inlinePolicies; self.permissionsBoundaryARN = permissionsBoundaryARN
        self.tags = tags; self.lastUsed = lastUsed; self.location = location
    }
}
