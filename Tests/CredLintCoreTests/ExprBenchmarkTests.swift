import Testing
@testable import CredLintExpr

/// The benchmark workload runs and is deterministic; its timing is not asserted.
@Suite struct ExprBenchmarkTests {
    @Test func benchmarkRunsDeterministically() throws {
        let first = try ExprBenchmark.run(objects: 200, iterations: 2)
        let second = try ExprBenchmark.run(objects: 200, iterations: 2)
        #expect(first.evaluations == 400)
        #expect(first.fired == second.fired)
        #expect(first.fired > 0 && first.fired < first.evaluations)
        #expect(first.fired % 2 == 0)  // each iteration fires on the same objects
    }

    @Test func benchmarkAcceptsOtherConditions() throws {
        let all = try ExprBenchmark.run(condition: "user.keys.exists(k, k.slot >= 1)", objects: 10, iterations: 1)
        #expect(all.fired == 10)
        #expect(throws: ExprError.self) { try ExprBenchmark.run(condition: "user.nope", objects: 1, iterations: 1) }
    }
}
