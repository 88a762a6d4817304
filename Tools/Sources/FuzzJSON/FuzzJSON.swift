import CredLintModel
import CredLintExpr
import CredLintEngine
import CredLintReport
import FuzzSupport

// libFuzzer entry point for awscli JSON: `JSONParser` and `IAMJSONReader.read(bytes:)`.
// The parser is our own code, so coverage guides mutations through it well;
// Fuzz/json.dict adds the awscli key names. A credential report found in
// `get-credential-report` output goes on through the CSV parser.
// Oracle besides the shared ones: the top-level value has a real position.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    if let value = FuzzCheck.run("JSONParser", { try JSONParser().parse(bytes, path: "fuzz.json") }) {
        FuzzCheck.require(value.line >= 1 && value.column >= 1, "JSONParser",
                          "top-level value at \(value.line):\(value.column)")
    }
    if let doc = FuzzCheck.run("IAMJSONReader", { try IAMJSONReader.read(bytes: bytes, path: "fuzz.json") }) {
        FuzzIAMDocument.check(doc, "IAMJSONReader")
    }
    return 0
}
