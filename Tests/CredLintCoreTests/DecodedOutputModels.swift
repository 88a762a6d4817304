import Foundation
@testable import CredLintEngine
@testable import CredLintReport

// Typed readers of what the JSON and SARIF reporters write: the tests decode the output
// with these (`JSONDecoder`), so a value of the wrong JSON type, a missing required key or
// a misspelt one fails a test. The reporters themselves write through `JSONWriter`; these
// are the tests' own model of the documents, not the writers'.

/// The subset of the SARIF 2.1.0 object model credlint writes.
enum SARIF {
    static let schemaURI = SARIFReporter.schemaURI
    static let version = SARIFReporter.sarifVersion

    struct Log: Decodable, Equatable {
        var schema = SARIF.schemaURI
        var version = SARIF.version
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Decodable, Equatable {
        var tool: Tool
        var automationDetails: AutomationDetails
        var invocations: [Invocation]
        var columnKind = "unicodeCodePoints"
        var results: [Result]
    }

    struct Tool: Decodable, Equatable { var driver: Driver }

    struct Driver: Decodable, Equatable {
        var name: String
        var semanticVersion: String
        var version: String
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    struct AutomationDetails: Decodable, Equatable { var id: String }

    struct Message: Decodable, Equatable { var text: String }

    struct MultiformatMessage: Decodable, Equatable {
        var text: String
        var markdown: String
    }

    struct ReportingDescriptor: Decodable, Equatable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: MultiformatMessage
        var helpUri: String?
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Configuration: Decodable, Equatable { var level: String }

    struct RuleProperties: Decodable, Equatable {
        var tags: [String]
        var precision: String
        var securitySeverity: String?
        var problemSeverity: String?
        enum CodingKeys: String, CodingKey {
            case tags, precision, securitySeverity = "security-severity", problemSeverity = "problem.severity"
        }
    }

    struct Result: Decodable, Equatable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var kind = "fail"
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: [String: String]
        var suppressions: [Suppression]?
        var baselineState: String?
    }

    struct Location: Decodable, Equatable {
        var physicalLocation: PhysicalLocation?
        var logicalLocations: [LogicalLocation]?
    }

    struct PhysicalLocation: Decodable, Equatable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Decodable, Equatable { var uri: String }

    struct Region: Decodable, Equatable {
        var startLine: Int
        var startColumn: Int
    }

    struct LogicalLocation: Decodable, Equatable {
        var name: String
        var fullyQualifiedName: String
        var kind: String
    }

    struct Suppression: Decodable, Equatable {
        var kind = "external"
        var status = "accepted"
        var justification: String
        var location: Location?
        var properties: [String: String]?
    }

    struct Invocation: Decodable, Equatable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
        /// `asOf` and `asOfSource`: the clock the run measured ages against (one value per
        /// account, `ID=value` joined by `, `, when the accounts differ).
        var properties: [String: String]?
    }

    struct Notification: Decodable, Equatable {
        var level: String
        var message: Message
        var associatedRule: ReportingDescriptorReference?
        var locations: [Location]?
    }

    struct ReportingDescriptorReference: Decodable, Equatable {
        var id: String
        var index: Int?
    }
}

extension JSONReporter {
    struct Document: Decodable, Equatable {
        /// The schema the document follows (`credlint schema`, `JSONOutputSchema`).
        var schema = JSONOutputSchema.id
        var version: Int
        var tool: Tool
        var filters: Filters
        var rules: [Rule]
        var accounts: [Account]
        var findings: [FindingJSON]
        var notes: [NoteJSON]
        var exemptions: Exemptions
        var baseline: Baseline?
        var summary: Summary
        var organization: Organization?

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, tool, filters, rules, accounts, findings, notes, exemptions, baseline, summary, organization
        }
    }
    struct Organization: Decodable, Equatable {
        var organizationId: String?
        var managementAccountId: String?
        var missingAccounts: [MissingAccount]
        var missingAllowedBy: String?
    }
    struct MissingAccount: Decodable, Equatable { var accountId: String; var label: String?; var reason: String }

    struct Tool: Decodable, Equatable { var name: String; var version: String }
    struct Filters: Decodable, Equatable {
        var minSeverity: String?
        var includeSuppressed: Bool
        var includeUnchanged: Bool
    }
    struct Rule: Decodable, Equatable {
        var id: String; var name: String; var title: String; var severity: String; var scope: String; var helpUri: String
    }
    struct Account: Decodable, Equatable {
        var accountId: String
        var asOf: String
        var asOfSource: String
        var inputs: [String]
        var rowsRead: Int
        var reportGeneratedTime: String?
        var skippedRules: [Skipped]
        var notes: [NoteJSON]
        var counts: Counts
        var accountName: String?
        var ouPath: String?
    }
    struct Skipped: Decodable, Equatable { var ruleId: String; var ruleName: String; var reason: String }
    struct LocationJSON: Decodable, Equatable { var path: String; var line: Int; var column: Int }
    struct NoteJSON: Decodable, Equatable { var message: String; var location: LocationJSON? }
    struct SuppressionJSON: Decodable, Equatable { var reason: String; var expires: String; var source: LocationJSON }
    struct FindingJSON: Decodable, Equatable {
        var fingerprint: String
        var ruleId: String
        var ruleName: String
        var severity: String
        var message: String
        var accountId: String
        var principal: String
        var principalName: String
        var slot: String
        var location: LocationJSON
        var properties: [String: String]
        var suppression: SuppressionJSON?
        var baselineState: String?
    }
    struct ExemptionJSON: Decodable, Equatable {
        var rule: String; var principal: String; var slot: String?; var reason: String; var expires: String
        var location: LocationJSON
    }
    struct Exemptions: Decodable, Equatable { var expired: [ExemptionJSON]; var stale: [ExemptionJSON] }
    struct Baseline: Decodable, Equatable { var path: String; var entries: Int; var absent: Int }
    struct BySeverity: Decodable, Equatable { var critical, high, medium, low, info: Int }
    struct Counts: Decodable, Equatable {
        var findings: Int
        var bySeverity: BySeverity
        var suppressed: Int
        var unchanged: Int
        var belowMinSeverity: Int
        var rulesSkipped: Int
    }
    struct Summary: Decodable, Equatable {
        var accounts: Int
        var rowsRead: Int
        var counts: Counts
        var expiredExemptions: Int
        var staleExemptions: Int
    }

}
