#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CredLintModel
import CredLintExpr
import CredLintEngine
import CredLintReport

/// Timed passes over a CSV file: the raw reader, and the full credential report parser.
enum Benchmarks {
    /// The generated inputs go far past AWS's maxima (a 1,000,000-user report against IAM's
    /// 5,000 users), so the benchmarks read them with the largest caps, as
    /// `credlint lint --max-input-size 1048576` would: they measure speed, not the caps.
    static let caps = InputCaps(maxInputMiB: InputCaps.maxMaxInputMiB)

    /// (a) CSVReader alone: records, fields and unescaped field bytes.
    static func csv(path: String, chunkSize: Int) throws {
        let bytes = try fileSize(path)
        let clock = ContinuousClock()
        var records = 0, fields = 0, fieldBytes = 0
        let cpu0 = cpuSeconds()
        let elapsed = try clock.measure {
            let reader = try CSVReader(fileAtPath: path, chunkSize: chunkSize)
            try reader.forEachRecord { r in
                records += 1
                fields += r.count
                for i in 0..<r.count { fieldBytes += r.byteCount(i) }
            }
        }
        report("csv", bytes: bytes, rows: records, elapsed: elapsed, cpu: cpuSeconds() - cpu0,
               extra: "fields=\(fields) field_bytes=\(fieldBytes)")
    }

    /// (b) CredentialReportParser: typed rows, with a checksum so no work is skipped.
    static func parse(path: String) throws {
        let bytes = try fileSize(path)
        let clock = ContinuousClock()
        var notes: [Note] = []
        var roots = 0, mfa = 0, activeKeys = 0, neverUsed = 0
        var stats: CredentialReportStats?
        let cpu0 = cpuSeconds()
        let elapsed = try clock.measure {
            stats = try CredentialReportParser.parse(.file(path: path), path: path, caps: caps, notes: &notes) { row in
                // Pattern matching, not `==`: Cell's derived `==` is unspecialised across
                // modules and costs ~100 ns a call in runtime metadata lookups.
                if row.isRoot { roots += 1 }
                if case .value(true) = row.mfaActive { mfa += 1 }
                if case .value(true) = row.accessKey1.active { activeKeys += 1 }
                if case .value(true) = row.accessKey2.active { activeKeys += 1 }
                if case .noInformation = row.passwordLastUsed { neverUsed += 1 }
            }
        }
        let s = stats!
        report("parse", bytes: bytes, rows: s.rowsRead, elapsed: elapsed, cpu: cpuSeconds() - cpu0,
               extra: "layout=\(s.layout.rawValue) account=\(s.firstAccountID ?? "-") roots=\(roots) mfa=\(mfa) "
                   + "active_keys=\(activeKeys) pw_never_used=\(neverUsed) notes=\(notes.count)")
    }

    /// IAM XML input alone: `IAMXMLReader.read` of one file, `repeats` times, with a
    /// count of what was read so no work is skipped.
    static func xml(path: String, repeats: Int) throws {
        let bytes = try fileSize(path)
        for _ in 0..<max(1, repeats) {
            let clock = ContinuousClock()
            var document: IAMDocument?
            let cpu0 = cpuSeconds()
            let elapsed = try clock.measure { document = try IAMXMLReader.read(path: path, displayPath: path, caps: caps) }
            var items = 0
            switch document! {
            case .authorizationDetails(let p): items = p.users.count + p.groups.count + p.roles.count + p.policies.count
            case .virtualMFADevices(let l), .mfaDevices(let l): items = l.devices.count
            default: items = 1
            }
            report("xml", bytes: bytes, rows: items, elapsed: elapsed, cpu: cpuSeconds() - cpu0, extra: "(rows = entities read)")
        }
    }

