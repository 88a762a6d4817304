import Foundation
import Testing
@testable import CredLintXML
@testable import CredLintModel

/// ListVirtualMFADevices and ListMFADevices XML on the edge, pinned as the whole-document
/// tree reader gave them (errors whole, with file:line:column; models field by field), so the
/// streaming reader that replaced it holds the same behaviour. An account's virtual MFA list
/// has one member per device, thousands in a large account.
@Suite struct MFAListReaderPinTests {
    static let ns = #"xmlns="https://iam.amazonaws.com/doc/2010-05-08/""#

    static func virtual(_ inner: String, tail: String = "") -> String {
        "<ListVirtualMFADevicesResponse \(ns)>\n<ListVirtualMFADevicesResult>\n\(inner)\n</ListVirtualMFADevicesResult>\n"
            + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>\n</ListVirtualMFADevicesResponse>\n" + tail
    }

    static func hardware(_ inner: String) -> String {
        "<ListMFADevicesResponse>\n<ListMFADevicesResult>\n\(inner)\n</ListMFADevicesResult>\n</ListMFADevicesResponse>\n"
    }

    static func outcome(_ xml: String, limits: XMLLimits = IAMXMLReader.limits(.standard)) -> String {
        do {
            let doc = try IAMXMLReader.read(bytes: Array(xml.utf8), displayPath: "m.xml", limits: limits)
            try InputCaps.standard.check(doc)
            return GAADModelDump.text(doc)
        } catch {
            return "\(error)"
        }
    }

    static let errorCases: [(String, String, String)] = [
        ("no result", "<ListVirtualMFADevicesResponse>\n<VirtualMFADevices/></ListVirtualMFADevicesResponse>",
         "m.xml:1:1: error: <ListVirtualMFADevicesResponse> has no <ListVirtualMFADevicesResult>"),
        ("no serial", virtual("<VirtualMFADevices>\n<member><User><UserName>u</UserName></User></member></VirtualMFADevices>"),
         "m.xml:4:1: error: <member> has no SerialNumber, expected a <SerialNumber> element with a value"),
        ("bad date", hardware("<MFADevices><member><SerialNumber>s</SerialNumber>\n<EnableDate>soon</EnableDate></member></MFADevices>"),
         "m.xml:4:1: error: EnableDate 'soon' is not an ISO 8601 timestamp, expected e.g. 2013-10-14T18:32:24Z"),
        ("the first device's error comes first",
         hardware("<MFADevices><member>\n<EnableDate>soon</EnableDate></member><member><EnableDate>never</EnableDate></member></MFADevices>"),
         "m.xml:3:1: error: <member> has no SerialNumber, expected a <SerialNumber> element with a value"),
        ("a device's error comes before IsTruncated's",
         hardware("<IsTruncated>perhaps</IsTruncated><MFADevices><member><SerialNumber>s</SerialNumber>\n<EnableDate>soon</EnableDate></member></MFADevices>"),
         "m.xml:4:1: error: EnableDate 'soon' is not an ISO 8601 timestamp, expected e.g. 2013-10-14T18:32:24Z"),
        ("bad IsTruncated", hardware("<MFADevices/>\n<IsTruncated>perhaps</IsTruncated>"),
         "m.xml:4:1: error: IsTruncated 'perhaps' is not a boolean, expected true or false"),
        ("junk after the root comes before a bad device",
         virtual("<VirtualMFADevices><member><SerialNumber/></member></VirtualMFADevices>", tail: "<more/>"),
         "m.xml:7:1: error: not well-formed XML: Extra content at the end of the document; expected a well-formed IAM API XML response"),
        ("truncated", "<ListVirtualMFADevicesResponse>\n<ListVirtualMFADevicesResult>\n<VirtualMFADevices><member><SerialNumber>arn:aws",
         "m.xml:3:49: error: not well-formed XML: the document ends inside <SerialNumber>, expected </SerialNumber> (is the file truncated?)"),
        ("too many elements", virtual("<VirtualMFADevices>" + String(repeating: "<member><SerialNumber>s</SerialNumber></member>", count: 20)
                                      + "</VirtualMFADevices>"),
         "m.xml:3:1: error: more than 30 elements in one document; expected a document within the limits of an IAM API response"),
        ("too many devices for one user", hardware("<MFADevices>\n" + String(repeating: "<member><SerialNumber>s</SerialNumber></member>\n", count: 33)
                                                  + "</MFADevices>"),
         "m.xml:36:1: error: found more than 32 MFA devices in one ListMFADevices response, more than AWS allows (8 MFA devices per user); the limit is 32 (raise it with --max-input-size)"),
    ]

