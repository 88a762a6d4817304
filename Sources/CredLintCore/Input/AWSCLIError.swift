/// The error line the AWS CLI prints when a call fails, saved with `2>&1`:
/// `An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: ...`.
/// For the password policy that is a fact ("no policy"), not a failure.
enum AWSCLIError {
    static func parse(_ bytes: [UInt8], path: String) throws -> IAMDocument {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.hasPrefix("An error occurred (") }) else {
            throw CredLintError("expected an AWS CLI error line 'An error occurred (CODE) when calling the OPERATION operation: ...'", path: path)
        }
        let line = lines[index].trimmingSuffix("\r")
        let lineNumber = index + 1
        let location = SourceLocation(path: path, line: lineNumber)
        guard let close = line.firstIndex(of: ")") else {
            throw CredLintError("malformed AWS CLI error line; expected 'An error occurred (CODE) ...'", at: location)
        }
        let code = String(line[line.index(line.startIndex, offsetBy: 19)..<close])
        var operation: String?
        if let r = line.range(of: "when calling the "), let e = line.range(of: " operation", range: r.upperBound..<line.endIndex) {
            operation = String(line[r.upperBound..<e.lowerBound])
        }
        let message = line.range(of: "operation: ").map { String(line[$0.upperBound...]) }
        if code == "NoSuchEntity" && operation == "GetAccountPasswordPolicy" { return .noPasswordPolicy(location) }
        return .iamError(IAMErrorResponse(type: nil, code: code, message: message.map { "\($0) (\(operation ?? "?"))" }, location: location))
    }
}

private extension Substring {
    func trimmingSuffix(_ c: Character) -> Substring { last == c ? dropLast() : self }
}
