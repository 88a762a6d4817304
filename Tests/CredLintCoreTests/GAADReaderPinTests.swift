import Foundation
import Testing
@testable import CredLintXML
@testable import CredLintModel

/// GetAccountAuthorizationDetails XML on the edge: hostile, malformed, duplicated or odd.
/// Each case pins the whole one-line error (`file:line:column: error: message`) or the parts
/// of the model it must produce, as the reader built on per-member `XMLNode` trees gave them,
/// so the streaming reader that replaced it (issue 16 item 5) is held to the same behaviour.
@Suite struct GAADReaderPinTests {
    static let ns = #"xmlns="https://iam.amazonaws.com/doc/2010-05-08/""#

    static func gaad(_ inner: String) -> String {
        "<GetAccountAuthorizationDetailsResponse \(ns)>\n<GetAccountAuthorizationDetailsResult>\n\(inner)\n"
            + "</GetAccountAuthorizationDetailsResult>\n</GetAccountAuthorizationDetailsResponse>\n"
    }

    static func user(_ name: String, _ extra: String = "") -> String {
        "<member><UserName>\(name)</UserName><Arn>arn:aws:iam::123456789012:user/\(name)</Arn>\(extra)</member>"
    }

    static func read(_ xml: String, limits: XMLLimits = IAMXMLReader.limits(.standard)) throws -> AuthorizationDetailsPage {
        let doc = try IAMXMLReader.read(bytes: Array(xml.utf8), displayPath: "g.xml", limits: limits)
        guard case .authorizationDetails(let page) = doc else { throw CredLintError("not GAAD") }
        return page
    }

