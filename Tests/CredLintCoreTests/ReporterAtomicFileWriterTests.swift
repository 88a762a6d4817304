import Foundation
import Testing
@testable import CredLintCore

@Suite struct ReporterAtomicFileWriterTests {
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

    @Test func missingDirectoryThrowsAndLeavesNothing() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("no/such/dir/out.sarif").path
        #expect(throws: CredLintError.self) { try AtomicFileWriter.write([1, 2, 3], to: path) }
        #expect(throws: CredLintError.self) { try AtomicFileWriter.write([1], to: dir.path + "/") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
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
}
