import Foundation

// Stand-in so the XML readers compile and test on their own. The real decoder
// lives in Input/PolicyDocumentDecoder.swift; delete this file when merging it.
// Same entry point: `PolicyDocumentDecoder.decode(text:location:)`.
enum PolicyDocumentDecoder {
    static func decode(text: String, location: SourceLocation) throws -> PolicyDocument {
        var json = XMLNode.trim(text)
        if !json.hasPrefix("{") {
            // URL-encoded (RFC 3986): '+' stays '+'.
            guard let decoded = percentDecoded(json) else {
                throw CredLintError("policy document is not valid URL encoding, expected URL-encoded or plain JSON", at: location)
            }
            json = decoded
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)), let root = object as? [String: Any]
        else {
            throw CredLintError("policy document is not a JSON object, expected IAM policy JSON (URL-encoded or plain)", at: location)
        }
        let rawStatements: [Any]
        switch root["Statement"] {
        case let list as [Any]: rawStatements = list
        case let one as [String: Any]: rawStatements = [one]
        case nil: rawStatements = []
        default: throw CredLintError("policy document's Statement is neither an object nor a list", at: location)
        }
        var statements: [PolicyStatement] = []
        for raw in rawStatements {
            guard let s = raw as? [String: Any] else {
                throw CredLintError("policy document has a Statement entry that is not an object", at: location)
            }
            let effect: PolicyStatement.Effect
            switch s["Effect"] as? String {
            case "Allow": effect = .allow
            case "Deny": effect = .deny
            default: throw CredLintError("policy statement has Effect \(String(describing: s["Effect"] ?? "nil")), expected Allow or Deny", at: location)
            }
            var principals: [String: [String]] = [:]
            if let p = s["Principal"] as? String { principals["*"] = [p] }
            if let map = s["Principal"] as? [String: Any] {
                for (kind, v) in map { principals[kind] = strings(v) }
            }
            statements.append(PolicyStatement(
                sid: s["Sid"] as? String, effect: effect, actions: strings(s["Action"]), notActions: strings(s["NotAction"]),
                resources: strings(s["Resource"]), notResources: strings(s["NotResource"]), principals: principals,
                hasCondition: s["Condition"] != nil))
        }
        return PolicyDocument(statements: statements)
    }

    /// RFC 3986 percent-decoding on bytes (Foundation's `removingPercentEncoding`
    /// cost 30% of a 100 MB GAAD read).
    private static func percentDecoded(_ s: String) -> String? {
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 65...70: return c - 55
            case 97...102: return c - 87
            default: return nil
            }
        }
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            if u[i] == 37 {  // %
                guard i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2]) else { return nil }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(bytes: out, encoding: .utf8)
    }

    private static func strings(_ v: Any?) -> [String] {
        if let s = v as? String { return [s] }
        if let list = v as? [Any] { return list.compactMap { $0 as? String } }
        return []
    }
}
