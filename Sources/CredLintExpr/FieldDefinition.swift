/// One field of an object type: its name as rules write it, its type, a line
/// of documentation (for `fields.md`) and the accessor that reads it.
///
/// The accessor is bound into compiled expressions at compile time, so reading
/// a field at run time is one closure call with no name lookup. It runs on
/// every read: return stored `Value`s (lists especially) rather than building them.
package struct FieldDefinition: Sendable {
    package var name: String
    package var type: ExprType
    package var doc: String
    package var get: @Sendable (ObjectRef) -> Value

    package init(name: String, type: ExprType, doc: String = "", get: @escaping @Sendable (ObjectRef) -> Value) {
        self.name = name; self.type = type; self.doc = doc; self.get = get
    }

    /// A field of objects of class `Object`; the accessor yields `null` for any other object.
    package init<Object: AnyObject>(_ name: String, _ type: ExprType, doc: String = "", of _: Object.Type,
                                   _ get: @escaping @Sendable (Object) -> Value) {
        self.init(name: name, type: type, doc: doc) { ref in
            guard let o = ref.as(Object.self) else { return .null }
            return get(o)
        }
    }
}
