/// SARIF 2.1.0 for GitHub code scanning: one run per file, every enabled rule
/// described, identity-based fingerprints, repo-relative URIs, `results: []`
/// when clean. See docs/output-formats.md.
public enum SARIFReporter {
    public static func render(_ report: LintReport, options: ReportOptions = ReportOptions()) -> [UInt8] {
        JSONOutput.encode(log(report, options: options))
    }

    /// `credlint/<account-id>/` for a one-account report, `credlint/` otherwise,
    /// or the `--category` override (with a trailing `/`, so all of it is the category).
    public static func automationID(_ report: LintReport, options: ReportOptions) -> String {
        if let c = options.sarifCategory, !c.isEmpty { return c.hasSuffix("/") ? c : c + "/" }
        let ids = Set(report.accounts.map(\.accountID))
        return ids.count == 1 ? "credlint/\(ids.first!)/" : "credlint/"
    }

    static func log(_ report: LintReport, options: ReportOptions) -> SARIF.Log {
        let view = ReportView(report, options)
        let shown = view.shownFindings
        let limit = max(0, options.maxResults)
        var kept = shown
        if shown.count > limit {
            // Keep what matters most: open before exempted, then highest severity.
            kept = Array(shown.sorted { a, b in
                if a.isOpen != b.isOpen { return a.isOpen }
                if a.severity != b.severity { return a.severity > b.severity }
                return Finding.outputOrder(a, b)
            }.prefix(limit)).sorted(by: Finding.outputOrder)
        }

        var notifications: [SARIF.Notification] = []
        for account in view.accounts {
            for s in account.skipped {
                notifications.append(SARIF.Notification(
                    level: "note",
                    message: .init(text: sentence("Rule \(view.ruleLabel(s.ruleID)) was skipped for account \(account.result.accountID): \(s.reason)")),
                    associatedRule: .init(id: s.ruleID, index: view.ruleIndex[s.ruleID]), locations: nil))
            }
            for n in account.notes {
                notifications.append(note(n, level: "note", prefix: "Account \(account.result.accountID): "))
            }
        }
        for n in view.notes { notifications.append(note(n, level: "note", prefix: "")) }
        for e in view.expired {
            notifications.append(note(Note(view.expiredText(e), at: e.location), level: "warning", prefix: ""))
        }
        for e in view.stale {
            notifications.append(note(Note(view.staleText(e), at: e.location), level: "note", prefix: ""))
        }
        if kept.count < shown.count {
            notifications.append(SARIF.Notification(
                level: "warning",
                message: .init(text: "Results truncated: the \(kept.count) highest-severity of \(shown.count) findings are included (maximum \(limit) per run); the JSON output has all of them."),
                associatedRule: nil, locations: nil))
        }

        let run = SARIF.Run(
            tool: .init(driver: .init(name: "credlint", semanticVersion: report.toolVersion, version: report.toolVersion,
                                      informationUri: CredLintVersion.informationURI,
                                      rules: view.rules.map(descriptor))),
            automationDetails: .init(id: automationID(report, options: options)),
            invocations: [.init(executionSuccessful: true, toolExecutionNotifications: notifications)],
            results: kept.map { result($0, view: view) })
        return SARIF.Log(runs: [run])
    }

    static func result(_ f: Finding, view: ReportView) -> SARIF.Result {
        var properties = f.properties
        properties["accountId"] = f.accountID
        properties["principal"] = f.principal
        properties["slot"] = f.slot
        properties["severity"] = f.severity.rawValue
        let fingerprint = f.fingerprint
        let uri = URIReference.uri(f.location.path) ?? "credential-report/\(URIReference.encode(f.accountID)).csv"
        let location = SARIF.Location(
            physicalLocation: .init(artifactLocation: .init(uri: uri),
                                    region: .init(startLine: max(1, f.location.line), startColumn: max(1, f.location.column))),
            logicalLocations: [.init(name: f.principalName.isEmpty ? f.principal : f.principalName,
                                     fullyQualifiedName: f.principal, kind: "resource")])
        let suppressions = f.suppression.map { s in
            [SARIF.Suppression(justification: s.reason, location: physical(s.source).map { SARIF.Location(physicalLocation: $0) },
                               properties: ["expires": s.expires.iso8601])]
        }
        return SARIF.Result(
            ruleId: f.ruleID, ruleIndex: view.ruleIndex[f.ruleID] ?? 0, level: f.severity.sarifLevel,
            message: .init(text: sentence(f.message)), locations: [location],
            partialFingerprints: ["primaryLocationLineHash": fingerprint, "credlint/v1": fingerprint],
            properties: properties, suppressions: suppressions, baselineState: f.baselineState?.rawValue)
    }

