import CredLintModel
import CredLintExpr

/// Runs the enabled rules over one account.
///
/// Order: build the account context (authorization details, MFA lists,
/// summary, policy); stream the credential report, evaluating user, key and
/// credential rules row by row and keeping only the rows account rules need
/// (root, admins, break-glass users); then users known only from
/// authorization details; then roles, identities, policies; then account rules.
package struct AccountLinter: Sendable {
    package let rules: [CompiledRule]
    package let configuration: Configuration
    /// The same rules, ready to evaluate.
    let programs: [RuleProgram]
    /// Threads for one large credential report (`ParallelReport`); 1 reads it serially.
    package var reportThreads = 1
    /// Where a report's findings go in sorted runs once there are more than `runLimit`
    /// of them (nil keeps them in memory).
    package var spill: FindingSpill?
    var runLimit = RowEvaluator.defaultRunLimit
    /// Smaller reports are read serially (tests lower it).
    var parallelReportMinimumBytes = ParallelReport.minimumBytes

    package init(rules: [CompiledRule], configuration: Configuration) {
        self.rules = rules.filter(\.enabled)
        self.configuration = configuration
        programs = self.rules.map(RuleProgram.init)
    }

    /// The report's file, for reading it in parallel pieces: the loader's open file, or a
    /// path given directly (benchmarks, tests) opened here. Nil for bytes from an envelope.
    static func openFile(_ content: CredentialReportInput.Content, shown: String) -> InputFile? {
        switch content {
        case .openFile(let f): return f
        case .file(let path): return try? InputFile(path: path, shown: shown)
        case .bytes: return nil
        }
    }

    /// The latest date of something that already happened in a row (not `password_next_rotation`).
    /// Runs once per row, so it allocates nothing.
    static func latestPastDate(_ row: CredentialReportRow) -> Timestamp? {
        var latest: Timestamp?
        func see(_ c: Cell<Timestamp>) { if let t = c.value, latest.map({ t > $0 }) ?? true { latest = t } }
        see(row.userCreationTime); see(row.passwordLastUsed); see(row.passwordLastChanged)
        see(row.accessKey1.lastRotated); see(row.accessKey1.lastUsedDate)
        see(row.accessKey2.lastRotated); see(row.accessKey2.lastUsedDate)
        see(row.cert1.lastRotated); see(row.cert2.lastRotated)
        return latest
    }

    /// `asOfSource` says what `asOfFlag` is (a date given, or the current time read once for the run).
    package func lint(_ inputs: AccountInputs, asOfFlag: Timestamp?, asOfSource flagSource: AccountResult.AsOfSource = .flag,
                     clock: () -> Timestamp) throws -> AccountResult {
        let ctx = AccountContext(inputs: inputs, configuration: configuration)
        var notes = inputs.notes
        let asOf: Timestamp
        let asOfSource: AccountResult.AsOfSource
        if let f = asOfFlag { asOf = f; asOfSource = flagSource }
        else if let g = inputs.report?.generatedTime { asOf = g; asOfSource = .report }
        else { asOf = clock(); asOfSource = .clock }

        var skipped: [SkippedRule] = []
        var active = ActiveRules()
        for rule in programs {
            var missing = rule.descriptor.needs.filter { !ctx.present.contains($0) }
            // Without any authorization details, saying their users are missing too adds nothing.
            if missing.contains(.authorizationDetails) { missing.removeAll { $0 == .userDetails } }
            if missing.isEmpty {
                active.add(rule)
            } else {
                skipped.append(SkippedRule(ruleID: rule.id, reason: "needs \(missing.map(Self.describe).joined(separator: " and ")), not given"))
            }
        }

        let accountRef = AccountView(ctx: ctx)
        let accountValue = Value.object(ObjectRef(accountRef))
        let reportPath = inputs.reportLocationPath ?? inputs.report?.path ?? ""
        let envelopeLine = inputs.reportLocationPath == inputs.report?.path ? inputs.report?.contentLocation?.line : nil
        func makeEvaluator() -> RowEvaluator {
            let e = RowEvaluator(ctx: ctx, rules: active, asOf: asOf, accountValue: accountValue, reportPath: reportPath,
                                 envelopeLine: envelopeLine)
            e.spill = spill
            e.runLimit = runLimit
            return e
        }
        let rows = makeEvaluator()

        // 1. The report, streamed (a large one in pieces on several threads).
        let checkClock = asOfSource == .report
        rows.tracksLatestDate = checkClock
        // The later of GeneratedTime and the as-of date: an --as-of given for a moto report
        // (GeneratedTime fixed in 2015) moves the bound with it.
        let latestPossible = max(inputs.report?.generatedTime ?? asOf, asOf)
        let dateBounds = OddDates.bounds(latest: latestPossible)
        rows.dateBounds = dateBounds
        if let report = inputs.report {
            var parallel: (pieces: [RowEvaluator], notes: [Note], rowsRead: Int)?
            if envelopeLine == nil, reportThreads > 1, let file = Self.openFile(report.content, shown: reportPath) {
                parallel = ParallelReport.evaluate(file: file, shownPath: reportPath, threads: reportThreads,
                                                   minimumBytes: parallelReportMinimumBytes, caps: report.caps) {
                    let piece = makeEvaluator()
                    piece.tracksLatestDate = checkClock
                    piece.dateBounds = dateBounds
                    return piece
                }
            }
            let statsRows: Int
            if let p = parallel {
                for piece in p.pieces { rows.absorb(piece) }
                notes += p.notes
                statsRows = p.rowsRead
            } else {
                statsRows = try CredentialReportParser.parse(report.content, path: reportPath, caps: report.caps, notes: &notes) { row in
                    rows.evaluate(row)
                }.rowsRead
            }
            if rows.root == nil {
                // moto and hand-filtered reports have no root row: say so, naming the rules it leaves
                // unjudged (those tagged `root`), rather than look clean.
                let skippedIDs = Set(skipped.map(\.ruleID))
                let rootRules = programs.filter { $0.descriptor.tags.contains("root") && !skippedIDs.contains($0.id) }
                    .map { "\($0.id) \($0.descriptor.name)" }
                notes.append(Note("the credential report has no root row (<root_account>), which AWS always writes (moto does not); "
                                  + "rules about root had nothing to check"
                                  + (rootRules.isEmpty ? "" : ": " + rootRules.joined(separator: ", ")),
                                  at: SourceLocation(path: reportPath)))
            }
            // moto writes a fixed GeneratedTime (2015) into reports about users created today: ages
            // measured from it come out negative, so say why and how to fix it.
            if checkClock, let latest = rows.latestDate, latest > asOf {
                notes.append(Note("the report's GeneratedTime \(asOf.iso8601) is earlier than dates inside it (up to \(latest.iso8601)), so ages measured from it are negative; give --as-of",
                                  at: SourceLocation(path: reportPath)))
            }
            let clockNoted = checkClock && (rows.latestDate.map { $0 > asOf } ?? false)
            if let odd = rows.oddDates, !clockNoted {  // the note above already names the latest date
                let latest = latestPossible == inputs.report?.generatedTime
                    ? "the report's GeneratedTime \(latestPossible.iso8601)" : "the as-of date \(latestPossible.iso8601)"
                notes.append(odd.note(path: reportPath, latestName: latest))
            }
            if statsRows != rows.rowsRead {
                throw CredLintError("internal: the report has \(statsRows) rows but \(rows.rowsRead) were evaluated", path: reportPath)
            }
        }
        // 2. Users only in authorization details (created after the report, or no report given).
        let seenIAM = rows.seenIAM
        // Usually none: filter before sorting (sorting copies every user).
        for iam in inputs.users.filter({ !seenIAM.contains($0.arn) }).sorted(by: { $0.arn < $1.arn }) {
            rows.evaluate(iamUser: iam, location: iam.location ?? SourceLocation(path: inputs.files.first ?? ""))
        }
        var findings = rows.takeFindings()
        let runs = rows.takeRuns()
        let rowsRead = rows.rowsRead
        let root = rows.root
        let kept = rows.kept
        func emit(_ rule: RuleProgram, _ ectx: EvalContext, principal: String, name: String, slot: String, _ loc: SourceLocation) {
            guard rule.condition.isTrue(ectx) else { return }
            findings.append(rule.finding(ectx, accountID: inputs.accountID, principal: principal, name: name, slot: slot, location: loc))
        }

        // 3. The whole account, for account, role, identity and policy rules.
        var admins: [AdminView] = []
        // An admin status with unknown reasons is unknown, whatever its flags say.
        for view in kept.values where view.admin.map({ $0.isKnown && $0.isAdmin }) == true {
            let r = view.row
            admins.append(AdminView(kind: "user", name: view.name, arn: view.arn, paths: view.admin?.paths ?? [],
                                    usable: Self.isUsable(view), isBreakGlass: view.isBreakGlass, mfaActive: r?.mfaActive.exprValue ?? .null,
                                    untested: Self.isUntested(view)))
        }
        var unknownAdmins = rows.unknownAdmins
        for role in ctx.roles {
            if role.admin.isKnown && role.admin.isAdmin {
                // A route from another account is part of how the role is a usable admin: say which.
                let via = role.trust.adminAccounts.map { "via account \($0)" }
                admins.append(AdminView(kind: "role", name: role.role.name, arn: role.role.arn, paths: role.admin.paths + via,
                                        usable: role.trust.isUsableByHuman, isBreakGlass: false, mfaActive: .null))
            } else if !role.admin.isKnown && role.trust.isUsableByHuman {
                unknownAdmins.add(role.admin)
            }
        }
        admins.sort { ($0.kind, $0.name) < ($1.kind, $1.name) }
        let userCount = inputs.report != nil ? rowsRead - (root == nil ? 0 : 1) : inputs.users.count
        let full = AccountView(ctx: ctx, root: root, admins: admins,
                               breakGlass: kept.values.filter(\.isBreakGlass).sorted { $0.name < $1.name },
                               rowsRead: rowsRead, userCount: userCount, unknownAdmins: unknownAdmins)
        let fullValue = Value.object(ObjectRef(full))
        let access = Self.access(full, kept: kept.values, drillDates: ctx.breakGlass.drillDates)

        let gaadLoc = inputs.authorizationDetailsLocation ?? SourceLocation(path: inputs.files.first ?? "")
        for role in ctx.roles {
            for rule in active.role {
                emit(rule, EvalContext(asOf: asOf, variables: [.object(ObjectRef(role)), fullValue]),
                     principal: role.role.arn, name: role.role.name, slot: "", role.role.location ?? gaadLoc)
            }
        }
        if case let identityRules = active.identity, !identityRules.isEmpty {
            for id in Self.identities(inputs, analyzer: ctx.analyzer) {
                let ectx = EvalContext(asOf: asOf, variables: [.object(ObjectRef(id)), fullValue])
                for rule in identityRules { emit(rule, ectx, principal: id.arn, name: id.name, slot: "", id.location ?? gaadLoc) }
            }
        }
        if case let policyRules = active.policy, !policyRules.isEmpty {
            for p in Self.policies(inputs) {
                let ectx = EvalContext(asOf: asOf, variables: [.object(ObjectRef(p)), fullValue])
                for rule in policyRules { emit(rule, ectx, principal: p.principal, name: p.name, slot: "", p.location ?? gaadLoc) }
            }
        }
        for rule in active.account {
            emit(rule, EvalContext(asOf: asOf, variables: [fullValue]), principal: "account:\(inputs.accountID)",
                 name: "account \(inputs.accountID)", slot: "", accountLocation(for: rule, inputs, reportPath: reportPath))
        }

        FindingSorter.sort(&findings)
        var result = AccountResult(accountID: inputs.accountID, asOf: asOf, asOfSource: asOfSource, inputs: inputs.files,
                                   rowsRead: rowsRead, reportGeneratedTime: inputs.report?.generatedTime,
                                   findings: runs.isEmpty ? findings : [], skippedRules: skipped.sorted(), notes: notes.sorted())
        if !runs.isEmpty, let spill { result.setRuns(runs, rest: findings, spill: spill) }
        result.access = access
        return result
    }

    /// The admins and break-glass users the account rules judged, for reporters (`AccountAccess`).
    static func access(_ account: AccountView, kept: some Sequence<UserView>, drillDates: [Timestamp]) -> AccountAccess {
        var users: [String: UserView] = [:]
        for v in kept { users[v.arn] = v }
        let admins = account.admins.map { a -> AccountAccess.Admin in
            let user = a.kind == "user" ? users[a.arn] : nil
            return AccountAccess.Admin(kind: a.kind, name: a.name, arn: a.arn, paths: a.paths, usable: a.usable,
                                       isBreakGlass: a.isBreakGlass, untested: a.untested, mfaActive: user?.row?.mfaActive.value,
                                       mfaDevices: user.flatMap { $0.devicesKnown ? $0.devices.count : nil })
        }
        let breakGlass = account.breakGlass.map { v -> AccountAccess.BreakGlassUser in
            var enabled = false
            var lastUsed: Timestamp?
            func see(_ used: Cell<Timestamp>) {
                enabled = true
                if let t = used.value, lastUsed.map({ t > $0 }) ?? true { lastUsed = t }
            }
            if let r = v.row {
                if r.passwordEnabled == .value(true) { see(r.passwordLastUsed) }
                for k in [r.accessKey1, r.accessKey2] where k.isActive { see(k.lastUsedDate) }
            }
            let isAdmin: Bool? = v.admin.flatMap { $0.isKnown ? $0.isAdmin : nil }
            return AccountAccess.BreakGlassUser(name: v.name, arn: v.arn, isAdmin: isAdmin, hasEnabledCredential: enabled,
                                                lastUsed: lastUsed)
        }
        let known = account.ctx.present.contains(.authorizationDetails) && account.ctx.present.contains(.userDetails)
        return AccountAccess(adminsKnown: known, admins: admins, breakGlass: breakGlass, unknownAdmins: account.unknownAdmins.count,
                             unknownAdminReasons: account.unknownAdmins.summary, drillDates: drillDates.sorted())
    }

    /// An admin user can recover the account when it has an enabled credential
    /// (password or active key). A break-glass credential counts only once it
    /// has been used (tested): an untested emergency key may not work when needed.
    static func isUsable(_ view: UserView) -> Bool {
        guard let r = view.row else { return false }
        var enabled: [Cell<Timestamp>] = []
        if r.passwordEnabled == .value(true) { enabled.append(r.passwordLastUsed) }
        for k in [r.accessKey1, r.accessKey2] where k.isActive { enabled.append(k.lastUsedDate) }
        if enabled.isEmpty { return false }
        return !view.isBreakGlass || enabled.contains { $0.value != nil }
    }

    /// A break-glass user that is not usable only because none of its enabled credentials
    /// was ever used: CL301 says so, since testing it is what makes it count.
    static func isUntested(_ view: UserView) -> Bool {
        guard view.isBreakGlass, let r = view.row else { return false }
        let hasEnabled = r.passwordEnabled == .value(true) || r.accessKey1.isActive || r.accessKey2.isActive
        return hasEnabled && !isUsable(view)
    }

    /// Account findings point at the first input the rule needs.
    func accountLocation(for rule: RuleProgram, _ a: AccountInputs, reportPath: String) -> SourceLocation {
        for need in rule.descriptor.needs {
            switch need {
            case .credentialReport where a.report != nil: return SourceLocation(path: reportPath)
            case .authorizationDetails: if let l = a.authorizationDetailsLocation { return l }
            case .mfaDevices: if let l = a.mfaLocation { return l }
            case .accountSummary: if let l = a.summary?.location { return l }
            case .passwordPolicy: if let l = a.passwordPolicy?.location ?? a.noPasswordPolicy { return l }
            default: break
            }
        }
        return SourceLocation(path: a.files.first ?? "")
    }

    static func identities(_ a: AccountInputs, analyzer: AdminAnalyzer?) -> [IdentityView] {
        var out: [IdentityView] = []
        for u in a.users { out.append(IdentityView(kind: "user", name: u.name, arn: u.arn, attached: u.attachedPolicies, inline: u.inlinePolicies, location: u.location, escalation: analyzer?.escalation(ofARN: u.arn))) }
        for g in a.groups { out.append(IdentityView(kind: "group", name: g.name, arn: g.arn, attached: g.attachedPolicies, inline: g.inlinePolicies, location: g.location)) }
        for r in a.roles { out.append(IdentityView(kind: "role", name: r.name, arn: r.arn, attached: r.attachedPolicies, inline: r.inlinePolicies, location: r.location, escalation: analyzer?.escalation(ofARN: r.arn))) }
        return out.sorted { $0.arn < $1.arn }
    }

    static func policies(_ a: AccountInputs) -> [PolicyView] {
        var attachments: [String: [String]] = [:]
        var out: [PolicyView] = []
        func inline(_ owner: String, _ ps: [InlinePolicy], _ fallback: SourceLocation?) {
            for p in ps {
                out.append(PolicyView(kind: "inline", name: p.name, arn: nil, owner: owner, isAWSManaged: false, attachedTo: [owner],
                                      allowsFullAdmin: AdminAnalyzer.allowsFullAdmin(p.document), location: p.location ?? fallback))
            }
        }
        for u in a.users { for p in u.attachedPolicies { attachments[p.arn, default: []].append(u.arn) }; inline(u.arn, u.inlinePolicies, u.location) }
        for g in a.groups { for p in g.attachedPolicies { attachments[p.arn, default: []].append(g.arn) }; inline(g.arn, g.inlinePolicies, g.location) }
        for r in a.roles { for p in r.attachedPolicies { attachments[p.arn, default: []].append(r.arn) }; inline(r.arn, r.inlinePolicies, r.location) }
        for m in a.policies where !m.isAWSManaged {
            out.append(PolicyView(kind: "managed", name: m.name, arn: m.arn, owner: nil, isAWSManaged: false,
                                  attachedTo: (attachments[m.arn] ?? []).sorted(),
                                  allowsFullAdmin: m.defaultDocument.map(AdminAnalyzer.allowsFullAdmin) ?? false, location: m.location))
        }
        return out.sorted { $0.principal < $1.principal }
    }

    static func describe(_ i: RuleDescriptor.Input) -> String {
        switch i {
        case .credentialReport: "credential_report (the IAM credential report)"
        case .authorizationDetails: "authorization_details (GetAccountAuthorizationDetails)"
        case .userDetails: "user_details (the users of GetAccountAuthorizationDetails: the export has no UserDetailList, as with --filter Role, so no user's admin status is known)"
        case .mfaDevices: "mfa_devices (ListMFADevices or ListVirtualMFADevices)"
        case .accountSummary: "account_summary (GetAccountSummary)"
        case .passwordPolicy: "password_policy (GetAccountPasswordPolicy)"
        }
    }
}
