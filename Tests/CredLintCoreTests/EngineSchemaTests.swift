import Testing
@testable import CredLintModel
@testable import CredLintEngine

/// The field vocabulary rules can read: complete, documented, consistent.
@Suite struct EngineSchemaTests {
    @Test func everyReferencedTypeExists() {
        #expect(EngineSchema.schema.problems() == [])
        for scope in RuleDescriptor.Scope.allCases {
            for v in EngineSchema.variables(for: scope) {
                if case .object(let name) = v.type {
                    #expect(EngineSchema.schema.objectTypes[name] != nil, "scope \(scope.rawValue): \(v.name) has unknown type \(name)")
                }
            }
        }
    }

    @Test func everyFieldIsDocumented() {
        for t in EngineSchema.schema.objectTypes.values {
            #expect(!t.doc.isEmpty, "type \(t.name) has no doc")
            for f in t.fields {
                #expect(!f.doc.isEmpty, "\(t.name).\(f.name) has no doc")
                #expect(f.name.allSatisfy { $0.isLowercase || $0 == "_" || $0.isNumber }, "\(t.name).\(f.name) is not snake_case")
            }
        }
    }

    /// Rules over rows see only what is known before the report streams, so
    /// memory stays flat: row-dependent account facts are account-scope only.
    @Test func rowScopesCannotReadRowDependentAccountFacts() throws {
        let source = try RuleSource.parse(text: """
            id: XX101
            name: probe
            title: Probe
            severity: low
            scope: user
            needs: [credential_report]
            condition: size(account.usable_admins) < 2
            message: m
            tags: [security]
            docs: {what_it_does: a, why_it_matters: b, remediation: c, references: [d]}
            examples: []
            """, path: "XX101-probe.yml")
        #expect(throws: CredLintError.self) { try CompiledRule.compile(source) }
    }
}
