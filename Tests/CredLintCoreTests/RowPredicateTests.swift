import Testing
@testable import CredLintModel
@testable import CredLintExpr
@testable import CredLintEngine

/// The row-level compilation of conditions (`RowPredicate`) must give the
/// general compiled code's answers: field by field, and rule by rule over
/// rows that mix every kind of cell (values, N/A, no_information,
/// not_supported) and ages on both sides of every threshold.
@Suite struct RowPredicateTests {
    static let asOf = Timestamp(seconds: 1_767_225_600)  // 2026-01-01
    static let account = "123456789012"

    /// An account with authorization details (an admin, a break-glass user by tag,
    /// a user with a direct policy) and a virtual MFA list, or with neither.
    static func context(full: Bool) -> AccountContext {
        var inputs = AccountInputs(accountID: account)
        inputs.report = CredentialReportInput(path: "r.csv", container: .csv, content: .bytes([]))
        if full {
            inputs.hasAuthorizationDetails = true
            inputs.users = [
                IAMUser(name: "admin", arn: arn("admin"),
                        attachedPolicies: [AttachedPolicy(name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess")]),
                IAMUser(name: "tagged", arn: arn("tagged"), tags: ["break-glass": "true"]),
                IAMUser(name: "direct", arn: arn("direct"),
                        attachedPolicies: [AttachedPolicy(name: "S3", arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")]),
                IAMUser(name: "plain", arn: arn("plain")),
            ]
            inputs.hasVirtualMFAList = true
            inputs.virtualMFADevices = [MFADevice(serialNumber: "arn:aws:iam::\(account):mfa/admin", userName: "admin", userARN: arn("admin"))]
        }
        return AccountContext(inputs: inputs, configuration: Configuration())
    }

    static func arn(_ name: String) -> String { "arn:aws:iam::\(account):user/\(name)" }

    static let days: [Int64] = [-3, 0, 1, 6, 7, 8, 44, 45, 46, 89, 90, 91, 364, 365, 366, 900]

    static func bool(_ g: inout PropertyRNG) -> Cell<Bool> {
        [.value(true), .value(false), .value(true), .notApplicable, .noInformation, .unknown][g.below(6)]
    }

    static func time(_ g: inout PropertyRNG) -> Cell<Timestamp> {
        switch g.below(8) {
        case 0: return .notApplicable
        case 1: return .noInformation
        case 2: return .unknown
        default:
            // Exactly on a day boundary, or a second either side of it.
            let d = days[g.below(days.count)]
            return .value(Timestamp(seconds: asOf.micros / 1_000_000 - d * 86_400 + Int64(g.below(3)) - 1))
        }
    }

    static func row(_ g: inout PropertyRNG) -> CredentialReportRow {
        let names = ["admin", "tagged", "direct", "plain", "breakglass-1", "Emergency-Access-2", "bob", "<root_account>"]
        let name = names[g.below(names.count)]
        let root = name == "<root_account>"
        func key(_ slot: Int) -> AccessKeySlot {
            AccessKeySlot(slot: slot, active: bool(&g), lastRotated: time(&g), lastUsedDate: time(&g),
                          lastUsedRegion: g.below(2) == 0 ? .value("us-east-1") : .notApplicable,
                          lastUsedService: g.below(2) == 0 ? .value("s3") : .notApplicable)
        }
        return CredentialReportRow(
            line: 2, user: name, arn: root ? "arn:aws:iam::\(account):root" : arn(name), isRoot: root,
            userCreationTime: time(&g), passwordEnabled: bool(&g), passwordLastUsed: time(&g),
            passwordLastChanged: time(&g), passwordNextRotation: time(&g), mfaActive: bool(&g),
            accessKey1: key(1), accessKey2: key(2),
            cert1: CertificateSlot(slot: 1, active: bool(&g), lastRotated: time(&g)),
            cert2: CertificateSlot(slot: 2, active: bool(&g), lastRotated: time(&g)))
    }

    static func state(_ ctx: AccountContext, _ r: CredentialReportRow) -> RowState {
        let s = RowState()
        s.asOf = asOf
        s.devicesKnownFor = { ctx.devicesKnown(name: $0) }
        let f = ctx.facts(row: r, iam: nil)
        s.set(row: r, iam: f.iam, admin: f.admin, isBreakGlass: f.isBreakGlass)
        return s
    }

    @Test func nativeFieldsReadWhatTheViewsRead() {
        var g = PropertyRNG(seed: 7)
        var checked = 0
        for full in [false, true] {
            let ctx = Self.context(full: full)
            for _ in 0..<400 {
                let r = Self.row(&g)
                let s = Self.state(ctx, r)
                let user = ObjectRef(ctx.userView(row: r, iam: nil))
                for f in UserView.type.fields {
                    guard let native = RowPredicateCompiler.field("user", f.name, scope: .user) else { continue }
                    #expect(native(s) == f.get(user), "user.\(f.name)")
                    checked += 1
                }
                for slot in [r.accessKey1, r.accessKey2] {
                    s.key = slot
                    let key = ObjectRef(AccessKeyView(slot))
                    for f in AccessKeyView.type.fields {
                        guard let native = RowPredicateCompiler.field("key", f.name, scope: .accessKey) else { continue }
                        #expect(native(s) == f.get(key), "key.\(f.name)")
                        checked += 1
                    }
                }
                let creds = ctx.userView(row: r, iam: nil).credentials
                for c in creds {
                    s.cred = c
                    for f in CredentialView.type.fields {
                        guard let native = RowPredicateCompiler.field("cred", f.name, scope: .credential) else { continue }
                        #expect(native(s) == f.get(ObjectRef(c)), "cred.\(f.name)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 5_000)
    }

    @Test func builtInConditionsGiveTheGeneralAnswers() throws {
        let catalog = try RuleCatalog.standard(configuration: Configuration())
        let rowScopes: Set<RuleDescriptor.Scope> = [.user, .accessKey, .credential]
        let programs = catalog.rules.filter { rowScopes.contains($0.descriptor.scope) }.map(RuleProgram.init)
        // Most built-in row rules compile completely; every one compiles at least in part.
        #expect(programs.allSatisfy { $0.rowPredicate != nil })
        #expect(programs.filter { $0.rowPredicate?.exact == true }.count >= 12)

        var g = PropertyRNG(seed: 11)
        var fired = 0, evaluated = 0
        for full in [false, true] {
            let ctx = Self.context(full: full)
            let account = Value.object(ObjectRef(AccountView(ctx: ctx)))
            for _ in 0..<3_000 {
                let r = Self.row(&g)
                let s = Self.state(ctx, r)
                let user = Value.object(ObjectRef(ctx.userView(row: r, iam: nil)))
                for p in programs {
                    var contexts: [EvalContext] = []
                    switch p.descriptor.scope {
                    case .user:
                        contexts = [EvalContext(asOf: Self.asOf, variables: [user, account])]
                    case .accessKey:
                        for k in [r.accessKey1, r.accessKey2] where k.exists {
                            s.key = k
                            let c = EvalContext(asOf: Self.asOf, variables: [user, .object(ObjectRef(AccessKeyView(k))), account])
                            let general = p.condition.isTrue(c)
                            #expect(p.holds(s, c) == general, "\(p.id) on \(r)")
                            evaluated += 1; fired += general ? 1 : 0
                        }
                    default:
                        for cred in ctx.userView(row: r, iam: nil).credentials {
                            s.cred = cred
                            let c = EvalContext(asOf: Self.asOf, variables: [user, .object(ObjectRef(cred)), account])
                            let general = p.condition.isTrue(c)
                            #expect(p.holds(s, c) == general, "\(p.id) on \(r)")
                            evaluated += 1; fired += general ? 1 : 0
                        }
                    }
                    for c in contexts {
                        let general = p.condition.isTrue(c)
                        #expect(p.holds(s, c) == general, "\(p.id) on \(r)")
                        evaluated += 1; fired += general ? 1 : 0
                    }
                }
            }
        }
        // The rows exercise both answers.
        #expect(evaluated > 50_000)
        #expect(fired > 1_000)
    }
}

extension RowPredicateTests {
    /// Messages and properties rendered from the row give the general rendering, word for word.
    @Test func builtInMessagesAndPropertiesGiveTheGeneralText() throws {
        let catalog = try RuleCatalog.standard(configuration: Configuration())
        let rowScopes: Set<RuleDescriptor.Scope> = [.user, .accessKey, .credential]
        let programs = catalog.rules.filter { rowScopes.contains($0.descriptor.scope) }.map(RuleProgram.init)
        // Most messages render from the row.
        #expect(programs.filter { $0.rowText?.message != nil }.count >= 10)
        var g = PropertyRNG(seed: 23)
        var compared = 0
        for full in [false, true] {
            let ctx = Self.context(full: full)
            let account = Value.object(ObjectRef(AccountView(ctx: ctx)))
            for _ in 0..<1_500 {
                let r = Self.row(&g)
                let s = Self.state(ctx, r)
                let user = Value.object(ObjectRef(ctx.userView(row: r, iam: nil)))
                for p in programs {
                    var contexts: [EvalContext] = []
                    switch p.descriptor.scope {
                    case .user: contexts = [EvalContext(asOf: Self.asOf, variables: [user, account])]
                    case .accessKey:
                        // Messages are rendered whether or not the rule fires: every path is exercised.
                        for k in [r.accessKey1, r.accessKey2] where k.exists {
                            s.key = k
                            let c = EvalContext(asOf: Self.asOf, variables: [user, .object(ObjectRef(AccessKeyView(k))), account])
                            compare(p, c, s); compared += 1
                        }
                    default:
                        for cred in ctx.userView(row: r, iam: nil).credentials {
                            s.cred = cred
                            compare(p, EvalContext(asOf: Self.asOf, variables: [user, .object(ObjectRef(cred)), account]), s)
                            compared += 1
                        }
                    }
                    for c in contexts { compare(p, c, s); compared += 1 }
                }
            }
        }
        #expect(compared > 20_000)
    }

    private func compare(_ p: RuleProgram, _ c: EvalContext, _ s: RowState) {
        let loc = SourceLocation(path: "r.csv", line: 2)
        let general = p.finding(c, accountID: Self.account, principal: "p", name: "n", slot: "", location: loc)
        let native = p.finding(c, state: s, accountID: Self.account, principal: "p", name: "n", slot: "", location: loc)
        #expect(native.message == general.message, "\(p.id)")
        #expect(native.properties == general.properties, "\(p.id)")
    }
}
