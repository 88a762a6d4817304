import CredLintModel

/// `.credlint.yml`: per-rule settings, break-glass designation, extra admin
/// policies, exemptions and gate defaults. Unknown keys are errors with
/// `file:line:column`, so a typo never silently disables a setting.
public struct Configuration: Sendable {
    public struct RuleSettings: Sendable {
        package var enabled: Bool?
        package var severity: Severity?
        /// Raw values, checked against the rule's params when rules are loaded.
        package var params: [String: YAMLValue]
        package var location: SourceLocation
    }

    /// One exemption as written; matched against findings by the exemption matcher.
    package struct ExemptionEntry: Sendable {
        /// One rule id or name, several, or `*` (every rule).
        package var rules: [String]
        package var principal: String
        package var slot: String?
        package var reason: String
        package var expires: Timestamp
        package var location: SourceLocation
    }

    /// Keyed by rule id or name as written; resolved against the catalogue later.
    public var rules: [String: RuleSettings] = [:]
    package var breakGlass = BreakGlassPolicy()
    package var adminPolicyARNs: [String] = []
    /// `human_oidc_providers`: OIDC provider hosts (wildcards allowed) that people sign in with.
    package var humanOIDCProviders: [String] = []
    /// `trusted_admin_accounts`: the other accounts whose trust makes an admin role usable; nil: any.
    package var trustedAdminAccounts: [String]? = nil
    package var exemptions: [ExemptionEntry] = []
    package var failOn: String?
    package var minSeverity: String?
    /// `allow_missing`: inputs an account may lack without an input error: `credential_report`,
    /// or `account` (an account an Organization folder lists but cannot lint) (`allowMissingKeys`).
    package var allowMissing: Set<String> = []
    /// `as_of`: the clock when `--as-of` is not given (default `now`).
    package var asOf: AsOfSetting?
    /// `exclude`: globs of files and folders a directory walk leaves out (added to `--exclude`).
    package var exclude: [String] = []
    package var path: String?

    /// The values `allow_missing` and `--allow-missing` take.
    package static let allowMissingKeys = ["credential_report", "account"]

    public init() {}

    package static let fileName = ".credlint.yml"

    /// The role-trust settings (`human_oidc_providers`, `trusted_admin_accounts`).
    package var roleTrust: RoleTrust.Settings {
        RoleTrust.Settings(humanOIDCProviders: humanOIDCProviders, trustedAdminAccounts: trustedAdminAccounts)
    }

    public static func parse(_ text: String, path: String) throws -> Configuration {
        guard let root = try YAMLValue.parse(text, path: path) else {
            var c = Configuration(); c.path = path; return c
        }
        var config = try parse(root)
        config.path = path
        return config
    }

