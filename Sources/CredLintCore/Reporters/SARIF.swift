/// The subset of the SARIF 2.1.0 object model credlint writes, as typed
/// `Codable` structs so every value has the JSON type the schema demands
/// (SwiftLint's dictionary-based writer once emitted `startColumn` as a string).
/// Optional properties left nil are omitted.
enum SARIF {
    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    static let version = "2.1.0"

    struct Log: Codable, Equatable {
        var schema = SARIF.schemaURI
        var version = SARIF.version
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Codable, Equatable {
        var tool: Tool
        var automationDetails: AutomationDetails
        var invocations: [Invocation]
        var columnKind = "unicodeCodePoints"
        var results: [Result]
    }

    struct Tool: Codable, Equatable { var driver: Driver }

    struct Driver: Codable, Equatable {
        var name: String
        var semanticVersion: String
        var version: String
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    struct AutomationDetails: Codable, Equatable { var id: String }

    struct Message: Codable, Equatable { var text: String }

    struct MultiformatMessage: Codable, Equatable {
        var text: String
        var markdown: String
    }

    struct ReportingDescriptor: Codable, Equatable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: MultiformatMessage
        var helpUri: String?
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Configuration: Codable, Equatable { var level: String }

    struct RuleProperties: Codable, Equatable {
        var tags: [String]
        var precision: String
        var securitySeverity: String?
        var problemSeverity: String?
        enum CodingKeys: String, CodingKey {
            case tags, precision, securitySeverity = "security-severity", problemSeverity = "problem.severity"
        }
    }

    struct Result: Codable, Equatable {
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

    struct Location: Codable, Equatable {
        var physicalLocation: PhysicalLocation?
        var logicalLocations: [LogicalLocation]?
    }

    struct PhysicalLocation: Codable, Equatable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Codable, Equatable { var uri: String }

    struct Region: Codable, Equatable {
        var startLine: Int
        var startColumn: Int
    }

    struct LogicalLocation: Codable, Equatable {
        var name: String
        var fullyQualifiedName: String
        var kind: String
    }

    struct Suppression: Codable, Equatable {
        var kind = "external"
        var status = "accepted"
        var justification: String
        var location: Location?
        var properties: [String: String]?
    }

    struct Invocation: Codable, Equatable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
        /// `asOf` and `asOfSource`: the clock the run measured ages against (one value per
        /// account, `ID=value` joined by `, `, when the accounts differ).
        var properties: [String: String]?
    }

    struct Notification: Codable, Equatable {
        var level: String
        var message: Message
        var associatedRule: ReportingDescriptorReference?
        var locations: [Location]?
    }

    struct ReportingDescriptorReference: Codable, Equatable {
        var id: String
        var index: Int?
    }
}
