import Synchronization
import CredLintModel
import CredLintExpr

/// What every finding of one rule shares: its id, name, the literal text of its message
/// and the names of its properties. A `Finding` holds a reference to one of these and the
/// values its message placeholders and properties had when the rule fired; the message and
/// the properties are rendered from the two only when a reporter writes that finding
/// (SARIF writes at most 5,000 of a run's findings, so most are never rendered).
///
/// One per compiled rule (`RuleProgram` makes it), shared by all of its findings. A finding
/// built by hand (tests, `InputErrorRule`) gets one of its own that renders its given text.
public final class FindingRule: Sendable {
    let id: String
    let name: String
    /// The message: literal text, and the index of a captured value for each placeholder.
    let parts: [Part]
    /// Placeholder values come first in a finding's `values`, then the properties' values
    /// in this order.
    let propertyNames: [String]
    /// How many of a finding's values are the message's.
    let messageValueCount: Int
    /// Engine messages are made full sentences when rendered (`sentence`); a hand-built
    /// finding's message is taken as given.
    let makesSentence: Bool
    /// Messages rendered from this rule so far: tests hold reporters to rendering only what
    /// they write (one uncontended atomic add per written finding).
    let messagesRendered = Atomic<Int>(0)

    /// Literal text, or the index of a captured value (the template's own layout type).
    typealias Part = MessageTemplate.Part

    init(id: String, name: String, parts: [Part], propertyNames: [String], makesSentence: Bool = true) {
        self.id = id
        self.name = name
        self.parts = parts
        self.propertyNames = propertyNames
        self.messageValueCount = parts.reduce(0) { n, p in if case .value = p { return n + 1 } else { return n } }
        self.makesSentence = makesSentence
    }

    /// A rule for one hand-built finding: its message is the first value, its properties
    /// (sorted by name) the rest.
    static func literal(id: String, name: String, propertyNames: [String]) -> FindingRule {
        FindingRule(id: id, name: name, parts: [.value(0)], propertyNames: propertyNames, makesSentence: false)
    }

    /// The message of a finding with these values.
    func message(_ values: [Value]) -> String {
        messagesRendered.add(1, ordering: .relaxed)
        var out = ""
        for p in parts {
            switch p {
            case .text(let t): out += t
            case .value(let i): out += values[i].messageText
            }
        }
        return makesSentence ? Self.sentence(out) : out
    }

    /// The properties of a finding with these values, as (name, value) pairs in the rule's
    /// order (names are unique): what writers sort and write, with no dictionary built.
    func properties(_ values: [Value]) -> [(key: String, value: String)] {
        propertyNames.indices.map { k in (propertyNames[k], values[messageValueCount + k].messageText) }
    }

    /// Messages are full sentences (SARIF shows the first sentence as the title).
    static func sentence(_ s: String) -> String {
        // Most messages already are one: check the bytes before changing anything.
        var copy = s
        let done = copy.withUTF8 { u -> Bool in
            guard let last = u.last, last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?") else {
                return false
            }
            return !u.contains(0x0A)
        }
        if done { return s }
        var t = s
        while let l = t.last, l == " " || l == "\n" { t.removeLast() }
        t = t.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
        if let l = t.last, l != "." && l != "!" && l != "?" { t += "." }
        return t
    }
}
