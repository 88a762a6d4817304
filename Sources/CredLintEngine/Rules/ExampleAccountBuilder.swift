import CredLintModel

/// Builds the small account a rule example describes (see docs/rule-format.md).
struct ExampleAccountBuilder {
    let fields: [String: YAMLValue]
    let node: YAMLValue
    let rule: RuleDescriptor

    static let columns = ["user", "arn", "user_creation_time", "password_enabled", "password_last_used",
                          "password_last_changed", "password_next_rotation", "mfa_active",
                          "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
                          "access_key_1_last_used_region", "access_key_1_last_used_service",
                          "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
                          "access_key_2_last_used_region", "access_key_2_last_used_service",
                          "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated"]
    static let userDefaults: [String: String] = [
        "user_creation_time": "2024-01-01T00:00:00+00:00", "password_enabled": "false", "password_last_used": "N/A",
        "password_last_changed": "N/A", "password_next_rotation": "N/A", "mfa_active": "false",
        "access_key_1_active": "false", "access_key_1_last_rotated": "N/A", "access_key_1_last_used_date": "N/A",
        "access_key_1_last_used_region": "N/A", "access_key_1_last_used_service": "N/A",
        "access_key_2_active": "false", "access_key_2_last_rotated": "N/A", "access_key_2_last_used_date": "N/A",
        "access_key_2_last_used_region": "N/A", "access_key_2_last_used_service": "N/A",
        "cert_1_active": "false", "cert_1_last_rotated": "N/A", "cert_2_active": "false", "cert_2_last_rotated": "N/A",
    ]
    static let rootDefaults: [String: String] = userDefaults.merging([
        "user": "<root_account>", "arn": "arn:aws:iam::123456789012:root", "user_creation_time": "2020-01-01T00:00:00+00:00",
        "password_enabled": "not_supported", "password_last_used": "2024-06-01T00:00:00+00:00",
        "password_last_changed": "not_supported", "password_next_rotation": "not_supported", "mfa_active": "true",
    ]) { $1 }

    var path: String { rule.file.isEmpty ? "example" : rule.file }

