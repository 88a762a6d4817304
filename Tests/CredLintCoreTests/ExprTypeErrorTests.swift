import Testing
@testable import CredLintModel
@testable import CredLintExpr

@Suite struct ExprTypeErrorTests {
    typealias F = ExprFixture

    /// (source, line, column, the whole message).
    @Test(arguments: [
        ("thing.nmae == 'x'", 1, 7, "unknown field 'nmae' of Thing; did you mean 'name'?"),
        ("thing.last", 1, 7, "unknown field 'last' of Thing; did you mean 'last_used'?"),
        ("thing.LAST_USED", 1, 7, "unknown field 'LAST_USED' of Thing; did you mean 'last_used'?"),
        ("thing.zzz", 1, 7, "unknown field 'zzz' of Thing"),
        ("thng.name", 1, 1, "unknown name 'thng'; did you mean 'thing'? (names here: 'thing', 'other', 'a', 'b', 'n', 'm', 's', 't', 'u', 'd', 'names', 'as_of', 'params')"),
        ("params.dayz", 1, 8, "unknown parameter 'params.dayz'; did you mean 'days'?"),
        ("params", 1, 1, "found 'params' alone, expected a parameter such as params.days (this rule has params.days, params.label)"),
        ("agee(t)", 1, 1, "unknown function 'agee'; did you mean 'age'?"),
        ("lastest(t, u)", 1, 1, "unknown function 'lastest'; did you mean 'latest'?"),
        ("age", 1, 1, "found function 'age' without arguments, expected a call such as age(...)"),
        ("age(1)", 1, 5, "found an int as the argument of age(), expected a timestamp"),
        ("age(d)", 1, 5, "found a duration as the argument of age(), expected a timestamp; as_of - d gives the time d before as_of"),
        ("age(t, t)", 1, 1, "found 2 arguments to age(), expected 1: age(timestamp)"),
        ("days(45d)", 1, 6, "found a duration as the argument of days(), expected an int; in_days(d) gives whole days"),
        ("thing.count > 1d", 1, 13, "found '>' between an int and a duration, expected two values of the same type; write days(n), hours(n) or a literal such as 45d"),
        ("age(thing.created) > 45", 1, 20, "found '>' between a duration and an int, expected two values of the same type; write days(n), hours(n) or a literal such as 45d"),
        ("t > 45d", 1, 3, "found '>' between a timestamp and a duration, expected two values of the same type; as_of - d gives the time d before as_of"),
        ("a < b", 1, 3, "found '<' between a bool and a bool, expected an int, string, timestamp or duration"),
        ("names == []", 1, 7, "found '==' between a list<string> and a list<null>, expected a bool, int, string, timestamp or duration; use size(), 'in' or a macro such as exists()"),
        ("thing == other", 1, 7, "found '==' between a Thing and a Thing, expected a bool, int, string, timestamp or duration"),
        ("1 + 'a'", 1, 3, "found '+' between an int and a string, which it does not combine"),
        ("t + t", 1, 3, "found '+' between a timestamp and a timestamp, which it does not combine; subtract timestamps to get a duration"),
        ("d + 1", 1, 3, "found '+' between a duration and an int, which it does not combine; write days(n), hours(n) or a literal such as 45d for a duration"),
        ("d * d", 1, 3, "found '*' between a duration and a duration, which it does not combine"),
        ("-s", 1, 1, "found '-' applied to a string, expected an int or a duration"),
        ("!n", 1, 1, "found '!' applied to an int, expected a bool"),
        ("a && n", 1, 6, "found an int as an operand of '&&', expected a bool; compare it, or test presence with has(x)"),
        ("names || a", 1, 1, "found a list<string> as an operand of '||', expected a bool; use size(x) > 0 or a macro such as exists()"),
        ("n ? 1 : 2", 1, 1, "found an int as the condition of '?:', expected a bool; compare it, or test presence with has(x)"),
        ("a ? 1 : 'x'", 1, 3, "found branches of '?:' of different types, int and string, expected one type"),
        ("n ?? 'x'", 1, 3, "found '??' between an int and a string, expected two values of the same type"),
        ("[1, 'a']", 1, 5, "found a string in a list of int, expected every element to have the same type"),
        ("s in 'abc'", 1, 3, "found 'in' with a string on its right, expected a list; for a substring write s.contains(part)"),
        ("n in names", 1, 3, "found 'in' looking for an int in a list<string>, expected an element of type string"),
        ("s.lower()", 1, 3, "found 'lower' called as a method, expected a function call such as lower(x)"),
        ("startsWith(s, 'a')", 1, 1, "found 'startsWith' called as a function, expected a method call such as x.startsWith(...)"),
        ("s.startWith('a')", 1, 3, "unknown method 'startWith' of string; did you mean 'startsWith'?"),
        ("s.size()", 1, 3, "found method 'size' on a string; size() is a method of lists"),
        ("n.startsWith('a')", 1, 3, "found method 'startsWith' on an int; startsWith() is a method of strings"),
        ("names.contains('a')", 1, 7, "found list.contains(), expected 'x in list'"),
        ("names.exist(x, x == 'a')", 1, 7, "unknown method 'exist' of list<string>; did you mean 'exists'?"),
        ("thing.name()", 1, 7, "found 'name()' called as a method, but 'name' is a field of Thing; drop the ()"),
        ("thing.children.name", 1, 16, "found field 'name' on a list<Thing>, expected an object; use a macro such as .exists(x, x.name) or .map(x, x.name)"),
        ("s.length", 1, 3, "found field 'length' on a string, which has no fields"),
        ("thing.tags.exists(thing, true)", 1, 19, "found loop variable 'thing', which is already a name here; pick another"),
        ("names.exists(x.y, true)", 1, 14, "found an expression as the first argument of exists(), expected a variable name such as x"),
        ("names.exists(x, x)", 1, 17, "found a string as the condition of exists(), expected a bool; compare it, or test presence with has(x)"),
        ("names.all(x)", 1, 7, "found 1 argument to all(), expected 2: list.all(x, condition)"),
        ("size('abc')", 1, 6, "found a string as the argument of size(), expected a list; strings have no size() here"),
        ("timestamp('2025-02-30')", 1, 11, "found '2025-02-30', expected a timestamp such as '2025-01-31T00:00:00Z' or a date such as '2025-01-31'"),
        ("latest()", 1, 1, "found 0 arguments to latest(), expected timestamps or one list<timestamp>"),
        ("latest(names)", 1, 8, "found a list<string> as the argument of latest(), expected timestamps or one list<timestamp>"),
        ("latest(t, 1)", 1, 11, "found an int as the argument of latest(), expected a timestamp"),
        ("abs(s)", 1, 5, "found a string as the argument of abs(), expected a duration or an int"),
        ("join(names, 1)", 1, 13, "found an int as the argument of join(), expected a string"),
        ("join([1], ',')", 1, 6, "found a list<int> as the argument of join(), expected a list<string>"),
        ("string(thing)", 1, 8, "found a Thing in string(), which has no text form; pick a field such as .name"),
        ("string(thing.children)", 1, 8, "found a list<Thing> in string(), which has no text form; pick a field such as .name"),
        ("thing.active\n  && thing.nme == 'x'", 2, 12, "unknown field 'nme' of Thing; did you mean 'name'?"),
        ("a &&\n\tb &&\n\tn", 3, 2, "found an int as an operand of '&&', expected a bool; compare it, or test presence with has(x)"),
        ("'é' == thing.nam", 1, 14, "unknown field 'nam' of Thing; did you mean 'name'?"),
    ])
    func typeErrors(source: String, line: Int, column: Int, message: String) {
        let e = F.compileError(source)
        #expect(e == ExprError(line: line, column: column, message: message))
    }

