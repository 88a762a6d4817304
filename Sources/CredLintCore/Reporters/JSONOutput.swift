import Foundation

/// Deterministic JSON bytes for SARIF, JSON output and baselines.
///
/// `JSONEncoder` sorts keys and leaves `/` unescaped; its own pretty printer
/// differs between platforms (`"k" : v`, empty arrays as `[\n\n]`), so the
/// compact output is re-indented here: two spaces, `"k": v`, `[]` and `{}`
/// when empty, trailing newline. String tokens are copied byte for byte.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return prettyPrint([UInt8](try encoder.encode(value)))
        } catch {
            // Only reachable for non-finite floats, which these types never hold.
            preconditionFailure("JSON encoding failed: \(error)")
        }
    }

    static func prettyPrint(_ compact: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(compact.count * 2)
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        compact.withUnsafeBufferPointer { p in
            var depth = 0
            var i = 0
            let n = p.count
            func newline() {
                out.append(UInt8(ascii: "\n"))
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
            }
            while i < n {
                let c = p[i]
                switch c {
                case quote:
                    // Copy the whole string token at once, escapes included.
                    var j = i + 1
                    while j < n, p[j] != quote { j += p[j] == backslash ? 2 : 1 }
                    j = min(j, n - 1)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i...j]))
                    i = j
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if i + 1 < n, p[i + 1] == close {
                        out.append(c); out.append(close); i += 1
                    } else {
                        out.append(c); depth += 1; newline()
                    }
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1; newline(); out.append(c)
                case UInt8(ascii: ","):
                    out.append(c); newline()
                case UInt8(ascii: ":"):
                    out.append(c); out.append(UInt8(ascii: " "))
                default:
                    out.append(c)
                }
                i += 1
            }
        }
        out.append(UInt8(ascii: "\n"))
        return out
    }
}
