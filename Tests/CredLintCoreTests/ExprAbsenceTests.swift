import Testing
@testable import CredLintExpr

private let T = Value.bool(true), Fa = Value.bool(false), N = Value.null, U = Value.unknown

/// `null` and `unknown`: the semantics documented in docs/rule-language.md.
@Suite struct ExprAbsenceTests {
    typealias F = ExprFixture

    /// (a, b, a && b, a || b): Kleene logic, null acting as unknown.
    @Test(arguments: [
        (T, T, T, T), (T, Fa, Fa, T), (T, U, U, T), (T, N, U, T),
        (Fa, T, Fa, T), (Fa, Fa, Fa, Fa), (Fa, U, Fa, U), (Fa, N, Fa, U),
        (U, T, U, T), (U, Fa, Fa, U), (U, U, U, U), (U, N, U, U),
        (N, T, U, T), (N, Fa, Fa, U), (N, U, U, U), (N, N, U, U),
    ])
    func andOrTruthTable(a: Value, b: Value, and: Value, or: Value) throws {
        let vars = ["a": a, "b": b]
        #expect(try F.eval("a && b", vars) == and)
        #expect(try F.eval("a || b", vars) == or)
        // Long chains (n-ary code) agree with the two-operand code.
        #expect(try F.eval("a && b && true", vars) == and)
        #expect(try F.eval("a || b || false", vars) == or)
        #expect(try F.eval("b && a", vars) == and)
        #expect(try F.eval("b || a", vars) == or)
    }

    @Test(arguments: [(T, Fa), (Fa, T), (U, U), (N, U)])
    func notTruthTable(a: Value, not: Value) throws {
        #expect(try F.eval("!a", ["a": a]) == not)
    }

    @Test func literalNullInLogic() throws {
        #expect(try F.eval("false && null") == .bool(false))
        #expect(try F.eval("true || null") == .bool(true))
        #expect(try F.eval("true && null") == .unknown)
        #expect(try F.eval("!null") == .unknown)
    }

    @Test func shortCircuitSkipsTheRest() throws {
        // `thing` is null: reading its list would give null, but `false &&` decides first.
        #expect(try F.eval("false && thing.tags.exists(x, x == 'a')", ["thing": .null]) == .bool(false))
        #expect(try F.eval("true || thing.active", ["thing": .null]) == .bool(true))
    }

    /// A comparison with a null or unknown operand is false, whichever operator.
    @Test(arguments: ["==", "!=", "<", "<=", ">", ">="], [N, U])
    func comparisonsWithAbsentOperandsAreFalse(op: String, absent: Value) throws {
        #expect(try F.eval("n \(op) 1", ["n": absent]) == .bool(false))
        #expect(try F.eval("1 \(op) n", ["n": absent]) == .bool(false))
        #expect(try F.eval("n \(op) m", ["n": absent, "m": absent]) == .bool(false))
        #expect(try F.eval("t \(op) as_of", ["t": absent]) == .bool(false))
        #expect(try F.eval("d \(op) 45d", ["d": absent]) == .bool(false))
        #expect(try F.eval("s \(op) 'x'", ["s": absent]) == .bool(false))
        if op == "==" || op == "!=" {
            #expect(try F.eval("a \(op) true", ["a": absent]) == .bool(false))
            #expect(try F.eval("a \(op) false", ["a": absent]) == .bool(false))
        }
    }

    /// `x == null` and `x != null` test presence; `unknown` is neither.
    @Test(arguments: [
        (N, true, false, false, true, false),
        (U, false, false, false, false, true),
        (Value.int(0), false, true, true, false, false),
    ])
    func presenceTests(n: Value, eqNull: Bool, neNull: Bool, has: Bool, isNull: Bool, isUnknown: Bool) throws {
        let v = ["n": n]
        #expect(try F.eval("n == null", v) == .bool(eqNull))
        #expect(try F.eval("null == n", v) == .bool(eqNull))
        #expect(try F.eval("n != null", v) == .bool(neNull))
        #expect(try F.eval("null != n", v) == .bool(neNull))
        #expect(try F.eval("has(n)", v) == .bool(has))
        #expect(try F.eval("is_null(n)", v) == .bool(isNull))
        #expect(try F.eval("is_unknown(n)", v) == .bool(isUnknown))
    }

    @Test func presenceOfObjectsAndLists() throws {
        let thing = Thing(tags: .list([]))
        #expect(try F.eval("thing == null", ["thing": .null]) == .bool(true))
        #expect(try F.eval("thing != null", ["thing": thing.value]) == .bool(true))
        #expect(try F.eval("thing.tags != null", ["thing": thing.value]) == .bool(true))
        #expect(try F.eval("thing.dates == null", ["thing": thing.value]) == .bool(true))
    }

    /// Arithmetic and functions pass absence through: null wins over unknown.
    @Test(arguments: [
        ("n + 1", N, N), ("n + 1", U, U), ("1 - n", N, N), ("n * 2", U, U), ("-n", N, N), ("-n", U, U),
        ("n + n", N, N), ("days(n)", N, N), ("days(n)", U, U), ("hours(n)", U, U),
        ("abs(n)", N, N), ("abs(n)", U, U),
    ])
    func arithmeticPropagatesAbsence(source: String, n: Value, result: Value) throws {
        #expect(try F.eval(source, ["n": n]) == result)
    }

