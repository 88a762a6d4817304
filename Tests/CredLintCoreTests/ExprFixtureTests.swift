import Testing
@testable import CredLintModel
@testable import CredLintExpr

/// A tiny object type for the expression tests: one field of every type.
final class Thing: Sendable {
    let name: Value, count: Value, created: Value, lastUsed: Value, active: Value
    let tags: Value, dates: Value, ttl: Value
    let children: [Thing]
    let parent: Thing?

    init(name: Value = .null, count: Value = .null, created: Value = .null, lastUsed: Value = .null,
         active: Value = .null, tags: Value = .null, dates: Value = .null, ttl: Value = .null,
         children: [Thing] = [], parent: Thing? = nil) {
        self.name = name; self.count = count; self.created = created; self.lastUsed = lastUsed
        self.active = active; self.tags = tags; self.dates = dates; self.ttl = ttl
        self.children = children; self.parent = parent
    }

    var value: Value { .object(ObjectRef(self)) }
}

/// Schema, environment and helpers shared by the `Expr*Tests` suites.
enum ExprFixture {
    /// The as-of time of every test unless it says otherwise.
    static let asOf = ISO8601.parse("2026-01-01T00:00:00Z")!

    static func ts(_ s: String) -> Value { .timestamp(ISO8601.parseDateOrTimestamp(s)!) }

    static let thingType = ObjectTypeDefinition(name: "Thing", doc: "a test object", fields: [
        FieldDefinition("name", .string, doc: "a string", of: Thing.self) { $0.name },
        FieldDefinition("count", .int, of: Thing.self) { $0.count },
        FieldDefinition("created", .timestamp, of: Thing.self) { $0.created },
        FieldDefinition("last_used", .timestamp, of: Thing.self) { $0.lastUsed },
        FieldDefinition("active", .bool, of: Thing.self) { $0.active },
        FieldDefinition("tags", .list(.string), of: Thing.self) { $0.tags },
        FieldDefinition("dates", .list(.timestamp), of: Thing.self) { $0.dates },
        FieldDefinition("ttl", .duration, of: Thing.self) { $0.ttl },
        FieldDefinition("children", .list(.object("Thing")), of: Thing.self) { t in
            .list(t.children.map(\.value))
        },
        FieldDefinition("parent", .object("Thing"), of: Thing.self) { t in t.parent?.value ?? .null },
    ])

    static let schema = ExprSchema([thingType])

    /// Variables of the test scope, in slot order.
    static let variables: [(name: String, type: ExprType)] = [
        ("thing", .object("Thing")), ("other", .object("Thing")),
        ("a", .bool), ("b", .bool), ("n", .int), ("m", .int), ("s", .string),
        ("t", .timestamp), ("u", .timestamp), ("d", .duration), ("names", .list(.string)),
    ]

    static func env(params: [String: Value] = ["days": .int(45), "label": .string("x")]) -> ExprEnvironment {
        ExprEnvironment(schema: schema, variables: variables, params: params)
    }

    /// A context giving each named variable its value; the others are null.
    static func context(_ values: [String: Value], asOf: Timestamp = asOf) -> EvalContext {
        EvalContext(asOf: asOf, variables: variables.map { values[$0.name] ?? .null })
    }

    /// Compiles and evaluates, with and without constant folding, and checks both agree.
    static func eval(_ source: String, _ values: [String: Value] = [:], asOf: Timestamp = asOf,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Value {
        let folded = try ExprCompiler.compile(source, in: env(), expecting: nil, folding: true)
        let unfolded = try ExprCompiler.compile(source, in: env(), expecting: nil, folding: false)
        let ctx = context(values, asOf: asOf)
        let v = folded.evaluate(ctx)
        #expect(unfolded.evaluate(ctx) == v, "folded and unfolded disagree on \(source)", sourceLocation: sourceLocation)
        return v
    }

    /// The compile error for `source`, or nil when it compiles.
    static func compileError(_ source: String, expecting: ExprType? = nil) -> ExprError? {
        do {
            _ = try ExprCompiler.compile(source, in: env(), expecting: expecting)
            return nil
        } catch {
            return error
        }
    }
}

@Suite struct ExprFixtureTests {
    @Test func schemaIsConsistent() {
        #expect(ExprFixture.schema.problems().isEmpty)
        #expect(ExprFixture.schema.field("last_used", of: "Thing")?.type == .timestamp)
        #expect(ExprFixture.schema.field("nope", of: "Thing") == nil)
    }

    @Test func schemaReportsUnregisteredObjectTypes() {
        let broken = ExprSchema([ObjectTypeDefinition(name: "A", fields: [
            FieldDefinition(name: "b", type: .list(.object("B"))) { _ in Value.null },
        ])])
        #expect(broken.problems() == ["A.b: unknown object type 'B'"])
    }

    @Test func accessorOfTheWrongClassGivesNull() throws {
        final class Other: Sendable {}
        let v = try ExprFixture.eval("thing.name", ["thing": .object(ObjectRef(Other()))])
        #expect(v == .null)
    }

    @Test func objectRefBoxesValueTypes() throws {
        struct Plain: Sendable { var name: String }
        let type = ObjectTypeDefinition(name: "Plain", fields: [
            FieldDefinition(name: "name", type: .string) { ref in ref.unboxed(Plain.self).map { .string($0.name) } ?? .null },
        ])
        let env = ExprEnvironment(schema: ExprSchema([type]), variables: [("p", .object("Plain"))])
        let expr = try ExprCompiler.compile("p.name + '!'", in: env)
        let ref = ObjectRef(boxing: Plain(name: "x"))
        #expect(expr.evaluate(EvalContext(asOf: ExprFixture.asOf, variables: [.object(ref)])) == .string("x!"))
        #expect(ref.unboxed(Int.self) == nil)
        #expect(ref.isSame(as: ref) && !ref.isSame(as: ObjectRef(boxing: Plain(name: "x"))))
        #expect(Value.object(ref) == .object(ref))
    }
}
