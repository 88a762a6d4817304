public struct IAMGroup: Sendable, Equatable {
    package var name: String
    package var arn: String
    package var path: String
    package var attachedPolicies: [AttachedPolicy]
    package var inlinePolicies: [InlinePolicy]
    package var location: SourceLocation?
    package init(name: String, arn: String, path: String = "/", attachedPolicies: [AttachedPolicy] = [],
                inlinePolicies: [InlinePolicy] = [], location: SourceLocation? = nil) {
        self.name = name; self.arn = arn; self.path = path; self.attachedPolicies = attachedPolicies
        self.inlinePolicies = inlinePolicies; self.location = location
    }
}
