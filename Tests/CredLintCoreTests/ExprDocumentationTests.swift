import Foundation
import Testing
@testable import CredLintModel
@testable import CredLintExpr

/// docs/rule-language.md documents exactly the built-ins, and its examples,
/// tables and code blocks are true.
@Suite struct ExprDocumentationTests {
    static let docURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/rule-language.md")

    static func doc() throws -> String { try String(contentsOf: docURL, encoding: .utf8) }

    /// The `## title` section's text, up to the next `## `.
    static func section(_ title: String, in text: String) -> String {
        var out: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { inside = line == "## \(title)"; continue }
            if inside { out.append(line) }
        }
        return out.joined(separator: "\n")
    }

    /// Tables of `text`: rows of cells, header first, separator row dropped.
    static func tables(in text: String) -> [[[String]]] {
        var tables: [[[String]]] = []
        var current: [[String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") {
                let cells = cellsOf(String(line))
                if !cells.allSatisfy({ $0.allSatisfy { $0 == "-" || $0 == ":" } }) { current.append(cells) }
            } else if !current.isEmpty {
                tables.append(current); current = []
            }
        }
        if !current.isEmpty { tables.append(current) }
        return tables
    }

    /// Splits a row on unescaped `|` and unescapes `\|`.
    static func cellsOf(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var chars = line.dropFirst()[...]
        while let c = chars.popFirst() {
            if c == "\\", chars.first == "|" { cell.append("|"); chars.removeFirst(); continue }
            if c == "|" { cells.append(cell.trimmingCharacters(in: .whitespaces)); cell = ""; continue }
            cell.append(c)
        }
        return cells
    }

    /// The content of a cell that is one code span, else nil.
    static func code(_ cell: String) -> String? {
        guard cell.count >= 2, cell.hasPrefix("`"), cell.hasSuffix("`") else { return nil }
        let inner = cell.dropFirst().dropLast()
        return inner.contains("`") ? nil : String(inner)
    }

    /// Fenced blocks with the given info string.
    static func blocks(_ info: String, in text: String) -> [String] {
        var out: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```\(info)" { current = []; continue }
            if current != nil, line == "```" { out.append(current!.joined(separator: "\n")); current = nil; continue }
            current?.append(line)
        }
        return out
    }

    // MARK: the environment the examples run in

    final class Obj: Sendable {}

    static let env: ExprEnvironment = {
        func f(_ n: String, _ t: ExprType) -> FieldDefinition { FieldDefinition(name: n, type: t) { _ in Value.null } }
        let key = ObjectTypeDefinition(name: "AccessKey", fields: [
            f("slot", .int), f("active", .bool), f("last_rotated", .timestamp), f("last_used", .timestamp),
        ])
        let user = ObjectTypeDefinition(name: "User", fields: [
            f("name", .string), f("is_root", .bool), f("password_enabled", .bool), f("mfa_active", .bool),
            f("keys", .list(.object("AccessKey"))), f("groups", .list(.string)),
        ])
        return ExprEnvironment(schema: ExprSchema([key, user]),
                               variables: [("user", .object("User")), ("key", .object("AccessKey")),
                                           ("a", .bool), ("b", .bool), ("n", .int)],
                               params: ["days": .int(45)])
    }()

    static let asOf = ISO8601.parse("2026-01-01T00:00:00Z")!

    static func eval(_ source: String, _ values: [String: Value] = [:]) throws -> Value {
        let e = try ExprCompiler.compile(source, in: env)
        return e.evaluate(EvalContext(asOf: asOf, variables: env.variables.map { values[$0.name] ?? .null }))
    }

    static func value(_ cell: String) -> Value? {
        switch cell {
        case "true": .bool(true)
        case "false": .bool(false)
        case "null": .null
        case "unknown": .unknown
        default: Int64(cell).map { .int($0) }
        }
    }

    // MARK: tests

    @Test func documentFound() throws {
        #expect(try Self.doc().hasPrefix("# The rule language"))
    }

    @Test func functionsTableListsExactlyTheBuiltins() throws {
        let rows = Self.tables(in: Self.section("Functions", in: try Self.doc())).first { $0.first?.first == "function" } ?? []
        let documented = rows.dropFirst().compactMap { Self.code($0[0]) }
        #expect(documented.count == rows.count - 1, "every function row starts with a code span")
        #expect(Set(documented).count == documented.count, "no function documented twice")
        let builtins = Set(ExprBuiltins.functions.map(\.signature))
        #expect(Set(documented).subtracting(builtins).isEmpty, "documented but not built in: \(Set(documented).subtracting(builtins))")
        #expect(builtins.subtracting(documented).isEmpty, "built in but not documented: \(builtins.subtracting(documented))")
    }

    @Test func operatorsTableListsExactlyTheOperators() throws {
        let rows = Self.tables(in: Self.section("Operators", in: try Self.doc())).first { $0.first?.first == "operator" } ?? []
        let documented = rows.dropFirst().map { (Self.code($0[0]) ?? $0[0], Int($0[1]) ?? -1) }
        let builtins = ExprBuiltins.operators.map { ($0.usage, $0.precedence) }
        #expect(documented.map(\.0) == builtins.map(\.0))
        #expect(documented.map(\.1) == builtins.map(\.1))
    }

    /// The operator and function tables: `example` evaluates to `result`.
    @Test(arguments: ["Operators", "Functions"])
    func tableExamplesHold(section: String) throws {
        let rows = Self.tables(in: Self.section(section, in: try Self.doc())).first { $0.count > 10 } ?? []
        #expect(rows.count > 10)
        for row in rows.dropFirst() {
            guard row.count >= 5 || section == "Functions" && row.count >= 4 else {
                Issue.record("short row \(row)"); continue
            }
            let (exampleCell, resultCell) = (row[row.count - 2], row[row.count - 1])
            guard let example = Self.code(exampleCell), let result = Self.code(resultCell) else {
                Issue.record("row without example code: \(row)"); continue
            }
            #expect(try Self.eval(example) == Self.eval(result), "\(example) should be \(result)")
        }
    }

    /// Every table in "Null and unknown" whose leading header cells are plain
    /// variable names: each row binds them and checks every expression column.
    @Test func nullAndUnknownTablesHold() throws {
        let tables = Self.tables(in: Self.section("Null and unknown", in: try Self.doc()))
        #expect(tables.count == 3)
        var checked = 0
        for table in tables {
            let header = table[0]
            let varCount = header.prefix { Self.code($0) == nil }.count
            #expect(varCount > 0)
            for row in table.dropFirst() {
                var values: [String: Value] = [:]
                for i in 0..<varCount { values[header[i]] = Self.value(row[i]) }
                for i in varCount..<header.count {
                    guard let expr = Self.code(header[i]), let expected = Self.value(row[i]) else {
                        Issue.record("bad cell \(header[i]) / \(row[i])"); continue
                    }
                    #expect(try Self.eval(expr, values) == expected, "\(expr) with \(values)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 16 * 2 + 4 * 2 + 4 * 11)
    }

    @Test func codeBlocksCompile() throws {
        let text = try Self.doc()
        let exprs = Self.blocks("expr", in: text)
        #expect(exprs.count >= 4)
        for e in exprs {
            #expect(throws: Never.self, "\(e)") { try ExprCompiler.compile(e, in: Self.env, expecting: .bool) }
        }
        let templates = Self.blocks("template", in: text)
        #expect(templates.count >= 1)
        for t in templates {
            #expect(throws: Never.self, "\(t)") { try MessageTemplate.compile(t, in: Self.env) }
        }
    }

    @Test func documentedLimitsMatchTheCode() throws {
        let text = try Self.doc()
        #expect(text.contains("longer than \(ExprParser.maxSourceBytes / 1024) KiB"))
        #expect(text.contains("more than \(ExprParser.maxDepth) levels deep"))
    }
}
