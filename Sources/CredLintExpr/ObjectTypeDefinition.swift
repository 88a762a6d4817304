/// An object type the engine exposes to rules (`User`, `AccessKey`, ...).
package struct ObjectTypeDefinition: Sendable {
    package var name: String
    package var doc: String
    /// In documentation order.
    package let fields: [FieldDefinition]
    private let index: [String: Int]

    package init(name: String, doc: String = "", fields: [FieldDefinition]) {
        self.name = name
        self.doc = doc
        self.fields = fields
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() {
            precondition(index[f.name] == nil, "field \(name).\(f.name) defined twice")
            index[f.name] = i
        }
        self.index = index
    }

    package func field(_ name: String) -> FieldDefinition? { index[name].map { fields[$0] } }
}
