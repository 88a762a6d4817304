import ArgumentParser
import Testing
@testable import credlint
@testable import CredLintModel

/// Exit code 3 cannot be provoked from outside without a bug, so the mapping
/// itself is tested: an unexpected error is "internal" (3), never "findings" (1).
@Suite struct ExitCodeMappingTests {
    struct Unexpected: Error {}

    @Test func unexpectedErrorsAreInternal() {
        let o = CredLint.outcome(for: Unexpected())
        #expect(o.code == 3)
        #expect(o.message.hasPrefix("internal error:"))
    }

    @Test func inputErrorsAreTwo() {
        let o = CredLint.outcome(for: CredLintError("bad", path: "a.csv", line: 3, column: 4))
        #expect(o == (2, "a.csv:3:4: error: bad"))
    }

    @Test func usageErrorsAreTwo() {
        #expect(CredLint.outcome(for: ValidationError("nope")).code == 2)
    }

    @Test func deliberateExitCodesPassThrough() {
        #expect(CredLint.outcome(for: ExitCode(1)).code == 1)
        #expect(CredLint.outcome(for: ExitCode(0)).code == 0)
    }
}
