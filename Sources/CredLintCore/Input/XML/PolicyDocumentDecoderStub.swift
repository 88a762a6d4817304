import Foundation

// Stand-in so the XML readers compile and test on their own. The real decoder
// lives in Input/PolicyDocumentDecoder.swift; delete this file when merging it.
// Same entry point: `PolicyDocumentDecoder.decode(text:location:)`.
enum PolicyDocumentDecoder {
    static func decode(text: String, location: SourceLocation) throws -> PolicyDocument {
        var json = XMLNode.trim(text)
        if !json.hasPrefix("{") {
            // URL-encoded (RFC 3986): '+' stays '+'.
            guard let decoded = json.removingPercentEncoding else {
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

    private static func strings(_ v: Any?) -> [String] {
        if let s = v as? String { return [s] }
        if let list = v as? [Any] { return list.compactMap { $0 as? String } }
        return []
    }
}
