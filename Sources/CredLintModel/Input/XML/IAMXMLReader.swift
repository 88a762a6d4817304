import CredLintXML

/// Reads one IAM Query API XML response into an `IAMDocument`.
///
/// The root element's local name picks the reader; the namespace is not
/// required (an AWS doc sample omits it). Children are matched by name in any
/// order, unknown elements are ignored, text is trimmed. Parsing is hardened
/// by `SafeXMLReader` (no DTDs, no entities, caps on depth, size and text).
///
/// Errors: `CredLintError` (with path, line and column) for anything malformed;
/// `Failure.notIAMData` when the root is not an IAM response, so a directory
/// walk can skip the file with a note.
public enum IAMXMLReader {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The root element (its local name is the payload) is not an IAM response credlint knows.
        case notIAMData(String)

        public var description: String {
            switch self {
            case .notIAMData(let root): return "root element <\(root)> is not an IAM API response"
            }
        }
    }

    static let iamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"

    /// The XML reader's caps (`InputCaps`: depth, elements, text between two tags, file size).
    static func limits(_ caps: InputCaps) -> XMLLimits {
        let v = caps.xmlLimits
        return XMLLimits(maxDepth: v.maxDepth, maxElements: v.maxElements, maxTextBytes: v.maxTextBytes, maxFileBytes: v.maxFileBytes)
    }

    /// The default caps with another file-size cap, in bytes (tests of small documents).
    static func limits(maxDocumentBytes: Int) -> XMLLimits {
        var l = limits(.standard)
        l.maxFileBytes = maxDocumentBytes
        return l
    }

    /// Streams the file at `path`; `displayPath` goes into every location.
    /// A regular file larger than `caps.inputBytes` is refused before parsing.
    public static func read(path: String, displayPath: String, caps: InputCaps = .standard) throws -> IAMDocument {
        try read(path: path, displayPath: displayPath, limits: limits(caps), caps: caps)
    }

    /// Streams an already-open file from its start (`InputFile`: one open per input).
    package static func read(file: InputFile, displayPath: String, caps: InputCaps = .standard) throws -> IAMDocument {
        let context = IAMXMLContext(path: displayPath, caps: caps)
        return try context.translatingXMLErrors {
            try read(SafeXMLReader(borrowing: file.fd, limits: limits(caps)), context)
        }
    }

    /// Reads an XML document already in memory.
    public static func read(bytes: [UInt8], displayPath: String, caps: InputCaps = .standard) throws -> IAMDocument {
        try read(bytes: bytes, displayPath: displayPath, limits: limits(caps), caps: caps)
    }

    /// Reads an XML document already in memory, with a file-size cap in bytes.
    package static func read(bytes: [UInt8], displayPath: String, maxDocumentBytes: Int) throws -> IAMDocument {
        try read(bytes: bytes, displayPath: displayPath, limits: limits(maxDocumentBytes: maxDocumentBytes))
    }

    static func read(path: String, displayPath: String, limits: XMLLimits, caps: InputCaps = .standard) throws -> IAMDocument {
        let context = IAMXMLContext(path: displayPath, caps: caps)
        return try context.translatingXMLErrors {
            try read(SafeXMLReader(path: path, limits: limits), context)
        }
    }

    static func read(bytes: [UInt8], displayPath: String, limits: XMLLimits, caps: InputCaps = .standard) throws -> IAMDocument {
        let context = IAMXMLContext(path: displayPath, caps: caps)
        return try context.translatingXMLErrors {
            try read(SafeXMLReader(bytes: bytes, limits: limits), context)
        }
    }

    private static func read(_ reader: SafeXMLReader, _ cx: IAMXMLContext) throws -> IAMDocument {
        var first = try reader.next()
        while case .text = first { first = try reader.next() }
        guard case .startElement(let root, let line, let depth, _) = first else {
            throw CredLintError("no root element, expected an IAM API response", at: cx.at(1))
        }
        let namespace = reader.namespaceURI
        switch root {
        case "GetAccountAuthorizationDetailsResponse":
            return .authorizationDetails(try AuthorizationDetailsXML.read(reader, rootLine: line, cx))
        case "ListVirtualMFADevicesResponse":
            return .virtualMFADevices(try MFADeviceListXML.read(reader, root: root, rootLine: line, virtual: true, cx))
        case "ListMFADevicesResponse":
            return .mfaDevices(try MFADeviceListXML.read(reader, root: root, rootLine: line, virtual: false, cx))
        case "GetAccountSummaryResponse",
            "GetAccountPasswordPolicyResponse", "GetCredentialReportResponse", "GenerateCredentialReportResponse",
            "ErrorResponse":
            let tree = try XMLNode.build(from: reader, name: root, line: line, depth: depth)
            try expectEnd(reader)
            return try ResponseXML.document(from: tree, cx)
        default:
            guard root.hasSuffix("Response"), root.count > "Response".count, namespace == iamNamespace else {
                throw Failure.notIAMData(root)
            }
            // A real IAM response credlint has no use for (ListUsers, ListAccessKeys, ...).
            // It must still be well-formed.
            try reader.skipElement(depth: depth)
            try expectEnd(reader)
            return .ignorable(kind: String(root.dropLast("Response".count)), location: cx.at(line))
        }
    }

    /// Reads to the end so trailing junk after the root is reported, not ignored.
    private static func expectEnd(_ reader: SafeXMLReader) throws {
        while try reader.next() != nil {}
    }
}

