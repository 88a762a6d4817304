import Testing
@testable import CredLintExpr

@Suite struct ExprMessageTemplateTests {
    typealias F = ExprFixture

    static func render(_ text: String, _ values: [String: Value] = [:]) throws -> String {
        try MessageTemplate.compile(text, in: F.env()).render(F.context(values))
    }

    @Test func rendersTheRuleFormatExample() throws {
        let key = Thing(name: .string("alice"), count: .int(1), created: F.ts("2024-01-01"),
                        lastUsed: F.ts("2025-11-16T12:00:00Z"))
        let text = "Access key {thing.count} of '{thing.name}' was last used {in_days(age(thing.last_used ?? thing.created))} days ago."
        #expect(try Self.render(text, ["thing": key.value]) == "Access key 1 of 'alice' was last used 45 days ago.")
    }

    @Test(arguments: [
        ("{s}", Value.string("plain"), "plain"),
        ("{n}", .int(-12), "-12"),
        ("{a}", .bool(true), "true"),
        ("{t}", F.ts("2025-03-04T05:06:07Z"), "2025-03-04T05:06:07Z"),
        ("{t}", F.ts("2025-03-04T05:06:07.5Z"), "2025-03-04T05:06:07.500000Z"),
        ("{d}", .duration(.days(45)), "45 days"),
        ("{d}", .duration(.days(1)), "1 day"),
        ("{d}", .duration(.hours(47)), "1 day"),
        ("{d}", .duration(.hours(3)), "3 hours"),
        ("{d}", .duration(.seconds(60)), "1 minute"),
        ("{d}", .duration(.seconds(5)), "5 seconds"),
        ("{d}", .duration(.seconds(0)), "0 seconds"),
        ("{d}", .duration(.days(-2)), "-2 days"),
        ("{names}", .list([.string("a"), .string("b")]), "a, b"),
        ("{names}", .list([]), ""),
        ("{s}", .null, "n/a"),
        ("{s}", .unknown, "unknown"),
        ("{s ?? 'never'}", .null, "never"),
        ("{date(t)}", F.ts("2025-03-04T05:06:07Z"), "2025-03-04"),
    ])
    func rendering(text: String, value: Value, expected: String) throws {
        // Every scalar variable holds the value; the placeholder picks the one of the right type.
        let values = Dictionary(uniqueKeysWithValues: ["s", "n", "a", "t", "d", "names"].map { ($0, value) })
        #expect(try Self.render(text, values) == expected)
    }

    @Test func literalBracesAndConstants() throws {
        #expect(try Self.render("{{literal}} and }}") == "{literal} and }")
        #expect(try Self.render("no placeholders") == "no placeholders")
        #expect(try Self.render("") == "")
        #expect(try Self.render("{params.days} days, {1 + 1}") == "45 days, 2")
        #expect(try Self.render("{join(['a', 'b'], '}{')}") == "a}{b")
        #expect(try Self.render("{ s }", ["s": .string("spaced")]) == "spaced")
        #expect(try Self.render("café {s}", ["s": .string("é")]) == "café é")
        #expect(try Self.render("{names.map(x, x + '!')}", ["names": .list([.string("a"), .string("b")])]) == "a!, b!")
    }

    @Test(arguments: [
        ("a } b", 1, 3, "found '}' outside a placeholder, expected '}}' for a literal brace"),
        ("a {} b", 1, 3, "found an empty placeholder '{}', expected an expression inside, or '{{' for a literal brace"),
        ("end {", 1, 5, "found '{' at the end of the message, expected an expression and '}', or '{{' for a literal brace"),
        ("x {thing.nme}", 1, 10, "unknown field 'nme' of Thing; did you mean 'name'?"),
        ("{thing}", 1, 2, "found a Thing in a message, which has no text form; pick a field such as .name"),
        ("{thing.children}", 1, 2, "found a list<Thing> in a message, which has no text form; pick a field such as .name"),
        ("{thing.name", 1, 12, "found the end of the expression, expected '}' closing the placeholder opened at column 1"),
        ("{s s}", 1, 4, "found 's', expected '}' closing the placeholder opened at column 1"),
        ("line one\nline {two}", 2, 7, "unknown name 'two'; did you mean 't'? (names here: 'thing', 'other', 'a', 'b', 'n', 'm', 's', 't', 'u', 'd', 'names', 'as_of', 'params')"),
        ("{'unterminated}", 1, 2, "unterminated string: expected a closing ' on the same line"),
    ])
    func templateErrors(text: String, line: Int, column: Int, message: String) {
        #expect(throws: ExprError(line: line, column: column, message: message)) {
            try MessageTemplate.compile(text, in: F.env())
        }
    }

    @Test func templateLengthIsCapped() {
        let text = String(repeating: "x", count: 20_000)
        #expect(throws: ExprError(line: 1, column: 1, message: "message is 20000 bytes long, expected at most 16384")) {
            try MessageTemplate.compile(text, in: F.env())
        }
    }
}
