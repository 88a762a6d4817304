/// The credential report's header, resolved: which CSV field holds each known column.
///
/// Columns are found by name, case-insensitively (moto may write `User`),
/// never by position. The 16 columns of the old layout are required; the six
/// `access_key_N_last_used_*` columns are optional; unknown columns are
/// tolerated with a note.
public struct CredentialReportColumns: Sendable, Equatable {
    /// The columns credlint knows, in the current 22-column order.
    package enum Column: Int, CaseIterable, Sendable {
        case user, arn, userCreationTime, passwordEnabled, passwordLastUsed, passwordLastChanged
        case passwordNextRotation, mfaActive
        case accessKey1Active, accessKey1LastRotated, accessKey1LastUsedDate, accessKey1LastUsedRegion
        case accessKey1LastUsedService
        case accessKey2Active, accessKey2LastRotated, accessKey2LastUsedDate, accessKey2LastUsedRegion
        case accessKey2LastUsedService
        case cert1Active, cert1LastRotated, cert2Active, cert2LastRotated

        /// The header name as AWS writes it.
        package var name: String { CredentialReportColumns.currentHeader[rawValue] }

        /// Only the `access_key_N_last_used_*` columns may be missing (older reports lack them).
        package var isRequired: Bool {
            switch self {
            case .accessKey1LastUsedDate, .accessKey1LastUsedRegion, .accessKey1LastUsedService,
                 .accessKey2LastUsedDate, .accessKey2LastUsedRegion, .accessKey2LastUsedService:
                return false
            default:
                return true
            }
        }
    }

    /// Which known layout the header matches exactly (names and order).
    public enum Layout: String, Sendable {
        /// The current 22 columns.
        case current
        /// The older 16 columns, without `access_key_N_last_used_*`.
        case legacy
        /// Anything else that still has the required columns (reordered, extra columns, some optional ones).
        case custom

        package var columnCount: Int? {
            switch self {
            case .current: return 22
            case .legacy: return 16
            case .custom: return nil
            }
        }
    }

    public static let currentHeader = [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
        "password_next_rotation", "mfa_active",
        "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
        "access_key_1_last_used_region", "access_key_1_last_used_service",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
        "access_key_2_last_used_region", "access_key_2_last_used_service",
        "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    ]

    package static let legacyHeader = Column.allCases.filter(\.isRequired).map(\.name)

    /// The header's names as written in the file.
    package var names: [String]
    /// For each `Column` (by raw value), its field index, or -1 when absent (optional columns only).
    package var fieldIndex: [Int]
    package var layout: Layout
    /// Header names credlint does not know (kept, ignored).
    package var unknown: [String]

    package var count: Int { names.count }

    package func index(of column: Column) -> Int? {
        let i = fieldIndex[column.rawValue]
        return i >= 0 ? i : nil
    }

    /// Resolves a header record. Throws on a missing required column or a duplicated column;
    /// adds one note naming any unknown columns.
    package init(header: CSVRecord, notes: inout [Note]) throws {
        var names: [String] = []
        names.reserveCapacity(header.count)
        var lowered: [String] = []
        lowered.reserveCapacity(header.count)
        for i in 0..<header.count {
            let n = header.string(i)
            names.append(n)
            lowered.append(CredentialReportColumns.asciiLowercased(n))
        }
        var firstSeen: [String: Int] = [:]
        for (i, n) in lowered.enumerated() {
            if let j = firstSeen[n] {
                throw CredLintError(
                    "header has '\(names[i])' twice (columns \(j + 1) and \(i + 1)); expected each column once",
                    at: header.location(ofField: i))
            }
            firstSeen[n] = i
        }
        var fieldIndex = [Int](repeating: -1, count: Column.allCases.count)
        var missing: [String] = []
        for c in Column.allCases {
            if let i = firstSeen[c.name] {
                fieldIndex[c.rawValue] = i
            } else if c.isRequired {
                missing.append(c.name)
            }
        }
        if !missing.isEmpty {
            let list = missing.map { "'\($0)'" }.joined(separator: ", ")
            let what = missing.count == 1 ? "header has no \(list) column" : "header has no \(list) columns"
            throw CredLintError(
                "\(what); expected the IAM credential report header (user,arn,user_creation_time,...)",
                at: header.location(ofField: 0))
        }
        let known = Set(CredentialReportColumns.currentHeader)
        let unknownIndices = lowered.indices.filter { !known.contains(lowered[$0]) }
        let unknown = unknownIndices.map { names[$0] }
        if let first = unknownIndices.first {
            let list = unknown.map { "'\($0)'" }.joined(separator: ", ")
            notes.append(Note("header has \(unknown.count == 1 ? "an unknown column" : "unknown columns") \(list); "
                              + "ignored", at: header.location(ofField: first)))
        }
        let layout: Layout
        if lowered == CredentialReportColumns.currentHeader {
            layout = .current
        } else if lowered == CredentialReportColumns.legacyHeader {
            layout = .legacy
        } else {
            layout = .custom
        }
        self.names = names
        self.fieldIndex = fieldIndex
        self.layout = layout
        self.unknown = unknown
    }

    static func asciiLowercased(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return s }
        return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
