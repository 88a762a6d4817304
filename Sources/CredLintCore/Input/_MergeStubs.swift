// Temporary stand-ins for the readers being written on other branches; deleted at merge.
enum CredentialReportParser {
    static func peekAccountID(_ c: CredentialReportInput.Content, path: String) throws -> String? { nil }
}
enum IAMXMLReader {
    enum Failure: Error { case notIAMData(String) }
    static func read(path: String, displayPath: String) throws -> IAMDocument { fatalError() }
    static func read(bytes: [UInt8], displayPath: String) throws -> IAMDocument { fatalError() }
}
enum IAMJSONReader {
    enum Failure: Error { case notIAMData(String) }
    static func read(bytes: [UInt8], path: String) throws -> IAMDocument { fatalError() }
}
