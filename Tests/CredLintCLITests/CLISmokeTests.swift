import Testing
import CredLintCore

@Test func versionIsSemantic() {
    #expect(CredLintVersion.current.split(separator: ".").count == 3)
}
