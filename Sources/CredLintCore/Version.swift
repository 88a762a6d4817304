/// The semantic version SARIF `tool.driver.semanticVersion` and `--version` carry.
public enum CredLintVersion {
    public static let current = "0.1.0"
    public static let informationURI = "https://github.com/credlint/credlint"
}