    @Test(arguments: errorCases.indices)
    func errorIsPinned(_ i: Int) {
        let (name, xml, expected) = Self.errorCases[i]
        var limits = IAMXMLReader.limits(.standard)
        if name == "too many elements" { limits.maxElements = 30 }
        #expect(Self.outcome(xml, limits: limits) == expected, "\(name)")
    }

    @Test func virtualDevicesFirstOfEachAndSecretsByPresence() throws {
        let xml = Self.virtual("""
            <VirtualMFADevices>
            <member><SerialNumber> arn:aws:iam::1:mfa/a </SerialNumber><SerialNumber>second</SerialNumber>
              <User><UserName>a</UserName><UserName>b</UserName><Arn>arn:aws:iam::1:user/a</Arn></User><User><Arn>ignored</Arn></User>
              <EnableDate>2024-01-02T03:04:05Z</EnableDate><Base32StringSeed>SEKRET</Base32StringSeed></member>
            <member><SerialNumber>arn:aws:iam::1:mfa/b</SerialNumber><Wrapper><QRCodePNG>SEKRET</QRCodePNG></Wrapper><User/></member>
            <member><SerialNumber>arn:aws:iam::1:mfa/c</SerialNumber><QRCodePNG/><EnableDate></EnableDate></member>
            <notAMember><SerialNumber>x</SerialNumber></notAMember>
            </VirtualMFADevices>
            <VirtualMFADevices><member><SerialNumber>arn:aws:iam::1:mfa/later-list</SerialNumber></member></VirtualMFADevices>
            <IsTruncated>TRUE</IsTruncated><IsTruncated>bad</IsTruncated><Marker> m </Marker><Marker>n</Marker>
            """)
        let out = Self.outcome(xml)
        #expect(!out.contains("SEKRET"))
        #expect(out == """
            virtualMFADevices.devices[0].serialNumber = "arn:aws:iam::1:mfa/a"
            virtualMFADevices.devices[0].kind = MFADevice.Kind.virtual
            virtualMFADevices.devices[0].userName = "a"
            virtualMFADevices.devices[0].userARN = "arn:aws:iam::1:user/a"
            virtualMFADevices.devices[0].enableDate = 2024-01-02T03:04:05Z
            virtualMFADevices.devices[0].secretPresent = true
            virtualMFADevices.devices[0].location = m.xml:4:1
            virtualMFADevices.devices[1].serialNumber = "arn:aws:iam::1:mfa/b"
            virtualMFADevices.devices[1].kind = MFADevice.Kind.virtual
            virtualMFADevices.devices[1].userName = nil
            virtualMFADevices.devices[1].userARN = nil
            virtualMFADevices.devices[1].enableDate = nil
            virtualMFADevices.devices[1].secretPresent = false
            virtualMFADevices.devices[1].location = m.xml:7:1
            virtualMFADevices.devices[2].serialNumber = "arn:aws:iam::1:mfa/c"
            virtualMFADevices.devices[2].kind = MFADevice.Kind.virtual
            virtualMFADevices.devices[2].userName = nil
            virtualMFADevices.devices[2].userARN = nil
            virtualMFADevices.devices[2].enableDate = nil
            virtualMFADevices.devices[2].secretPresent = true
            virtualMFADevices.devices[2].location = m.xml:8:1
            virtualMFADevices.userName = nil
            virtualMFADevices.isTruncated = true
            virtualMFADevices.marker = "m"
            virtualMFADevices.location = m.xml:1:1

            """)
    }

    @Test func hardwareDevicesAndTheListsUser() throws {
        let one = Self.outcome(Self.hardware("<MFADevices><member><UserName>bob</UserName><SerialNumber>GAKT1</SerialNumber></member>"
            + "<member><SerialNumber>arn:aws:iam::1:u2f/user/bob/k</SerialNumber><UserName> bob </UserName></member></MFADevices>"
            + "<Marker/><IsTruncated/>"))
        #expect(one.contains("mfaDevices.userName = \"bob\"") && one.contains("mfaDevices.isTruncated = false")
                && one.contains("mfaDevices.marker = nil") && one.contains("devices[1].serialNumber = \"arn:aws:iam::1:u2f/user/bob/k\""))
        let two = Self.outcome(Self.hardware("<MFADevices><member><UserName>a</UserName><SerialNumber>s1</SerialNumber></member>"
            + "<member><UserName>b</UserName><SerialNumber>s2</SerialNumber></member><member><SerialNumber>s3</SerialNumber></member></MFADevices>"))
        #expect(two.contains("mfaDevices.userName = nil") && two.contains("devices[2].userName = nil"))
        let empty = Self.outcome("<ListMFADevicesResponse><ListMFADevicesResult/><ListMFADevicesResult><MFADevices><member>"
            + "<SerialNumber>s</SerialNumber></member></MFADevices></ListMFADevicesResult></ListMFADevicesResponse>")
        #expect(empty.contains("mfaDevices.devices = []"))
    }
}
