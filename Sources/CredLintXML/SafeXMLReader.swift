#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

internal import CLibXML2

/// A hardened pull reader over one XML document (libxml2's `xmlTextReader`).
///
/// Safety, in layers: safe parser options only (see `LibXML2Setup`), a
/// process-wide loader that refuses every external entity, any `<!DOCTYPE>`
/// rejected, entity-reference nodes rejected, and the caps in `XMLLimits`.
/// Memory stays flat for file input: libxml2 streams from the descriptor and
/// frees each subtree once the reader moves past it.
///
/// One reader belongs to one thread at a time; different readers may run
/// concurrently (libxml2 is thread-safe per document after `xmlInitParser`).
public final class SafeXMLReader {
    public let limits: XMLLimits
    private let reader: OpaquePointer
    private let sink: ErrorSink
    private let fd: Int32
    /// Whether `fd` is closed with the reader (not when borrowed from the caller).
    private let ownsFD: Bool
    private let buffer: UnsafeMutableRawPointer?
    private let bufferCount: Int
    /// Swift checks exclusive access at run time on every use of a class's `var`: about
    /// seven times a node, 9% of reading GAAD. The state sits behind a `let` pointer
    /// instead, which needs no check; it is this reader's alone, like the reader itself.
    private let state: UnsafeMutablePointer<ReaderState>

