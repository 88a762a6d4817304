/// Reads the JSON that `aws iam …` commands print and turns it into the same
/// model values the XML reader produces.
///
/// The command is recognised by the output's top-level keys, since awscli
/// output carries no operation name:
///
/// | keys | command | result |
/// |---|---|---|
/// | two of `Content`, `GeneratedTime`, `ReportFormat` | `get-credential-report` | `.credentialReport` |
/// | `UserDetailList`, `GroupDetailList`, `RoleDetailList`, `Policies` with versions | `get-account-authorization-details` | `.authorizationDetails` |
/// | `VirtualMFADevices` | `list-virtual-mfa-devices` | `.virtualMFADevices` |
/// | `MFADevices` | `list-mfa-devices` | `.mfaDevices` |
/// | `SummaryMap` | `get-account-summary` | `.accountSummary` |
/// | `PasswordPolicy` | `get-account-password-policy` | `.passwordPolicy` |
/// | `State` | `generate-credential-report` | `.credentialReportState` (an input error: not the report) |
/// | `Error` (or `ErrorResponse`.`Error`) with a `Code` | an SDK error saved as JSON (boto3 `ClientError.response`) | `.iamError`, or `.noPasswordPolicy` |
/// | `Users`, `AccessKeyMetadata`, `AccessKeyLastUsed`, `Policies` without versions | `list-users`, `list-access-keys`, `get-access-key-last-used`, `list-policies` | `.ignorable` |
///
/// awscli prints errors to stderr, never as JSON (a missing password policy is an empty
/// stdout and a non-zero exit code; `AWSCLIError` reads the line when it is saved too).
public enum IAMJSONReader {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Valid JSON, but not the output of any `aws iam` command credlint reads;
        /// the payload says what was found ("an array", "an object with keys "name", …").
        /// A directory walk skips such files; an input named on the command line fails.
        /// Same shape as `IAMXMLReader.Failure.notIAMData`.
        case notIAMData(String)

        /// The failure as a user-facing error about `path`, for when the file was named explicitly.
        package func error(path: String) -> CredLintError {
            CredLintError(description, path: path)
        }

