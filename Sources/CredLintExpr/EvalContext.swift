import CredLintModel

/// The inputs of one evaluation: the as-of time and the scope's variable
/// values, in the order the `ExprEnvironment` declared them.
///
/// The values are laid out once, when the context is made, in memory that
/// compiled code reads directly: each variable's `Value` and, for an object,
/// its address unretained (the context holds it). An evaluator that makes its
/// contexts once and reuses their views row after row pays nothing per row.
public struct EvalContext: Sendable {
    package var asOf: Timestamp
    package var variables: [Value] {
        get { slots.values }
        set { slots = Slots(newValue) }
    }
    private(set) var slots: Slots
    var variableCount: Int { slots.count }

    public init(asOf: Timestamp, variables: [Value] = []) {
        self.asOf = asOf
        self.slots = Slots(variables)
    }

    /// Immutable after `init`; `@unchecked Sendable` because it owns raw memory.
    final class Slots: @unchecked Sendable {
        let values: [Value]
        let count: Int
        let pointer: UnsafeMutablePointer<Value>
        let objects: UnsafeMutablePointer<UInt>

        init(_ values: [Value]) {
            self.values = values
            count = values.count
            pointer = .allocate(capacity: max(values.count, 1))
            pointer.initialize(from: values, count: values.count)
            objects = .allocate(capacity: max(values.count, 1))
            for (i, v) in values.enumerated() { objects[i] = v.objectBits }
        }

        deinit {
            pointer.deinitialize(count: values.count)
            pointer.deallocate()
            objects.deallocate()
        }
    }
}

extension Value {
    /// The address of the object of `.object`, else 0 (for `Frame`'s unretained slots).
    var objectBits: UInt {
        guard case .object(let r) = self else { return 0 }
        return UInt(bitPattern: Unmanaged<AnyObject>.passUnretained(r.object).toOpaque())
    }
}

/// Per-evaluation state threaded through compiled code: the context's slots plus
/// those of macro loop variables (`x` in `list.exists(x, ...)`). Everything is
/// borrowed for the duration of `with(_:locals:_:)`.
struct Frame {
    let asOf: Timestamp
    let variables: UnsafeMutablePointer<Value>
    let objects: UnsafeMutablePointer<UInt>
    /// Stack memory owned by `with(_:locals:_:)`; valid only during that call.
    let locals: UnsafeMutablePointer<Value>
    /// The locals' objects, as `objects` for the variables.
    let localObjects: UnsafeMutablePointer<UInt>

    /// Runs `body` with a frame for `ctx`. Loop-variable slots live on the
    /// stack: a heap array per evaluation cost more than the rest of a small macro.
    @inline(__always)
    static func with<R>(_ ctx: EvalContext, locals: Int, _ body: (inout Frame) -> R) -> R {
        if locals == 0 {
            var frame = Frame(ctx)
            return body(&frame)
        }
        return withLocals(ctx, locals, body)
    }


    static func withLocals<R>(_ ctx: EvalContext, _ locals: Int, _ body: (inout Frame) -> R) -> R {
        let slots = ctx.slots
        if locals == 1 {
            var value = Value.null
            var bits: UInt = 0
            return withUnsafeMutablePointer(to: &value) { vp in
                withUnsafeMutablePointer(to: &bits) { bp in
                    var frame = Frame(asOf: ctx.asOf, variables: slots.pointer, objects: slots.objects, locals: vp, localObjects: bp)
                    return withExtendedLifetime(slots) { body(&frame) }
                }
            }
        }
        if locals <= 4 {
            // A homogeneous tuple is laid out as an array; cheaper than a temporary allocation.
            var values: (Value, Value, Value, Value) = (.null, .null, .null, .null)
            var bits: (UInt, UInt, UInt, UInt) = (0, 0, 0, 0)
            return withUnsafeMutablePointer(to: &values) { vp in
                withUnsafeMutablePointer(to: &bits) { bp in
                    var frame = Frame(asOf: ctx.asOf, variables: slots.pointer, objects: slots.objects,
                                      locals: UnsafeMutableRawPointer(vp).assumingMemoryBound(to: Value.self),
                                      localObjects: UnsafeMutableRawPointer(bp).assumingMemoryBound(to: UInt.self))
                    return withExtendedLifetime(slots) { body(&frame) }
                }
            }
        }
        return withUnsafeTemporaryAllocation(of: Value.self, capacity: locals) { values in
            values.initialize(repeating: .null)
            defer { _ = values.deinitialize() }
            return withUnsafeTemporaryAllocation(of: UInt.self, capacity: locals) { bits in
                bits.initialize(repeating: 0)
                var frame = Frame(asOf: ctx.asOf, variables: slots.pointer, objects: slots.objects,
                                  locals: values.baseAddress!, localObjects: bits.baseAddress!)
                return withExtendedLifetime(slots) { body(&frame) }
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
        let none = UnsafeMutablePointer<Value>(bitPattern: MemoryLayout<Value>.alignment)!
        let bits = UnsafeMutablePointer<UInt>(bitPattern: MemoryLayout<UInt>.alignment)!
        return Frame(asOf: Timestamp(micros: 0), variables: none, objects: bits, locals: none, localObjects: bits)
    }
}

extension Frame {
    /// A frame with no loop variables, valid while `ctx` (so its slots) lives.
    @inline(__always)
    init(_ ctx: EvalContext) {
        self.init(asOf: ctx.asOf, variables: ctx.slots.pointer, objects: ctx.slots.objects,
                  locals: ctx.slots.pointer, localObjects: ctx.slots.objects)
    }
}

/// Compiled code: a closure tree built once; evaluation does no parsing or name lookup.
typealias ExprCode = @Sendable (inout Frame) -> Value
/// Compiled test of a bool expression: whether its value is exactly `.bool(wanted)`
/// (so `null` and `unknown` are neither). A rule fires when its condition passes
/// `test(&frame, true)`; `!x` passes `wanted` when `x` passes `!wanted`.
typealias TestCode = @Sendable (inout Frame, Bool) -> Bool

/// A `TestCode`, possibly negated: `!x` is `x`'s test asked the opposite, with no
/// closure of its own. (In a struct, not an `Array` or tuple of closures, so that
/// calls need no reabstraction thunk.)
struct Test: Sendable {
    let run: TestCode
    var negated = false

    @inline(__always)
    func callAsFunction(_ f: inout Frame, _ wanted: Bool) -> Bool { run(&f, wanted != negated) }
}
