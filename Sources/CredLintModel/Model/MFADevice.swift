/// An MFA device from ListMFADevices or ListVirtualMFADevices.
public struct MFADevice: Sendable, Equatable, Hashable {
    package enum Kind: String, Sendable, CaseIterable {
        case virtual, fido = "u2f", sms, hardware
    }
    package var serialNumber: String
    package var kind: Kind
    /// The user the device is assigned to (ListMFADevices' `UserName`, or the
    /// `User/UserName` of a virtual device); nil when unassigned.
    package var userName: String?
    /// `User/Arn` of a virtual device (root: `arn:aws:iam::ACCOUNT:root`).
    package var userARN: String?
    package var enableDate: Timestamp?
    /// The response held the device's secret (`Base32StringSeed` / `QRCodePNG`).
    /// The secret itself is never stored.
    package var secretPresent: Bool
    package var location: SourceLocation?

    package init(serialNumber: String, kind: Kind? = nil, userName: String? = nil, userARN: String? = nil,
                enableDate: Timestamp? = nil, secretPresent: Bool = false, location: SourceLocation? = nil) {
        self.serialNumber = serialNumber; self.kind = kind ?? MFADevice.kind(ofSerial: serialNumber)
        self.userName = userName; self.userARN = userARN; self.enableDate = enableDate
        self.secretPresent = secretPresent; self.location = location
    }

    /// `…:mfa/…` virtual, `…:u2f/…` FIDO, `…:sms-mfa/…` SMS, anything else hardware TOTP.
    package static func kind(ofSerial s: String) -> Kind {
        if s.hasPrefix("arn:") {
            if s.contains(":mfa/") { return .virtual }
            if s.contains(":u2f/") { return .fido }
            if s.contains(":sms-mfa/") { return .sms }
        }
        return .hardware
    }

    package var isAssigned: Bool { userName != nil || userARN != nil }
}
