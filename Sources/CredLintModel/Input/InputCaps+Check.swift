/// The count caps checked on a document once read: one GetAccountAuthorizationDetails
/// page or MFA list. (Sizes are checked while reading, where they would cost memory.)
extension InputCaps {
    /// The document, or a located error at the first identity, policy or device past a cap.
    package func check(_ document: IAMDocument) throws {
        switch document {
        case .authorizationDetails(let page): try check(page)
        case .mfaDevices(let list): try check(list, virtual: false)
        case .virtualMFADevices(let list): try check(list, virtual: true)
        default: break
        }
    }

    func check(_ page: AuthorizationDetailsPage) throws {
        func list<T>(_ items: [T], _ cap: Int, _ noun: String, _ aws: String, _ location: (T) -> SourceLocation?) throws {
            guard items.count > cap else { return }
            throw Self.exceeded("more than \(cap) \(noun) in one GetAccountAuthorizationDetails", aws: aws, limit: cap,
                                at: location(items[cap]) ?? page.location)
        }
        try list(page.users, users, "users", "5,000 IAM users per account") { $0.location }
        try list(page.roles, roles, "roles", "5,000 roles per account at most") { $0.location }
        try list(page.groups, groups, "groups", "300 groups per account") { $0.location }
        try list(page.policies, managedPolicies, "managed policies",
                 "5,000 customer managed policies at most, plus about 1,500 AWS managed ones") { $0.location }
        for u in page.users {
            let at = u.location ?? page.location
            try identity("user", u.name, attached: u.attachedPolicies.count, inline: u.inlinePolicies.count, at: at)
            if u.groups.count > groupsPerUser {
                throw Self.exceeded("\(u.groups.count) groups for user '\(u.name)'", aws: "10 groups per user",
                                    limit: groupsPerUser, at: at)
            }
        }
        for g in page.groups {
            try identity("group", g.name, attached: g.attachedPolicies.count, inline: g.inlinePolicies.count, at: g.location ?? page.location)
        }
        for r in page.roles {
            try identity("role", r.name, attached: r.attachedPolicies.count, inline: r.inlinePolicies.count, at: r.location ?? page.location)
        }
    }

    private func identity(_ kind: String, _ name: String, attached: Int, inline: Int, at: SourceLocation) throws {
        if attached > attachedPoliciesPerIdentity {
            throw Self.exceeded("\(attached) managed policies attached to \(kind) '\(name)'",
                                aws: "20 managed policies per \(kind) at most", limit: attachedPoliciesPerIdentity, at: at)
        }
        if inline > inlinePoliciesPerIdentity {
            throw Self.exceeded("\(inline) inline policies in \(kind) '\(name)'",
                                aws: "inline policies of one \(kind) total at most \(kind == "role" ? "10,240" : kind == "group" ? "5,120" : "2,048") characters",
                                limit: inlinePoliciesPerIdentity, at: at)
        }
    }

    func check(_ list: MFADeviceList, virtual: Bool) throws {
        let cap = virtual ? virtualMFADevices : mfaDevicesPerUser
        guard list.devices.count > cap else { return }
        let what = virtual ? "devices in one ListVirtualMFADevices response" : "MFA devices in one ListMFADevices response"
        let aws = virtual ? "8 MFA devices for each of 5,000 users and root" : "8 MFA devices per user"
        throw Self.exceeded("more than \(cap) \(what)", aws: aws, limit: cap, at: list.devices[cap].location ?? list.location)
    }

    /// Versions listed for one managed policy (checked by the readers, which see the list).
    func checkVersions(_ count: Int, policy arn: String, at location: SourceLocation) throws {
        if count > policyVersions {
            throw Self.exceeded("\(count) versions of policy \(arn)", aws: "5 versions per managed policy",
                                limit: policyVersions, at: location)
        }
    }
}
