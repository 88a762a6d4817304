import Testing
@testable import CredLintModel
@testable import CredLintExpr

@Suite struct ExprFunctionTests {
    typealias F = ExprFixture

    static func at(_ secondsBeforeAsOf: Int64) -> Value {
        .timestamp(Timestamp(micros: F.asOf.micros - secondsBeforeAsOf * 1_000_000))
    }

    /// "More than 45 days": false at exactly 45 × 86 400 s, true one second later.
    @Test(arguments: [
        (Int64(3_887_999), false), (3_888_000, false), (3_888_001, true), (0, false), (-86_400, false),
    ] as [(Int64, Bool)])
    func ageBoundary(secondsAgo: Int64, fires: Bool) throws {
        let t = Self.at(secondsAgo)
        #expect(try F.eval("age(t) > days(45)", ["t": t]) == .bool(fires))
        #expect(try F.eval("age(t) > 45d", ["t": t]) == .bool(fires))
        #expect(try F.eval("age(t) > days(params.days)", ["t": t]) == .bool(fires))
        #expect(try F.eval("t < as_of - 45d", ["t": t]) == .bool(fires))
        #expect(try F.eval("age(t) >= 45d", ["t": t]) == .bool(secondsAgo >= 45 * 86_400))
    }

    /// The access-key-unused example of docs/rule-format.md, over the test schema.
    @Test(arguments: [
        ("2025-11-16T23:59:59+00:00", Value.null, true),
        ("2024-01-01T00:00:00+00:00", F.ts("2025-11-17T00:00:00+00:00"), false),
        ("2024-01-01T00:00:00+00:00", F.ts("2025-11-16T23:59:59+00:00"), true),
    ])
    func accessKeyUnusedExamples(rotated: String, used: Value, fires: Bool) throws {
        let key = Thing(created: F.ts(rotated), lastUsed: used, active: .bool(true))
        let cond = try ExprCompiler.compile("thing.active && age(thing.last_used ?? thing.created) > days(params.days)",
                                            in: F.env(), expecting: .bool)
        #expect(cond.isTrue(F.context(["thing": key.value])) == fires)
    }

    @Test(arguments: [
        ("age(timestamp('2025-12-01T00:00:00Z'))", Value.duration(.days(31))),
        ("age(timestamp('2026-01-02T00:00:00Z'))", .duration(.days(-1))),
        ("days(3)", .duration(.days(3))),
        ("days(-3)", .duration(.days(-3))),
        ("hours(36)", .duration(.hours(36))),
        ("in_days(45d)", .int(45)),
        ("in_days(45d + 23h + 59m + 59s)", .int(45)),
        ("in_days(23h)", .int(0)),
        ("in_days(-36h)", .int(-1)),
        ("in_days(age(timestamp('2025-11-16T23:59:59Z')))", .int(45)),
        ("abs(-2d)", .duration(.days(2))),
        ("abs(2d)", .duration(.days(2))),
        ("abs(-5)", .int(5)),
        ("abs(-9223372036854775807 - 1)", .null),
        ("size([1, 2, 3])", .int(3)),
        ("size([])", .int(0)),
        ("[1, 2].size()", .int(2)),
        ("latest(timestamp('2025-01-01'), timestamp('2025-03-01'), null)", F.ts("2025-03-01")),
        ("latest(timestamp('2025-01-01'))", F.ts("2025-01-01")),
        ("latest(null, null)", .null),
        ("latest([timestamp('2025-01-01'), null, timestamp('2024-01-01')])", F.ts("2025-01-01")),
        ("latest([])", .null),
        ("earliest(timestamp('2025-01-01'), timestamp('2025-03-01'))", F.ts("2025-01-01")),
        ("earliest([null, timestamp('2025-03-01')])", F.ts("2025-03-01")),
        ("date(timestamp('2025-03-04T05:06:07Z'))", .string("2025-03-04")),
        ("date(timestamp('2025-03-04T23:30:00-02:00'))", .string("2025-03-05")),
        ("timestamp('2025-03-04')", F.ts("2025-03-04T00:00:00Z")),
        ("timestamp('2025-03-04T05:06:07+01:00')", F.ts("2025-03-04T04:06:07Z")),
        ("string(42)", .string("42")),
        ("string(true)", .string("true")),
        ("string('x')", .string("x")),
        ("string(45d)", .string("45 days")),
        ("string(timestamp('2025-03-04'))", .string("2025-03-04T00:00:00Z")),
        ("string([1, 2])", .string("1, 2")),
        ("string(null)", .null),
        ("lower('AdminUser')", .string("adminuser")),
        ("'break-glass-1'.startsWith('break-glass')", .bool(true)),
        ("'alice'.startsWith('bob')", .bool(false)),
        ("'alice@corp'.endsWith('@corp')", .bool(true)),
        ("'alice'.endsWith('A')", .bool(false)),
        ("'AdministratorAccess'.contains('Admin')", .bool(true)),
        ("'abc'.contains('')", .bool(true)),
        ("'abc'.contains('x')", .bool(false)),
        ("join(['a', 'b', 'c'], ', ')", .string("a, b, c")),
        ("join([], ', ')", .string("")),
        ("join(['a', null, 'c'], '-')", .string("a-c")),
    ])
    func functions(source: String, value: Value) throws {
        #expect(try F.eval(source) == value)
    }