        public var description: String {
            switch self {
            case .notIAMData(let found):
                return "found \(found), expected the JSON output of an 'aws iam' command "
                    + "(get-credential-report, get-account-authorization-details, list-virtual-mfa-devices, "
                    + "list-mfa-devices, get-account-summary, get-account-password-policy)"
            }
        }
    }

    /// Parses `bytes` (a whole file) and maps it. Syntax errors and malformed
    /// IAM data throw `CredLintError`; JSON that is not IAM data throws `Failure.notIAMData`.
    /// `caps` (`--max-input-size`) bound nesting, strings, policy documents and versions.
    public static func read(bytes: [UInt8], path: String, caps: InputCaps = .standard) throws -> IAMDocument {
        try read(json: try caps.jsonParser.parse(bytes, path: path), path: path, caps: caps)
    }

    /// Maps an already-parsed awscli output whose positions refer to `path`.
    package static func read(json: JSONValue, path: String, caps: InputCaps = .standard) throws -> IAMDocument {
        guard let members = json.members else {
            throw Failure.notIAMData(json.foundDescription)
        }
        let root = try JSONObjectReader(json, path: path, what: "awscli output")
        let keys = Set(members.map(\.key))
        let location = json.location(path: path)

        // Two of the three keys: a lone "Content" is too common in unrelated JSON to claim it.
        let reportKeys = keys.intersection(["Content", "GeneratedTime", "ReportFormat"])
        if reportKeys.count >= 2 {
            return .credentialReport(try credentialReport(root))
        }
        let detailLists: Set = ["UserDetailList", "GroupDetailList", "RoleDetailList"]
        if !keys.isDisjoint(with: detailLists) || (keys.contains("Policies") && policiesHaveVersions(root)) {
            return .authorizationDetails(try AuthorizationDetailsJSONReader(caps: caps).read(root))
        }
        if keys.contains("VirtualMFADevices") {
            return .virtualMFADevices(try mfaDeviceList(root, key: "VirtualMFADevices", virtual: true))
        }
        if keys.contains("MFADevices") {
            return .mfaDevices(try mfaDeviceList(root, key: "MFADevices", virtual: false))
        }
        if keys.contains("SummaryMap") { return .accountSummary(try accountSummary(root)) }
        if keys.contains("PasswordPolicy") { return .passwordPolicy(try passwordPolicy(root)) }
        if let state = root["State"]?.string, ["STARTED", "INPROGRESS", "COMPLETE"].contains(state) {
            return .credentialReportState(state: state, description: root["Description"]?.string, location: location)
        }
        // An SDK's error saved as JSON (boto3's `ClientError.response`, or an `ErrorResponse` turned into JSON).
        if let error = (root["ErrorResponse"]?["Error"] ?? root["Error"]), let code = error["Code"]?.string, !code.isEmpty {
            let message = error["Message"]?.string
            if code == "NoSuchEntity", let m = message?.lowercased(), m.contains("password policy") {
                return .noPasswordPolicy(location)
            }
            return .iamError(IAMErrorResponse(type: error["Type"]?.string, code: code, message: message,
                                              location: error.location(path: root.path)))
        }
        if root["Users"]?.elements != nil { return .ignorable(kind: "list-users", location: location) }
        if root["AccessKeyMetadata"]?.elements != nil { return .ignorable(kind: "list-access-keys", location: location) }
        if root["AccessKeyLastUsed"]?.members != nil {
            return .ignorable(kind: "get-access-key-last-used", location: location)
        }
        if root["Policies"]?.elements != nil { return .ignorable(kind: "list-policies", location: location) }
        let shown = members.prefix(5).map { "\"\($0.key)\"" }.joined(separator: ", ")
        let found = members.isEmpty ? "an empty object" : "an object with keys \(shown)\(members.count > 5 ? ", …" : "")"
        throw Failure.notIAMData(found)
    }

    /// `get-account-authorization-details --filter LocalManagedPolicy` prints only
    /// `Policies`, like `list-policies` does; only the former lists versions.
    static func policiesHaveVersions(_ root: JSONObjectReader) -> Bool {
        guard let list = root["Policies"]?.elements else { return false }
        return list.allSatisfy { $0["PolicyVersionList"] != nil }
    }

    // MARK: - get-credential-report

    static func credentialReport(_ root: JSONObjectReader) throws -> CredentialReportInput {
        guard let content = root["Content"] else {
            throw root.missing("Content", expected: "the base64-encoded report in \"Content\" "
                               + "(AWS's documentation example leaves it out; real output has it)")
        }
        guard let text = content.string else { throw root.mismatch("Content", content, expected: "a base64 string") }
        if let format = root["ReportFormat"], format.string != "text/csv" {
            throw root.mismatch("ReportFormat", format, expected: "\"text/csv\"")
        }
        let generated = try root.timestamp("GeneratedTime")
        let contentLocation = content.location(path: root.path)
        guard let csv = Base64Text.decode(text) else {
            throw CredLintError("found a \"Content\" that is not valid base64, expected the base64-encoded credential report",
                                at: contentLocation)
        }
        guard startsWithReportHeader(csv) else {
            let shown = String(decoding: csv.prefix(24), as: UTF8.self)
            throw CredLintError("found a \"Content\" that decodes to \(JSONValue.quoted(shown, limit: 24)), "
                                + "expected a credential report CSV starting with \"user,arn\"", at: contentLocation)
        }
        return CredentialReportInput(path: root.path, container: .json, content: .bytes(csv), generatedTime: generated,
                                     contentLocation: contentLocation, accountID: nil)
    }

    static func startsWithReportHeader(_ csv: [UInt8]) -> Bool {
        let start = csv.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let header = Array("user,arn".utf8)
        guard csv.count >= start + header.count else { return false }
        for k in 0..<header.count where csv[start + k] | 0x20 != header[k] | 0x20 { return false }
        return true
    }

    // MARK: - list-virtual-mfa-devices, list-mfa-devices

    static func mfaDeviceList(_ root: JSONObjectReader, key: String, virtual: Bool) throws -> MFADeviceList {
        guard let listValue = root[key] else { throw root.missing(key, expected: "a \"\(key)\" list") }
        guard listValue.elements != nil else { throw root.mismatch(key, listValue, expected: "a list of devices") }
        let devices = try root.objects(key, what: "MFA device").map { d -> MFADevice in
            var userName = try d.string("UserName"), userARN: String? = nil
            if virtual, let user = try d.object("User", what: "user") {
                userName = try user.string("UserName")
                userARN = try user.string("Arn")
            }
            return MFADevice(serialNumber: try d.requiredString("SerialNumber"), userName: userName, userARN: userARN,
                             enableDate: try d.timestamp("EnableDate"),
                             secretPresent: d.has("Base32StringSeed") || d.has("QRCodePNG"), location: d.location)
        }
        let (truncated, marker) = try pagination(root)
        return MFADeviceList(devices: devices, isTruncated: truncated, marker: marker,
                             location: listValue.location(path: root.path))
    }

    /// `IsTruncated`/`Marker` (with `--no-paginate`), or a CLI `NextToken`, which
    /// means `--max-items` cut the output: truncated, with no API marker to give.
    static func pagination(_ root: JSONObjectReader) throws -> (Bool, String?) {
        var truncated = try root.bool("IsTruncated") ?? false
        let marker = try root.string("Marker")
        if try root.string("NextToken") != nil { truncated = true }
        return (truncated, marker)
    }

    // MARK: - get-account-summary, get-account-password-policy

    static func accountSummary(_ root: JSONObjectReader) throws -> AccountSummary {
        guard let map = try root.object("SummaryMap", what: "summary map") else {
            throw root.missing("SummaryMap", expected: "a \"SummaryMap\" object")
        }
        var values: [String: Int] = [:]
        for member in map.members {
            guard let n = member.value.int else {
                throw map.mismatch(member.key, member.value, expected: "an integer")
            }
            values[member.key] = n
        }
        return AccountSummary(values: values, location: map.location)
    }

    static func passwordPolicy(_ root: JSONObjectReader) throws -> PasswordPolicy {
        guard let p = try root.object("PasswordPolicy", what: "password policy") else {
            throw root.missing("PasswordPolicy", expected: "a \"PasswordPolicy\" object")
        }
        return PasswordPolicy(
            minimumPasswordLength: try p.int("MinimumPasswordLength"), requireSymbols: try p.bool("RequireSymbols"),
            requireNumbers: try p.bool("RequireNumbers"),
            requireUppercaseCharacters: try p.bool("RequireUppercaseCharacters"),
            requireLowercaseCharacters: try p.bool("RequireLowercaseCharacters"),
            allowUsersToChangePassword: try p.bool("AllowUsersToChangePassword"),
            expirePasswords: try p.bool("ExpirePasswords"), maxPasswordAge: try p.int("MaxPasswordAge"),
            passwordReusePrevention: try p.int("PasswordReusePrevention"), hardExpiry: try p.bool("HardExpiry"),
            location: p.location)
    }
}

