import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintReport

// Serialized: `namedTemporaryFilesAreRemovedWhenNotCommitted` holds more staged files than
// `AtomicFileWriter.maxOpenStaged`, a process-wide count; run beside it, another test's staged
// file falls back to a visible named one, which `missingDirectoriesAreMadeOnCommit…` must not see.
@Suite(.serialized) struct ReporterAtomicFileWriterTests {
    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func writesAndReplacesWithoutLeavingTempFiles() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.sarif").path
        try AtomicFileWriter.write(Array("old contents, longer than the new\n".utf8), to: path)
        try AtomicFileWriter.write(Array("new\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.sarif"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test func largeOutputIsWrittenWhole() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("big.sarif").path
        let bytes = SARIFReporter.render(ReporterFixtures.many(2_000))
        try AtomicFileWriter.write(bytes, to: path)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    }

    /// Missing directories are made when the file is committed, not before; a path that
    /// names a directory is refused and leaves nothing.
    @Test func missingDirectoriesAreMadeOnCommitAndDirectoryPathsRefused() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: CredLintError.self) { try AtomicFileWriter.write([1], to: dir.path + "/") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let path = dir.appendingPathComponent("no/such/dir/out.sarif").path
        let staged = try AtomicFileWriter.stage(to: path) { $0.write([1, 2, 3]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        try staged.commit()
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == [1, 2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/no/such/dir") == ["out.sarif"])
    }

    @Test func relativePathInCurrentDirectory() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cwd = FileManager.default.currentDirectoryPath
        // Exercise the no-slash branch without changing the process's working directory.
        let name = "credlint-atomic-\(UUID().uuidString).txt"
        try AtomicFileWriter.write(Array("x".utf8), to: name)
        defer { try? FileManager.default.removeItem(atPath: cwd + "/" + name) }
        #expect(FileManager.default.fileExists(atPath: cwd + "/" + name))
    }

    /// Past the number of unnamed temporary files held open at once, staged files get a
    /// name (`.out-N.credlint-…`); one that is never committed is still removed.
    @Test func namedTemporaryFilesAreRemovedWhenNotCommitted() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var staged: [AtomicFileWriter.StagedFile] = []
        for i in 0..<(AtomicFileWriter.maxOpenStaged + 4) {
            staged.append(try AtomicFileWriter.stage(to: dir.path + "/out-\(i)") { $0.write([1]) })
        }
        let visible = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(visible.allSatisfy { $0.hasPrefix(".out-") && $0.contains(".credlint-") })
        #if os(Linux)
        #expect(visible.count >= 4 && visible.count < staged.count, "\(visible.count) of \(staged.count) named")
        #endif
        staged.removeAll()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
