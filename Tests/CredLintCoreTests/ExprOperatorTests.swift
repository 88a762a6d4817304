import Testing
@testable import CredLintModel
@testable import CredLintExpr

@Suite struct ExprOperatorTests {
    typealias F = ExprFixture

    @Test(arguments: [
        ("1 + 2", Value.int(3)),
        ("5 - 7", .int(-2)),
        ("3 * 4", .int(12)),
        ("-5", .int(-5)),
        ("--5", .int(5)),
        ("2 + 3 * 4 - 1", .int(13)),
        ("2d + 12h", .duration(.hours(60))),
        ("2d - 1d", .duration(.days(1))),
        ("1d - 2d", .duration(.days(-1))),
        ("2 * 3d", .duration(.days(6))),
        ("3d * 2", .duration(.days(6))),
        ("-1d", .duration(.days(-1))),
        ("timestamp('2025-01-02T00:00:00Z') - timestamp('2025-01-01T00:00:00Z')", .duration(.days(1))),
        ("timestamp('2025-01-01') - timestamp('2025-01-02')", .duration(.days(-1))),
        ("timestamp('2025-01-01') + 1d", F.ts("2025-01-02T00:00:00Z")),
        ("1d + timestamp('2025-01-01')", F.ts("2025-01-02T00:00:00Z")),
        ("timestamp('2025-01-01') - 1h", F.ts("2024-12-31T23:00:00Z")),
        ("'ab' + 'cd'", .string("abcd")),
        ("[1] + [2, 3]", .list([.int(1), .int(2), .int(3)])),
        ("[] + ['a']", .list([.string("a")])),
        // Overflow gives null, never a trap.
        ("9223372036854775807 + 1", .null),
        ("-9223372036854775807 - 2", .null),
        ("9223372036854775807 * 2", .null),
        ("106751991d * 2", .null),
        ("106751991d + 106751991d", .null),
    ])
    func arithmetic(source: String, value: Value) throws {
        #expect(try F.eval(source) == value)
    }

    @Test(arguments: [
        ("1 < 2", true), ("2 < 2", false), ("2 <= 2", true), ("3 <= 2", false),
        ("3 > 2", true), ("2 > 2", false), ("2 >= 2", true), ("1 >= 2", false),
        ("1 == 1", true), ("1 == 2", false), ("1 != 2", true), ("1 != 1", false),
        ("'a' < 'b'", true), ("'b' <= 'a'", false), ("'x' == 'x'", true), ("'x' != 'y'", true),
        ("1d < 25h", true), ("24h == 1d", true), ("1d > 1d", false), ("-1d < 0s", true),
        ("timestamp('2025-01-01') < timestamp('2025-01-02')", true),
        ("timestamp('2025-01-01') == timestamp('2025-01-01T00:00:00+00:00')", true),
        ("timestamp('2025-01-01T05:30:00+05:30') == timestamp('2025-01-01')", true),
        ("true == true", true), ("true != false", true), ("false == true", false),
        ("null == null", true), ("null != null", false),
        ("2 in [1, 2]", true), ("3 in [1, 2]", false), ("'a' in ['b', 'a']", true),
        ("'a' in []", false), ("1d in [24h]", true), ("1 in [null, 1]", true), ("null in [1]", false),
        ("null in [null]", false),
    ])
    func comparisons(source: String, result: Bool) throws {
        #expect(try F.eval(source) == .bool(result))
    }

    /// The same operators with run-time operands (no constant on either side).
    @Test(arguments: [
        ("n + m", Value.int(10)), ("n - m", .int(4)), ("n * m", .int(21)), ("-n", .int(-7)),
        ("n < m", .bool(false)), ("n > m", .bool(true)), ("n == m", .bool(false)), ("n != m", .bool(true)),
        ("n in [m, n]", .bool(true)), ("s in names", .bool(true)), ("'zz' in names", .bool(false)),
        ("t - u", .duration(.days(10))), ("u - t", .duration(.days(-10))), ("t + d", F.ts("2025-01-13T00:00:00Z")),
        ("t - d", F.ts("2025-01-09T00:00:00Z")), ("d * n", .duration(.days(14))), ("d + d", .duration(.days(4))),
        ("t > u", .bool(true)), ("d >= 2d", .bool(true)), ("s + s", .string("bb")),
        ("n ?? m", .int(7)), ("a ? n : m", .int(7)), ("!a ? n : m", .int(3)),
    ])
    func runTimeOperands(source: String, value: Value) throws {
        let values: [String: Value] = [
            "n": .int(7), "m": .int(3), "s": .string("b"), "names": .list([.string("a"), .string("b")]),
            "t": F.ts("2025-01-11"), "u": F.ts("2025-01-01"), "d": .duration(.days(2)), "a": .bool(true),
        ]
        #expect(try F.eval(source, values) == value)
    }