    static func descriptor(_ r: RuleDescriptor) -> SARIF.ReportingDescriptor {
        let title = r.title.isEmpty ? (r.name.isEmpty ? r.id : r.name) : r.title
        let full = PlainText.oneParagraph(r.whatItDoes, limit: 1024)
        var tags = ["security"]
        for t in r.tags where !tags.contains(t) { tags.append(t) }
        return SARIF.ReportingDescriptor(
            id: r.id,
            name: pascalCase(r.name.isEmpty ? r.id : r.name),
            shortDescription: .init(text: String(title.prefix(1024))),
            fullDescription: .init(text: full.isEmpty ? sentence(title) : full),
            help: help(r, title: title),
            helpUri: helpURI(r),
            defaultConfiguration: .init(level: r.severity.sarifLevel),
            properties: .init(tags: Array(tags.prefix(20)), precision: "very-high",
                              securitySeverity: r.severity.securitySeverity,
                              problemSeverity: r.severity == .info ? "recommendation" : nil))
    }

    /// The rule's `help_uri`, or its rule file in the credlint repository.
    static func helpURI(_ r: RuleDescriptor) -> String {
        r.helpURI.isEmpty ? "\(CredLintVersion.informationURI)/blob/main/rules/\(r.id)-\(r.name).yml" : r.helpURI
    }

    static func help(_ r: RuleDescriptor, title: String) -> SARIF.MultiformatMessage {
        let sections: [(String, String)] = [
            ("What it does", r.whatItDoes), ("Why it matters", r.whyItMatters), ("Remediation", r.remediation),
            ("References", r.references.map { "- \($0)" }.joined(separator: "\n")),
        ].filter { !$0.1.trimmingBlankLines().isEmpty }
        guard !sections.isEmpty else { return .init(text: sentence(title), markdown: sentence(title)) }
        let markdown = sections.map { "## \($0.0)\n\n\($0.1.trimmingBlankLines())" }.joined(separator: "\n\n")
        let text = sections.map { "\($0.0):\n\(PlainText.fromMarkdown($0.1))" }.joined(separator: "\n\n")
        return .init(text: text, markdown: markdown)
    }

    static func note(_ n: Note, level: String, prefix: String) -> SARIF.Notification {
        SARIF.Notification(level: level, message: .init(text: sentence(capitalized(prefix + n.message))), associatedRule: nil,
                           locations: n.location.flatMap(physical).map { [SARIF.Location(physicalLocation: $0)] })
    }

    static func physical(_ l: SourceLocation) -> SARIF.PhysicalLocation? {
        URIReference.uri(l.path).map {
            SARIF.PhysicalLocation(artifactLocation: .init(uri: $0), region: .init(startLine: max(1, l.line), startColumn: max(1, l.column)))
        }
    }

    /// `access-key-unused` → `AccessKeyUnused` (SARIF2012: rule names in PascalCase).
    static func pascalCase(_ kebab: String) -> String {
        kebab.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Notes are written lower-case first ("unknown column ..."); notifications read as sentences.
    static func capitalized(_ s: String) -> String {
        guard let first = s.first, first.isLowercase else { return s }
        return first.uppercased() + s.dropFirst()
    }

    /// GitHub uses the first sentence of `message.text` as the alert title (SARIF2001).
    static func sentence(_ s: String) -> String {
        let t = s.trimmingBlankLines()
        guard let last = t.last else { return "." }
        return ".!?".contains(last) ? t : t + "."
    }
}
