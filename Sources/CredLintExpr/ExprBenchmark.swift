import CredLintModel

/// A self-contained workload for `credlint-bench`: evaluates a compiled
/// condition over synthetic users and access keys and reports the time taken.
/// Not used by tests for timing (the machine is shared); tests only check it runs.
package enum ExprBenchmark {
    package struct Result: Sendable {
        package var nanoseconds: UInt64
        package var evaluations: Int
        /// How many evaluations were exactly `true` (deterministic for given arguments).
        package var fired: Int
        package var nanosecondsPerEvaluation: Double { evaluations == 0 ? 0 : Double(nanoseconds) / Double(evaluations) }
    }

    /// The access-key-unused condition (CL203) over the synthetic schema.
    package static let defaultCondition = """
        key.active && !user.is_root
        && !(user.is_break_glass && user.password_enabled == false)
        && age(key.last_used ?? key.last_rotated) > days(params.days)
        """

    /// Evaluates `condition` `iterations` times over each of `objects` synthetic
    /// (user, key) pairs. Variables: `user` (`BenchUser`: name, is_root,
    /// is_break_glass, password_enabled, last_used, keys) and `key`
    /// (`BenchKey`: slot, active, last_rotated, last_used); `params.days` = 45.
    package static func run(condition: String = defaultCondition, objects: Int = 1_000,
                           iterations: Int = 100) throws(ExprError) -> Result {
        let env = environment
        let expr = try ExprCompiler.compile(condition, in: env, expecting: .bool)
        let asOf = Timestamp(seconds: 1_767_225_600)  // 2026-01-01T00:00:00Z
        let contexts = makeContexts(count: objects, asOf: asOf)
        var fired = 0
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<iterations {
            for ctx in contexts where expr.isTrue(ctx) { fired += 1 }
        }
        let elapsed = clock.now - start
        let ns = UInt64(max(0, elapsed.components.seconds)) * 1_000_000_000
            + UInt64(max(0, elapsed.components.attoseconds / 1_000_000_000))
        return Result(nanoseconds: ns, evaluations: iterations * contexts.count, fired: fired)
    }

    final class BenchKey: Sendable {
        let slot: Int64, active: Bool
        let lastRotated: Value, lastUsed: Value
        init(slot: Int64, active: Bool, lastRotated: Value, lastUsed: Value) {
            self.slot = slot; self.active = active; self.lastRotated = lastRotated; self.lastUsed = lastUsed
        }
    }

    final class BenchUser: Sendable {
        let name: String, isRoot: Bool, isBreakGlass: Bool
        let passwordEnabled: Value, lastUsed: Value
        /// Built once: an accessor that mapped `[BenchKey]` on every read would allocate per evaluation.
        let keys: Value
        init(name: String, isRoot: Bool, isBreakGlass: Bool, passwordEnabled: Value, lastUsed: Value, keys: [BenchKey]) {
            self.name = name; self.isRoot = isRoot; self.isBreakGlass = isBreakGlass
            self.passwordEnabled = passwordEnabled; self.lastUsed = lastUsed
            self.keys = .list(keys.map { .object(ObjectRef($0)) })
        }
    }

    static var environment: ExprEnvironment {
        let key = ObjectTypeDefinition(name: "BenchKey", fields: [
            FieldDefinition("slot", .int, of: BenchKey.self) { .int($0.slot) },
            FieldDefinition("active", .bool, of: BenchKey.self) { .bool($0.active) },
            FieldDefinition("last_rotated", .timestamp, of: BenchKey.self) { $0.lastRotated },
            FieldDefinition("last_used", .timestamp, of: BenchKey.self) { $0.lastUsed },
        ])
        let user = ObjectTypeDefinition(name: "BenchUser", fields: [
            FieldDefinition("name", .string, of: BenchUser.self) { .string($0.name) },
            FieldDefinition("is_root", .bool, of: BenchUser.self) { .bool($0.isRoot) },
            FieldDefinition("is_break_glass", .bool, of: BenchUser.self) { .bool($0.isBreakGlass) },
            FieldDefinition("password_enabled", .bool, of: BenchUser.self) { $0.passwordEnabled },
            FieldDefinition("last_used", .timestamp, of: BenchUser.self) { $0.lastUsed },
            FieldDefinition("keys", .list(.object("BenchKey")), of: BenchUser.self) { $0.keys },
        ])
        return ExprEnvironment(schema: ExprSchema([key, user]),
                               variables: [("user", .object("BenchUser")), ("key", .object("BenchKey"))],
                               params: ["days": .int(45)])
    }

    /// Deterministic pseudo-random users, each with one key; about a third of the
    /// dates are absent so the null paths are exercised.
    static func makeContexts(count: Int, asOf: Timestamp) -> [EvalContext] {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int64) -> Int64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((seed >> 33) % UInt64(bound))
        }
        func date() -> Value {
            next(3) == 0 ? .null : .timestamp(Timestamp(seconds: asOf.micros / 1_000_000 - next(200 * 86_400)))
        }
        return (0..<count).map { i in
            let key = BenchKey(slot: 1 + next(2), active: next(4) != 0, lastRotated: date(), lastUsed: date())
            let user = BenchUser(name: "user\(i)", isRoot: i == 0, isBreakGlass: next(50) == 0,
                                 passwordEnabled: next(10) == 0 ? .unknown : .bool(next(2) == 0),
                                 lastUsed: date(), keys: [key])
            return EvalContext(asOf: asOf, variables: [.object(ObjectRef(user)), .object(ObjectRef(key))])
        }
    }
}
