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
    /// Reads the field of any object; `null` for an object of another class.
    package var get: @Sendable (ObjectRef) -> Value
    /// The compiled read of the field of a variable or loop variable (see `init`).
    let compiled: @Sendable (FieldBase) -> (code: ExprCode, test: TestCode)

    package init(name: String, type: ExprType, doc: String = "", get: @escaping @Sendable (ObjectRef) -> Value) {
        self.name = name; self.type = type; self.doc = doc; self.get = get
        compiled = { base in
            let code: ExprCode = { f in base.value(in: f).field(get) }
            return (code, { f, wanted in code(&f).isBool(wanted) })
        }
    }

    /// A field of objects of class `Object`; the accessor yields `null` for any other object.
    package init<Object: AnyObject>(_ name: String, _ type: ExprType, doc: String = "", of _: Object.Type,
                                   _ get: @escaping @Sendable (Object) -> Value) {
        self.name = name; self.type = type; self.doc = doc
        let checked: @Sendable (ObjectRef) -> Value = { ref in
            guard let o = ref.as(Object.self) else { return .null }
            return get(o)
        }
        self.get = checked
        // Compiled code reads the object bound to the slot (`EvalContext`, `Frame.bind`)
        // borrowed, after an exact class test (the views are final classes): no retain,
        // no `as?`, and the accessor is the only other closure called. Anything else
        // (another class, a null or unknown variable) takes the checked path.
        compiled = { base in
            switch base {
            case .variable(let slot):
                return ({ f in
                    Self.read(f.objects[slot], Object.self, get) ?? f.variables[slot].field(checked)
                }, { f, wanted in
                    Self.read(f.objects[slot], Object.self) { get($0).isBool(wanted) } ?? f.variables[slot].field(checked).isBool(wanted)
                })
            case .local(let slot):
                return ({ f in
                    Self.read(f.localObjects[slot], Object.self, get) ?? f.locals[slot].field(checked)
                }, { f, wanted in
                    Self.read(f.localObjects[slot], Object.self) { get($0).isBool(wanted) } ?? f.locals[slot].field(checked).isBool(wanted)
                })
            }
        }
    }

    /// `body` on the object at `bits` (an unretained address, or 0), borrowed, when its
    /// class is exactly `Object`; else nil.
    @inline(__always)
    static func read<Object: AnyObject, R>(_ bits: UInt, _: Object.Type, _ body: (Object) -> R) -> R? {
        guard let p = UnsafeRawPointer(bitPattern: bits) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(p)._withUnsafeGuaranteedRef { o in
            guard ObjectIdentifier(Swift.type(of: o)) == ObjectIdentifier(Object.self) else { return nil }
            return body(unsafeDowncast(o, to: Object.self))
        }
    }
}

/// Where compiled code finds the object whose field it reads.
enum FieldBase {
    case variable(Int)
    case local(Int)

    func value(in f: Frame) -> Value {
        switch self {
        case .variable(let slot): f.variables[slot]
        case .local(let slot): f.locals[slot]
        }
    }
}

extension Value {
    /// A field of this value: of its object, else `unknown` for `unknown` and `null` for anything else.
    @inline(__always)
    func field(_ get: (ObjectRef) -> Value) -> Value {
        switch self {
        case .object(let r): return get(r)
        case .unknown: return .unknown
        default: return .null
        }
    }

    /// Exactly `.bool(wanted)`.
    @inline(__always)
    func isBool(_ wanted: Bool) -> Bool {
        if case .bool(let b) = self { return b == wanted }
        return false
    }
}
