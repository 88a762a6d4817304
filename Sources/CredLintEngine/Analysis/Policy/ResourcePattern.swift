/// A `Resource`/`NotResource` entry, split into ARN fields once.
///
/// AWS matches ARNs field by field (`arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`):
/// a wildcard in one of the first five fields stays inside that field, so
/// `arn:aws:iam::*:*` covers IAM resources of every account and nothing of S3;
/// the resource field is matched as a whole and may contain `:` and `/`. `*`
/// alone matches every resource. A pattern with fewer fields (`arn:*`) lets its
/// last field match the rest of the ARN. Policy variables (`${aws:username}`)
/// are replaced by a byte no probe contains: they name the caller's own
/// resources, never "any user of the account".
struct ResourcePattern: Sendable {
    let fields: [ArraySlice<UInt8>]
    let matchesEverything: Bool

    init(_ text: String) {
        let bytes = ResourcePattern.withoutVariables(Array(text.utf8))
        matchesEverything = Wildcard.isAllStars(bytes[...])
        fields = ResourcePattern.split(bytes)
    }

    func matches(_ arn: ProbeARN) -> Bool {
        if matchesEverything { return true }
        let t = arn.fields
        guard fields.count <= t.count, !fields.isEmpty else { return false }
        for k in 0..<(fields.count - 1) where !Wildcard.matches(fields[k], t[k]) { return false }
        let last = fields.count - 1
        let rest = t[last].startIndex..<t[t.count - 1].endIndex
        return Wildcard.matches(fields[last], arn.bytes[rest])
    }

    /// Up to six fields: the first five colons separate, later ones belong to the resource.
    static func split(_ b: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0
        for (i, c) in b.enumerated() where c == UInt8(ascii: ":") && out.count < 5 {
            out.append(b[start..<i]); start = i + 1
        }
        out.append(b[start..<b.count])
        return out
    }

    static func withoutVariables(_ b: [UInt8]) -> [UInt8] {
        guard b.contains(UInt8(ascii: "$")) else { return b }
        var out: [UInt8] = [], i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "$"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "{"),
               let close = b[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) {
                out.append(0x01); i = close + 1
            } else {
                out.append(b[i]); i += 1
            }
        }
        return out
    }
}

/// A concrete resource ARN a probe asks about, split like a pattern.
struct ProbeARN: Sendable {
    let text: String
    let bytes: [UInt8]
    let fields: [ArraySlice<UInt8>]
    init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
        fields = ResourcePattern.split(bytes)
    }
}