/// Standard base64 (RFC 4648 §4) as awscli prints blobs. ASCII whitespace is
/// skipped (a wrapped paste); padding may be left out; anything else fails.
private enum Base64Text {
    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count / 4 * 3)
        var quad: UInt32 = 0, n = 0, padding = 0
        for c in text.utf8 {
            let v: UInt32
            switch c {
            case 0x41...0x5A: v = UInt32(c - 0x41)
            case 0x61...0x7A: v = UInt32(c - 0x61 + 26)
            case 0x30...0x39: v = UInt32(c - 0x30 + 52)
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "="): padding += 1; continue
            default: return nil
            }
            if padding > 0 { return nil }  // data after '='
            quad = quad << 6 | v
            n += 1
            if n == 4 {
                out.append(UInt8(quad >> 16 & 0xFF)); out.append(UInt8(quad >> 8 & 0xFF)); out.append(UInt8(quad & 0xFF))
                quad = 0; n = 0
            }
        }
        switch (n, padding) {
        case (0, 0): break
        case (2, 0), (2, 2): out.append(UInt8(quad >> 4 & 0xFF))
        case (3, 0), (3, 1): out.append(UInt8(quad >> 10 & 0xFF)); out.append(UInt8(quad >> 2 & 0xFF))
        default: return nil
        }
        return out
    }
}
