import Testing
@testable import CredLintExpr

@Suite struct ExprConcurrencyTests {
    typealias F = ExprFixture

    /// One compiled expression and template, evaluated from many tasks at once
    /// (macros included, which use per-evaluation loop slots), give every task the serial answers.
    @Test func compiledCodeIsSharedSafely() async throws {
        let expr = try ExprCompiler.compile(
            "thing.children.count(c, c.active && c.tags.exists(x, x == 'k'))", in: F.env())
        let message = try MessageTemplate.compile("{thing.name}: {thing.children.filter(c, c.active).map(c, c.name)}", in: F.env())
        let contexts: [EvalContext] = (0..<64).map { i in
            let kids = (0..<(i % 5)).map { j in
                Thing(name: .string("c\(j)"), active: .bool(j % 2 == 0), tags: .list([.string(j % 3 == 0 ? "k" : "z")]))
            }
            return F.context(["thing": Thing(name: .string("t\(i)"), children: kids).value])
        }
        let serial = contexts.map { (expr.evaluate($0), message.render($0)) }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var bad = 0
                    for _ in 0..<50 {
                        for (i, ctx) in contexts.enumerated() {
                            if expr.evaluate(ctx) != serial[i].0 || message.render(ctx) != serial[i].1 { bad += 1 }
                        }
                    }
                    return bad
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        #expect(serial[4].0 == .int(1))
        #expect(serial[4].1 == "t4: c0, c2")
    }
}
