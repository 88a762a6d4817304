import Foundation
import Testing
@testable import CredLintXML

/// Reads every event, or returns the error that stopped the read.
private func readAll(_ text: String, limits: XMLLimits = .default) -> (events: [XMLEvent], error: XMLReadError?) {
    readAll(bytes: Array(text.utf8), limits: limits)
}

private func readAll(bytes: [UInt8], limits: XMLLimits = .default) -> (events: [XMLEvent], error: XMLReadError?) {
    var events: [XMLEvent] = []
    do {
        let r = try SafeXMLReader(bytes: bytes, limits: limits)
        while let e = try r.next() { events.append(e) }
        return (events, nil)
    } catch let e as XMLReadError {
        return (events, e)
    } catch {
        Issue.record("unexpected error type \(error)")
        return (events, nil)
    }
}

private func readAll(path: String, limits: XMLLimits = .default) -> (events: [XMLEvent], error: XMLReadError?) {
    var events: [XMLEvent] = []
    do {
        let r = try SafeXMLReader(path: path, limits: limits)
        while let e = try r.next() { events.append(e) }
        return (events, nil)
    } catch let e as XMLReadError {
        return (events, e)
    } catch {
        Issue.record("unexpected error type \(error)")
        return (events, nil)
    }
}

private func allText(_ events: [XMLEvent]) -> String {
    events.compactMap { if case .text(let t, _) = $0 { return t }; return nil }.joined()
}

/// Runs `body` and returns its result and wall time in seconds.
private func timed<T>(_ body: () -> T) -> (T, Double) {
    let clock = ContinuousClock()
    var result: T?
    let d = clock.measure { result = body() }
    return (result!, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
}

private func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("credlint-xml-\(UUID().uuidString).xml")
    try Data(bytes).write(to: url)
    return url.path
}

@Suite struct SafeXMLReaderTests {
    // MARK: well-formed input

