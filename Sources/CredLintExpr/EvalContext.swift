import CredLintModel

/// The inputs of one evaluation: the as-of time and the scope's variable
/// values, in the order the `ExprEnvironment` declared them.
public struct EvalContext: Sendable {
    package var asOf: Timestamp
    package var variables: [Value] { didSet { objects = Self.objects(of: variables) } }
    /// Each variable's object, unretained (`variables` holds it), or 0 when it is not an
    /// object: worked out once per context, so that field reads neither switch over nor
    /// retain the variable's `Value`.
    private(set) var objects: [UInt]

    public init(asOf: Timestamp, variables: [Value] = []) {
        self.asOf = asOf
        self.variables = variables
        self.objects = Self.objects(of: variables)
    }

    static func objects(of values: [Value]) -> [UInt] { values.map(\.objectBits) }
}

extension Value {
    /// The address of the object of `.object`, else 0 (for `Frame`'s unretained slots).
    var objectBits: UInt {
        guard case .object(let r) = self else { return 0 }
        return UInt(bitPattern: Unmanaged<AnyObject>.passUnretained(r.object).toOpaque())
    }
}

/// Per-evaluation state threaded through compiled code: the context plus the
/// slots of macro loop variables (`x` in `list.exists(x, ...)`). Everything is
/// borrowed from the context for the duration of `with(_:locals:_:)`.
struct Frame {
    let asOf: Timestamp
    let variables: UnsafeBufferPointer<Value>
    let objects: UnsafeBufferPointer<UInt>
    /// Stack memory owned by `with(_:locals:_:)`; valid only during that call.
    let locals: UnsafeMutableBufferPointer<Value>
    /// The locals' objects, as `objects` for the variables.
    let localObjects: UnsafeMutableBufferPointer<UInt>

    /// Runs `body` with a frame for `ctx`. Loop-variable slots live on the
    /// stack: a heap array per evaluation cost more than the rest of a small macro.
    static func with<R>(_ ctx: EvalContext, locals: Int, _ body: (inout Frame) -> R) -> R {
        ctx.variables.withUnsafeBufferPointer { variables in
            ctx.objects.withUnsafeBufferPointer { objects in
                if locals == 0 {
                    var frame = Frame(asOf: ctx.asOf, variables: variables, objects: objects,
                                      locals: UnsafeMutableBufferPointer(start: nil, count: 0),
                                      localObjects: UnsafeMutableBufferPointer(start: nil, count: 0))
                    return body(&frame)
                }
                return withUnsafeTemporaryAllocation(of: Value.self, capacity: locals) { slots in
                    slots.initialize(repeating: .null)
                    defer { _ = slots.deinitialize() }
                    return withUnsafeTemporaryAllocation(of: UInt.self, capacity: locals) { bits in
                        bits.initialize(repeating: 0)
                        var frame = Frame(asOf: ctx.asOf, variables: variables, objects: objects, locals: slots,
                                          localObjects: bits)
                        return body(&frame)
                    }
                }
            }
        }
    }

    /// Binds loop variable `slot` to `item`.
    @inline(__always)
    func bind(_ slot: Int, _ item: Value) {
        locals[slot] = item
        localObjects[slot] = item.objectBits
    }

    /// For constant folding, which reads no variables.
    static func empty() -> Frame {
        Frame(asOf: Timestamp(micros: 0), variables: UnsafeBufferPointer(start: nil, count: 0),
              objects: UnsafeBufferPointer(start: nil, count: 0),
              locals: UnsafeMutableBufferPointer(start: nil, count: 0),
              localObjects: UnsafeMutableBufferPointer(start: nil, count: 0))
    }
}

/// Compiled code: a closure tree built once; evaluation does no parsing or name lookup.
typealias ExprCode = @Sendable (inout Frame) -> Value
