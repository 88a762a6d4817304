/// Element names as `String`s, made once per distinct name.
///
/// libxml2's reader interns names in its dictionary (`CONSTSTR`): one pointer per
/// distinct string, valid as long as the reader, so the pointer identifies the name.
/// Every call hands back the same `String` storage. An open-addressing table with a
/// multiplicative hash, because `Dictionary` runs SipHash for every start tag.
struct InternedNames {
    private var keys: [UnsafeRawPointer?] = Array(repeating: nil, count: 64)
    private var values: [String] = Array(repeating: "", count: 64)
    private var count = 0

    mutating func name(for p: UnsafePointer<UInt8>) -> String {
        let key = UnsafeRawPointer(p)
        let mask = keys.count - 1
        var i = Self.slot(key, mask)
        while let k = keys[i] {
            if k == key { return values[i] }
            i = (i + 1) & mask
        }
        let name = String(cString: p)
        keys[i] = key
        values[i] = name
        count += 1
        if count * 4 > keys.count * 3 { grow() }  // keep probes short: at most 3/4 full
        return name
    }

    private static func slot(_ key: UnsafeRawPointer, _ mask: Int) -> Int {
        let bits = UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15  // Fibonacci hashing: top bits are mixed
        return Int(truncatingIfNeeded: bits >> 32) & mask
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: nil, count: oldKeys.count * 2)
        values = Array(repeating: "", count: oldKeys.count * 2)
        let mask = keys.count - 1
        for (k, v) in zip(oldKeys, oldValues) {
            guard let k else { continue }
            var i = Self.slot(k, mask)
            while keys[i] != nil { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v
        }
    }
}
