import CredLintModel
import CredLintExpr
import CredLintEngine
import CredLintReport

/// Writes a realistic, deterministic credential report (current 22-column layout).
///
/// Mix: root first; console users with and without MFA; programmatic users
/// with 0-2 keys; never-used and stale credentials; a few `breakglass-N`
/// users; about 1% of names contain a comma (quoted, as RFC 4180 requires).
/// Dates fall in the 3 years before 2026-01-01.
///
/// Two mixes. `neglected` (the default, unchanged since the first CSV
/// benchmarks) dates every credential uniformly over the 3 years, so at an
/// as-of of 2026-01-01 about two rules fire per user: a stress test for
/// output. `typical` is an account that is looked after: most passwords and
/// keys are in use and rotated within 90 days, most console users have MFA;
/// about one finding per two users, mostly keys past 90 days. `heavy` gives
/// about four findings per user and plants the rules' edge cases
/// (`ReportGenerator+Heavy.swift`), for issue 16's side-by-side targets.
struct ReportGenerator {
    enum Mix: String { case neglected, typical, heavy }

    var users: Int
    var seed: UInt64
    var account: String
    var mix: Mix = .neglected
    /// Told about every user row written (root excluded), for files that must agree with the report.
    var onUser: ((GeneratedUser) -> Void)?
    /// Told the root row's MFA and access-key state (typical mix only).
    var onRoot: ((_ mfa: Bool, _ accessKey: Bool) -> Void)?

