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

    /// Options that would each defeat one layer of the hardening: entity expansion
    /// (billion laughs, XXE), DTD loading and defaulting, validation, XInclude, and
    /// lifting libxml2's own size limits. `safeOptions` must contain none of them.
    static let unsafeOptions: [(name: String, bit: Int32)] = [
        ("NOENT", Int32(XML_PARSE_NOENT.rawValue)), ("DTDLOAD", Int32(XML_PARSE_DTDLOAD.rawValue)),
        ("DTDATTR", Int32(XML_PARSE_DTDATTR.rawValue)), ("DTDVALID", Int32(XML_PARSE_DTDVALID.rawValue)),
        ("XINCLUDE", Int32(XML_PARSE_XINCLUDE.rawValue)), ("HUGE", Int32(XML_PARSE_HUGE.rawValue)),
    ]

    /// The unsafe options set in `options`, by name (empty for `safeOptions`).
    static func unsafeOptionNames(in options: Int32) -> [String] {
        unsafeOptions.filter { options & $0.bit != 0 }.map(\.name)
    }

    /// Whether `options` forbids network access.
    static func forbidsNetwork(_ options: Int32) -> Bool { options & Int32(XML_PARSE_NONET.rawValue) != 0 }

    /// Asks the process's installed external-entity loader for `url`, as the parser
    /// would: true when it refuses. The hardening needs it to refuse every URL.
    static func installedLoaderRefuses(_ url: String) -> Bool {
        ensure()
        guard let loader = xmlGetExternalEntityLoader(), let ctxt = xmlNewParserCtxt() else { return false }
        defer { xmlFreeParserCtxt(ctxt) }
        guard let input = url.withCString({ loader($0, nil, ctxt) }) else { return true }
        xmlFreeInputStream(input)
        return false
    }
}
