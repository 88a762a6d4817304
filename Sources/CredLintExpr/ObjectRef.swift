/// An opaque reference to an engine object (a user, an access key, ...) that
/// field accessors downcast. Holding a class reference keeps `Value` small and
/// copying it a single retain; plain structs can be boxed with `init(boxing:)`.
public struct ObjectRef: Sendable {
    @usableFromInline package let object: AnyObject & Sendable

    package init(_ object: AnyObject & Sendable) { self.object = object }

    /// Wraps a value type in a private box; read it back with `unboxed(_:)`.
    package init<T: Sendable>(boxing value: T) { self.object = ObjectBox(value) }

    /// The referenced object as `T`, or nil when it is something else.
    @inlinable
    package func `as`<T: AnyObject>(_: T.Type) -> T? { object as? T }

    /// The value boxed by `init(boxing:)`, or nil when it is not a `T`.
    @inlinable
    package func unboxed<T: Sendable>(_: T.Type) -> T? { (object as? ObjectBox<T>)?.value }

    /// Same object (identity), for tests and de-duplication.
    package func isSame(as other: ObjectRef) -> Bool { object === other.object }
}

/// Box for `ObjectRef(boxing:)`.
@usableFromInline package final class ObjectBox<T: Sendable>: Sendable {
    @usableFromInline package let value: T
    package init(_ value: T) { self.value = value }
}
