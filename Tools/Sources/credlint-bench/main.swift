// credlint-bench: generate synthetic credential reports and time the CSV layers.
//
//   credlint-bench generate-report --users N [--seed S] [--account ID] [--mix neglected|typical|heavy] --out FILE
//   credlint-bench generate-org --accounts M --users N [--seed S] [--organization] --out DIR
//   credlint-bench csv FILE [--chunk BYTES]      (a) raw CSVReader pass
//   credlint-bench parse FILE                    (b) full CredentialReportParser pass
//   credlint-bench xml FILE [--repeat N]         IAMXMLReader.read of one IAM XML response
//   credlint-bench lint PATH... [--as-of T] [--jobs N] [--repeat N] [--json FILE] [--spill auto|never]
//                                                the engine in process (and the JSON writer with --json)
import CredLintModel
import CredLintExpr
import CredLintEngine
import CredLintReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func usage() -> Never {
    print("""
    usage: credlint-bench generate-report --users N [--seed S] [--account 123456789012] [--mix neglected|typical|heavy] --out FILE
           credlint-bench generate-org --accounts M --users N [--seed S] [--organization] --out DIR
           credlint-bench csv FILE [--chunk BYTES]
           credlint-bench parse FILE
           credlint-bench xml FILE [--repeat N]
           credlint-bench lint PATH... [--as-of 2026-01-01] [--jobs N] [--repeat N] [--json FILE] [--spill auto|never]
    """)
    exit(2)
}

/// Options that take no value.
let valuelessFlags: Set<String> = ["--organization"]

/// `--name value` options after the subcommand (a flag of `valuelessFlags` gets "true"),
/// plus positional arguments.
func options(_ args: ArraySlice<String>) -> (named: [String: String], positional: [String]) {
    var named: [String: String] = [:], positional: [String] = []
    var i = args.startIndex
    while i < args.endIndex {
        let a = args[i]
        if valuelessFlags.contains(a) {
            named[String(a.dropFirst(2))] = "true"
            i += 1
        } else if a.hasPrefix("--") {
            guard i + 1 < args.endIndex else { print("missing value for \(a)"); usage() }
            named[String(a.dropFirst(2))] = args[i + 1]
            i += 2
        } else {
            positional.append(a)
            i += 1
        }
    }
    return (named, positional)
}

func run() throws {
    let args = CommandLine.arguments
    guard args.count >= 2 else { usage() }
    let (named, positional) = options(args[2...])
    switch args[1] {
    case "generate-report":
        guard let n = named["users"].flatMap(Int.init), n >= 0, let out = named["out"] else { usage() }
        let seed = named["seed"].flatMap(UInt64.init) ?? 1
        let account = named["account"] ?? "123456789012"
        guard account.utf8.count == 12, account.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw BenchError("--account must be 12 digits")
        }
        guard let mix = ReportGenerator.Mix(rawValue: named["mix"] ?? "neglected") else {
            throw BenchError("--mix must be neglected, typical or heavy")
        }
        let writer = try ByteWriter(path: out)
        try ReportGenerator(users: n, seed: seed, account: account, mix: mix).write(to: writer)
        print("wrote \(out): \(n) users + root, \(writer.written) bytes")
    case "generate-org":
        guard let m = named["accounts"].flatMap(Int.init), m >= 1, let n = named["users"].flatMap(Int.init), n >= 0,
              let out = named["out"] else { usage() }
        let seed = named["seed"].flatMap(UInt64.init) ?? 1
        let t = try OrgGenerator(accounts: m, users: n, seed: seed, directory: out,
                                 organization: named["organization"] == "true").write()
        print("wrote \(out): \(m) accounts, \(t.files) files, \(t.bytes) bytes (\(t.csvBytes) of credential reports, "
              + "\(t.rows) rows)")
    case "csv":
        guard positional.count == 1 else { usage() }
        let chunk = named["chunk"].flatMap(Int.init) ?? CSVReader.defaultChunkSize
        try Benchmarks.csv(path: positional[0], chunkSize: chunk)
    case "parse":
        guard positional.count == 1 else { usage() }
        try Benchmarks.parse(path: positional[0])
    case "xml":
        guard positional.count == 1 else { usage() }
        try Benchmarks.xml(path: positional[0], repeats: named["repeat"].flatMap(Int.init) ?? 1)
    case "lint":
        guard !positional.isEmpty else { usage() }
        let asOf = try named["as-of"].map { s -> Timestamp in
            guard let t = ISO8601.parseDateOrTimestamp(s) else { throw BenchError("--as-of: expected YYYY-MM-DD[THH:MM:SSZ]") }
            return t
        }
        try Benchmarks.lint(paths: positional, asOf: asOf, jobs: named["jobs"].flatMap(Int.init) ?? 0,
                            repeats: named["repeat"].flatMap(Int.init) ?? 1, json: named["json"],
                            spill: named["spill"] == "never" ? false : nil)
    default:
        usage()
    }
}

do {
    try run()
} catch {
    print("credlint-bench: \(error)")
    exit(1)
}
