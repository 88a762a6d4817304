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

    // Written out and inlinable: the derived `==` is not specialised across modules and
    // costs ~100 ns a call in run-time metadata lookups (pattern matching costs nothing).
    @inlinable
    package var value: T? { if case .value(let v) = self { return v }; return nil }
    @inlinable
    package var isAbsent: Bool {
        switch self { case .notApplicable, .noInformation: true; default: false }
    }
    @inlinable
    package var isUnknown: Bool { if case .unknown = self { return true }; return false }

    @inlinable
    public static func == (a: Cell, b: Cell) -> Bool {
        switch (a, b) {
        case (.value(let x), .value(let y)): x == y
        case (.notApplicable, .notApplicable), (.noInformation, .noInformation), (.unknown, .unknown): true
        default: false
        }
    }
}

extension Cell: Hashable where T: Hashable {}