    func build() throws -> AccountInputs {
        let acct = RuleExample.accountID
        var a = AccountInputs(accountID: acct)
        let mentioned = Set(fields.keys)

        // Credential report, rendered as CSV so the real parser reads it.
        var rows: [[String: String]] = []
        if let r = fields["root"], !(r.scalar == "none") {
            rows.append(Self.rootDefaults.merging(try cells(r, what: "root")) { $1 })
        } else if fields["root"] == nil {
            rows.append(Self.rootDefaults)
        }
        for item in try fields["rows"].map({ try $0.sequence("rows") }) ?? [] {
            var c = try cells(item, what: "a row")
            guard let user = c["user"] else { throw CredLintError("a row needs 'user'", at: item.location) }
            if c["arn"] == nil { c["arn"] = "arn:aws:iam::\(acct):user/\(user)" }
            rows.append(Self.userDefaults.merging(c) { $1 })
        }
        var csv = Self.columns.joined(separator: ",")
        for r in rows { csv += "\n" + Self.columns.map { Self.quote(r[$0] ?? "") }.joined(separator: ",") }
        let generated = try fields["report_generated"].map { try Configuration.date($0, what: "report_generated") }
        a.report = CredentialReportInput(path: path, container: .csv, content: .bytes(Array(csv.utf8)),
                                         generatedTime: generated, accountID: acct)
        a.reportLocationPath = path

        // Authorization details.
        let here = node.location
        for u in try fields["users"].map({ try $0.sequence("users") }) ?? [] {
            let f = try u.fields("a user", allowed: ["name", "path", "groups", "attached_policies", "inline_policies", "permissions_boundary", "tags"])
            let name = try f.require("name", in: "a user", at: u.location).string("name")
            let p = try f["path"]?.string("path") ?? "/"
            a.users.append(IAMUser(name: name, arn: "arn:aws:iam::\(acct):user\(p)\(name)", path: p,
                                   groups: try f["groups"]?.strings("groups") ?? [],
                                   attachedPolicies: try attached(f["attached_policies"]),
                                   inlinePolicies: try inline(f["inline_policies"]),
                                   permissionsBoundaryARN: try f["permissions_boundary"]?.string("permissions_boundary"),
                                   tags: try tags(f["tags"]), location: u.location))
        }
        for g in try fields["groups"].map({ try $0.sequence("groups") }) ?? [] {
            let f = try g.fields("a group", allowed: ["name", "attached_policies", "inline_policies"])
            let name = try f.require("name", in: "a group", at: g.location).string("name")
            a.groups.append(IAMGroup(name: name, arn: "arn:aws:iam::\(acct):group/\(name)",
                                     attachedPolicies: try attached(f["attached_policies"]),
                                     inlinePolicies: try inline(f["inline_policies"]), location: g.location))
        }
        for r in try fields["roles"].map({ try $0.sequence("roles") }) ?? [] {
            let f = try r.fields("a role", allowed: ["name", "path", "trust", "attached_policies", "inline_policies"])
            let name = try f.require("name", in: "a role", at: r.location).string("name")
            let p = try f["path"]?.string("path") ?? "/"
            let trust = try f["trust"].map { try PolicyDocumentDecoder.decode(text: try $0.string("trust"), location: $0.location) }
            a.roles.append(IAMRole(name: name, arn: "arn:aws:iam::\(acct):role\(p)\(name)", path: p, trustPolicy: trust,
                                   attachedPolicies: try attached(f["attached_policies"]),
                                   inlinePolicies: try inline(f["inline_policies"]), location: r.location))
        }
        for p in try fields["policies"].map({ try $0.sequence("policies") }) ?? [] {
            let f = try p.fields("a policy", allowed: ["name", "path", "document", "attached"])
            let name = try f.require("name", in: "a policy", at: p.location).string("name")
            let path = try f["path"]?.string("path") ?? "/"
            let doc = try f.require("document", in: "a policy", at: p.location)
            a.policies.append(ManagedPolicy(name: name, arn: "arn:aws:iam::\(acct):policy\(path)\(name)", path: path,
                                            defaultVersionID: "v1", attachmentCount: try f["attached"]?.bool("attached") == false ? 0 : 1,
                                            defaultDocument: try PolicyDocumentDecoder.decode(text: try doc.string("document"), location: doc.location),
                                            location: p.location))
        }
        a.hasAuthorizationDetails = ["users", "groups", "roles", "policies"].contains(where: mentioned.contains)
        a.authorizationDetailsLocation = here

        for d in try fields["mfa_devices"].map({ try $0.sequence("mfa_devices") }) ?? [] {
            let f = try d.fields("an MFA device", allowed: ["user", "serial"])
            let user = try f.require("user", in: "an MFA device", at: d.location).string("user")
            a.mfaDevices.append(MFADevice(serialNumber: try f.require("serial", in: "an MFA device", at: d.location).string("serial"),
                                          userName: user, location: d.location))
            a.mfaListedUsers.insert(user)
        }
        for d in try fields["virtual_mfa_devices"].map({ try $0.sequence("virtual_mfa_devices") }) ?? [] {
            let f = try d.fields("a virtual MFA device", allowed: ["serial", "user_arn", "secret_present"])
            let arn = try f["user_arn"]?.string("user_arn")
            let name = arn.flatMap { ARN.resource($0) }.map { $0 == "root" ? "<root_account>" : String($0.split(separator: "/").last ?? "") }
            a.virtualMFADevices.append(MFADevice(serialNumber: try f.require("serial", in: "a virtual MFA device", at: d.location).string("serial"),
                                                 kind: .virtual, userName: name, userARN: arn,
                                                 secretPresent: try f["secret_present"]?.bool("secret_present") ?? false, location: d.location))
        }
        a.hasVirtualMFAList = mentioned.contains("virtual_mfa_devices")
        if mentioned.contains("mfa_devices") || mentioned.contains("virtual_mfa_devices") { a.mfaLocation = here }

        // As if an organization.json listed the account: a member, or the management account itself (its own id).
        if let m = fields["management_account"], !m.isNull {
            let id = try m.string("management_account")
            guard OrganizationManifest.isAccountID(id) else {
                throw CredLintError("management_account takes a 12-digit account id (quoted); found '\(id)'", at: m.location)
            }
            a.managementAccountID = id
        }
        if let s = fields["summary"], !s.isNull {
            var values: [String: Int] = [:]
            for (k, _, v) in try s.mapping("summary") { values[k] = try v.int(k) }
            a.summary = AccountSummary(values: values, location: s.location)
        }
        if let p = fields["password_policy"], !p.isNull {
            if p.scalar == "none" {
                a.noPasswordPolicy = p.location
            } else {
                let f = try p.fields("password_policy", allowed: ["minimum_password_length", "password_reuse_prevention",
                                                                  "require_symbols", "require_numbers", "require_uppercase_characters",
                                                                  "require_lowercase_characters", "max_password_age", "expire_passwords"])
                a.passwordPolicy = PasswordPolicy(
                    minimumPasswordLength: try f["minimum_password_length"]?.int("minimum_password_length"),
                    requireSymbols: try f["require_symbols"]?.bool("require_symbols"),
                    requireNumbers: try f["require_numbers"]?.bool("require_numbers"),
                    requireUppercaseCharacters: try f["require_uppercase_characters"]?.bool("require_uppercase_characters"),
                    requireLowercaseCharacters: try f["require_lowercase_characters"]?.bool("require_lowercase_characters"),
                    expirePasswords: try f["expire_passwords"]?.bool("expire_passwords"),
                    maxPasswordAge: try f["max_password_age"]?.int("max_password_age"),
                    passwordReusePrevention: try f["password_reuse_prevention"]?.int("password_reuse_prevention"),
                    location: p.location)
            }
        }

        // Which inputs count as given: explicit `inputs:`, else what the rule reads plus what the example mentions.
        let given: Set<RuleDescriptor.Input>
        if let i = fields["inputs"] {
            given = Set(try RuleSource.inputs(i, what: "inputs", allowEmpty: true))
        } else {
            given = Set(rule.needs + rule.uses).union(a.present)
        }
        if !given.contains(.credentialReport) { a.report = nil }
        if given.contains(.authorizationDetails) { a.hasAuthorizationDetails = true } else {
            a.hasAuthorizationDetails = false; a.users = []; a.groups = []; a.roles = []; a.policies = []
        }
        // `inputs:` naming authorization_details without user_details is an export made with `--filter Role`.
        if a.hasAuthorizationDetails && !given.contains(.userDetails) { a.hasUserDetails = false; a.users = [] }
        if given.contains(.mfaDevices) {
            if !a.hasVirtualMFAList && a.mfaListedUsers.isEmpty { a.hasVirtualMFAList = true; a.mfaLocation = here }
        } else {
            a.hasVirtualMFAList = false; a.mfaListedUsers = []; a.mfaDevices = []; a.virtualMFADevices = []
        }
        if given.contains(.accountSummary) { if a.summary == nil { a.summary = AccountSummary(values: [:], location: here) } } else { a.summary = nil }
        if given.contains(.passwordPolicy) {
            if a.passwordPolicy == nil && a.noPasswordPolicy == nil {
                a.passwordPolicy = PasswordPolicy(minimumPasswordLength: 14, passwordReusePrevention: 24, location: here)
            }
        } else { a.passwordPolicy = nil; a.noPasswordPolicy = nil }
        a.files = [path]
        return a
    }

