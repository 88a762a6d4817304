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
    /// Reads the field of any object: nil-safe and checked, for tools and tests.
    package var get: @Sendable (ObjectRef) -> Value
    /// Reads the field of an object the caller keeps alive, with no reference
    /// counting and no dynamic cast: nil when the object is not of the field's
    /// class (then `get` decides). Compiled code reads fields through this.
    let read: @Sendable (Unmanaged<AnyObject>) -> Value?

    package init(name: String, type: ExprType, doc: String = "", get: @escaping @Sendable (ObjectRef) -> Value) {
        self.name = name; self.type = type; self.doc = doc; self.get = get
        self.read = { _ in nil }
    }

    /// A field of objects of class `Object`; the accessor yields `null` for any other object.
    package init<Object: AnyObject>(_ name: String, _ type: ExprType, doc: String = "", of _: Object.Type,
                                   _ get: @escaping @Sendable (Object) -> Value) {
        self.name = name; self.type = type; self.doc = doc
        self.get = { ref in
            guard let o = ref.as(Object.self) else { return .null }
            return get(o)
        }
        // An exact class test (a load and a compare; the views are final classes) instead
        // of `as?`, and a borrowed reference instead of a retained one: what the checker
        // already knows about the variable's type makes anything more redundant.
        self.read = { u in
            u._withUnsafeGuaranteedRef { o in
                guard ObjectIdentifier(Swift.type(of: o)) == ObjectIdentifier(Object.self) else { return nil }
                return get(unsafeDowncast(o, to: Object.self))
            }
        }
    }
}
