/// A stack whose elements are moved, not copied, into the containers built from them: the
/// parser's pending array elements and object fields. Whatever is left on it when it is
/// dropped (after an error) is destroyed then.
struct MoveStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count &+= 1
    }

    /// Moves the elements from `start` to the top into a new array and pops them.
    mutating func popArray(from start: Int) -> [Element] {
        let n = count - start
        let source = base + start
        let array = [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
            if let target = buffer.baseAddress { target.moveInitialize(from: source, count: n) }
            initialized = n
        }
        count = start
        return array
    }

    /// Moves the element at `index` out; the caller pops the slot with ``drop(from:)``.
    @inline(__always)
    func take(_ index: Int) -> Element {
        (base + index).move()
    }

    /// Forgets the slots from `start` on, whose elements have all been taken.
    @inline(__always)
    mutating func drop(from start: Int) {
        count = start
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
