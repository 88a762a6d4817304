import CredLintXML

/// Per-document state shared by the readers: the display path, and helpers
/// that turn element text into typed values or a located error.
struct IAMXMLContext {
    var path: String
    /// The caps in force (`--max-input-size`): policy document size, versions per policy.
    var caps: InputCaps = .standard

    func at(_ line: Int) -> SourceLocation { SourceLocation(path: path, line: line) }

    func translatingXMLErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as XMLReadError {
            throw CredLintError(e.message + Self.expectation(e), path: path, line: e.line, column: e.column)
        }
    }

    /// Every input error says what was expected; libxml2's own messages and the safety refusals often do not.
    static func expectation(_ e: XMLReadError) -> String {
        if e.message.contains("expected") { return "" }
        switch e.kind {
        case .io: return "; expected a readable XML file"
        case .malformed: return "; expected a well-formed IAM API XML response"
        case .doctype, .entityReference: return "; expected an IAM API response, which has no DTD and no entities"
        case .limit: return "; expected a document within the limits of an IAM API response"
        }
    }

    /// Child `name`'s text, which must be present and non-empty.
    func required(_ node: XMLNode, _ name: String) throws -> String {
        try required(node.child(name), name, in: node.name, line: node.line)
    }

    /// The text of leaf `value` (element `name` of the `<parent>` that starts on `line`),
    /// which must be present and non-empty.
    func required(_ value: XMLNode?, _ name: String, in parent: String, line: Int) throws -> String {
        guard let v = value?.value else {
            throw CredLintError("<\(parent)> has no \(name), expected a <\(name)> element with a value", at: at(line))
        }
        return v
    }

    func date(_ node: XMLNode, _ name: String) throws -> Timestamp? { try date(node.child(name)) }
    func int(_ node: XMLNode, _ name: String) throws -> Int? { try int(node.child(name)) }
    func bool(_ node: XMLNode, _ name: String) throws -> Bool? { try bool(node.child(name)) }

    // `if let`, not `flatMap(dateValue)`: the partially applied method was a heap-allocated closure per call.
    func date(_ leaf: XMLNode?) throws -> Timestamp? {
        if let leaf { try dateValue(leaf) } else { nil }
    }
    func int(_ leaf: XMLNode?) throws -> Int? {
        if let leaf { try intValue(leaf) } else { nil }
    }
    func bool(_ leaf: XMLNode?) throws -> Bool? {
        if let leaf { try boolValue(leaf) } else { nil }
    }

    /// A leaf's timestamp; nil when empty.
    func dateValue(_ leaf: XMLNode) throws -> Timestamp? {
        let t = leaf.text
        if t.isEmpty { return nil }
        guard let ts = ISO8601.parse(t) else {
            throw CredLintError("\(leaf.name) '\(t)' is not an ISO 8601 timestamp, expected e.g. 2013-10-14T18:32:24Z", at: at(leaf.line))
        }
        return ts
    }

    func intValue(_ leaf: XMLNode) throws -> Int? {
        let t = leaf.text
        if t.isEmpty { return nil }
        guard let v = Int(t) else { throw CredLintError("\(leaf.name) '\(t)' is not an integer", at: at(leaf.line)) }
        return v
    }

    /// `true`/`false` in any case; nil when empty.
    func boolValue(_ leaf: XMLNode) throws -> Bool? {
        switch leaf.text.lowercased() {
        case "": return nil
        case "true": return true
        case "false": return false
        default: throw CredLintError("\(leaf.name) '\(leaf.text)' is not a boolean, expected true or false", at: at(leaf.line))
        }
    }

    /// A policy document in child `name` (URL-encoded or plain JSON); nil when absent.
    func policyDocument(_ node: XMLNode, _ name: String) throws -> PolicyDocument? {
        try policyDocument(node.child(name))
    }

    /// The policy document in leaf `value` (URL-encoded or plain JSON); nil when absent or empty.
    func policyDocument(_ value: XMLNode?) throws -> PolicyDocument? {
        guard let c = value, !c.text.isEmpty else { return nil }
        return try PolicyDocumentDecoder.decode(text: c.rawText, location: at(c.line), maxBytes: caps.policyDocumentBytes)
    }
}
