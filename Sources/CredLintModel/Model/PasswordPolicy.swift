/// GetAccountPasswordPolicy's `PasswordPolicy`.
public struct PasswordPolicy: Sendable, Equatable {
    package var minimumPasswordLength: Int?
    package var requireSymbols: Bool?
    package var requireNumbers: Bool?
    package var requireUppercaseCharacters: Bool?
    package var requireLowercaseCharacters: Bool?
    package var allowUsersToChangePassword: Bool?
    package var expirePasswords: Bool?
    package var maxPasswordAge: Int?
    package var passwordReusePrevention: Int?
    package var hardExpiry: Bool?
    package var location: SourceLocation?
    package init(minimumPasswordLength: Int? = nil, requireSymbols: Bool? = nil, requireNumbers: Bool? = nil,
                requireUppercaseCharacters: Bool? = nil, requireLowercaseCharacters: Bool? = nil,
                allowUsersToChangePassword: Bool? = nil, expirePasswords: Bool? = nil, maxPasswordAge: Int? = nil,
                passwordReusePrevention: Int? = nil, hardExpiry: Bool? = nil, location: SourceLocation? = nil) {
        self.minimumPasswordLength = minimumPasswordLength; self.requireSymbols = requireSymbols
        self.requireNumbers = requireNumbers; self.requireUppercaseCharacters = requireUppercaseCharacters
        self.requireLowercaseCharacters = requireLowercaseCharacters
        self.allowUsersToChangePassword = allowUsersToChangePassword; self.expirePasswords = expirePasswords
        self.maxPasswordAge = maxPasswordAge; self.passwordReusePrevention = passwordReusePrevention
        self.hardExpiry = hardExpiry; self.location = location
    }
}