    @Test(arguments: [
        ("null ?? 3", Value.int(3)),
        ("1 ?? 3", .int(1)),
        ("null ?? null", .null),
        ("null ?? null ?? 'c'", .string("c")),
        ("thing.last_used ?? thing.created", F.ts("2024-01-01")),
        ("thing.count ?? 0", .int(0)),
        ("thing.active ?? false", .bool(false)),
        ("other.last_used ?? other.created", F.ts("2025-06-01")),
    ])
    func coalesce(source: String, value: Value) throws {
        let thing = Thing(count: .unknown, created: F.ts("2024-01-01"), lastUsed: .null, active: .unknown)
        let other = Thing(created: F.ts("2024-01-01"), lastUsed: F.ts("2025-06-01"))
        #expect(try F.eval(source, ["thing": thing.value, "other": other.value]) == value)
    }

    @Test(arguments: [
        ("true ? 1 : 2", Value.int(1)),
        ("false ? 1 : 2", .int(2)),
        ("1 < 2 ? 'yes' : 'no'", .string("yes")),
        ("false ? null : 'x'", .string("x")),
        ("true ? null : 'x'", .null),
        ("a ? 1 : 2", .unknown),
    ])
    func conditional(source: String, value: Value) throws {
        #expect(try F.eval(source, ["a": .null]) == value)
    }

    @Test func conditionalEvaluatesOnlyTheChosenBranch() throws {
        // The untaken branch reads a null object's list; it must not matter.
        let v = try F.eval("has(thing) ? size(thing.tags) : -1", ["thing": .null])
        #expect(v == .int(-1))
    }

    @Test func fieldAccessNavigatesObjects() throws {
        let root = Thing(name: .string("root"))
        let child = Thing(name: .string("kid"), parent: root)
        #expect(try F.eval("thing.parent.name", ["thing": child.value]) == .string("root"))
        #expect(try F.eval("thing.parent.parent.name", ["thing": child.value]) == .null)
        #expect(try F.eval("thing.name", ["thing": .unknown]) == .unknown)
        #expect(try F.eval("thing.parent.name", ["thing": .null]) == .null)
    }

    @Test func paramsAreTypedConstants() throws {
        #expect(try F.eval("params.days") == .int(45))
        #expect(try F.eval("days(params.days)") == .duration(.days(45)))
        #expect(try F.eval("params.label + 'y'") == .string("xy"))
        let expr = try ExprCompiler.compile("days(params.days) + 1d", in: F.env())
        #expect(expr.type == .duration)
        #expect(expr.constantValue == .duration(.days(46)))
    }

    @Test func paramsOfEachType() throws {
        let env = ExprEnvironment(schema: F.schema, params: [
            "on": .bool(true), "n": .int(3), "s": .string("a"), "d": .duration(.days(2)),
            "names": .list([.string("x")]),
        ])
        let e = try ExprCompiler.compile("params.on && params.n == 3 && params.s == 'a' && params.d == 2d && 'x' in params.names",
                                         in: env, expecting: .bool)
        #expect(e.isTrue(EvalContext(asOf: F.asOf)))
    }

    @Test func asOfIsTheEvaluationTime() throws {
        #expect(try F.eval("as_of") == .timestamp(F.asOf))
        let later = Timestamp(seconds: F.asOf.micros / 1_000_000 + 60)
        #expect(try F.eval("as_of - 1m", asOf: later) == .timestamp(F.asOf))
    }
}
