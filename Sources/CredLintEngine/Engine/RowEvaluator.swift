import CredLintModel
import CredLintExpr

/// Evaluates user, access-key and credential rules for report rows, one row
/// at a time, on one thread.
///
/// Everything a row needs is allocated once, here: the user view (with its
/// key views and `keys` lists), one credential view per slot, and the
/// evaluation contexts over them. A row re-points the views (`UserView.reset`)
/// and evaluates; nothing is allocated per row except the row's own strings
/// and the findings that fire.
///
/// `@unchecked Sendable`: an evaluator (and its reused views) is used by one
/// thread at a time; `ParallelReport` hands each piece's evaluator back to the
/// caller only after the threads have joined.
final class RowEvaluator: @unchecked Sendable {
    let ctx: AccountContext
    let rules: ActiveRules
    let asOf: Timestamp
    let accountID: String
    let reportPath: String
    /// Set when findings point at an envelope's `<Content>` line rather than CSV rows.
    let envelopeLine: Int?

    private(set) var findings: [Finding] = []
    /// With a spill, findings beyond `runLimit` go to disk as sorted runs (`FindingRuns`),
    /// so a report of a million users needs memory for a run, not for all its findings.
    var spill: FindingSpill?
    var runLimit = RowEvaluator.defaultRunLimit
    static let defaultRunLimit = 8_192
    private(set) var runs: [FindingRuns.Run] = []
    /// The root row and the users account rules need (admins, break-glass), as fresh views.
    private(set) var root: UserView?
    private(set) var kept: [String: UserView] = [:]
    private(set) var seenIAM = Set<String>()
    /// Users with an enabled credential whose admin status is unknown (counted, not kept:
    /// with `--filter Role` that is every user of the report).
    private(set) var unknownAdmins = UnknownAdmins()
    private(set) var rowsRead = 0
    /// When set, `latestDate` is the latest date met in any row (to catch a GeneratedTime
    /// that predates the report's own contents).
    var tracksLatestDate = false
    private(set) var latestDate: Timestamp?
    /// Dates outside these bounds are implausible (`OddDates`); nil: not checked.
    var dateBounds: ClosedRange<Timestamp>?
    private(set) var oddDates: OddDates?

    private let user: UserView
    private let userContext: EvalContext
    private let keyViews: (AccessKeyView, AccessKeyView)
    private let keyContexts: (EvalContext, EvalContext)
    /// Password, key 1, key 2, certificate 1, certificate 2.
    private let credViews: [CredentialView]
    private let credContexts: [EvalContext]

    init(ctx: AccountContext, rules: ActiveRules, asOf: Timestamp, accountValue: Value, reportPath: String,
         envelopeLine: Int?) {
        self.ctx = ctx
        self.rules = rules
        self.asOf = asOf
        self.accountID = ctx.accountID
        self.reportPath = reportPath
        self.envelopeLine = envelopeLine
        user = UserView(row: nil, iam: nil, admin: nil, isBreakGlass: false, context: ctx, reusable: true)
        let userValue = Value.object(ObjectRef(user))
        userContext = EvalContext(asOf: asOf, variables: [userValue, accountValue])
        keyViews = user.reusableKeyViews!
        keyContexts = (EvalContext(asOf: asOf, variables: [userValue, .object(ObjectRef(keyViews.0)), accountValue]),
                       EvalContext(asOf: asOf, variables: [userValue, .object(ObjectRef(keyViews.1)), accountValue]))
        credViews = (0..<5).map { _ in CredentialView(kind: .password, slot: 0, enabled: .null, lastUsed: .null, created: .null) }
        credContexts = credViews.map { EvalContext(asOf: asOf, variables: [userValue, .object(ObjectRef($0)), accountValue]) }
    }

