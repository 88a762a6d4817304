import CredLintXML

/// `ListVirtualMFADevicesResponse` and `ListMFADevicesResponse`, streamed: each device's
/// few values are read event by event (`XMLNode` leaves), never a tree of the document
/// (an account's virtual MFA list has one member per device, thousands in a large account).
///
/// The rules are those of the small responses' trees: the first `…Result`, list, value or
/// `User` of a name counts; secrets are skipped unread and only their presence is kept.
/// Values are converted once the whole document is read, devices first, in order, so a
/// document that is both malformed and wrong reports the XML error.
enum MFADeviceListXML {
    /// Reads the document whose root (`ListVirtualMFADevicesResponse` when `virtual`, else
    /// `ListMFADevicesResponse`) the reader has just opened at `rootLine`.
    static func read(_ reader: SafeXMLReader, root: String, rootLine: Int, virtual: Bool, _ cx: IAMXMLContext) throws -> MFADeviceList {
        let resultName = String(root.dropLast("Response".count)) + "Result"
        let listName = virtual ? "VirtualMFADevices" : "MFADevices"
        var sawResult = false
        var devices: [Device]?
        var truncated, marker: XMLNode?
        try reader.forEachChild(ofDepth: 1) { name, _, depth in
            guard name == resultName, !sawResult else { return try reader.skipElement(depth: depth) }
            sawResult = true
            try reader.forEachChild(ofDepth: depth) { n, l, d in
                switch n {
                case listName: try reader.firstList(&devices, d) { try Device(reader, $0, $1) }
                case "IsTruncated": try reader.first(&truncated, n, l, d)
                case "Marker": try reader.first(&marker, n, l, d)
                default: try reader.skipElement(depth: d)
                }
            }
        }
        while try reader.next() != nil {}  // trailing junk is reported before any value is converted
        guard sawResult else { throw CredLintError("<\(root)> has no <\(resultName)>", at: cx.at(rootLine)) }
        let list = try (devices ?? []).map { try $0.device(virtual: virtual, cx) }
        // The request's UserName is not echoed; when every device names the same user, that is the list's user.
        var listUser: String?
        if !virtual {
            let names = Set(list.compactMap(\.userName))
            listUser = names.count == 1 ? names.first : nil
        }
        return MFADeviceList(devices: list, userName: listUser, isTruncated: try cx.bool(truncated) ?? false,
                             marker: marker?.value, location: cx.at(rootLine))
    }

    /// One `member` of the list, as read.
    private struct Device {
        var line: Int
        var serial, enableDate: XMLNode?
        /// `<UserName>` of the member (ListMFADevices), and `<User>`'s (ListVirtualMFADevices).
        var memberUserName, userName, userARN: XMLNode?
        var sawUser = false
        /// A `Base32StringSeed` or `QRCodePNG` child: only its presence is kept, never its value.
        var secret = false

        init(_ r: SafeXMLReader, _ line: Int, _ depth: Int) throws {
            self.line = line
            try r.forEachChild(ofDepth: depth) { n, l, d in
                switch n {
                case "SerialNumber": try r.first(&serial, n, l, d)
                case "UserName": try r.first(&memberUserName, n, l, d)
                case "EnableDate": try r.first(&enableDate, n, l, d)
                case "User" where !sawUser:
                    sawUser = true
                    try r.forEachChild(ofDepth: d) { n, l, d in
                        switch n {
                        case "UserName": try r.first(&userName, n, l, d)
                        case "Arn": try r.first(&userARN, n, l, d)
                        default: try r.skipElement(depth: d)
                        }
                    }
                case "Base32StringSeed", "QRCodePNG":
                    secret = true
                    try r.skipElement(depth: d)
                default: try r.skipElement(depth: d)
                }
            }
        }

        func device(virtual: Bool, _ cx: IAMXMLContext) throws -> MFADevice {
            // A virtual device's user is under <User>; a hardware list's is the member's own <UserName>.
            virtual
                ? MFADevice(serialNumber: try cx.required(serial, "SerialNumber", in: "member", line: line), userName: userName?.value,
                            userARN: userARN?.value, enableDate: try cx.date(enableDate), secretPresent: secret, location: cx.at(line))
                : MFADevice(serialNumber: try cx.required(serial, "SerialNumber", in: "member", line: line), userName: memberUserName?.value,
                            enableDate: try cx.date(enableDate), location: cx.at(line))
        }
    }
}
