import CredLintEngine

extension ReportView {
    /// An account's findings that the report shows (`ReportOptions.shows`), in output order,
    /// optionally of one severity only: `AccountResult.orderedFindings` filtered as it is read.
    /// Its iterator is a value, like the one it wraps: copy it to keep a second position.
    struct ShownFindings: Sequence {
        let all: OrderedFindings
        /// False when the tally says every finding is shown: nothing to test.
        let hidden: Bool
        let options: ReportOptions
        /// Only findings of this severity: the ones above it are read past, and the first
        /// one below it ends the pass.
        var severity: Severity? = nil

        func makeIterator() -> Iterator {
            Iterator(base: all.makeIterator(), hidden: hidden, options: options, severity: severity)
        }

        struct Iterator: IteratorProtocol {
            fileprivate var base: OrderedFindings.Iterator
            fileprivate let hidden: Bool
            fileprivate let options: ReportOptions
            fileprivate let severity: Severity?
            fileprivate var done = false

            fileprivate init(base: OrderedFindings.Iterator, hidden: Bool, options: ReportOptions, severity: Severity?) {
                self.base = base; self.hidden = hidden; self.options = options; self.severity = severity
            }

            mutating func next() -> Finding? {
                guard !done else { return nil }
                while let f = base.next() {
                    if let s = severity, f.severity != s {
                        if f.severity > s { continue }
                        break
                    }
                    if !hidden || options.shows(f) { return f }
                }
                done = true
                return nil
            }
        }
    }
}