    /// Evaluates one report row.
    func evaluate(_ row: CredentialReportRow) {
        defer { if findings.count >= runLimit && spill != nil { flushRun() } }
        rowsRead += 1
        if tracksLatestDate, let t = AccountLinter.latestPastDate(row), latestDate.map({ t > $0 }) ?? true { latestDate = t }
        if let b = dateBounds { OddDates.scan(row, line: envelopeLine ?? row.line, bounds: b, into: &oddDates) }
        let f = ctx.facts(row: row, iam: nil)
        if let iam = f.iam { seenIAM.insert(iam.arn) }
        user.reset(row: row, iam: f.iam, admin: f.admin, isBreakGlass: f.isBreakGlass)
        let loc = SourceLocation(path: reportPath, line: envelopeLine ?? row.line)

        for rule in rules.user {
            emitRow(rule, userContext, row, slot: "", loc)
        }
        if !rules.accessKey.isEmpty {
            if row.accessKey1.exists {
                for rule in rules.accessKey {
                    emitRow(rule, keyContexts.0, row, slot: "access_key_1", loc)
                }
            }
            if row.accessKey2.exists {
                for rule in rules.accessKey {
                    emitRow(rule, keyContexts.1, row, slot: "access_key_2", loc)
                }
            }
        }
        if !rules.credential.isEmpty {
            // Same order as `UserView.credentials`: password, keys, certificates.
            if credViews[0].setPassword(row) { evaluateCredential(0, row, loc) }
            if row.accessKey1.exists { credViews[1].setKey(row.accessKey1); evaluateCredential(1, row, loc) }
            if row.accessKey2.exists { credViews[2].setKey(row.accessKey2); evaluateCredential(2, row, loc) }
            if row.cert1.exists { credViews[3].setCertificate(row.cert1); evaluateCredential(3, row, loc) }
            if row.cert2.exists { credViews[4].setCertificate(row.cert2); evaluateCredential(4, row, loc) }
        }

        if row.isRoot {
            root = ctx.userView(row: row, iam: nil)
        } else if f.isBreakGlass || f.admin?.isAdmin == true {
            kept[row.arn] = ctx.userView(row: row, iam: nil)
        }
        if let a = f.admin, !a.isKnown, !row.isRoot, AccountLinter.isUsable(user) { unknownAdmins.add(a) }
    }

    private func evaluateCredential(_ i: Int, _ row: CredentialReportRow, _ loc: SourceLocation) {
        let slot = credViews[i].slotID
        for rule in rules.credential {
            emitRow(rule, credContexts[i], row, slot: slot, loc)
        }
    }

    @inline(__always)
    private func emitRow(_ rule: RuleProgram, _ ectx: EvalContext, _ row: CredentialReportRow, slot: String,
                         _ loc: SourceLocation) {
        guard rule.condition.isTrue(ectx) else { return }
        findings.append(rule.finding(ectx, accountID: accountID, principal: row.arn, name: row.user, slot: slot, location: loc))
    }

    /// A user known only from authorization details: fresh views, since there are few.
    func evaluate(iamUser iam: IAMUser, location: SourceLocation) {
        let view = ctx.userView(row: nil, iam: iam)
        let userValue = Value.object(ObjectRef(view))
        let accountValue = userContext.variables[1]
        for rule in rules.user {
            emit(rule, EvalContext(asOf: asOf, variables: [userValue, accountValue]), principal: view.arn,
                 name: view.name, slot: "", location)
        }
        // No row, so no keys or credentials.
        if view.isBreakGlass || view.admin?.isAdmin == true { kept[view.arn] = view }
    }

    func emit(_ rule: RuleProgram, _ ectx: EvalContext, principal: String, name: String, slot: String,
              _ loc: SourceLocation) {
        guard rule.condition.isTrue(ectx) else { return }
        findings.append(rule.finding(ectx, accountID: accountID, principal: principal, name: name, slot: slot, location: loc))
    }

    /// Adds line breaks before this evaluator's first row to every line it recorded
    /// (a later piece of a report read in parallel counts its lines from 1).
    func shiftLines(by offset: Int) {
        guard offset != 0 else { return }
        for i in findings.indices { findings[i].location.line += offset }
        if envelopeLine == nil { oddDates?.line += offset }
        for i in runs.indices { runs[i].lineShift += offset }
        if let r = root?.row {
            var row = r
            row.line += offset
            root = ctx.userView(row: row, iam: nil)
        }
        for (arn, view) in kept {
            guard var row = view.row else { continue }
            row.line += offset
            kept[arn] = ctx.userView(row: row, iam: nil)
        }
    }

