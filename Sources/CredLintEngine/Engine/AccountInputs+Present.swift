import CredLintModel

extension AccountInputs {
    /// Which inputs were given (rules needing others are skipped).
    package var present: Set<RuleDescriptor.Input> {
        var s = Set<RuleDescriptor.Input>()
        if report != nil { s.insert(.credentialReport) }
        if hasAuthorizationDetails { s.insert(.authorizationDetails) }
        if hasAuthorizationDetails && hasUserDetails { s.insert(.userDetails) }
        if hasVirtualMFAList || !mfaListedUsers.isEmpty { s.insert(.mfaDevices) }
        if summary != nil { s.insert(.accountSummary) }
        if passwordPolicy != nil || noPasswordPolicy != nil { s.insert(.passwordPolicy) }
        return s
    }
}