    @Test(arguments: [
        ("breakglass-admin", "breakglass-*", true, true),
        ("BreakGlass-Admin", "breakglass-*", false, true),
        ("admin", "*", true, true),
        ("", "*", true, true),
        ("", "?", false, false),
        ("ab", "a?", true, true),
        ("abc", "a?", false, false),
        ("a-b-c", "a*c", true, true),
        ("a-b-d", "a*c", false, false),
        ("xaaab", "*a*b", true, true),
        ("emergency.user", "*.user", true, true),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "*a*a*a*a*a*a*a*a*c", false, false),
        ("café", "caf?", true, true),
        ("x*y", "x*y", true, true),
    ])
    func globs(subject: String, pattern: String, glob: Bool, iglob: Bool) throws {
        let v: [String: Value] = ["s": .string(subject)]
        #expect(try F.eval("glob(s, '\(pattern)')", v) == .bool(glob))
        #expect(try F.eval("iglob(s, '\(pattern)')", v) == .bool(iglob))
        // Pattern computed at run time takes the other code path.
        #expect(try F.eval("glob(s, lower('\(pattern)'))", v) == .bool(glob))
    }

    @Test func macros() throws {
        let kids = [Thing(name: .string("a"), count: .int(1), active: .bool(true)),
                    Thing(name: .string("b"), count: .int(5), active: .bool(false)),
                    Thing(name: .string("c"), count: .int(9), active: .bool(true))]
        let v: [String: Value] = ["thing": Thing(children: kids).value, "n": .int(4)]
        #expect(try F.eval("thing.children.exists(k, k.count > 8)", v) == .bool(true))
        #expect(try F.eval("thing.children.exists(k, k.count > 9)", v) == .bool(false))
        #expect(try F.eval("thing.children.all(k, k.count > 0)", v) == .bool(true))
        #expect(try F.eval("thing.children.all(k, k.active)", v) == .bool(false))
        #expect(try F.eval("thing.children.count(k, k.count > n)", v) == .int(2))
        #expect(try F.eval("thing.children.filter(k, k.active).map(k, k.name)", v) == .list([.string("a"), .string("c")]))
        #expect(try F.eval("join(thing.children.map(k, k.name + '!'), ' ')", v) == .string("a! b! c!"))
        #expect(try F.eval("[1, 2, 3].map(x, x * 2)", v) == .list([.int(2), .int(4), .int(6)]))
        #expect(try F.eval("[1, 2, 3].exists(x, x > 2)", v) == .bool(true))
        #expect(try F.eval("[].all(x, x)", v) == .bool(true))
        #expect(try F.eval("[].exists(x, x)", v) == .bool(false))
    }

    @Test func nestedMacrosUseSeparateVariables() throws {
        let a = Thing(tags: .list([.string("x"), .string("y")]))
        let b = Thing(tags: .list([.string("y")]))
        let v: [String: Value] = ["thing": Thing(children: [a, b]).value, "names": .list([.string("x"), .string("z")])]
        #expect(try F.eval("thing.children.count(c, c.tags.exists(t2, t2 in names))", v) == .int(1))
        #expect(try F.eval("thing.children.all(c, c.tags.exists(t2, t2 == 'y'))", v) == .bool(true))
        #expect(try F.eval("names.map(x, names.filter(y, y != x).size())", v) == .list([.int(1), .int(1)]))
        // The loop variable is visible only inside its macro: reusing the name afterwards is fine.
        #expect(try F.eval("names.exists(x, x == 'x') && names.exists(x, x == 'z')", v) == .bool(true))
    }

    @Test func everyDocumentedFunctionIsImplemented() {
        for f in ExprBuiltins.functions {
            let e: ExprError?
            switch f.kind {
            case .function: e = F.compileError("\(f.name)()")
            case .method: e = F.compileError((f.signature.hasPrefix("string.") ? "'s'" : "[1]") + ".\(f.name)(1, 2)")
            case .macro: e = F.compileError("[1].\(f.name)()")
            }
            // Wrong arity, not "unknown function": the compiler knows the name.
            #expect(e?.message.contains("argument") == true, "\(f.name): \(String(describing: e))")
        }
    }
}
