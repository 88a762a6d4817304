internal import CLibXML2

public enum CredLintXMLInfo {
    /// The libxml2 version compiled against, e.g. `2.9.14`.
    public static var libxmlVersion: String { LIBXML_DOTTED_VERSION }
}