    @Test(arguments: [
        ("thing.name", "found a string expression, expected a bool condition; compare it, or test presence with has(x)"),
        ("age(t)", "found a duration expression, expected a bool condition; compare it, or test presence with has(x)"),
        ("thing.tags", "found a list<string> expression, expected a bool condition; use size(x) > 0 or a macro such as exists()"),
    ])
    func conditionsMustBeBool(source: String, message: String) {
        #expect(F.compileError(source, expecting: .bool) == ExprError(line: 1, column: 1, message: message))
    }

    @Test func nullAndUnknownConditionTypesAreAccepted() throws {
        #expect(F.compileError("null", expecting: .bool) == nil)
        #expect(F.compileError("a ?? null", expecting: .bool) == nil)
        #expect(F.compileError("age(t)", expecting: .duration) == nil)
        #expect(F.compileError("n", expecting: .duration)?.message == "found an int expression, expected a duration; write days(n), hours(n) or a literal such as 45d")
    }

    @Test func noParamsMeansNoSuggestions() {
        let env = ExprEnvironment(schema: F.schema)
        #expect(throws: ExprError(line: 1, column: 8, message: "unknown parameter 'params.days' (this rule has no params)")) {
            try ExprCompiler.compile("params.days", in: env)
        }
    }

    @Test func errorLocatedInAFile() {
        let e = ExprError(line: 1, column: 5, message: "m")
        #expect(e.located(path: "r.yml", line: 10, column: 12) == CredLintError("m", path: "r.yml", line: 10, column: 16))
        let e2 = ExprError(line: 3, column: 2, message: "m")
        #expect(e2.located(path: "r.yml", line: 10, column: 3, indent: 2) == CredLintError("m", path: "r.yml", line: 12, column: 4))
        #expect(e2.description == "3:2: m")
    }

    @Test(arguments: [
        ("last", ["last_used", "name"], "last_used"),
        ("nmae", ["name", "names"], "name"),
        ("usr", ["user", "key"], "user"),
        ("x", ["y", "z"], nil),
        ("ab", ["abcdef"], nil),
        ("password_last", ["password_last_used", "password_last_changed"], "password_last_used"),
        ("completely_different", ["name"], nil),
    ] as [(String, [String], String?)])
    func suggestions(name: String, candidates: [String], best: String?) {
        #expect(NameSuggestion.best(for: name, among: candidates) == best)
    }
}
