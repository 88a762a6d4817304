/// The object types an expression may navigate. The engine registers them;
/// this module knows nothing of users or keys.
public struct ExprSchema: Sendable {
    package let objectTypes: [String: ObjectTypeDefinition]

    package init(_ types: [ObjectTypeDefinition]) {
        var map: [String: ObjectTypeDefinition] = [:]
        for t in types {
            precondition(map[t.name] == nil, "object type \(t.name) defined twice")
            map[t.name] = t
        }
        objectTypes = map
    }

    package func field(_ name: String, of typeName: String) -> FieldDefinition? {
        objectTypes[typeName]?.field(name)
    }

    /// Schema mistakes (a field whose type names an unregistered object type),
    /// one line each; empty when the schema is consistent. For the engine's tests.
    package func problems() -> [String] {
        var out: [String] = []
        func check(_ t: ExprType, _ where_: String) {
            switch t {
            case .object(let n) where objectTypes[n] == nil: out.append("\(where_): unknown object type '\(n)'")
            case .list(let e): check(e, where_)
            default: break
            }
        }
        for t in objectTypes.values.sorted(by: { $0.name < $1.name }) {
            for f in t.fields { check(f.type, "\(t.name).\(f.name)") }
        }
        return out
    }
}
