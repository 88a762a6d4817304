// Temporary stand-in for the admin analysis on another branch; deleted at merge.
public struct AdminStatus: Sendable, Equatable {
    public var isFullAdmin = false, isIAMAdmin = false
    public var paths: [String] = []
    public var isAdmin: Bool { isFullAdmin || isIAMAdmin }
}
public struct AdminAnalyzer: Sendable {
    public init(users: [IAMUser], groups: [IAMGroup], roles: [IAMRole], policies: [ManagedPolicy], extraAdminPolicyARNs: Set<String>) {}
    public func status(ofUserARN: String) -> AdminStatus { AdminStatus() }
    public func status(ofRoleARN: String) -> AdminStatus { AdminStatus() }
    public func isHumanAssumable(_ role: IAMRole) -> Bool { false }
    public static func allowsFullAdmin(_ doc: PolicyDocument) -> Bool { false }
}
