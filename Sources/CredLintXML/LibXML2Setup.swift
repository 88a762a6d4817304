internal import CLibXML2

/// Process-wide libxml2 setup, run exactly once before the first reader exists.
///
/// `xmlSetExternalEntityLoader` is global in libxml2 2.9, so it is installed
/// once, under Swift's thread-safe lazy initialisation of globals.
enum LibXML2Setup {
    /// Refuses every external load (DTDs, external entities, XInclude): an IAM
    /// response is self-contained, so any such request is hostile.
    static let denyingLoader: xmlExternalEntityLoader = { _, _, _ in nil }

    private static let done: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader(denyingLoader)
        return true
    }()

    static func ensure() { _ = done }

    /// The only options we ever parse with: no network, no error printing, real
    /// line numbers past 65535. Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE.
    static let safeOptions = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_BIG_LINES.rawValue)
}
