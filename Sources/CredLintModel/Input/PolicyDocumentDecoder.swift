/// Turns an IAM policy document, in any of the forms AWS tools hand it out, into a `PolicyDocument`.
///
/// The forms (aws-formats.md E10): URL-encoded JSON text (IAM Query API XML),
/// raw JSON text (moto's `AssumeRolePolicyDocument`, AWS doc samples padded with
/// whitespace), and already-parsed JSON objects (awscli and boto3 output).
public enum PolicyDocumentDecoder {
    /// Decodes policy text found at `location` (an XML element, a JSON string, a YAML scalar).
    ///
    /// Text whose first non-blank character is `{` is read as JSON. Other text
    /// containing `%` is percent-decoded first, per RFC 3986: `+` stays a `+`
    /// (it is not a space, unlike in HTML form encoding). Errors point at
    /// `location`; for JSON errors inside the document the message names the
    /// line and column within the decoded text, since those do not map onto
    /// the input file.
    ///
    /// Text longer than `maxBytes` (`InputCaps.policyDocumentBytes`) is refused before it is decoded.
    public static func decode(text: String, location: SourceLocation,
                              maxBytes: Int = InputCaps.standard.policyDocumentBytes) throws -> PolicyDocument {
        let size = text.utf8.count
        if size > maxBytes {
            throw InputCaps.exceeded("a policy document of \(size) bytes",
                                     aws: "131,072 characters in the IAM API; 10,240 at most in IAM's quotas",
                                     limit: maxBytes, at: location)
        }
        var bytes = trimmed(Array(text.utf8))
        if bytes.first != UInt8(ascii: "{"), bytes.contains(UInt8(ascii: "%")) {
            bytes = trimmed(try percentDecoded(bytes, location: location))
        }
        let json: JSONValue
        do {
            json = try JSONParser().parse(bytes, path: location.path)
        } catch let e as CredLintError {
            throw CredLintError("policy document is not a JSON object: \(e.message) (at \(position(e)) of the document)",
                                at: location)
        }
        guard json.members != nil else {
            throw CredLintError("found \(json.foundDescription) as the policy document, expected a JSON object",
                                at: location)
        }
        do {
            return try decodeObject(json, path: location.path)
        } catch let e as CredLintError {
            throw CredLintError("\(e.message) (at \(position(e)) of the policy document)", at: location)
        }
    }

    /// Decodes an already-parsed document. `json`'s positions must be positions
    /// in `location.path` (they are when the value came from `JSONParser` on that
    /// file), so errors point at the offending member itself.
    package static func decode(json: JSONValue, location: SourceLocation) throws -> PolicyDocument {
        guard json.members != nil else {
            throw CredLintError("found \(json.foundDescription) as the policy document, expected a JSON object",
                                at: location)
        }
        return try decodeObject(json, path: location.path)
    }

    // MARK: - Mapping

    static func decodeObject(_ json: JSONValue, path: String) throws -> PolicyDocument {
        let doc = try JSONObjectReader(json, path: path, what: "policy document")
        guard doc.has("Statement") else {
            throw doc.missing("Statement", expected: "a \"Statement\" object or list")
        }
        let statements = try doc.objects("Statement", what: "policy statement")
        return PolicyDocument(statements: try statements.map(decodeStatement))
    }

    static func decodeStatement(_ s: JSONObjectReader) throws -> PolicyStatement {
        let effectText = try s.requiredString("Effect")
        guard let effect = PolicyStatement.Effect(rawValue: effectText) else {
            throw s.mismatch("Effect", s["Effect"]!, expected: "\"Allow\" or \"Deny\"")
        }
        var principals: [String: [String]] = [:]
        if let p = s["Principal"] {
            if let text = p.string {
                guard text == "*" else { throw s.mismatch("Principal", p, expected: "\"*\" or an object") }
                principals["*"] = ["*"]
            } else if p.members != nil {
                let kinds = try JSONObjectReader(p, path: s.path, what: "principal")
                for member in kinds.members where !member.value.isNull {
                    principals[member.key] = try kinds.strings(member.key)
                }
            } else {
                throw s.mismatch("Principal", p, expected: "\"*\" or an object")
            }
        }
        return PolicyStatement(
            sid: try s.string("Sid"), effect: effect,
            actions: try s.strings("Action"), notActions: try s.strings("NotAction"),
            resources: try s.strings("Resource"), notResources: try s.strings("NotResource"),
            principals: principals, conditions: try conditions(s))
    }

    /// `{"Operator": {"key": value or [values]}}`; values may be strings, numbers or booleans.
    static func conditions(_ s: JSONObjectReader) throws -> [PolicyCondition] {
        guard let c = s["Condition"] else { return [] }
        guard let members = c.members else { throw s.mismatch("Condition", c, expected: "an object") }
        var out: [PolicyCondition] = []
        for op in members {
            let keys = try JSONObjectReader(op.value, path: s.path, what: "condition operator \(JSONValue.quoted(op.key))")
            for key in keys.members {
                let items = key.value.elements ?? [key.value]
                let values = try items.map { v -> String in
                    if let t = v.string ?? v.numberText { return t }
                    if let b = v.bool { return b ? "true" : "false" }
                    throw keys.mismatch(key.key, v, expected: "a string, number or boolean condition value")
                }
                out.append(PolicyCondition(op: op.key, key: key.key, values: values))
            }
        }
        return out
    }

    // MARK: - Text helpers

    static func position(_ e: CredLintError) -> String {
        "line \(e.location?.line ?? 1), column \(e.location?.column ?? 1)"
    }

    static func trimmed(_ b: [UInt8]) -> [UInt8] {
        func blank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        guard let first = b.firstIndex(where: { !blank($0) }), let last = b.lastIndex(where: { !blank($0) }) else {
            return []
        }
        return Array(b[first...last])
    }

    /// RFC 3986 percent-decoding: `%XX` becomes a byte, everything else (including `+`) is kept.
    static func percentDecoded(_ b: [UInt8], location: SourceLocation) throws -> [UInt8] {
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x41 + 10
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%") {
                guard i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) else {
                    let bad = String(decoding: b[i..<min(i + 3, b.count)], as: UTF8.self)
                    throw CredLintError(
                        "found \(JSONValue.quoted(bad)) at offset \(i) of the URL-encoded policy document, expected '%' followed by two hex digits",
                        at: location)
                }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }
}
