/// Maps `aws iam get-account-authorization-details` JSON to an `AuthorizationDetailsPage`.
///
/// awscli merges the API pages itself, so one file is normally the whole
/// account. Policy documents are JSON objects in awscli output, but botocore
/// leaves the original string in place when it cannot decode one, so strings
/// (URL-encoded or raw JSON) are accepted too.
struct AuthorizationDetailsJSONReader {
    /// Policy document size and versions per policy are capped (`InputCaps`).
    var caps: InputCaps = .standard

    func read(_ root: JSONObjectReader) throws -> AuthorizationDetailsPage {
        let (truncated, marker) = try IAMJSONReader.pagination(root)
        return AuthorizationDetailsPage(
            users: try root.objects("UserDetailList", what: "user").map(user),
            groups: try root.objects("GroupDetailList", what: "group").map(group),
            roles: try root.objects("RoleDetailList", what: "role").map(role),
            policies: try root.objects("Policies", what: "managed policy").map(managedPolicy),
            isTruncated: truncated, marker: marker, location: root.location,
            hasUserList: root["UserDetailList"] != nil)
    }

    func user(_ o: JSONObjectReader) throws -> IAMUser {
        IAMUser(name: try o.requiredString("UserName"), arn: try o.requiredString("Arn"),
                path: try o.string("Path") ?? "/", id: try o.string("UserId") ?? "",
                createDate: try o.timestamp("CreateDate"), groups: try o.strings("GroupList"),
                attachedPolicies: try attachedPolicies(o), inlinePolicies: try inlinePolicies(o, key: "UserPolicyList"),
                permissionsBoundaryARN: try permissionsBoundary(o), tags: try tags(o), location: o.location)
    }

    func group(_ o: JSONObjectReader) throws -> IAMGroup {
        IAMGroup(name: try o.requiredString("GroupName"), arn: try o.requiredString("Arn"),
                 path: try o.string("Path") ?? "/", attachedPolicies: try attachedPolicies(o),
                 inlinePolicies: try inlinePolicies(o, key: "GroupPolicyList"), location: o.location)
    }

    func role(_ o: JSONObjectReader) throws -> IAMRole {
        IAMRole(name: try o.requiredString("RoleName"), arn: try o.requiredString("Arn"),
                path: try o.string("Path") ?? "/", createDate: try o.timestamp("CreateDate"),
                trustPolicy: try policyDocument(o, key: "AssumeRolePolicyDocument"),
                attachedPolicies: try attachedPolicies(o), inlinePolicies: try inlinePolicies(o, key: "RolePolicyList"),
                permissionsBoundaryARN: try permissionsBoundary(o), tags: try tags(o),
                lastUsed: try o.object("RoleLastUsed", what: "role last used")?.timestamp("LastUsedDate"),
                location: o.location)
    }

    func managedPolicy(_ o: JSONObjectReader) throws -> ManagedPolicy {
        let arn = try o.requiredString("Arn")
        let defaultVersionID = try o.string("DefaultVersionId")
        let versions = try o.objects("PolicyVersionList", what: "policy version")
        try caps.checkVersions(versions.count, policy: arn, at: o.location)
        var defaultVersion: JSONObjectReader? = nil
        for v in versions where try v.bool("IsDefaultVersion") == true {
            defaultVersion = v
            break
        }
        if defaultVersion == nil, let id = defaultVersionID {
            defaultVersion = try versions.first(where: { try $0.string("VersionId") == id })
        }
        return ManagedPolicy(
            // moto leaves out PolicyName; the ARN's last segment is the name.
            name: try o.string("PolicyName") ?? Self.policyName(fromARN: arn), arn: arn, path: try o.string("Path") ?? "/",
            defaultVersionID: defaultVersionID, attachmentCount: try o.int("AttachmentCount"),
            defaultDocument: try defaultVersion.flatMap { try policyDocument($0, key: "Document") },
            location: o.location)
    }

    static func policyName(fromARN arn: String) -> String {
        String(arn.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(arn))
    }

    func attachedPolicies(_ o: JSONObjectReader) throws -> [AttachedPolicy] {
        try o.objects("AttachedManagedPolicies", what: "attached policy").map { a in
            let arn = try a.requiredString("PolicyArn")
            return AttachedPolicy(name: try a.string("PolicyName") ?? Self.policyName(fromARN: arn), arn: arn)
        }
    }

    func inlinePolicies(_ o: JSONObjectReader, key: String) throws -> [InlinePolicy] {
        try o.objects(key, what: "inline policy").map { p in
            guard let document = try policyDocument(p, key: "PolicyDocument") else {
                throw p.missing("PolicyDocument", expected: "a \"PolicyDocument\" object or string")
            }
            return InlinePolicy(name: try p.requiredString("PolicyName"), document: document, location: p.location)
        }
    }

    func policyDocument(_ o: JSONObjectReader, key: String) throws -> PolicyDocument? {
        guard let v = o[key] else { return nil }
        let location = v.location(path: o.path)
        if let text = v.string {
            return try PolicyDocumentDecoder.decode(text: text, location: location, maxBytes: caps.policyDocumentBytes)
        }
        guard v.members != nil else { throw o.mismatch(key, v, expected: "a policy document object or string") }
        return try PolicyDocumentDecoder.decode(json: v, location: location)
    }

    func permissionsBoundary(_ o: JSONObjectReader) throws -> String? {
        try o.object("PermissionsBoundary", what: "permissions boundary")?.string("PermissionsBoundaryArn")
    }

    func tags(_ o: JSONObjectReader) throws -> [String: String] {
        var tags: [String: String] = [:]
        for t in try o.objects("Tags", what: "tag") {
            tags[try t.requiredString("Key")] = try t.string("Value") ?? ""
        }
        return tags
    }
}
