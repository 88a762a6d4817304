/// GetAccountPasswordPolicy's `PasswordPolicy`.
public struct PasswordPolicy: Sendable, Equatable {
    public var minimumPasswordLength: Int?
    public var requireSymbols: Bool?
    public var requireNumbers: Bool?
    public var requireUppercaseCharacters: Bool?
    public var requireLowercaseCharacters: Bool?
    public var allowUsersToChangePassword: Bool?
    public var expirePasswords: Bool?
    public var maxPasswordAge: Int?
    public var passwordReusePrevention: Int?
    public var hardExpiry: Bool?
    public var location: SourceLocation?
    public init(minimumPasswordLength: Int? = nil, requireSymbols: Bool? = nil, requireNumbers: Bool? = nil,
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
