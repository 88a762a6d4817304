// The finding-heavy mix (issue 16's targets (a) and (b)): about four findings per user
// from the fifteen credential-report rules, so the benchmark measures finding output as
// much as row evaluation. It also plants the cases where a careless reimplementation
// of those rules goes wrong, so the DuckDB cross-check in `scripts/bench.sh targets`
// proves something:
//
// - ages exactly on a threshold (45, 90, 365 and 7 days before 2026-01-01, and one
//   second past): the rules say "more than", the SQL must too;
// - `no_information` where AWS usually writes `N/A` (a key's last use), and moto's
//   `not_supported` in IAM users' password and key columns: `not_supported` is
//   unknown, not null, so `last_used == null` is false for it while `??` skips it;
// - `TRUE`/`FALSE` in capitals (AWS documents them so);
// - break-glass users under every default name (`break-glass-N`, `BreakGlass-N`,
//   `emergency-access-N`), never used, used in the last week, or not for a year;
// - inactive keys that keep a `last_rotated` date, and key slots with no date at all;
// - names with commas (quoted fields).
//
// Deterministic by seed, like the other mixes.
extension ReportGenerator {
    private static let heavyDay: Int64 = 86_400

    /// Exact threshold ages, in seconds before the end of the window, with the second past each.
    private static let edges: [Int64] = [45, 90, 365, 7].flatMap { [$0 * heavyDay, $0 * heavyDay + 1] }

    /// A time before the end: usually `lo`..<`hi` days ago; one time in forty exactly on (or one
    /// second past) a rule's threshold. Never before `after`.
    private func heavyAgo(_ lo: Int, _ hi: Int, after: Int64, _ rng: inout SplitMix64) -> Int64 {
        let t: Int64
        if rng.chance(0.025) {
            t = ReportGenerator.end - ReportGenerator.edges[rng.below(ReportGenerator.edges.count)]
        } else {
            t = ReportGenerator.end - Int64(lo) * ReportGenerator.heavyDay - Int64(rng.below(max(1, (hi - lo) * 86_400)))
        }
        return max(t, after)
    }

    private func bool(_ out: ByteWriter, _ b: Bool, _ rng: inout SplitMix64) {
        if rng.chance(0.01) { out.append(b ? "TRUE," : "FALSE,") } else { out.append(b ? "true," : "false,") }
    }

    /// A root that fires all four root rules (CL101 active key, CL102 no MFA with a
    /// `not_supported` password, CL104 used in the last 90 days, CL105 active certificate).
    func writeHeavyRoot(_ out: ByteWriter, _ rng: inout SplitMix64) {
        let created = ReportGenerator.end - 4 * 365 * ReportGenerator.heavyDay
        out.append("<root_account>,arn:aws:iam::\(account):root,")
        date(out, created); out.append(0x2C)
        out.append("not_supported,")
        date(out, heavyAgo(100, 300, after: created, &rng))
        out.append(",not_supported,not_supported,false,")
        // Key 1 active and used this quarter; key 2 inactive but dated (it exists, CL101 skips it).
        out.append("true,"); let rotated = heavyAgo(200, 900, after: created, &rng); date(out, rotated)
        out.append(0x2C); date(out, heavyAgo(1, 80, after: rotated, &rng) / 60 * 60); out.append(",us-east-1,iam,")
        out.append("false,"); date(out, heavyAgo(400, 900, after: created, &rng)); out.append(",N/A,N/A,N/A,")
        out.append("true,"); date(out, heavyAgo(100, 1000, after: created, &rng)); out.append(",false,N/A\n")
    }

    /// Every `heavyBreakglassEvery`-th user is a break-glass user.
    static let heavyBreakglassEvery = 500

    func writeHeavyUser(_ out: ByteWriter, _ rng: inout SplitMix64, index i: Int) {
        if i % ReportGenerator.heavyBreakglassEvery == ReportGenerator.heavyBreakglassEvery / 2 {
            let n = i / ReportGenerator.heavyBreakglassEvery + 1
            let name = ["break-glass-\(n)", "BreakGlass-\(n)", "emergency-access-\(n)", "breakglass\(n)"][n % 4]
            writeHeavyRow(out, &rng, name: name, path: "/emergency/", kind: .breakglass)
            return
        }
        let f = ReportGenerator.heavyFirst[rng.below(ReportGenerator.heavyFirst.count)]
        let kind: Kind
        switch rng.below(100) {
        case 0..<27: kind = .console
        case 27..<50: kind = .programmatic
        case 50..<95: kind = .both
        default: kind = .dormant
        }
        let name: String
        switch rng.below(100) {
        case 0: name = "\(f),ops-\(i)"  // IAM allows ',' in names: a quoted field
        case 1..<70: name = "\(f)-\(i)"
        default: name = "svc-\(f)-\(i)"
        }
        writeHeavyRow(out, &rng, name: name, path: rng.chance(0.5) ? "/" : "/eng/", kind: kind)
    }

