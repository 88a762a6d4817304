/// `credlint inspect`: what credlint understood of the inputs, as JSON with a
/// stable key order. A debugging aid for users and the contract rules build on.
public struct Inspector: Sendable {
    public var configuration: Configuration
    public var asOf: Timestamp?
    public init(configuration: Configuration, asOf: Timestamp?) { self.configuration = configuration; self.asOf = asOf }

    public func inspect(paths: [String], clock: () -> Timestamp) throws -> JSONTree {
        // Planned and resolved here rather than with `load`, to place each account in its Organization.
        let loader = InputLoader()
        let plan = try loader.plan(paths: paths)
        var accounts: [JSONTree] = []
        for pending in plan.accounts {
            var inputs = try loader.resolve(pending)
            inputs.managementAccountID = plan.organization?.managementAccount(of: pending.accountID)
            accounts.append(try account(inputs, clock: clock))
        }
        return .object([
            "version": .int(1),
            "tool": .string("credlint \(CredLintVersion.current)"),
            "accounts": .array(accounts),
            "notes": .array(plan.notes.map { .string($0.description) }),
        ])
    }

    func account(_ inputs: AccountInputs, clock: () -> Timestamp) throws -> JSONTree {
        let ctx = AccountContext(inputs: inputs, configuration: configuration)
        var notes = inputs.notes
        var users: [JSONTree] = []
        var seen = Set<String>()
        var rows = 0
        let reportPath = inputs.reportLocationPath ?? inputs.report?.path ?? ""
        if let r = inputs.report {
            _ = try CredentialReportParser.parse(r.content, path: reportPath, caps: r.caps, notes: &notes) { row in
                rows += 1
                let v = ctx.userView(row: row, iam: nil)
                if let i = v.iam { seen.insert(i.arn) }
                users.append(Self.user(v, escalation: ctx.analyzer?.escalation(ofARN: v.arn)))
            }
        }
        for u in inputs.users.sorted(by: { $0.arn < $1.arn }) where !seen.contains(u.arn) {
            users.append(Self.user(ctx.userView(row: nil, iam: u), escalation: ctx.analyzer?.escalation(ofARN: u.arn)))
        }
        let asOf: (Timestamp, String) = asOf.map { ($0, "--as-of") }
            ?? inputs.report?.generatedTime.map { ($0, "report GeneratedTime") } ?? (clock(), "current time")
        return .object([
            "accountId": .string(inputs.accountID),
            "partition": .string(ctx.partition),
            "organization": inputs.managementAccountID.map { m in
                .object(["managementAccount": .string(m), "isMember": .bool(ctx.isMember == true),
                         "adminPaths": .strings(ctx.organizationAdminPaths)])
            } ?? .null,
            "asOf": .string(asOf.0.iso8601),
            "asOfSource": .string(asOf.1),
            "inputs": .object([
                "files": .strings(inputs.files),
                "present": .strings(inputs.present.sorted().map(\.rawValue)),
            ]),
            "report": inputs.report.map { r in
                .object([
                    "path": .string(reportPath),
                    "container": .string(r.container.rawValue),
                    "generatedTime": .from(r.generatedTime),
                    "rows": .int(Int64(rows)),
                ])
            } ?? .null,
            "users": .array(users),
            "groups": .array(inputs.groups.sorted { $0.arn < $1.arn }.map { g in
                .object(["name": .string(g.name), "arn": .string(g.arn),
                         "attachedPolicies": .strings(g.attachedPolicies.map(\.arn)),
                         "inlinePolicies": .strings(g.inlinePolicies.map(\.name))])
            }),
            "roles": .array(ctx.roles.map { r in
                .object(["name": .string(r.role.name), "arn": .string(r.role.arn),
                         "admin": Self.admin(r.admin), "escalation": r.admin.isKnown ? Self.escalation(ctx.analyzer?.escalation(ofARN: r.role.arn)) : .null,
                         "humanAssumable": r.trust.humanAssumable.map(JSONTree.bool) ?? .null,
                         "assumableFrom": .strings(r.trust.assumableFrom),
                         "organizationRouteAccounts": .strings(r.organizationRouteAccounts),
                         "trustAllowsAnyone": r.trust.allowsAnyone.map(JSONTree.bool) ?? .null,
                         "trustReasons": .strings(r.trust.reasons),
                         "attachedPolicies": .strings(r.role.attachedPolicies.map(\.arn)),
                         "inlinePolicies": .strings(r.role.inlinePolicies.map(\.name))])
            }),
            "customerManagedPolicies": .array(AccountLinter.policies(inputs).filter { $0.kind == "managed" }.map { p in
                .object(["name": .string(p.name), "arn": .from(p.arn), "attachedTo": .strings(p.attachedTo),
                         "allowsFullAdmin": .bool(p.allowsFullAdmin)])
            }),
            "mfaDevices": .array(ctx.allDevices.map(Self.device)),
            "accountSummary": inputs.summary.map { s in .object(s.values.mapValues { .int(Int64($0)) }) } ?? .null,
            "passwordPolicy": inputs.noPasswordPolicy != nil ? .string("none (NoSuchEntity)") : inputs.passwordPolicy.map(Self.policy) ?? .null,
            "breakGlass": .object([
                "drillDates": .array(configuration.breakGlass.drillDates.map { .string($0.iso8601) }),
            ]),
            "notes": .array(notes.sorted().map { .string($0.description) }),
        ])
    }

