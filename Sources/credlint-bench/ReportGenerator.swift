import CredLintCore

/// Writes a realistic, deterministic credential report (current 22-column layout).
///
/// Mix: root first; console users with and without MFA; programmatic users
/// with 0-2 keys; never-used and stale credentials; a few `breakglass-N`
/// users; about 1% of names contain a comma (quoted, as RFC 4180 requires).
/// Dates fall in the 3 years before 2026-01-01.
struct ReportGenerator {
    var users: Int
    var seed: UInt64
    var account: String

    private static let end: Int64 = 1_767_225_600  // 2026-01-01T00:00:00Z
    private static let start: Int64 = end - 3 * 365 * 86_400
    private static let first = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
                                "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter"]
    private static let last = ["smith", "jones", "garcia", "miller", "davis", "lopez", "wilson", "anderson", "thomas",
                               "moore", "martin", "lee", "walker", "hall", "young", "king", "wright", "scott"]
    private static let paths = ["/", "/", "/", "/", "/eng/", "/ops/", "/finance/", "/eng/platform/", "/contractors/"]
    private static let regions = ["us-east-1", "us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
    private static let services = ["s3", "ec2", "iam", "sts", "lambda", "dynamodb", "cloudformation", "logs"]

    func write(to out: ByteWriter) throws {
        var rng = SplitMix64(seed: seed)
        out.append(CredentialReportColumns.currentHeader.joined(separator: ","))
        out.append(0x0A)
        writeRoot(out, &rng)
        // A few break-glass users spread through the file.
        let breakglassEvery = max(users / 4, 8)
        for i in 0..<users {
            if i % breakglassEvery == breakglassEvery / 2 {
                writeUser(out, &rng, name: "breakglass-\(i / breakglassEvery + 1)", path: "/emergency/", kind: .breakglass)
            } else {
                writeUser(out, &rng, index: i)
            }
            try out.flushIfLarge()
        }
        try out.flush()
    }

    private enum Kind { case console, programmatic, both, dormant, breakglass }

    private func writeRoot(_ out: ByteWriter, _ rng: inout SplitMix64) {
        let created = ReportGenerator.start + Int64(rng.below(86_400 * 30))  // the account predates its users
        out.append("<root_account>,arn:aws:iam::\(account):root,")
        date(out, created); out.append(0x2C)
        out.append("not_supported,")
        if rng.chance(0.8) { date(out, randomAfter(created, &rng)) } else { out.append("no_information" as StaticString) }
        out.append(",not_supported,not_supported,")
        out.append(rng.chance(0.9) ? "true" : "false")
        out.append(",false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n")
    }

    private func writeUser(_ out: ByteWriter, _ rng: inout SplitMix64, index i: Int) {
        let f = ReportGenerator.first[rng.below(ReportGenerator.first.count)]
        let l = ReportGenerator.last[rng.below(ReportGenerator.last.count)]
        let name: String
        switch rng.below(100) {
        case 0: name = "\(l),\(f)-\(i)"  // ~1%: IAM allows ',' in names
        case 1..<60: name = "\(f).\(l)-\(i)"
        case 60..<80: name = "\(f)\(i)"
        default: name = "svc-\(ReportGenerator.services[rng.below(ReportGenerator.services.count)])-\(i)"
        }
        let path = ReportGenerator.paths[rng.below(ReportGenerator.paths.count)]
        let kind: Kind
        switch rng.below(100) {
        case 0..<40: kind = .console
        case 40..<75: kind = .programmatic
        case 75..<90: kind = .both
        default: kind = .dormant
        }
        writeUser(out, &rng, name: name, path: path, kind: kind)
    }

    private func writeUser(_ out: ByteWriter, _ rng: inout SplitMix64, name: String, path: String, kind: Kind) {
        let created = ReportGenerator.start + Int64(rng.below(Int(ReportGenerator.end - ReportGenerator.start - 86_400)))
        let arn = "arn:aws:iam::\(account):user\(path)\(name)"
        field(out, name); out.append(0x2C)
        field(out, arn); out.append(0x2C)
        date(out, created); out.append(0x2C)

        let password = kind == .console || kind == .both || kind == .breakglass || (kind == .dormant && rng.chance(0.5))
        if password {
            out.append("true,")
            // password_last_used: never used, stale, or recent.
            if kind == .breakglass || rng.chance(0.1) { out.append("no_information" as StaticString) } else {
                date(out, randomAfter(created, &rng))
            }
            out.append(0x2C)
            let changed = randomAfter(created, &rng)
            date(out, changed); out.append(0x2C)
            if rng.chance(0.3) { date(out, changed + 90 * 86_400) } else { out.append("N/A" as StaticString) }
            out.append(0x2C)
            out.append(kind == .breakglass || rng.chance(0.7) ? "true," : "false,")
        } else {
            out.append("false,N/A,N/A,N/A,")
            out.append(rng.chance(0.05) ? "true," : "false,")
        }

        let keys: Int
        switch kind {
        case .console: keys = rng.chance(0.1) ? 1 : 0
        case .programmatic: keys = rng.chance(0.2) ? 2 : 1
        case .both: keys = 1 + (rng.chance(0.3) ? 1 : 0)
        case .dormant: keys = rng.chance(0.4) ? 1 : 0
        case .breakglass: keys = 1
        }
        for k in 0..<2 {
            if k < keys {
                let active = kind == .breakglass || rng.chance(0.85)
                out.append(active ? "true," : "false,")
                let rotated = randomAfter(created, &rng)
                date(out, rotated); out.append(0x2C)
                if kind == .breakglass || kind == .dormant || rng.chance(0.15) {
                    out.append("N/A,N/A,N/A,")  // never used
                } else {
                    // Last-used times carry :00 seconds in real reports.
                    let used = randomAfter(rotated, &rng) / 60 * 60
                    date(out, used); out.append(0x2C)
                    out.append(ReportGenerator.regions[rng.below(ReportGenerator.regions.count)]); out.append(0x2C)
                    out.append(ReportGenerator.services[rng.below(ReportGenerator.services.count)]); out.append(0x2C)
                }
            } else {
                out.append("false,N/A,N/A,N/A,N/A,")
            }
        }
        if rng.chance(0.005) {
            out.append("true,"); date(out, randomAfter(created, &rng)); out.append(",false,N/A\n")
        } else {
            out.append("false,N/A,false,N/A\n")
        }
    }

    private func randomAfter(_ t: Int64, _ rng: inout SplitMix64) -> Int64 {
        let span = max(ReportGenerator.end - t, 1)
        return t + Int64(rng.below(Int(span)))
    }

    /// A field, quoted only when it has to be.
    private func field(_ out: ByteWriter, _ s: String) {
        if s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            out.append(0x22)
            for c in s.utf8 { if c == 0x22 { out.append(0x22) }; out.append(c) }
            out.append(0x22)
        } else {
            out.append(s)
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS+00:00`, as the credential report writes dates.
    private func date(_ out: ByteWriter, _ t: Int64) {
        let days = Int(t / 86_400), rem = Int(t % 86_400)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) { out.append(UInt8(48 + v / 10)); out.append(UInt8(48 + v % 10)) }
        two(y / 100); two(y % 100); out.append(0x2D); two(m); out.append(0x2D); two(d); out.append(0x54)
        two(rem / 3600); out.append(0x3A); two(rem % 3600 / 60); out.append(0x3A); two(rem % 60)
        out.append("+00:00" as StaticString)
    }
}
