public struct IAMGroup: Sendable, Equatable {
    public var name: String
    public var arn: String
    public var path: String
    public var attachedPolicies: [AttachedPolicy]
    public var inlinePolicies: [InlinePolicy]
    public var location: SourceLocation?
    public init(name: String, arn: String, path: String = "/", attachedPolicies: [AttachedPolicy] = [],
                inlinePolicies: [InlinePolicy] = [], location: SourceLocation? = nil) {
        self.name = name; self.arn = arn; self.path = path; self.attachedPolicies = attachedPolicies
        self.inlinePolicies = inlinePolicies; self.location = location
    }
}
