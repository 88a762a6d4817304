/// One page (XML) or the merged output (awscli JSON) of GetAccountAuthorizationDetails.
public struct AuthorizationDetailsPage: Sendable, Equatable {
    public var users: [IAMUser]
    public var groups: [IAMGroup]
    public var roles: [IAMRole]
    public var policies: [ManagedPolicy]
    package var isTruncated: Bool
    /// The `Marker` to fetch the next page with, when `isTruncated`.
    package var marker: String?
    package var location: SourceLocation
    /// The response has a `UserDetailList` (possibly empty). An export made with
    /// `--filter Role` (or `Group`, or a policy filter) has none: it says nothing about
    /// users, which is not the same as saying the account has none.
    package var hasUserList: Bool
    package init(users: [IAMUser] = [], groups: [IAMGroup] = [], roles: [IAMRole] = [], policies: [ManagedPolicy] = [],
                isTruncated: Bool = false, marker: String? = nil, location: SourceLocation, hasUserList: Bool = true) {
        self.users = users; self.groups = groups; self.roles = roles; self.policies = policies
        self.isTruncated = isTruncated; self.marker = marker; self.location = location; self.hasUserList = hasUserList
    }
}
