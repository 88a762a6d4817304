/// The commit a source export was made from. `.gitattributes` marks this file `export-subst`, so
/// `git archive` (scripts/package.sh, and GitHub's source archives) replaces the placeholder below
/// with the full hash; in a clone it stays as written and CredLintVersion.commit is nil. Nothing to
/// generate, so `swift build` from a plain clone needs no extra step.
enum BuildCommit {
    static let exported = "$Format:%H$"
}
