/// An object type the engine exposes to rules (`User`, `AccessKey`, ...).
public struct ObjectTypeDefinition: Sendable {
    public var name: String
    public var doc: String
    /// In documentation order.
    public let fields: [FieldDefinition]
    private let index: [String: Int]

    public init(name: String, doc: String = "", fields: [FieldDefinition]) {
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

    public func field(_ name: String) -> FieldDefinition? { index[name].map { fields[$0] } }
}
