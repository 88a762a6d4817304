import CredLintModel

/// One compiled `Condition` entry (operator, key, values) and how it comes out
/// in a `RequestWorld`.
///
/// Only the keys a world knows are evaluated (the MFA keys); every other key
/// depends on the request (source IP, time, tags…) and comes out `.maybe`.
struct ConditionClause: Sendable {
    enum Outcome: Sendable { case holds, fails, maybe }

    let op: String
    let key: String
    let values: [String]
    /// Lower-cased key, operator without `IfExists` / set qualifier.
    let keyLower: [UInt8]
    let base: [UInt8]
    let ifExists: Bool
    let forAllValues: Bool
    let negated: Bool

    init(_ c: PolicyCondition) {
        op = c.op; key = c.key; values = c.values
        keyLower = Wildcard.lowercased(c.key)
        var o = Wildcard.lowercased(c.op)[...]
        let all = Array("forallvalues:".utf8), any = Array("foranyvalue:".utf8)
        forAllValues = o.starts(with: all)
        if forAllValues { o = o.dropFirst(all.count) } else if o.starts(with: any) { o = o.dropFirst(any.count) }
        let suffix = Array("ifexists".utf8)
        ifExists = o.count > suffix.count && o.suffix(suffix.count).elementsEqual(suffix)
        if ifExists { o = o.dropLast(suffix.count) }
        base = Array(o)
        negated = base.firstRange(of: Array("not".utf8)) != nil
    }

    var isMFAKey: Bool { keyLower == RequestWorld.mfaPresent || keyLower == RequestWorld.mfaAge }

    func outcome(in world: RequestWorld) -> Outcome {
        guard let possible = world.possibleValues(keyLower) else { return .maybe }
        var sawTrue = false, sawFalse = false
        for v in possible {
            switch evaluate(v) {
            case true?: sawTrue = true
            case false?: sawFalse = true
            case nil: return .maybe
            }
        }
        return sawTrue && !sawFalse ? .holds : (sawFalse && !sawTrue ? .fails : .maybe)
    }

    /// The clause against one value of the key (nil: absent); nil when the operator is not modelled.
    func evaluate(_ value: String?) -> Bool? {
        let wanted = values.map { Wildcard.lowercased($0) }
        let isNull = base == Array("null".utf8)
        guard let value else {
            // AWS: a missing key matches nothing, except IfExists, Null true, ForAllValues and negated operators.
            if isNull { return wanted.contains(Array("true".utf8)) }
            return ifExists || forAllValues || negated
        }
        if isNull { return wanted.contains(Array("false".utf8)) }
        let v = Wildcard.lowercased(value)
        let matched: Bool
        switch String(decoding: base, as: UTF8.self) {
        case "bool", "stringequals", "stringequalsignorecase", "stringnotequals", "stringnotequalsignorecase":
            matched = wanted.contains(v)
        case "stringlike", "stringnotlike":
            matched = wanted.contains { Wildcard.matches($0, v) }
        case "numericequals", "numericnotequals", "numericlessthan", "numericlessthanequals",
             "numericgreaterthan", "numericgreaterthanequals":
            guard let x = Double(value) else { return nil }
            let limits = values.compactMap(Double.init)
            guard limits.count == values.count else { return nil }
            matched = limits.contains { limit in
                switch String(decoding: base, as: UTF8.self) {
                case "numericlessthan": x < limit
                case "numericlessthanequals": x <= limit
                case "numericgreaterthan": x > limit
                case "numericgreaterthanequals": x >= limit
                default: x == limit
                }
            }
            return base == Array("numericnotequals".utf8) ? !matched : matched
        default:
            return nil
        }
        return negated ? !matched : matched
    }

    /// `aws:SourceIp 203.0.113.0/24`, `aws:PrincipalTag/team not ops`: how a path names the condition.
    var summary: String {
        "\(key) \(negated ? "not " : "")\(values.joined(separator: " or "))"
    }
}

/// What is known about the request when judging an identity: whether the caller
/// signed in with MFA. Everything else about the request is unknown.
struct RequestWorld: Sendable, Hashable {
    /// The session was authenticated with MFA (a user with an MFA device signing in with it).
    var mfa: Bool

    static let mfaPresent = Array("aws:multifactorauthpresent".utf8)
    static let mfaAge = Array("aws:multifactorauthage".utf8)

    /// The values the key can have in this world (nil in the list: absent); nil when unknown.
    func possibleValues(_ key: [UInt8]) -> [String?]? {
        if key == RequestWorld.mfaPresent {
            // Without MFA the key is "false" (temporary credentials) or absent (access keys).
            return mfa ? ["true"] : [nil, "false"]
        }
        if key == RequestWorld.mfaAge {
            // Seconds since the MFA sign-in: a fresh session satisfies any age limit.
            return mfa ? ["0"] : [nil]
        }
        return nil
    }
}
