/// Recognises an input by its first bytes, never by its name.
enum Sniffer {
    enum Kind: Equatable {
        case xml, json, csv, awscliError
        /// Nothing at all (`blank`: only whitespace). What a collection step leaves when its
        /// command failed, so it is an input error wherever it sits (`CollectionFailure`).
        case empty(blank: Bool)
        case other(String)
    }

    static func kind<C: Collection>(of head: C) -> Kind where C.Element == UInt8 {
        var bytes = Array(head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.contains(0) { return .other("a binary file") }
        guard let first = bytes.firstIndex(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }) else {
            return .empty(blank: !bytes.isEmpty)
        }
        switch bytes[first] {
        case UInt8(ascii: "<"): return .xml
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
        default: break
        }
        // What `aws iam ... > file 2>&1` saves when the call fails: `An error occurred (NoSuchEntity) ...`
        // (for the password policy a fact, "no policy"), an expired SSO token, no credentials, ...
        // Each begins with words and a space, which no line of a report can (IAM names and paths have no spaces).
        if AWSCLIError.errorLine(in: bytes) != nil { return .awscliError }
        let lineEnd = bytes.firstIndex(where: { $0 == 10 || $0 == 13 }) ?? bytes.endIndex
        let header = String(decoding: bytes[..<lineEnd], as: UTF8.self).lowercased()
        let cols = header.split(separator: ",").map { $0.trimmingCharacters(in: "\" ") }
        if cols.contains("arn") || cols.first == "user" { return .csv }
        return .other("a text file that is not a credential report (its first line has no 'user'/'arn' columns)")
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
