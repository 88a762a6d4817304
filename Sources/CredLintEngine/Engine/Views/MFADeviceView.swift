import CredLintModel
import CredLintExpr

/// Items of `user.mfa_devices` and `account.mfa_devices`.
final class MFADeviceView: Sendable {
    let device: MFADevice
    init(_ device: MFADevice) { self.device = device }

    static let type = ObjectTypeDefinition(name: "MFADevice", doc: "An MFA device from ListMFADevices or ListVirtualMFADevices.", fields: [
        .init("serial", .string, doc: "serial number (an ARN for virtual, FIDO and SMS devices)", of: MFADeviceView.self) { .string($0.device.serialNumber) },
        .init("kind", .string, doc: "`virtual`, `u2f` (FIDO), `sms` or `hardware`", of: MFADeviceView.self) { .string($0.device.kind.rawValue) },
        .init("user_name", .string, doc: "user it is assigned to; null when unassigned", of: MFADeviceView.self) { $0.device.userName.exprValue },
        .init("user_arn", .string, doc: "ARN it is assigned to (root: `arn:aws:iam::ACCOUNT:root`)", of: MFADeviceView.self) { $0.device.userARN.exprValue },
        .init("assigned", .bool, doc: "assigned to a user or root", of: MFADeviceView.self) { .bool($0.device.isAssigned) },
        .init("enabled", .timestamp, doc: "`EnableDate`", of: MFADeviceView.self) { $0.device.enableDate.exprValue },
        .init("secret_present", .bool, doc: "the export contained the device's seed (`Base32StringSeed`/`QRCodePNG`)", of: MFADeviceView.self) { .bool($0.device.secretPresent) },
    ])
}