    /// (f) The engine alone, in process: load inputs and lint every account with the
    /// built-in catalogue, no rendering. Rule evaluations = rows x rules that apply to
    /// rows (user, access_key and credential scope, not skipped for the account).
    /// `spill`: nil lets the runner decide (as the CLI does); false keeps every finding in memory.
    static func lint(paths: [String], asOf: Timestamp?, jobs: Int, repeats: Int, json: String? = nil, spill: Bool? = nil) throws {
        let bytes = try paths.map(totalSize).reduce(0, +)
        let catalog = try RuleCatalog.standard(configuration: Configuration())
        let rowScopes: Set<RuleDescriptor.Scope> = [.user, .accessKey, .credential]
        let rowRules = catalog.enabled.filter { rowScopes.contains($0.descriptor.scope) }.map(\.id)
        for _ in 0..<max(1, repeats) {
            let clock = ContinuousClock()
            var result: LintReport?
            let cpu0 = cpuSeconds()
            let elapsed = try clock.measure {
                var runner = LintRunner(catalog: catalog, configuration: Configuration(), asOf: asOf, jobs: jobs)
                runner.loaderOptions.caps = caps
                runner.spillFindings = spill
                result = try runner.run(paths: paths)
            }
            let cpu = cpuSeconds() - cpu0
            let lintReport = result!
            var rows = 0, evaluations = 0, findings = 0
            for a in lintReport.accounts {
                let skipped = Set(a.skippedRules.map(\.ruleID))
                rows += a.rowsRead
                evaluations += a.rowsRead * rowRules.filter { !skipped.contains($0) }.count
                findings += a.findingCount
            }
            let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            report("lint", bytes: bytes, rows: rows, elapsed: elapsed, cpu: cpu,
                   extra: "accounts=\(lintReport.accounts.count) findings=\(findings) evaluations=\(evaluations) "
                       + "= \(fmt(Double(evaluations) / secs / 1e6)) M evaluations/s wall, "
                       + "\(fmt(Double(evaluations) / cpu / 1e6)) M/s cpu")
            if let json {
                // The JSON output alone, as `--output json=FILE` writes it.
                var options = ReportOptions()
                options.renderThreads = jobs > 0 ? jobs : 2
                let cpu1 = cpuSeconds()
                let t = try clock.measure { try OutputFormat.json.write(lintReport, options: options, to: json) }
                report("json", bytes: try fileSize(json), rows: findings, elapsed: t, cpu: cpuSeconds() - cpu1,
                       extra: "(bytes written; rows = findings)")
            }
        }
    }

    /// Bytes of a file, or of every regular file under a directory.
    static func totalSize(_ path: String) throws -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else { throw BenchError("cannot stat \(path): \(String(cString: strerror(errno)))") }
        if st.st_mode & S_IFMT != S_IFDIR { return Int(st.st_size) }
        guard let dir = opendir(path) else { throw BenchError("cannot read \(path)") }
        defer { closedir(dir) }
        var total = 0
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            total += try totalSize(path + "/" + name)
        }
        return total
    }

    /// Prints wall-clock throughput, and CPU-time throughput (user+sys), which stays
    /// meaningful when other processes compete for the 2 cores.
    static func report(_ what: String, bytes: Int, rows: Int, elapsed: Duration, cpu: Double, extra: String) {
        let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let mb = Double(bytes) / 1e6
        print("\(what): \(bytes) bytes, \(rows) rows in \(fmt(secs * 1000)) ms wall = \(fmt(mb / secs)) MB/s, "
              + "\(fmt(Double(rows) / secs / 1e6)) M rows/s; cpu \(fmt(cpu * 1000)) ms = \(fmt(mb / cpu)) MB/s, "
              + "\(fmt(Double(rows) / cpu / 1e6)) M rows/s; peak RSS \(fmt(Double(peakRSSBytes()) / 1_048_576)) MiB; "
              + extra)
    }

    static func cpuSeconds() -> Double {
        var u = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &u)
        #else
        getrusage(RUSAGE_SELF, &u)
        #endif
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(u.ru_utime) + s(u.ru_stime)
    }

    static func fmt(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return String(r)
    }

    static func fileSize(_ path: String) throws -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else { throw BenchError("cannot stat \(path): \(String(cString: strerror(errno)))") }
        return Int(st.st_size)
    }

    /// `ru_maxrss` is KiB on Linux, bytes on macOS.
    static func peakRSSBytes() -> Int {
        var u = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &u)
        #else
        getrusage(RUSAGE_SELF, &u)
        #endif
        #if os(Linux)
        return Int(u.ru_maxrss) * 1024
        #else
        return Int(u.ru_maxrss)
        #endif
    }
}
