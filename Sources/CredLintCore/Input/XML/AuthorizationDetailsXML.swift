import CredLintXML

/// `GetAccountAuthorizationDetailsResponse`, streamed: each `member` of the four
/// lists is built as a small tree, converted, and dropped, so a 100 MB page
/// never sits in memory as a tree.
enum AuthorizationDetailsXML {
    static func read(_ reader: SafeXMLReader, rootLine: Int, _ cx: IAMXMLContext) throws -> AuthorizationDetailsPage {
        var page = AuthorizationDetailsPage(location: cx.at(rootLine), hasUserList: false)
        var sawResult = false
        try reader.forEachChild(ofDepth: 1) { name, _, depth in
            guard name == "GetAccountAuthorizationDetailsResult" else { return try reader.skipElement(depth: depth) }
            sawResult = true
            try reader.forEachChild(ofDepth: depth) { name, line, depth in
                switch name {
                case "UserDetailList":
                    page.hasUserList = true
                    try eachMember(reader, depth) { page.users.append(try user($0, cx)) }
                case "GroupDetailList":
                    try eachMember(reader, depth) { page.groups.append(try group($0, cx)) }
                case "RoleDetailList":
                    try eachMember(reader, depth) { page.roles.append(try role($0, cx)) }
                case "Policies":
                    try eachMember(reader, depth) { page.policies.append(try policy($0, cx)) }
                case "IsTruncated":
                    let leaf = try XMLNode.build(from: reader, name: name, line: line, depth: depth)
                    page.isTruncated = try cx.boolValue(leaf) ?? false
                case "Marker":
                    let leaf = try XMLNode.build(from: reader, name: name, line: line, depth: depth)
                    page.marker = leaf.text.isEmpty ? nil : leaf.text
                default:
                    try reader.skipElement(depth: depth)
                }
            }
        }
        while try reader.next() != nil {}
        guard sawResult else {
            throw CredLintError("<GetAccountAuthorizationDetailsResponse> has no <GetAccountAuthorizationDetailsResult>", at: cx.at(rootLine))
        }
        return page
    }

    private static func eachMember(_ reader: SafeXMLReader, _ listDepth: Int, _ body: (XMLNode) throws -> Void) throws {
        try reader.forEachChild(ofDepth: listDepth) { name, line, depth in
            guard name == "member" else { return try reader.skipElement(depth: depth) }
            try body(try XMLNode.build(from: reader, name: name, line: line, depth: depth))
        }
    }

    static func user(_ m: XMLNode, _ cx: IAMXMLContext) throws -> IAMUser {
        IAMUser(
            name: try cx.required(m, "UserName"), arn: try cx.required(m, "Arn"), path: m.string("Path") ?? "/",
            id: m.string("UserId") ?? "", createDate: try cx.date(m, "CreateDate"),
            groups: m.members("GroupList").compactMap { let t = $0.text; return t.isEmpty ? nil : t },
            attachedPolicies: try attached(m, cx), inlinePolicies: try inline(m, "UserPolicyList", cx),
            permissionsBoundaryARN: m.child("PermissionsBoundary")?.string("PermissionsBoundaryArn"),
            tags: tags(m), location: cx.at(m.line))
    }

    static func group(_ m: XMLNode, _ cx: IAMXMLContext) throws -> IAMGroup {
        IAMGroup(
            name: try cx.required(m, "GroupName"), arn: try cx.required(m, "Arn"), path: m.string("Path") ?? "/",
            attachedPolicies: try attached(m, cx), inlinePolicies: try inline(m, "GroupPolicyList", cx),
            location: cx.at(m.line))
    }

    /// Only `RoleDetailList/member`; the copies under `InstanceProfileList/…/Roles`
    /// are never built (see `XMLNode.unreadElements`).
    static func role(_ m: XMLNode, _ cx: IAMXMLContext) throws -> IAMRole {
        IAMRole(
            name: try cx.required(m, "RoleName"), arn: try cx.required(m, "Arn"), path: m.string("Path") ?? "/",
            createDate: try cx.date(m, "CreateDate"), trustPolicy: try cx.policyDocument(m, "AssumeRolePolicyDocument"),
            attachedPolicies: try attached(m, cx), inlinePolicies: try inline(m, "RolePolicyList", cx),
            permissionsBoundaryARN: m.child("PermissionsBoundary")?.string("PermissionsBoundaryArn"),
            tags: tags(m), lastUsed: try m.child("RoleLastUsed").flatMap { try cx.date($0, "LastUsedDate") },
            location: cx.at(m.line))
    }

    /// moto leaves out `PolicyName`, so the name falls back to the ARN's last segment.
    static func policy(_ m: XMLNode, _ cx: IAMXMLContext) throws -> ManagedPolicy {
        let arn = try cx.required(m, "Arn")
        let defaultID = m.string("DefaultVersionId")
        let versions = m.members("PolicyVersionList")
        try cx.caps.checkVersions(versions.count, policy: arn, at: cx.at(m.line))
        var chosen: XMLNode?
        for v in versions where try cx.bool(v, "IsDefaultVersion") == true { chosen = v; break }
        if chosen == nil, let defaultID { chosen = versions.first { $0.string("VersionId") == defaultID } }
        return ManagedPolicy(
            name: m.string("PolicyName") ?? lastSegment(arn), arn: arn, path: m.string("Path") ?? "/",
            defaultVersionID: defaultID, attachmentCount: try cx.int(m, "AttachmentCount"),
            defaultDocument: try chosen.flatMap { try cx.policyDocument($0, "Document") }, location: cx.at(m.line))
    }

    private static func attached(_ m: XMLNode, _ cx: IAMXMLContext) throws -> [AttachedPolicy] {
        try m.members("AttachedManagedPolicies").map { p in
            let arn = try cx.required(p, "PolicyArn")
            return AttachedPolicy(name: p.string("PolicyName") ?? lastSegment(arn), arn: arn)
        }
    }

    private static func inline(_ m: XMLNode, _ list: String, _ cx: IAMXMLContext) throws -> [InlinePolicy] {
        try m.members(list).map { p in
            let name = try cx.required(p, "PolicyName")
            _ = try cx.required(p, "PolicyDocument")
            return InlinePolicy(name: name, document: try cx.policyDocument(p, "PolicyDocument")!, location: cx.at(p.line))
        }
    }

    private static func tags(_ m: XMLNode) -> [String: String] {
        let list = m.members("Tags")
        var out: [String: String] = [:]
        out.reserveCapacity(list.count)  // one allocation, not a resize per tag
        for t in list {
            if let k = t.string("Key") { out[k] = t.child("Value")?.text ?? "" }
        }
        return out
    }

    private static func lastSegment(_ arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }
}