    /// Writes the findings in hand to the spill as one sorted run (kept if it fails).
    func flushRun() {
        guard let spill, !findings.isEmpty else { return }
        // Moved out before sorting: sorting a second reference to the array would copy
        // (retain) every field of every finding in it.
        var run = findings
        findings = []
        FindingSorter.sort(&run)
        guard let stored = spill.storeRun(run) else { self.spill = nil; findings = run; return }
        runs.append(stored)
    }

    /// Moves the runs out (the evaluator keeps none).
    func takeRuns() -> [FindingRuns.Run] {
        defer { runs = [] }
        return runs
    }

    /// Takes over what `other` (a later piece of the same report) found.
    func absorb(_ other: RowEvaluator) {
        if !runs.isEmpty || !other.runs.isEmpty {
            // Runs stay in the order their findings were made (ties merge in that order).
            if spill == nil { spill = other.spill }
            flushRun()
            runs += other.takeRuns()
        }
        // Moved over one by one (popLast moves; appending the array would copy each finding).
        var theirs = other.takeFindings()
        theirs.reverse()
        findings.reserveCapacity(findings.count + theirs.count)
        while let f = theirs.popLast() { findings.append(f) }
        rowsRead += other.rowsRead
        if let t = other.latestDate, latestDate.map({ t > $0 }) ?? true { latestDate = t }
        if let o = other.oddDates {
            if oddDates == nil { oddDates = o } else { oddDates!.count += o.count }
        }
        seenIAM.formUnion(other.seenIAM)
        if let r = other.root { root = r }
        kept.merge(other.kept) { _, later in later }
        unknownAdmins.merge(other.unknownAdmins)
    }

    /// Moves the findings out (the evaluator keeps none).
    func takeFindings() -> [Finding] {
        defer { findings = [] }
        return findings
    }
}

/// What evaluating one rule needs, in one object: iterating `CompiledRule`s
/// (large structs) copied them, retaining some thirty references per rule per
/// row, which cost more than evaluating the rules.
final class RuleProgram: Sendable {
    let id: String
    let descriptor: RuleDescriptor
    let condition: CompiledExpression
    let message: MessageTemplate
    let properties: [(name: String, expr: CompiledExpression)]
    /// What its findings share (id, name, message text, property names).
    let findingRule: FindingRule
    /// The message's placeholders and the properties, compiled to be captured in one go.
    let captures: Captures

    init(_ rule: CompiledRule) {
        id = rule.id
        descriptor = rule.descriptor
        condition = rule.condition
        message = rule.message
        properties = rule.properties
        findingRule = FindingRule(id: rule.id, name: rule.descriptor.name, parts: rule.message.findingParts,
                                  propertyNames: rule.properties.map(\.name))
        captures = Captures(message: rule.message, properties: rule.properties.map(\.expr))
    }

    /// The finding for a context where the condition holds: the values of its message's
    /// placeholders and of its properties, captured now (the views are reused row after row)
    /// and rendered only if a reporter writes it.
    func finding(_ ectx: EvalContext, accountID: String, principal: String, name: String,
                 slot: String, location: SourceLocation) -> Finding {
        Finding(rule: findingRule, severity: descriptor.severity, accountID: accountID, principal: principal,
                principalName: name, slot: slot, location: location, values: capture(ectx))
    }

    /// The message's placeholder values, then the properties' values, in order: everything
    /// of a finding that depends on the row (`FindingRule` renders them).
    func capture(_ ectx: EvalContext) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(findingRule.messageValueCount + properties.count)
        captures.capture(ectx, into: &values)
        return values
    }
}

/// The enabled rules that apply to an account, by scope.
struct ActiveRules {
    var user: [RuleProgram] = []
    var accessKey: [RuleProgram] = []
    var credential: [RuleProgram] = []
    var role: [RuleProgram] = []
    var identity: [RuleProgram] = []
    var policy: [RuleProgram] = []
    var account: [RuleProgram] = []

    mutating func add(_ rule: RuleProgram) {
        switch rule.descriptor.scope {
        case .user: user.append(rule)
        case .accessKey: accessKey.append(rule)
        case .credential: credential.append(rule)
        case .role: role.append(rule)
        case .identity: identity.append(rule)
        case .policy: policy.append(rule)
        case .account: account.append(rule)
        }
    }
}
