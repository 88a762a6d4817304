import CredLintXML

/// `GetAccountAuthorizationDetailsResponse`, streamed straight into the model: each
/// `member` of the four lists is read event by event into the few values its entity
/// needs (`XMLNode` leaves), converted at its end tag, and dropped. Nothing else of a
/// member is kept: elements nobody reads are skipped without making a string of them.
///
/// The rules are those of the small responses' trees (`XMLNode.child`, `members`):
/// of two elements with one name the first counts, element names match exactly, a value is
/// the trimmed text of a leaf (`SafeXMLReader.leaf`). Values are converted only once the
/// member has ended, in a fixed order, so a member that is both malformed and wrong reports
/// the XML error, and the first conversion error is always the same one.
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
                    try eachMember(reader, depth) { page.users.append(try user(reader, $0, $1, cx)) }
                case "GroupDetailList":
                    try eachMember(reader, depth) { page.groups.append(try group(reader, $0, $1, cx)) }
                case "RoleDetailList":
                    try eachMember(reader, depth) { page.roles.append(try role(reader, $0, $1, cx)) }
                case "Policies":
                    try eachMember(reader, depth) { page.policies.append(try policy(reader, $0, $1, cx)) }
                case "IsTruncated":
                    page.isTruncated = try cx.boolValue(try reader.leaf(name: name, line: line, depth: depth)) ?? false
                case "Marker":
                    let leaf = try reader.leaf(name: name, line: line, depth: depth)
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

    /// `body(line, depth)` for each `member` child of the open list at `listDepth`; other children are skipped.
    private static func eachMember(_ reader: SafeXMLReader, _ listDepth: Int, _ body: (Int, Int) throws -> Void) throws {
        try reader.forEachChild(ofDepth: listDepth) { name, line, depth in
            guard name == "member" else { return try reader.skipElement(depth: depth) }
            try body(line, depth)
        }
    }

    // MARK: - Entities

    static func user(_ r: SafeXMLReader, _ line: Int, _ depth: Int, _ cx: IAMXMLContext) throws -> IAMUser {
        var name, arn, path, id, created: XMLNode?
        var groups: [XMLNode]?
        var attached: [Attached]?
        var inline: [Inline]?
        var boundary = Boundary()
        var tags: [Tag]?
        try r.forEachChild(ofDepth: depth) { n, l, d in
            switch n {
            case "UserName": try r.first(&name, n, l, d)
            case "Arn": try r.first(&arn, n, l, d)
            case "Path": try r.first(&path, n, l, d)
            case "UserId": try r.first(&id, n, l, d)
            case "CreateDate": try r.first(&created, n, l, d)
            case "GroupList": try r.firstList(&groups, d) { l, d in try r.leaf(name: "member", line: l, depth: d) }
            case "AttachedManagedPolicies": try r.firstList(&attached, d) { try Attached(r, $0, $1) }
            case "UserPolicyList": try r.firstList(&inline, d) { try Inline(r, $0, $1) }
            case "PermissionsBoundary": try boundary.read(r, d)
            case "Tags": try r.firstList(&tags, d) { try Tag(r, $0, $1) }
            default: try r.skipElement(depth: d)
            }
        }
        return IAMUser(
            name: try cx.required(name, "UserName", in: "member", line: line), arn: try cx.required(arn, "Arn", in: "member", line: line),
            path: path?.value ?? "/", id: id?.value ?? "", createDate: try cx.date(created),
            groups: groups?.compactMap(\.value) ?? [],
            attachedPolicies: try Attached.convert(attached, cx), inlinePolicies: try Inline.convert(inline, cx),
            permissionsBoundaryARN: boundary.arn?.value, tags: Tag.convert(tags), location: cx.at(line))
    }

    static func group(_ r: SafeXMLReader, _ line: Int, _ depth: Int, _ cx: IAMXMLContext) throws -> IAMGroup {
        var name, arn, path: XMLNode?
        var attached: [Attached]?
        var inline: [Inline]?
        try r.forEachChild(ofDepth: depth) { n, l, d in
            switch n {
            case "GroupName": try r.first(&name, n, l, d)
            case "Arn": try r.first(&arn, n, l, d)
            case "Path": try r.first(&path, n, l, d)
            case "AttachedManagedPolicies": try r.firstList(&attached, d) { try Attached(r, $0, $1) }
            case "GroupPolicyList": try r.firstList(&inline, d) { try Inline(r, $0, $1) }
            default: try r.skipElement(depth: d)
            }
        }
        return IAMGroup(
            name: try cx.required(name, "GroupName", in: "member", line: line), arn: try cx.required(arn, "Arn", in: "member", line: line),
            path: path?.value ?? "/", attachedPolicies: try Attached.convert(attached, cx),
            inlinePolicies: try Inline.convert(inline, cx), location: cx.at(line))
    }

    /// Only `RoleDetailList/member`: the copies of roles under `InstanceProfileList/…/Roles`
    /// are skipped unread, like every element not named here.
    static func role(_ r: SafeXMLReader, _ line: Int, _ depth: Int, _ cx: IAMXMLContext) throws -> IAMRole {
        var name, arn, path, created, trust: XMLNode?
        var attached: [Attached]?
        var inline: [Inline]?
        var boundary = Boundary()
        var tags: [Tag]?
        var sawLastUsed = false
        var lastUsed: XMLNode?
        try r.forEachChild(ofDepth: depth) { n, l, d in
            switch n {
            case "RoleName": try r.first(&name, n, l, d)
            case "Arn": try r.first(&arn, n, l, d)
            case "Path": try r.first(&path, n, l, d)
            case "CreateDate": try r.first(&created, n, l, d)
            case "AssumeRolePolicyDocument": try r.first(&trust, n, l, d)
            case "AttachedManagedPolicies": try r.firstList(&attached, d) { try Attached(r, $0, $1) }
            case "RolePolicyList": try r.firstList(&inline, d) { try Inline(r, $0, $1) }
            case "PermissionsBoundary": try boundary.read(r, d)
            case "Tags": try r.firstList(&tags, d) { try Tag(r, $0, $1) }
            case "RoleLastUsed" where !sawLastUsed:
                sawLastUsed = true
                try r.forEachChild(ofDepth: d) { n, l, d in
                    if n == "LastUsedDate" { try r.first(&lastUsed, n, l, d) } else { try r.skipElement(depth: d) }
                }
            default: try r.skipElement(depth: d)
            }
        }
        return IAMRole(
            name: try cx.required(name, "RoleName", in: "member", line: line), arn: try cx.required(arn, "Arn", in: "member", line: line),
            path: path?.value ?? "/", createDate: try cx.date(created), trustPolicy: try cx.policyDocument(trust),
            attachedPolicies: try Attached.convert(attached, cx), inlinePolicies: try Inline.convert(inline, cx),
            permissionsBoundaryARN: boundary.arn?.value, tags: Tag.convert(tags), lastUsed: try cx.date(lastUsed),
            location: cx.at(line))
    }

    /// moto leaves out `PolicyName`, so the name falls back to the ARN's last segment.
    static func policy(_ r: SafeXMLReader, _ line: Int, _ depth: Int, _ cx: IAMXMLContext) throws -> ManagedPolicy {
        var name, arn, path, defaultID, attachments: XMLNode?
        var versions: [Version]?
        try r.forEachChild(ofDepth: depth) { n, l, d in
            switch n {
            case "PolicyName": try r.first(&name, n, l, d)
            case "Arn": try r.first(&arn, n, l, d)
            case "Path": try r.first(&path, n, l, d)
            case "DefaultVersionId": try r.first(&defaultID, n, l, d)
            case "AttachmentCount": try r.first(&attachments, n, l, d)
            case "PolicyVersionList": try r.firstList(&versions, d) { try Version(r, $0, $1) }
            default: try r.skipElement(depth: d)
            }
        }
        let arnValue = try cx.required(arn, "Arn", in: "member", line: line)
        let defaultVersion = defaultID?.value
        let listed = versions ?? []
        try cx.caps.checkVersions(listed.count, policy: arnValue, at: cx.at(line))
        // The flagged version wins; flags are read in order only until one is true.
        var chosen: Version?
        for v in listed where try cx.bool(v.isDefault) == true { chosen = v; break }
        if chosen == nil, let defaultVersion { chosen = listed.first { $0.id?.value == defaultVersion } }
        return ManagedPolicy(
            name: name?.value ?? lastSegment(arnValue), arn: arnValue, path: path?.value ?? "/",
            defaultVersionID: defaultVersion, attachmentCount: try cx.int(attachments),
            defaultDocument: try cx.policyDocument(chosen?.document), location: cx.at(line))
    }

    // MARK: - The lists inside an entity

    /// An `AttachedManagedPolicies` member.
    private struct Attached {
        var line: Int
        var arn, name: XMLNode?

        init(_ r: SafeXMLReader, _ line: Int, _ depth: Int) throws {
            self.line = line
            try r.forEachChild(ofDepth: depth) { n, l, d in
                switch n {
                case "PolicyArn": try r.first(&arn, n, l, d)
                case "PolicyName": try r.first(&name, n, l, d)
                default: try r.skipElement(depth: d)
                }
            }
        }

        static func convert(_ list: [Attached]?, _ cx: IAMXMLContext) throws -> [AttachedPolicy] {
            try (list ?? []).map { p in
                let arn = try cx.required(p.arn, "PolicyArn", in: "member", line: p.line)
                return AttachedPolicy(name: p.name?.value ?? lastSegment(arn), arn: arn)
            }
        }
    }

    /// A `UserPolicyList`, `GroupPolicyList` or `RolePolicyList` member.
    private struct Inline {
        var line: Int
        var name, document: XMLNode?

        init(_ r: SafeXMLReader, _ line: Int, _ depth: Int) throws {
            self.line = line
            try r.forEachChild(ofDepth: depth) { n, l, d in
                switch n {
                case "PolicyName": try r.first(&name, n, l, d)
                case "PolicyDocument": try r.first(&document, n, l, d)
                default: try r.skipElement(depth: d)
                }
            }
        }

        static func convert(_ list: [Inline]?, _ cx: IAMXMLContext) throws -> [InlinePolicy] {
            try (list ?? []).map { p in
                let name = try cx.required(p.name, "PolicyName", in: "member", line: p.line)
                _ = try cx.required(p.document, "PolicyDocument", in: "member", line: p.line)
                return InlinePolicy(name: name, document: try cx.policyDocument(p.document)!, location: cx.at(p.line))
            }
        }
    }

    /// A `Tags` member. Of two tags with one key, the later wins.
    private struct Tag {
        var key, value: XMLNode?

        init(_ r: SafeXMLReader, _ line: Int, _ depth: Int) throws {
            try r.forEachChild(ofDepth: depth) { n, l, d in
                switch n {
                case "Key": try r.first(&key, n, l, d)
                case "Value": try r.first(&value, n, l, d)
                default: try r.skipElement(depth: d)
                }
            }
        }

        static func convert(_ list: [Tag]?) -> [String: String] {
            guard let list else { return [:] }
            var out: [String: String] = [:]
            out.reserveCapacity(list.count)  // one allocation, not a resize per tag
            for t in list {
                if let k = t.key?.value { out[k] = t.value?.text ?? "" }
            }
            return out
        }
    }

    /// A `PolicyVersionList` member; its document is decoded only if it is the default.
    private struct Version {
        var isDefault, id, document: XMLNode?

        init(_ r: SafeXMLReader, _ line: Int, _ depth: Int) throws {
            try r.forEachChild(ofDepth: depth) { n, l, d in
                switch n {
                case "IsDefaultVersion": try r.first(&isDefault, n, l, d)
                case "VersionId": try r.first(&id, n, l, d)
                case "Document": try r.first(&document, n, l, d)
                default: try r.skipElement(depth: d)
                }
            }
        }
    }

    /// The first `PermissionsBoundary`'s first `PermissionsBoundaryArn` (a later boundary is ignored).
    private struct Boundary {
        var seen = false
        var arn: XMLNode?

        mutating func read(_ r: SafeXMLReader, _ depth: Int) throws {
            guard !seen else { return try r.skipElement(depth: depth) }
            seen = true
            try r.forEachChild(ofDepth: depth) { n, l, d in
                if n == "PermissionsBoundaryArn" { try r.first(&arn, n, l, d) } else { try r.skipElement(depth: d) }
            }
        }
    }

    private static func lastSegment(_ arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }
}