    /// The one-line error reading `xml` (and checking the count caps, as the loader does) gives.
    static func error(_ xml: String, limits: XMLLimits = IAMXMLReader.limits(.standard)) -> String {
        do {
            let doc = try IAMXMLReader.read(bytes: Array(xml.utf8), displayPath: "g.xml", limits: limits)
            try InputCaps.standard.check(doc)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    static let allowAll = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
        + "%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"

    // MARK: errors, pinned whole

    static let errorCases: [(String, String, String)] = [
        ("truncated inside a member",
         "<GetAccountAuthorizationDetailsResponse>\n<GetAccountAuthorizationDetailsResult>\n<UserDetailList>\n" + user("a")
             + "\n<member>\n<UserName>b</UserName>\n<Arn>arn:aws",
         "g.xml:7:13: error: not well-formed XML: the document ends inside <Arn>, expected </Arn> (is the file truncated?)"),
        ("truncated between members",
         "<GetAccountAuthorizationDetailsResponse>\n<GetAccountAuthorizationDetailsResult>\n<UserDetailList>\n" + user("a") + "\n",
         "g.xml:4:83: error: not well-formed XML: the document ends inside <UserDetailList>, expected </UserDetailList> (is the file truncated?)"),
        ("mismatched end tag in a member",
         gaad("<UserDetailList>\n<member><UserName>a</Username></member></UserDetailList>"),
         "g.xml:4:31: error: not well-formed XML: Opening and ending tag mismatch: UserName line 4 and Username; expected a well-formed IAM API XML response"),
        ("a value that holds an element is no value",
         gaad("<UserDetailList>\n<member>\n<UserName><b>a</b></UserName><Arn>arn:aws:iam::1:user/a</Arn></member></UserDetailList>"),
         "g.xml:4:1: error: <member> has no UserName, expected a <UserName> element with a value"),
        ("the first of two names decides, even when empty",
         gaad("<UserDetailList>\n<member><UserName> </UserName><UserName>a</UserName><Arn>arn:aws:iam::1:user/a</Arn></member></UserDetailList>"),
         "g.xml:4:1: error: <member> has no UserName, expected a <UserName> element with a value"),
        ("missing Arn on a role",
         gaad("<RoleDetailList>\n\n<member><RoleName>r</RoleName></member></RoleDetailList>"),
         "g.xml:5:1: error: <member> has no Arn, expected a <Arn> element with a value"),
        ("missing PolicyArn on an attached policy",
         gaad("<GroupDetailList><member><GroupName>g</GroupName><Arn>arn:aws:iam::1:group/g</Arn>\n"
              + "<AttachedManagedPolicies><member><PolicyName>p</PolicyName></member></AttachedManagedPolicies></member></GroupDetailList>"),
         "g.xml:4:1: error: <member> has no PolicyArn, expected a <PolicyArn> element with a value"),
        ("missing inline PolicyDocument",
         gaad("<UserDetailList>" + user("u", "\n<UserPolicyList>\n<member><PolicyName>p</PolicyName></member></UserPolicyList>") + "</UserDetailList>"),
         "g.xml:5:1: error: <member> has no PolicyDocument, expected a <PolicyDocument> element with a value"),
        ("bad CreateDate",
         gaad("<UserDetailList>" + user("u", "\n<CreateDate>yesterday</CreateDate>") + "</UserDetailList>"),
         "g.xml:4:1: error: CreateDate 'yesterday' is not an ISO 8601 timestamp, expected e.g. 2013-10-14T18:32:24Z"),
        ("bad RoleLastUsed date",
         gaad("<RoleDetailList><member><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/r</Arn>\n<RoleLastUsed>\n"
              + "<LastUsedDate>2020-02-30T00:00:00Z</LastUsedDate></RoleLastUsed></member></RoleDetailList>"),
         "g.xml:5:1: error: LastUsedDate '2020-02-30T00:00:00Z' is not an ISO 8601 timestamp, expected e.g. 2013-10-14T18:32:24Z"),
        ("trust policy that is not JSON",
         gaad("<RoleDetailList><member><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/r</Arn>\n"
              + "<AssumeRolePolicyDocument>%7Bnope</AssumeRolePolicyDocument></member></RoleDetailList>"),
         "g.xml:4:1: error: policy document is not a JSON object: found 'nope', expected a string key or '}' (at line 1, column 2 of the document)"),
        ("bad AttachmentCount comes before a bad default document",
         gaad("<Policies><member><PolicyName>p</PolicyName><Arn>arn:aws:iam::1:policy/p</Arn>\n<AttachmentCount>two</AttachmentCount>"
              + "<PolicyVersionList><member><Document>%7Bnope</Document><IsDefaultVersion>true</IsDefaultVersion></member></PolicyVersionList>"
              + "</member></Policies>"),
         "g.xml:4:1: error: AttachmentCount 'two' is not an integer"),
        ("bad IsDefaultVersion before the default one",
         gaad("<Policies><member><Arn>arn:aws:iam::1:policy/p</Arn><PolicyVersionList>\n<member><IsDefaultVersion>yes</IsDefaultVersion></member>"
              + "<member><IsDefaultVersion>true</IsDefaultVersion></member></PolicyVersionList></member></Policies>"),
         "g.xml:4:1: error: IsDefaultVersion 'yes' is not a boolean, expected true or false"),
        ("the default version's document is decoded",
         gaad("<Policies><member><Arn>arn:aws:iam::1:policy/p</Arn><PolicyVersionList><member><Document>\n%5B%5D</Document>"
              + "<IsDefaultVersion>true</IsDefaultVersion></member></PolicyVersionList></member></Policies>"),
         "g.xml:3:1: error: found an array as the policy document, expected a JSON object"),
        ("bad IsTruncated",
         gaad("<UserDetailList/>\n<IsTruncated>maybe</IsTruncated>"),
         "g.xml:4:1: error: IsTruncated 'maybe' is not a boolean, expected true or false"),
        ("no result",
         "<GetAccountAuthorizationDetailsResponse>\n<ResponseMetadata/></GetAccountAuthorizationDetailsResponse>",
         "g.xml:1:1: error: <GetAccountAuthorizationDetailsResponse> has no <GetAccountAuthorizationDetailsResult>"),
        ("junk after the root",
         gaad("<UserDetailList/>") + "<again/>",
         "g.xml:6:1: error: not well-formed XML: Extra content at the end of the document; expected a well-formed IAM API XML response"),
        ("a DOCTYPE",
         "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"v\">]>\n" + gaad("<UserDetailList>" + user("&e;") + "</UserDetailList>"),
         "g.xml:2:1: error: DOCTYPE is not allowed in IAM responses; expected an IAM API response, which has no DTD and no entities"),
        ("an undeclared entity",
         gaad("<UserDetailList>" + user("&e;") + "</UserDetailList>"),
         "g.xml:3:38: error: not well-formed XML: Entity 'e' not defined; expected a well-formed IAM API XML response"),
        ("a NUL byte in a member",
         gaad("<UserDetailList>\n<member><UserName>a\u{0}</UserName></member></UserDetailList>"),
         "g.xml:4:20: error: not well-formed XML: Char 0x0 out of allowed range; expected a well-formed IAM API XML response"),
        ("text past the text cap",
         gaad("<UserDetailList>" + user("u", "\n<UserPolicyList><member><PolicyName>p</PolicyName><PolicyDocument>"
              + String(repeating: "%20", count: 400) + "</PolicyDocument></member></UserPolicyList>") + "</UserDetailList>"),
         "g.xml:4:1: error: text of 1200 bytes between two tags, more than the 1000-byte limit; expected a document within the limits of an IAM API response"),
        ("too many elements",
         gaad("<UserDetailList>" + String(repeating: user("u"), count: 30) + "</UserDetailList>"),
         "g.xml:3:1: error: more than 60 elements in one document; expected a document within the limits of an IAM API response"),
        ("too deep",
         gaad("<UserDetailList>" + user("u", "\n<Tags>" + String(repeating: "<member>", count: 20) + String(repeating: "</member>", count: 20) + "</Tags>") + "</UserDetailList>"),
         "g.xml:4:1: error: elements nested deeper than 16 levels; IAM responses are shallow; expected a document within the limits of an IAM API response"),
        ("too many versions of one policy",
         gaad("<Policies>\n<member><Arn>arn:aws:iam::1:policy/p</Arn><PolicyVersionList>"
              + String(repeating: "<member><IsDefaultVersion>false</IsDefaultVersion></member>", count: 21) + "</PolicyVersionList></member></Policies>"),
         "g.xml:4:1: error: found 21 versions of policy arn:aws:iam::1:policy/p, more than AWS allows (5 versions per managed policy); the limit is 20 (raise it with --max-input-size)"),
        ("too many groups",
         gaad("<GroupDetailList>\n" + (0...1_200).map { "<member><GroupName>g\($0)</GroupName><Arn>arn:aws:iam::1:group/g\($0)</Arn></member>\n" }.joined()
              + "</GroupDetailList>"),
         "g.xml:1204:1: error: found more than 1200 groups in one GetAccountAuthorizationDetails, more than AWS allows (300 groups per account); the limit is 1200 (raise it with --max-input-size)"),
        ("too many attached policies",
         gaad("<RoleDetailList>\n<member><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/r</Arn><AttachedManagedPolicies>"
              + String(repeating: "<member><PolicyArn>arn:aws:iam::aws:policy/X</PolicyArn></member>", count: 81)
              + "</AttachedManagedPolicies></member></RoleDetailList>"),
         "g.xml:4:1: error: found 81 managed policies attached to role 'r', more than AWS allows (20 managed policies per role at most); the limit is 80 (raise it with --max-input-size)"),
        ("too many groups for one user",
         gaad("<UserDetailList>\n" + user("u", "<GroupList>" + String(repeating: "<member>g</member>", count: 41) + "</GroupList>") + "</UserDetailList>"),
         "g.xml:4:1: error: found 41 groups for user 'u', more than AWS allows (10 groups per user); the limit is 40 (raise it with --max-input-size)"),
    ]

    @Test(arguments: errorCases.indices)
    func errorIsPinned(_ i: Int) {
        let (name, xml, expected) = Self.errorCases[i]
        var limits = IAMXMLReader.limits(.standard)
        switch name {
        case "text past the text cap": limits.maxTextBytes = 1_000
        case "too many elements": limits.maxElements = 60
        case "too deep": limits.maxDepth = 16
        default: break
        }
        #expect(Self.error(xml, limits: limits) == expected, "\(name)")
    }

    @Test func tooManyUsers() {
        let xml = Self.gaad("<UserDetailList>\n" + (0...20_000).map { Self.user("u\($0)") + "\n" }.joined() + "</UserDetailList>")
        #expect(Self.error(xml) == "g.xml:20004:1: error: found more than 20000 users in one GetAccountAuthorizationDetails, "
                + "more than AWS allows (5,000 IAM users per account); the limit is 20000 (raise it with --max-input-size)")
    }

    @Test func wrongRoots() {
        func outcome(_ xml: String) -> String {
            do {
                return "\(try IAMXMLReader.read(bytes: Array(xml.utf8), displayPath: "g.xml"))"
            } catch {
                return "\(error)"
            }
        }
        #expect(outcome("<GetAccountAuthorizationDetailsResult><UserDetailList/></GetAccountAuthorizationDetailsResult>")
                == "root element <GetAccountAuthorizationDetailsResult> is not an IAM API response")
        #expect(outcome("<ListUsersResponse \(Self.ns)><ListUsersResult><Users/></ListUsersResult></ListUsersResponse>")
                == #"ignorable(kind: "ListUsers", location: g.xml:1:1)"#)
        #expect(outcome("<GetAccountAuthorizationDetailsResponse xmlns=\"urn:other\">\n<UserDetailList/>\n</GetAccountAuthorizationDetailsResponse>")
                == "g.xml:1:1: error: <GetAccountAuthorizationDetailsResponse> has no <GetAccountAuthorizationDetailsResult>")
        #expect(outcome("<!-- c -->\n<x:GetAccountAuthorizationDetailsResponse xmlns:x=\"urn:x\">\n<x:GetAccountAuthorizationDetailsResult>"
                        + "<x:IsTruncated>true</x:IsTruncated></x:GetAccountAuthorizationDetailsResult></x:GetAccountAuthorizationDetailsResponse>")
                .contains("isTruncated: true"))
    }

    // MARK: the model, pinned

    @Test func paginationLastValueWins() throws {
        let first = try Self.read(Self.gaad("<IsTruncated>true</IsTruncated>\n<Marker> m1 </Marker>"))
        #expect(first.isTruncated && first.marker == "m1" && !first.hasUserList)
        #expect(first.location == SourceLocation(path: "g.xml", line: 1))
        let twice = try Self.read(Self.gaad("<IsTruncated>true</IsTruncated><Marker>m1</Marker><IsTruncated/><Marker>m2</Marker>"))
        #expect(!twice.isTruncated && twice.marker == "m2")
        let emptied = try Self.read(Self.gaad("<Marker>m1</Marker><Marker>  </Marker><IsTruncated>FaLsE</IsTruncated>"))
        #expect(emptied.marker == nil && !emptied.isTruncated)
        let elementInMarker = try Self.read(Self.gaad("<IsTruncated>true<x/></IsTruncated><Marker>m<x>y</x></Marker>"))
        #expect(!elementInMarker.isTruncated && elementInMarker.marker == nil)
        let none = try Self.read(Self.gaad(""))
        #expect(!none.isTruncated && none.marker == nil)
    }

    @Test func repeatedListsAndResultsAddUp() throws {
        let xml = "<GetAccountAuthorizationDetailsResponse>"
            + "<GetAccountAuthorizationDetailsResult><UserDetailList>\(Self.user("a"))</UserDetailList><Marker>m1</Marker></GetAccountAuthorizationDetailsResult>"
            + "<GetAccountAuthorizationDetailsResult><UserDetailList>\(Self.user("b"))</UserDetailList>"
            + "<UserDetailList>\(Self.user("c"))</UserDetailList></GetAccountAuthorizationDetailsResult>"
            + "</GetAccountAuthorizationDetailsResponse>"
        let page = try Self.read(xml)
        #expect(page.users.map(\.name) == ["a", "b", "c"])
        #expect(page.marker == "m1" && page.hasUserList)
    }

    @Test func firstOfDuplicatedSingletonsAndListsWins() throws {
        let u = "<member><UserName>a</UserName><UserName>b</UserName><Arn>arn:aws:iam::1:user/a</Arn><Arn>arn:aws:iam::1:user/b</Arn>"
            + "<Path>/p/</Path><Path>/q/</Path><GroupList><member>g1</member></GroupList><GroupList><member>g2</member></GroupList>"
            + "<AttachedManagedPolicies><member><PolicyArn>arn:aws:iam::aws:policy/A</PolicyArn><PolicyArn>arn:aws:iam::aws:policy/B</PolicyArn>"
            + "<PolicyName>A1</PolicyName><PolicyName>A2</PolicyName></member></AttachedManagedPolicies>"
            + "<AttachedManagedPolicies><member><PolicyArn>arn:aws:iam::aws:policy/C</PolicyArn></member></AttachedManagedPolicies>"
            + "<PermissionsBoundary><PermissionsBoundaryArn>pb1</PermissionsBoundaryArn></PermissionsBoundary>"
            + "<PermissionsBoundary><PermissionsBoundaryArn>pb2</PermissionsBoundaryArn></PermissionsBoundary>"
            + "<Tags><member><Key>k</Key><Key>k2</Key><Value>v</Value><Value>w</Value></member><member><Key>k</Key><Value>later</Value></member>"
            + "<member><Value>no key</Value></member><member><Key>bare</Key></member></Tags><Tags><member><Key>x</Key><Value>y</Value></member></Tags>"
            + "<CreateDate>2020-01-01T00:00:00Z</CreateDate><CreateDate>bad</CreateDate></member>"
        let page = try Self.read(Self.gaad("<UserDetailList>\(u)</UserDetailList>"))
        let user = try #require(page.users.first)
        #expect(user.name == "a" && user.arn == "arn:aws:iam::1:user/a" && user.path == "/p/")
        #expect(user.groups == ["g1"])
        #expect(user.attachedPolicies == [AttachedPolicy(name: "A1", arn: "arn:aws:iam::aws:policy/A")])
        #expect(user.permissionsBoundaryARN == "pb1")
        #expect(user.tags == ["k": "later", "bare": ""])
        #expect(user.createDate == ISO8601.parse("2020-01-01T00:00:00Z"))
    }

    @Test func policyVersionChoice() throws {
        let other = "%7B%22Statement%22%3A%5B%5D%7D"  // {"Statement":[]}
        func policy(_ versions: String, defaultID: String? = "v2") throws -> ManagedPolicy {
            let id = defaultID.map { "<DefaultVersionId>\($0)</DefaultVersionId>" } ?? ""
            let page = try Self.read(Self.gaad("<Policies><member><Arn>arn:aws:iam::1:policy/path/p</Arn>\(id)<PolicyVersionList>\(versions)"
                + "</PolicyVersionList><AttachmentCount> 3 </AttachmentCount></member></Policies>"))
            return try #require(page.policies.first)
        }
        // The flagged default wins over DefaultVersionId; a bad flag or document after it is never read.
        let flagged = try policy("<member><VersionId>v2</VersionId><Document>\(other)</Document></member>"
            + "<member><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion><Document>\(Self.allowAll)</Document></member>"
            + "<member><IsDefaultVersion>never</IsDefaultVersion><Document>%7Bbad</Document></member>")
        #expect(flagged.name == "p" && flagged.path == "/" && flagged.attachmentCount == 3 && flagged.defaultVersionID == "v2")
        #expect(flagged.defaultDocument?.statements.first?.actions == ["*"])
        // No flag: the version named by DefaultVersionId, the first of two with that id.
        let byID = try policy("<member><VersionId>v2</VersionId><Document>\(other)</Document></member>"
            + "<member><VersionId>v2</VersionId><Document>\(Self.allowAll)</Document></member>")
        #expect(byID.defaultDocument?.statements == [])
        // Neither: no document; an empty Document is none either.
        #expect(try policy("<member><VersionId>v1</VersionId><Document>\(Self.allowAll)</Document></member>").defaultDocument == nil)
        #expect(try policy("<member><IsDefaultVersion>true</IsDefaultVersion><Document> </Document></member>").defaultDocument == nil)
        #expect(try policy("", defaultID: nil).defaultDocument == nil)
    }

    @Test func textRulesOfValues() throws {
        // Text split by a comment joins; text before an element that is skipped (secrets and
        // unread subtrees) stays; padding is trimmed; CDATA is text.
        let u = "<member><UserName>a<!-- c -->b</UserName><Arn>arn:aws:iam::1:user/ab<ResponseMetadata>x</ResponseMetadata>c</Arn>"
            + "<Path>\n /p/ \n</Path><UserId><![CDATA[AID<1>]]></UserId><GroupList><member>g<Base32StringSeed>s</Base32StringSeed>h</member>"
            + "<member> </member><member><x/></member><notMember>n</notMember></GroupList></member>"
        let user = try #require(try Self.read(Self.gaad("<UserDetailList>\(u)</UserDetailList>")).users.first)
        #expect(user.name == "ab")
        #expect(user.arn == "arn:aws:iam::1:user/abc")
        #expect(user.path == "/p/" && user.id == "AID<1>")
        #expect(user.groups == ["g"])
    }

    @Test func onlyTheEntitiesOwnElementsCount() throws {
        // Look-alike elements elsewhere: in unknown wrappers, inside instance profiles, not in a member.
        let role = "<member><InstanceProfileList><member><Roles><member><RoleName>ghost</RoleName></member></Roles></member></InstanceProfileList>"
            + "<Wrapper><RoleName>inner</RoleName><RoleLastUsed><LastUsedDate>bad</LastUsedDate></RoleLastUsed></Wrapper>"
            + "<RoleName>real</RoleName><Arn>arn:aws:iam::1:role/real</Arn><RoleLastUsed><Region>x</Region></RoleLastUsed></member>"
        let xml = Self.gaad("<Unknown><UserDetailList>\(Self.user("hidden"))</UserDetailList></Unknown>"
            + "<RoleDetailList><notAMember><RoleName>n</RoleName></notAMember>\(role)</RoleDetailList>"
            + "<UserDetailList><UserName>loose</UserName></UserDetailList>")
        let page = try Self.read(xml)
        #expect(page.roles.map(\.name) == ["real"])
        #expect(page.roles[0].lastUsed == nil)
        #expect(page.users.isEmpty && page.hasUserList)
    }

    @Test func locations() throws {
        let xml = Self.gaad("<UserDetailList>\n<member>\n<UserName>u</UserName><Arn>arn:aws:iam::1:user/u</Arn>\n<UserPolicyList>\n"
            + "<member><PolicyName>p</PolicyName><PolicyDocument>\(Self.allowAll)</PolicyDocument></member>\n</UserPolicyList>\n</member>\n"
            + "</UserDetailList>\n<Policies>\n\n<member><Arn>arn:aws:iam::1:policy/p</Arn></member></Policies>")
        let page = try Self.read(xml)
        #expect(page.users.first?.location == SourceLocation(path: "g.xml", line: 4))
        #expect(page.users.first?.inlinePolicies.first?.location == SourceLocation(path: "g.xml", line: 7))
        #expect(page.policies.first?.location == SourceLocation(path: "g.xml", line: 13))
    }
}
