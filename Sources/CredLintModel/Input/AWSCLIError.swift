/// What the AWS CLI prints on stderr when it fails, saved into a file with `2>&1`:
/// `An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: ...`
/// (newer CLI v2 releases put `aws: [ERROR]: ` in front), or an error from before any call
/// was made: no credentials, an expired SSO token, an unknown profile, no connection.
///
/// For the password policy, NoSuchEntity is a fact ("no policy"). Anything else proves that
/// the collection step failed (`CollectionFailure`).
enum AWSCLIError {
    /// How the lines the CLI prints when it fails begin (after an optional `aws: [ERROR]: `).
    static let linePrefixes = [
        "An error occurred (",                            // a service error; in CLI v2 also NoCredentials, ...
        "A client error (",                               // the same in awscli before 1.10
        "Unable to locate credentials",
        "Partial credentials found in",
        "Error when retrieving token from sso",
        "Error when retrieving credentials from",
        "Error loading SSO Token",
        "The SSO session associated with this profile",
        "Token has expired and refresh failed",
        "The config profile (",
        "Unable to parse config file",
        "You must specify a region",
        "Could not connect to the endpoint URL",
        "Connect timeout on endpoint URL",
        "Read timeout on endpoint URL",
        "SSL validation failed for",
        "Invalid endpoint: ",
        "aws: error: ",                                   // a bad argument (after the usage lines)
    ]
    /// What newer AWS CLI v2 releases print before every error line.
    static let v2Prefix = "aws: [ERROR]: "

    /// The first line of `bytes` that is an AWS CLI error: its 1-based number and its text
    /// without surrounding whitespace and without `aws: [ERROR]: `.
    static func errorLine<C: Collection>(in bytes: C) -> (line: Int, text: String)? where C.Element == UInt8 {
        let text = String(decoding: bytes, as: UTF8.self)
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{FEFF}" }
            while let l = line.last, l == " " || l == "\t" || l == "\r" { line = line.dropLast() }
            if line.hasPrefix(v2Prefix) { line = line.dropFirst(v2Prefix.count) }
            if linePrefixes.contains(where: { line.hasPrefix($0) }) { return (index + 1, String(line)) }
        }
        return nil
    }

    static func parse(_ bytes: [UInt8], path: String) throws -> IAMDocument {
        guard let (lineNumber, line) = errorLine(in: bytes) else {
            throw CredLintError("expected an AWS CLI error line 'An error occurred (CODE) when calling the OPERATION operation: ...'", path: path)
        }
        let location = SourceLocation(path: path, line: lineNumber)
        guard let (code, operation, message) = serviceError(line) else {
            return .awsCLIError(message: line, location: location)
        }
        if code == "NoSuchEntity" && operation == "GetAccountPasswordPolicy" { return .noPasswordPolicy(location) }
        return .iamError(IAMErrorResponse(type: nil, code: code, message: message, operation: operation, location: location))
    }

    /// `An error occurred (CODE) when calling the OPERATION operation[ (reached max retries: N)]: MESSAGE`,
    /// `An error occurred (CODE): MESSAGE`, or awscli's old `A client error (CODE) occurred when calling ...`.
    static func serviceError(_ line: String) -> (code: String, operation: String?, message: String?)? {
        var rest = Substring(line)
        if rest.hasPrefix("An error occurred (") { rest = rest.dropFirst("An error occurred (".count) }
        else if rest.hasPrefix("A client error (") { rest = rest.dropFirst("A client error (".count) }
        else { return nil }
        guard let close = rest.firstIndex(of: ")") else { return nil }
        let code = String(rest[..<close])
        guard !code.isEmpty else { return nil }
        rest = rest[rest.index(after: close)...]
        var operation: String?
        if let r = rest.range(of: "when calling the "), let e = rest.range(of: " operation", range: r.upperBound..<rest.endIndex) {
            operation = String(rest[r.upperBound..<e.lowerBound])
            rest = rest[e.upperBound...]
        }
        // Retries, as in `operation (reached max retries: 4): Rate exceeded`.
        if rest.hasPrefix(" ("), let close = rest.firstIndex(of: ")") { rest = rest[rest.index(after: close)...] }
        let message = rest.range(of: ": ").map { String(rest[$0.upperBound...]) }
        return (code, operation, message)
    }
}
