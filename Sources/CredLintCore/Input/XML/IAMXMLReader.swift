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

    /// The XML caps for a document cap (`--max-input-size`). One text node may hold 8 MiB: a
    /// GetCredentialReport for IAM's 5,000 users carries about 1.7-2 MB of base64 Content, so
    /// that is 4x headroom (the library default, 1 MiB, refused it while the JSON form passed).
    /// It cannot go higher: libxml2 refuses text nodes over 10,000,000 bytes unless told to
    /// parse "huge" documents, which the hardened reader never does. A smaller document cap
    /// lowers it with it (a 32nd of the document, at least 1 MiB).
    static func limits(_ maxDocumentBytes: Int) -> XMLLimits {
        XMLLimits(maxTextBytes: min(8 << 20, max(1 << 20, maxDocumentBytes / 32)), maxFileBytes: maxDocumentBytes)
    }

    /// Streams the file at `path`; `displayPath` goes into every location.
    /// A regular file larger than `maxDocumentBytes` is refused before parsing.
    public static func read(path: String, displayPath: String, maxDocumentBytes: Int = 256 << 20) throws -> IAMDocument {
        try read(path: path, displayPath: displayPath, limits: limits(maxDocumentBytes))
    }

    /// Reads an XML document already in memory.
    public static func read(bytes: [UInt8], displayPath: String, maxDocumentBytes: Int = 256 << 20) throws -> IAMDocument {
        try read(bytes: bytes, displayPath: displayPath, limits: limits(maxDocumentBytes))
    }

    static func read(path: String, displayPath: String, limits: XMLLimits) throws -> IAMDocument {
        let context = IAMXMLContext(path: displayPath)
        return try context.translatingXMLErrors {
            try read(SafeXMLReader(path: path, limits: limits), context)
        }
    }

    static func read(bytes: [UInt8], displayPath: String, limits: XMLLimits) throws -> IAMDocument {
        let context = IAMXMLContext(path: displayPath)
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
        case "ListVirtualMFADevicesResponse", "ListMFADevicesResponse", "GetAccountSummaryResponse",
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
    static func peek(path: String, displayPath: String, maxDocumentBytes: Int = 256 << 20) throws -> Peek {
        let context = IAMXMLContext(path: displayPath)
        return try context.translatingXMLErrors {
            let reader = try SafeXMLReader(path: path, limits: limits(maxDocumentBytes))
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