    static let end: Int64 = 1_767_225_600  // 2026-01-01T00:00:00Z
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
        switch mix {
        case .typical: writeTypicalRoot(out, &rng)
        case .heavy: writeHeavyRoot(out, &rng)
        case .neglected: writeRoot(out, &rng)
        }
        if mix == .heavy {
            for i in 0..<users {
                writeHeavyUser(out, &rng, index: i)
                try out.flushIfLarge()
            }
            try out.flush()
            return
        }
        // A few break-glass users spread through the file.
        let breakglassEvery = max(users / 4, 8)
        for i in 0..<users {
            if i % breakglassEvery == breakglassEvery / 2 {
                let name = "breakglass-\(i / breakglassEvery + 1)"
                if mix == .typical {
                    writeTypicalUser(out, &rng, name: name, path: "/emergency/", kind: .breakglass)
                } else {
                    writeUser(out, &rng, name: name, path: "/emergency/", kind: .breakglass)
                }
            } else {
                writeUser(out, &rng, index: i)
            }
            try out.flushIfLarge()
        }
        try out.flush()
    }

    enum Kind { case console, programmatic, both, dormant, breakglass }

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
        if mix == .typical {
            switch rng.below(100) {
            case 0..<30: kind = .console
            case 30..<85: kind = .programmatic
            case 85..<92: kind = .both
            default: kind = .dormant
            }
            // Service users are named like services.
            let svcName = kind == .programmatic && rng.chance(0.7)
                ? "svc-\(ReportGenerator.services[rng.below(ReportGenerator.services.count)])-\(i)" : name
            writeTypicalUser(out, &rng, name: svcName, path: kind == .programmatic ? "/svc/" : path, kind: kind)
            return
        }
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
        var mfa = false
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
            mfa = kind == .breakglass || rng.chance(0.7)
            out.append(mfa ? "true," : "false,")
        } else {
            out.append("false,N/A,N/A,N/A,")
            mfa = rng.chance(0.05)
            out.append(mfa ? "true," : "false,")
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
        onUser?(GeneratedUser(name: name, path: path, arn: arn, kind: kind, created: created, password: password,
                              mfa: mfa, keys: keys))
    }

    private func randomAfter(_ t: Int64, _ rng: inout SplitMix64) -> Int64 {
        let span = max(ReportGenerator.end - t, 1)
        return t + Int64(rng.below(Int(span)))
    }

    /// A field, quoted only when it has to be.
    func field(_ out: ByteWriter, _ s: String) {
        if s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            out.append(0x22)
            for c in s.utf8 { if c == 0x22 { out.append(0x22) }; out.append(c) }
            out.append(0x22)
        } else {
            out.append(s)
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS+00:00`, as the credential report writes dates.
    func date(_ out: ByteWriter, _ t: Int64) { ReportGenerator.date(out, t, zulu: false) }

    /// The report's form, or `YYYY-MM-DDTHH:MM:SSZ` (`zulu`) as the IAM XML API writes dates.
    static func date(_ out: ByteWriter, _ t: Int64, zulu: Bool) {
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
        if zulu { out.append(0x5A) } else { out.append("+00:00" as StaticString) }
    }
}

/// One user row as written, for the files that describe the same users (GAAD, MFA lists).
struct GeneratedUser {
    var name: String
    var path: String
    var arn: String
    var kind: ReportGenerator.Kind
    var created: Int64
    var password: Bool
    var mfa: Bool
    /// Access keys that exist (active or not).
    var keys: Int
}

// MARK: - The typical mix

extension ReportGenerator {
    private static let day: Int64 = 86_400

    /// A time `lo`..<`hi` days before the end of the window, never before `after`.
    private func daysAgo(_ lo: Int, _ hi: Int, after: Int64, _ rng: inout SplitMix64) -> Int64 {
        let t = ReportGenerator.end - Int64(lo) * ReportGenerator.day - Int64(rng.below(max(1, (hi - lo) * 86_400)))
        return max(t, after + Int64(rng.below(3_600)))
    }

    fileprivate func writeTypicalRoot(_ out: ByteWriter, _ rng: inout SplitMix64) {
        let created = ReportGenerator.end - 3 * 365 * ReportGenerator.day + Int64(rng.below(86_400 * 30))
        out.append("<root_account>,arn:aws:iam::\(account):root,")
        date(out, created); out.append(0x2C)
        out.append("not_supported,")
        // Root is rarely used; about one account in five signed in as root within 90 days.
        switch rng.below(10) {
        case 0..<2: date(out, daysAgo(1, 90, after: created, &rng))
        case 2..<8: date(out, daysAgo(100, 900, after: created, &rng))
        default: out.append("no_information" as StaticString)
        }
        out.append(",not_supported,not_supported,")
        let mfa = rng.chance(0.95)
        out.append(mfa ? "true" : "false")
        // One account in fifty still has a root access key.
        let key = rng.chance(0.02)
        onRoot?(mfa, key)
        if key {
            out.append(",true,"); date(out, daysAgo(400, 1000, after: created, &rng))
            out.append(",N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n")
        } else {
            out.append(",false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n")
        }
    }

    fileprivate func writeTypicalUser(_ out: ByteWriter, _ rng: inout SplitMix64, name: String, path: String, kind: Kind) {
        let created = ReportGenerator.start + Int64(rng.below(Int(ReportGenerator.end - ReportGenerator.start - 86_400)))
        let arn = "arn:aws:iam::\(account):user\(path)\(name)"
        field(out, name); out.append(0x2C)
        field(out, arn); out.append(0x2C)
        date(out, created); out.append(0x2C)

        let password = kind == .console || kind == .both || kind == .breakglass || (kind == .dormant && rng.chance(0.5))
        var mfa = false
        if password {
            out.append("true,")
            let r = rng.below(100)
            if kind == .breakglass {
                // Tested at a drill some months ago, or never.
                if r < 70 { date(out, daysAgo(30, 300, after: created, &rng)) } else { out.append("no_information" as StaticString) }
            } else if kind == .dormant {
                if r < 50 { date(out, daysAgo(120, 700, after: created, &rng)) } else { out.append("no_information" as StaticString) }
            } else if r < 85 {
                date(out, daysAgo(0, 30, after: created, &rng))
            } else if r < 95 {
                date(out, daysAgo(46, 400, after: created, &rng))
            } else {
                out.append("no_information" as StaticString)
            }
            out.append(0x2C)
            let changed = daysAgo(0, 300, after: created, &rng)
            date(out, changed); out.append(0x2C)
            if rng.chance(0.3) { date(out, changed + 90 * ReportGenerator.day) } else { out.append("N/A" as StaticString) }
            out.append(0x2C)
            mfa = kind == .breakglass || (kind == .dormant ? rng.chance(0.5) : rng.chance(0.93))
            out.append(mfa ? "true," : "false,")
        } else {
            out.append("false,N/A,N/A,N/A,false,")
        }

        let keys: Int
        switch kind {
        case .console: keys = rng.chance(0.05) ? 1 : 0
        case .programmatic: keys = rng.chance(0.12) ? 2 : 1
        case .both: keys = 1
        case .dormant: keys = rng.chance(0.4) ? 1 : 0
        case .breakglass: keys = 0
        }
        for k in 0..<2 {
            guard k < keys else { out.append("false,N/A,N/A,N/A,N/A,"); continue }
            // A second key is usually the old one, deactivated during a rotation.
            let active = kind == .dormant ? rng.chance(0.6) : (k == 1 ? rng.chance(0.3) : rng.chance(0.97))
            out.append(active ? "true," : "false,")
            let r = rng.below(100)
            let rotated = kind == .dormant || r >= 95 ? daysAgo(366, 1000, after: created, &rng)
                : r < 80 ? daysAgo(1, 90, after: created, &rng) : daysAgo(91, 365, after: created, &rng)
            date(out, rotated); out.append(0x2C)
            let u = rng.below(100)
            if kind == .dormant || u >= 97 {
                out.append("N/A,N/A,N/A,")
            } else {
                let used = (u < 88 ? daysAgo(0, 3, after: rotated, &rng) : daysAgo(46, 300, after: rotated, &rng)) / 60 * 60
                date(out, used); out.append(0x2C)
                out.append(ReportGenerator.regions[rng.below(ReportGenerator.regions.count)]); out.append(0x2C)
                out.append(ReportGenerator.services[rng.below(ReportGenerator.services.count)]); out.append(0x2C)
            }
        }
        if rng.chance(0.002) {
            out.append("true,"); date(out, daysAgo(10, 700, after: created, &rng)); out.append(",false,N/A\n")
        } else {
            out.append("false,N/A,false,N/A\n")
        }
        onUser?(GeneratedUser(name: name, path: path, arn: arn, kind: kind, created: created, password: password,
                              mfa: mfa, keys: keys))
    }

}
