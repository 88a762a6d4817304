import CredLintModel
import CredLintExpr
import CredLintEngine
import CredLintReport
import FuzzSupport

// libFuzzer entry point for IAM policy documents as text:
// `PolicyDocumentDecoder.decode(text:location:)` (URL-encoded or plain JSON),
// then the admin analysis over whatever it accepted. Errors must point at the
// location given (where the document sat in its file).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: FuzzCheck.bytes(data, size), as: UTF8.self)
    let at = SourceLocation(path: "fuzz.xml", line: 7, column: 3)
    do {
        let doc = try PolicyDocumentDecoder.decode(text: text, location: at)
        _ = AdminAnalyzer.allowsFullAdmin(doc)
        _ = AdminAnalyzer.allowsIAMAdmin(doc)
    } catch {
        FuzzCheck.expectOurs(error, "PolicyDocumentDecoder")
        if let e = error as? CredLintError {
            FuzzCheck.require(e.location == at, "PolicyDocumentDecoder", "error not at the document's location: \(e)")
        }
    }
    return 0
}
