import Testing
@testable import CredLintExpr

@Suite struct ExprParserTests {
    @Test(arguments: [
        ("a || b && c", "(|| a (&& b c))"),
        ("a && b || c", "(|| (&& a b) c)"),
        ("a || b || c", "(|| a b c)"),
        ("!a && b", "(&& (! a) b)"),
        ("!!a", "(! (! a))"),
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("(1 - 2) * 3", "(* (- 1 2) 3)"),
        ("-x.y", "(- (. x y))"),
        ("a ?? b ?? c", "(?? a (?? b c))"),
        ("x ?? y > z", "(> (?? x y) z)"),
        ("x ?? y + z", "(?? x (+ y z))"),
        ("a == b && c != d", "(&& (== a b) (!= c d))"),
        ("x in [1, 2] && b", "(&& (in x [1 2]) b)"),
        ("c ? a : b ? d : e", "(? c a (? b d e))"),
        ("a || b ? c : d", "(? (|| a b) c d)"),
        ("c ? a ? 1 : 2 : 3", "(? c (? a 1 2) 3)"),
        ("age(k.last_used ?? k.created) > days(p.days)", "(> (age (?? (. k last_used) (. k created))) (days (. p days)))"),
        ("l.exists(x, x.a && !x.b)", "(.exists l x (&& (. x a) (! (. x b))))"),
        ("s.startsWith('a')", "(.startsWith s 'a')"),
        ("a.b.c", "(. (. a b) c)"),
        ("f()", "(f)"),
        ("[]", "[]"),
        ("[1, 2,]", "[1 2]"),
        ("  a\n&&\tb  ", "(&& a b)"),
    ])
    func precedence(source: String, tree: String) throws {
        #expect(try ExprParser.parse(source).sexpr == tree)
    }

    @Test(arguments: [
        ("true", Value.bool(true)),
        ("false", .bool(false)),
        ("null", .null),
        ("0", .int(0)),
        ("9223372036854775807", .int(Int64.max)),
        ("'it\\'s'", .string("it's")),
        ("\"say \\\"hi\\\"\"", .string("say \"hi\"")),
        ("'a\\\\b'", .string("a\\b")),
        ("'tab\\tnl\\ncr\\r'", .string("tab\tnl\ncr\r")),
        ("'caf\\u{e9}'", .string("café")),
        ("'{}'", .string("{}")),
        ("\"\"", .string("")),
        ("45d", .duration(.days(45))),
        ("24h", .duration(.hours(24))),
        ("30m", .duration(.seconds(1_800))),
        ("10s", .duration(.seconds(10))),
        ("1d12h", .duration(.hours(36))),
        ("1d2h3m4s", .duration(.seconds(93_784))),
        ("0s", .duration(.seconds(0))),
        ("[1, 2]", .list([.int(1), .int(2)])),
        ("['a', null]", .list([.string("a"), .null])),
        ("[]", .list([])),
    ])
    func literals(source: String, value: Value) throws {
        #expect(try ExprFixture.eval(source) == value)
    }

