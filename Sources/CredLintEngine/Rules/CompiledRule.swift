import CredLintModel
import CredLintExpr

/// A rule ready to run: its metadata plus the compiled condition, message and
/// properties. Compiled once per run; evaluation does no parsing.
public struct CompiledRule: Sendable {
    public var descriptor: RuleDescriptor
    package var enabled: Bool
    package let source: RuleSource
    let condition: CompiledExpression
    let message: MessageTemplate
    let properties: [(name: String, expr: CompiledExpression)]
    package let params: [String: Value]

    public var id: String { descriptor.id }

    /// Compiles `source` with its param defaults overridden by `settings`.
    package static func compile(_ source: RuleSource, settings: Configuration.RuleSettings? = nil,
                               paramOverrides: [String: RuleSource.ParamValue] = [:]) throws -> CompiledRule {
        var descriptor = source.descriptor
        var params = source.paramDefaults
        if let settings {
            if let s = settings.severity { descriptor.severity = s }
            for (name, raw) in settings.params {
                guard let def = params[name] else {
                    let hint = Suggest.closest(to: name, among: Array(params.keys)).map { " (did you mean '\($0)'?)" } ?? ""
                    throw CredLintError("rule \(descriptor.id) has no param '\(name)'\(hint)", at: raw.location)
                }
                params[name] = try Self.coerce(raw, like: def, name: name)
            }
        }
        for (k, v) in paramOverrides { params[k] = v }
        var values: [String: Value] = [:]
        for (k, v) in params {
            switch v {
            case .int(let i): values[k] = .int(i)
            case .bool(let b): values[k] = .bool(b)
            case .string(let s): values[k] = .string(s)
            case .duration(let d): values[k] = .duration(d)
            }
        }
        let env = ExprEnvironment(schema: EngineSchema.schema, variables: EngineSchema.variables(for: descriptor.scope), params: values)
        func locate(_ e: ExprError, _ s: RuleSource.Snippet) -> CredLintError {
            CredLintError(e.message, at: s.map.location(line: e.line, column: e.column, in: s.text))
        }
        let condition: CompiledExpression
        do { condition = try ExprCompiler.compile(source.condition.text, in: env) } catch { throw locate(error, source.condition) }
        guard condition.type == .bool || condition.type == .null else {
            throw CredLintError("condition must be a boolean expression, found \(condition.type)",
                                at: source.condition.map.location(line: 1, column: 1, in: source.condition.text))
        }
        let message: MessageTemplate
        do { message = try MessageTemplate.compile(source.message.text, in: env) } catch { throw locate(error, source.message) }
        var props: [(String, CompiledExpression)] = []
        for (name, snippet) in source.properties {
            do { props.append((name, try ExprCompiler.compile(snippet.text, in: env))) } catch { throw locate(error, snippet) }
        }
        return CompiledRule(descriptor: descriptor, enabled: settings?.enabled ?? true, source: source,
                            condition: condition, message: message, properties: props, params: values)
    }

    static func coerce(_ v: YAMLValue, like def: RuleSource.ParamValue, name: String) throws -> RuleSource.ParamValue {
        let got = try RuleSource.paramValue(v)
        switch (def, got) {
        case (.int, .int), (.bool, .bool), (.string, .string), (.duration, .duration): return got
        case (.duration, .int(let i)):
            // A bare number means days; one that does not fit a duration is an error, not an overflow trap.
            let (micros, overflow) = i.multipliedReportingOverflow(by: 86_400_000_000)
            if overflow {
                throw CredLintError("param '\(name)' is \(i) days, more than a duration can hold; expected at most "
                                    + "\(Int64.max / 86_400_000_000) days", at: v.location)
            }
            return .duration(TimeSpan(micros: micros))
        default:
            throw CredLintError("param '\(name)' must be \(Self.kindName(def)) like its default '\(def.asString)', found '\(got.asString)'", at: v.location)
        }
    }

    static func kindName(_ v: RuleSource.ParamValue) -> String {
        switch v { case .int: "an integer"; case .bool: "true or false"; case .string: "a string"; case .duration: "a duration (e.g. 45d)" }
    }
}