    @Test func eventsForASmallDocument() {
        let doc = """
            <?xml version="1.0" encoding="UTF-8"?>
            <R xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <!-- a comment -->
              <A>x &amp; y</A>
              <B/>
              <iam:C xmlns:iam="urn:x"><![CDATA[<raw>]]></iam:C>
            </R>
            """
        let (events, error) = readAll(doc)
        #expect(error == nil)
        let structural = events.filter { if case .text = $0 { return false }; return true }
        #expect(structural == [
            .startElement(name: "R", line: 2, depth: 1, isEmpty: false),
            .startElement(name: "A", line: 4, depth: 2, isEmpty: false),
            .endElement(name: "A", depth: 2),
            .startElement(name: "B", line: 5, depth: 2, isEmpty: true),
            .endElement(name: "B", depth: 2),
            .startElement(name: "C", line: 6, depth: 2, isEmpty: false),
            .endElement(name: "C", depth: 2),
            .endElement(name: "R", depth: 1),
        ])
        #expect(events.contains(.text("x & y", line: 4)))
        #expect(events.contains(.text("<raw>", line: 6)))
    }

    @Test func namespaceURIOfTheCurrentElement() throws {
        let r = try SafeXMLReader(bytes: Array(#"<R xmlns="urn:iam"><S xmlns=""/></R>"#.utf8))
        #expect(try r.next() == .startElement(name: "R", line: 1, depth: 1, isEmpty: false))
        #expect(r.namespaceURI == "urn:iam")
        _ = try r.next()
        #expect(r.namespaceURI == nil)
    }

    @Test func lineNumbersPast65535AreExact() {
        var doc = "<R>\n"
        for _ in 0..<70_000 { doc += "<a/>\n" }
        doc += "<last>v</last>\n</R>\n"
        let (events, error) = readAll(doc)
        #expect(error == nil)
        #expect(events.contains(.startElement(name: "last", line: 70_002, depth: 2, isEmpty: false)))
    }

    @Test func fileAndMemoryGiveTheSameEvents() throws {
        let doc = Array("<R>\n  <A>1</A>\n  <B>two</B>\n</R>\n".utf8)
        let path = try temporaryFile(doc)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = readAll(path: path)
        let fromMemory = readAll(bytes: doc)
        #expect(fromFile.error == nil)
        #expect(fromFile.events == fromMemory.events)
        #expect(fromFile.events.count == 11)
    }

    @Test func skipElementDoesNotSurfaceText() throws {
        let r = try SafeXMLReader(bytes: Array("<R><Secret><x>hunter2</x></Secret><After>ok</After><E/></R>".utf8))
        var seen: [XMLEvent] = []
        while let e = try r.next() {
            if case .startElement(let name, _, let depth, _) = e, name == "Secret" || name == "E" {
                try r.skipElement(depth: depth)
                continue
            }
            seen.append(e)
        }
        #expect(!allText(seen).contains("hunter2"))
        #expect(seen.contains(.text("ok", line: 1)))
        #expect(seen.last == .endElement(name: "R", depth: 1))
    }

    @Test func advanceAgreesWithNext() throws {
        let doc = Array("<R>\n  <A>x &amp; y</A>\n  <B/>\n  <C><![CDATA[<raw>]]><D>1</D></C>\n</R>\n".utf8)
        let (events, error) = readAll(bytes: doc)
        #expect(error == nil)
        let r = try SafeXMLReader(bytes: doc)
        var rebuilt: [XMLEvent] = []
        while let kind = try r.advance() {
            switch kind {
            case .startElement: rebuilt.append(.startElement(name: r.name, line: r.line, depth: r.depth, isEmpty: r.isEmpty))
            case .text: rebuilt.append(.text(r.text(), line: r.line))
            case .endElement:
                #expect(r.text() == "")  // text() is only for a text node
                rebuilt.append(.endElement(name: r.name, depth: r.depth))
            }
        }
        #expect(rebuilt == events)
    }

    @Test func endTagNamesComeFromTheOpenElements() throws {
        // Many distinct names (past the intern table's first growth), nested and repeated.
        var doc = "<R>"
        for i in 0..<300 { doc += "<n\(i)><m><n\(i)/></m></n\(i)>" }
        doc += "</R>"
        let (events, error) = readAll(doc)
        #expect(error == nil)
        var open: [String] = []
        for e in events {
            switch e {
            case .startElement(let name, _, _, _): open.append(name)
            case .endElement(let name, _): #expect(name == open.removeLast())
            case .text: break
            }
        }
        #expect(open.isEmpty)
        #expect(events.count == 2 + 300 * 6)
    }

    @Test func concurrentReadersOnDifferentDocuments() async {
        let results = await withTaskGroup(of: (Int, Int).self) { group in
            for i in 0..<8 {
                group.addTask {
                    var doc = "<R>"
                    for j in 0..<(2_000 + i) { doc += "<m><n>\(j)</n></m>" }
                    doc += "</R>"
                    let (events, error) = readAll(doc)
                    let starts = events.filter { if case .startElement = $0 { return true }; return false }.count
                    return (i, error == nil ? starts : -1)
                }
            }
            var out: [Int: Int] = [:]
            for await (i, n) in group { out[i] = n }
            return out
        }
        for i in 0..<8 { #expect(results[i] == 1 + 2 * (2_000 + i)) }
    }

    // MARK: malformed input

    @Test func truncatedDocumentFailsAtTheEnd() {
        let (_, error) = readAll("<R>\n  <A>one</A>\n  <B>two")
        #expect(error?.kind == .malformed)
        #expect(error?.line == 3)
    }

    @Test func mismatchedTagsFailAtTheirLine() {
        let (_, error) = readAll("<R>\n<A>\n<Arn>x</Wrong>\n</A>\n</R>")
        #expect(error?.kind == .malformed)
        #expect(error?.line == 3)
        #expect(error?.message.contains("mismatch") == true)
        #expect((error?.column ?? 0) > 1)
    }

    @Test func nulByteIsRejected() {
        var bytes = Array("<R>\n<A>x".utf8)
        bytes.append(0)
        bytes += Array("y</A>\n</R>".utf8)
        let (_, error) = readAll(bytes: bytes)
        #expect(error?.kind == .malformed)
        #expect(error?.line == 2)
    }

    @Test func randomBinaryIsRejected() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let (_, error) = readAll(bytes: bytes)
            #expect(error != nil)
            #expect((error?.line ?? 0) >= 1)
        }
    }

    @Test func emptyInputIsAnError() throws {
        #expect(readAll(bytes: []).error?.kind == .malformed)
        #expect(readAll("   \n ").error?.kind == .malformed)
        let path = try temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(readAll(path: path).error?.kind == .malformed)
    }

    @Test func extraContentAfterTheRootIsAnError() {
        let (_, error) = readAll("<R/>\n<S/>")
        #expect(error?.kind == .malformed)
        #expect(error?.line == 2)
    }

    @Test func errorsAreSticky() throws {
        let r = try SafeXMLReader(bytes: Array("<R><A></B></R>".utf8))
        var first: XMLReadError?
        do { while try r.next() != nil {} } catch let e as XMLReadError { first = e }
        #expect(first != nil)
        #expect(throws: XMLReadError.self) { _ = try r.next() }
    }

    // MARK: hostile input: entities and DTDs

    @Test func billionLaughsIsRejectedFast() {
        var doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        doc += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for i in 2...9 { doc += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n" }
        doc += "]>\n<lolz>&lol9;</lolz>\n"
        let ((events, error), seconds) = timed { readAll(doc) }
        #expect(error?.kind == .doctype)
        #expect(error?.line == 2)
        #expect(!allText(events).contains("lol"))
        #expect(seconds < 2)
    }

    @Test func quadraticBlowupIsRejectedFast() {
        let big = String(repeating: "a", count: 100_000)
        let refs = String(repeating: "&a;", count: 20_000)
        let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE kaboom [\n<!ENTITY a \"\(big)\">\n]>\n<kaboom>\(refs)</kaboom>\n"
        let ((events, error), seconds) = timed { readAll(doc) }
        #expect(error?.kind == .doctype)
        #expect(error?.line == 2)
        #expect(allText(events).isEmpty)
        #expect(seconds < 2)
    }

    @Test func externalEntityIsNeverRead() {
        let doc = """
            <?xml version="1.0"?>
            <!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <r>&xxe;</r>
            """
        let ((events, error), seconds) = timed { readAll(doc) }
        #expect(error?.kind == .doctype)
        #expect(error?.line == 2)
        #expect(!allText(events).contains("root:"))
        #expect(error?.message.contains("root:") == false)
        #expect(seconds < 2)
    }

    @Test func parameterEntityIsNeverRead() {
        let doc = """
            <?xml version="1.0"?>
            <!DOCTYPE r [
              <!ENTITY % p SYSTEM "file:///etc/passwd">
              %p;
            ]>
            <r>x</r>
            """
        let ((events, error), seconds) = timed { readAll(doc) }
        #expect(error?.kind == .doctype)
        #expect(error?.line == 2)
        #expect(!allText(events).contains("root:"))
        #expect(error?.message.contains("root:") == false)
        #expect(seconds < 2)
    }

    @Test func externalDTDOverTheNetworkIsNeverFetched() {
        let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<r>x</r>\n"
        let ((_, error), seconds) = timed { readAll(doc) }
        #expect(error?.kind == .doctype)
        #expect(error?.message == "DOCTYPE is not allowed in IAM responses")
        #expect(error?.line == 2)
        #expect(seconds < 2)
    }

    @Test func doctypeLineSkipsTheDeclarationCommentsAndBOM() {
        let doc = "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- a\ncomment -->\n<?pi x?>\n<!DOCTYPE r [ <!ENTITY e \"v\"> ]>\n<r>&e;</r>\n"
        let (_, error) = readAll(doc)
        #expect(error?.kind == .doctype)
        #expect(error?.line == 5)
    }

    @Test func doctypeWithoutEntitiesIsStillRejected() {
        let (events, error) = readAll("<!DOCTYPE R>\n<R/>")
        #expect(error?.kind == .doctype)
        #expect(events.isEmpty)
    }

    // MARK: hostile input: caps

    @Test func deepNestingStopsAtTheDepthCap() {
        let n = 20_000
        let doc = String(repeating: "<a>\n", count: n) + String(repeating: "</a>", count: n)
        let ((events, error), seconds) = timed { readAll(doc) }
        #expect(error?.kind == .limit)
        #expect(error?.line == 65)
        #expect(events.filter { if case .startElement = $0 { return true }; return false }.count == 64)
        #expect(seconds < 2)
    }

    @Test func depthCapIsConfigurable() {
        let doc = "<a><b><c><d/></c></b></a>"
        #expect(readAll(doc, limits: XMLLimits(maxDepth: 4)).error == nil)
        #expect(readAll(doc, limits: XMLLimits(maxDepth: 3)).error?.kind == .limit)
    }

    @Test func textOverTheCapIsRejected() {
        let doc = "<R>\n<PolicyDocument>" + String(repeating: "A", count: (1 << 20) + 1) + "</PolicyDocument>\n</R>"
        let (events, error) = readAll(doc)
        #expect(error?.kind == .limit)
        #expect(error?.line == 2)
        #expect(allText(events).count < 10)
        let atCap = "<R>" + String(repeating: "A", count: 1 << 20) + "</R>"
        #expect(readAll(atCap).error == nil)
    }

    @Test func textCapCountsCDATAPiecesTogether() {
        let piece = "<![CDATA[" + String(repeating: "x", count: 600) + "]]>"
        let doc = "<R>" + String(repeating: piece, count: 2) + "</R>"
        #expect(readAll(doc, limits: XMLLimits(maxTextBytes: 1_000)).error?.kind == .limit)
        #expect(readAll(doc, limits: XMLLimits(maxTextBytes: 1_200)).error == nil)
        // libxml2 may merge adjacent CDATA sections into one node; text and CDATA in
        // turn stay separate nodes, and the cap is on their sum.
        let mixed = "<R>" + String(repeating: String(repeating: "t", count: 400) + "<![CDATA[" + String(repeating: "c", count: 400) + "]]>", count: 2) + "</R>"
        #expect(readAll(mixed, limits: XMLLimits(maxTextBytes: 1_000)).error?.kind == .limit)
        #expect(readAll(mixed, limits: XMLLimits(maxTextBytes: 1_600)).error == nil)
    }

    @Test func elementCountCap() {
        let doc = "<R>" + String(repeating: "<m/>", count: 100) + "</R>"
        #expect(readAll(doc, limits: XMLLimits(maxElements: 101)).error == nil)
        let (_, error) = readAll(doc, limits: XMLLimits(maxElements: 100))
        #expect(error?.kind == .limit)
        #expect(error?.message.contains("100 elements") == true)
    }

    @Test func fileSizeCapIsCheckedBeforeParsing() throws {
        let bytes = Array(("<R>" + String(repeating: "<m/>", count: 1_000) + "</R>").utf8)
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let small = XMLLimits(maxFileBytes: 1_000)
        #expect(throws: XMLReadError.self) { _ = try SafeXMLReader(path: path, limits: small) }
        #expect(throws: XMLReadError.self) { _ = try SafeXMLReader(bytes: bytes, limits: small) }
        #expect(readAll(path: path).error == nil)
    }

    @Test func missingFileAndDirectoryAreIOErrors() {
        #expect(readAll(path: "/nonexistent/credlint/x.xml").error?.kind == .io)
        #expect(readAll(path: NSTemporaryDirectory()).error?.kind == .io)
    }
}

