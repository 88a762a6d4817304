/// One typed value from an AWS export, with AWS's special tokens kept distinct.
///
/// `N/A` and `no_information` both mean "there is no value" (the rule language
/// sees them as `null`); `not_supported` means "AWS does not say" (the rule
/// language sees it as `unknown`, so a rule can never silently treat it as false).
public enum Cell<T: Sendable & Equatable>: Sendable, Equatable {
    case value(T)
    /// `N/A`, or a field an older report layout does not have.
    case notApplicable
    /// `no_information`.
    case noInformation
    /// `not_supported`.
    case unknown

    public var value: T? { if case .value(let v) = self { return v }; return nil }
    public var isAbsent: Bool { self == .notApplicable || self == .noInformation }
    public var isUnknown: Bool { self == .unknown }
}

extension Cell: Hashable where T: Hashable {}
