/// Typed, located access to the members of one JSON object, with errors worded
/// as "found X for "Key", expected Y" at the offending value.
///
/// `null` counts as absent: awscli and boto3 print `null` for unset optional
/// fields in some outputs. Unknown keys are ignored so newer AWS fields do not
/// break old credlint versions.
struct JSONObjectReader {
    let value: JSONValue
    let members: [JSONMember]
    let path: String
    /// What the object is, for messages ("user", "policy version").
    let what: String

    init(_ value: JSONValue, path: String, what: String) throws {
        guard let members = value.members else {
            throw CredLintError("found \(value.foundDescription) for the \(what), expected an object",
                                at: value.location(path: path))
        }
        self.value = value; self.members = members; self.path = path; self.what = what
    }

    var location: SourceLocation { value.location(path: path) }

    func has(_ key: String) -> Bool { self[key] != nil }

    /// The member's value, or nil when missing or `null`.
    subscript(key: String) -> JSONValue? {
        guard let v = members.first(where: { $0.key == key })?.value, !v.isNull else { return nil }
        return v
    }

    func mismatch(_ key: String, _ v: JSONValue, expected: String) -> CredLintError {
        CredLintError("found \(v.foundDescription) for \"\(key)\", expected \(expected)", at: v.location(path: path))
    }

    func missing(_ key: String, expected: String) -> CredLintError {
        CredLintError("found \(JSONObjectReader.article(what)) \(what) without \"\(key)\", expected \(expected)", at: location)
    }

    /// "a" or "an" before `noun`; acronyms go by their spoken letter ("an MFA device").
    static func article(_ noun: String) -> String {
        let letters = Array(noun.prefix(2))
        guard let first = letters.first else { return "a" }
        if letters.count == 2, letters.allSatisfy(\.isUppercase) { return "AEFHILMNORSX".contains(first) ? "an" : "a" }
        return "aeioAEIO".contains(first) ? "an" : "a"
    }

    func string(_ key: String) throws -> String? {
        guard let v = self[key] else { return nil }
        guard let s = v.string else { throw mismatch(key, v, expected: "a string") }
        return s
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw missing(key, expected: "a \"\(key)\" string") }
        return s
    }

    func bool(_ key: String) throws -> Bool? {
        guard let v = self[key] else { return nil }
        guard let b = v.bool else { throw mismatch(key, v, expected: "true or false") }
        return b
    }

    func int(_ key: String) throws -> Int? {
        guard let v = self[key] else { return nil }
        guard let n = v.int else { throw mismatch(key, v, expected: "an integer") }
        return n
    }

    /// An ISO 8601 timestamp (`Z`, `+00:00`, optional fraction), as awscli prints them.
    func timestamp(_ key: String) throws -> Timestamp? {
        guard let v = self[key] else { return nil }
        guard let s = v.string else { throw mismatch(key, v, expected: "an ISO 8601 timestamp string") }
        guard let t = ISO8601.parse(s) else { throw mismatch(key, v, expected: "an ISO 8601 timestamp") }
        return t
    }

    func object(_ key: String, what: String) throws -> JSONObjectReader? {
        guard let v = self[key] else { return nil }
        guard v.members != nil else { throw mismatch(key, v, expected: "an object") }
        return try JSONObjectReader(v, path: path, what: what)
    }

    /// A list of objects. A single object is taken as a list of one: AWS's own
    /// `get-account-authorization-details` example prints `AttachedManagedPolicies` that way.
    func objects(_ key: String, what: String) throws -> [JSONObjectReader] {
        guard let v = self[key] else { return [] }
        if v.members != nil { return [try JSONObjectReader(v, path: path, what: what)] }
        guard let elements = v.elements else { throw mismatch(key, v, expected: "a list of objects") }
        return try elements.map { e in
            guard e.members != nil else {
                throw CredLintError("found \(e.foundDescription) in \"\(key)\", expected \(JSONObjectReader.article(what)) \(what) object",
                                    at: e.location(path: path))
            }
            return try JSONObjectReader(e, path: path, what: what)
        }
    }

    func strings(_ key: String) throws -> [String] {
        guard let v = self[key] else { return [] }
        if let s = v.string { return [s] }
        guard let elements = v.elements else { throw mismatch(key, v, expected: "a list of strings") }
        return try elements.map { e in
            guard let s = e.string else {
                throw CredLintError("found \(e.foundDescription) in \"\(key)\", expected a string",
                                    at: e.location(path: path))
            }
            return s
        }
    }
}
