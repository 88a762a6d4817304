internal import CLibXML2

/// Placeholder; the hardened reader lands with the XML work.
public enum CredLintXMLInfo {
    public static var libxmlVersion: String { LIBXML_DOTTED_VERSION }
}