    private func cells(_ v: YAMLValue, what: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for (k, kl, val) in try v.mapping(what) {
            guard Self.columns.contains(k) else {
                let hint = Suggest.closest(to: k, among: Self.columns).map { " (did you mean '\($0)'?)" } ?? ""
                throw CredLintError("unknown credential report column '\(k)'\(hint)", at: kl)
            }
            out[k] = try val.string(k)
        }
        return out
    }

    private func attached(_ v: YAMLValue?) throws -> [AttachedPolicy] {
        try (v?.strings("attached_policies") ?? []).map { s in
            s.hasPrefix("arn:") ? AttachedPolicy(name: String(s.split(separator: "/").last ?? ""), arn: s)
                : AttachedPolicy(name: s, arn: "arn:aws:iam::aws:policy/\(s)")
        }
    }

    private func inline(_ v: YAMLValue?) throws -> [InlinePolicy] {
        guard let v, !v.isNull else { return [] }
        return try v.mapping("inline_policies").map { k, _, doc in
            InlinePolicy(name: k, document: try PolicyDocumentDecoder.decode(text: try doc.string(k), location: doc.location), location: doc.location)
        }
    }

    private func tags(_ v: YAMLValue?) throws -> [String: String] {
        guard let v, !v.isNull else { return [:] }
        var out: [String: String] = [:]
        for (k, _, val) in try v.mapping("tags") { out[k] = try val.string(k) }
        return out
    }

    static func quote(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : s
    }
}
