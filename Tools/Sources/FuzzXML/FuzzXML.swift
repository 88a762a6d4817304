import CredLintModel
import CredLintExpr
import CredLintEngine
import CredLintReport
import FuzzSupport

// libFuzzer entry point for the IAM XML readers (`IAMXMLReader.read(bytes:)`
// over the hardened `SafeXMLReader`). The first byte picks a mode: 0 feeds the
// rest as a whole document; the others wrap it in one IAM response kind's
// root and result elements, so mutations land inside that kind's reader
// rather than in its envelope (libxml2 itself is not instrumented, so
// coverage alone would rarely find the root names). A credential report
// found in `GetCredentialReport` goes on through the CSV parser.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzCheck.bytes(data, size)
    guard let mode = input.first else { return 0 }
    let body = Array(input.dropFirst())
    let document: [UInt8]
    let kinds = FuzzXMLKinds.wrappers
    let k = Int(mode) % (kinds.count + 1)
    if k == 0 {
        document = body
    } else {
        let (open, close) = kinds[k - 1]
        document = Array(open.utf8) + body + Array(close.utf8)
    }
    guard let doc = FuzzCheck.run("IAMXMLReader", { try IAMXMLReader.read(bytes: document, displayPath: "fuzz.xml") })
    else { return 0 }
    FuzzIAMDocument.check(doc, "IAMXMLReader")
    return 0
}

enum FuzzXMLKinds {
    static let ns = "xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\""
    static func response(_ name: String) -> (String, String) {
        ("<\(name)Response \(ns)><\(name)Result>", "</\(name)Result></\(name)Response>")
    }
    /// Every root `IAMXMLReader` dispatches on, plus an IAM response it ignores.
    static let wrappers: [(String, String)] = [
        response("GetAccountAuthorizationDetails"), response("ListVirtualMFADevices"), response("ListMFADevices"),
        response("GetAccountSummary"), response("GetAccountPasswordPolicy"), response("GetCredentialReport"),
        response("GenerateCredentialReport"), response("ListUsers"),
        ("<ErrorResponse \(ns)><Error>", "</Error></ErrorResponse>"),
    ]
}
