/// What one input file turned out to be, after sniffing its content.
public enum IAMDocument: Sendable {
    case credentialReport(CredentialReportInput)
    case authorizationDetails(AuthorizationDetailsPage)
    /// ListVirtualMFADevices (assigned and unassigned).
    case virtualMFADevices(MFADeviceList)
    /// ListMFADevices (usually for one user).
    case mfaDevices(MFADeviceList)
    case accountSummary(AccountSummary)
    case passwordPolicy(PasswordPolicy)
    /// GetAccountPasswordPolicy answered `NoSuchEntity`: the account has no policy (a fact, not an error).
    case noPasswordPolicy(SourceLocation)
    /// Any other IAM `ErrorResponse` (e.g. `ReportNotPresent`), or the AWS CLI's line for one.
    /// Proof that collecting failed: the loader makes it an input error (`CollectionFailure`).
    case iamError(IAMErrorResponse)
    /// Another error the AWS CLI printed (no credentials, an expired SSO token, ...): `message`
    /// is its line. Also an input error.
    case awsCLIError(message: String, location: SourceLocation)
    /// GenerateCredentialReport's answer (`State` STARTED, INPROGRESS or COMPLETE) saved where
    /// the report was expected: it says a report is being made, and is not one. An input error.
    case credentialReportState(state: String?, description: String?, location: SourceLocation)
    /// A file that is IAM data but carries nothing to lint (ListUsers, ListAccessKeys, ...).
    case ignorable(kind: String, location: SourceLocation)
}

/// ListMFADevices / ListVirtualMFADevices, one page.
public struct MFADeviceList: Sendable, Equatable {
    public var devices: [MFADevice]
    /// ListMFADevices: the user the list is for, when the response says.
    package var userName: String?
    package var isTruncated: Bool
    package var marker: String?
    package var location: SourceLocation
    package init(devices: [MFADevice], userName: String? = nil, isTruncated: Bool = false, marker: String? = nil,
                location: SourceLocation) {
        self.devices = devices; self.userName = userName; self.isTruncated = isTruncated; self.marker = marker
        self.location = location
    }
}

/// An IAM Query API `ErrorResponse`.
public struct IAMErrorResponse: Sendable, Equatable {
    package var type: String?
    package var code: String
    package var message: String?
    /// The operation that failed, when known (the AWS CLI's line names it; an XML `ErrorResponse` does not).
    package var operation: String?
    package var location: SourceLocation
    package init(type: String? = nil, code: String, message: String? = nil, operation: String? = nil, location: SourceLocation) {
        self.type = type; self.code = code; self.message = message; self.operation = operation; self.location = location
    }
}

/// A credential report found in an input: a CSV file, or the CSV inside a
/// GetCredentialReport XML / `aws iam get-credential-report` JSON envelope.
public struct CredentialReportInput: Sendable {
    package enum Container: String, Sendable { case csv, xml, json }
    public enum Content: Sendable {
        /// A CSV file on disk, streamed when linted.
        case file(path: String)
        /// A CSV file the loader opened once to sniff and peek at, streamed from the same descriptor.
        case openFile(InputFile)
        /// CSV bytes decoded from an envelope's base64 `Content`.
        case bytes([UInt8])
    }
    /// The input path (as given or as found in a directory walk).
    public var path: String
    package var container: Container
    public var content: Content
    /// `GeneratedTime` from the envelope; nil for a bare CSV.
    package var generatedTime: Timestamp?
    /// For envelopes, where `Content` sits; findings point there.
    public var contentLocation: SourceLocation?
    /// Account id from the first data row's ARN (nil for a report with no rows).
    package var accountID: String?
    /// The caps it is read under (`--max-input-size`): rows, record size.
    package var caps: InputCaps = .standard

    package init(path: String, container: Container, content: Content, generatedTime: Timestamp? = nil,
                contentLocation: SourceLocation? = nil, accountID: String? = nil) {
        self.path = path; self.container = container; self.content = content
        self.generatedTime = generatedTime; self.contentLocation = contentLocation; self.accountID = accountID
    }
}