    @Test func nullWinsOverUnknown() throws {
        #expect(try F.eval("n + m", ["n": N, "m": U]) == N)
        #expect(try F.eval("n + m", ["n": U, "m": N]) == N)
        #expect(try F.eval("n + m", ["n": U, "m": U]) == U)
    }

    @Test(arguments: [N, U])
    func timeFunctionsPropagateAbsence(x: Value) throws {
        #expect(try F.eval("age(t)", ["t": x]) == x)
        #expect(try F.eval("t - as_of", ["t": x]) == x)
        #expect(try F.eval("t + 1d", ["t": x]) == x)
        #expect(try F.eval("d + 1d", ["d": x]) == x)
        #expect(try F.eval("in_days(d)", ["d": x]) == x)
        #expect(try F.eval("date(t)", ["t": x]) == x)
        #expect(try F.eval("string(t)", ["t": x]) == x)
        #expect(try F.eval("lower(s)", ["s": x]) == x)
        #expect(try F.eval("s.startsWith('a')", ["s": x]) == x)
        #expect(try F.eval("glob(s, 'a*')", ["s": x]) == x)
        #expect(try F.eval("timestamp(s)", ["s": x]) == x)
        // ... and a comparison on the absent result is false, so a rule does not fire.
        #expect(try F.eval("age(t) > 1d", ["t": x]) == .bool(false))
        #expect(try F.eval("!(age(t) > 1d)", ["t": x]) == .bool(true))
    }

    @Test(arguments: [N, U])
    func listsThatAreAbsent(x: Value) throws {
        let v = ["names": x]
        #expect(try F.eval("size(names)", v) == x)
        #expect(try F.eval("names.size()", v) == x)
        #expect(try F.eval("names.exists(y, y == 'a')", v) == x)
        #expect(try F.eval("names.all(y, y == 'a')", v) == x)
        #expect(try F.eval("names.filter(y, y == 'a')", v) == x)
        #expect(try F.eval("names.map(y, y + '!')", v) == x)
        #expect(try F.eval("names.count(y, y == 'a')", v) == x)
        #expect(try F.eval("join(names, ',')", v) == x)
        #expect(try F.eval("'a' in names", v) == .bool(false))
    }

    @Test(arguments: [N, U])
    func inWithAbsentElementIsFalse(x: Value) throws {
        #expect(try F.eval("s in ['a', 'b']", ["s": x]) == .bool(false))
        #expect(try F.eval("s in names", ["s": x, "names": .list([x, .string("a")])]) == .bool(false))
    }

    @Test(arguments: [N, U])
    func coalesceReplacesBoth(x: Value) throws {
        #expect(try F.eval("n ?? 5", ["n": x]) == .int(5))
        #expect(try F.eval("(n ?? 5) > 4", ["n": x]) == .bool(true))
    }

    @Test func conditionFiresOnlyOnExactlyTrue() throws {
        let expr = try ExprCompiler.compile("a", in: F.env(), expecting: .bool)
        #expect(expr.isTrue(F.context(["a": T])))
        #expect(!expr.isTrue(F.context(["a": Fa])))
        #expect(!expr.isTrue(F.context(["a": U])))
        #expect(!expr.isTrue(F.context(["a": N])))
        let negated = try ExprCompiler.compile("!a", in: F.env(), expecting: .bool)
        #expect(!negated.isTrue(F.context(["a": U])))
        #expect(!negated.isTrue(F.context(["a": N])))
    }

    /// Macros are Kleene too: `exists` is an `||` over the elements, `all` an `&&`.
    @Test(arguments: [
        ([T, Fa], T, Fa, 1), ([Fa, Fa], Fa, Fa, 0), ([T, T], T, T, 2), ([U, Fa], U, Fa, 0),
        ([U, T], T, U, 1), ([N, T], T, U, 1), ([], Fa, T, 0),
    ] as [([Value], Value, Value, Int)])
    func macrosOverAbsentElements(items: [Value], exists: Value, all: Value, count: Int) throws {
        let thing = Thing(children: items.map { Thing(active: $0) })
        let v = ["thing": thing.value]
        #expect(try F.eval("thing.children.exists(c, c.active)", v) == exists)
        #expect(try F.eval("thing.children.all(c, c.active)", v) == all)
        #expect(try F.eval("thing.children.count(c, c.active)", v) == .int(Int64(count)))
        #expect(try F.eval("size(thing.children.filter(c, c.active))", v) == .int(Int64(count)))
        #expect(try F.eval("thing.children.map(c, c.active)", v) == .list(items))
    }

    @Test func latestAndEarliestSkipNullsButNotUnknown() throws {
        let a = F.ts("2025-01-01"), b = F.ts("2025-06-01")
        #expect(try F.eval("latest(t, u)", ["t": a, "u": N]) == a)
        #expect(try F.eval("latest(t, u)", ["t": N, "u": N]) == N)
        #expect(try F.eval("latest(t, u)", ["t": a, "u": U]) == U)
        #expect(try F.eval("earliest(t, u, as_of)", ["t": N, "u": b]) == b)
        #expect(try F.eval("earliest(t, u)", ["t": U, "u": b]) == U)
    }
}
