import Testing
@testable import CredLintModel

@Suite struct JSONParserTests {
    func parse(_ text: String, _ parser: JSONParser = JSONParser()) throws -> JSONValue {
        try parser.parse(text, path: "in.json")
    }

    /// The error a text produces, or nil when it parses.
    func failure(_ bytes: [UInt8], _ parser: JSONParser = JSONParser()) -> CredLintError? {
        do {
            _ = try parser.parse(bytes, path: "in.json")
            return nil
        } catch let e as CredLintError {
            return e
        } catch {
            return CredLintError("unexpected \(error)")
        }
    }

    @Test func scalarsAndContainers() throws {
        let v = try parse(#"{"s": "x", "n": -12, "t": true, "f": false, "z": null, "a": [1, [], {}]}"#)
        #expect(v["s"]?.string == "x")
        #expect(v["n"]?.int == -12)
        #expect(v["t"]?.bool == true)
        #expect(v["f"]?.bool == false)
        #expect(v["z"]?.isNull == true)
        #expect(v["a"]?.elements?.count == 3)
        #expect(v["a"]?.elements?[1].elements?.isEmpty == true)
        #expect(v["a"]?.elements?[2].members?.isEmpty == true)
        #expect(v["missing"] == nil)
        #expect(v.members?.map(\.key) == ["s", "n", "t", "f", "z", "a"])
    }

    @Test func valuePositions() throws {
        let text = "{\n  \"a\": [1,\n    true],\n\t\"é\": \"ü\", \"b\": null\n}"
        let v = try parse(text)
        #expect((v.line, v.column) == (1, 1))
        let a = try #require(v["a"])
        #expect((a.line, a.column) == (2, 8))
        #expect((a.elements?[0].line, a.elements?[0].column) == (2, 9))
        #expect((a.elements?[1].line, a.elements?[1].column) == (3, 5))
        // Columns count characters, not UTF-8 bytes: "é" and "ü" are 2 bytes each.
        let b = try #require(v["b"])
        #expect((b.line, b.column) == (4, 17))
        #expect(v["é"]?.column == 7)
        #expect(v["é"]?.location(path: "x.json").description == "x.json:4:7")
    }

    @Test func crlfAndLoneCRCountAsLineBreaks() throws {
        let v = try parse("[\r\n1,\r2]")
        #expect(v.elements?.map(\.line) == [2, 3])
    }

    @Test func escapes() throws {
        let v = try parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u4E2D", "\uD83D\uDE00", "caf\u00E9 ok", "raw é 中 😀"]"#)
        let s = try #require(v.elements).map { $0.string }
        #expect(s[0] == "\"\\/\u{08}\u{0C}\n\r\t")
        #expect(s[1] == "é中")
        #expect(s[2] == "😀")
        #expect(s[3] == "café ok")
        #expect(s[4] == "raw é 中 😀")
    }

    @Test func numbersKeepTheirText() throws {
        let v = try #require(try parse("[0, -0, 12, 1.5e3, 2E-2, 9223372036854775808, 3.25, -7]").elements)
        #expect(v.map { $0.numberText } == ["0", "-0", "12", "1.5e3", "2E-2", "9223372036854775808", "3.25", "-7"])
        #expect(v[2].int == 12)
        #expect(v[3].int == nil)
        #expect(v[3].double == 1500)
        #expect(v[4].double == 0.02)
        #expect(v[5].int == nil)  // too big for Int
        #expect(v[5].double == 9.223372036854775808e18)
        #expect(v[7].int == -7)
        #expect(v[0].string == nil)
    }

    /// A key given twice is refused at the second key (issue 15 item 3): which one to keep
    /// is ambiguous, and awscli (Python dicts) never writes one.
    @Test func duplicateKeysAreRefusedAtTheSecondKey() throws {
        func refusal(_ text: String) -> CredLintError? {
            do { _ = try parse(text); return nil } catch { return error as? CredLintError }
        }
        let e = refusal(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(e?.location?.line == 1 && e?.location?.column == 18, "\(String(describing: e))")
        #expect(e?.message.contains("\"a\" a second time") == true, "\(String(describing: e))")

        // Past 16 keys the parser switches to a hash index; duplicates must still be found.
        var text = "{"
        for k in 0..<40 { text += "\"k\(k)\": \(k),\n" }
        text += "\"k3\": \"last\", \"k39\": true}"
        let big = refusal(text)
        #expect(big?.location?.line == 41 && big?.location?.column == 1, "\(String(describing: big))")
        #expect(big?.message.contains("\"k3\" a second time in one object (first at line 4)") == true, "\(String(describing: big))")
        // The same key in different objects is fine.
        #expect(try parse(#"{"a": {"a": 1}, "b": {"a": 2}}"#)["b"]?["a"]?.int == 2)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let v = try JSONParser().parse([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8), path: "bom.json")
        #expect(v["a"]?.int == 1)
        #expect((v.line, v.column) == (1, 1))
        #expect(v["a"]?.column == 7)
    }

    @Test(arguments: [
        ("", 1, 1, "found end of input, expected a JSON value"),
        ("   \n  ", 2, 3, "found end of input, expected a JSON value"),
        (#"{"a": 1,}"#, 1, 9, "found '}', expected a string key"),
        ("[1,]", 1, 4, "found ']', expected a JSON value"),
        (#"{"a" 1}"#, 1, 6, "found '1', expected ':' after the key \"a\""),
        ("{a: 1}", 1, 2, "found 'a', expected a string key or '}'"),
        ("[1 2]", 1, 4, "found '2', expected ',' or ']'"),
        (#"{"a": 1 "b": 2}"#, 1, 9, "found '\"', expected ',' or '}'"),
        ("[1, 2", 1, 6, "found end of input, expected ',' or ']'"),
        (#"{"a": 1"#, 1, 8, "found end of input, expected ',' or '}'"),
        ("{} x", 1, 4, "found 'x' after the JSON value, expected end of input"),
        ("[1]\n]", 2, 1, "found ']' after the JSON value, expected end of input"),
        ("\n  tru", 2, 3, "found 'tru', expected a JSON value"),
        ("True", 1, 1, "found 'True', expected a JSON value"),
        ("nulls", 1, 1, "found 'nulls', expected a JSON value"),
        ("NaN", 1, 1, "found 'NaN', expected a JSON value"),
        ("'a'", 1, 1, "found ''', expected a JSON value"),
        ("// c\n{}", 1, 1, "found '/', expected a JSON value"),
        ("+1", 1, 1, "found '+', expected a JSON value"),
        ("01", 1, 2, "found a number with a leading zero, expected no leading zeros"),
        ("-", 1, 2, "found end of input, expected a digit"),
        ("-a", 1, 2, "found 'a', expected a digit"),
        ("1.", 1, 3, "found end of input, expected a digit after '.'"),
        ("1.e5", 1, 3, "found 'e5', expected a digit after '.'"),
        ("1e", 1, 3, "found end of input, expected a digit in the exponent"),
        ("1e+", 1, 4, "found end of input, expected a digit in the exponent"),
        ("\"abc", 1, 5, "found end of input, expected '\"' to close the string that starts at line 1, column 1"),
        ("[\"a\nb\"]", 1, 4, "found control character U+000A in a string, expected it escaped (\\n, \\t or \\u00XX)"),
        ("[\"a\tb\"]", 1, 4, "found control character U+0009 in a string, expected it escaped (\\n, \\t or \\u00XX)"),
        (#""\x""#, 1, 2, "found '\\x' in a string, expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
        (#""ab\u12G4""#, 1, 4, "found '\\u12G4', expected 4 hex digits after \\u"),
        (#""\u12""#, 1, 2, "found '\\u12', expected 4 hex digits after \\u"),
        (#""\uD800""#, 1, 2, "found an unpaired surrogate '\\uD800', expected a \\uDC00-\\uDFFF escape after it"),
        (#""\uD800\u0041""#, 1, 8, "found '\\u0041' after the high surrogate '\\uD800', expected a \\uDC00-\\uDFFF escape"),
        (#""x\uDC00""#, 1, 3, "found an unpaired surrogate '\\uDC00', expected a \\uD800-\\uDBFF escape before it"),
        ("[\"é\", x]", 1, 7, "found 'x', expected a JSON value"),
    ])
    func syntaxErrors(text: String, line: Int, column: Int, message: String) {
        let e = failure(Array(text.utf8))
        #expect(e?.message == message)
        #expect(e?.location == SourceLocation(path: "in.json", line: line, column: column))
    }

    @Test func invalidUTF8() {
        let e1 = failure([0x22, 0x61, 0xFF, 0x22])
        #expect(e1?.message == "found invalid UTF-8 byte 0xFF, expected UTF-8 text")
        #expect(e1?.location?.column == 3)
        // An encoded surrogate (ED A0 80) and an overlong "/" (C0 AF) are not UTF-8.
        #expect(failure([0x22, 0xED, 0xA0, 0x80, 0x22])?.message
                == "found invalid UTF-8 sequence starting with byte 0xED, expected UTF-8 text")
        #expect(failure([0x22, 0xC0, 0xAF, 0x22])?.message == "found invalid UTF-8 byte 0xC0, expected UTF-8 text")
        #expect(failure([0x22, 0xE4, 0xB8])?.message == "found a truncated UTF-8 sequence, expected UTF-8 text")
        #expect(failure([0xC3, 0xA9])?.message == "found 'é', expected a JSON value")
        #expect(failure([0x80])?.message == "found byte 0x80, expected a JSON value")
        #expect(failure([0xFF, 0xFE, 0x7B, 0x00])?.message == "found a UTF-16 byte order mark, expected UTF-8 JSON")
    }

    @Test func depthCap() throws {
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(failure(Array(ok.utf8)) == nil)
        let deep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        let e = failure(Array(deep.utf8))
        #expect(e?.message == "found arrays or objects nested deeper than 128 levels, expected at most 128")
        #expect(e?.location?.column == 129)
        // Objects count too, and the cap is configurable.
        let shallow = JSONParser(maxDepth: 2)
        #expect(failure(Array(#"{"a": [1]}"#.utf8), shallow) == nil)
        #expect(failure(Array(#"{"a": [{}]}"#.utf8), shallow)?.location?.column == 8)
        // Far deeper than any stack could take recursively is still a clean error.
        let hostile = String(repeating: "[", count: 1_000_000)
        #expect(failure(Array(hostile.utf8))?.location?.column == 129)
    }

    @Test func sizeCaps() {
        let tiny = JSONParser(maxInputSize: 8)
        #expect(failure(Array("[1,2,3]".utf8), tiny) == nil)
        let e = failure(Array("[1,2,3,4]".utf8), tiny)
        #expect(e?.message == "found 9 bytes of JSON, expected at most 8")
        #expect(e?.location?.line == 1)

        let short = JSONParser(maxStringLength: 4)
        #expect(failure(Array(#"["abcd", "\u00e9\u00e9"]"#.utf8), short) == nil)
        let s = failure(Array(#"[1, "abcde"]"#.utf8), short)
        #expect(s?.message == "found a string longer than 4 bytes, expected at most 4")
        #expect(s?.location?.column == 5)
        // Measured after unescaping: three "é" are 6 bytes.
        #expect(failure(Array(#"["\u00e9\u00e9\u00e9"]"#.utf8), short)?.location?.column == 2)
        #expect(failure(Array(#"{"abcdef": 1}"#.utf8), short)?.location?.column == 2)
    }

    @Test func defaultsMatchTheDocumentedCaps() {
        let p = JSONParser()
        #expect(p.maxDepth == 128)
        #expect(p.maxInputSize == 256 * 1024 * 1024)
        #expect(p.maxStringLength == 16 * 1024 * 1024)
    }

    @Test func errorDescriptionIsOneLineWithPathLineColumn() {
        let e = failure(Array("{\n  \"a\": ,\n}".utf8))
        #expect(e?.description == "in.json:2:8: error: found ',', expected a JSON value")
    }
}