extension IAMXMLReader {
    /// What `peek` found: a large response whose full read can wait (its account id, as
    /// far as the first ARN that names one), or any other document.
    enum Peek: Equatable {
        case deferrable(accountID: String?)
        case other
    }

    /// Reads only as far as it must to tell which account a GetAccountAuthorizationDetails,
    /// ListVirtualMFADevices or ListMFADevices response belongs to, so that a directory of
    /// many accounts can be grouped before any of them is read in full (then one account at
    /// a time, on every core). The ARNs considered are exactly those the full read takes an
    /// account from (`InputLoader.accountID(of:)`): users, groups, roles and customer
    /// policies of GAAD; serial numbers and user ARNs of MFA devices.
    static func peek(file: InputFile, displayPath: String, caps: InputCaps = .standard) throws -> Peek {
        let context = IAMXMLContext(path: displayPath, caps: caps)
        return try context.translatingXMLErrors {
            let reader = try SafeXMLReader(borrowing: file.fd, limits: limits(caps))
            var first = try reader.next()
            while case .text = first { first = try reader.next() }
            guard case .startElement(let root, _, _, _) = first else { return .other }
            let targets: [[String]]
            switch root {
            case "GetAccountAuthorizationDetailsResponse":
                targets = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"].map {
                    ["GetAccountAuthorizationDetailsResult", $0, "member", "Arn"]
                }
            case "ListVirtualMFADevicesResponse":
                targets = [["ListVirtualMFADevicesResult", "VirtualMFADevices", "member", "SerialNumber"],
                           ["ListVirtualMFADevicesResult", "VirtualMFADevices", "member", "User", "Arn"]]
            case "ListMFADevicesResponse":
                targets = [["ListMFADevicesResult", "MFADevices", "member", "SerialNumber"]]
            default:
                return .other
            }
            var path: [String] = []
            var text = ""
            var collecting = false
            while let event = try reader.next() {
                switch event {
                case .startElement(let name, _, _, _):
                    path.append(name)
                    collecting = targets.contains(path)
                    text = ""
                case .text(let t, _):
                    if collecting { text += t }
                case .endElement:
                    if collecting, let id = ARN.accountID(XMLNode.trim(text)) { return .deferrable(accountID: id) }
                    collecting = false
                    if !path.isEmpty { path.removeLast() }
                }
            }
            return .deferrable(accountID: nil)
        }
    }
}
