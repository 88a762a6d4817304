import CredLintModel

/// `credlint inspect`: what credlint understood of the inputs, as JSON with a
/// stable key order. A debugging aid for users and the contract rules build on.
package struct Inspector: Sendable {
    package var configuration: Configuration
    package var asOf: Timestamp?
    package init(configuration: Configuration, asOf: Timestamp?) { self.configuration = configuration; self.asOf = asOf }

    /// The document: keys in sorted order, each account's users written as the report is read.
    package func inspect(paths: [String], clock: () -> Timestamp) throws -> [UInt8] {
        // Planned and resolved here rather than with `load`, to place each account in its Organization.
        let loader = InputLoader()
        let plan = try loader.plan(paths: paths)
        var w = JSONWriter()
        w.beginObject()
        w.key("accounts"); w.beginArray()
        for pending in plan.accounts {
            var inputs = try loader.resolve(pending)
            inputs.managementAccountID = plan.organization?.managementAccount(of: pending.accountID)
            try account(inputs, clock: clock, into: &w)
        }
        w.endArray()
        w.key("notes"); w.strings(plan.notes.map(\.description))
        w.key("tool"); w.string("credlint \(CredLintVersion.current)")
        w.key("version"); w.int(1)
        w.endObject()
        w.endDocument()
        return w.finish()
    }

    func account(_ inputs: AccountInputs, clock: () -> Timestamp, into w: inout JSONWriter) throws {
        let ctx = AccountContext(inputs: inputs, configuration: configuration)
        var notes = inputs.notes
        // The users come last in the account but are counted, and may add notes, as the
        // report is read: written aside (as bytes) and placed at the end.
        var users = JSONWriter(valueAt: w.depth + 1)
        users.beginArray()
        var seen = Set<String>()
        var rows = 0
        let reportPath = inputs.reportLocationPath ?? inputs.report?.path ?? ""
        if let r = inputs.report {
            _ = try CredentialReportParser.parse(r.content, path: reportPath, caps: r.caps, notes: &notes) { row in
                rows += 1
                let v = ctx.userView(row: row, iam: nil)
                if let i = v.iam { seen.insert(i.arn) }
                Self.user(v, escalation: ctx.analyzer?.escalation(ofARN: v.arn), into: &users)
            }
        }
        for u in inputs.users.sorted(by: { $0.arn < $1.arn }) where !seen.contains(u.arn) {
            Self.user(ctx.userView(row: nil, iam: u), escalation: ctx.analyzer?.escalation(ofARN: u.arn), into: &users)
        }
        users.endArray()
        let asOf: (Timestamp, String) = asOf.map { ($0, "--as-of") }
            ?? inputs.report?.generatedTime.map { ($0, "report GeneratedTime") } ?? (clock(), "current time")

        w.beginObject()
        w.key("accountId"); w.string(inputs.accountID)
        w.key("accountSummary")
        if let s = inputs.summary {
            w.beginObject()
            for k in s.values.keys.sorted(by: JSONWriter.keyPrecedes) { w.keyText(k); w.int(s.values[k]!) }
            w.endObject()
        } else {
            w.null()
        }
        w.key("asOf"); w.string(asOf.0.iso8601)
        w.key("asOfSource"); w.string(asOf.1)
        w.key("breakGlass"); w.beginObject()
        w.key("drillDates"); w.strings(configuration.breakGlass.drillDates.map(\.iso8601))
        w.endObject()
        w.key("customerManagedPolicies"); w.beginArray()
        for p in AccountLinter.policies(inputs) where p.kind == "managed" {
            w.beginObject()
            w.key("allowsFullAdmin"); w.bool(p.allowsFullAdmin)
            w.key("arn"); w.string(p.arn)
            w.key("attachedTo"); w.strings(p.attachedTo)
            w.key("name"); w.string(p.name)
            w.endObject()
        }
        w.endArray()
        w.key("groups"); w.beginArray()
        for g in inputs.groups.sorted(by: { $0.arn < $1.arn }) {
            w.beginObject()
            w.key("arn"); w.string(g.arn)
            w.key("attachedPolicies"); w.strings(g.attachedPolicies.map(\.arn))
            w.key("inlinePolicies"); w.strings(g.inlinePolicies.map(\.name))
            w.key("name"); w.string(g.name)
            w.endObject()
        }
        w.endArray()
        w.key("inputs"); w.beginObject()
        w.key("files"); w.strings(inputs.files)
        w.key("present"); w.strings(inputs.present.sorted().map(\.rawValue))
        w.endObject()
        w.key("mfaDevices"); w.beginArray()
        for d in ctx.allDevices { Self.device(d, into: &w) }
        w.endArray()
        w.key("notes"); w.strings(notes.sorted().map(\.description))
        w.key("organization")
        if let m = inputs.managementAccountID {
            w.beginObject()
            w.key("adminPaths"); w.strings(ctx.organizationAdminPaths)
            w.key("isMember"); w.bool(ctx.isMember == true)
            w.key("managementAccount"); w.string(m)
            w.endObject()
        } else {
            w.null()
        }
        w.key("partition"); w.string(ctx.partition)
        w.key("passwordPolicy")
        if inputs.noPasswordPolicy != nil {
            w.string("none (NoSuchEntity)")
        } else if let p = inputs.passwordPolicy {
            Self.policy(p, into: &w)
        } else {
            w.null()
        }
        w.key("report")
        if let r = inputs.report {
            w.beginObject()
            w.key("container"); w.string(r.container.rawValue)
            w.key("generatedTime"); w.string(r.generatedTime?.iso8601)
            w.key("path"); w.string(reportPath)
            w.key("rows"); w.int(rows)
            w.endObject()
        } else {
            w.null()
        }
        w.key("roles"); w.beginArray()
        for r in ctx.roles {
            w.beginObject()
            w.key("admin"); Self.admin(r.admin, into: &w)
            w.key("arn"); w.string(r.role.arn)
            w.key("assumableFrom"); w.strings(r.trust.assumableFrom)
            w.key("attachedPolicies"); w.strings(r.role.attachedPolicies.map(\.arn))
            w.key("escalation")
            if r.admin.isKnown { Self.escalation(ctx.analyzer?.escalation(ofARN: r.role.arn), into: &w) } else { w.null() }
            w.key("humanAssumable"); w.bool(r.trust.humanAssumable)
            w.key("inlinePolicies"); w.strings(r.role.inlinePolicies.map(\.name))
            w.key("name"); w.string(r.role.name)
            w.key("organizationRouteAccounts"); w.strings(r.organizationRouteAccounts)
            w.key("trustAllowsAnyone"); w.bool(r.trust.allowsAnyone)
            w.key("trustReasons"); w.strings(r.trust.reasons)
            w.endObject()
        }
        w.endArray()
        w.key("users"); w.rawValue(users.bytes)
        w.endObject()
    }

    /// Paths by which a non-admin can make itself admin (CL307); empty for admins and when
    /// there are none; null when the admin status is unknown or there are no authorization details.
    static func escalation(_ paths: [String]?, into w: inout JSONWriter) {
        if let paths { w.strings(paths) } else { w.null() }
    }

    static func user(_ v: UserView, escalation paths: [String]?, into w: inout JSONWriter) {
        let r = v.row, i = v.iam
        w.beginObject()
        if let r {
            w.key("accessKeys"); w.beginArray()
            for k in r.accessKeys {
                w.beginObject()
                w.key("active"); cell(k.active, into: &w)
                w.key("exists"); w.bool(k.exists)
                w.key("lastRotated"); cell(k.lastRotated, into: &w)
                w.key("lastUsed"); cell(k.lastUsedDate, into: &w)
                w.key("lastUsedRegion"); cell(k.lastUsedRegion, into: &w)
                w.key("lastUsedService"); cell(k.lastUsedService, into: &w)
                w.key("slot"); w.int(Int(k.slot))
                w.endObject()
            }
            w.endArray()
        }
        w.key("admin")
        if let a = v.admin { admin(a, into: &w) } else { w.null() }
        w.key("arn"); w.string(v.arn)
        if let i { w.key("attachedPolicies"); w.strings(i.attachedPolicies.map(\.arn)) }
        w.key("breakGlass"); w.bool(v.isBreakGlass)
        if let r {
            w.key("certificates"); w.beginArray()
            for c in r.certificates {
                w.beginObject()
                w.key("active"); cell(c.active, into: &w)
                w.key("lastRotated"); cell(c.lastRotated, into: &w)
                w.key("slot"); w.int(Int(c.slot))
                w.endObject()
            }
            w.endArray()
            w.key("created"); cell(r.userCreationTime, into: &w)
        }
        w.key("escalation")
        if v.isRoot || v.admin?.isKnown == false { w.null() } else { escalation(paths, into: &w) }
        if let i {
            w.key("groups"); w.strings(i.groups)
            w.key("inlinePolicies"); w.strings(i.inlinePolicies.map(\.name))
        }
        w.key("isRoot"); w.bool(v.isRoot)
        if let r { w.key("mfaActive"); cell(r.mfaActive, into: &w) }
        w.key("mfaDevices"); w.beginArray()
        for d in v.devices { device(d, into: &w) }
        w.endArray()
        w.key("mfaDevicesKnown"); w.bool(v.devicesKnown)
        w.key("name"); w.string(v.name)
        if let r {
            w.key("passwordEnabled"); cell(r.passwordEnabled, into: &w)
            w.key("passwordLastChanged"); cell(r.passwordLastChanged, into: &w)
            w.key("passwordLastUsed"); cell(r.passwordLastUsed, into: &w)
            w.key("passwordNextRotation"); cell(r.passwordNextRotation, into: &w)
        }
        if let i {
            w.key("path"); w.string(i.path)
            w.key("permissionsBoundary"); w.string(i.permissionsBoundaryARN)
        }
        w.key("reportLine"); w.int(r?.line)
        if let i { w.key("tags"); w.stringMap(i.tags) }
        w.endObject()
    }

    /// Special values stay visible: `{"absent": "N/A"}` etc., so users see what AWS wrote.
    static func cell<T>(_ c: Cell<T>, into w: inout JSONWriter) {
        switch c {
        case .value(let v):
            if let t = v as? Timestamp { w.string(t.iso8601) } else if let b = v as? Bool { w.bool(b) } else { w.string("\(v)") }
        case .notApplicable: w.beginObject(); w.key("absent"); w.literal("N/A"); w.endObject()
        case .noInformation: w.beginObject(); w.key("absent"); w.literal("no_information"); w.endObject()
        case .unknown: w.beginObject(); w.key("unknown"); w.literal("not_supported"); w.endObject()
        }
    }

    /// The verdicts are null when the input cannot tell (`unknownReasons` says why), as
    /// rules see them: unknown is not "not admin".
    static func admin(_ a: AdminStatus, into w: inout JSONWriter) {
        func verdict(_ b: Bool) { if a.isKnown { w.bool(b) } else { w.null() } }
        w.beginObject()
        w.key("conditions"); w.strings(a.conditions)
        w.key("deniedBy"); w.strings(a.deniedBy)
        w.key("fullAdmin"); verdict(a.isFullAdmin)
        w.key("iamAdmin"); verdict(a.isIAMAdmin)
        w.key("isAdmin"); verdict(a.isAdmin)
        w.key("paths"); w.strings(a.paths)
        w.key("unknownReasons"); w.strings(a.unknownReasons)
        w.endObject()
    }

    static func device(_ d: MFADevice, into w: inout JSONWriter) {
        w.beginObject()
        w.key("enableDate"); w.string(d.enableDate?.iso8601)
        w.key("kind"); w.string(d.kind.rawValue)
        w.key("secretPresent"); w.bool(d.secretPresent)
        w.key("serial"); w.string(d.serialNumber)
        w.key("userArn"); w.string(d.userARN)
        w.key("userName"); w.string(d.userName)
        w.endObject()
    }

    static func policy(_ p: PasswordPolicy, into w: inout JSONWriter) {
        w.beginObject()
        w.key("allowUsersToChangePassword"); w.bool(p.allowUsersToChangePassword)
        w.key("expirePasswords"); w.bool(p.expirePasswords)
        w.key("hardExpiry"); w.bool(p.hardExpiry)
        w.key("maxPasswordAge"); w.int(p.maxPasswordAge)
        w.key("minimumPasswordLength"); w.int(p.minimumPasswordLength)
        w.key("passwordReusePrevention"); w.int(p.passwordReusePrevention)
        w.key("requireLowercaseCharacters"); w.bool(p.requireLowercaseCharacters)
        w.key("requireNumbers"); w.bool(p.requireNumbers)
        w.key("requireSymbols"); w.bool(p.requireSymbols)
        w.key("requireUppercaseCharacters"); w.bool(p.requireUppercaseCharacters)
        w.endObject()
    }
}
