import CZlib

/// Inputs that are a report in another wrapping: UTF-16 with a byte-order mark (what
/// PowerShell's `>` writes) and gzip (an archived collection). Skipping them as
/// "binary" let a gate pass with no data; they are decoded to their plain UTF-8 form
/// and read like it.
enum InputEncoding: Equatable {
    case utf16LE, utf16BE, gzip

    /// The wrapping `head` (the first bytes of an input) starts with, nil for plain bytes.
    static func of<C: Collection>(_ head: C) -> InputEncoding? where C.Element == UInt8 {
        var i = head.makeIterator()
        guard let a = i.next(), let b = i.next() else { return nil }
        switch (a, b) {
        case (0xFF, 0xFE): return .utf16LE
        case (0xFE, 0xFF): return .utf16BE
        case (0x1F, 0x8B): return .gzip
        default: return nil
        }
    }

    /// What it says in error messages.
    var name: String {
        switch self {
        case .utf16LE: "UTF-16 (little-endian)"
        case .utf16BE: "UTF-16 (big-endian)"
        case .gzip: "gzip"
        }
    }

    /// The plain bytes of `raw`, at most `limit` of them (a small gzip can expand to
    /// gigabytes). `complete: false` decodes only what `raw` holds (the head of a file,
    /// to judge it before reading the rest): a cut-off stream is not an error then.
    /// A gzip of UTF-16 is unwrapped twice.
    static func decode(_ raw: [UInt8], limit: Int, path: String, complete: Bool = true,
                       hint: String = "raise it with --max-input-size") throws -> [UInt8] {
        guard let encoding = of(raw) else { return raw }
        let plain: [UInt8]
        switch encoding {
        case .utf16LE, .utf16BE:
            plain = try utf16(raw.dropFirst(2), bigEndian: encoding == .utf16BE, path: path, complete: complete)
        case .gzip:
            plain = try gunzip(raw, limit: limit, path: path, complete: complete, hint: hint)
        }
        if plain.count > limit && complete {
            throw CredLintError("input is larger than \(limit) bytes once decoded from \(encoding.name) (\(hint))", path: path)
        }
        let inner = of(plain) == nil || of(plain) == encoding ? plain : try decode(plain, limit: limit, path: path, complete: complete, hint: hint)
        return complete ? inner : Array(inner.prefix(limit))
    }

    private static func utf16(_ body: ArraySlice<UInt8>, bigEndian: Bool, path: String, complete: Bool) throws -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var i = body.startIndex
        while i + 1 < body.endIndex {
            let (a, b) = (UInt16(body[i]), UInt16(body[i + 1]))
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        if complete && i != body.endIndex {
            throw CredLintError("UTF-16 input has an odd number of bytes; expected whole 16-bit units", path: path)
        }
        // A head cut in the middle of a surrogate pair: leave the half out.
        if !complete, let last = units.last, UTF16.isLeadSurrogate(last) { units.removeLast() }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) { out.append($0) }
        if failed { throw CredLintError("UTF-16 input has an unpaired surrogate; expected valid UTF-16", path: path) }
        return out
    }

    private static func gunzip(_ raw: [UInt8], limit: Int, path: String, complete: Bool, hint: String) throws -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflate_init(&stream) == Z_OK else { throw CredLintError("cannot start gzip decompression", path: path) }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        return try ZlibPump.run(&stream, input: raw, step: { inflate(&$0, Z_NO_FLUSH) }) { produced, status, stream in
            out.append(contentsOf: produced)
            if out.count > limit {
                if !complete { return out }
                throw CredLintError("input is larger than \(limit) bytes once decompressed (\(hint))", path: path)
            }
            switch status {
            case Z_STREAM_END:
                // Concatenated gzip members (`cat a.gz b.gz`) are one stream, as gunzip reads them.
                if stream.avail_in == 0 { return out }
                guard inflateReset(&stream) == Z_OK else { throw CredLintError("cannot continue gzip decompression", path: path) }
                return nil
            case Z_OK:
                return nil
            case Z_BUF_ERROR where stream.avail_in == 0:
                if !complete { return out }
                throw CredLintError("gzip input ends early; expected a complete gzip file", path: path)
            default:
                if !complete && stream.avail_in == 0 { return out }
                let why = stream.msg.map { String(cString: $0) } ?? "corrupt data"
                throw CredLintError("gzip input is damaged (\(why)); expected a complete gzip file", path: path)
            }
        }
    }
}