    @Test(arguments: [
        ("1 = 2", 1, 3, "found '=', expected '=='"),
        ("a & b", 1, 3, "found '&', expected '&&'"),
        ("a | b", 1, 3, "found '|', expected '||'"),
        ("'abc", 1, 1, "unterminated string"),
        ("a &&\n  'abc", 2, 3, "unterminated string"),
        ("12x", 1, 3, "found '12x', expected a number or a duration"),
        ("5ms", 1, 2, "found '5ms'"),
        ("12h1d", 1, 5, "largest to smallest"),
        ("1d1d", 1, 4, "largest to smallest"),
        ("1d12", 1, 3, "without a unit"),
        ("99999999999999999999", 1, 1, "number too large"),
        ("106751992d", 1, 1, "duration too large"),
        ("'\\q'", 1, 2, "unknown escape '\\q'"),
        ("'\\u{110000}'", 1, 2, "invalid \\u{...}"),
        ("'\\u{zz}'", 1, 2, "non-hex digit"),
        ("a # b", 1, 3, "unexpected character '#'"),
        ("a é", 1, 3, "unexpected character 'é'"),
        ("é == 1", 1, 1, "unexpected character 'é'"),
        ("'é' == a é", 1, 10, "unexpected character 'é'"),
        ("a.", 1, 3, "found the end of the expression, expected a field or method name"),
        ("a.1", 1, 3, "expected a field or method name"),
        ("(a", 1, 3, "expected ')'"),
        ("f(a b)", 1, 5, "found 'b', expected ',' or ')'"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("a b", 1, 3, "found 'b', expected an operator or the end of the expression"),
        ("", 1, 1, "empty expression"),
        ("   ", 1, 1, "empty expression"),
        ("a < b < c", 1, 7, "does not chain"),
        ("a == b != c", 1, 8, "does not chain"),
        ("&& a", 1, 1, "found '&&', expected a value"),
        ("c ? a", 1, 6, "expected ':'"),
        ("{a}", 1, 1, "found '{'"),
    ])
    func syntaxErrors(source: String, line: Int, column: Int, message: String) {
        let e = ExprFixture.compileError(source)
        #expect(e?.line == line)
        #expect(e?.column == column)
        #expect(e?.message.contains(message) == true, "\(String(describing: e))")
    }

    @Test func nestingUpToTheCapCompiles() throws {
        let source = String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60)
        #expect(try ExprFixture.eval(source) == .int(1))
        let unary = String(repeating: "!", count: 60) + "true"
        #expect(try ExprFixture.eval(unary) == .bool(true))
    }

    @Test(arguments: [
        String(repeating: "(", count: 65) + "1" + String(repeating: ")", count: 65),
        String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000),
        String(repeating: "!", count: 10_000) + "a",
        String(repeating: "-", count: 10_000) + "1",
        String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000),
        String(repeating: "f(", count: 3_000) + String(repeating: ")", count: 3_000),
        String(repeating: "1 + ", count: 100) + "1",
        String(repeating: "n ?? ", count: 100) + "1",
        "thing" + String(repeating: ".parent", count: 100),
        String(repeating: "a ? ", count: 100) + "1" + String(repeating: " : 2", count: 100),
    ])
    func deepNestingIsAnErrorNotACrash(source: String) {
        let e = ExprFixture.compileError(source)
        #expect(e?.message.contains("nested more than 64 levels") == true, "\(String(describing: e))")
    }

    @Test func longFlatChainsAreNotNesting() throws {
        let chain = Array(repeating: "a", count: 1_000).joined(separator: " && ")
        #expect(try ExprFixture.eval(chain, ["a": .bool(true)]) == .bool(true))
        let list = "n in [" + (1...2_000).map(String.init).joined(separator: ", ") + "]"
        #expect(try ExprFixture.eval(list, ["n": .int(1_999)]) == .bool(true))
    }

    @Test func sourceLengthIsCapped() {
        let ok = "s == '" + String(repeating: "x", count: 16_000) + "'"
        #expect(ExprFixture.compileError(ok) == nil)
        let long = "s == '" + String(repeating: "x", count: 16_400) + "'"
        let e = ExprFixture.compileError(long)
        #expect(e == ExprError(line: 1, column: 1, message: "expression is 16407 bytes long, expected at most 16384"))
    }

    @Test(arguments: ["true", "45", "-7", "45d", "1d12h", "-2h", "hello", "45 days", "", "1e3"])
    func paramTextBecomesTypedValue(text: String) {
        let expected: Value = switch text {
        case "true": .bool(true)
        case "45": .int(45)
        case "-7": .int(-7)
        case "45d": .duration(.days(45))
        case "1d12h": .duration(.hours(36))
        case "-2h": .duration(.hours(-2))
        default: .string(text)
        }
        #expect(Value.param(text) == expected)
    }
}