    /// Paths by which a non-admin can make itself admin (CL307); empty for admins and when
    /// there are none; null when the admin status is unknown or there are no authorization details.
    static func escalation(_ paths: [String]?) -> JSONTree { paths.map { .strings($0) } ?? .null }

    static func user(_ v: UserView, escalation paths: [String]?) -> JSONTree {
        var o: [String: JSONTree] = [
            "name": .string(v.name), "arn": .string(v.arn), "isRoot": .bool(v.isRoot),
            "breakGlass": .bool(v.isBreakGlass), "admin": v.admin.map(admin) ?? .null,
            "escalation": v.isRoot || v.admin?.isKnown == false ? .null : escalation(paths),
            "mfaDevices": .array(v.devices.map(device)), "mfaDevicesKnown": .bool(v.devicesKnown),
        ]
        if let r = v.row {
            o["reportLine"] = .int(Int64(r.line))
            o["created"] = cell(r.userCreationTime)
            o["passwordEnabled"] = cell(r.passwordEnabled)
            o["passwordLastUsed"] = cell(r.passwordLastUsed)
            o["passwordLastChanged"] = cell(r.passwordLastChanged)
            o["passwordNextRotation"] = cell(r.passwordNextRotation)
            o["mfaActive"] = cell(r.mfaActive)
            o["accessKeys"] = .array(r.accessKeys.map { k in
                .object(["slot": .int(Int64(k.slot)), "active": cell(k.active), "lastRotated": cell(k.lastRotated),
                         "lastUsed": cell(k.lastUsedDate), "lastUsedRegion": cell(k.lastUsedRegion),
                         "lastUsedService": cell(k.lastUsedService), "exists": .bool(k.exists)])
            })
            o["certificates"] = .array(r.certificates.map { c in
                .object(["slot": .int(Int64(c.slot)), "active": cell(c.active), "lastRotated": cell(c.lastRotated)])
            })
        } else {
            o["reportLine"] = .null
        }
        if let i = v.iam {
            o["path"] = .string(i.path)
            o["groups"] = .strings(i.groups)
            o["attachedPolicies"] = .strings(i.attachedPolicies.map(\.arn))
            o["inlinePolicies"] = .strings(i.inlinePolicies.map(\.name))
            o["permissionsBoundary"] = .from(i.permissionsBoundaryARN)
            o["tags"] = .object(i.tags.mapValues { .string($0) })
        }
        return .object(o)
    }

    /// Special values stay visible: `{"absent": "N/A"}` etc., so users see what AWS wrote.
    static func cell<T>(_ c: Cell<T>) -> JSONTree {
        switch c {
        case .value(let v):
            if let t = v as? Timestamp { return .string(t.iso8601) }
            if let b = v as? Bool { return .bool(b) }
            return .string("\(v)")
        case .notApplicable: return .object(["absent": .string("N/A")])
        case .noInformation: return .object(["absent": .string("no_information")])
        case .unknown: return .object(["unknown": .string("not_supported")])
        }
    }

    /// The verdicts are null when the input cannot tell (`unknownReasons` says why), as
    /// rules see them: unknown is not "not admin".
    static func admin(_ a: AdminStatus) -> JSONTree {
        func verdict(_ b: Bool) -> JSONTree { a.isKnown ? .bool(b) : .null }
        return .object(["isAdmin": verdict(a.isAdmin), "fullAdmin": verdict(a.isFullAdmin), "iamAdmin": verdict(a.isIAMAdmin),
                        "paths": .strings(a.paths), "unknownReasons": .strings(a.unknownReasons),
                        "conditions": .strings(a.conditions), "deniedBy": .strings(a.deniedBy)])
    }

    static func device(_ d: MFADevice) -> JSONTree {
        .object(["serial": .string(d.serialNumber), "kind": .string(d.kind.rawValue), "userName": .from(d.userName),
                 "userArn": .from(d.userARN), "enableDate": .from(d.enableDate), "secretPresent": .bool(d.secretPresent)])
    }

    static func policy(_ p: PasswordPolicy) -> JSONTree {
        .object(["minimumPasswordLength": .from(p.minimumPasswordLength), "passwordReusePrevention": .from(p.passwordReusePrevention),
                 "requireSymbols": .from(p.requireSymbols), "requireNumbers": .from(p.requireNumbers),
                 "requireUppercaseCharacters": .from(p.requireUppercaseCharacters),
                 "requireLowercaseCharacters": .from(p.requireLowercaseCharacters),
                 "allowUsersToChangePassword": .from(p.allowUsersToChangePassword), "expirePasswords": .from(p.expirePasswords),
                 "maxPasswordAge": .from(p.maxPasswordAge), "hardExpiry": .from(p.hardExpiry)])
    }
}