    /// A configuration from an already-parsed YAML tree (also used by rule examples' `config:`).
    package static func parse(_ root: YAMLValue) throws -> Configuration {
        var config = Configuration()
        if root.isNull { return config }
        let top = try root.fields("the configuration",
                                  allowed: ["rules", "break_glass", "admin_policy_arns", "exemptions", "fail_on", "min_severity",
                                            "allow_missing", "human_oidc_providers", "trusted_admin_accounts", "exclude", "as_of"])
        if let rules = top["rules"], !rules.isNull {
            for (key, keyLoc, value) in try rules.mapping("rules") {
                let f = try value.fields("rule settings for '\(key)'", allowed: ["enabled", "severity", "params"])
                var s = RuleSettings(enabled: nil, severity: nil, params: [:], location: keyLoc)
                if let e = f["enabled"] { s.enabled = try e.bool("enabled") }
                if let sv = f["severity"] { s.severity = try Self.severity(sv) }
                if let p = f["params"], !p.isNull {
                    for (pk, _, pv) in try p.mapping("params") { s.params[pk] = pv }
                }
                config.rules[key] = s
            }
        }
        if let bg = top["break_glass"], !bg.isNull {
            let f = try bg.fields("break_glass", allowed: ["users", "tags", "use_defaults", "drill_dates"])
            let names = try f["users"].map { try $0.strings("break_glass.users") } ?? []
            var tags: [(key: String, value: String)] = []
            if let t = f["tags"], !t.isNull {
                for (k, _, v) in try t.mapping("break_glass.tags") { tags.append((k, try v.string("tag value"))) }
            }
            let useDefaults = try f["use_defaults"].map { try $0.bool("use_defaults") } ?? true
            var drills: [Timestamp] = []
            if let d = f["drill_dates"], !d.isNull {
                for item in try d.sequence("break_glass.drill_dates") {
                    drills.append(try Self.date(item, what: "a drill date"))
                }
            }
            config.breakGlass = BreakGlassPolicy(names: names, tags: tags, useDefaults: useDefaults, drillDates: drills)
        }
        if let a = top["admin_policy_arns"], !a.isNull {
            config.adminPolicyARNs = try a.strings("admin_policy_arns")
            for (i, arn) in config.adminPolicyARNs.enumerated() where !arn.hasPrefix("arn:") {
                let loc = (try? a.sequence(""))?[i].location ?? a.location
                throw CredLintError("admin_policy_arns entry '\(arn)' is not an ARN; expected arn:aws:iam::ACCOUNT:policy/NAME", at: loc)
            }
        }
        if let h = top["human_oidc_providers"], !h.isNull {
            config.humanOIDCProviders = try h.strings("human_oidc_providers")
        }
        if let t = top["trusted_admin_accounts"], !t.isNull {
            let accounts = try t.strings("trusted_admin_accounts")
            for (i, account) in accounts.enumerated()
            where account.utf8.count != 12 || !account.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                let loc = (try? t.sequence(""))?[i].location ?? t.location
                throw CredLintError("trusted_admin_accounts entry '\(account)' is not an account id; expected 12 digits", at: loc)
            }
            config.trustedAdminAccounts = accounts
        }
        if let ex = top["exemptions"], !ex.isNull {
            for item in try ex.sequence("exemptions") {
                let f = try item.fields("an exemption", allowed: ["rule", "principal", "slot", "reason", "expires"])
                let what = "an exemption"
                let reason = try f.require("reason", in: what, at: item.location).string("reason")
                if reason.trimmingSpaces.isEmpty { throw CredLintError("an exemption needs a non-empty 'reason'", at: item.location) }
                let ruleNode = try f.require("rule", in: what, at: item.location)
                let rules = ruleNode.scalar != nil ? [try ruleNode.string("rule")] : try ruleNode.strings("rule")
                if rules.isEmpty { throw CredLintError("an exemption's 'rule' list is empty; expected rule ids, names or '*'", at: ruleNode.location) }
                if rules.count > 1 && rules.contains("*") {
                    throw CredLintError("an exemption's 'rule' list has '*' and more; '*' alone already covers every rule", at: ruleNode.location)
                }
                config.exemptions.append(ExemptionEntry(
                    rules: rules,
                    principal: try f.require("principal", in: what, at: item.location).string("principal"),
                    slot: try f["slot"].map { try $0.string("slot") },
                    reason: reason,
                    expires: try Self.date(try f.require("expires", in: what, at: item.location), what: "'expires'"),
                    location: item.location))
            }
        }
        if let x = top["exclude"], !x.isNull {
            config.exclude = try x.scalar != nil ? [x.string("exclude")] : x.strings("exclude")
        }
        if let v = top["as_of"] {
            let text = try v.string("as_of")
            guard let setting = AsOfSetting(text) else {
                throw CredLintError("as_of '\(text)' is not a clock; expected \(AsOfSetting.expected)", at: v.location)
            }
            config.asOf = setting
        }
        if let v = top["fail_on"] { config.failOn = try v.string("fail_on") }
        if let v = top["min_severity"] { config.minSeverity = try v.string("min_severity") }
        if let a = top["allow_missing"], !a.isNull {
            let items = a.scalar != nil ? [a] : try a.sequence("allow_missing")
            for item in items {
                let key = try item.string("an item of allow_missing")
                guard allowMissingKeys.contains(key) else {
                    throw CredLintError("allow_missing value '\(key)' is not known; expected \(allowMissingKeys.joined(separator: ", "))",
                                        at: item.location)
                }
                config.allowMissing.insert(key)
            }
        }
        return config
    }

    static func severity(_ v: YAMLValue) throws -> Severity {
        let s = try v.string("severity")
        guard let sev = Severity(rawValue: s.lowercased()) else {
            let hint = Suggest.closest(to: s, among: Severity.allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
            throw CredLintError("unknown severity '\(s)'\(hint); expected one of critical, high, medium, low, info", at: v.location)
        }
        return sev
    }

    static func date(_ v: YAMLValue, what: String) throws -> Timestamp {
        let s = try v.string(what)
        guard let t = ISO8601.parseDateOrTimestamp(s) else {
            throw CredLintError("\(what) '\(s)' is not a date; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", at: v.location)
        }
        return t
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
