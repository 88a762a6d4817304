import Testing
@testable import CredLintModel

@Suite struct PolicyDocumentDecoderTests {
    let here = SourceLocation(path: "gaad.xml", line: 12, column: 5)

    func decodeError(_ text: String) -> CredLintError? {
        do {
            _ = try PolicyDocumentDecoder.decode(text: text, location: here)
            return nil
        } catch let e as CredLintError {
            return e
        } catch {
            return CredLintError("unexpected \(error)")
        }
    }

    /// Byte-for-byte what moto 5.2.1 puts in `<PolicyDocument>` (urllib.parse.quote: space → %20, `/` kept).
    static let motoAllowEverything =
        "%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement%22%3A%20%5B%7B%22Effect%22%3A%20%22Allow"
        + "%22%2C%20%22Action%22%3A%20%22%2A%22%2C%20%22Resource%22%3A%20%22%2A%22%7D%5D%7D"

    @Test func motoURLEncodedDocument() throws {
        let doc = try PolicyDocumentDecoder.decode(text: Self.motoAllowEverything, location: here)
        #expect(doc == PolicyDocument(statements: [
            PolicyStatement(effect: .allow, actions: ["*"], resources: ["*"]),
        ]))
    }

    @Test func motoManagedPolicyVersionWithConditionAndSlash() throws {
        let text = "%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement%22%3A%20%5B%7B%22Sid%22%3A%20%22Read%22"
            + "%2C%20%22Effect%22%3A%20%22Allow%22%2C%20%22Action%22%3A%20%5B%22s3%3AGetObject%22%2C%20%22s3%3AListBucket"
            + "%22%5D%2C%20%22Resource%22%3A%20%5B%22arn%3Aaws%3As3%3A%3A%3Areports%22%2C%20%22arn%3Aaws%3As3%3A%3A%3A"
            + "reports/%2A%22%5D%2C%20%22Condition%22%3A%20%7B%22Bool%22%3A%20%7B%22aws%3ASecureTransport%22%3A%20%22"
            + "true%22%7D%7D%7D%5D%7D"
        let s = try #require(try PolicyDocumentDecoder.decode(text: text, location: here).statements.first)
        #expect(s.sid == "Read")
        #expect(s.actions == ["s3:GetObject", "s3:ListBucket"])
        #expect(s.resources == ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"])
        #expect(s.hasCondition)
    }

    @Test func plusIsNotASpace() throws {
        let text = "%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C"
            + "%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Aa+b%2F%2A%22%7D%7D"
        let doc = try PolicyDocumentDecoder.decode(text: text, location: here)
        #expect(doc.statements.first?.resources == ["arn:aws:s3:::a+b/*"])
    }

    @Test func lowercasePercentEscapesAndPadding() throws {
        let text = "  \n%7b%22Statement%22%3a%5b%5d%7d\n "
        #expect(try PolicyDocumentDecoder.decode(text: text, location: here).statements.isEmpty)
    }

    @Test func rawJSONWithWhitespacePaddingIsTakenAsIs() throws {
        // moto's AssumeRolePolicyDocument and AWS doc samples: raw JSON, sometimes padded with newlines.
        let text = """

                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                 "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "100% sure"}}}]}
            \t
            """
        let s = try #require(try PolicyDocumentDecoder.decode(text: text, location: here).statements.first)
        #expect(s.principals == ["Service": ["ec2.amazonaws.com"]])
        #expect(s.actions == ["sts:AssumeRole"])
        #expect(s.hasCondition)
    }

    @Test func singleStatementAndSingleValues() throws {
        let doc = try PolicyDocumentDecoder.decode(text: """
            {"Statement": {"Sid": "", "Effect": "Deny", "NotAction": "iam:*", "NotResource": "arn:aws:iam::*:user/x",
             "Condition": {}}}
            """, location: here)
        #expect(doc.statements == [
            PolicyStatement(sid: "", effect: .deny, notActions: ["iam:*"], notResources: ["arn:aws:iam::*:user/x"]),
        ])
    }

    @Test func listsAndPrincipals() throws {
        let doc = try PolicyDocumentDecoder.decode(text: """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": ["a:B", "c:*"], "Resource": ["*"]},
              {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::1:saml-provider/Okta",
                                                "AWS": ["arn:aws:iam::1:root", "arn:aws:iam::2:root"]},
               "Action": "sts:AssumeRoleWithSAML"}
            ]}
            """, location: here)
        #expect(doc.statements.count == 2)
        #expect(doc.statements[0].principals == ["*": ["*"]])
        #expect(doc.statements[0].actions == ["a:B", "c:*"])
        #expect(doc.statements[0].hasCondition == false)
        #expect(doc.statements[1].principals == [
            "Federated": ["arn:aws:iam::1:saml-provider/Okta"], "AWS": ["arn:aws:iam::1:root", "arn:aws:iam::2:root"],
        ])
    }

    @Test func parsedObjectsDecodeTheSameAsText() throws {
        let text = #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#
        let json = try JSONParser().parse(text, path: "cli.json")
        #expect(try PolicyDocumentDecoder.decode(json: json, location: json.location(path: "cli.json"))
                == PolicyDocumentDecoder.decode(text: text, location: here))
    }

    @Test(arguments: [
        ("%7B%22Statement%22%3A%zz%7D", "found \"%zz\" at offset 21 of the URL-encoded policy document, expected '%' followed by two hex digits"),
        ("%7B%22a%22%3A%2", "found \"%2\" at offset 13 of the URL-encoded policy document, expected '%' followed by two hex digits"),
        ("not a policy", "policy document is not a JSON object: found 'not', expected a JSON value (at line 1, column 1 of the document)"),
        ("", "policy document is not a JSON object: found end of input, expected a JSON value (at line 1, column 1 of the document)"),
        ("[1, 2]", "found an array as the policy document, expected a JSON object"),
        ("\"{}\"", "found the string \"{}\" as the policy document, expected a JSON object"),
        ("%5B%5D", "found an array as the policy document, expected a JSON object"),
        ("{\"Statement\": [1]}", "found the number 1 in \"Statement\", expected a policy statement object (at line 1, column 16 of the policy document)"),
        ("{\"Version\": \"2012-10-17\"}", "found a policy document without \"Statement\", expected a \"Statement\" object or list (at line 1, column 1 of the policy document)"),
        ("{\"Statement\": {\"Effect\": \"Alow\"}}", "found the string \"Alow\" for \"Effect\", expected \"Allow\" or \"Deny\" (at line 1, column 26 of the policy document)"),
        ("{\"Statement\": {\"Action\": \"*\"}}", "found a policy statement without \"Effect\", expected a \"Effect\" string (at line 1, column 15 of the policy document)"),
        ("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": 3}}", "found the number 3 for \"Action\", expected a list of strings (at line 1, column 45 of the policy document)"),
        ("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": [\"a\", null]}}", "found null in \"Action\", expected a string (at line 1, column 51 of the policy document)"),
        ("{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"me\"}}", "found the string \"me\" for \"Principal\", expected \"*\" or an object (at line 1, column 48 of the policy document)"),
        ("{\"Statement\": {\"Effect\": \"Allow\", \"Condition\": []}}", "found an array for \"Condition\", expected an object (at line 1, column 48 of the policy document)"),
        ("{\"Statement\": {\"Effect\": \"Allow\"}} trailing", "policy document is not a JSON object: found 'trailing' after the JSON value, expected end of input (at line 1, column 36 of the document)"),
    ])
    func errorsPointAtTheDocument(text: String, message: String) {
        let e = decodeError(text)
        #expect(e?.message == message)
        #expect(e?.location == here)
    }

    @Test func parsedObjectErrorsPointAtTheMember() throws {
        let text = "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Resource\": {\"x\": 1}}\n  ]\n}"
        let json = try JSONParser().parse(text, path: "cli.json")
        #expect(throws: CredLintError(
            "found an object for \"Resource\", expected a list of strings", path: "cli.json", line: 3, column: 37)) {
            try PolicyDocumentDecoder.decode(json: json, location: json.location(path: "cli.json"))
        }
        let array = try JSONParser().parse("\n[]", path: "cli.json")
        #expect(throws: CredLintError("found an array as the policy document, expected a JSON object",
                                      path: "cli.json", line: 2, column: 1)) {
            try PolicyDocumentDecoder.decode(json: array, location: array.location(path: "cli.json"))
        }
    }
}
