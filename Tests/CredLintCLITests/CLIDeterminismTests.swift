import Foundation
import Testing

/// Same inputs and `--as-of` give the same bytes, run after run and whatever `--jobs` is.
@Suite struct CLIDeterminismTests {
    @Test(arguments: CLIGoldenTests.formats)
    func sameBytesEveryRun(format: String) throws {
        let first = try CLI.lint(["samples/"], ["--format", format])
        #expect(first.status == 1, "\(first.err)")
        #expect(!first.stdout.isEmpty)
        CLIGoldenTests.expectPortable(first.stdout)
        let again = try CLI.lint(["samples/"], ["--format", format])
        #expect(again.stdout == first.stdout, "second run differs:\n\(Golden.diff(expected: first.stdout, actual: again.stdout))")
        for jobs in ["1", "2"] {
            let r = try CLI.lint(["samples/"], ["--format", format, "--jobs", jobs])
            #expect(r.status == 1)
            #expect(r.stdout == first.stdout, "--jobs \(jobs) differs:\n\(Golden.diff(expected: first.stdout, actual: r.stdout))")
        }
    }

    /// `--output` files are the same bytes as the stdout of that format.
    @Test func outputFileEqualsStdout() throws {
        let dir = try Scratch()
        let sarif = dir.url.appendingPathComponent("out/credlint.sarif").path
        let r = try CLI.lint(["samples/"], ["--format", "sarif", "--output", "sarif=\(sarif)", "--output", "junit=\(dir.path)/j.xml"])
        #expect(r.status == 1)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: sarif))) == r.stdout)
        let junit = try CLI.lint(["samples/"], ["--format", "junit"])
        #expect(try [UInt8](Data(contentsOf: dir.url.appendingPathComponent("j.xml"))) == junit.stdout)
    }

    /// `{account}` in an output path writes one SARIF per account, each with its own category.
    @Test func perAccountOutputs() throws {
        let dir = try Scratch()
        let r = try CLI.lint(["samples/"], ["--format", "text", "--output", "sarif=\(dir.path)/{account}.sarif"])
        #expect(r.status == 1)
        for account in ["111111111111", "222222222222", "333333333333"] {
            let text = String(decoding: try Data(contentsOf: dir.url.appendingPathComponent("\(account).sarif")), as: UTF8.self)
            #expect(text.contains("\"id\": \"credlint/\(account)/\""))
        }
    }
}
