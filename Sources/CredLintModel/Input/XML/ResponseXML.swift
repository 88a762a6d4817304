
/// The small IAM responses, converted from a whole-document `XMLNode` tree. Each has a
/// fixed handful of elements (a summary map, a password policy, one credential report's
/// `Content`, an error), so a tree costs nothing here and keeps these readers short; the
/// responses whose size grows with the account (GetAccountAuthorizationDetails, the MFA
/// lists) are streamed instead (`AuthorizationDetailsXML`, `MFADeviceListXML`).
enum ResponseXML {
    static func document(from root: XMLNode, _ cx: IAMXMLContext) throws -> IAMDocument {
        switch root.name {
        case "GetAccountSummaryResponse":
            return .accountSummary(try accountSummary(try result(root, cx), cx))
        case "GetAccountPasswordPolicyResponse":
            return .passwordPolicy(try passwordPolicy(try result(root, cx), cx))
        case "GetCredentialReportResponse":
            return .credentialReport(try credentialReport(try result(root, cx), cx))
        case "GenerateCredentialReportResponse":
            let result = root.child("GenerateCredentialReportResult")
            return .credentialReportState(state: result?.string("State"), description: result?.string("Description"),
                                          location: cx.at(root.line))
        case "ErrorResponse":
            return try errorResponse(root, cx)
        default:
            throw IAMXMLReader.Failure.notIAMData(root.name)
        }
    }

    /// `FooResponse` → its `FooResult` child.
    private static func result(_ root: XMLNode, _ cx: IAMXMLContext) throws -> XMLNode {
        let name = String(root.name.dropLast("Response".count)) + "Result"
        guard let r = root.child(name) else {
            throw CredLintError("<\(root.name)> has no <\(name)>", at: cx.at(root.line))
        }
        return r
    }

    static func accountSummary(_ r: XMLNode, _ cx: IAMXMLContext) throws -> AccountSummary {
        guard let map = r.child("SummaryMap") else {
            throw CredLintError("<\(r.name)> has no <SummaryMap>", at: cx.at(r.line))
        }
        var values: [String: Int] = [:]
        for entry in map.children where entry.name == "entry" {
            let key = try cx.required(entry, "key")
            guard let v = try cx.int(entry, "value") else {
                throw CredLintError("SummaryMap entry \(key) has no value, expected an integer", at: cx.at(entry.line))
            }
            values[key] = v
        }
        return AccountSummary(values: values, location: cx.at(map.line))
    }

    static func passwordPolicy(_ r: XMLNode, _ cx: IAMXMLContext) throws -> PasswordPolicy {
        guard let p = r.child("PasswordPolicy") else {
            throw CredLintError("<\(r.name)> has no <PasswordPolicy>", at: cx.at(r.line))
        }
        return PasswordPolicy(
            minimumPasswordLength: try cx.int(p, "MinimumPasswordLength"), requireSymbols: try cx.bool(p, "RequireSymbols"),
            requireNumbers: try cx.bool(p, "RequireNumbers"),
            requireUppercaseCharacters: try cx.bool(p, "RequireUppercaseCharacters"),
            requireLowercaseCharacters: try cx.bool(p, "RequireLowercaseCharacters"),
            allowUsersToChangePassword: try cx.bool(p, "AllowUsersToChangePassword"),
            expirePasswords: try cx.bool(p, "ExpirePasswords"), maxPasswordAge: try cx.int(p, "MaxPasswordAge"),
            passwordReusePrevention: try cx.int(p, "PasswordReusePrevention"), hardExpiry: try cx.bool(p, "HardExpiry"),
            location: cx.at(p.line))
    }

    static func credentialReport(_ r: XMLNode, _ cx: IAMXMLContext) throws -> CredentialReportInput {
        guard let content = r.child("Content") else {
            throw CredLintError("<\(r.name)> has no <Content>, expected the base64 credential report", at: cx.at(r.line))
        }
        // Two reports in one envelope: taking either would silently drop the other.
        if let second = r.children.lazy.filter({ XMLNode.same($0.name, "Content") }).dropFirst().first {
            throw CredLintError("found a second <Content> in <\(r.name)> (the first is on line \(content.line)), "
                + "expected one credential report per response", at: cx.at(second.line))
        }
        if let format = r.child("ReportFormat"), !format.text.isEmpty, format.text.lowercased() != "text/csv" {
            throw CredLintError("ReportFormat '\(format.text)' is not supported, expected text/csv", at: cx.at(format.line))
        }
        guard let bytes = Base64Decoder.decode(content.rawText) else {
            throw CredLintError("Content is not valid base64, expected the base64-encoded credential report CSV", at: cx.at(content.line))
        }
        guard looksLikeCredentialReport(bytes) else {
            throw CredLintError("Content does not decode to a credential report, expected CSV starting with 'user,arn'", at: cx.at(content.line))
        }
        return CredentialReportInput(
            path: cx.path, container: .xml, content: .bytes(bytes), generatedTime: try cx.date(r, "GeneratedTime"),
            contentLocation: cx.at(content.line), accountID: nil)
    }

    /// `user,arn` (any case) at the start, after an optional UTF-8 BOM.
    static func looksLikeCredentialReport(_ bytes: [UInt8]) -> Bool {
        var s = bytes[...]
        if s.starts(with: [0xEF, 0xBB, 0xBF]) { s = s.dropFirst(3) }
        let header = Array("user,arn".utf8)
        guard s.count >= header.count else { return false }
        return zip(s.prefix(header.count), header).allSatisfy { a, b in (a >= 65 && a <= 90 ? a + 32 : a) == b }
    }

    /// `NoSuchEntity` about the password policy means "the account has none" (a fact to lint).
    static func errorResponse(_ root: XMLNode, _ cx: IAMXMLContext) throws -> IAMDocument {
        guard let e = root.child("Error") else {
            throw CredLintError("<ErrorResponse> has no <Error>", at: cx.at(root.line))
        }
        let code = try cx.required(e, "Code")
        let message = e.string("Message")  // moto's extra lowercase <message> is a different name: ignored
        if code == "NoSuchEntity", let m = message?.lowercased(), m.contains("password policy") {
            return .noPasswordPolicy(cx.at(e.line))
        }
        return .iamError(IAMErrorResponse(type: e.string("Type"), code: code, message: message, location: cx.at(e.line)))
    }
}
