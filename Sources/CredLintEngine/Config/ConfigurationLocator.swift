import Foundation
import CredLintModel

/// Finds the configuration file when `--config` is not given: `.credlint.yml` or
/// `.credlint.yaml` in the working directory, else in each parent up to and including
/// the repository root (the nearest folder holding `.git`, a directory or a worktree's
/// file). Outside a repository only the working directory is searched, so a stray file
/// in a home directory never changes a run elsewhere. The nearest folder with a file wins;
/// a folder with both names is an error, since which one applies would be a guess.
package struct ConfigurationLocator: Sendable {
    /// The names looked for, in the order they are reported.
    package static let fileNames = [".credlint.yml", ".credlint.yaml"]

    /// Where the search looked and what it found.
    package struct Search: Sendable, Equatable {
        /// The file found: a path to open and the same path as shown (relative to the
        /// working directory, `../.credlint.yml` for a parent's), nil when none was found.
        package var path: String?
        package var shown: String?
        /// The folders searched, nearest first, as shown (`.`, `..`, …).
        package var searched: [String]
        /// The repository root as shown, nil outside a repository.
        package var repositoryRoot: String?
    }

    /// The working directory's absolute path.
    package let directory: String

    package init(directory: String = FileManager.default.currentDirectoryPath) {
        self.directory = directory
    }

    package func search() throws -> Search {
        let folders = Self.ancestors(of: directory)
        let root = folders.firstIndex { FileManager.default.fileExists(atPath: Self.join($0, ".git")) }
        // Outside a repository: the working directory only.
        let candidates = root.map { Array(folders[...$0]) } ?? [folders[0]]
        var search = Search(path: nil, shown: nil, searched: [], repositoryRoot: root.map { Self.shown(depth: $0) })
        for (depth, folder) in candidates.enumerated() {
            search.searched.append(Self.shown(depth: depth))
            let present = Self.fileNames.filter { FileManager.default.fileExists(atPath: Self.join(folder, $0)) }
            let shownNames = present.map { Self.shown(depth: depth, file: $0) }
            if present.count > 1 {
                throw CredLintError("both \(shownNames.joined(separator: " and ")) exist; expected one configuration file (remove one, or choose with --config)",
                                    path: shownNames[0])
            }
            if let name = present.first {
                search.path = Self.join(folder, name)
                search.shown = shownNames[0]
                return search
            }
        }
        return search
    }

    /// `directory` and its parents, nearest first, ending with `/`.
    static func ancestors(of directory: String) -> [String] {
        var out: [String] = []
        var d = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        while true {
            out.append(d)
            let parent = FileIO.parent(d)
            if parent == d || d == "/" { break }
            d = parent
        }
        return out
    }

    static func join(_ dir: String, _ name: String) -> String { dir.hasSuffix("/") ? dir + name : dir + "/" + name }

    /// The folder `depth` levels above the working directory, as shown: `.`, `..`, `../..`.
    static func shown(depth: Int) -> String {
        depth == 0 ? "." : Array(repeating: "..", count: depth).joined(separator: "/")
    }

    static func shown(depth: Int, file: String) -> String {
        depth == 0 ? file : shown(depth: depth) + "/" + file
    }
}