    private static let heavyFirst = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"]

    private func writeHeavyRow(_ out: ByteWriter, _ rng: inout SplitMix64, name: String, path: String, kind: Kind) {
        let created = ReportGenerator.end - 3 * 365 * ReportGenerator.heavyDay
            + Int64(rng.below(Int(2 * 365 * ReportGenerator.heavyDay)))
        let arn = "arn:aws:iam::\(account):user\(path)\(name)"
        field(out, name); out.append(0x2C)
        field(out, arn); out.append(0x2C)
        date(out, created); out.append(0x2C)

        let password = kind == .console || kind == .both || kind == .breakglass || (kind == .dormant && rng.chance(0.5))
        var mfa = false
        if password {
            // moto writes not_supported where AWS writes a value; one row in a hundred here.
            if rng.chance(0.01) { out.append("not_supported,") } else { bool(out, true, &rng) }
            let r = rng.below(100)
            if kind == .breakglass {
                // Never tested, used this week (outside a drill), or tested more than a year ago.
                if r < 35 { out.append("no_information" as StaticString) }
                else if r < 65 { date(out, heavyAgo(0, 8, after: created, &rng)) }
                else { date(out, heavyAgo(300, 700, after: created, &rng)) }
            } else if r < 2 {
                out.append("not_supported" as StaticString)
            } else if r < 12 {
                out.append("no_information" as StaticString)
            } else if r < 70 {
                date(out, heavyAgo(40, 700, after: created, &rng))
            } else {
                date(out, heavyAgo(0, 40, after: created, &rng))
            }
            out.append(0x2C)
            if rng.chance(0.02) { out.append("N/A" as StaticString) } else { date(out, heavyAgo(20, 600, after: created, &rng)) }
            out.append(",N/A,")
            mfa = kind == .breakglass || rng.chance(0.15)
            if rng.chance(0.005) { out.append("N/A,") } else { bool(out, mfa, &rng) }
        } else {
            out.append(rng.chance(0.01) ? "false,not_supported,N/A,not_supported," : "false,N/A,N/A,N/A,")
            bool(out, false, &rng)
        }

        let keys: Int
        switch kind {
        case .console: keys = rng.chance(0.2) ? 1 : 0
        case .programmatic, .both: keys = rng.chance(0.75) ? 2 : 1
        case .dormant: keys = 1
        case .breakglass: keys = rng.below(3)
        }
        for k in 0..<2 {
            guard k < keys else {
                // No key: inactive and undated, so the slot does not exist (`keys` leaves it out).
                out.append("false,N/A,N/A,N/A,N/A,")
                continue
            }
            let active = kind == .dormant ? rng.chance(0.3) : rng.chance(0.93)
            if rng.chance(0.005) { out.append("not_supported,") } else { bool(out, active, &rng) }
            let r = rng.below(100)
            let rotated = r < 15 ? heavyAgo(0, 90, after: created, &rng)
                : r < 55 ? heavyAgo(90, 365, after: created, &rng) : heavyAgo(365, 1000, after: created, &rng)
            date(out, rotated); out.append(0x2C)
            let u = rng.below(100)
            if kind == .breakglass {
                if u < 40 { out.append("N/A,N/A,N/A,") }
                else if u < 70 { date(out, heavyAgo(0, 8, after: rotated, &rng)); out.append(",us-east-1,sts,") }
                else { date(out, heavyAgo(366, 700, after: rotated, &rng)); out.append(",us-east-1,sts,") }
            } else if u < 14 {
                out.append("N/A,N/A,N/A,")
            } else if u < 16 {
                out.append("no_information,N/A,N/A,")
            } else if u < 17 {
                out.append("not_supported,not_supported,not_supported,")
            } else {
                let used = (u < 85 ? heavyAgo(46, 500, after: rotated, &rng) : heavyAgo(0, 45, after: rotated, &rng)) / 60 * 60
                date(out, max(used, rotated)); out.append(0x2C)
                out.append(ReportGenerator.heavyRegions[rng.below(ReportGenerator.heavyRegions.count)]); out.append(",s3,")
            }
        }
        if rng.chance(0.01) {
            out.append("true,"); date(out, heavyAgo(10, 700, after: created, &rng)); out.append(",false,N/A\n")
        } else if rng.chance(0.01) {
            out.append("false,"); date(out, heavyAgo(10, 700, after: created, &rng)); out.append(",false,N/A\n")
        } else {
            out.append("false,N/A,false,N/A\n")
        }
    }

    private static let heavyRegions = ["us-east-1", "eu-west-1", "N/A"]
}