    /// Opens `path` for streaming. Fails for a missing file, a directory, or a
    /// regular file larger than `limits.maxFileBytes` (checked with `fstat`).
    public convenience init(path: String, limits: XMLLimits = .default) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw XMLReadError(.io, "cannot open file: \(SafeXMLReader.errnoText())", line: 1) }
        do {
            try self.init(fd: fd, owned: true, limits: limits)
        } catch {
            close(fd)
            throw error
        }
    }

    /// Streams an open file from its start, without closing it: the caller opened it once
    /// to sniff, peek and read it (`InputFile`), and closes it. Same checks as `init(path:)`.
    public convenience init(borrowing fd: Int32, limits: XMLLimits = .default) throws {
        guard lseek(fd, 0, SEEK_SET) == 0 else {
            throw XMLReadError(.io, "cannot rewind file: \(SafeXMLReader.errnoText())", line: 1)
        }
        try self.init(fd: fd, owned: false, limits: limits)
    }

    private init(fd: Int32, owned: Bool, limits: XMLLimits) throws {
        LibXML2Setup.ensure()
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw XMLReadError(.io, "cannot inspect file: \(SafeXMLReader.errnoText())", line: 1)
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR {
            throw XMLReadError(.io, "is a directory, expected an XML file", line: 1)
        }
        // Pipes and devices report no size; the element and text caps still bound them.
        if type == S_IFREG, Int64(st.st_size) > Int64(limits.maxFileBytes) {
            throw XMLReadError(.limit, "file is \(st.st_size) bytes, more than the \(limits.maxFileBytes)-byte limit for XML input", line: 1)
        }
        guard let r = xmlReaderForFd(fd, nil, nil, LibXML2Setup.safeOptions) else {
            throw XMLReadError(.io, "libxml2 could not create a reader", line: 1)
        }
        self.limits = limits
        self.reader = r
        self.fd = fd
        self.ownsFD = owned
        self.buffer = nil
        self.bufferCount = 0
        self.sink = ErrorSink()
        self.state = .allocate(capacity: 1)
        state.initialize(to: ReaderState())
        installErrorSink()
    }

    /// Reads a document held in memory (the bytes are copied).
    public init(bytes: [UInt8], limits: XMLLimits = .default) throws {
        LibXML2Setup.ensure()
        guard bytes.count <= limits.maxFileBytes, bytes.count <= Int(Int32.max) else {
            throw XMLReadError(.limit, "input is \(bytes.count) bytes, more than the \(limits.maxFileBytes)-byte limit for XML input", line: 1)
        }
        guard !bytes.isEmpty else { throw XMLReadError(.malformed, "document is empty, expected an XML element", line: 1) }
        // libxml2 keeps pointing into the buffer while parsing, so it must outlive
        // any `withUnsafeBufferPointer` scope: copy it into memory we own.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 1)
        bytes.withUnsafeBytes { raw.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        guard let r = xmlReaderForMemory(raw.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, nil,
                                         LibXML2Setup.safeOptions)
        else {
            raw.deallocate()
            throw XMLReadError(.io, "libxml2 could not create a reader", line: 1)
        }
        self.limits = limits
        self.reader = r
        self.fd = -1
        self.ownsFD = false
        self.buffer = raw
        self.bufferCount = bytes.count
        self.sink = ErrorSink()
        self.state = .allocate(capacity: 1)
        state.initialize(to: ReaderState())
        installErrorSink()
    }

    deinit {
        xmlFreeTextReader(reader)
        if fd >= 0 && ownsFD { close(fd) }
        buffer?.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The next event, or nil at the end of a well-formed document.
    /// After an error, every further call throws the same error.
    public func next() throws -> XMLEvent? {
        guard let kind = try advance() else { return nil }
        switch kind {
        case .startElement: return .startElement(name: name, line: line, depth: depth, isEmpty: isEmpty)
        case .text: return .text(text(), line: line)
        case .endElement: return .endElement(name: name, depth: depth)
        }
    }

    /// Moves to the next event like `next()`, but returns only its kind: read `name`,
    /// `depth`, `isEmpty`, `line` or `text()` for what is needed, before moving on. Makes
    /// no `XMLEvent` and no text string, which `XMLNode.build` would mostly throw away.
    public func advance() throws -> XMLEvent.Kind? {
        let s = state
        if let failure = s.pointee.failure { throw failure }
        s.pointee.textBytes = nil
        if s.pointee.pendingEnd {
            s.pointee.pendingEnd = false
            return .endElement  // `name` and `depth` are still the empty element's
        }
        if s.pointee.finished { return nil }
        do {
            return try readNode()
        } catch let e as XMLReadError {
            s.pointee.failure = e
            throw e
        }
    }

    /// The current element's local name (start or end tag).
    public var name: String { state.pointee.name }
    /// The current element's depth (1 for the root).
    public var depth: Int { state.pointee.depth }
    /// True for `<X/>`, whose end `advance()` synthesizes next.
    public var isEmpty: Bool { state.pointee.isEmpty }

    /// The line of the current start tag or text node.
    public var line: Int { currentLine() }

    /// The current text node's characters, untrimmed; "" when `advance()` did not return `.text`.
    public func text() -> String {
        guard let bytes = state.pointee.textBytes else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: state.pointee.textCount), as: UTF8.self)
    }

    /// Consumes the rest of the element whose `startElement` was just returned,
    /// through its `endElement`, without turning its text into strings (used
    /// for secrets and for subtrees nobody reads). All caps still apply.
    public func skipElement(depth: Int) throws {
        while let kind = try advance() {
            if kind == .endElement, state.pointee.depth == depth { return }
        }
    }

    /// The namespace URI of the element just returned by `startElement`, if any.
    public var namespaceURI: String? {
        guard let p = xmlTextReaderConstNamespaceUri(reader) else { return nil }
        return String(cString: p)
    }

    /// libxml2's own view of this reader's parser: whether it loads DTDs, applies
    /// their default attributes, validates, or substitutes entities. All must be
    /// off; tests pin that on live readers, whatever the options say.
    var dtdAndEntityFeatures: [String: Bool] {
        func on(_ p: xmlParserProperties) -> Bool { xmlTextReaderGetParserProp(reader, Int32(p.rawValue)) == 1 }
        return ["LOADDTD": on(XML_PARSER_LOADDTD), "DEFAULTATTRS": on(XML_PARSER_DEFAULTATTRS),
                "VALIDATE": on(XML_PARSER_VALIDATE), "SUBST_ENTITIES": on(XML_PARSER_SUBST_ENTITIES)]
    }

    // MARK: - Internals

    private func readNode() throws -> XMLEvent.Kind? {
        let s = state
        while true {
            let rc = xmlTextReaderRead(reader)
            if rc == 0 {
                s.pointee.finished = true
                return nil
            }
            if rc < 0 { throw parserError() }
            // A text node is text whether or not it is blank; `xmlTextReaderNodeType` would
            // test every one for blankness (to say WHITESPACE) only for us to treat it the same.
            let type: UInt32
            if let node = xmlTextReaderCurrentNode(reader), node.pointee.type == XML_TEXT_NODE {
                type = XML_READER_TYPE_TEXT.rawValue
            } else {
                type = UInt32(bitPattern: xmlTextReaderNodeType(reader))
            }
            switch type {
            case XML_READER_TYPE_ELEMENT.rawValue:
                s.pointee.elementCount += 1
                if s.pointee.elementCount > limits.maxElements {
                    throw XMLReadError(.limit, "more than \(limits.maxElements) elements in one document", line: currentLine())
                }
                let depth = Int(xmlTextReaderDepth(reader)) + 1
                if depth > limits.maxDepth {
                    throw XMLReadError(.limit, "elements nested deeper than \(limits.maxDepth) levels; IAM responses are shallow", line: currentLine())
                }
                s.pointee.textRun = 0
                let key = xmlTextReaderConstLocalName(reader)
                let name = key.map { s.pointee.names.name(for: $0) } ?? ""
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                if isEmpty {
                    s.pointee.pendingEnd = true
                } else if let key {
                    s.pointee.openElements.append((UnsafeRawPointer(key), name))
                }
                s.pointee.name = name
                s.pointee.depth = depth
                s.pointee.isEmpty = isEmpty
                return .startElement
            case XML_READER_TYPE_END_ELEMENT.rawValue:
                s.pointee.textRun = 0
                let key = xmlTextReaderConstLocalName(reader)
                // Normally the innermost open element; the lookup is only a fallback.
                if let open = s.pointee.openElements.popLast(), let key, open.key == UnsafeRawPointer(key) {
                    s.pointee.name = open.name
                } else {
                    s.pointee.name = key.map { s.pointee.names.name(for: $0) } ?? ""
                }
                s.pointee.depth = Int(xmlTextReaderDepth(reader)) + 1
                s.pointee.isEmpty = false
                return .endElement
            case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue,
                XML_READER_TYPE_WHITESPACE.rawValue, XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue:
                guard let value = xmlTextReaderConstValue(reader) else { continue }
                let count = strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))  // libc's is vectorized, xmlStrlen is not
                s.pointee.textRun += count
                if s.pointee.textRun > limits.maxTextBytes {
                    throw XMLReadError(.limit, "text of \(s.pointee.textRun) bytes between two tags, more than the \(limits.maxTextBytes)-byte limit", line: currentLine())
                }
                s.pointee.textBytes = value
                s.pointee.textCount = count
                return .text
            case XML_READER_TYPE_DOCUMENT_TYPE.rawValue:
                throw XMLReadError(.doctype, "DOCTYPE is not allowed in IAM responses", line: doctypeLineInProlog() ?? currentLine())
            case XML_READER_TYPE_ENTITY_REFERENCE.rawValue, XML_READER_TYPE_ENTITY.rawValue:
                let name = xmlTextReaderConstName(reader).map { String(cString: $0) } ?? "?"
                throw XMLReadError(.entityReference, "entity reference '&\(name);' is not allowed in IAM responses", line: currentLine())
            default:
                continue  // comments, processing instructions, the XML declaration
            }
        }
    }

    /// The line of the node under the cursor. The parser's own line number is
    /// its read-ahead position, so it is only a fallback (e.g. for the DTD node).
    private func currentLine() -> Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let n = xmlGetLineNo(node)
            if n > 0 { return Int(n) }
        }
        return Int(max(1, xmlTextReaderGetParserLineNumber(reader)))
    }

    /// The line of a `<!DOCTYPE` in the prolog, or nil when there is none.
    ///
    /// libxml2 keeps no line for the DTD node, and its parser line is a
    /// read-ahead position, so the prolog is scanned here. A prolog holds only
    /// the XML declaration, comments, processing instructions and whitespace,
    /// so the first 64 KiB are plenty in practice.
    private func doctypeLineInProlog() -> Int? {
        let window = 64 << 10
        var prolog = [UInt8](repeating: 0, count: window)
        let n: Int
        if let buffer {
            n = min(window, bufferCount)
            prolog.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: buffer, byteCount: n) }
        } else {
            n = prolog.withUnsafeMutableBytes { pread(fd, $0.baseAddress, window, 0) }
        }
        guard n > 0 else { return nil }
        return SafeXMLReader.doctypeLine(in: prolog[0..<n])
    }

    static func doctypeLine(in p: ArraySlice<UInt8>) -> Int? {
        var i = p.startIndex
        var line = 1
        func starts(_ s: String) -> Bool { p[i...].starts(with: s.utf8) }
        /// Moves past `terminator`, counting newlines; false when it never comes.
        func skip(past terminator: String) -> Bool {
            while i < p.endIndex {
                if starts(terminator) { i += terminator.utf8.count; return true }
                if p[i] == 10 { line += 1 }
                i += 1
            }
            return false
        }
        if starts("\u{FEFF}") { i += 3 }
        while i < p.endIndex {
            switch p[i] {
            case 10: line += 1; i += 1
            case 9, 13, 32: i += 1
            default:
                if starts("<!DOCTYPE") { return line }
                if starts("<?") { guard skip(past: "?>") else { return nil }; continue }
                if starts("<!--") { guard skip(past: "-->") else { return nil }; continue }
                return nil  // the root element (or junk): the prolog is over
            }
        }
        return nil
    }

    private func parserError() -> XMLReadError {
        // A DOCTYPE is refused anyway, and libxml2 places errors inside entity
        // text (an entity loop, say) at lines of the entity, not of the file.
        if let line = doctypeLineInProlog() {
            return XMLReadError(.doctype, "DOCTYPE is not allowed in IAM responses", line: line)
        }
        if let e = sink.first {
            // libxml2 2.9's push parser reports a file that stops inside an element
            // as "Extra content at the end of the document": say what is missing.
            if e.code == Int32(XML_ERR_DOCUMENT_END.rawValue), let inside = state.pointee.openElements.last?.name {
                return XMLReadError(.malformed, "not well-formed XML: the document ends inside <\(inside)>, expected </\(inside)> (is the file truncated?)",
                                    line: e.line, column: e.column)
            }
            return XMLReadError(.malformed, "not well-formed XML: \(e.message)", line: e.line, column: e.column)
        }
        let line = Int(max(1, xmlTextReaderGetParserLineNumber(reader)))
        return XMLReadError(.malformed, "not well-formed XML", line: line, column: Int(xmlTextReaderGetParserColumnNumber(reader)))
    }

    private func installErrorSink() {
        xmlTextReaderSetStructuredErrorHandler(reader, { ctx, err in
            guard let ctx, let err else { return }
            let sink = Unmanaged<ErrorSink>.fromOpaque(ctx).takeUnretainedValue()
            sink.record(err.pointee)
        }, Unmanaged.passUnretained(sink).toOpaque())
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// Keeps the first error libxml2 reports for one reader (warnings are ignored).
private final class ErrorSink {
    struct Entry { var message: String; var code: Int32; var line: Int; var column: Int }
    var first: Entry?

    func record(_ e: xmlError) {
        guard first == nil, e.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = e.message.map { String(cString: $0) } ?? "libxml2 error \(e.code)"
        while let last = message.last, last == "\n" || last == " " { message.removeLast() }
        first = Entry(message: message, code: e.code, line: Int(e.line), column: Int(e.int2))
    }
}
