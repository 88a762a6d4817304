import CredLintCore
print("credlint-bench: nothing yet")
